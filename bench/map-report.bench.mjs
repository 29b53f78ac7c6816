// `npm run bench:map-report`: <civic-map-report> in Debian's Chromium, built bundle (dist/ and its
// lazy chunks), the real reference backend on a throwaway PGlite, the local tiles of demo/tiles.
// Prints (asserts nothing; run `npm run build` first):
//   - min+gz bytes of the widget's chunk (without Leaflet), of the Leaflet chunk and of the photo chunk;
//   - time until the form is usable: navigation start -> the category choices are in the widget's
//     form (checked every frame), and -> the map has its tiles; medians of RUNS fresh contexts,
//     unthrottled and with 4x CPU throttling;
//   - 1,000 seeded reports in mode="list": navigation -> markers on the map, the clustering
//     render itself (the widget's `civic-map-report:markers` measure), and one zoom step re-clustered.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const RUNS = Math.max(10, Number(process.env.RUNS || 10));
const REPORTS = 1000;
const ADMIN = 'bench-admin-token-0123456789abcdef';
const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

if (!existsSync('dist/civic-widgets.js') || !existsSync('dist/chunks')) {
  console.error('dist/civic-widgets.js is missing: run `npm run build` first.');
  process.exit(1);
}

/* ------------------------------------------------------------------ sizes */

const gz = (b) => gzipSync(b, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const chunks = readdirSync('dist/chunks').filter((f) => f.endsWith('.js'));
const sizeOf = (re, what) => {
  const f = chunks.find((c) => re.test(c));
  if (!f) throw new Error(`no ${what} chunk in dist/chunks (run npm run build)`);
  const b = readFileSync(`dist/chunks/${f}`);
  return { file: f, min: b.length, gz: gz(b) };
};
const sizes = [
  ['widget (map-report chunk, without Leaflet)', sizeOf(/^map-report-[\w-]+\.js$/, 'map-report')],
  ['map (Leaflet + pin, clustering, its CSS)', sizeOf(/^map-(?!report)[\w-]+\.js$/, 'map')],
  ['photos (resize and re-encode)', sizeOf(/^photos-[\w-]+\.js$/, 'photos')],
];
const core = readFileSync('dist/civic-widgets.js');
const coreImports = [...core.toString().matchAll(/from"\.\/chunks\/([\w.-]+\.js)"/g)].map((m) => m[1]);
const coreGz = gz(core) + coreImports.reduce((s, f) => s + gz(readFileSync(`dist/chunks/${f}`)), 0);

/* ------------------------------------------------------------------ backend */

const dataDir = mkdtempSync(join(tmpdir(), 'civic-bench-map-'));
const emptyContent = mkdtempSync(join(tmpdir(), 'civic-bench-content-'));
const apiPort = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: { ...process.env, PORT: String(apiPort), HOST: '127.0.0.1', CIVIC_DATA_DIR: dataDir, CIVIC_CONTENT_DIR: emptyContent, CIVIC_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn', CIVIC_RATE_LIMIT_MAX: '100000', CIVIC_REPORT_IP_LIMIT: '100000' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const api = `http://127.0.0.1:${apiPort}/api`;

async function waitForServer() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${api}/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the backend did not start');
}

const { kind: _kind, ...demo } = JSON.parse(readFileSync('demo/content/map-reports/saint-aubin.json', 'utf8'));
const SPACE = 'bench-space';

/** 1,000 reports spread over the town's bounds (a fixed pseudo-random sequence), a third with a status change. */
async function seed() {
  const put = await fetch(`${api}/admin/map-reports/${SPACE}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify({ ...demo, id: SPACE }),
  });
  if (!put.ok) throw new Error(`creating the space: ${put.status} ${await put.text()}`);
  let s = 42;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const { south, west, north, east } = demo.map.bounds;
  const services = ['trottoir', 'panneau', 'depot-sauvage', 'tag', 'arbre', 'aire-de-jeux'];
  const statuses = ['acknowledged', 'in_progress', 'fixed', 'not_ours'];
  let next = 0;
  const worker = async () => {
    while (next < REPORTS) {
      const i = next++;
      const res = await fetch(`${api}/map-reports/${SPACE}/requests`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-seed-${String(i).padStart(8, '0')}` },
        body: JSON.stringify({
          service_code: services[i % services.length],
          // Denser in the centre, as reports are.
          lat: south + (north - south) * (0.5 + (rnd() - 0.5) * (i % 3 ? 0.5 : 1)),
          long: west + (east - west) * (0.5 + (rnd() - 0.5) * (i % 3 ? 0.5 : 1)),
          description: `Signalement ${i + 1}`,
          fillMs: 8000,
        }),
      });
      if (!res.ok) throw new Error(`seeding report ${i}: ${res.status} ${await res.text()}`);
      const { service_request_id: rid } = await res.json();
      if (i % 3 === 0) {
        const up = await fetch(`${api}/admin/map-reports/${SPACE}/requests/${rid}/updates`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN}` },
          body: JSON.stringify({ status: statuses[(i / 3) % statuses.length] }),
        });
        if (!up.ok) throw new Error(`updating report ${rid}: ${up.status}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/* ------------------------------------------------------------------ page server (pages, built bundle, tiles) */

const page = (mode) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>bench</title><script type="module" src="/civic-widgets.js"></script></head>
<body><main style="max-width: 48rem; margin: auto"><civic-map-report endpoint="${api}" report-id="${SPACE}" mode="${mode}" tile-url="/tiles/{z}/{x}/{y}.svg" tile-max-zoom="16"></civic-map-report></main></body></html>`;
const web = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/' || path === '/list') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    return res.end(page(path === '/list' ? 'list' : 'report'));
  }
  const js = normalize(join('dist', path));
  if (js.startsWith('dist') && js.endsWith('.js') && existsSync(js)) {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
    return res.end(readFileSync(js));
  }
  const tile = normalize(join('demo', path));
  if (path.startsWith('/tiles/') && tile.startsWith(join('demo', 'tiles')) && tile.endsWith('.svg') && existsSync(tile)) {
    res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-store' });
    return res.end(readFileSync(tile));
  }
  res.writeHead(404).end();
});
await new Promise((r) => web.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${web.address().port}`;

/* ------------------------------------------------------------------ measures */

// Runs in the page before anything else: when (ms since navigation start) the form first has its
// category choices, when the map first has tiles, when the list map first has markers.
const probe = `(() => {
  const list = location.pathname === '/list';
  const tick = () => {
    const r = document.querySelector('civic-map-report')?.shadowRoot;
    if (r && window.__formAt === undefined && r.querySelector('form.report-form input[name=service]')) window.__formAt = performance.now();
    if (r && window.__tilesAt === undefined && r.querySelectorAll('img.leaflet-tile-loaded').length >= 4) window.__tilesAt = performance.now();
    if (r && window.__markersAt === undefined && Number(r.querySelector('#map')?.dataset.markers) > 0) window.__markersAt = performance.now();
    if (list ? window.__markersAt === undefined : window.__formAt === undefined || window.__tilesAt === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

async function context(browser, throttle) {
  const ctx = await browser.newContext({ viewport: { width: 412, height: 915 }, deviceScaleFactor: 1 });
  const tab = await ctx.newPage();
  const cdp = await ctx.newCDPSession(tab);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await tab.addInitScript(probe);
  return { ctx, tab };
}

async function formRun(browser, throttle) {
  const { ctx, tab } = await context(browser, throttle);
  await tab.goto(`${origin}/`);
  await tab.waitForFunction(() => window.__formAt !== undefined && window.__tilesAt !== undefined, null, { timeout: 60000 });
  const r = await tab.evaluate(() => ({ form: window.__formAt, tiles: window.__tilesAt }));
  await ctx.close();
  return r;
}

async function listRun(browser, throttle) {
  const { ctx, tab } = await context(browser, throttle);
  await tab.goto(`${origin}/list`);
  await tab.waitForFunction(() => window.__markersAt !== undefined, null, { timeout: 60000 });
  const first = await tab.evaluate(() => {
    const m = performance.getEntriesByName('civic-map-report:markers').find((x) => x.detail?.reports > 0);
    return { shown: window.__markersAt, render: m.duration, reports: m.detail.reports, rendered: m.detail.rendered, count: performance.getEntriesByName('civic-map-report:markers').length };
  });
  // One zoom step in, as a resident presses + on the focused map (Leaflet's keyboard handler).
  await tab.locator('civic-map-report #map').focus();
  await tab.keyboard.press('+');
  await tab.waitForFunction((n) => performance.getEntriesByName('civic-map-report:markers').length > n, first.count, { timeout: 30000 });
  const zoom = await tab.evaluate(() => {
    const m = performance.getEntriesByName('civic-map-report:markers').at(-1);
    return { zoom: m.duration, zoomRendered: m.detail.rendered };
  });
  const r = { ...first, ...zoom };
  await ctx.close();
  return r;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (v) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;

let browser;
try {
  await waitForServer();
  const t0 = performance.now();
  await seed();
  const seedMs = performance.now() - t0;
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  await formRun(browser, 1); // warm-up (server caches, the runtime's disk cache), not counted
  await listRun(browser, 1);
  const forms = [];
  const lists = [];
  for (const throttle of [1, 4]) {
    const f = [];
    const l = [];
    for (let i = 0; i < RUNS; i++) f.push(await formRun(browser, throttle));
    for (let i = 0; i < RUNS; i++) l.push(await listRun(browser, throttle));
    forms.push({ throttle, form: median(f.map((x) => x.form)), formMax: Math.max(...f.map((x) => x.form)), tiles: median(f.map((x) => x.tiles)) });
    lists.push({
      throttle,
      shown: median(l.map((x) => x.shown)),
      render: median(l.map((x) => x.render)),
      renderMax: Math.max(...l.map((x) => x.render)),
      zoom: median(l.map((x) => x.zoom)),
      reports: l[0].reports,
      rendered: l[0].rendered,
      zoomRendered: l[0].zoomRendered,
    });
  }

  console.log(`\n<civic-map-report>, built bundle, Chromium ${browser.version()}, ${RUNS} runs each (fresh context), viewport 412x915`);
  console.log('\n| part | file | min | min+gz |');
  console.log('| --- | --- | --- | --- |');
  for (const [what, s] of sizes) console.log(`| ${what} | dist/chunks/${s.file} | ${kb(s.min)} | ${kb(s.gz)} |`);
  console.log(`| shared core every widget needs | dist/civic-widgets.js${coreImports.length ? ` + ${coreImports.join(', ')}` : ''} | | ${kb(coreGz)} |`);
  console.log('\n| CPU | navigation -> form usable (median / max) | navigation -> map tiles shown (median) |');
  console.log('| --- | --- | --- |');
  for (const r of forms) console.log(`| ${r.throttle === 1 ? 'unthrottled' : `${r.throttle}x slower`} | ${ms(r.form)} / ${ms(r.formMax)} | ${ms(r.tiles)} |`);
  console.log(`\n${REPORTS} reports seeded through the API in ${(seedMs / 1000).toFixed(1)} s; mode="list" (markers fetched with fields=min):`);
  console.log('| CPU | navigation -> markers on the map (median) | clustering render of the markers (median / max) | one zoom step, re-clustered (median) |');
  console.log('| --- | --- | --- | --- |');
  for (const r of lists) {
    console.log(`| ${r.throttle === 1 ? 'unthrottled' : `${r.throttle}x slower`} | ${ms(r.shown)} | ${ms(r.render)} / ${ms(r.renderMax)} (${r.reports} reports -> ${r.rendered} markers) | ${ms(r.zoom)} (-> ${r.zoomRendered} markers) |`);
  }
} finally {
  await browser?.close();
  web.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(emptyContent, { recursive: true, force: true });
}
