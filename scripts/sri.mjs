// After `vite build`: the Subresource Integrity hash (sha384) of dist/civic-widgets.js, for the
// snippet `<script type="module" src="https://…/v<version>/civic-widgets.js" integrity="sha384-…"
// crossorigin="anonymous">`. Writes dist/civic-widgets.sri.json (read by the snippet builder and
// served by the backend at /civic-widgets.sri.json) and prints it.
//
// What SRI covers: the browser checks the entry file only. The entry imports the shared core and
// every widget by file names that carry a hash of their content (chunks/core-<hash>.js), so the
// entry's hash pins the names, and the names pin the content: a chunk changed on the server gets
// another name, which the pinned entry never asks for. (A server that rewrote a chunk in place
// under the same name would not be caught: the browser does not check import()ed modules.)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';

const entry = 'dist/civic-widgets.js';
let body;
try {
  body = readFileSync(entry);
} catch {
  console.error(`${entry} is missing: run \`vite build\` first.`);
  process.exit(1);
}
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const integrity = `sha384-${createHash('sha384').update(body).digest('base64')}`;
// The chunks the entry reaches, directly or through other chunks (every name carries a content hash).
const chunks = new Set(readdirSync('dist/chunks').filter((f) => f.endsWith('.js')));
const importsOf = (code, prefix) => [...code.matchAll(/["'`]\.\/((?:chunks\/)?[\w.-]+\.js)["'`]/g)].map((m) => (m[1].startsWith('chunks/') ? m[1] : prefix + m[1]));
const direct = importsOf(body.toString(), 'chunks/');
const reached = new Set();
const queue = [...direct];
while (queue.length) {
  const c = queue.shift();
  if (reached.has(c)) continue;
  if (!chunks.has(c.slice('chunks/'.length))) {
    console.error(`${c} is imported but not in dist/chunks/: build again (npm run build).`);
    process.exit(1);
  }
  reached.add(c);
  queue.push(...importsOf(readFileSync(`dist/${c}`, 'utf8'), 'chunks/'));
}
const sri = { version, file: 'civic-widgets.js', url: `/v${version}/civic-widgets.js`, integrity, crossorigin: 'anonymous', pins: direct, reaches: [...reached].sort() };
writeFileSync('dist/civic-widgets.sri.json', `${JSON.stringify(sri, null, 2)}\n`);
console.log(`Subresource Integrity of ${entry} (version ${version}):\n  ${integrity}`);
console.log(`Snippet:\n  <script type="module" src="https://YOUR-BACKEND${sri.url}" integrity="${integrity}" crossorigin="anonymous"></script>`);
console.log(`Written to dist/civic-widgets.sri.json. The entry imports ${direct.join(', ')} by a content-hashed name, which reaches ${reached.size} of the ${chunks.size} chunks the same way.`);
