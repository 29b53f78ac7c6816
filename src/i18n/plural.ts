/** Plural forms as Intl.PluralRules names them; a translation gives `other` and whichever others its language needs. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rulesCache = new Map<string, Intl.PluralRules>();

/** Picks the plural form of `forms` for `n` in `locale` and replaces `{n}` with the formatted number. */
export function plural(locale: string, n: number, forms: PluralForms): string {
  let rules = rulesCache.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    rulesCache.set(locale, rules);
  }
  const exact = n === 0 ? forms.zero : undefined;
  const text = exact ?? forms[rules.select(n)] ?? forms.other;
  return text.replace('{n}', formatNumber(locale, n));
}

export function formatNumber(locale: string, n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(n);
}

export function formatPercent(locale: string, fraction: number): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: fraction > 0 && fraction < 0.01 ? 1 : 0 }).format(fraction);
}

export function formatDateTime(locale: string, iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(d);
}
