import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LocalizedText } from '../api/schemas.js';
import { en, type MessageKey, type Messages } from './translations/en.js';
import { fr } from './translations/fr.js';
import { formatDateTime, formatNumber, formatPercent } from './plural.js';

const catalogs = new Map<string, Messages>([
  ['fr', fr],
  ['en', en],
]);

/** Adds a locale (one file of `Messages`). Widgets already on the page re-render when asked. */
export function registerLocale(code: string, messages: Messages): void {
  catalogs.set(code.toLowerCase(), messages);
}

export function availableLocales(): string[] {
  return [...catalogs.keys()];
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

/** What the widgets need from a language: interface strings, organisers' texts, numbers, dates. */
export interface Localizer {
  readonly lang: string;
  t<K extends MessageKey>(key: K, ...args: Args<K>): string;
  text(value: LocalizedText | undefined): string;
  number(n: number, options?: Intl.NumberFormatOptions): string;
  percent(fraction: number): string;
  dateTime(iso: string | Date): string;
}

export function localizer(lang: string): Localizer {
  const code = pickLocale([...catalogs.keys()], lang, ['en', 'fr']) ?? 'fr';
  const messages = catalogs.get(code) ?? fr;
  const intlLang = lang || code;
  return {
    lang: code,
    t(key, ...args) {
      const entry = messages[key] as unknown;
      if (typeof entry === 'function') return (entry as (...a: unknown[]) => string)(...args);
      return entry as string;
    },
    text(value) {
      if (value === undefined) return '';
      if (typeof value === 'string') return value;
      const key = pickLocale(Object.keys(value), lang);
      return key ? (value[key] ?? '') : '';
    },
    number: (n, options) => formatNumber(intlLang, n, options),
    percent: (f) => formatPercent(intlLang, f),
    dateTime: (iso) => formatDateTime(intlLang, iso),
  };
}

/**
 * Reactive controller that follows the host's resolved language and re-renders it when the page
 * or an ancestor changes `lang`.
 */
export class LocalizeController implements ReactiveController, Localizer {
  private current: Localizer;
  private observer?: MutationObserver;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly resolve: () => string,
  ) {
    host.addController(this);
    this.current = localizer(resolve());
  }

  get lang() {
    return this.current.lang;
  }

  hostConnected(): void {
    this.refresh();
    this.observer = new MutationObserver(() => this.refresh());
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    const langParent = this.host.parentElement?.closest('[lang]');
    if (langParent) this.observer.observe(langParent, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  /** Re-resolves the language; requests an update when it changed. */
  refresh(): void {
    const wanted = this.resolve();
    const next = localizer(wanted);
    if (next.lang !== this.current.lang || wanted !== this.requested) {
      this.requested = wanted;
      this.current = next;
      this.host.requestUpdate();
    }
  }
  private requested = '';

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
