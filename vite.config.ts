import { defineConfig } from 'vite';
import { minifyCssLiterals } from './scripts/vite-minify-css-literals.js';
import { leafletTrustedTypes } from './scripts/vite-leaflet-trusted-types.js';

/**
 * The one-file bundle for webmasters: dist/civic-widgets.js, self-registering, with lit,
 * zod/mini and idb-keyval inlined, minified, with a sourcemap. Each widget, and the heavy optional
 * parts of a widget (Leaflet, budget views...), are dynamic imports that land in chunks/ next to it,
 * loaded only when a page uses them.
 */
export default defineConfig({
  plugins: [minifyCssLiterals(), leafletTrustedTypes()],
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
      // The shared core (lit, zod/mini, idb-keyval, the client, the outbox, i18n, the base class) is
      // one chunk, chunks/core-*.js, that civic-widgets.js imports and every widget chunk imports.
      // Rolldown would otherwise decide where shared modules go by heuristics that moved them out of
      // the entry as soon as a lazy chunk used a lit directive; a named group is deterministic.
      // civic-widgets.js stays a small loader (src/embed.ts, src/internal/widgets.ts): it fetches the
      // core and the chunks of the widgets already in the page at the same time.
      // The languages loaded on demand (src/i18n/locales/) and the easy-read tables (src/i18n/easy/) stay chunks of their own.
      // So do the printed versions' shared code (src/internal/qr.ts, paper*.ts), loaded with a widget's print chunk,
      // and assisted mode's part (src/internal/assisted*.ts) and its languages (src/internal/messages/), loaded on a terminal's page only.
      preserveEntrySignatures: 'allow-extension',
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        codeSplitting: {
          groups: [
            {
              name: 'core',
              test: /node_modules\/(lit|lit-html|lit-element|@lit|idb-keyval)\/|src\/(internal(?!\/(qr|paper|assisted|messages\/|widgets\.ts))|i18n(?!\/(locales|easy)\/)|styles|events|components\/config)\/|src\/api\/(client|resources)\.ts$/,
            },
            // zod and the schemas every kind shares: loaded by each widget while its first render
            // happens (the core does not import them), so that zod is never on the first render's path.
            {
              name: 'schemas',
              test: /node_modules\/zod\/|src\/api\/schemas\/common\.ts$|rolldown\/runtime/,
            },
          ],
        },
      },
    },
  },
});
