// `npm run size`: min+gz (and brotli) bytes of the built files, and the budget check.
// - dist/civic-widgets.js, the one-file bundle, and every lazily loaded chunk next to it;
// - each widget entry as a page using only that widget would ship it (minified, dependencies inlined);
// - the same entries' own code, dependencies external (what a bundler user adds to an app that has lit).
// Exits 1 when what every page loads (civic-widgets.js + the core chunk) is over 35 kB gz, or a widget chunk over its own budget.
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
// What every page downloads before any widget: civic-widgets.js, what it imports statically, and
// the shared core chunk it imports at once (chunks/core-*.js, see vite.config.ts and src/embed.ts).
// The budget applies to that sum.
const staticImportsOf = (code) => [...code.toString().matchAll(/(?:^|[;}])\s*import\s*(?:[{*\w][^;]*?from\s*)?"([^"]+)"/g)].map((m) => m[1]);
const coreImportsOf = (code) => [...code.toString().matchAll(/import\("(\.\/chunks\/core-[\w-]+\.js)"\)/g)].map((m) => m[1]);
const always = [main, ...[...new Set([...staticImportsOf(main), ...coreImportsOf(main)])].map((p) => readFileSync(`dist/${p.replace(/^\.\//, '')}`))];
const alwaysGz = always.reduce((a, b) => a + gz(b), 0);
rows.push([`  always loaded: civic-widgets.js + ${always.length - 1} core chunk(s)`, always.reduce((a, b) => a + b.length, 0), alwaysGz, always.reduce((a, b) => a + br(b), 0)]);
let chunksGz = 0;
/** Min+gz budgets of a widget's own chunk (issue #3: the survey entry at most 20 kB). */
const CHUNK_BUDGETS = { survey: 20 * 1024 };
const over = [];
const widgetRows = [];
// The widgets' own chunks: those civic-widgets.js imports when a tag appears (the others are their parts).
// (civic-widgets.js also asks early for the schema chunks of some widgets: not widget chunks, though named alike.)
const widgetChunks = new Set(always.flatMap((code) => [...code.toString().matchAll(/import\("\.\/(?:chunks\/)?([^"/]+\.js)"\)\.then\(\(?(\w+)\)?=>\2\.Civic/g)].map((m) => m[1])));
if (existsSync('dist/chunks')) {
  for (const f of readdirSync('dist/chunks').filter((f) => f.endsWith('.js'))) {
    const b = readFileSync(`dist/chunks/${f}`);
    chunksGz += gz(b);
    rows.push([`  lazy chunk dist/chunks/${f}`, b.length, gz(b), br(b)]);
    const name = f.replace(/-[\w-]{8}\.js$/, '');
    if (!widgetChunks.has(f)) continue;
    if (CHUNK_BUDGETS[name] && gz(b) > CHUNK_BUDGETS[name]) over.push(`${f}: ${kb(gz(b))} gz > ${kb(CHUNK_BUDGETS[name])}`);
    // What a page with only this widget downloads: the core, the widget's chunk, the chunks it imports
    // statically and those it always imports itself after its first render (zod and its schemas; not
    // the optional parts such as the map or the ranked ballot, which are loaded on demand).
    if (['vote', 'petition', 'survey', 'comments', 'map-report'].includes(name)) {
      const seen = new Set();
      const walk = (code, dynamic) => {
        const re = dynamic ? /(?:from|import\()"\.\/((?:schemas|survey|comments|vote|petition|map-report|rolldown-runtime)-[^".]*\.js)"/g : /from"\.\/([^"]+\.js)"/g;
        for (const m of code.toString().matchAll(re)) {
          if (m[1] === '../civic-widgets.js' || seen.has(m[1]) || !existsSync(`dist/chunks/${m[1]}`)) continue;
          seen.add(m[1]);
          walk(readFileSync(`dist/chunks/${m[1]}`), false);
        }
      };
      walk(b, true);
      const deps = [...seen].map((x) => readFileSync(`dist/chunks/${x}`)).filter((d) => !always.some((a) => a.equals(d)) && !d.equals(b));
      widgetRows.push([`page with only <civic-${name}>: core + its chunk${deps.length ? ` + ${deps.length} shared` : ''}`, [...always, b, ...deps].reduce((a, x) => a + x.length, 0), [...always, b, ...deps].reduce((a, x) => a + gz(x), 0), [...always, b, ...deps].reduce((a, x) => a + br(x), 0)]);
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
const total = alwaysGz;
console.log(`\nbudget: always loaded (civic-widgets.js + core) ${kb(total)} gz of ${kb(BUDGET)} (${((100 * total) / BUDGET).toFixed(0)} %)${chunksGz ? `; lazy chunks ${kb(chunksGz)} gz more, loaded only when used` : ''}`);
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
