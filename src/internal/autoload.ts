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

type Loader = () => Promise<unknown>;

/** Every widget tag and how to load and define it. Add one line per widget. */
export const WIDGETS: Record<string, Loader> = {
  'civic-vote': () => import('../components/vote/vote.js').then((m) => m.CivicVote.define()),
  'civic-petition': () => import('../components/petition/petition.js').then((m) => m.CivicPetition.define()),
  'civic-survey': () => import('../components/survey/survey.js').then((m) => m.CivicSurvey.define()),
  'civic-comments': () => import('../components/comments/comments.js').then((m) => m.CivicComments.define()),
  'civic-comment-count': () => import('../components/comments/count.js').then((m) => m.CivicCommentCount.define()),
  'civic-map-report': () => import('../components/map-report/map-report.js').then((m) => m.CivicMapReport.define()),
};

const pending = new Map<string, Promise<unknown>>();
const NOTE = 'data-civic-load-error';

function langOf(el: Element): string {
  return el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'fr';
}

/** Loads and defines one widget tag (once, however many elements and bundle copies ask). */
export function loadWidget(tag: string): Promise<unknown> {
  const load = WIDGETS[tag];
  if (!load || customElements.get(tag)) return Promise.resolve();
  let p = pending.get(tag);
  if (!p) {
    p = load().then(
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
        addEventListener('online', () => void loadWidget(tag), { once: true });
      },
    );
    pending.set(tag, p);
  }
  return p;
}

function scan(root: ParentNode): void {
  for (const tag of Object.keys(WIDGETS)) if (!customElements.get(tag) && root.querySelector(tag)) void loadWidget(tag);
}

/** Loads the widgets in the page now and those added later. */
export function autoload(): void {
  scan(document);
  // Also sees the elements the parser adds after this script ran, and those a CMS adds later.
  new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1) continue;
          const el = n as Element;
          if (el.localName in WIDGETS) void loadWidget(el.localName);
          else if (el.firstElementChild) scan(el);
        }
      }
  }).observe(document.documentElement, { childList: true, subtree: true });
}
