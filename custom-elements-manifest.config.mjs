/** custom-elements.json from the widgets' JSDoc (run from the package root: `npm run analyze`). */
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/index.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
