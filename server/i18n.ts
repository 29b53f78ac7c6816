/**
 * The languages of what the reference backend shows or sends to residents: confirmation and
 * notification mails, the pages opened from them, the forms without JavaScript. The eight languages
 * of the widgets; each table of server strings is typed against its English one (a missing key is a
 * type error) and test/server-i18n checks that none is empty. The organisers' pages
 * (server/moderation) stay in French and English.
 */
import { directionOf } from '../src/i18n/localize.js';

export const LANGS = ['fr', 'en', 'nl', 'de', 'es', 'it', 'ca', 'ar'] as const;
export type Lang = (typeof LANGS)[number];

/** The languages besides English and French, whose strings live in server/locales/<lang>.ts. */
export type OtherLang = Exclude<Lang, 'fr' | 'en'>;

/** A server language for one BCP 47 tag: the exact tag, else its base language; undefined when neither is served. */
function matchLang(tag: string): Lang | undefined {
  const t = tag.trim().toLowerCase();
  return LANGS.find((l) => l === t) ?? LANGS.find((l) => l === t.split('-')[0]);
}

/** The tags of an Accept-Language header, most wanted first (q=0 and `*` left out). */
function acceptedTags(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.split(';').map((s) => s.trim());
      const q = params.find((p) => /^q=/i.test(p));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag, weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((x) => x.tag && x.tag !== '*' && x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i)
    .map((x) => x.tag);
}

/**
 * The language of a mail or a page: `wanted` (a widget's `lang`, `?lang=`, a form's `lang`, the
 * language stored with a subscription) when served, else the first served language of
 * `Accept-Language` by preference, each by exact tag then base language; else English.
 */
export function pickLang(wanted: unknown, acceptLanguage?: string): Lang {
  for (const tag of [typeof wanted === 'string' ? wanted : '', ...acceptedTags(acceptLanguage)]) {
    const lang = tag && matchLang(tag);
    if (lang) return lang;
  }
  return 'en';
}

/** `lang` and `dir` of an HTML element in `lang` (`lang="ar" dir="rtl"`). */
export const langAttrs = (lang: Lang): string => `lang="${lang}" dir="${directionOf(lang)}"`;
