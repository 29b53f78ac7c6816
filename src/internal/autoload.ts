/**
 * What the one-file bundle does on a page: defines `<civic-config>` at once, and loads each widget's
 * code (a chunk next to the bundle) only when its tag is in the page, now or later. A page with one
 * survey downloads the shared core and the survey, never the map or the comments.
 *
 * When a widget's chunk cannot be fetched, the tag cannot upgrade and would stay blank: a message is
 * put inside it instead (light DOM, shown by a tag that is not defined), in the page's language,
 * and the load is tried again when the device comes back online.
 */
import { localizer } from '../i18n/localize.js';
import { warnWebmaster } from './civic-element.js';
import type { Widgets } from './widgets.js';

/**
 * Shared by every copy of the bundle on the page (a theme and a plugin may each load it, from two
 * URLs, so that every module runs twice): a tag is defined by the first copy that asks (its code is
 * downloaded once, see widgets.ts), and the other copy leaves it alone (even while the first is still loading it).
 */
const shared = globalThis as unknown as Record<symbol, Map<string, Promise<unknown>> | undefined>;
const pending = (shared[Symbol.for('civic-widgets.loading')] ??= new Map<string, Promise<unknown>>());
const NOTE = 'data-civic-load-error';

function langOf(el: Element): string {
  return el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'fr';
}

/** Loads and defines one widget tag (once, however many elements and bundle copies ask). */
export function loadWidget(widgets: Widgets, tag: string): Promise<unknown> {
  if (!widgets.tags.includes(tag) || customElements.get(tag)) return Promise.resolve();
  let p = pending.get(tag);
  if (!p) {
    p = widgets.code(tag)
      .then((widget) => widget.define())
      .then(
        () => document.querySelectorAll(`${tag} > [${NOTE}]`).forEach((n) => n.remove()),
        (e: unknown) => {
          pending.delete(tag);
          const offline = navigator.onLine === false;
          warnWebmaster(tag, `its code could not be downloaded (${e instanceof Error ? e.message : String(e)}). Serve the whole dist/ folder (chunks/ included) next to civic-widgets.js.`);
          for (const el of document.querySelectorAll(tag)) {
            if (el.querySelector(`:scope > [${NOTE}]`)) continue;
            const note = document.createElement('p');
            note.setAttribute(NOTE, '');
            note.setAttribute('role', 'alert');
            note.textContent = localizer(langOf(el)).t(offline ? 'error.offline' : 'error.missing_part');
            el.append(note);
          }
          addEventListener('online', () => void loadWidget(widgets, tag), { once: true });
        },
      );
    pending.set(tag, p);
  }
  return p;
}

/**
 * Turns a placeholder that survives CMS filters into the widget:
 * `<div data-civic-widget="survey" data-endpoint="…" data-survey-id="…">` gets a `<civic-survey
 * endpoint="…" survey-id="…">` inside it (every `data-*` but `data-civic-widget` becomes an
 * attribute; the div stays, so the CMS's markup is untouched). An unknown widget name is reported
 * in the placeholder and in the console.
 */
export function upgradePlaceholder(widgets: Widgets, el: Element): void {
  if (el.hasAttribute('data-civic-upgraded')) return;
  el.setAttribute('data-civic-upgraded', '');
  const { name, tag } = widgets.placeholderTag(el);
  if (!widgets.tags.includes(tag) && tag !== 'civic-config') {
    const known = widgets.tags.map((t) => t.slice(6)).join(', ');
    warnWebmaster(tag, `data-civic-widget="${name}" names no widget; use one of: ${known}.`, el);
    const note = document.createElement('p');
    note.setAttribute(NOTE, '');
    note.setAttribute('role', 'alert');
    note.textContent = localizer(langOf(el)).t('config.unknownWidget', name, known);
    el.append(note);
    return;
  }
  const widget = document.createElement(tag);
  for (const { name: attr, value } of [...el.attributes]) {
    if (attr.startsWith('data-') && attr !== 'data-civic-widget' && attr !== 'data-civic-upgraded') widget.setAttribute(attr.slice(5), value);
  }
  // An inline definition written inside the placeholder goes with the widget, and so does the form
  // without JavaScript (`data-civic-fallback`, GET /api/forms/…): the widget's shadow root hides it.
  // Other fallback content stays.
  const inline = el.querySelector(':scope > script[type="application/json"]');
  if (inline) widget.append(inline);
  widget.append(...el.querySelectorAll(':scope > [data-civic-fallback]'));
  el.append(widget);
}

function scan(widgets: Widgets, root: ParentNode): void {
  if ('querySelectorAll' in root) for (const p of root.querySelectorAll(widgets.placeholder)) upgradePlaceholder(widgets, p);
  for (const tag of widgets.tags) if (!customElements.get(tag) && root.querySelector(tag)) void loadWidget(widgets, tag);
}

/** Loads the widgets in the page now and those added later (tags and `data-civic-widget` placeholders). */
export function autoload(widgets: Widgets): void {
  scan(widgets, document);
  // Also sees the elements the parser adds after this script ran, and those a CMS adds later.
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        const el = n as Element;
        if (el.matches(widgets.placeholder)) upgradePlaceholder(widgets, el);
        if (widgets.tags.includes(el.localName)) void loadWidget(widgets, el.localName);
        else if (el.firstElementChild) scan(widgets, el);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}
