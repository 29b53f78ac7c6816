// `npm run test:package`: the package as a bundler user gets it. Packs it (npm pack), installs the
// tarball in a fresh project outside the repo, type-checks an import of `civic-widgets` and
// `civic-widgets/vote`, bundles it with Vite, and loads the result in Chromium to check that the
// per-widget entry registers its tags (a wrong `sideEffects` silently drops them).
// Needs `npm run build` first. Ends with `N passed, N failed`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ensureChromium } from './chromium.mjs';

const repo = resolve('.');
const dir = mkdtempSync(join(tmpdir(), 'civic-consumer-'));
const results = [];
const check = (name, ok, detail = '') => {
  results.push(ok);
  console.log(`${ok ? '✓' : '✗'} ${name}${detail ? ` — ${detail}` : ''}`);
};
const sh = (cmd, args, cwd = dir) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

try {
  const tgz = sh('npm', ['pack', '--silent', '--pack-destination', dir], repo).trim().split('\n').pop();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(dir, 'main.ts'), `import 'civic-widgets/vote';
import { CivicVote, VoteDefinition, type VoteResults } from 'civic-widgets';
const el = document.createElement('civic-vote') as CivicVote;
el.voteId = 'velo-rue-principale';
const results: VoteResults | undefined = undefined;
console.log(el.voteId, typeof VoteDefinition.parse, results);
`);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="./main.ts"></script>');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, noEmit: true, lib: ['ES2023', 'DOM'], types: [] }, include: ['main.ts'] }));
  sh('npm', ['install', '--silent', '--no-audit', '--no-fund', `./${tgz}`]);
  check('the packed tarball installs in a fresh project', true, tgz);
  try {
    sh(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', '.']);
    check('its types check (civic-widgets, civic-widgets/vote)', true);
  } catch (e) {
    check('its types check (civic-widgets, civic-widgets/vote)', false, String(e.stdout || e.message).slice(0, 500));
  }
  sh(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']);
  const js = readdirSync(join(dir, 'dist/assets')).filter((f) => f.endsWith('.js'));
  check('Vite bundles it', js.length > 0, `${js.length} file(s): the app and the widgets' lazy chunks`);
  // Serve the app's whole dist/ (its entry imports lazy chunks next to it).
  const server = createServer((q, r) => {
    const path = (q.url ?? '/').split('?')[0];
    const rel = path === '/' ? 'index.html' : path.replace(/^\/+/, '');
    if (rel === 'favicon.ico') return void r.writeHead(204).end();
    try {
      if (rel.includes('..')) throw new Error('outside');
      const body = readFileSync(join(dir, 'dist', rel));
      r.writeHead(200, { 'content-type': rel.endsWith('.html') ? 'text/html' : 'text/javascript' });
      r.end(body);
    } catch {
      r.writeHead(404);
      r.end();
    }
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => customElements.get('civic-vote') && customElements.get('civic-config'), null, { timeout: 5000 }).catch(() => {});
    const defined = await page.evaluate(() => [!!customElements.get('civic-vote'), !!customElements.get('civic-config')]);
    check("`import 'civic-widgets/vote'` registers <civic-vote> and <civic-config> in the bundled app", defined.every(Boolean), JSON.stringify(defined));
    check('no page error', errors.length === 0, errors.join(' | '));
  } finally {
    await browser.close();
    server.close();
  }
} catch (e) {
  check('package check ran to the end', false, String(e.stderr || e.message).slice(0, 800));
}
const passed = results.filter(Boolean).length;
console.log(`\n${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
