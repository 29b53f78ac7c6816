/** Vite's `?raw` import: the file's text. */
declare module '*.css?raw' {
  const text: string;
  export default text;
}
