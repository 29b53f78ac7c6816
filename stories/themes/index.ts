/**
 * The themes of stories/themes/*.css, for the Theme toolbar (every story) and the Theming stories
 * (several themes side by side). The CSS files are what a site copies: only `--civic-*` tokens on
 * `:root` and `civic-*::part()` rules; the page colours below are the site's own, not a widget's.
 */
import dark from './dark.css?raw';
import dsfr from './dsfr.css?raw';

export interface Theme {
  title: string;
  /** The file as a site would load it. */
  css: string;
  /** The host page around the widgets (its own background and text colour). */
  page: { background?: string; color?: string };
}

export const THEMES: Record<'none' | 'dark' | 'dsfr', Theme> = {
  none: { title: 'No theme (the fallbacks)', css: '', page: {} },
  dark: { title: 'Dark', css: dark, page: { background: '#0b1220', color: '#e5e7eb' } },
  dsfr: { title: 'DSFR-like', css: dsfr, page: { background: '#ffffff', color: '#161616' } },
};

export type ThemeName = keyof typeof THEMES;

export const isThemeName = (v: unknown): v is ThemeName => typeof v === 'string' && Object.hasOwn(THEMES, v);

/**
 * The theme's rules for one part of the page only: `:root` becomes `scope`, and every
 * `civic-…` selector is prefixed with it. (Enough for these files, which only have those two kinds
 * of selectors; the Theming stories show several themes side by side with it.)
 */
export function scopeTheme(css: string, scope: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/:root\b/g, scope)
    .replace(/(^|[,{}]\s*)(civic-[\w-]+::part\()/gm, `$1${scope} $2`);
}
