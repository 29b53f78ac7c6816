/**
 * Controls from custom-elements.json: one place that turns a widget's manifest entry (generated
 * from its class JSDoc by `npm run analyze`) into Storybook argTypes, so that every widget's
 * stories offer the same three groups of controls:
 *
 * - **attributes**: every attribute of the manifest (text, number, boolean or a select for a union
 *   of string literals), plus the global `lang` with the eight languages;
 * - **Tokens**: every `--civic-*` custom property the widget reads (`@cssproperty`), a colour
 *   picker for colours, text otherwise, with the literal fallback the widget's CSS carries;
 * - **Parts**: every `::part()` (`@csspart`), a text control taking CSS declarations.
 *
 * `withTheming(tag)` (a decorator) applies what those controls hold: tokens as an inline style on
 * a wrapper, parts as `tag::part(name) { … }` rules scoped to the story. Nothing else is needed in
 * a story file than `argTypes: argTypesFor(tag)` and `decorators: [withTheming(tag)]`.
 */
import { html, noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { ArgTypes, Decorator } from '@storybook/web-components-vite';
import manifest from '../../custom-elements.json';
// The tags must be registered before tokenDefaults() reads their styles (idempotent).
import '../../src/define.js';

export interface ManifestItem {
  name: string;
  description?: string;
  default?: string;
  type?: { text?: string };
  fieldName?: string;
}

export interface ManifestElement {
  name: string;
  tagName: string;
  summary?: string;
  description?: string;
  attributes?: ManifestItem[];
  cssProperties?: ManifestItem[];
  cssParts?: ManifestItem[];
  events?: ManifestItem[];
  slots?: ManifestItem[];
}

/** The custom elements of the manifest (declarations with a tag), in the manifest's order. */
export function manifestElements(): ManifestElement[] {
  const out: ManifestElement[] = [];
  for (const mod of (manifest as { modules: Array<{ declarations?: Array<Record<string, unknown>> }> }).modules) {
    for (const d of mod.declarations ?? []) {
      if (typeof d.tagName === 'string' && d.tagName) out.push(d as unknown as ManifestElement);
    }
  }
  return out;
}

/** One element of the manifest; throws when the tag is not there (a story for a widget that lost its JSDoc). */
export function manifestElement(tag: string): ManifestElement {
  const found = manifestElements().find((e) => e.tagName === tag);
  if (!found) throw new Error(`<${tag}> is not in custom-elements.json: run \`npm run analyze\`.`);
  return found;
}

/** The eight languages of the widgets, as the `lang` control and the Languages stories offer them. */
export const LANGUAGES = [
  { code: 'fr', name: 'Français' },
  { code: 'en', name: 'English' },
  { code: 'nl', name: 'Nederlands' },
  { code: 'de', name: 'Deutsch' },
  { code: 'es', name: 'Español' },
  { code: 'it', name: 'Italiano' },
  { code: 'ca', name: 'Català' },
  { code: 'ar', name: 'العربية' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

/** `--civic-color-*` and `--civic-*-color` are colours (not `--civic-color-scheme`, a keyword). */
export const isColorToken = (name: string): boolean => name !== '--civic-color-scheme' && /^--civic-(color-|.*-color$)/.test(name);

/** The string literals of a type such as `'report' | 'list'`, or undefined when it is not only literals. */
export function literalUnion(type: string | undefined): string[] | undefined {
  if (!type) return undefined;
  const parts = type
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p !== 'undefined' && p !== 'null');
  if (!parts.length || !parts.every((p) => /^'[^']*'$|^"[^"]*"$/.test(p))) return undefined;
  return parts.map((p) => p.slice(1, -1));
}

/** Reads `var(--civic-x, fallback)` in CSS text, fallbacks with nested `var()` included. */
function fallbacksIn(cssText: string, into: Map<string, string[]>): void {
  const re = /var\(\s*(--civic-[\w-]+)\s*,/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(cssText))) {
    let depth = 1;
    let i = re.lastIndex;
    for (; i < cssText.length && depth > 0; i++) {
      if (cssText[i] === '(') depth++;
      else if (cssText[i] === ')') depth--;
    }
    const fallback = cssText.slice(re.lastIndex, i - 1).trim();
    const list = into.get(m[1]!) ?? [];
    if (fallback && !list.includes(fallback)) list.push(fallback);
    into.set(m[1]!, list);
  }
}

/**
 * The literal fallbacks of every `--civic-*` token in a registered widget's own styles (what it
 * looks like on a page with no theme): read from the element class's `elementStyles`, the CSS the
 * widget really adopts. A token read in two places with two fallbacks lists both.
 */
export function tokenDefaults(tag: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const ctor = customElements.get(tag) as (CustomElementConstructor & { elementStyles?: Array<{ cssText?: string }> }) | undefined;
  for (const sheet of ctor?.elementStyles ?? []) if (sheet.cssText) fallbacksIn(sheet.cssText, out);
  return out;
}

/** A fallback as a person reads it: `var(--civic-color-primary, #1d4ed8)` → `--civic-color-primary (#1d4ed8)`. */
export function readableDefault(fallback: string): string {
  return fallback.replace(/var\(\s*(--[\w-]+)\s*,\s*([^()]*)\)/g, '$1 ($2)');
}

type Control = NonNullable<ArgTypes[string]['control']>;

function attributeControl(a: ManifestItem): { control: Control; options?: string[] } {
  const type = a.type?.text ?? 'string';
  const literals = literalUnion(type);
  if (literals) return { control: literals.length <= 3 ? 'inline-radio' : 'select', options: literals };
  if (/\bboolean\b/.test(type)) return { control: 'boolean' };
  if (/\bnumber\b/.test(type)) return { control: a.name === 'heading-level' ? { type: 'number', min: 1, max: 6, step: 1 } : { type: 'number' } };
  return { control: 'text' };
}

/**
 * argTypes for every attribute, token and part of `tag`, from the manifest. Spread it into a
 * story file's `argTypes` and override what the manifest cannot say (the options of an attribute
 * typed by an alias, a range).
 */
export function argTypesFor(tag: string): ArgTypes {
  const el = manifestElement(tag);
  const defaults = tokenDefaults(tag);
  const argTypes: ArgTypes = {};
  const attributeNames = new Set<string>();
  for (const a of el.attributes ?? []) {
    if (a.name.startsWith('_')) continue;
    attributeNames.add(a.name);
    argTypes[a.name] = {
      name: a.name,
      description: a.description ?? '',
      ...attributeControl(a),
      table: { category: 'attributes', type: { summary: a.type?.text ?? 'string' }, ...(a.default ? { defaultValue: { summary: a.default } } : {}) },
    };
  }
  argTypes.lang = {
    name: 'lang',
    description:
      'Global HTML attribute. The widget speaks its own `lang`, else the closest `[lang]`, `<civic-config lang>`, `<html lang>`, French. ' +
      'The *Language* toolbar sets it for every story.',
    control: 'select',
    options: ['', ...LANGUAGES.map((l) => l.code)],
    table: { category: 'attributes', type: { summary: LANGUAGES.map((l) => `'${l.code}'`).join(' | ') } },
  };
  for (const p of el.cssProperties ?? []) {
    const fallback = defaults.get(p.name);
    argTypes[p.name] = {
      name: p.name,
      description: p.description ?? '',
      control: isColorToken(p.name) ? { type: 'color', presetColors: [] } : 'text',
      table: { category: 'Tokens', type: { summary: isColorToken(p.name) ? '<color>' : 'CSS value' }, ...(fallback?.length ? { defaultValue: { summary: fallback.map(readableDefault).join(' · ') } } : {}) },
    };
  }
  for (const p of el.cssParts ?? []) {
    if (attributeNames.has(p.name) || p.name === 'lang') continue;
    argTypes[p.name] = {
      name: `::part(${p.name})`,
      description: `${p.description ?? ''} CSS declarations for \`${tag}::part(${p.name})\`, e.g. \`text-transform: uppercase\`.`,
      control: 'text',
      table: { category: 'Parts', type: { summary: 'CSS declarations' } },
    };
  }
  return argTypes;
}

/** Tokens (`--civic-*`) of args that hold a value. */
export function tokensOf(args: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(args).filter(([k, v]) => k.startsWith('--civic-') && typeof v === 'string' && v.trim())) as Record<string, string>;
}

/** `tag::part(name) { … }` rules for the part args that hold CSS, each selector under `scope`. */
export function partRulesOf(tag: string, args: Record<string, unknown>, scope: string): string {
  const parts = new Set((manifestElement(tag).cssParts ?? []).map((p) => p.name));
  return Object.entries(args)
    .filter(([k, v]) => parts.has(k) && typeof v === 'string' && v.trim())
    .map(([k, v]) => `${scope} ${tag}::part(${k}) { ${v as string} }`)
    .join('\n');
}

/**
 * Decorator: the story inside a wrapper that carries the Tokens controls as an inline style and
 * the Parts controls as scoped `::part()` rules. Without any token or part set, the story as is.
 */
export function withTheming(tag: string): Decorator {
  return (story, { args, id }) => {
    const tokens = tokensOf(args);
    const scope = `[data-civic-story='${id}']`;
    const rules = partRulesOf(tag, args, scope);
    if (!Object.keys(tokens).length && !rules) return story();
    return html`<style .textContent=${rules}></style>
      <div data-civic-story=${id} style=${styleMap(tokens)}>${story()}</div>`;
  };
}

/**
 * Writes every attribute the manifest gives the element from the story's args, as a webmaster
 * would (`true` → the bare attribute; `false`, `''` and undefined → no attribute), so that each
 * control of the **attributes** group reaches the widget, including those added later to its JSDoc
 * (`easy-read`, `mode`, `mediator`…). In the tag: `<civic-vote ${manifestAttributes(args)} lang=…>`.
 */
class ManifestAttributes extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('manifestAttributes() goes inside the tag: <civic-vote ${manifestAttributes(args)}>.');
  }

  render(_args: Record<string, unknown>): unknown {
    return noChange;
  }

  override update(part: ElementPart, [args]: [Record<string, unknown>]): unknown {
    const el = part.element;
    for (const { name } of manifestElement(el.localName).attributes ?? []) {
      const v = args[name];
      if (v === undefined || v === null || v === false || v === '') el.removeAttribute(name);
      else el.setAttribute(name, v === true ? '' : String(v));
    }
    return noChange;
  }
}

export const manifestAttributes = directive(ManifestAttributes);
