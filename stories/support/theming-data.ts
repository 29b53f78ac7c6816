/**
 * What the Theming page shows, all read from custom-elements.json, the widgets' own CSS and the
 * theme files: every token (with its fallback and its value in each theme) and every part.
 */
import { THEMES, type ThemeName } from '../themes/index.js';
import { isColorToken, manifestElements, readableDefault, tokenDefaults } from './arg-types.js';

export interface TokenRow {
  name: string;
  description: string;
  /** The literal fallbacks in the widgets' CSS (one, or one per place that reads it). */
  defaults: string[];
  /** The first fallback with the `var()` chains resolved to their literal: what a swatch paints. */
  paint: string;
  color: boolean;
  widgets: string[];
  /** The token's value in each theme file, when the theme sets it. */
  themes: Partial<Record<ThemeName, string>>;
}

export interface PartRow {
  name: string;
  /** What the part is, widget by widget (the JSDoc `@csspart` texts). */
  descriptions: Array<{ tag: string; description: string }>;
  widgets: string[];
}

/** `--civic-x: value;` declarations of a theme file. */
export function themeTokens(css: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/(--civic-[\w-]+)\s*:\s*([^;]+);/g)) out.set(m[1]!, m[2]!.trim());
  return out;
}

/** The literal at the end of a `var()` chain: `var(--a, var(--b, #123))` → `#123`. */
function literalOf(fallback: string): string {
  let v = fallback.trim();
  for (let m = /^var\(\s*--[\w-]+\s*,\s*([\s\S]*)\)$/.exec(v); m; m = /^var\(\s*--[\w-]+\s*,\s*([\s\S]*)\)$/.exec(v)) v = m[1]!.trim();
  return v;
}

/** Every token of every widget: the shared ones (read by most widgets) first. */
export function tokenRows(): TokenRow[] {
  const rows = new Map<string, TokenRow>();
  const themes = Object.fromEntries(Object.entries(THEMES).map(([name, t]) => [name, themeTokens(t.css)])) as Record<ThemeName, Map<string, string>>;
  for (const el of manifestElements()) {
    const defaults = tokenDefaults(el.tagName);
    for (const p of el.cssProperties ?? []) {
      const row: TokenRow = rows.get(p.name) ?? {
        name: p.name,
        description: p.description ?? '',
        defaults: [],
        paint: '',
        color: isColorToken(p.name),
        widgets: [],
        themes: Object.fromEntries(Object.entries(themes).flatMap(([name, map]) => (map.has(p.name) ? [[name, map.get(p.name)!]] : []))),
      };
      row.widgets.push(el.tagName);
      for (const d of defaults.get(p.name) ?? []) if (!row.defaults.includes(readableDefault(d))) row.defaults.push(readableDefault(d));
      if (!row.paint && defaults.get(p.name)?.[0]) row.paint = literalOf(defaults.get(p.name)![0]!);
      rows.set(p.name, row);
    }
  }
  const order = [...rows.keys()];
  return [...rows.values()].sort((a, b) => b.widgets.length - a.widgets.length || order.indexOf(a.name) - order.indexOf(b.name));
}

/** Every part of every widget, the shared vocabulary first. */
export function partRows(): PartRow[] {
  const rows = new Map<string, PartRow>();
  for (const el of manifestElements()) {
    for (const p of el.cssParts ?? []) {
      const row = rows.get(p.name) ?? { name: p.name, descriptions: [], widgets: [] };
      row.widgets.push(el.tagName);
      row.descriptions.push({ tag: el.tagName, description: p.description ?? '' });
      rows.set(p.name, row);
    }
  }
  const order = [...rows.keys()];
  return [...rows.values()].sort((a, b) => b.widgets.length - a.widgets.length || order.indexOf(a.name) - order.indexOf(b.name));
}
