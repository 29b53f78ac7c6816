// Editor support generated from custom-elements.json (run by `npm run analyze`):
//   vscode.html-custom-data.json  VS Code HTML custom data: every tag, its attributes (values for
//                                 enumerations and booleans), descriptions with events, tokens, parts
//   web-types.json                JetBrains web-types: elements, attributes, events, properties,
//                                 CSS custom properties and parts (and every token for any stylesheet)
// An attribute typed by an alias (`sort: CommentSort`) gets its values from src/: a string-literal
// union (`export type X = 'a' | 'b'`) or a zod enum (`export const X = z.enum(['a', 'b'])`).
// With --check, exits 1 when a file is out of date instead of writing it.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FILES = { vscode: 'vscode.html-custom-data.json', webTypes: 'web-types.json' };

/** Every `export type X = 'a' | 'b'` and `export const X = z.enum(['a', 'b'])` of src/, as { X: ['a', 'b'] }. */
export function literalAliases(dir = 'src') {
  const out = {};
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/export type (\w+)\s*=\s*([^;=]+);/g)) {
          const values = literals(m[2]);
          if (values) out[m[1]] = values;
        }
        for (const m of readFileSync(path, 'utf8').matchAll(/export const (\w+)\s*=\s*z\.enum\(\[([^\]]*)\]\)/g)) {
          const values = literals(m[2].split(',').filter((v) => v.trim()).join('|'));
          if (values) out[m[1]] = values;
        }
      }
    }
  };
  walk(dir);
  return out;
}

/** `'a' | 'b'` → ['a', 'b']; anything but string literals (and undefined) → undefined. */
function literals(type) {
  const parts = type
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p && p !== 'undefined' && p !== 'null');
  if (!parts.length || !parts.every((p) => /^'[^']*'$|^"[^"]*"$/.test(p))) return undefined;
  return parts.map((p) => p.slice(1, -1));
}

/** The custom elements of the manifest, in its order. */
export function elementsOf(manifest) {
  return manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ ...d, module: m.path })));
}

/** What an attribute accepts: kind (boolean, number, enum, string), its values for an enumeration. */
export function attributeValue(attr, aliases) {
  const text = (attr.type?.text ?? 'string').trim();
  const values = literals(text) ?? aliases[text.replace(/\s*\|\s*undefined$/, '')];
  if (values) return { kind: 'enum', type: values.map((v) => `'${v}'`).join(' | '), values };
  if (/\bboolean\b/.test(text)) return { kind: 'boolean', type: 'boolean' };
  if (/\bnumber\b/.test(text)) return { kind: 'number', type: 'number' };
  return { kind: 'string', type: 'string' };
}

const publicAttributes = (el) => (el.attributes ?? []).filter((a) => a.name && !a.name.startsWith('_'));
const oneLine = (s = '') => s.replace(/\s*\n\s*/g, ' ').trim();

/** A tag's documentation in Markdown: summary, description, events, tokens, parts. */
function tagMarkdown(el) {
  const lines = [];
  if (el.summary) lines.push(oneLine(el.summary));
  if (el.description) lines.push('', el.description.trim());
  const list = (title, items, fmt) => {
    if (!items?.length) return;
    lines.push('', `**${title}**`, '');
    for (const i of items) lines.push(`- ${fmt(i)}`);
  };
  list('Events', el.events, (e) => `\`${e.name}\` ${oneLine(e.description)}`);
  list('CSS custom properties', el.cssProperties, (p) => `\`${p.name}\` ${oneLine(p.description)}`);
  list('Parts', el.cssParts, (p) => `\`::part(${p.name})\` ${oneLine(p.description)}`);
  return lines.join('\n');
}

function attributeMarkdown(attr, value) {
  const bits = [oneLine(attr.description)];
  if (attr.default !== undefined) bits.push(`Default: \`${attr.default}\`.`);
  if (value.kind === 'number') bits.push('A number.');
  return bits.filter(Boolean).join(' ');
}

/** VS Code HTML custom data (https://github.com/microsoft/vscode-custom-data, version 1.1). */
export function vscodeData(manifest, aliases) {
  return {
    $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: elementsOf(manifest).map((el) => ({
      name: el.tagName,
      description: { kind: 'markdown', value: tagMarkdown(el) },
      attributes: publicAttributes(el).map((a) => {
        const value = attributeValue(a, aliases);
        return {
          name: a.name,
          description: { kind: 'markdown', value: attributeMarkdown(a, value) },
          ...(value.kind === 'enum' ? { values: value.values.map((name) => ({ name })) } : {}),
          ...(value.kind === 'boolean' ? { valueSet: 'v' } : {}),
        };
      }),
    })),
  };
}

/** JetBrains web-types (https://github.com/JetBrains/web-types), schema version 2. */
export function webTypes(manifest, aliases, pkg) {
  const elements = elementsOf(manifest);
  const tokens = new Map();
  for (const el of elements) for (const p of el.cssProperties ?? []) if (!tokens.has(p.name)) tokens.set(p.name, oneLine(p.description));
  return {
    $schema: 'https://raw.githubusercontent.com/JetBrains/web-types/master/schema/web-types.json',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elements.map((el) => ({
          name: el.tagName,
          description: tagMarkdown(el),
          source: { module: pkg.name, symbol: el.name },
          attributes: publicAttributes(el).map((a) => {
            const value = attributeValue(a, aliases);
            return {
              name: a.name,
              description: oneLine(a.description),
              ...(a.default !== undefined ? { default: a.default } : {}),
              required: false,
              value: value.kind === 'boolean' ? { kind: 'no-value', type: 'boolean' } : { kind: 'plain', type: value.type },
              ...(value.kind === 'enum' ? { values: value.values.map((name) => ({ name })) } : {}),
            };
          }),
          ...(el.events?.length ? { events: el.events.map((e) => ({ name: e.name, description: oneLine(e.description) })) } : {}),
          js: {
            properties: publicAttributes(el)
              .filter((a) => a.fieldName)
              .map((a) => ({ name: a.fieldName, type: a.type?.text ?? 'string', description: oneLine(a.description) })),
            events: (el.events ?? []).map((e) => ({ name: e.name, description: oneLine(e.description) })),
          },
          css: {
            properties: (el.cssProperties ?? []).map((p) => ({ name: p.name, description: oneLine(p.description), ...(p.default ? { default: p.default } : {}) })),
            parts: (el.cssParts ?? []).map((p) => ({ name: p.name, description: oneLine(p.description) })),
          },
        })),
      },
      // Every token in any stylesheet (`:root { --civic-… }`), not only inside a widget's rules.
      css: { properties: [...tokens].map(([name, description]) => ({ name, description })) },
    },
  };
}

/** Both files' text, exactly as written on disk. */
export function render(root = '.') {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const aliases = literalAliases(join(root, 'src'));
  return {
    [FILES.vscode]: `${JSON.stringify(vscodeData(manifest, aliases), null, 2)}\n`,
    [FILES.webTypes]: `${JSON.stringify(webTypes(manifest, aliases, pkg), null, 2)}\n`,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, text] of Object.entries(render())) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      /* not generated yet */
    }
    if (current === text) continue;
    if (check) {
      console.error(`${file} is out of date: run \`npm run analyze\`.`);
      stale++;
    } else writeFileSync(file, text);
  }
  process.exit(stale ? 1 : 0);
}
