// `npm run bench:comments`: <civic-comments> on threads of 100, 1,000 and 10,000 comments (20 % of
// them replies) in Debian's Chromium, built bundle (dist/civic-widgets.js and its chunks), the real
// reference backend (server/main.ts on a throwaway PGlite, threads filled by
// POST /admin/threads/{id}/seed). Each run in a fresh browser context; medians of RUNS runs (10).
//
//   - first view: the widget's code already loaded, the element added to the page -> its first
//     comments on screen (definition and first page fetched, rendered, the end of the frame that paints
//     them, seen by a mutation observer, not by polling at each frame, which counted a frame more);
//   - cold load: navigation start -> first comments on screen (bundle, chunk, data, render);
//   - scroll: main-thread time (CDP TaskDuration) per step of 20 scrolls of 600 px down the page;
//   - show more: click on "show more comments" -> the next page on screen, next frame;
//   - DOM: elements rendered.
// Compared with a plain Lit list of every comment rendered at once (lit-html `render()` of nested
// <ol>s, data already in the page): render -> next frame, the same scroll, the same DOM count.
// Prints a table; asserts nothing. Run `npm run build` first.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const RUNS = Number(process.env.RUNS || 10);
const SIZES = (process.env.SIZES || '100,1000,10000').split(',').map(Number);
const ADMIN = 'bench-admin-token-0123456789abcdef';
const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

if (!existsSync('dist/civic-widgets.js')) {
  console.error('dist/civic-widgets.js is missing: run `npm run build` first.');
  process.exit(1);
}

/* ------------------------------------------------------------------ backend */

const dataDir = mkdtempSync(join(tmpdir(), 'civic-bench-comments-'));
const emptyContent = mkdtempSync(join(tmpdir(), 'civic-bench-content-'));
const apiPort = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: { ...process.env, PORT: String(apiPort), HOST: '127.0.0.1', CIVIC_DATA_DIR: dataDir, CIVIC_CONTENT_DIR: emptyContent, CIVIC_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn', CIVIC_RATE_LIMIT_MAX: '100000' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const api = `http://127.0.0.1:${apiPort}/api`;
const adminHeaders = { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN}` };

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${api}/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the backend did not start');
}

async function seed(size) {
  const id = `bench-${size}`;
  const put = await fetch(`${api}/admin/threads/${id}`, { method: 'PUT', headers: adminHeaders, body: JSON.stringify({ id, title: { fr: `Débat de ${size} commentaires`, en: `A ${size}-comment debate` } }) });
  if (!put.ok) throw new Error(`creating ${id}: ${put.status} ${await put.text()}`);
  const t0 = performance.now();
  const res = await fetch(`${api}/admin/threads/${id}/seed`, { method: 'POST', headers: adminHeaders, body: JSON.stringify({ count: size, replies: 0.2 }) });
  if (!res.ok) throw new Error(`seeding ${id}: ${res.status} ${await res.text()}`);
  const seedMs = performance.now() - t0;
  // Every comment, for the plain list (the admin export: one request, not timed).
  const exp = await (await fetch(`${api}/admin/threads/${id}/submissions`, { headers: adminHeaders })).json();
  const comments = exp.items.map((i) => ({ id: i.id, parentId: i.payload.parentId, author: i.payload.author, body: i.payload.body, at: i.receivedAt, supports: i.payload.supports }));
  if (comments.length !== size) throw new Error(`${id}: ${comments.length} comments exported, ${size} expected`);
  return { id, seedMs, data: JSON.stringify(comments) };
}

/* ------------------------------------------------------------------ pages (the page, the bundle, lit-html for the plain list) */

const head = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>bench</title>`;
const pages = {
  // The widget's code loaded ahead (an element without attributes: no request), then measured on demand.
  '/widget': `${head}<script type="module" src="/civic-widgets.js"></script></head><body><main style="max-width:48rem;margin:auto"></main>
<script type="module">
  const warm = document.createElement('civic-comments');
  document.body.append(warm);
  await customElements.whenDefined('civic-comments');
  warm.remove();
  window.__ready = true;
</script></body></html>`,
  // A page that has the element in its HTML (cold load).
  '/cold': (thread) => `${head}<script type="module" src="/civic-widgets.js"></script></head><body><main style="max-width:48rem;margin:auto">
<civic-comments endpoint="${api}" thread-id="${thread}"></civic-comments></main></body></html>`,
  '/plain': `${head}</head><body><main style="max-width:48rem;margin:auto" id="list"></main>
<script type="module">
  import { html, render } from '/lit-html.js';
  const fmt = new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeStyle: 'short' });
  const item = (c, kids) => html\`<li><article><p><strong>\${c.author}</strong> <time datetime=\${c.at}>\${fmt.format(new Date(c.at))}</time></p>
    \${c.body.split(/\\n{2,}/).map((p) => html\`<p>\${p}</p>\`)}<p><button type="button">Soutenir (\${c.supports})</button> <button type="button">Répondre</button></p></article>
    \${kids.get(c.id)?.length ? html\`<ol>\${kids.get(c.id).map((r) => item(r, kids))}</ol>\` : ''}</li>\`;
  window.__renderAll = (comments) => {
    const kids = new Map();
    for (const c of comments) if (c.parentId) kids.set(c.parentId, [...(kids.get(c.parentId) ?? []), c]);
    const top = comments.filter((c) => !c.parentId).reverse();
    render(html\`<h2>\${comments.length} commentaires</h2><ol>\${top.map((c) => item(c, kids))}</ol>\`, document.getElementById('list'));
  };
  window.__ready = true;
</script></body></html>`,
};

const threads = new Map();
const web = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const send = (type, body) => {
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  };
  if (url.pathname === '/widget' || url.pathname === '/plain') return send('text/html; charset=utf-8', pages[url.pathname]);
  if (url.pathname === '/cold') return send('text/html; charset=utf-8', pages['/cold'](url.searchParams.get('thread')));
  if (url.pathname === '/lit-html.js') return send('text/javascript; charset=utf-8', readFileSync('node_modules/lit-html/lit-html.js'));
  if (url.pathname.startsWith('/data/')) return send('application/json', threads.get(url.pathname.slice(6))?.data ?? '[]');
  const file = normalize(join('dist', url.pathname));
  if (file.startsWith('dist') && file.endsWith('.js') && existsSync(file)) return send('text/javascript; charset=utf-8', readFileSync(file));
  res.writeHead(404).end();
});
await new Promise((r) => web.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${web.address().port}`;

/* ------------------------------------------------------------------ measures */

const nextFrame = `() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))`;

async function open(browser, path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(origin + path);
  await page.waitForFunction(() => window.__ready === true, null, { timeout: 60000 });
  return { context, page, cdp };
}

/** Main-thread milliseconds per scroll step (20 steps of 600 px), from CDP's TaskDuration. */
async function scrollCost(page, cdp) {
  const task = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  await page.evaluate(`(${nextFrame})()`);
  const before = await task();
  await page.evaluate(`(async () => { const next = ${nextFrame}; for (let i = 0; i < 20; i++) { window.scrollBy(0, 600); await next(); } })()`);
  return ((await task()) - before) / 20;
}

async function widgetRun(browser, thread) {
  const { context, page, cdp } = await open(browser, '/widget');
  const first = await page.evaluate(
    async ({ api, thread }) => {
      const next = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t0 = performance.now();
      const el = document.createElement('civic-comments');
      el.setAttribute('endpoint', api);
      el.setAttribute('thread-id', thread);
      document.querySelector('main').append(el);
      // The moment a condition holds in the DOM (a mutation observer on the shadow root: no frame missed),
      // then the end of the frame that paints it (rAF, then a task).
      const when = (test) =>
        new Promise((resolve) => {
          if (test()) return resolve();
          const observer = new MutationObserver(() => test() && (observer.disconnect(), resolve()));
          observer.observe(el.shadowRoot, { childList: true, subtree: true, attributes: true });
        });
      await customElements.whenDefined('civic-comments');
      await when(() => !!el.shadowRoot.querySelector('.comments > li'));
      await next();
      return performance.now() - t0;
    },
    { api, thread },
  );
  const dom = await page.evaluate(() => document.querySelector('civic-comments').shadowRoot.querySelectorAll('*').length);
  const scroll = await scrollCost(page, cdp);
  const more = await page.evaluate(async () => {
    const el = document.querySelector('civic-comments');
    const button = el.shadowRoot.querySelector('.comments ~ [part~=more-button]');
    if (!button) return NaN;
    const n = el.shadowRoot.querySelectorAll('.comments > li').length;
    const t0 = performance.now();
    button.click();
    while (el.shadowRoot.querySelectorAll('.comments > li').length === n) await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  });
  await context.close();
  return { first, dom, scroll, more };
}

async function coldRun(browser, thread) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.addInitScript(`(() => {
    const tick = () => {
      if (document.querySelector('civic-comments')?.shadowRoot?.querySelector('.comments > li')) requestAnimationFrame(() => (window.__shownAt = performance.now()));
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })();`);
  await page.goto(`${origin}/cold?thread=${thread}`);
  await page.waitForFunction(() => window.__shownAt !== undefined, null, { timeout: 60000 });
  const ms = await page.evaluate(() => window.__shownAt);
  await context.close();
  return ms;
}

async function plainRun(browser, thread) {
  const { context, page, cdp } = await open(browser, '/plain');
  await page.evaluate(async (t) => (window.__data = await (await fetch(`/data/${t}`)).json()), thread);
  const render = await page.evaluate(async () => {
    const t0 = performance.now();
    window.__renderAll(window.__data);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  });
  const dom = await page.evaluate(() => document.getElementById('list').querySelectorAll('*').length);
  const scroll = await scrollCost(page, cdp);
  await context.close();
  return { render, dom, scroll };
}

const median = (xs) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => (Number.isNaN(x) ? '–' : `${x.toFixed(x < 10 ? 1 : 0)} ms`);

let browser;
try {
  await waitForServer();
  for (const size of SIZES) threads.set(`bench-${size}`, await seed(size));
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const first = SIZES[0];
  await widgetRun(browser, `bench-${first}`); // warm-up (server caches, runtime disk cache), not counted
  await plainRun(browser, `bench-${first}`);
  const rows = [];
  for (const size of SIZES) {
    const thread = `bench-${size}`;
    const w = [];
    const c = [];
    const p = [];
    for (let i = 0; i < RUNS; i++) {
      w.push(await widgetRun(browser, thread));
      c.push(await coldRun(browser, thread));
      p.push(await plainRun(browser, thread));
    }
    rows.push({
      size,
      seedMs: threads.get(thread).seedMs,
      first: median(w.map((r) => r.first)),
      firstMax: Math.max(...w.map((r) => r.first)),
      cold: median(c),
      scroll: median(w.map((r) => r.scroll)),
      more: median(w.map((r) => r.more)),
      dom: median(w.map((r) => r.dom)),
      plain: median(p.map((r) => r.render)),
      plainMax: Math.max(...p.map((r) => r.render)),
      plainScroll: median(p.map((r) => r.scroll)),
      plainDom: median(p.map((r) => r.dom)),
    });
  }
  console.log(`\n<civic-comments>, built bundle, Chromium ${browser.version()}, reference backend on PGlite, ${RUNS} runs each (fresh context), viewport 1280x900, medians (max)`);
  console.log('| comments | first view: element added -> first page on screen | cold load: navigation -> comments on screen | scroll, main thread per 600 px step | "show more" -> next page on screen | DOM elements | plain Lit list: render all -> next frame | plain list: scroll per step | plain list: DOM elements |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.size.toLocaleString('en')} | ${ms(r.first)} (${ms(r.firstMax)}) | ${ms(r.cold)} | ${ms(r.scroll)} | ${ms(r.more)} | ${r.dom} | ${ms(r.plain)} (${ms(r.plainMax)}) | ${ms(r.plainScroll)} | ${r.plainDom.toLocaleString('en')} |`);
  }
  console.log(`\nSeeding (POST /admin/threads/{id}/seed, not part of the measures): ${rows.map((r) => `${r.size.toLocaleString('en')} in ${ms(r.seedMs)}`).join(', ')}.`);
} finally {
  await browser?.close();
  web.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(emptyContent, { recursive: true, force: true });
}
