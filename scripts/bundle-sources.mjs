// Attributes the minified bytes of a built file to its sources, from its sourcemap.
// Usage: node scripts/bundle-sources.mjs dist/civic-widgets.js [top]
import { readFileSync } from 'node:fs';
const file = process.argv[2] ?? 'dist/civic-widgets.js';
const top = Number(process.argv[3] ?? 25);
const map = JSON.parse(readFileSync(file + '.map', 'utf8'));
const code = readFileSync(file, 'utf8');
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function decode(seg) {
  const out = []; let value = 0, shift = 0;
  for (const ch of seg) {
    let d = B64.indexOf(ch); const cont = d & 32; d &= 31; value += d << shift;
    if (cont) shift += 5; else { const neg = value & 1; value >>= 1; out.push(neg ? -value : value); value = 0; shift = 0; }
  }
  return out;
}
const lines = code.split('\n');
const bytes = new Map();
let src = 0;
map.mappings.split(';').forEach((line, li) => {
  let col = 0; const segs = line ? line.split(',') : [];
  const points = [];
  for (const s of segs) { const d = decode(s); col += d[0]; if (d.length > 1) src += d[1]; points.push([col, d.length > 1 ? src : -1]); }
  const len = (lines[li] ?? '').length;
  points.forEach(([c, s], i) => { const end = i + 1 < points.length ? points[i + 1][0] : len; const name = s >= 0 ? map.sources[s] : '(none)'; bytes.set(name, (bytes.get(name) ?? 0) + end - c); });
});
const byPkg = new Map();
for (const [k, v] of bytes) { const m = k.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/); const key = m ? m[1] : k.replace(/^(\.\.\/)+/, ''); byPkg.set(key, (byPkg.get(key) ?? 0) + v); }
console.log('by package/file (minified bytes):');
[...byPkg].sort((a, b) => b[1] - a[1]).slice(0, top).forEach(([k, v]) => console.log(String(v).padStart(8), k));
if (process.argv[4] === 'files') [...bytes].sort((a, b) => b[1] - a[1]).slice(0, top).forEach(([k, v]) => console.log(String(v).padStart(8), k));
