/**
 * The easy-read tables (docs/easy-read.md): for every table of interface strings, English and
 * French have an easy-read variant of every key a resident sees. The keys left out on purpose are
 * listed here, with why; any other key without a variant fails. Each variant keeps the arguments
 * and placeholders of English (compareTables), and is checked against a few plain-language rules:
 * sentences of at most 15 words, no abbreviation, numbers as digits.
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
import { assistedCatalog } from '../src/internal/assisted.messages.js';
import { compareTables } from './i18n-locales.test.js';

type Table = Record<string, unknown>;

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
  assisted: assistedCatalog as Catalog<unknown>,
};

const WEBMASTER = 'for the webmaster, not the resident (shown in a configuration box and the console)';
const GLUE = 'punctuation that joins other texts, no words of its own';
const MEDIATOR = 'the mediator’s bar of assisted mode, for the mediator who helps the resident: it keeps its wording';
const PAPER = 'the printed questionnaire keeps its wording (docs/paper.md): easy-read mode is a screen mode';

/** The keys with no easy-read variant, on purpose. Nothing else may be missing. */
export const EXEMPT: Record<string, Record<string, string>> = {
  core: {
    'config.title': WEBMASTER,
    'config.missingEndpoint': WEBMASTER,
    'config.badEndpoint': WEBMASTER,
    'config.missingId': WEBMASTER,
    'config.unknownWidget': WEBMASTER,
    'config.unknownId': WEBMASTER,
    'config.unreachable': WEBMASTER,
    'error.missing_part': WEBMASTER,
    'config.badMode': WEBMASTER,
    'config.badResetAfter': WEBMASTER,
    'config.badMediator': WEBMASTER,
    fieldError: GLUE,
  },
  survey: {
    inlineInvalid: WEBMASTER,
    printTitle: PAPER,
    printHowTo: PAPER,
    printMany: PAPER,
    printReturn: PAPER,
    printOnline: PAPER,
    printRank: PAPER,
    pair: GLUE,
    summaryItem: GLUE,
    listSep: GLUE,
    and: GLUE,
    or: GLUE,
    quoted: GLUE,
  },
  assisted: {
    bar: MEDIATOR,
    mediator: MEDIATOR,
    mediatorNone: MEDIATOR,
    mediatorIs: MEDIATOR,
    mediatorHint: MEDIATOR,
    mediatorSave: MEDIATOR,
    nextPerson: MEDIATOR,
    nextPersonHint: MEDIATOR,
  },
  'map-report': {
    configMode: WEBMASTER,
    configCenter: WEBMASTER,
    configBounds: WEBMASTER,
    configZoom: WEBMASTER,
    configTiles: WEBMASTER,
    configGeocoder: WEBMASTER,
  },
};

/** Arguments for the functions whose arguments are not all numbers or plain text. */
const SAMPLES: Record<string, unknown[][]> = {
  'petition.signer': [['Ann Example', '2031-07-02']],
  nearLandmark: [['Town hall', 120, 2]],
};

/** Every text a table gives (functions called with sample arguments: 1 and 7 first, then 12, 3…), with its path. */
function texts(t: Table, path = ''): [string, string][] {
  return Object.entries(t).flatMap(([k, v]): [string, string][] => {
    if (typeof v === 'string') return [[path + k, v]];
    if (typeof v === 'function') {
      const rest = Array.from({ length: Math.max(0, v.length - 1) }, (_, i) => (i === 0 ? 12 : 3));
      const calls = SAMPLES[path + k] ?? [1, 7].map((n) => [n, ...rest]);
      const out = calls.map((args) => (v as (...a: unknown[]) => unknown)(...args));
      return out.filter((o): o is string => typeof o === 'string').map((o) => [path + k, o]);
    }
    return v && typeof v === 'object' ? texts(v as Table, `${path}${k}.`) : [];
  });
}

const MAX_WORDS = 15;
/** Sentences longer than MAX_WORDS words. */
function longSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?:])\s+/)
    .filter((s) => s.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length > MAX_WORDS);
}
const ABBREVIATIONS = /\b(e\.g|i\.e|etc|approx|no\.|n°|nb|cf|ex\.|env\.)(?=\W|$)/i;
const NUMBER_WORDS: Record<string, RegExp> = {
  en: /\b(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)\b/i,
  fr: /\b(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|vingt|cent)\b/i,
};

describe('easy-read tables', () => {
  for (const [name, t] of Object.entries(TABLES)) {
    for (const lang of ['en', 'fr']) {
      it(`${name}[${lang}]: every key a resident sees has an easy-read variant, with the arguments of English and plain-language rules`, async () => {
        const loader = t.easy[lang];
        expect(loader, `${name}: no easy-read table in ${lang}`).to.be.a('function');
        const easy = (await loader!()).default as Table;
        const en = t.done.get('en') as Table;
        const exempt = EXEMPT[name] ?? {};
        const missing = Object.keys(en).filter((k) => !(k in easy) && !(k in exempt));
        const exemptButGiven = Object.keys(exempt).filter((k) => k in easy);
        const problems = compareTables(Object.fromEntries(Object.keys(easy).map((k) => [k, en[k]])), easy, `${name}[${lang}+easy]`).filter((p) => !p.endsWith(': not in English'));
        problems.push(...Object.keys(easy).filter((k) => !(k in en)).map((k) => `${name}[${lang}+easy].${k}: not in English`));
        for (const [path, text] of texts(easy)) {
          for (const s of longSentences(text)) problems.push(`${path}: sentence of more than ${MAX_WORDS} words: “${s}”`);
          if (ABBREVIATIONS.test(text)) problems.push(`${path}: abbreviation in “${text}”`);
          if (NUMBER_WORDS[lang]!.test(text)) problems.push(`${path}: a number in words in “${text}”`);
        }
        expect({ missing, exemptButGiven, problems }).to.deep.equal({ missing: [], exemptButGiven: [], problems: [] });
      });
    }
  }

  it('lists what it leaves out', () => {
    const rows = Object.entries(EXEMPT).flatMap(([table, keys]) => Object.entries(keys).map(([k, why]) => `${table}.${k}: ${why}`));
    console.log(`keys without an easy-read variant (${rows.length}):\n${rows.join('\n')}`);
    expect(rows.length).to.be.greaterThan(0);
  });

  it('finds a missing key, a sentence too long, an abbreviation and a number in words', async () => {
    const t = new Catalog({ a: 'A', b: 'B' }, { a: 'A', b: 'B' }, {}, { en: async () => ({ default: { a: 'You can choose two answers from the long list below, for example the first one and the last one. See e.g. here.' } }) });
    const easy = (await t.easy.en!()).default as Table;
    expect(Object.keys(t.done.get('en')!).filter((k) => !(k in easy))).to.deep.equal(['b']);
    const [[, text]] = texts(easy) as [[string, string]];
    expect(longSentences(text)).to.have.length(1);
    expect(ABBREVIATIONS.test(text)).to.equal(true);
    expect(NUMBER_WORDS.en!.test(text)).to.equal(true);
  });
});
