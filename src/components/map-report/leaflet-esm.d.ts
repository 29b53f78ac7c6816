// Leaflet 1.9 ships its ES module build at this path (its package.json only names the UMD build,
// which browsers cannot import as a module); the types are those of @types/leaflet.
declare module 'leaflet/dist/leaflet-src.esm.js' {
  export * from 'leaflet';
}
