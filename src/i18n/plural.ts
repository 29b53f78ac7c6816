/** Plural forms as Intl.PluralRules names them; a translation gives `other` and whichever others its language needs. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rulesCache = new Map<string, Intl.PluralRules>();
const base = (locale: string) => locale.toLowerCase().split('-')[0]!;

/**
 * The plural category of `n`. English and French integers are answered without Intl: the first
 * `Intl.PluralRules` of a page costs tens of milliseconds on a cheap phone (it loads locale data),
 * which a questionnaire's first render should not pay.
 */
function category(locale: string, n: number): Intl.LDMLPluralRule {
  if (Number.isInteger(n)) {
    const b = base(locale);
    if (b === 'en') return n === 1 ? 'one' : 'other';
    if (b === 'fr') return n === 0 || n === 1 ? 'one' : n !== 0 && n % 1_000_000 === 0 ? 'many' : 'other';
  }
  let rules = rulesCache.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    rulesCache.set(locale, rules);
  }
  return rules.select(n);
}

/** Arabic has six plural forms (0, 1, 2, 3-10, 11-99, 100-102...): a table written in Arabic must give them all. */
export type ArabicPluralForms = Record<'zero' | 'one' | 'two' | 'few' | 'many' | 'other', string>;
/** The counted words of an Arabic sentence for 0, 1, 2, 3-10, 11-99 and 100+. */
export type ArabicWords = [zero: string, one: string, two: string, few: string, many: string, other: string];

/**
 * Text of another direction (a name, a label, code) kept whole inside a right-to-left sentence:
 * isolated with its own direction, or forced left to right (`ltr`) for code and addresses.
 */
export const isolate = (s: string, ltr?: 'ltr') => `${ltr ? '\u2066' : '\u2068'}${s}\u2069`;

/**
 * The six Arabic forms of one sentence, from the counted words of each (0, 1, 2, 3-10, 11-99, 100+):
 * `arabic((w) => `بعد ${w}.`, ['{n} ثانية', 'ثانية واحدة', 'ثانيتين', '{n} ثوانٍ', '{n} ثانيةً', '{n} ثانية'])`.
 */
export function arabic(sentence: (words: string) => string, words: ArabicWords): ArabicPluralForms {
  const [zero, one, two, few, many, other] = words.map(sentence) as ArabicWords;
  return { zero, one, two, few, many, other };
}

/**
 * Picks the plural form of `forms` for `n` in `locale` and replaces `{n}` with the formatted number.
 * The one place every plural message of every table takes its category from. A literal `'ar'`
 * requires the six Arabic forms (checked by the type checker, nothing at run time).
 */
export function plural<L extends string>(locale: L, n: number, forms: L extends 'ar' ? ArabicPluralForms : PluralForms): string;
export function plural(locale: string, n: number, forms: PluralForms): string {
  const exact = n === 0 ? forms.zero : undefined;
  const text = exact ?? forms[category(locale, n)] ?? forms.other;
  return text.replace('{n}', formatNumber(locale, n));
}

const formatters = new Map<string, Intl.NumberFormat>();
/** Languages written with Latin digits and no grouping below 1,000: small integers need no Intl. */
const PLAIN_DIGITS = new Set(['en', 'fr', 'nl', 'de', 'es', 'it', 'ca']);

/** Digit grouping of English and French integers (what Intl answers: "10,000", "10 000" with a narrow no-break space). */
const GROUPS: Record<string, string> = { en: ',', fr: '\u202f' };

export function formatNumber(locale: string, n: number, options?: Intl.NumberFormatOptions): string {
  if (!options && Number.isInteger(n) && n > -1000 && n < 1000 && PLAIN_DIGITS.has(base(locale))) return String(n);
  const group = GROUPS[base(locale)];
  if (!options && group && Number.isSafeInteger(n)) return (n < 0 ? '-' : '') + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const key = `${locale}|${options ? JSON.stringify(options) : ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    formatters.set(key, f);
  }
  return f.format(n);
}

export function formatPercent(locale: string, fraction: number): string {
  return formatNumber(locale, fraction, { style: 'percent', maximumFractionDigits: fraction > 0 && fraction < 0.01 ? 1 : 0 });
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const MONTHS = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * What Intl answers for `fr` and `en` (dateStyle long, timeStyle short, local time), without the
 * 30-45 ms that the first Intl.DateTimeFormat of a page costs: a list of comments shows dates at once.
 */
function quickDateTime(locale: string, d: Date): string | undefined {
  const l = locale.toLowerCase();
  if (Number.isNaN(d.getTime())) return undefined;
  if (l === 'fr' || l === 'fr-fr') return `${d.getDate()} ${MONTHS.fr[d.getMonth()]} ${d.getFullYear()} à ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (l === 'en' || l === 'en-us') return `${MONTHS.en[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()} at ${d.getHours() % 12 || 12}:${pad(d.getMinutes())} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
  return undefined;
}

/** A calendar day (`YYYY-MM-DD`) as people write it ("1 janvier 2027"), whatever the device's time zone. */
export function formatDay(locale: string, day: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

export function formatDateTime(locale: string, iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const quick = quickDateTime(locale, d);
  if (quick !== undefined) return quick;
  let f = dateFormatters.get(locale);
  if (!f) {
    // One formatter per language: a list of comments formats hundreds of dates.
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
    dateFormatters.set(locale, f);
  }
  return f.format(d);
}
