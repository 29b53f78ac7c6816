// `npm run wordpress:package`: builds the WordPress plugin from integrations/wordpress/civic-widgets/
// into dist/wordpress/civic-widgets/ and zips it as dist/wordpress/civic-widgets.zip (install it with
// Plugins → Add New → Upload Plugin). Nothing it writes is committed:
// - assets/civic-widgets.js and assets/chunks/: a copy of the built bundle (run `npm run build` first);
// - includes/widgets.php: every widget and its attributes, read from custom-elements.json (the
//   shortcodes, the blocks and the placeholders accept exactly these attributes);
// - blocks/<widget>/block.json: one dynamic block per widget, its attributes from the same manifest;
// - the plugin's version from package.json.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = join(root, 'integrations/wordpress/civic-widgets');
const outDir = join(root, 'dist/wordpress');
const plugin = join(outDir, 'civic-widgets');
const zipFile = join(outDir, 'civic-widgets.zip');

const fail = (message) => {
  console.error(`wordpress:package: ${message}`);
  process.exit(1);
};
for (const f of ['dist/civic-widgets.js', 'dist/chunks', 'custom-elements.json']) {
  if (!existsSync(join(root, f))) fail(`${f} is missing: run \`npm run build\` first.`);
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));

/** `'report' | 'list'` → ['report', 'list']; anything else → undefined. */
function literalUnion(text) {
  const parts = text.split('|').map((s) => s.trim()).filter((s) => s !== 'undefined');
  if (!parts.length || !parts.every((p) => /^'[^']*'$/.test(p))) return undefined;
  return parts.map((p) => p.slice(1, -1));
}

function attributeOf(a) {
  const text = a.type?.text ?? 'string';
  const options = literalUnion(text);
  const bare = text.replace(/\s*\|\s*undefined/g, '').trim();
  const type = options ? 'string' : bare === 'boolean' ? 'boolean' : bare === 'number' ? 'number' : 'string';
  const out = { type, description: (a.description ?? '').replace(/\s+/g, ' ').trim() };
  if (options) out.options = options;
  if (a.default !== undefined) {
    let d = a.default.trim();
    if (/^'.*'$/.test(d)) d = d.slice(1, -1);
    else if (type === 'number') d = Number(d);
    else if (type === 'boolean') d = d === 'true';
    out.default = d;
  }
  return out;
}

// Every element of the manifest with a tag is a widget, except <civic-config>: in WordPress the
// settings page (default endpoint and language) plays its part.
const widgets = {};
for (const mod of manifest.modules ?? []) {
  for (const d of mod.declarations ?? []) {
    if (!d.customElement || !d.tagName?.startsWith('civic-') || d.tagName === 'civic-config') continue;
    const name = d.tagName.slice('civic-'.length);
    const attributes = {};
    for (const a of d.attributes ?? []) attributes[a.name] = attributeOf(a);
    widgets[name] = { tag: d.tagName, shortcode: `civic_${name.replace(/-/g, '_')}`, summary: (d.summary ?? '').trim(), attributes };
  }
}
if (!Object.keys(widgets).length) fail('custom-elements.json lists no civic-* element: run `npm run analyze`.');

// The widgets' languages: one file per locale in src/i18n/translations/ (in the bundle) and
// src/i18n/locales/ (loaded on demand).
const languages = [
  ...new Set(
    ['src/i18n/translations', 'src/i18n/locales']
      .filter((d) => existsSync(join(root, d)))
      .flatMap((d) => readdirSync(join(root, d)))
      .map((f) => f.replace(/\.ts$/, ''))
      .filter((f) => /^[a-z]{2,3}(-[A-Z]{2})?$/.test(f)),
  ),
].sort();

/** A JSON value as a PHP literal (arrays and single-quoted strings). */
function php(value, indent = '') {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const inner = indent + '\t';
  if (Array.isArray(value)) return `array(${value.map((v) => php(v, inner)).join(', ')})`;
  const entries = Object.entries(value).map(([k, v]) => `${inner}${php(k)} => ${php(v, inner)},`);
  return `array(\n${entries.join('\n')}\n${indent})`;
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cpSync(source, plugin, { recursive: true });

// The bundle: the loader and its chunks, as the backend serves them.
mkdirSync(join(plugin, 'assets/chunks'), { recursive: true });
cpSync(join(root, 'dist/civic-widgets.js'), join(plugin, 'assets/civic-widgets.js'));
for (const f of readdirSync(join(root, 'dist/chunks'))) {
  if (f.endsWith('.js')) cpSync(join(root, 'dist/chunks', f), join(plugin, 'assets/chunks', f));
}
// Without the source maps (not shipped), drop the comments that point at them.
for (const f of [join(plugin, 'assets/civic-widgets.js'), ...readdirSync(join(plugin, 'assets/chunks')).map((f) => join(plugin, 'assets/chunks', f))]) {
  writeFileSync(f, readFileSync(f, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n'));
}

writeFileSync(
  join(plugin, 'includes/widgets.php'),
  `<?php
/**
 * Generated by integrations/wordpress/package.mjs from custom-elements.json: do not edit.
 * Every widget (shortcode, block, placeholder) and the attributes its element accepts.
 *
 * @package CivicWidgets
 */

defined( 'ABSPATH' ) || exit;

return ${php({ version: pkg.version, languages, widgets })};
`,
);

for (const [name, w] of Object.entries(widgets)) {
  const attributes = {};
  for (const [attr, a] of Object.entries(w.attributes)) attributes[attr] = { type: a.type };
  attributes.lang = { type: 'string' };
  const block = {
    $schema: 'https://schemas.wp.org/trunk/block.json',
    apiVersion: 2,
    name: `civic-widgets/${name}`,
    version: pkg.version,
    title: w.tag,
    category: 'widgets',
    icon: 'groups',
    description: w.summary,
    keywords: ['civic', name],
    textdomain: 'civic-widgets',
    attributes,
    supports: { html: false, className: true, align: ['wide', 'full'] },
    editorScript: 'civic-widgets-blocks',
    editorStyle: 'civic-widgets-blocks',
  };
  mkdirSync(join(plugin, 'blocks', name), { recursive: true });
  writeFileSync(join(plugin, 'blocks', name, 'block.json'), `${JSON.stringify(block, null, '\t')}\n`);
}

// The version in the plugin header.
const main = join(plugin, 'civic-widgets.php');
writeFileSync(main, readFileSync(main, 'utf8').replace(/^( \* Version:\s*).*$/m, `$1${pkg.version}`));

// The zip (stored paths start with civic-widgets/, as WordPress's uploader expects).
function walk(dir) {
  return readdirSync(dir).sort().flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const locals = [];
const central = [];
let offset = 0;
for (const file of walk(plugin)) {
  const name = Buffer.from(relative(outDir, file).split('\\').join('/'));
  const data = readFileSync(file);
  const packed = deflateRawSync(data, { level: 9 });
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt16LE(0, 10);
  local.writeUInt16LE(0x21, 12); // 1980-01-01: reproducible
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  const entry = Buffer.alloc(46);
  entry.writeUInt32LE(0x02014b50, 0);
  entry.writeUInt16LE(0x0314, 4); // made by Unix, zip 2.0 (so the mode below counts)
  entry.writeUInt16LE(20, 6);
  local.copy(entry, 8, 6, 26);
  entry.writeUInt16LE(name.length, 28);
  entry.writeUInt32LE(0o100644 * 0x10000, 38); // -rw-r--r--
  entry.writeUInt32LE(offset, 42);
  locals.push(local, name, packed);
  central.push(entry, name);
  offset += local.length + name.length + packed.length;
}
const dir = Buffer.concat(central);
const end = Buffer.alloc(22);
end.writeUInt32LE(0x06054b50, 0);
end.writeUInt16LE(central.length / 2, 8);
end.writeUInt16LE(central.length / 2, 10);
end.writeUInt32LE(dir.length, 12);
end.writeUInt32LE(offset, 16);
writeFileSync(zipFile, Buffer.concat([...locals, dir, end]));

console.log(
  `WordPress plugin ${pkg.version}: ${Object.values(widgets).map((w) => `[${w.shortcode}]`).join(' ')}; ` +
    `languages ${languages.join(', ')}\n  ${relative(root, plugin)}/\n  ${relative(root, zipFile)} (${(statSync(zipFile).size / 1024).toFixed(0)} kB)`,
);
