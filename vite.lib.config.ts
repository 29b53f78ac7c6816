import { defineConfig } from 'vite';

/**
 * One ES module per widget for bundler users (`civic-widgets/vote`...), dependencies left
 * external so the application's bundler deduplicates lit, zod and idb-keyval.
 */
export default defineConfig({
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    minify: false,
    lib: {
      entry: {
        index: 'src/index.ts',
        define: 'src/define.ts',
        vote: 'src/components/vote/index.ts',
        petition: 'src/components/petition/index.ts',
        survey: 'src/components/survey/index.ts',
        comments: 'src/components/comments/index.ts',
        'map-report': 'src/components/map-report/index.ts',
        config: 'src/components/config/config.ts',
        schemas: 'src/api/schemas.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^lit($|\/)/, /^@lit\//, /^zod($|\/)/, /^idb-keyval($|\/)/, /^leaflet($|\/)/],
      output: { chunkFileNames: 'shared/[name]-[hash].js' },
    },
  },
});
