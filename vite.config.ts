import { defineConfig } from 'vite';
import { minifyCssLiterals } from './scripts/vite-minify-css-literals.js';

/**
 * The one-file bundle for webmasters: dist/civic-widgets.js, self-registering, with lit,
 * zod/mini and idb-keyval inlined, minified, with a sourcemap. Heavy optional parts (Leaflet) are
 * dynamic imports and land in chunks next to it, loaded only when needed.
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
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
