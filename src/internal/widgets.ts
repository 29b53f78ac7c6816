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

/**
 * Where each widget reads its definition (docs/protocol.md): the attribute that names it and the
 * collection under the API. civic-widgets.js uses it to ask for the definitions of the widgets in
 * the page while their code downloads; test/autoload.test.ts checks it against each widget and the
 * client's paths (src/api/resources.ts, which this file cannot import without waiting for the core).
 */
export const DEFINITIONS: Record<string, readonly [attribute: string, collection: string]> = {
  'civic-vote': ['vote-id', 'votes'],
  'civic-petition': ['petition-id', 'petitions'],
  'civic-survey': ['survey-id', 'surveys'],
  'civic-comments': ['thread-id', 'threads'],
  'civic-map-report': ['report-id', 'map-reports'],
};

/** The URL of the definition a widget (its tag, or a placeholder) will load, or undefined when it loads none. */
export function definitionUrl(el: Element): string | undefined {
  const placeholder = el.matches(PLACEHOLDER);
  const where = DEFINITIONS[placeholder ? placeholderTag(el).tag : el.localName];
  if (!where) return undefined;
  const attr = (name: string) => el.getAttribute(placeholder ? `data-${name}` : name)?.trim();
  const id = attr(where[0]);
  const endpoint = attr('endpoint') || el.closest('civic-config[endpoint]')?.getAttribute('endpoint')?.trim();
  // An inline definition (<script type="application/json"> inside) is not fetched.
  if (!id || !endpoint || el.querySelector(':scope > script[type="application/json"]')) return undefined;
  try {
    const url = new URL(endpoint, location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? `${url.href.replace(/\/+$/, '')}/${where[1]}/${encodeURIComponent(id)}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The widgets that load zod and their schemas only when they need them (to check the definition):
 * when their definition is asked for early, so are these, so that the check does not wait for them.
 */
const SCHEMAS: Record<string, () => Promise<unknown>> = {
  'civic-survey': () => import('../api/schemas/survey.js'),
  'civic-comments': () => import('../api/schemas/comments.js'),
};

/** The definitions asked for early, by URL, until a widget takes its own (src/internal/definitions.ts). */
const early = ((globalThis as unknown as Record<symbol, Map<string, Promise<Response>> | undefined>)[Symbol.for('civic-widgets.definitions')] ??= new Map());

/**
 * Asks for the definitions of the widgets in `root` now, with the request a widget would send
 * (the same URL, headers and credentials): the answer is there when the widget's code has loaded.
 * One not taken within a minute (the widget changed before it loaded) is dropped.
 */
export function prefetchDefinitions(root: ParentNode): void {
  if (navigator.onLine === false) return;
  for (const el of root.querySelectorAll(`${Object.keys(DEFINITIONS).join(', ')}, ${PLACEHOLDER}`)) {
    const url = definitionUrl(el);
    if (!url || early.has(url)) continue;
    const tag = el.matches(PLACEHOLDER) ? placeholderTag(el).tag : el.localName;
    SCHEMAS[tag]?.().catch(() => undefined);
    const answer = fetch(url, { headers: { Accept: 'application/json' }, credentials: 'omit', referrerPolicy: 'strict-origin-when-cross-origin', signal: AbortSignal.timeout(15000) });
    answer.catch(() => undefined); // the widget sends its own request if this one failed
    early.set(url, answer);
    setTimeout(() => early.get(url) === answer && early.delete(url), 60_000);
  }
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
