import { defineConfig } from 'vite';
import { minifyCssLiterals } from './scripts/vite-minify-css-literals.js';

/**
 * The one-file bundle for webmasters: dist/civic-widgets.js, self-registering, with lit,
 * zod/mini and idb-keyval inlined, minified, with a sourcemap. Each widget, and the heavy optional
 * parts of a widget (Leaflet, budget views...), are dynamic imports that land in chunks/ next to it,
 * loaded only when a page uses them.
 */
export default defineConfig({
  plugins: [minifyCssLiterals()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    // terser (3 passes) ships 8 % fewer gzipped bytes than the default minifier on this bundle.
    minify: 'terser',
    terserOptions: { ecma: 2020, module: true, compress: { passes: 3, pure_getters: true }, format: { comments: false } },
    lib: {
      entry: 'src/embed.ts',
      formats: ['es'],
      fileName: () => 'civic-widgets.js',
    },
    rolldownOptions: {
      // Our modules have no side effects but registering tags (define.ts, embed.ts): a schema module
      // no widget uses is dropped whole. Dependencies keep what their own package.json says.
      treeshake: { propertyReadSideEffects: false, moduleSideEffects: (id: string, external: boolean) => external || !/\/src\//.test(id) || /\/src\/(define|embed)\.ts$/.test(id) },
      // Widget chunks import the shared core (lit, the client...) from civic-widgets.js itself, which
      // may grow exports for them; without this, lib mode would split the core into a third file.
      // Rolldown merges the shared modules into the entry only when that creates no chunk cycle: a
      // lazy module must not share a module with another lazy module except through the core (a
      // Leaflet part importing lit itself, two widget chunks sharing a strings file...). Otherwise
      // the core lands in chunks/ and `npm run size` fails, naming the static import.
      preserveEntrySignatures: 'allow-extension',
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
