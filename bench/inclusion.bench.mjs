// `npm run bench:inclusion`: how long a resident on an old phone with a poor connection waits before
// each widget can be used. Debian's Chromium, headless, the built one-file bundle (dist/civic-widgets.js
// and its lazy chunks) on a plain page, the real reference backend on a throwaway PGlite with the
// demo content. The page server sends the scripts and tiles gzipped, as a web server would. Each run
// in a fresh browser context (empty cache), with
//   - a slow 3G profile: CDP Network.emulateNetworkConditions, 400 kbit/s down, 400 kbit/s up, 400 ms RTT
//     (it applies to the page, the bundle, its chunks, the API and the map tiles alike);
//   - CPU throttled 4x: CDP Emulation.setCPUThrottlingRate 4;
//   - a 360 x 740 viewport.
// Prints the median and the worst of RUNS runs (default 5) per widget, plus the bytes the page
// received until then. Asserts nothing; not part of `npm test`. Run `npm run build` first.
//
// "Usable", per widget (checked on every frame from navigation start, `performance.now()`):
//   vote           the first option's radio button and the "Vote" button are in the shadow root, enabled
//   vote-ranked    the first "Add" button of the options to rank, enabled
//   vote-budget    the first project's "Add" button, not aria-disabled
//   petition       the first text field and the "Sign" button, enabled
//   survey         the first page's first field and the "Next" button, enabled
//   map-report     the first kind of problem, the description field and "Send my report", enabled: the
//                  report can be made without the map (the map's own time is the next column)
//   comments       the comment field and "Publish", enabled (the list's first comment: next column)
//   comment-count  the count's text is in the page's link
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const RUNS = Number(process.env.RUNS || 5);
const ADMIN = 'bench-admin-token-0123456789abcdef';
const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
const CPU = 4;

if (!existsSync('dist/civic-widgets.js')) {
  console.error('dist/civic-widgets.js is missing: run `npm run build` first.');
  process.exit(1);
}

/* ------------------------------------------------------------------ backend with the demo content */

const dataDir = mkdtempSync(join(tmpdir(), 'civic-bench-inclusion-'));
const apiPort = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: { ...process.env, PORT: String(apiPort), HOST: '127.0.0.1', CIVIC_DATA_DIR: dataDir, CIVIC_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn', CIVIC_RATE_LIMIT_MAX: '100000', CIVIC_VOTE_IP_LIMIT: '100000' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const api = `http://127.0.0.1:${apiPort}/api`;

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${api}/openapi.json`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the backend did not start');
}

/* ------------------------------------------------------------------ the widgets and when each is usable */

const root = (tag) => `document.querySelector('${tag}')?.shadowRoot`;
const enabled = (expr) => `((e) => !!e && !e.disabled && e.getAttribute('aria-disabled') !== 'true')(${expr})`;

const WIDGETS = [
  {
    name: 'vote (single choice)',
    html: `<civic-vote endpoint="${api}" vote-id="velo-rue-principale"></civic-vote>`,
    usable: `${enabled(`${root('civic-vote')}?.querySelector('form input[type=radio]')`)} && ${enabled(`${root('civic-vote')}?.querySelector('[part~=submit-button]')`)}`,
  },
  { name: 'vote (ranked)', html: `<civic-vote endpoint="${api}" vote-id="ordre-priorites"></civic-vote>`, usable: enabled(`${root('civic-vote')}?.querySelector('.unranked .add')`) },
  { name: 'vote (budget)', html: `<civic-vote endpoint="${api}" vote-id="budget-2027"></civic-vote>`, usable: enabled(`${root('civic-vote')}?.querySelector('.project .toggle')`) },
  {
    name: 'petition',
    html: `<civic-petition endpoint="${api}" petition-id="bureau-de-poste"></civic-petition>`,
    usable: `${enabled(`${root('civic-petition')}?.querySelector('form input[type=text]:not([tabindex="-1"])')`)} && ${enabled(`${root('civic-petition')}?.querySelector('[part~=submit-button]')`)}`,
  },
  {
    name: 'survey',
    html: `<civic-survey endpoint="${api}" survey-id="mobilite-2027"></civic-survey>`,
    usable: `${enabled(`${root('civic-survey')}?.querySelector('form :is(input, select, textarea)')`)} && ${enabled(`${root('civic-survey')}?.querySelector('[part~=submit-button]')`)}`,
  },
  {
    name: 'map-report',
    html: `<civic-map-report endpoint="${api}" report-id="saint-aubin" tile-url="/demo/tiles/{z}/{x}/{y}.svg" tile-max-zoom="16"></civic-map-report>`,
    usable: `${enabled(`${root('civic-map-report')}?.querySelector('input[name=service]')`)} && ${enabled(`${root('civic-map-report')}?.querySelector('#f-description')`)} && ${enabled(`${root('civic-map-report')}?.querySelector('[part~=submit-button]')`)}`,
    more: { label: 'map with tiles', ready: `(${root('civic-map-report')}?.querySelectorAll('#map img.leaflet-tile-loaded').length ?? 0) >= 4` },
  },
  {
    name: 'comments',
    html: `<civic-comments endpoint="${api}" thread-id="place-du-marche"></civic-comments>`,
    usable: `${enabled(`${root('civic-comments')}?.querySelector('#top-body')`)} && ${enabled(`${root('civic-comments')}?.querySelector('#form-top [part~=submit-button]')`)}`,
    more: { label: 'first comment', ready: `!!${root('civic-comments')}?.querySelector('article.comment')` },
  },
  {
    name: 'comment-count',
    html: `<a href="#discussion">Place du Marché — <civic-comment-count endpoint="${api}" thread-id="place-du-marche"></civic-comment-count></a>`,
    usable: `!!${root('civic-comment-count')}?.querySelector('[part=count]')?.textContent`,
  },
];

/* ------------------------------------------------------------------ the page server: the page, the built bundle, the demo tiles */

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png' };
// Compressed as any web server or CMS sends scripts (gzip, level 6); the API answers as the reference backend does.
const gz = new Map();
const gzipped = (file) => gz.get(file) ?? gz.set(file, gzipSync(readFileSync(file))).get(file);
const web = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/') {
    const w = WIDGETS[Number(url.searchParams.get('w'))];
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    return res.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>bench</title><script type="module" src="/civic-widgets.js"></script></head><body><main style="max-width: 40rem; margin: auto">${w.html}</main></body></html>`);
  }
  const file = url.pathname.startsWith('/demo/tiles/') ? normalize(join('.', url.pathname)) : normalize(join('dist', url.pathname));
  if ((file.startsWith('dist') || file.startsWith('demo/tiles')) && TYPES[extname(file)] && existsSync(file)) {
    const zip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && extname(file) !== '.png';
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)], 'Cache-Control': 'no-store', ...(zip ? { 'Content-Encoding': 'gzip' } : {}) });
    return res.end(zip ? gzipped(file) : readFileSync(file));
  }
  res.writeHead(404).end();
});
await new Promise((r) => web.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${web.address().port}/`;

/* ------------------------------------------------------------------ one run */

// Installed before the page's own scripts: records, on the first frame each holds, when the widget
// is usable (and the optional second milestone), and tells the bench (which then reads how many
// bytes the network has delivered: the API is another origin, invisible to Resource Timing).
const probe = (w) => `(() => {
  const tick = () => {
    try {
      if (window.__usableAt === undefined && (${w.usable})) { window.__usableAt = performance.now(); window.__benchUsable?.(); }
      ${w.more ? `if (window.__moreAt === undefined && (${w.more.ready})) window.__moreAt = performance.now();` : ''}
    } catch { /* not there yet */ }
    if (window.__usableAt === undefined || ${w.more ? 'window.__moreAt === undefined' : 'false'}) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

async function once(browser, index, throttled) {
  const w = WIDGETS[index];
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1 });
  try {
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    // Bytes of every response finished so far (headers and body as sent on the wire), read when the widget is usable.
    let received = 0;
    let atUsable;
    cdp.on('Network.loadingFinished', (e) => (received += e.encodedDataLength));
    await tab.exposeFunction('__benchUsable', () => (atUsable ??= received));
    await cdp.send('Network.enable');
    if (throttled) {
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
    }
    await tab.addInitScript(probe(w));
    await tab.goto(`${base}?w=${index}`, { timeout: 120000 });
    await tab.waitForFunction((more) => window.__usableAt !== undefined && (!more || window.__moreAt !== undefined), !!w.more, { timeout: 120000, polling: 200 });
    const t = await tab.evaluate(() => ({ usable: window.__usableAt, more: window.__moreAt }));
    return { ...t, bytes: atUsable ?? received };
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;

let browser;
try {
  await waitForServer();
  // The demo discussion with 30 comments, as a lived-in thread.
  const seeded = await fetch(`${api}/admin/threads/place-du-marche/seed`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify({ count: 30 }),
  });
  if (!seeded.ok) throw new Error(`seeding the discussion: ${seeded.status} ${await seeded.text()}`);
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  for (let i = 0; i < WIDGETS.length; i++) await once(browser, i, false); // warm-up of the server, not counted
  const rows = [];
  for (let i = 0; i < WIDGETS.length; i++) {
    const runs = [];
    for (let r = 0; r < RUNS; r++) runs.push(await once(browser, i, true));
    const more = runs.map((x) => x.more).filter((x) => x !== undefined);
    rows.push({
      name: WIDGETS[i].name,
      usable: median(runs.map((x) => x.usable)),
      worst: Math.max(...runs.map((x) => x.usable)),
      kb: median(runs.map((x) => x.bytes)) / 1024,
      more: more.length ? `${WIDGETS[i].more.label}: ${sec(median(more))}` : '',
    });
  }
  console.log(`\nTime until usable — slow 3G (400 kbit/s down and up, 400 ms RTT) + CPU 4x slower, built bundle, Chromium ${browser.version()}, viewport 360x740, ${RUNS} runs per widget (fresh context, no cache)`);
  console.log('| widget | usable (median) | worst | received until usable (median) | later |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.name} | ${sec(r.usable)} | ${sec(r.worst)} | ${r.kb.toFixed(0)} kB | ${r.more} |`);
} finally {
  await browser?.close();
  web.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
