// `npm run size`: min+gz (and brotli) bytes of the built files, and the budget check.
// - dist/civic-widgets.js, the one-file bundle, and every lazily loaded chunk next to it;
// - each widget entry as a page using only that widget would ship it (minified, dependencies inlined);
// - the same entries' own code, dependencies external (what a bundler user adds to an app that has lit).
// Exits 1 when the always-loaded bundle is over 35 kB gz, or a widget chunk over its own budget.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { build } from 'vite';

const BUDGET = 35 * 1024;
const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(2)} kB`;
const rows = [];

if (!existsSync('dist/civic-widgets.js')) {
  console.error('dist/civic-widgets.js is missing: run `npm run build` first.');
  process.exit(1);
}
const main = readFileSync('dist/civic-widgets.js');
// The core must be one file: a static import in it would cost every page one more round trip before
// anything shows. Rolldown keeps the shared modules in the entry only while no lazy chunk shares a
// module with another lazy chunk outside the core (a Leaflet part importing lit, two widgets sharing
// a strings file): see the note in vite.config.ts.
const staticImports = [...main.toString().matchAll(/(?:^|[;}])\s*import\s*[{*\w][^;]*?from\s*"([^"]+)"|(?:^|[;}])\s*import\s*"([^"]+)"/g)].map((m) => m[1] ?? m[2]);
if (staticImports.length) {
  console.error(`✗ dist/civic-widgets.js imports ${staticImports.join(', ')} statically: the shared core was split out of the one-file bundle (see vite.config.ts).`);
  process.exitCode = 1;
}
rows.push(['dist/civic-widgets.js (shared core + <civic-config> + loader)', main.length, gz(main), br(main)]);
let chunksGz = 0;
/** Min+gz budgets of a widget's own chunk (issue #3: the survey entry at most 20 kB). */
const CHUNK_BUDGETS = { survey: 20 * 1024 };
const over = [];
const widgetRows = [];
if (existsSync('dist/chunks')) {
  for (const f of readdirSync('dist/chunks').filter((f) => f.endsWith('.js'))) {
    const b = readFileSync(`dist/chunks/${f}`);
    chunksGz += gz(b);
    rows.push([`  lazy chunk dist/chunks/${f}`, b.length, gz(b), br(b)]);
    const name = f.replace(/-[\w-]{8}\.js$/, '');
    if (CHUNK_BUDGETS[name] && gz(b) > CHUNK_BUDGETS[name]) over.push(`${f}: ${kb(gz(b))} gz > ${kb(CHUNK_BUDGETS[name])}`);
    // What a page with only this widget downloads: the core, the widget's chunk and the chunks it imports statically.
    if (['vote', 'petition', 'survey', 'comments', 'map-report'].includes(name)) {
      const imports = [...b.toString().matchAll(/from"\.\/([^"]+\.js)"/g)].map((m) => m[1]).filter((x) => x !== '../civic-widgets.js');
      const deps = imports.map((x) => readFileSync(`dist/chunks/${x}`));
      widgetRows.push([`page with only <civic-${name}>: core + its chunk${deps.length ? ` + ${deps.length} shared` : ''}`, [main, b, ...deps].reduce((a, x) => a + x.length, 0), [main, b, ...deps].reduce((a, x) => a + gz(x), 0), [main, b, ...deps].reduce((a, x) => a + br(x), 0)]);
    }
  }
}
rows.push(...widgetRows);

const entries = { vote: 'src/components/vote/index.ts', petition: 'src/components/petition/index.ts', survey: 'src/components/survey/index.ts', comments: 'src/components/comments/index.ts', 'map-report': 'src/components/map-report/index.ts', config: 'src/components/config/config.ts' };
for (const [name, entry] of Object.entries(entries)) {
  for (const external of [false, true]) {
    // Same configuration as the bundle (minifier, CSS minification, tree-shaking), another entry.
    const out = await build({
      logLevel: 'silent',
      configFile: 'vite.config.ts',
      build: {
        write: false,
        sourcemap: false,
        lib: { entry, formats: ['es'], fileName: name },
        rolldownOptions: { external: external ? [/^lit($|\/)/, /^@lit\//, /^zod($|\/)/, /^idb-keyval($|\/)/] : [] },
      },
    });
    const code = Buffer.from(out[0].output.filter((o) => o.type === 'chunk').map((o) => o.code).join('\n'));
    rows.push([`${name} entry, ${external ? 'own code (lit, zod, idb-keyval external)' : 'alone with its dependencies'}`, code.length, gz(code), br(code)]);
  }
}

const w = Math.max(...rows.map((r) => r[0].length));
console.log(`${'file'.padEnd(w)}  ${'min'.padStart(10)}  ${'min+gz'.padStart(10)}  ${'min+br'.padStart(10)}`);
for (const [n, raw, g, b] of rows) console.log(`${n.padEnd(w)}  ${kb(raw).padStart(10)}  ${kb(g).padStart(10)}  ${kb(b).padStart(10)}`);
const total = gz(main);
console.log(`\nbudget: dist/civic-widgets.js ${kb(total)} gz of ${kb(BUDGET)} (${((100 * total) / BUDGET).toFixed(0)} %)${chunksGz ? `; lazy chunks ${kb(chunksGz)} gz more, loaded only when used` : ''}`);
if (total > BUDGET) {
  console.error(`✗ over budget by ${kb(total - BUDGET)}`);
  process.exit(1);
}
for (const [name, budget] of Object.entries(CHUNK_BUDGETS)) console.log(`budget: the ${name} chunk at most ${kb(budget)} gz`);
if (over.length) {
  console.error(`✗ ${over.join('; ')}`);
  process.exit(1);
}
if (!process.exitCode) console.log('✓ within budget');
