import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LocalizedText } from '../api/schemas.js';
import { en, type MessageKey, type Messages } from './translations/en.js';
import { fr } from './translations/fr.js';
import { formatDateTime, formatNumber, formatPercent, isolate } from './plural.js';

/** Every table of strings of the page (the core's and each loaded widget's), and what re-renders the widgets. */
const tables: Catalog<unknown>[] = [];
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((f) => f());
let retryAt = 0;
const retry = () => ((retryAt = 0), notify());

/**
 * Where a table keeps a language's easy-read variant (its easy-read strings over its normal ones):
 * `fr` + EASY. Not a language tag, so never picked as one.
 */
const EASY = '+easy';

/**
 * Loads the table `lang` (a language, or a language + EASY) into `list` (every table by default),
 * then re-renders the widgets. A chunk that cannot be fetched (offline) leaves the fallback in
 * place; it is tried again when the connection returns, or at a render 10 s later.
 */
function load(lang: string, list = tables): void {
  const waiting = Date.now() < retryAt ? [] : list.filter((t) => t.loader(lang) && !t.done.has(lang));
  if (!waiting.length) return;
  Promise.all(
    waiting.map((t) => {
      let p = t.pending.get(lang);
      if (!p) {
        p = t.loader(lang)!()
          .then(
            (m) => void t.done.set(lang, m),
            () => ((retryAt = Date.now() + 1e4), addEventListener('online', retry, { once: true })),
          )
          .finally(() => t.pending.delete(lang));
        t.pending.set(lang, p);
      }
      return p;
    }),
  ).then(notify);
}

/** Who asks a catalog for its strings: a language, or a localizer (its language, and easy-read or not). */
export type Reader = string | { readonly lang: string; readonly easyRead?: boolean };

/**
 * A table of interface strings (the core's, a widget's): English and French come with it, every
 * other language is a chunk of its own (`() => import('./messages/nl.js')`), loaded when a widget
 * on the page speaks it. Each language file is typed against the English table.
 *
 * `easy` gives, per language, the table's easy-read wording (docs/easy-read.md): a partial table
 * typed against English, a chunk of its own loaded only when a widget in easy-read mode speaks that
 * language, merged over the normal strings. A key it leaves out, or a language without one, keeps
 * its normal wording.
 */
export class Catalog<T> {
  /** @internal The languages at hand. */
  readonly done: Map<string, T>;
  /** @internal */
  readonly pending = new Map<string, Promise<unknown>>();
  constructor(
    en: T,
    fr: T,
    /** @internal The languages loaded on demand. */
    readonly lazy: Record<string, () => Promise<{ default: T }>> = {},
    /** @internal The easy-read wording, per language, loaded on demand. */
    readonly easy: Record<string, () => Promise<{ default: Partial<T> }>> = {},
  ) {
    this.done = new Map([
      ['en', en],
      ['fr', fr],
    ]);
    tables.push(this as Catalog<unknown>);
  }

  /** @internal What loads the table `code`: a language's chunk, or its easy-read chunk merged over its normal table. */
  loader(code: string): (() => Promise<T>) | undefined {
    if (!code.endsWith(EASY)) {
      const f = this.lazy[code];
      return f && (() => f().then((m) => m.default));
    }
    const lang = code.slice(0, -EASY.length);
    const easy = this.easy[lang];
    const normal = this.loader(lang);
    if (!easy || !(this.done.has(lang) || normal)) return undefined;
    return () => Promise.all([this.done.get(lang) ?? normal!(), easy()]).then(([n, e]) => ({ ...n, ...e.default }));
  }

  /**
   * The strings for `reader` (a language the localizer picked, or the localizer): in easy-read
   * mode its easy-read table when there is one; the normal table while that loads; English while
   * the language loads.
   */
  get(reader: Reader): T {
    const lang = typeof reader === 'string' ? reader : reader.lang;
    if (typeof reader !== 'string' && reader.easyRead && this.easy[lang]) {
      const t = this.done.get(lang + EASY);
      if (t) return t;
      load(lang + EASY, [this as Catalog<unknown>]);
    }
    const t = this.done.get(lang);
    if (t) return t;
    load(lang, [this as Catalog<unknown>]);
    return this.done.get('en')!;
  }
}

/** The core's strings (every widget's shared states, errors, configuration messages, the poll). */
export const core = new Catalog<Messages>(
  en,
  fr,
  {
    nl: () => import('./locales/nl.js'),
    de: () => import('./locales/de.js'),
    es: () => import('./locales/es.js'),
    it: () => import('./locales/it.js'),
    ca: () => import('./locales/ca.js'),
    ar: () => import('./locales/ar.js'),
  },
  { en: () => import('./easy/core-easy.en.js'), fr: () => import('./easy/core-easy.fr.js') },
);

/** Adds a locale (one file of `Messages`). Widgets already on the page re-render. */
export function registerLocale(code: string, messages: Messages): void {
  core.done.set(code.toLowerCase(), messages);
  notify();
}

/** The interface languages: at hand, or loaded when a widget asks for them. */
export function availableLocales(): string[] {
  return [...new Set([...core.done.keys(), ...Object.keys(core.lazy)])].filter((k) => !k.endsWith(EASY));
}

/** Right-to-left scripts. */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ku', 'sd', 'ug']);
export function directionOf(lang: string): 'ltr' | 'rtl' {
  return RTL.has(baseOf(lang)) ? 'rtl' : 'ltr';
}

function baseOf(lang: string): string {
  return lang.toLowerCase().split('-')[0] ?? '';
}

/**
 * Best of `available` for `wanted`: the exact tag, then its base language, then `fallbacks`
 * in order, then the first available.
 */
export function pickLocale(available: readonly string[], wanted: string, fallbacks: readonly string[] = ['fr', 'en']): string | undefined {
  const lower = available.map((a) => a.toLowerCase());
  const w = wanted.toLowerCase();
  const tries = [w, baseOf(w), ...fallbacks];
  for (const t of tries) {
    const i = lower.indexOf(t);
    if (i >= 0) return available[i];
  }
  const base = lower.findIndex((a) => baseOf(a) === baseOf(w));
  return base >= 0 ? available[base] : available[0];
}

type Args<K extends MessageKey> = Messages[K] extends (...a: infer P) => string ? P : [];

/**
 * An organiser's easy-read variant of a text: its language with the private-use subtag `x-easy`
 * or `x-falc` (`{ "fr": "…", "fr-x-falc": "…", "en": "…", "en-x-easy": "…" }`, docs/easy-read.md).
 */
export const EASY_TEXT = /-x-(easy|falc)$/i;

/**
 * The text of `value` for `lang`: the best language first (pickLocale), then, in easy-read mode,
 * that language's easy-read variant when the organiser wrote one. Out of easy-read mode a variant
 * is shown only where it is the language's one text.
 */
export function pickText(value: Record<string, string>, lang: string, easyRead = false): string {
  const keys = Object.keys(value);
  const langOf = (k: string) => k.replace(EASY_TEXT, '');
  const chosen = pickLocale([...new Set(keys.map(langOf))], lang);
  const same = keys.filter((k) => langOf(k) === chosen);
  const easy = same.find((k) => EASY_TEXT.test(k));
  const normal = same.find((k) => !EASY_TEXT.test(k));
  return value[(easyRead ? (easy ?? normal) : (normal ?? easy)) ?? ''] ?? '';
}

/**
 * An organiser's text shown in an interface in `lang`. It may be in another script than the
 * interface (French in an Arabic widget, Arabic in a French one): isolated, it reads in its own
 * direction ("?" at its end). Also used by the backend's pages (server/nojs).
 */
export function isolateText(s: string, lang: string): string {
  return s && (directionOf(lang) === 'rtl' || /[\u0590-\u08ff]/.test(s)) ? isolate(s) : s;
}

/** What the widgets need from a language: interface strings, organisers' texts, numbers, dates. */
export interface Localizer {
  readonly lang: string;
  /** Easy-read mode: plain-language interface strings and organisers' easy-read texts (docs/easy-read.md). */
  readonly easyRead: boolean;
  t<K extends MessageKey>(key: K, ...args: Args<K>): string;
  text(value: LocalizedText | undefined): string;
  number(n: number, options?: Intl.NumberFormatOptions): string;
  percent(fraction: number): string;
  dateTime(iso: string | Date): string;
}

export function localizer(lang: string, easyRead = false): Localizer {
  const code = pickLocale([...core.done.keys()].filter((k) => !k.endsWith(EASY)), lang, ['en', 'fr']) ?? 'fr';
  const messages = core.get({ lang: code, easyRead });
  const intlLang = lang || code;
  return {
    lang: code,
    easyRead,
    t(key, ...args) {
      const entry = messages[key] as unknown;
      if (typeof entry === 'function') return (entry as (...a: unknown[]) => string)(...args);
      return entry as string;
    },
    text(value) {
      return isolateText(value === undefined ? '' : typeof value === 'string' ? value : pickText(value, lang, easyRead), lang);
    },
    number: (n, options) => formatNumber(intlLang, n, options),
    percent: (f) => formatPercent(intlLang, f),
    dateTime: (iso) => formatDateTime(intlLang, iso),
  };
}

/**
 * Reactive controller that follows the host's resolved language and re-renders it when the page
 * or an ancestor changes `lang`. A language that loads on demand shows the fallback (English) at
 * once, then the host re-renders when its strings (the core's and the widget's) have arrived.
 */
export class LocalizeController implements ReactiveController, Localizer {
  private current: Localizer;
  private observer?: MutationObserver;
  private requested = '';
  /** The language to show once loaded. */
  private target = '';
  private readonly arrived = () => {
    this.refresh();
    this.host.requestUpdate();
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly resolve: () => string,
    /** Whether the host is in easy-read mode (read again before each update). */
    private readonly easy: () => boolean = () => false,
  ) {
    host.addController(this);
    this.current = localizer(resolve());
  }

  get lang() {
    return this.current.lang;
  }

  get easyRead() {
    return this.current.easyRead;
  }

  hostConnected(): void {
    listeners.add(this.arrived);
    this.refresh();
    this.observer = new MutationObserver(() => this.refresh());
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    const langParent = this.host.parentElement?.closest('[lang]');
    if (langParent) this.observer.observe(langParent, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    listeners.delete(this.arrived);
    this.observer?.disconnect();
  }

  /** Easy-read mode switched: re-resolve. Still on the fallback: try the language again (after a failed load). */
  hostUpdate(): void {
    if (this.easy() !== this.current.easyRead) this.refresh();
    else if (this.target !== this.current.lang) load(this.target);
    if (this.current.easyRead) load(this.target + EASY);
  }

  /**
   * Re-resolves the language and easy-read mode; requests an update when they changed, and loads
   * the language (and its easy-read tables) when not at hand.
   */
  refresh(): void {
    const wanted = this.resolve();
    const easy = this.easy();
    this.target = pickLocale(availableLocales(), wanted, ['en', 'fr'])!;
    load(this.target);
    if (easy) load(this.target + EASY);
    const next = localizer(wanted, easy);
    const changed = next.lang !== this.current.lang || wanted !== this.requested || easy !== this.current.easyRead;
    // Taken even when nothing changed: the core's easy-read table may just have arrived.
    this.current = next;
    this.requested = wanted;
    if (changed) this.host.requestUpdate();
  }

  t<K extends MessageKey>(key: K, ...args: Args<K>): string {
    return this.current.t(key, ...args);
  }
  text(value: LocalizedText | undefined): string {
    return this.current.text(value);
  }
  number(n: number, options?: Intl.NumberFormatOptions): string {
    return this.current.number(n, options);
  }
  percent(fraction: number): string {
    return this.current.percent(fraction);
  }
  dateTime(iso: string | Date): string {
    return this.current.dateTime(iso);
  }
}
