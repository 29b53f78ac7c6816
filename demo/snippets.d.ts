/** Types of demo/snippets.js (plain JavaScript, served as is by the demo). */
export type Target = 'html' | 'placeholder' | 'wordpress-shortcode' | 'wordpress-block' | 'drupal' | 'joomla' | 'spip' | 'typo3';
export const TARGETS: readonly Target[];
export const LANGUAGES: readonly string[];

export interface WidgetAttribute {
  name: string;
  type: 'string' | 'number' | 'boolean';
  description: string;
  options?: string[];
  default?: string;
}
export interface Widget {
  name: string;
  tag: string;
  summary: string;
  attributes: WidgetAttribute[];
}
export interface Sri {
  url: string;
  integrity: string;
}
export interface Step {
  id: string;
  title: string;
  code: string;
  language: string;
}

export function widgetsFrom(manifest: unknown): Widget[];
export function snippetFor(options: {
  widget: Widget;
  values: Record<string, string | number | boolean | undefined>;
  lang?: string;
  target: Target;
  base: string;
  sri?: Sri;
  ui?: 'fr' | 'en';
}): Step[];
export function mountSnippetBuilder(
  root: HTMLElement,
  options: {
    manifest: unknown;
    sri?: Sri;
    base?: string;
    ui?: 'fr' | 'en';
    initial?: { widget?: string; target?: Target | string; values?: Record<string, string | boolean>; lang?: string; base?: string };
    preview?: boolean;
    guideBase?: string;
  },
): { state: unknown; rerender(): void };
