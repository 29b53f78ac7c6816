// `npm run bench:survey`: <civic-survey> against SurveyJS and a hand-written Lit element, in Debian's
// Chromium, all three rendering the same 20 questions (5 text, 5 radio groups of 4, 5 checkbox
// groups of 5, 5 ratings 1–5) from a local HTTP server (no internet: every other host is unresolvable).
//
// Contenders:
//   - civic-survey (inline): dist/civic-widgets.js, what it imports statically, and the survey chunk it
//     imports for the tag (copied from dist/ at start), the definition in a <script type="application/json">
//     child (no request for it);
//   - civic-survey (server): the same bundle, `survey-id`, the definition fetched (GET) from the real
//     reference backend on a throwaway PGlite;
//   - SurveyJS: survey-core + survey-js-ui (devDependencies) and survey-core's default CSS, from node_modules;
//   - Lit by hand: bench/survey-lit-baseline.js bundled with lit into one minified file (vite, terser).
// Each run is a fresh browser context (empty HTTP cache, empty IndexedDB); contenders are interleaved
// (the order rotates every round); one warm-up round is not counted; medians and p90 of RUNS rounds.
//
// Measures (see the printed "What is measured" for the exact definitions):
//   1. JS downloaded -> 20 questions in the DOM;  2. JS heap above the blank page after GC;  3. min+gz bytes.
// Then CPU profiles of civic-survey (inline) through CDP (top self-time functions mapped back to src/
// with the bundle's source maps), milestones, and a main-thread trace breakdown for three contenders.
// Prints tables; asserts nothing about speed. Run `npm run build` (or `npx vite build`) first.
// Env: RUNS (12), PROFILE_RUNS (5), TRACE_RUNS (3), THROTTLE (CPU slowdown, 1), CHROME_PATH;
// TIMELINE=1 also prints each traced run's main-thread timeline (tasks, what they spent most in, idle gaps).
// One full run takes about 2 minutes on 2 quiet cores.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, normalize, resolve } from 'node:path';
import { SourceMap } from 'node:module';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { findChromium } from '../scripts/chromium.mjs';

const RUNS = Math.max(1, Number(process.env.RUNS || 12));
const PROFILE_RUNS = Number(process.env.PROFILE_RUNS ?? 5);
const TRACE_RUNS = Number(process.env.TRACE_RUNS ?? 3);
const THROTTLE = Number(process.env.THROTTLE || 1);
const ADMIN = 'bench-admin-token-0123456789abcdef';
const SURVEY_ID = 'bench-survey';
const VIEWPORT = { width: 412, height: 915 };
const started = performance.now();
const loadAtStart = loadavg()[0];

const executablePath = findChromium();
if (!executablePath) {
  console.error('No Chromium found: install Debian\'s chromium or set CHROME_PATH.');
  process.exit(1);
}
if (!existsSync('dist/civic-widgets.js')) {
  console.error('dist/civic-widgets.js is missing: run `npm run build` (or `npx vite build`) first.');
  process.exit(1);
}

/* ------------------------------------------------------------------ the 20 questions, in both formats */

const TOPICS = ['the market square', 'the library', 'the bus lines', 'the parks', 'the cycle paths'];
const questions = [];
for (let i = 0; i < 5; i++) {
  const topic = TOPICS[i];
  questions.push({ id: `t${i + 1}`, kind: 'text', label: `What would you change about ${topic}?` });
  questions.push({ id: `r${i + 1}`, kind: 'radio', label: `How often do you use ${topic}?`, options: ['Every day', 'Every week', 'Now and then', 'Never'] });
  questions.push({ id: `c${i + 1}`, kind: 'checkbox', label: `What matters most to you for ${topic}?`, options: ['Safety', 'Cleanliness', 'Opening hours', 'Accessibility', 'Price'] });
  questions.push({ id: `s${i + 1}`, kind: 'rating', label: `How satisfied are you with ${topic}? (1 = not at all, 5 = very)` });
}
const TITLE = 'Life in the town centre';
const choiceId = (i) => String.fromCharCode(97 + i);

/** Ours (and the Lit baseline's input): src/api/schemas/survey.ts. */
const ourDefinition = {
  id: SURVEY_ID,
  title: TITLE,
  pages: [
    {
      id: 'p1',
      questions: questions.map((q) =>
        q.kind === 'text'
          ? { id: q.id, type: 'text', label: q.label }
          : q.kind === 'rating'
            ? { id: q.id, type: 'scale', label: q.label, min: 1, max: 5 }
            : { id: q.id, type: q.kind === 'radio' ? 'single' : 'multiple', label: q.label, options: q.options.map((o, i) => ({ id: choiceId(i), label: o })) },
      ),
    },
  ],
};

/** SurveyJS's JSON for the same questions. */
const surveyJsDefinition = {
  title: TITLE,
  pages: [
    {
      name: 'p1',
      elements: questions.map((q) =>
        q.kind === 'text'
          ? { type: 'text', name: q.id, title: q.label }
          : q.kind === 'rating'
            ? { type: 'rating', name: q.id, title: q.label, rateMin: 1, rateMax: 5 }
            : { type: q.kind === 'radio' ? 'radiogroup' : 'checkbox', name: q.id, title: q.label, choices: q.options.map((o, i) => ({ value: choiceId(i), text: o })) },
      ),
    },
  ],
};

/* ------------------------------------------------------------------ the files each contender ships */

// Other work may rebuild dist/ while this runs: the files used are copied once, here, and served from the copy.
/** `file` (a path under dist/) and every file it imports statically, as paths under dist/. */
function staticClosure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join('dist', file), 'utf8');
  for (const m of code.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) staticClosure(normalize(join(file, '..', m[1])), seen);
  return seen;
}
/** What a page with only <civic-survey> runs: the bundle, its static imports and the core it imports at once... */
const coreFiles = [...staticClosure('civic-widgets.js')];
for (const m of readFileSync('dist/civic-widgets.js', 'utf8').matchAll(/import\("(\.\/chunks\/core-[\w-]+\.js)"\)/g)) staticClosure(normalize(m[1]), new Set(coreFiles)).forEach((f) => coreFiles.includes(f) || coreFiles.push(f));
/** ...then the survey chunk that the bundle imports (at once when the tag is in the page), and what that imports besides. */
let surveyChunk;
for (const f of coreFiles) {
  const m = readFileSync(join('dist', f), 'utf8').match(/import\("(\.{1,2}\/(?:[\w-]+\/)*survey-[\w-]+\.js)"\)\.then\(\(?(\w+)\)?=>\2\.CivicSurvey\)/);
  if (m) surveyChunk ??= normalize(join(f, '..', m[1]));
}
if (!surveyChunk) {
  console.error('dist/civic-widgets.js does not import a survey-*.js chunk: rebuild with `npx vite build`.');
  process.exit(1);
}
// The survey chunk loads zod and its schemas itself (dynamic imports) while its first render happens:
// those files are the survey's too, downloaded before t0 like the others.
const lazyOfSurvey = [...readFileSync(join("dist", surveyChunk), "utf8").matchAll(/import\("(\.{1,2}\/(?:schemas|survey|rolldown-runtime)-[^".]+\.js)"\)/g)].map((m) => normalize(join(surveyChunk, '..', m[1])));
const chunkFiles = [...staticClosure(surveyChunk)].filter((f) => !coreFiles.includes(f));
const lazyFiles = [...new Set(lazyOfSurvey.flatMap((f) => [...staticClosure(f)]))].filter((f) => !coreFiles.includes(f) && !chunkFiles.includes(f));
const ourFiles = [...coreFiles, ...chunkFiles, ...lazyFiles];
const distCopy = mkdtempSync(join(tmpdir(), 'civic-bench-dist-'));
for (const f of ourFiles) {
  mkdirSync(join(distCopy, f, '..'), { recursive: true });
  copyFileSync(join('dist', f), join(distCopy, f));
  if (existsSync(join('dist', `${f}.map`))) copyFileSync(join('dist', `${f}.map`), join(distCopy, `${f}.map`));
}

// The hand-written Lit element, bundled like our bundle is (same minifier and options).
const litDir = mkdtempSync(join(tmpdir(), 'civic-bench-lit-'));
await build({
  configFile: false,
  logLevel: 'silent',
  build: {
    outDir: litDir,
    emptyOutDir: true,
    target: 'es2022',
    minify: 'terser',
    terserOptions: { ecma: 2020, module: true, compress: { passes: 3, pure_getters: true }, format: { comments: false } },
    lib: { entry: resolve('bench/survey-lit-baseline.js'), formats: ['es'], fileName: () => 'lit-survey.js' },
  },
});

const SJS = { core: 'node_modules/survey-core/survey.core.min.js', ui: 'node_modules/survey-js-ui/survey-js-ui.min.js', css: 'node_modules/survey-core/survey-core.min.css' };
for (const f of Object.values(SJS)) {
  if (!existsSync(f)) {
    console.error(`${f} is missing: run \`npm install\` (survey-core and survey-js-ui are devDependencies of this benchmark).`);
    process.exit(1);
  }
}
const version = (pkg) => JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')).version;

/** URL path on the page server -> file on disk. */
const files = new Map([
  ...ourFiles.map((f) => [`/${f}`, join(distCopy, f)]),
  ['/lit-survey.js', join(litDir, 'lit-survey.js')],
  ['/sjs/survey.core.min.js', SJS.core],
  ['/sjs/survey-js-ui.min.js', SJS.ui],
  ['/sjs/survey-core.min.css', SJS.css],
]);

/* ------------------------------------------------------------------ backend */

const dataDir = mkdtempSync(join(tmpdir(), 'civic-bench-survey-'));
const emptyContent = mkdtempSync(join(tmpdir(), 'civic-bench-content-'));
const apiPort = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: { ...process.env, PORT: String(apiPort), HOST: '127.0.0.1', CIVIC_DATA_DIR: dataDir, CIVIC_CONTENT_DIR: emptyContent, CIVIC_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn', CIVIC_RATE_LIMIT_MAX: '100000' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const api = `http://127.0.0.1:${apiPort}/api`;

async function waitForServer() {
  for (let i = 0; i < 1200; i++) {
    if (server.exitCode !== null) throw new Error(`the backend exited (code ${server.exitCode}): see its error above`);
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

/* ------------------------------------------------------------------ the pages */

// Runs first in every page. `__prefetch()` downloads every file of the contender (into the context's
// empty HTTP cache, which the <script>/<link> then hit); `__go()` takes t0 = performance.now(), i.e. the
// moment all the contender's JS (and CSS) has been downloaded, and inserts the files as a page would.
// A MutationObserver on the document and on every shadow root (attachShadow is wrapped to observe
// each new one) recounts the questions after every batch of DOM changes; done = the first moment
// all 20 are there. `frame` is the end of the next frame after that (rAF, then a task).
const harness = (contender) => `(() => {
  const roots = [document];
  // Milestones (ms after t0): the first shadow root attached (the custom element upgraded: its code
  // is loaded and defined) and the first DOM change in <body> or in a shadow root (the first render).
  const milestones = {};
  const observer = new MutationObserver((records) => {
    if (t0 !== undefined && milestones.firstRender === undefined && records.some((r) => !document.head.contains(r.target))) milestones.firstRender = performance.now() - t0;
    // Questions only appear by nodes being added: a batch that only removes cannot complete them.
    if (records.some((r) => r.addedNodes.length)) check();
  });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    if (t0 !== undefined && milestones.upgraded === undefined) milestones.upgraded = performance.now() - t0;
    const root = attach.call(this, init);
    roots.push(root);
    observer.observe(root, { childList: true, subtree: true });
    return root;
  };
  observer.observe(document, { childList: true, subtree: true, characterData: false });
  // A question is in the DOM when its controls are: a text box, or a group of 4 radios, of 5 checkboxes,
  // or of 5 radios (1-5 rating); a group = the controls of one <fieldset> (all three contenders put each
  // choice question in one; SurveyJS names each checkbox differently), else of one name.
  function stats() {
    let text = 0;
    const radios = new Map(), checks = new Map();
    for (const root of roots) {
      for (const el of root.querySelectorAll('input, textarea')) {
        if (el.type === 'radio' || el.type === 'checkbox') {
          const groups = el.type === 'radio' ? radios : checks;
          const key = el.closest('fieldset') || el.name;
          groups.set(key, (groups.get(key) || 0) + 1);
        } else if (el.type === 'text' || el.tagName === 'TEXTAREA') text++;
      }
    }
    let radio4 = 0, radio5 = 0, check5 = 0;
    for (const n of radios.values()) { if (n === 4) radio4++; else if (n === 5) radio5++; }
    for (const n of checks.values()) if (n === 5) check5++;
    return { text, radio4, radio5, check5 };
  }
  let t0, resolveDone;
  const done = new Promise((r) => (resolveDone = r));
  let checks = 0, checkMs = 0;
  function check() {
    if (t0 === undefined || window.__done) return;
    const c0 = performance.now();
    const s = stats();
    checks++;
    checkMs += performance.now() - c0;
    if (s.text >= 5 && s.radio4 >= 5 && s.radio5 >= 5 && s.check5 >= 5) {
      const at = performance.now();
      window.__done = true;
      observer.disconnect();
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          performance.mark('bench:frame');
          resolveDone({ dom: at - t0, frame: performance.now() - t0, stats: s, checks, checkMs, ...milestones });
        };
        ch.port2.postMessage(0);
      });
    }
  }
  window.__stats = stats;
  const assets = ${JSON.stringify(contender.assets)};
  window.__prefetch = () => Promise.all(assets.map((a) => fetch(a.url).then((r) => { if (!r.ok) throw new Error(a.url + ': ' + r.status); return r.arrayBuffer(); }).then(() => undefined)));
  const load = (el) => new Promise((ok, ko) => { el.onload = ok; el.onerror = () => ko(new Error('could not load ' + (el.src || el.href))); document.head.append(el); });
  window.__go = async () => {
    t0 = performance.now();
    performance.mark('bench:t0');
    for (const a of assets.filter((a) => a.kind === 'css')) await load(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: a.url }));
    const classic = assets.filter((a) => a.kind === 'classic').map((a) => Object.assign(document.createElement('script'), { src: a.url, async: false }));
    await Promise.all(classic.map(load));
    for (const a of assets.filter((a) => a.kind === 'module')) { const s = document.createElement('script'); s.type = 'module'; s.src = a.url; document.head.append(s); }
    ${contender.init ?? ''}
    const result = await done;
    // Did the page run the files from the HTTP cache filled by __prefetch (transferSize 0)?
    const entries = performance.getEntriesByType('resource');
    result.fromCache = assets.filter((a) => { const e = entries.filter((x) => x.name === new URL(a.url, location.href).href); return e.length > 1 && e[e.length - 1].transferSize === 0; }).length;
    result.files = assets.length;
    return result;
  };
})();`;

const json = (v) => JSON.stringify(v).replace(/</g, '\\u003c');
const contenders = [
  {
    id: 'ours',
    name: 'civic-survey (inline)',
    assets: ourFiles.map((f) => ({ url: `/${f}`, kind: f === 'civic-widgets.js' ? 'module' : 'prefetch' })),
    markup: `<civic-survey endpoint="${api}" lang="en"><script type="application/json">${json(ourDefinition)}</script></civic-survey>`,
  },
  {
    id: 'ours-server',
    name: 'civic-survey (server GET)',
    assets: ourFiles.map((f) => ({ url: `/${f}`, kind: f === 'civic-widgets.js' ? 'module' : 'prefetch' })),
    markup: `<civic-survey endpoint="${api}" survey-id="${SURVEY_ID}" lang="en"></civic-survey>`,
  },
  {
    id: 'surveyjs',
    name: `SurveyJS ${version('survey-core')}`,
    assets: [
      { url: '/sjs/survey-core.min.css', kind: 'css' },
      { url: '/sjs/survey.core.min.js', kind: 'classic' },
      { url: '/sjs/survey-js-ui.min.js', kind: 'classic' },
    ],
    markup: `<div id="survey"></div><script type="application/json" id="survey-json">${json(surveyJsDefinition)}</script>`,
    init: `SurveyUI.renderSurvey(new Survey.Model(JSON.parse(document.getElementById('survey-json').textContent)), document.getElementById('survey'));`,
  },
  {
    id: 'lit',
    name: 'Lit by hand',
    assets: [{ url: '/lit-survey.js', kind: 'module' }],
    markup: `<lit-survey><script type="application/json">${json(ourDefinition)}</script></lit-survey>`,
  },
];
const pages = new Map(
  contenders.map((c) => [
    `/${c.id}.html`,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>bench: ${c.name}</title><script>${harness(c)}</script></head>
<body><main style="max-width: 60rem; margin: auto; padding: 0 1rem">${c.markup}</main></body></html>`,
  ]),
);

const web = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (pages.has(path)) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    return res.end(pages.get(path));
  }
  const file = files.get(path);
  if (file) {
    // Cacheable, so that the files downloaded by __prefetch are the ones the page runs.
    res.writeHead(200, { 'Content-Type': `${path.endsWith('.css') ? 'text/css' : 'text/javascript'}; charset=utf-8`, 'Cache-Control': 'max-age=3600' });
    return res.end(readFileSync(file));
  }
  res.writeHead(404).end();
});
await new Promise((r) => web.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${web.address().port}`;

/* ------------------------------------------------------------------ one run */

/** Requests to any other host than ours (they cannot succeed: every other name is unresolvable). */
const offHost = new Map();
async function once(browser, contender, { profile = false, trace = false } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1') offHost.set(`${contender.name} → ${url.hostname}`, (offHost.get(`${contender.name} → ${url.hostname}`) ?? 0) + 1);
  });
  try {
    const tab = await context.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', (m) => m.type() === 'error' && !m.text().includes('ERR_NAME_NOT_RESOLVED') && errors.push(m.text()));
    const cdp = await context.newCDPSession(tab);
    if (THROTTLE !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await tab.goto(`${origin}/${contender.id}.html`, { waitUntil: 'load' });
    await tab.evaluate(() => window.__prefetch());
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const blank = await heap();
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      await cdp.send('Profiler.start');
    }
    let timer;
    if (trace) await browser.startTracing(tab, { categories: TRACE_CATEGORIES });
    const result = await Promise.race([
      tab.evaluate(() => window.__go()),
      new Promise((_, ko) => {
        timer = setTimeout(async () => {
          const seen = await tab.evaluate(() => JSON.stringify({ ...window.__stats(), shadow: document.querySelector('civic-survey, lit-survey')?.shadowRoot?.textContent.slice(0, 300) })).catch(() => '?');
          ko(new Error(`${contender.name}: the 20 questions did not appear within 30 s (controls seen: ${seen}) ${errors.join('; ')}`));
        }, 30000);
      }),
    ]).finally(() => clearTimeout(timer));
    if (profile) result.profile = (await cdp.send('Profiler.stop')).profile;
    if (trace) result.trace = mainThreadSelfTimes(JSON.parse((await browser.stopTracing()).toString('utf8')), contender.name);
    await tab.waitForTimeout(300); // let timers and IndexedDB work settle before weighing the heap
    result.heap = (await heap()) - blank;
    result.errors = errors;
    return result;
  } finally {
    await context.close();
  }
}

/* ------------------------------------------------------------------ statistics and sizes */

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
};
const median = (xs) => quantile(xs, 0.5);
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const raw = (path) => readFileSync(path).length;
const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const MiB = (n) => `${(n / 1048576).toFixed(2)} MiB`;
const ms = (n) => `${n.toFixed(n < 100 ? 1 : 0)} ms`;

const gzAll = (fs) => fs.reduce((n, f) => n + gz(join(distCopy, f)), 0);
const rawAll = (fs) => fs.reduce((n, f) => n + raw(join(distCopy, f)), 0);
const sizes = {
  chunk: gzAll(chunkFiles),
  chunkRaw: rawAll(chunkFiles),
  lazy: gzAll(lazyFiles),
  lazyRaw: rawAll(lazyFiles),
  core: gzAll(coreFiles),
  coreRaw: rawAll(coreFiles),
  sjsJs: gz(SJS.core) + gz(SJS.ui),
  sjsCss: gz(SJS.css),
  sjsRaw: raw(SJS.core) + raw(SJS.ui) + raw(SJS.css),
  lit: gz(join(litDir, 'lit-survey.js')),
  litRaw: raw(join(litDir, 'lit-survey.js')),
};

/* ------------------------------------------------------------------ CPU profile: top self time, mapped to src/ */

const maps = new Map();
function sourceMapFor(url) {
  if (!maps.has(url)) {
    let map = null;
    try {
      const path = files.get(new URL(url).pathname);
      if (path && existsSync(`${path}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')));
    } catch {
      /* no map */
    }
    maps.set(url, map);
  }
  return maps.get(url);
}
function where(frame) {
  if (!frame.url) return { key: frame.functionName || '(native)', file: frame.functionName || '(native)', label: frame.functionName || '(native)' };
  const map = sourceMapFor(frame.url);
  // The function's first mapped position (a class or an arrow function often starts on an unmapped token).
  let entry;
  for (let col = frame.columnNumber; map && col < frame.columnNumber + 300 && !entry?.originalSource; col++) entry = map.findEntry(frame.lineNumber, col);
  if (entry && entry.originalSource) {
    const file = entry.originalSource.replace(/^.*?\/(src|node_modules)\//, '$1/');
    const pos = `${file}:${entry.originalLine + 1}`;
    let text = '';
    const payload = map.payload;
    const i = payload.sources.indexOf(entry.originalSource);
    const line = payload.sourcesContent?.[i]?.split('\n')[entry.originalLine];
    if (line) text = line.trim().slice(0, 48);
    const min = `${frame.functionName || '(anonymous)'} @ ${new URL(frame.url).pathname.slice(1)}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    return { key: pos, file, label: `${pos} (${min})${text ? `  ${text}` : ''}` };
  }
  const name = `${frame.functionName || '(anonymous)'} ${new URL(frame.url).pathname}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
  return { key: name, file: new URL(frame.url).pathname, label: name };
}
function selfTimes(profiles) {
  const byFn = new Map();
  const byFile = new Map();
  let total = 0;
  for (const p of profiles) {
    const nodes = new Map(p.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < p.samples.length; i++) {
      const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
      const frame = nodes.get(p.samples[i]).callFrame;
      if (frame.functionName === '(idle)') continue;
      total += dt;
      const w = where(frame);
      const f = byFn.get(w.key) ?? { label: w.label, ms: 0 };
      f.ms += dt;
      byFn.set(w.key, f);
      byFile.set(w.file, (byFile.get(w.file) ?? 0) + dt);
    }
  }
  const n = profiles.length;
  return {
    total: total / n,
    functions: [...byFn.values()].sort((a, b) => b.ms - a.ms).map((f) => ({ ...f, ms: f.ms / n })),
    files: [...byFile.entries()].sort((a, b) => b[1] - a[1]).map(([file, t]) => ({ file, ms: t / n })),
  };
}

/* ------------------------------------------------------------------ trace: where the main thread's time goes */

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'toplevel', 'blink', 'loading'];
/** Self time (ms) per trace event name on the page's main thread, from the bench:t0 mark to the bench:frame mark. */
function mainThreadSelfTimes(trace, label = '') {
  const events = trace.traceEvents ?? trace;
  const mark = (name) => events.find((e) => e.name === name && e.cat?.includes('blink.user_timing'));
  const start = mark('bench:t0');
  const end = mark('bench:frame');
  if (!start || !end) return null;
  const complete = events
    .filter((e) => e.ph === 'X' && e.pid === start.pid && e.tid === start.tid && e.ts >= start.ts && e.ts < end.ts && e.dur !== undefined)
    .map((e) => ({ name: e.name, ts: e.ts, end: Math.min(e.ts + e.dur, end.ts) }))
    .sort((a, b) => a.ts - b.ts || b.end - a.end);
  const self = new Map();
  const stack = [];
  const close = (upTo) => {
    while (stack.length && stack[stack.length - 1].end <= upTo) {
      const e = stack.pop();
      self.set(e.name, (self.get(e.name) ?? 0) + (e.end - e.ts - e.children) / 1000);
      if (stack.length) stack[stack.length - 1].children += e.end - e.ts;
    }
  };
  for (const e of complete) {
    close(e.ts);
    stack.push({ ...e, children: 0 });
  }
  close(Infinity);
  if (process.env.TIMELINE) {
    // Top-level events of the main thread (and what each spends most in), with the gaps between them.
    const top = events.filter((e) => e.ph === 'X' && e.pid === start.pid && e.tid === start.tid && e.ts >= start.ts && e.ts < end.ts && e.dur >= 300).sort((a, b) => a.ts - b.ts);
    let until = start.ts;
    const lines = [];
    for (const e of top) {
      if (e.ts < until) continue;
      if (e.ts - until > 1000) lines.push(`  ${((until - start.ts) / 1000).toFixed(1).padStart(6)} idle ${((e.ts - until) / 1000).toFixed(1)} ms`);
      const inner = top.filter((x) => x !== e && x.ts >= e.ts && x.ts + x.dur <= e.ts + e.dur && x.dur > 500).sort((a, b) => b.dur - a.dur).slice(0, 4).map((x) => `${x.name}${x.args?.data?.url ? ' ' + x.args.data.url.replace(/.*\//, '') : ''} ${(x.dur / 1000).toFixed(1)}`);
      lines.push(`  ${((e.ts - start.ts) / 1000).toFixed(1).padStart(6)} ${e.name} ${(e.dur / 1000).toFixed(1)} ms  [${inner.join(', ')}]`);
      until = e.ts + e.dur;
    }
    console.log(`main-thread timeline of one traced run (${label}):\n${lines.join('\n')}`);
  }
  const window = (end.ts - start.ts) / 1000;
  const busy = [...self.values()].reduce((a, b) => a + b, 0);
  self.set('(no trace event: idle or between tasks)', Math.max(0, window - busy));
  return self;
}

/* ------------------------------------------------------------------ run */

let browser;
try {
  await waitForServer();
  const put = await fetch(`${api}/admin/surveys/${SURVEY_ID}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify(ourDefinition),
  });
  if (!put.ok) throw new Error(`creating the survey: ${put.status} ${await put.text()}`);
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-precise-memory-info', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });

  const results = new Map(contenders.map((c) => [c.id, []]));
  const check = new Map();
  process.stderr.write(`warm-up round and ${RUNS} rounds of ${contenders.length} contenders: `);
  for (let round = -1; round < RUNS; round++) {
    const order = contenders.map((_, i) => contenders[(i + Math.max(round, 0)) % contenders.length]);
    for (const c of order) {
      const r = await once(browser, c);
      if (!check.has(c.id)) check.set(c.id, r);
      if (round >= 0) results.get(c.id).push(r);
    }
    process.stderr.write(round < 0 ? 'w ' : `${round + 1} `);
  }
  const profiles = [];
  for (let i = 0; i < PROFILE_RUNS; i++) profiles.push((await once(browser, contenders[0], { profile: true })).profile);
  const traced = contenders.filter((c) => c.id !== 'ours-server');
  const traces = new Map(traced.map((c) => [c.id, []]));
  for (let i = 0; i < TRACE_RUNS; i++) {
    for (const c of traced) {
      const t = (await once(browser, c, { trace: true })).trace;
      if (t) traces.get(c.id).push(t);
    }
  }
  process.stderr.write('\n');

  const row = (id) => {
    const rs = results.get(id);
    const dom = rs.map((r) => r.dom);
    return {
      dom: median(dom),
      p90: quantile(dom, 0.9),
      min: Math.min(...dom),
      frame: median(rs.map((r) => r.frame)),
      heap: median(rs.map((r) => r.heap)),
      heapMax: Math.max(...rs.map((r) => r.heap)),
      cache: rs.every((r) => r.fromCache === r.files),
      errors: [...new Set(rs.flatMap((r) => r.errors))],
      checks: median(rs.map((r) => r.checks)),
      checkMs: median(rs.map((r) => r.checkMs)),
      upgraded: rs.every((r) => r.upgraded !== undefined) ? median(rs.map((r) => r.upgraded)) : undefined,
      firstRender: rs.every((r) => r.firstRender !== undefined) ? median(rs.map((r) => r.firstRender)) : undefined,
    };
  };
  const R = Object.fromEntries(contenders.map((c) => [c.id, row(c.id)]));
  const sizeOf = {
    ours: `${kB(sizes.chunk)} survey chunk alone; ${kB(sizes.core + sizes.chunk)} with the core (${kB(sizes.core)}) for the first render; ${kB(sizes.core + sizes.chunk + sizes.lazy)} with zod and the schemas loaded after it (${kB(sizes.lazy)})`,
    'ours-server': 'same files',
    surveyjs: `${kB(sizes.sjsJs + sizes.sjsCss)} (JS ${kB(sizes.sjsJs)} + CSS ${kB(sizes.sjsCss)})`,
    lit: `${kB(sizes.lit)} (lit included)`,
  };
  const minOf = {
    ours: `${kB(sizes.chunkRaw)} / ${kB(sizes.coreRaw + sizes.chunkRaw)} / ${kB(sizes.coreRaw + sizes.chunkRaw + sizes.lazyRaw)}`,
    'ours-server': '',
    surveyjs: kB(sizes.sjsRaw),
    lit: kB(sizes.litRaw),
  };

  const busy = `machine: ${cpus().length} cores, 1-minute load average ${loadAtStart.toFixed(1)} at start and ${loadavg()[0].toFixed(1)} at the end${Math.max(loadAtStart, loadavg()[0]) > cpus().length ? ' (busier than its cores: times are inflated and noisy, ratios less so)' : ''}`;
  console.log(`\n20 questions (5 text, 5 radio groups of 4, 5 checkbox groups of 5, 5 ratings 1–5), one page.`);
  console.log(`Chromium ${browser.version()}, headless, viewport ${VIEWPORT.width}x${VIEWPORT.height}, CPU ${THROTTLE === 1 ? 'unthrottled' : `${THROTTLE}x slower`}, ${RUNS} runs per contender (fresh context each, interleaved, 1 warm-up round not counted);\n${busy}.`);
  console.log(`
What is measured:
  time  = from t0 to all 20 questions in the DOM. t0 = performance.now() once every JS file of the contender
          (and SurveyJS's CSS) has been downloaded: the page fetches them all first, into the context's empty
          HTTP cache, then inserts them as a page would (<link>, <script>s in order, <script type=module>), so
          the time covers reading them from the cache, parsing, compiling, running, loading the definition
          (inline JSON, or GET from the backend for "server GET"), and rendering, but no download.
          "In the DOM" = a MutationObserver on the document and on every shadow root (civic-survey and Lit:
          through el.shadowRoot) sees 5 text boxes, 5 groups of 4 radios, 5 groups of 5 checkboxes and
          5 groups of 5 radios (ratings) at once. "next frame" = the end of the frame after that (rAF + task).
  heap  = Runtime.getHeapUsage().usedSize after two HeapProfiler.collectGarbage, 300 ms after the survey is
          rendered, minus the same on the same page before t0 (the blank page: markup and harness only).
  size  = min+gz (gzip -9, each file on its own) of the files as shipped; for civic-survey the survey chunk
          (${chunkFiles.join(', ')}) alone, with the core (${coreFiles.join(', ')}): what the first render needs;
          then with zod and the schemas the survey loads while it renders (${lazyFiles.join(', ')}): what a page
          with only a survey downloads.`);

  console.log('\n| contender | time: JS downloaded → 20 questions in the DOM, median / p90 (min) | → next frame, median | JS heap above blank page, median (max) | min+gz | min |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const c of contenders) {
    const r = R[c.id];
    console.log(`| ${c.name} | ${ms(r.dom)} / ${ms(r.p90)} (${ms(r.min)}) | ${ms(r.frame)} | ${MiB(r.heap)} (${MiB(r.heapMax)}) | ${sizeOf[c.id]} | ${minOf[c.id]} |`);
  }

  const ours = R.ours;
  const speedup = R.surveyjs.dom / ours.dom;
  const vsLit = ours.dom / R.lit.dom;
  const yes = (b) => (b ? 'met' : 'NOT met');
  console.log('\n| target (issue #3) | measured | |');
  console.log('| --- | --- | --- |');
  console.log(`| time at least 5x faster than SurveyJS | ${speedup.toFixed(1)}x faster (${ms(ours.dom)} vs ${ms(R.surveyjs.dom)}) | ${yes(speedup >= 5)} |`);
  console.log(`| time within 1.5x of hand-written Lit | ${vsLit.toFixed(2)}x Lit's (${ms(ours.dom)} vs ${ms(R.lit.dom)}) | ${yes(vsLit <= 1.5)} |`);
  console.log(`| JS heap above blank page at most 0.5 MiB | ${MiB(ours.heap)} (SurveyJS ${MiB(R.surveyjs.heap)}, Lit ${MiB(R.lit.heap)}) | ${yes(ours.heap <= 0.5 * 1048576)} |`);
  console.log(`| min+gz at most 20 kB: survey chunk alone | ${kB(sizes.chunk)} | ${yes(sizes.chunk <= 20 * 1024)} |`);
  console.log(`| min+gz at most 20 kB: core + survey chunk | ${kB(sizes.core + sizes.chunk)} | ${yes(sizes.core + sizes.chunk <= 20 * 1024)} |`);
  console.log(`(noise check on the fastest runs: ${(R.surveyjs.min / ours.min).toFixed(1)}x faster than SurveyJS, ${(ours.min / R.lit.min).toFixed(2)}x Lit's)`);
  console.log(`(with the server GET: ${ms(R['ours-server'].dom)}, ${(R.surveyjs.dom / R['ours-server'].dom).toFixed(1)}x faster than SurveyJS, ${(R['ours-server'].dom / R.lit.dom).toFixed(2)}x Lit's)`);

  console.log('\nMilestones after t0 (medians): element upgraded = first attachShadow (its code loaded and defined); first render = first DOM change in <body> or a shadow root.');
  console.log('| contender | element upgraded | first render | 20 questions in the DOM |');
  console.log('| --- | --- | --- | --- |');
  for (const c of contenders) {
    const r = R[c.id];
    console.log(`| ${c.name} | ${r.upgraded === undefined ? '–' : ms(r.upgraded)} | ${r.firstRender === undefined ? '–' : ms(r.firstRender)} | ${ms(r.dom)} |`);
  }

  const notes = [];
  for (const c of contenders) {
    const first = check.get(c.id);
    if (!R[c.id].cache) notes.push(`${c.name}: some files were not run from the HTTP cache filled before t0 (the time then includes a download)`);
    if (R[c.id].errors.length) notes.push(`${c.name}: page errors: ${R[c.id].errors.join(' | ')}`);
    notes.push(`${c.name}: controls found: ${first.stats.text} text boxes, ${first.stats.radio4} radio groups of 4, ${first.stats.check5} checkbox groups of 5, ${first.stats.radio5} radio groups of 5; the harness counted ${R[c.id].checks} times, ${ms(R[c.id].checkMs)} in all (median), included in the time`);
  }
  for (const [what, n] of offHost) notes.push(`requests to another host, all failed (no internet): ${what}, ${n} in all runs`);
  console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);

  if (profiles.length) {
    const st = selfTimes(profiles);
    console.log(`\nCPU profile of civic-survey (inline), ${profiles.length} runs (sampling 50 µs, profiler on, so slower than above), t0 → next frame: ${ms(st.total)} of non-idle samples per run.`);
    console.log('Top 10 self time (minified positions mapped back with the bundle\'s source maps):');
    console.log('| self ms / run | % | function (source) |');
    console.log('| --- | --- | --- |');
    for (const f of st.functions.slice(0, 10)) console.log(`| ${f.ms.toFixed(1)} | ${((100 * f.ms) / st.total).toFixed(0)} % | ${f.label.replace(/\|/g, '\\|')} |`);
    console.log('Self time by source file (top 8):');
    console.log(st.files.slice(0, 8).map((f) => `  ${f.ms.toFixed(1).padStart(6)} ms  ${f.file}`).join('\n'));
  }
  if (TRACE_RUNS && traces.get('ours').length) {
    const avg = (list) => {
      const sum = new Map();
      for (const t of list) for (const [k, v] of t) sum.set(k, (sum.get(k) ?? 0) + v / list.length);
      return sum;
    };
    const per = new Map(traced.map((c) => [c.id, avg(traces.get(c.id))]));
    const names = [...per.get('ours').entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k]) => k);
    console.log(`\nMain thread, t0 → next frame, self time per trace event (mean of ${TRACE_RUNS} traced run${TRACE_RUNS > 1 ? 's' : ''} each, tracing on):`);
    console.log(`| event | ${traced.map((c) => c.name).join(' | ')} |`);
    console.log(`| --- | ${traced.map(() => '---').join(' | ')} |`);
    for (const n of names) console.log(`| ${n} | ${traced.map((c) => ms(per.get(c.id).get(n) ?? 0)).join(' | ')} |`);
    console.log(`| (all) | ${traced.map((c) => ms([...per.get(c.id).values()].reduce((a, b) => a + b, 0))).join(' | ')} |`);
  }
  console.log(`\nOne full run of this benchmark: ${((performance.now() - started) / 1000).toFixed(0)} s.`);
} finally {
  await browser?.close();
  web.close();
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(emptyContent, { recursive: true, force: true });
  rmSync(litDir, { recursive: true, force: true });
  rmSync(distCopy, { recursive: true, force: true });
}
