// Web Test Runner: widget and unit tests in Debian's Chromium (no browser download), against the
// real reference backend. Run through `npm run test:browser` (which loads tsx for the plugins).
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { backendPlugin, countsReporter } from './test/support/wtr-plugins.ts';
import { a11yCommandsPlugin } from './test/support/a11y-commands.ts';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const coverage = process.argv.includes('--coverage');

export default {
  files: ['test/**/*.test.ts', '!test/support/**'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 300000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), backendPlugin(), a11yCommandsPlugin()],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
      },
    }),
  ],
  coverageConfig: {
    include: ['src/**/*.ts'],
    exclude: ['src/**/*.styles.ts', 'node_modules/**', 'test/**'],
    report: coverage,
    reportDir: 'coverage/browser',
    reporters: ['lcovonly', 'text-summary'],
    threshold: { lines: 85 },
  },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countsReporter('.tmp/wtr-counts.json')],
};
