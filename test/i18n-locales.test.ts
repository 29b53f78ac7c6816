/**
 * Every table of interface strings, in every language: the same keys as English, no empty string,
 * functions of the same arity that use the same arguments and keep the same {placeholders}; and
 * the loading mechanism (fallback at once, the language when its chunk arrives, retry after a
 * failure).
 */
import { expect } from '@open-wc/testing';
import { Catalog, core } from '../src/i18n/localize.js';
import { surveyCatalog } from '../src/components/survey/survey.messages.js';
import { commentsCatalog } from '../src/components/comments/comments.messages.js';
import { countCatalog } from '../src/components/comments/count.messages.js';
import { mapReportCatalog } from '../src/components/map-report/map-report.messages.js';
import { petitionCatalog } from '../src/components/petition/petition.messages.js';
import { budgetCatalog } from '../src/components/vote/budget.messages.js';
import { rankedCatalog } from '../src/components/vote/ranked.messages.js';
import { accessCatalog } from '../src/components/vote/access.messages.js';
import { until } from './support/helpers.js';

/** The languages loaded on demand (French and English come with each table). */
export const LAZY_LANGUAGES = ['nl', 'de', 'es', 'it', 'ca', 'ar'];

const TABLES: Record<string, Catalog<unknown>> = {
  core: core as Catalog<unknown>,
  survey: surveyCatalog as Catalog<unknown>,
  comments: commentsCatalog as Catalog<unknown>,
  count: countCatalog as Catalog<unknown>,
  'map-report': mapReportCatalog as Catalog<unknown>,
  petition: petitionCatalog as Catalog<unknown>,
  budget: budgetCatalog as Catalog<unknown>,
  ranked: rankedCatalog as Catalog<unknown>,
  access: accessCatalog as Catalog<unknown>,
};

/**
 * Arguments for the functions whose arguments are not all numbers or plain text: two sets, each
 * argument of the second different from the first.
 */
const SAMPLES: Record<string, [unknown[], unknown[]]> = {
  'petition.signer': [
    ['Ann Example', '2031-07-02'],
    ['Bob Example', '2031-09-13'],
  ],
  nearLandmark: [
    ['Town hall', 7102, 2],
    ['Station', 8102, 5],
  ],
};

type Table = Record<string, unknown>;
const PLACEHOLDER = /\{[a-z]+\}/gi;
const placeholders = (s: string) => [...new Set(s.match(PLACEHOLDER) ?? [])].sort();

/**
 * Numbers that fall in the "other" plural category of every language here (in Arabic, 100-102
 * modulo 100 is "other"), so that two calls differ only by the argument.
 */
const first = (i: number) => 7102 + 1000 * i;
const second = (i: number) => 17102 + 1000 * i;

function call(f: unknown, args: unknown[]): { out?: string; error?: string } {
  try {
    const out = (f as (...a: unknown[]) => unknown)(...args);
    return typeof out === 'string' ? { out } : { error: `returns ${typeof out}` };
  } catch (e) {
    return { error: String(e) };
  }
}

/** What is wrong with `other` (language `lang`) compared with the English table `en`. */
export function compareTables(en: Table, other: Table, where: string, path = ''): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(en)) if (!(key in other)) problems.push(`${where}.${key}: missing`);
  for (const key of Object.keys(other)) if (!(key in en)) problems.push(`${where}.${key}: not in English`);
  for (const key of Object.keys(en)) {
    if (!(key in other)) continue;
    const [a, b] = [en[key], other[key]];
    const at = `${where}.${path}${key}`;
    if (typeof a !== typeof b) {
      problems.push(`${at}: ${typeof b} where English has ${typeof a}`);
    } else if (typeof a === 'string') {
      if (!(b as string).trim()) problems.push(`${at}: empty`);
      if (placeholders(a).join() !== placeholders(b as string).join()) problems.push(`${at}: placeholders ${placeholders(b as string).join() || 'none'} where English has ${placeholders(a).join() || 'none'}`);
    } else if (typeof a === 'object' && a) {
      problems.push(...compareTables(a as Table, b as Table, where, `${path}${key}.`));
    } else if (typeof a === 'function') {
      const g = b as (...x: unknown[]) => unknown;
      if (a.length !== g.length) {
        problems.push(`${at}: takes ${g.length} arguments, English ${a.length}`);
        continue;
      }
      const [argsA, argsB] = SAMPLES[`${path}${key}`] ?? [Array.from({ length: a.length }, (_, i) => first(i)), Array.from({ length: a.length }, (_, i) => second(i))];
      const enA = call(a, argsA);
      if (enA.error || /undefined|NaN|Invalid/.test(enA.out!)) {
        problems.push(`${at}: English gives ${enA.error ?? enA.out} with the test's arguments: add samples to SAMPLES`);
        continue;
      }
      const outA = call(g, argsA);
      if (outA.error) {
        problems.push(`${at}: ${outA.error}`);
        continue;
      }
      if (!outA.out!.trim()) problems.push(`${at}: empty`);
      if (/undefined|NaN|\[object/.test(outA.out!)) problems.push(`${at}: gives “${outA.out}”`);
      if (placeholders(enA.out!).join() !== placeholders(outA.out!).join()) problems.push(`${at}: placeholders ${placeholders(outA.out!).join() || 'none'} in “${outA.out}” where English has ${placeholders(enA.out!).join() || 'none'}`);
      // Each argument that changes the English text must change the translation.
      for (let i = 0; i < a.length; i++) {
        const args = [...argsA];
        args[i] = argsB[i];
        if (call(a, args).out === enA.out) continue;
        const changed = call(g, args);
        if (changed.error) problems.push(`${at}: ${changed.error}`);
        else if (changed.out === outA.out) problems.push(`${at}: argument ${i + 1} is not used (“${outA.out}”)`);
      }
    }
  }
  return problems;
}

/** Every plain text of a table, with its path. */
function flatTexts(t: Table, path = ''): [string, string][] {
  return Object.entries(t).flatMap(([k, v]): [string, string][] => (typeof v === 'string' ? [[path + k, v]] : v && typeof v === 'object' ? flatTexts(v as Table, `${path}${k}.`) : []));
}

async function tableIn(t: Catalog<unknown>, lang: string): Promise<Table> {
  const loader = t.lazy[lang];
  if (!loader) throw new Error(`no ${lang} for this table`);
  return (await loader()).default as Table;
}

describe('every table in every language', () => {
  for (const [name, t] of Object.entries(TABLES)) {
    it(`${name}: French and ${LAZY_LANGUAGES.join(', ')} have the keys, arguments and placeholders of English`, async () => {
      expect(Object.keys(t.lazy).sort(), `${name}: languages loaded on demand`).to.deep.equal([...LAZY_LANGUAGES].sort());
      const en = t.done.get('en') as Table;
      const problems = compareTables(en, t.done.get('fr') as Table, `${name}[fr]`);
      for (const lang of LAZY_LANGUAGES) {
        const table = await tableIn(t, lang);
        problems.push(...compareTables(en, table, `${name}[${lang}]`));
        // A table copied from English and left untranslated: a few words are the same in both ("Total", "Online"), not more.
        const texts = flatTexts(en);
        const same = texts.filter(([path, text]) => flatTexts(table).some(([p, x]) => p === path && x === text));
        if (same.length > Math.max(2, texts.length / 10)) problems.push(`${name}[${lang}]: ${same.length} of ${texts.length} texts are the English ones`);
      }
      expect(problems).to.deep.equal([]);
    });
  }

  it('finds what it looks for (a missing key, an extra key, an empty text, an arity, an unused argument, a placeholder)', () => {
    const en = { a: 'A', b: (n: number) => `${n} b`, c: (x: string, y: string) => `${x} ${y}`, d: 'Use {query}', e: { f: 'F' } };
    const bad = { b: () => 'b', c: (x: string, _y: string) => `${x}`, d: 'Use {q}', e: { f: ' ' }, z: 'extra' };
    expect(compareTables(en, bad as unknown as Table, 't')).to.deep.equal([
      't.a: missing',
      't.z: not in English',
      't.b: takes 0 arguments, English 1',
      't.c: argument 2 is not used (“7102”)',
      't.d: placeholders {q} where English has {query}',
      't.e.f: empty',
    ]);
    expect(compareTables(en, en, 't')).to.deep.equal([]);
  });
});

describe('loading a language on demand', () => {
  it('gives English at once, the language when its chunk arrives, and after a failure keeps English and tries again', async () => {
    let calls = 0;
    let fail = true;
    const table = new Catalog(
      { hi: 'Hello' },
      { hi: 'Bonjour' },
      {
        nl: async () => {
          calls++;
          if (fail) throw new TypeError('Failed to fetch dynamically imported module');
          return { default: { hi: 'Hallo' } };
        },
      },
    );
    const errors: unknown[] = [];
    const onError = (e: PromiseRejectionEvent) => errors.push(e.reason);
    addEventListener('unhandledrejection', onError);
    try {
      expect(table.get('fr').hi).to.equal('Bonjour');
      expect(table.get('nl').hi).to.equal('Hello');
      await until(() => calls === 1 && !table.pending.size, 'the failed load');
      // No new attempt at every render while the connection is gone.
      expect(table.get('nl').hi).to.equal('Hello');
      await new Promise((r) => setTimeout(r, 50));
      expect(calls).to.equal(1);
      // The connection returns: the next use loads it.
      fail = false;
      dispatchEvent(new Event('online'));
      expect(table.get('nl').hi).to.equal('Hello');
      await until(() => table.done.has('nl'), 'the second load');
      expect(table.get('nl').hi).to.equal('Hallo');
      expect(calls).to.equal(2);
      expect(errors).to.deep.equal([]);
    } finally {
      removeEventListener('unhandledrejection', onError);
    }
  });
});
