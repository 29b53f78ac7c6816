/**
 * Editor support (scripts/editor-data.mjs): vscode.html-custom-data.json and web-types.json are in
 * sync with custom-elements.json, name every element, attribute, event, token and part of it, and
 * are where package.json and .vscode/settings.json say.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
/** The script runs as `node scripts/editor-data.mjs` does (no loader inherited from the test runner). */
const env = { ...process.env, NODE_OPTIONS: '' };
const read = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

interface Item {
  name: string;
  description?: string;
  type?: { text?: string };
  fieldName?: string;
}
interface Element {
  tagName: string;
  customElement?: boolean;
  attributes?: Item[];
  events?: Item[];
  cssProperties?: Item[];
  cssParts?: Item[];
}

const manifest = read('custom-elements.json') as { modules: Array<{ declarations?: Element[] }> };
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
const vscode = read('vscode.html-custom-data.json') as {
  version: number;
  tags: Array<{ name: string; description: { value: string }; attributes: Array<{ name: string; values?: Array<{ name: string }>; valueSet?: string }> }>;
};
const webTypes = read('web-types.json') as {
  name: string;
  version: string;
  contributions: {
    html: {
      elements: Array<{
        name: string;
        attributes: Array<{ name: string; value: { kind: string; type: string }; values?: Array<{ name: string }> }>;
        events?: Array<{ name: string }>;
        js: { properties: Array<{ name: string }>; events: Array<{ name: string }> };
        css: { properties: Array<{ name: string }>; parts: Array<{ name: string }> };
      }>;
    };
    css: { properties: Array<{ name: string }> };
  };
};

describe('editor data (scripts/editor-data.mjs)', () => {
  it('is in sync with custom-elements.json (`npm run analyze` regenerates it)', () => {
    const r = spawnSync(process.execPath, ['scripts/editor-data.mjs', '--check'], { cwd: ROOT, encoding: 'utf8', env });
    assert.equal(r.status, 0, r.stderr);
  });

  it('--check fails when the manifest changed since the files were written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'editor-data-'));
    try {
      for (const f of ['package.json', 'vscode.html-custom-data.json', 'web-types.json', 'scripts/editor-data.mjs']) cpSync(join(ROOT, f), join(dir, f));
      symlinkSync(join(ROOT, 'src'), join(dir, 'src'));
      const changed = structuredClone(manifest) as { modules: Array<{ declarations?: Element[] }> };
      const vote = changed.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'civic-vote')!;
      vote.attributes!.push({ name: 'new-attribute', description: 'Added after the files were written.', type: { text: 'string' } });
      writeFileSync(join(dir, 'custom-elements.json'), JSON.stringify(changed));
      const r = spawnSync(process.execPath, ['scripts/editor-data.mjs', '--check'], { cwd: dir, encoding: 'utf8', env });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /vscode\.html-custom-data\.json is out of date/);
      assert.match(r.stderr, /web-types\.json is out of date/);
      execFileSync(process.execPath, ['scripts/editor-data.mjs'], { cwd: dir, env });
      const written = JSON.parse(readFileSync(join(dir, 'vscode.html-custom-data.json'), 'utf8')) as typeof vscode;
      assert.ok(written.tags.find((t) => t.name === 'civic-vote')!.attributes.some((a) => a.name === 'new-attribute'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names every element and every attribute of the manifest, in both files', () => {
    assert.ok(elements.length >= 7, `only ${elements.length} elements in custom-elements.json`);
    assert.deepEqual(vscode.tags.map((t) => t.name), elements.map((e) => e.tagName));
    assert.deepEqual(webTypes.contributions.html.elements.map((e) => e.name), elements.map((e) => e.tagName));
    for (const el of elements) {
      const attrs = (el.attributes ?? []).map((a) => a.name).filter((n) => !n.startsWith('_'));
      assert.ok(attrs.length > 0, `<${el.tagName}> has no attribute`);
      assert.deepEqual(vscode.tags.find((t) => t.name === el.tagName)!.attributes.map((a) => a.name), attrs, el.tagName);
      assert.deepEqual(webTypes.contributions.html.elements.find((e) => e.name === el.tagName)!.attributes.map((a) => a.name), attrs, el.tagName);
    }
  });

  it('web-types names every event, property, token and part; VS Code describes them on the tag', () => {
    for (const el of elements) {
      const w = webTypes.contributions.html.elements.find((e) => e.name === el.tagName)!;
      const v = vscode.tags.find((t) => t.name === el.tagName)!;
      assert.deepEqual(w.js.events.map((e) => e.name), (el.events ?? []).map((e) => e.name), el.tagName);
      assert.deepEqual(w.js.properties.map((p) => p.name), (el.attributes ?? []).filter((a) => a.fieldName).map((a) => a.fieldName), el.tagName);
      assert.deepEqual(w.css.properties.map((p) => p.name), (el.cssProperties ?? []).map((p) => p.name), el.tagName);
      assert.deepEqual(w.css.parts.map((p) => p.name), (el.cssParts ?? []).map((p) => p.name), el.tagName);
      for (const e of el.events ?? []) assert.ok(v.description.value.includes(`\`${e.name}\``), `${el.tagName}: ${e.name} not in the VS Code description`);
      for (const p of el.cssParts ?? []) assert.ok(v.description.value.includes(`::part(${p.name})`), `${el.tagName}: ${p.name} not in the VS Code description`);
    }
    const tokens = new Set(elements.flatMap((e) => (e.cssProperties ?? []).map((p) => p.name)));
    assert.deepEqual(new Set(webTypes.contributions.css.properties.map((p) => p.name)), tokens);
    assert.ok(tokens.has('--civic-color-primary'));
  });

  it('gives the values of enumerations (a literal union and an alias of src/) and marks booleans', () => {
    const vAttr = (tag: string, name: string) => vscode.tags.find((t) => t.name === tag)!.attributes.find((a) => a.name === name)!;
    const wAttr = (tag: string, name: string) => webTypes.contributions.html.elements.find((e) => e.name === tag)!.attributes.find((a) => a.name === name)!;
    assert.deepEqual(vAttr('civic-map-report', 'mode').values?.map((v) => v.name), ['report', 'list', 'assisted']);
    assert.deepEqual(vAttr('civic-comments', 'sort').values?.map((v) => v.name), ['newest', 'oldest', 'supported']);
    assert.deepEqual(wAttr('civic-comments', 'sort').values?.map((v) => v.name), ['newest', 'oldest', 'supported']);
    assert.equal(vAttr('civic-survey', 'print').valueSet, 'v');
    assert.equal(wAttr('civic-survey', 'print').value.kind, 'no-value');
    assert.equal(wAttr('civic-vote', 'heading-level').value.type, 'number');
    assert.equal(vAttr('civic-vote', 'vote-id').values, undefined);
  });

  it('is referenced by package.json ("web-types", "files") and .vscode/settings.json (html.customData)', () => {
    const pkg = read('package.json') as { name: string; version: string; 'web-types'?: string; files?: string[] };
    assert.equal(pkg['web-types'], './web-types.json');
    assert.ok(pkg.files?.includes('web-types.json'), 'web-types.json is not in "files"');
    assert.ok(pkg.files?.includes('vscode.html-custom-data.json'), 'vscode.html-custom-data.json is not in "files"');
    assert.equal(webTypes.name, pkg.name);
    assert.equal(webTypes.version, pkg.version);
    const settings = read('.vscode/settings.json') as { 'html.customData'?: string[] };
    assert.deepEqual(settings['html.customData'], ['./vscode.html-custom-data.json']);
  });
});
