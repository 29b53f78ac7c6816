import type { StorybookConfig } from '@storybook/web-components-vite';
import { liveBackend } from './live-backend.js';

/**
 * Storybook for civic-widgets.
 *
 * - `npm run storybook` (dev): the real reference backend (server/) runs inside Storybook's Vite
 *   dev server on an in-memory PGlite with the demo polls, and `/api/*` of the Storybook server is
 *   proxied to it (see live-backend.ts). Live stories use `endpoint="/api"`.
 * - `npm run build-storybook` (static): no backend; live stories say so, the state stories run on
 *   the Storybook-only fixture backend (stories/support/fixture-backend.ts).
 */
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: { disableTelemetry: true },
  // The map-report stories' local tiles (demo/tiles): no tile server on the internet.
  staticDirs: [{ from: '../demo/tiles', to: '/tiles' }],
  async viteFinal(viteConfig, { configType }) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      // The widgets use legacy decorators without define semantics for class fields
      // (tsconfig: experimentalDecorators + useDefineForClassFields: false; STACK.md gotcha 3).
      // Vite 8 reads tsconfig.json already; said again here so a tsconfig change cannot break it silently.
      oxc: {
        decorator: { legacy: true },
        assumptions: { setPublicClassFields: true },
        typescript: { removeClassFieldsWithoutInitializer: true },
      },
      // One copy of lit-html in dev: Storybook's renderer imports lit/directive-helpers.js, which
      // the optimizer would otherwise leave outside the pre-bundled lit ("Multiple versions of Lit loaded").
      optimizeDeps: { include: ['lit', 'lit/directive-helpers.js', 'lit/decorators.js', '@lit/task', '@lit/context', 'idb-keyval', 'zod/mini'] },
      plugins: configType === 'DEVELOPMENT' ? [liveBackend()] : [],
    });
  },
};

export default config;
