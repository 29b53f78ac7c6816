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

/** Picks the plural form of `forms` for `n` in `locale` and replaces `{n}` with the formatted number. */
export function plural(locale: string, n: number, forms: PluralForms): string {
  const exact = n === 0 ? forms.zero : undefined;
  const text = exact ?? forms[category(locale, n)] ?? forms.other;
  return text.replace('{n}', formatNumber(locale, n));
}

const formatters = new Map<string, Intl.NumberFormat>();
/** Languages written with Latin digits and no grouping below 1,000: small integers need no Intl. */
const PLAIN_DIGITS = new Set(['en', 'fr', 'nl', 'de', 'es', 'it', 'ca']);

export function formatNumber(locale: string, n: number, options?: Intl.NumberFormatOptions): string {
  if (!options && Number.isInteger(n) && n > -1000 && n < 1000 && PLAIN_DIGITS.has(base(locale))) return String(n);
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

export function formatDateTime(locale: string, iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(d);
}
