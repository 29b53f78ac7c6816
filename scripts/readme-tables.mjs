// Writes the widgets' reference tables into README.md (between the widget-tables markers) from
// custom-elements.json, so the README says what the JSDoc says. Run by `npm run analyze`.
// With --check, exits 1 when README.md is out of date instead of writing it.
import { readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const esc = (s = '') => String(s).replace(/\|/g, '\\|').replace(/\n+/g, ' ').trim();
const out = [];
for (const mod of manifest.modules) {
  for (const d of mod.declarations ?? []) {
    if (!d.customElement || !d.tagName) continue;
    out.push(`### \`<${d.tagName}>\``, '', esc(d.summary || d.description), '');
    const attrs = (d.attributes ?? []).filter((a) => !a.name.startsWith('_'));
    if (attrs.length) {
      out.push('| attribute | property | type | default | description |', '| --- | --- | --- | --- | --- |');
      for (const a of attrs) out.push(`| \`${a.name}\` | \`${a.fieldName ?? ''}\` | ${esc(a.type?.text ? `\`${a.type.text}\`` : '')} | ${esc(a.default ? `\`${a.default}\`` : '')} | ${esc(a.description)} |`);
      out.push('');
    }
    const sections = [
      ['events', d.events, 'event'],
      ['parts', d.cssParts, 'part'],
      ['CSS custom properties', d.cssProperties, 'property'],
      ['slots', d.slots, 'slot'],
    ];
    for (const [title, list, col] of sections) {
      if (!list?.length) continue;
      out.push(`| ${col} | description |`, '| --- | --- |');
      for (const x of list) out.push(`| \`${x.name || '(default)'}\` | ${esc(x.description)} |`);
      out.push('');
      void title;
    }
  }
}
const start = '<!-- widget-tables:start (generated from custom-elements.json by scripts/readme-tables.mjs) -->';
const end = '<!-- widget-tables:end -->';
const readme = readFileSync('README.md', 'utf8');
const i = readme.indexOf(start);
const j = readme.indexOf(end);
if (i < 0 || j < 0) {
  console.error('README.md has no widget-tables markers');
  process.exit(1);
}
const next = `${readme.slice(0, i + start.length)}\n\n${out.join('\n')}\n${readme.slice(j)}`;
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md widget tables are out of date: run `npm run analyze`.');
    process.exit(1);
  }
} else if (next !== readme) writeFileSync('README.md', next);
