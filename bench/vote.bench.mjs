// `npm run bench:vote`: a 50-project participatory budget in Debian's Chromium, built bundle
// (dist/civic-widgets.js and its lazy chunks), the real reference backend on a throwaway PGlite.
// Medians of RUNS runs, each in a fresh browser context, without and with 4x CPU throttling:
//   - load: navigation start -> all 50 project cards in the widget's shadow root (checked every frame);
//   - add:  click on a project's "add" button -> running total updated, to the next frame.
// Prints a table; asserts nothing. Run `npm run build` first.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const RUNS = Number(process.env.RUNS || 10);
const PROJECTS = 50;
const ADMIN = 'bench-admin-token-0123456789abcdef';
const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

if (!existsSync('dist/civic-widgets.js')) {
  console.error('dist/civic-widgets.js is missing: run `npm run build` first.');
  process.exit(1);
}

/* ------------------------------------------------------------------ backend */

const dataDir = mkdtempSync(join(tmpdir(), 'civic-bench-vote-'));
const emptyContent = mkdtempSync(join(tmpdir(), 'civic-bench-content-'));
const apiPort = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: { ...process.env, PORT: String(apiPort), HOST: '127.0.0.1', CIVIC_DATA_DIR: dataDir, CIVIC_CONTENT_DIR: emptyContent, CIVIC_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn', CIVIC_RATE_LIMIT_MAX: '100000', CIVIC_VOTE_IP_LIMIT: '100000' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const api = `http://127.0.0.1:${apiPort}/api`;

async function waitForServer() {
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(`${api}/openapi.json`);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the backend did not start');
}

const categories = ['nature', 'mobilite', 'culture', 'sport', 'solidarite'].map((id) => ({ id, label: { fr: id, en: id } }));
const districts = ['centre', 'gare', 'plateau', 'port', 'vallee'].map((id) => ({ id, label: { fr: id, en: id } }));
const definition = {
  id: 'bench-budget',
  title: { fr: 'Budget participatif (banc d’essai)', en: 'Participatory budget (bench)' },
  method: 'budget',
  budget: { total: 1_000_000, currency: 'EUR', minShare: 0.5, rule: 'both' },
  categories,
  districts,
  options: Array.from({ length: PROJECTS }, (_, i) => ({
    id: `p${i + 1}`,
    label: { fr: `Projet ${i + 1}`, en: `Project ${i + 1}` },
    description: { fr: `Résumé du projet ${i + 1} : ce qu’il change dans le quartier, en deux lignes.`, en: `Summary of project ${i + 1}: what it changes in the district, in two lines.` },
    cost: 5_000 + ((i * 7919) % 20) * 10_000,
    category: categories[i % 5].id,
    district: districts[(i * 3) % 5].id,
    image: { src: `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 9"><rect width="16" height="9" fill="hsl(${(i * 37) % 360} 45% 55%)"/></svg>`)}`, alt: { fr: `Illustration ${i + 1}`, en: `Illustration ${i + 1}` } },
  })),
  resultsVisibility: 'after-vote',
};

/* ------------------------------------------------------------------ page server (the page and the built bundle) */

const page = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>bench</title><script type="module" src="/civic-widgets.js"></script></head>
<body><main style="max-width: 60rem; margin: auto"><civic-vote endpoint="${api}" vote-id="bench-budget"></civic-vote></main></body></html>`;
const web = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/' || path === '/index.html') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    return res.end(page);
  }
  const file = normalize(join('dist', path));
  if (file.startsWith('dist') && file.endsWith('.js') && existsSync(file)) {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
    return res.end(readFileSync(file));
  }
  res.writeHead(404).end();
});
await new Promise((r) => web.listen(0, '127.0.0.1', r));
const pageUrl = `http://127.0.0.1:${web.address().port}/`;

/* ------------------------------------------------------------------ measures */

// Runs in the page before anything else: the time (ms since navigation start) at which the
// widget first shows all its project cards, checked once per frame.
const probe = `(() => {
  const tick = () => {
    const n = document.querySelector('civic-vote')?.shadowRoot?.querySelectorAll('.project').length ?? 0;
    if (n >= ${PROJECTS}) window.__cardsAt = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

async function once(browser, throttle) {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 1 });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await tab.addInitScript(probe);
  await tab.goto(pageUrl);
  await tab.waitForFunction(() => window.__cardsAt !== undefined, null, { timeout: 60000 });
  const load = await tab.evaluate(() => window.__cardsAt);
  const add = await tab.evaluate(async () => {
    const root = document.querySelector('civic-vote').shadowRoot;
    const label = root.querySelector('#spent-label');
    const before = label.textContent;
    const button = root.querySelector('.project[data-id="p7"] .toggle');
    const t0 = performance.now();
    button.click();
    await document.querySelector('civic-vote').updateComplete;
    if (label.textContent === before) throw new Error('the total did not change');
    await new Promise((r) => requestAnimationFrame(() => r()));
    return performance.now() - t0;
  });
  await context.close();
  return { load, add };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

let browser;
try {
  await waitForServer();
  const put = await fetch(`${api}/admin/votes/bench-budget`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify(definition),
  });
  if (!put.ok) throw new Error(`creating the budget: ${put.status} ${await put.text()}`);
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  await once(browser, 1); // warm-up (server caches, disk cache of the runtime), not counted
  const rows = [];
  for (const throttle of [1, 4]) {
    const loads = [];
    const adds = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await once(browser, throttle);
      loads.push(r.load);
      adds.push(r.add);
    }
    rows.push({ throttle, load: median(loads), loadMax: Math.max(...loads), add: median(adds), addMax: Math.max(...adds) });
  }
  console.log(`\n<civic-vote> participatory budget, ${PROJECTS} projects, built bundle, Chromium ${browser.version()}, ${RUNS} runs each (fresh context), viewport 412x915`);
  console.log('| CPU | navigation -> 50 cards rendered (median / max) | click "add" -> total updated, next frame (median / max) |');
  console.log('| --- | --- | --- |');
  for (const r of rows) {
    console.log(`| ${r.throttle === 1 ? 'unthrottled' : `${r.throttle}x slower`} | ${r.load.toFixed(0)} ms / ${r.loadMax.toFixed(0)} ms | ${r.add.toFixed(1)} ms / ${r.addMax.toFixed(1)} ms |`);
  }
} finally {
  await browser?.close();
  web.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(emptyContent, { recursive: true, force: true });
}
