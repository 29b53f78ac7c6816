/**
 * Where each widget's code is, and what the page asks for. This module is part of civic-widgets.js
 * itself (not of the core chunk): the bundle starts downloading the code of the widgets already in
 * the page at the same time as the core, so that a survey costs two round trips (the bundle, then
 * the core and the survey together) instead of three (the bundle, the core, then the survey).
 * @internal
 */

/** A widget's class: what `define()` registers. */
export interface WidgetClass {
  define(): void;
}

/** Every widget tag and how to download its code. Add one line per widget. */
export const WIDGET_CODE: Record<string, () => Promise<WidgetClass>> = {
  'civic-vote': () => import('../components/vote/vote.js').then((m) => m.CivicVote),
  'civic-petition': () => import('../components/petition/petition.js').then((m) => m.CivicPetition),
  'civic-survey': () => import('../components/survey/survey.js').then((m) => m.CivicSurvey),
  'civic-comments': () => import('../components/comments/comments.js').then((m) => m.CivicComments),
  'civic-comment-count': () => import('../components/comments/count.js').then((m) => m.CivicCommentCount),
  'civic-map-report': () => import('../components/map-report/map-report.js').then((m) => m.CivicMapReport),
};

/** A placeholder that survives CMS filters: `<div data-civic-widget="survey" data-…>`. */
export const PLACEHOLDER = '[data-civic-widget]';

/** The tag a placeholder stands for (`survey` and `civic-survey` both give `civic-survey`). */
export function placeholderTag(el: Element): { name: string; tag: string } {
  const name = (el.getAttribute('data-civic-widget') ?? '').trim().toLowerCase();
  return { name, tag: name.startsWith('civic-') ? name : `civic-${name}` };
}

/**
 * Shared by every copy of the bundle on the page (a theme and a plugin may each load it, from two
 * URLs, so that every module runs twice): a widget's code is downloaded by the first copy that asks.
 */
const shared = globalThis as unknown as Record<symbol, Map<string, Promise<WidgetClass>> | undefined>;
const downloads = (shared[Symbol.for('civic-widgets.code')] ??= new Map<string, Promise<WidgetClass>>());

/** The code of widget `tag`, downloaded once per page; a failed download is tried again at the next call. */
export function widgetCode(tag: string): Promise<WidgetClass> {
  let p = downloads.get(tag);
  if (!p) {
    p = WIDGET_CODE[tag]!();
    downloads.set(tag, p);
    p.catch(() => downloads.delete(tag));
  }
  return p;
}

/** What the core's autoloader (autoload.ts) needs from this file, handed over by civic-widgets.js. */
export interface Widgets {
  readonly tags: readonly string[];
  readonly placeholder: string;
  code(tag: string): Promise<WidgetClass>;
  placeholderTag(el: Element): { name: string; tag: string };
}

/**
 * This file for the autoloader. The core does not import it (it would then be part of the core
 * chunk, and civic-widgets.js would have to wait for the core before fetching any widget).
 */
export const widgets: Widgets = { tags: Object.keys(WIDGET_CODE), placeholder: PLACEHOLDER, code: widgetCode, placeholderTag };

/**
 * Starts downloading the code of every widget in `root` (tags and placeholders) without running
 * anything: the core defines the tags when it has loaded. A failure is left to the core, which
 * reports it in the widget and tries again.
 */
export function prefetchWidgets(root: ParentNode): void {
  const tags = new Set<string>();
  for (const el of root.querySelectorAll(PLACEHOLDER)) tags.add(placeholderTag(el).tag);
  for (const tag of Object.keys(WIDGET_CODE)) if (root.querySelector(tag)) tags.add(tag);
  for (const tag of tags) if (tag in WIDGET_CODE && !customElements.get(tag)) widgetCode(tag).catch(() => undefined);
}
