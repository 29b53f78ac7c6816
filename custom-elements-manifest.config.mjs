/** custom-elements.json from the widgets' JSDoc (run from the package root: `npm run analyze`). */
export default {
  globs: ['src/components/**/*.ts', 'src/internal/civic-element.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/index.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // The analyzer also lists every `dispatchEvent(new SomeEvent(...))` it sees, without a name;
      // the events are documented with @event in each class's JSDoc, so those copies are dropped.
      name: 'civic-drop-unnamed-events',
      packageLinkPhase({ customElementsManifest }) {
        // The analyzer lists modules in the order its workers finish: sort them, so that the file
        // (and the README tables made from it) only change when the JSDoc does.
        customElementsManifest.modules?.sort((a, b) => a.path.localeCompare(b.path));
        for (const mod of customElementsManifest.modules ?? []) {
          for (const decl of mod.declarations ?? []) {
            if (decl.events) decl.events = decl.events.filter((e) => e.name);
          }
        }
      },
    },
  ],
};
