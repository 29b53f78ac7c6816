/**
 * `npm run convert:surveyjs -- in.json [--id x] [--out out.json] [--report report.json] [--lang en]`
 *
 * Converts a SurveyJS survey (the JSON its Creator saves) into a civic-widgets survey definition
 * (`SurveyDefinitionInput`, src/api/schemas/survey.ts), so organisers can design in a tool they
 * know. Everything that is not converted exactly is reported, never silently dropped:
 *
 * - `unsupported`: a question type, validator, expression or property with no equivalent here;
 *   the part is left out (a question) or has no effect (a rule, a condition);
 * - `approximations`: converted, but not exactly as SurveyJS behaves (e.g. HTML reduced to text);
 * - `ignored`: presentation settings the widget decides itself (layout, button texts, numbering);
 * - `ids`: SurveyJS names and choice values renamed to our identifiers (letters, digits, - and _),
 *   so exports can be matched with the SurveyJS design.
 *
 * The report goes to stderr (one line per item) and, with `--report`, to a JSON file.
 * Exit codes: 0 converted (possibly with unsupported parts listed), 1 invalid input.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Condition, LocalizedText, SurveyDefinitionInput, SurveyPage, SurveyQuestion } from '../src/api/schemas.js';
import { SurveyDefinitionInput as DefinitionSchema } from '../src/api/schemas.js';
import { OTHER } from '../src/api/survey-rules.js';

/* ------------------------------------------------------------------ the report */

export interface ReportItem {
  /** Where in the SurveyJS JSON: `pages[0].elements[3]` (name "q4"). */
  at: string;
  /** What is concerned: `type rating`, `validator expression`, `visibleIf`, `property choicesOrder`... */
  what: string;
  detail: string;
}

export interface ConversionReport {
  unsupported: ReportItem[];
  approximations: ReportItem[];
  ignored: ReportItem[];
  /** SurveyJS names renamed to our ids: question names, and choice values per question (our id). */
  ids: { questions: Record<string, string>; options: Record<string, Record<string, string>> };
  /** Questions converted, by our type. */
  questions: Record<string, number>;
}

export interface ConversionResult {
  definition: SurveyDefinitionInput;
  report: ConversionReport;
}

export interface ConvertOptions {
  /** The survey id (default: derived from the title). */
  id?: string;
  /** The language of SurveyJS `default` texts when the survey has no `locale` (default `en`). */
  lang?: string;
}

/** The input is not a SurveyJS survey, or converts into an invalid definition. */
export class ConversionError extends Error {
  constructor(message: string, readonly problems: string[] = []) {
    super(message);
    this.name = 'ConversionError';
  }
}

/* ------------------------------------------------------------------ small helpers */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const LANG_RE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A SurveyJS name or value as one of our ids: accents and other characters out, at most 64. */
export function toId(raw: unknown, fallback = 'q'): string {
  const s = String(raw ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .replace(/-{2,}/g, '-')
    .slice(0, 64)
    .replace(/-+$/, '');
  return ID_RE.test(s) ? s : fallback;
}

/** Unique ids within one scope. */
class IdScope {
  private used = new Set<string>();
  take(raw: unknown, fallback: string): string {
    let base = toId(raw, fallback);
    if (!this.used.has(base)) {
      this.used.add(base);
      return base;
    }
    base = base.slice(0, 60);
    for (let n = 2; ; n++) {
      const id = `${base}-${n}`;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', laquo: '«', raquo: '»', eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç', hellip: '…', rsquo: '’', lsquo: '‘', ndash: '–', mdash: '—' };

/** HTML as plain text: block ends and <br> become line breaks, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr|ul|ol|table|blockquote)\s*>/gi, '\n')
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

const num = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};

/* ------------------------------------------------------------------ which properties mean what */

/** Presentation only: the widget decides these itself. */
const LAYOUT = new Set([
  'startWithNewLine', 'width', 'minWidth', 'maxWidth', 'titleLocation', 'descriptionLocation', 'hideNumber', 'indent',
  'colCount', 'placeholder', 'placeHolder', 'rows', 'autoGrow', 'allowResize', 'separateSpecialChoices', 'state', 'size',
  'inputSize', 'displayMode', 'rateDisplayMode', 'autocomplete', 'textUpdateMode', 'showTitle', 'questionTitleLocation',
  'errorLocation', 'showCommentArea', 'hideIfChoicesEmpty', 'hideIfRowsEmpty', 'showHeader', 'alternateRows', 'columnMinWidth',
  'rowTitleWidth', 'rateColorMode', 'scaleColorMode', 'autoGenerate', 'showNumber', 'otherPlaceholder', 'otherPlaceHolder',
  'commentPlaceholder', 'labelTrue', 'labelFalse', 'swapOrder', 'selectToRankEnabled', 'selectToRankAreasLayout',
  'longTap', 'allowClear', 'searchEnabled', 'renderAs', 'maskType', 'maskSettings', 'dataList', 'itemComponent',
  'questionTitlePattern', 'questionStartIndex', 'requiredText', 'innerIndent', 'showQuestionNumbers',
]);

const SURVEY_LAYOUT = new Set([
  'showProgressBar', 'progressBarType', 'progressBarShowPageNumbers', 'progressBarShowPageTitles', 'showQuestionNumbers',
  'questionErrorLocation', 'questionDescriptionLocation', 'questionTitleLocation', 'widthMode', 'width', 'fitToContainer',
  'logo', 'logoPosition', 'logoFit', 'logoWidth', 'logoHeight', 'navigationButtonsVisibility', 'pagePrevText', 'pageNextText',
  'completeText', 'previewText', 'editText', 'startSurveyText', 'showPrevButton', 'showNavigationButtons', 'goNextPageAutomatic',
  'showPreviewBeforeComplete', 'checkErrorsMode', 'textUpdateMode', 'headerView', 'showTOC', 'tocLocation', 'showPageTitles',
  'showPageNumbers', 'showTitle', 'requiredText', 'questionTitlePattern', 'questionStartIndex', 'focusFirstQuestionAutomatic',
  'showCompletedPage', 'storeOthersAsComment', 'showBrandInfo', 'autoGrowComment', 'allowResizeComment', 'backgroundImage',
  'backgroundOpacity', 'backgroundImageFit', 'backgroundImageAttachment', 'questionsOnPageMode', 'previewMode',
  'allowCompleteSurveyAutomatic', 'autoAdvanceEnabled', 'autoAdvanceAllowComplete', 'matrixDragHandleArea',
]);

/** SurveyJS settings with a meaning we do not have: left out, listed as unsupported. */
const SURVEY_UNSUPPORTED: Record<string, string> = {
  triggers: 'triggers (set values, skip, complete) have no equivalent',
  calculatedValues: 'calculated values have no equivalent',
  completedHtml: 'the thank-you message is the widget’s own',
  completedHtmlOnCondition: 'conditional thank-you messages have no equivalent',
  completedBeforeHtml: 'the "already completed" message is the widget’s own (onePerDevice)',
  loadingHtml: 'the loading message is the widget’s own',
  maxTimeToFinish: 'time limits have no equivalent',
  maxTimeToFinishPage: 'time limits have no equivalent',
  showTimerPanel: 'time limits have no equivalent',
  showTimer: 'time limits have no equivalent',
  firstPageIsStarted: 'a start page has no equivalent: the first page is a normal page',
  firstPageIsStartPage: 'a start page has no equivalent: the first page is a normal page',
  questionsOrder: 'random question order has no equivalent',
  mode: 'read-only display mode has no equivalent',
  sendResultOnPageNext: 'partial results are not sent: answers stay on the device as a draft until sent',
  surveyId: 'SurveyJS service ids mean nothing here',
  surveyPostId: 'SurveyJS service ids mean nothing here',
  navigateToUrl: 'redirects after sending have no equivalent',
  navigateToUrlOnCondition: 'redirects after sending have no equivalent',
};

/* ------------------------------------------------------------------ the expression language (visibleIf) */

type Token =
  | { t: 'var'; v: string }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'word'; v: string }
  | { t: 'op'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '{') {
      const end = src.indexOf('}', i);
      if (end < 0) throw new Error('unclosed {');
      out.push({ t: 'var', v: src.slice(i + 1, end).trim() });
      i = end + 1;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        s += src[j];
        j++;
      }
      if (j >= src.length) throw new Error('unclosed string');
      out.push({ t: 'str', v: s });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? '') && !['var', 'str', 'num'].includes(out.at(-1)?.t ?? ''))) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i))!;
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      out.push({ t: 'word', v: m[0].toLowerCase() });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      if (['==', '!=', '<>', '>=', '<=', '&&', '||', '=<', '=>'].includes(two)) {
        out.push({ t: 'op', v: two === '=<' ? '<=' : two === '=>' ? '>=' : two });
        i += 2;
      } else if ('=<>!()[],*+/'.includes(c)) {
        out.push({ t: 'op', v: c });
        i++;
      } else {
        throw new Error(`unexpected "${c}"`);
      }
    }
  }
  return out;
}

type Operand = { k: 'var'; name: string } | { k: 'lit'; value: string | number | boolean } | { k: 'list'; items: Array<string | number | boolean> };
type Expr =
  | { k: 'and' | 'or'; items: Expr[] }
  | { k: 'not'; item: Expr }
  | { k: 'cmp'; op: string; left: Operand; right?: Operand };

const BINARY: Record<string, string> = {
  '=': '=', '==': '=', equal: '=', '!=': '!=', '<>': '!=', notequal: '!=', '>': '>', '<': '<', '>=': '>=', '<=': '<=',
  greater: '>', less: '<', greaterorequal: '>=', lessorequal: '<=', anyof: 'anyof', allof: 'allof', noneof: 'noneof',
  contains: 'contains', notcontains: 'notcontains',
};

/** Parses the common SurveyJS expressions; throws on anything else (functions, arithmetic...). */
export function parseExpression(src: string): Expr {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => {
    const t = peek();
    return t !== undefined && ((t.t === 'op' && t.v === v) || (t.t === 'word' && t.v === v));
  };
  const expect = (v: string) => {
    if (!isOp(v)) throw new Error(`expected "${v}"`);
    p++;
  };
  function literal(): string | number | boolean {
    const t = peek();
    if (!t) throw new Error('unexpected end');
    if (t.t === 'str' || t.t === 'num') {
      p++;
      return t.v;
    }
    if (t.t === 'word' && (t.v === 'true' || t.v === 'false')) {
      p++;
      return t.v === 'true';
    }
    throw new Error(`unexpected ${t.t === 'var' ? `{${t.v}}` : `"${String(t.v)}"`}`);
  }
  function operand(): Operand {
    const t = peek();
    if (!t) throw new Error('unexpected end');
    if (t.t === 'var') {
      p++;
      return { k: 'var', name: t.v };
    }
    if (t.t === 'op' && t.v === '[') {
      p++;
      const items: Array<string | number | boolean> = [];
      if (!isOp(']')) {
        items.push(literal());
        while (isOp(',')) {
          p++;
          items.push(literal());
        }
      }
      expect(']');
      return { k: 'list', items };
    }
    if (t.t === 'word' && !['true', 'false'].includes(t.v)) {
      if (toks[p + 1]?.t === 'op' && toks[p + 1]!.v === '(') throw new Error(`function ${t.v}() is not supported`);
      throw new Error(`unexpected "${t.v}"`);
    }
    return { k: 'lit', value: literal() };
  }
  function comparison(): Expr {
    const left = operand();
    const t = peek();
    if (t?.t === 'word' && (t.v === 'empty' || t.v === 'notempty')) {
      p++;
      return { k: 'cmp', op: t.v, left };
    }
    if (t && (t.t === 'op' || t.t === 'word') && BINARY[t.v]) {
      p++;
      return { k: 'cmp', op: BINARY[t.v]!, left, right: operand() };
    }
    if (t?.t === 'op' && '*+/-'.includes(t.v)) throw new Error('arithmetic is not supported');
    // A bare operand: SurveyJS reads `{q}` as "truthy".
    return { k: 'cmp', op: 'truthy', left };
  }
  function unary(): Expr {
    if (isOp('!') || isOp('not')) {
      p++;
      return { k: 'not', item: unary() };
    }
    if (isOp('(')) {
      p++;
      const e = or();
      expect(')');
      return e;
    }
    return comparison();
  }
  function and(): Expr {
    const items = [unary()];
    while (isOp('and') || isOp('&&')) {
      p++;
      items.push(unary());
    }
    return items.length === 1 ? items[0]! : { k: 'and', items };
  }
  function or(): Expr {
    const items = [and()];
    while (isOp('or') || isOp('||')) {
      p++;
      items.push(and());
    }
    return items.length === 1 ? items[0]! : { k: 'or', items };
  }
  if (toks.length === 0) throw new Error('empty expression');
  const e = or();
  if (p < toks.length) {
    const t = toks[p]!;
    throw new Error(`unexpected ${t.t === 'var' ? `{${t.v}}` : `"${String(t.v)}"`}`);
  }
  return e;
}

/** What a condition needs to know about a converted question. */
interface QuestionInfo {
  id: string;
  type: SurveyQuestion['type'];
  /** SurveyJS value (as text) -> our option id, for choice questions. */
  values?: Map<string, string>;
  /** boolean questions with valueTrue / valueFalse. */
  valueTrue?: unknown;
  valueFalse?: unknown;
  min?: number;
  max?: number;
  /** Position in the survey: page index and question index (conditions may only look back). */
  page: number;
  order: number;
}

/** Where a condition is evaluated: on a page (sees earlier pages) or on a question (sees earlier questions). */
type Place = { page: number } | { order: number };

/** Translates a parsed expression into our Condition; throws with the reason when it cannot. */
function toCondition(e: Expr, questions: Map<string, QuestionInfo>, place: Place): Condition {
  if (e.k === 'not') {
    const inner = toCondition(e.item, questions, place);
    return 'not' in inner ? inner.not : { not: inner };
  }
  if (e.k !== 'cmp') {
    const and = e.k === 'and';
    const items = e.items.map((x) => toCondition(x, questions, place));
    const flat = items.flatMap((c) => (and && 'all' in c ? c.all : !and && 'any' in c ? c.any : [c]));
    return and ? { all: flat } : { any: flat };
  }
  let { left, right } = e;
  let op = e.op;
  if (left.k !== 'var' && right?.k === 'var') {
    [left, right] = [right, left];
    op = ({ '>': '<', '<': '>', '>=': '<=', '<=': '>=' } as Record<string, string>)[op] ?? op;
    if (op === 'contains' || op === 'notcontains' || op === 'anyof' || op === 'allof' || op === 'noneof') throw new Error(`"${e.op}" with the question on the right`);
  }
  if (left.k !== 'var') throw new Error('a comparison without a question');
  const name = left.name;
  const q = questions.get(name);
  if (!q) {
    if (name.includes('.')) throw new Error(`{${name}}: matrix cells, panel members and properties cannot be referred to`);
    if (/-comment$/i.test(name)) throw new Error(`{${name}}: comments cannot be referred to`);
    throw new Error(`{${name}} is not a converted question`);
  }
  if (right?.k === 'var') throw new Error('comparing two questions');
  if (q.type === 'info') throw new Error(`{${name}} is not a question`);
  if ('page' in place ? q.page >= place.page : q.order >= place.order) {
    throw new Error(`{${name}} comes ${'page' in place ? 'on this page or later' : 'later'}: a condition can only depend on earlier answers`);
  }
  const question = q.id;

  /** A SurveyJS value as our answer value for this question. */
  const value = (v: string | number | boolean): string | number | boolean => {
    if (q.type === 'yesno' || q.type === 'consent') {
      if (v === true || v === false) return v;
      if (q.valueTrue !== undefined && String(v) === String(q.valueTrue)) return true;
      if (q.valueFalse !== undefined && String(v) === String(q.valueFalse)) return false;
      if (v === 'true' || v === 'false') return v === 'true';
      throw new Error(`{${name}} is yes/no; "${String(v)}" is neither`);
    }
    if (q.values) {
      const id = q.values.get(String(v));
      if (id === undefined) throw new Error(`{${name}} has no choice "${String(v)}"`);
      return id;
    }
    if (q.type === 'number' || q.type === 'scale') {
      const n = num(v);
      if (n === undefined) throw new Error(`{${name}} is a number; "${String(v)}" is not`);
      return n;
    }
    return typeof v === 'boolean' ? String(v) : v;
  };
  const scalar = (v: string | number | boolean): string | number => {
    const x = value(v);
    if (typeof x === 'boolean') throw new Error(`"anyof" on yes/no question {${name}}`);
    return x;
  };
  const list = (): Array<string | number | boolean> => {
    if (right?.k === 'list') return right.items;
    if (right?.k === 'lit') return [right.value];
    throw new Error(`"${op}" needs a list`);
  };
  const lit = (): string | number | boolean => {
    if (right?.k === 'lit') return right.value;
    if (right?.k === 'list' && right.items.length === 1) return right.items[0]!;
    throw new Error(`"${op}" needs a value`);
  };
  const multi = q.type === 'multiple' || q.type === 'ranking';

  switch (op) {
    case 'empty':
      return { question, answered: false };
    case 'notempty':
      return { question, answered: true };
    case 'truthy':
      if (q.type === 'yesno' || q.type === 'consent') return { question, equals: true };
      return { question, answered: true };
    case '=':
    case '!=': {
      if (multi) throw new Error(`"${op}" on the list of choices of {${name}} (use contains / anyof)`);
      const c: Condition = { question, equals: value(lit()) };
      return op === '=' ? c : { not: c };
    }
    case 'anyof':
    case 'noneof': {
      const c: Condition = { question, oneOf: list().map(scalar) };
      return op === 'anyof' ? c : { not: c };
    }
    case 'contains':
    case 'notcontains': {
      if (!multi) throw new Error(`"${op}" on {${name}}, which is not a multiple-choice question (text search is not supported)`);
      const c: Condition = { question, equals: value(lit()) };
      return op === 'contains' ? c : { not: c };
    }
    case 'allof': {
      if (!multi) throw new Error(`"allof" on {${name}}, which is not a multiple-choice question`);
      return { all: list().map((v) => ({ question, equals: value(v) })) };
    }
    case '>':
    case '<':
    case '>=':
    case '<=': {
      const n = num(lit());
      if (q.type !== 'scale' || n === undefined || q.min === undefined || q.max === undefined) {
        throw new Error(`"${op}" comparisons are only converted on rating questions`);
      }
      const cmp = (x: number) => (op === '>' ? x > n : op === '<' ? x < n : op === '>=' ? x >= n : x <= n);
      const values: number[] = [];
      for (let x = q.min; x <= q.max; x++) if (cmp(x)) values.push(x);
      return { question, oneOf: values };
    }
    default:
      throw new Error(`operator "${op}"`);
  }
}

/* ------------------------------------------------------------------ the converter */

interface Pending {
  at: string;
  order: number;
  expression: string;
  /** Conditions it is combined with (a panel's visibleIf applies to its questions). */
  target: { visibleIf?: Condition };
  inherited: string[];
}

/** Converts a SurveyJS survey; throws {@link ConversionError} when the input is not one. */
export function convertSurveyJs(input: unknown, options: ConvertOptions = {}): ConversionResult {
  if (!isObject(input)) throw new ConversionError('The input is not a SurveyJS survey: expected a JSON object with "pages" or "elements".');
  const hasPages = Array.isArray(input.pages);
  const hasElements = Array.isArray(input.elements) || Array.isArray(input.questions);
  if (!hasPages && !hasElements) {
    throw new ConversionError('The input is not a SurveyJS survey: it has neither "pages" nor "elements".');
  }

  const report: ConversionReport = { unsupported: [], approximations: [], ignored: [], ids: { questions: {}, options: {} }, questions: {} };
  const unsupported = (at: string, what: string, detail: string) => report.unsupported.push({ at, what, detail });
  const approx = (at: string, what: string, detail: string) => report.approximations.push({ at, what, detail });
  const ignored = (at: string, what: string, detail: string) => report.ignored.push({ at, what, detail });

  const rawLang = typeof input.locale === 'string' && input.locale ? input.locale.toLowerCase() : options.lang ?? 'en';
  const defaultLang = LANG_RE.test(rawLang) ? rawLang : 'en';

  /** A SurveyJS localizable string as LocalizedText. */
  const text = (v: unknown, at: string, what: string): LocalizedText | undefined => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    if (!isObject(v)) return undefined;
    const out: Record<string, string> = {};
    for (const [k, s] of Object.entries(v)) {
      if (typeof s !== 'string') continue;
      const lang = k === 'default' ? defaultLang : k.toLowerCase();
      if (!LANG_RE.test(lang)) {
        unsupported(at, what, `language key "${k}" is not a language tag: text left out`);
        continue;
      }
      if (k === 'default' && out[lang] !== undefined) continue; // an explicit locale wins over default
      out[lang] = s;
    }
    const keys = Object.keys(out);
    if (keys.length === 0) return undefined;
    return out;
  };
  const plain = (t: LocalizedText, f: (s: string) => string): LocalizedText =>
    typeof t === 'string' ? f(t) : Object.fromEntries(Object.entries(t).map(([k, s]) => [k, f(s)]));

  const questionIds = new IdScope();
  const pageIds = new IdScope();
  const infos = new Map<string, QuestionInfo>();
  const pendings: Pending[] = [];
  const pages: SurveyPage[] = [];
  let pageIndex = 0;

  /** Choices (strings, numbers or { value, text }) as options, filling the value map. */
  function choicesOf(raw: unknown, at: string, qId: string, values: Map<string, string>, prop = 'choices') {
    const scope = new IdScope();
    scope.take(OTHER, OTHER);
    const out: Array<{ id: string; label: LocalizedText }> = [];
    if (!Array.isArray(raw)) return out;
    raw.forEach((c, i) => {
      const cAt = `${at}.${prop}[${i}]`;
      const valueRaw = isObject(c) ? c.value : c;
      if (valueRaw === undefined || valueRaw === null || isObject(valueRaw)) {
        unsupported(cAt, 'choice', 'a choice without a value: left out');
        return;
      }
      const id = scope.take(valueRaw, `option-${i + 1}`);
      values.set(String(valueRaw), id);
      if (id !== String(valueRaw)) (report.ids.options[qId] ??= {})[String(valueRaw)] = id;
      const label = (isObject(c) ? text(c.text, cAt, 'choice text') : undefined) ?? String(valueRaw);
      if (isObject(c)) {
        for (const k of Object.keys(c)) {
          if (k === 'value' || k === 'text') continue;
          if (k === 'visibleIf' || k === 'enableIf') unsupported(cAt, `choice ${k}`, `conditions on a choice have no equivalent: "${String(c[k])}" (the choice is always shown)`);
          else if (k === 'imageLink') approx(cAt, 'choice image', 'the image is left out; the text (or value) is the label');
          else unsupported(cAt, `choice property ${k}`, 'no equivalent');
        }
      }
      out.push({ id, label });
    });
    return out;
  }

  /** Converts one question element; returns the questions (0 or 1) it becomes. */
  function question(el: Json, at: string, inherited: string[]): SurveyQuestion[] {
    const type = String(el.type ?? '').toLowerCase();
    const name = String(el.name ?? '');
    const where = `${at} ("${name}")`;
    const done = new Set(['type', 'name', 'title', 'description', 'isRequired', 'visibleIf', 'validators']);
    const rest = (keys: string[]) => keys.forEach((k) => done.add(k));

    const label = text(el.title, where, 'title') ?? text(type === 'boolean' ? el.label : undefined, where, 'label') ?? name;
    if (type === 'boolean' && el.label !== undefined) rest(['label']);
    const hint = text(el.description, where, 'description');
    const id = questionIds.take(name, `q${infos.size + 1}`);
    if (id !== name) report.ids.questions[name] = id;
    const base: Record<string, unknown> = { id, label };
    if (hint !== undefined) base.hint = hint;
    if (el.isRequired === true) base.required = true;
    const info: QuestionInfo = { id, type: 'text', page: pageIndex, order: infos.size };
    let q: SurveyQuestion | undefined;
    const validators = Array.isArray(el.validators) ? (el.validators as unknown[]) : [];
    const handled = new Set<number>();

    const textRules = (target: Record<string, unknown>) => {
      validators.forEach((v, i) => {
        if (!isObject(v)) return;
        if (v.type === 'text') {
          if (num(v.minLength) !== undefined && num(v.minLength)! > 0) target.minLength = Math.trunc(num(v.minLength)!);
          if (num(v.maxLength) !== undefined && num(v.maxLength)! > 0) target.maxLength = Math.trunc(num(v.maxLength)!);
          if (v.allowDigits === false) unsupported(`${where}.validators[${i}]`, 'validator text allowDigits', 'refusing digits has no equivalent (use a regex validator)');
          handled.add(i);
        } else if (v.type === 'regex' && typeof v.regex === 'string') {
          try {
            new RegExp(v.regex, 'u');
            // SurveyJS looks for the regex anywhere in the answer; our pattern must match all of it.
            target.pattern = /^\^[^|]*\$$/.test(v.regex) ? v.regex : `[\\s\\S]*(?:${v.regex})[\\s\\S]*`;
            const msg = text(v.text, where, 'validator text');
            if (msg !== undefined) target.patternMessage = msg;
          } catch {
            unsupported(`${where}.validators[${i}]`, 'validator regex', `"${v.regex}" is not a valid regular expression here`);
          }
          handled.add(i);
        }
      });
    };

    switch (type) {
      case 'text': {
        const inputType = String(el.inputType ?? 'text').toLowerCase();
        rest(['inputType', 'maxLength', 'min', 'max', 'step', 'minErrorText', 'maxErrorText']);
        if (inputType === 'number' || inputType === 'range') {
          const out: Record<string, unknown> = { ...base, type: 'number' };
          for (const k of ['min', 'max', 'step'] as const) {
            const n = num(el[k]);
            if (n !== undefined) out[k] = n;
            else if (el[k] !== undefined) unsupported(where, `property ${k}`, `"${String(el[k])}" is not a number (expressions are not supported)`);
          }
          validators.forEach((v, i) => {
            if (isObject(v) && v.type === 'numeric') {
              if (num(v.minValue) !== undefined) out.min = out.min === undefined ? num(v.minValue) : Math.max(out.min as number, num(v.minValue)!);
              if (num(v.maxValue) !== undefined) out.max = out.max === undefined ? num(v.maxValue) : Math.min(out.max as number, num(v.maxValue)!);
              handled.add(i);
            }
          });
          if (inputType === 'range') approx(where, 'inputType range', 'a slider becomes a number field');
          q = out as SurveyQuestion;
          info.type = 'number';
        } else if (inputType === 'date') {
          const out: Record<string, unknown> = { ...base, type: 'date' };
          for (const k of ['min', 'max'] as const) {
            const v = el[k];
            if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) out[k] = v;
            else if (v !== undefined) unsupported(where, `property ${k}`, `"${String(v)}" is not a date YYYY-MM-DD (expressions such as today() are not supported)`);
          }
          q = out as SurveyQuestion;
          info.type = 'date';
        } else {
          const out: Record<string, unknown> = { ...base, type: inputType === 'email' ? 'email' : 'text' };
          validators.forEach((v, i) => {
            if (isObject(v) && v.type === 'email') {
              out.type = 'email';
              handled.add(i);
            }
          });
          if (num(el.maxLength) !== undefined && num(el.maxLength)! > 0) out.maxLength = Math.trunc(num(el.maxLength)!);
          textRules(out);
          if (!['text', 'email'].includes(inputType)) {
            approx(where, `inputType ${inputType}`, `a ${inputType} field becomes a short text field (add a regex validator to check its format)`);
          }
          q = out as SurveyQuestion;
          info.type = out.type as SurveyQuestion['type'];
        }
        break;
      }
      case 'comment': {
        rest(['maxLength']);
        const out: Record<string, unknown> = { ...base, type: 'textarea' };
        if (num(el.maxLength) !== undefined && num(el.maxLength)! > 0) out.maxLength = Math.trunc(num(el.maxLength)!);
        textRules(out);
        q = out as SurveyQuestion;
        info.type = 'textarea';
        break;
      }
      case 'radiogroup':
      case 'checkbox':
      case 'dropdown':
      case 'tagbox':
      case 'imagepicker': {
        rest(['choices', 'showOtherItem', 'hasOther', 'otherText', 'showNoneItem', 'hasNone', 'noneText', 'minSelectedChoices', 'maxSelectedChoices',
          'choicesMin', 'choicesMax', 'choicesStep', 'multiSelect', 'otherErrorText', 'choicesOrder', 'showSelectAllItem', 'hasSelectAll', 'selectAllText',
          'showRefuseItem', 'showDontKnowItem', 'imageFit', 'imageHeight', 'imageWidth', 'showLabel', 'contentMode']);
        const isMulti = type === 'checkbox' || type === 'tagbox' || (type === 'imagepicker' && el.multiSelect === true);
        const ourType = isMulti ? 'multiple' : type === 'dropdown' ? 'dropdown' : 'single';
        const values = new Map<string, string>();
        let raw = el.choices;
        if (type === 'dropdown' && !Array.isArray(raw) && num(el.choicesMin) !== undefined && num(el.choicesMax) !== undefined) {
          const step = num(el.choicesStep) ?? 1;
          raw = [];
          for (let x = num(el.choicesMin)!; x <= num(el.choicesMax)! && (raw as number[]).length < 1000; x += step) (raw as number[]).push(x);
        }
        const opts = choicesOf(raw, where, id, values);
        if (el.showNoneItem === true || el.hasNone === true) {
          const noneId = [...values.values()].includes('none') ? 'none-2' : 'none';
          if (!values.has('none')) values.set('none', noneId);
          opts.push({ id: noneId, label: text(el.noneText, where, 'noneText') ?? { en: 'None', fr: 'Aucun' } });
          if (isMulti) approx(where, 'showNoneItem', '"None" is an ordinary choice: it does not clear the other choices');
        }
        for (const k of ['showSelectAllItem', 'hasSelectAll'] as const) if (el[k] === true) unsupported(where, k, '"Select all" has no equivalent');
        for (const k of ['showRefuseItem', 'showDontKnowItem'] as const) if (el[k] === true) unsupported(where, k, 'special "refuse" / "don’t know" items have no equivalent: add them as choices');
        if (el.choicesOrder !== undefined && el.choicesOrder !== 'none') unsupported(where, 'choicesOrder', `choices are shown in the order written ("${String(el.choicesOrder)}" ignored)`);
        if (type === 'imagepicker') approx(where, 'type imagepicker', 'images are left out: the choices are shown as text');
        if (type === 'tagbox') approx(where, 'type tagbox', 'a multi-select dropdown becomes checkboxes');
        if (opts.length === 0) {
          unsupported(where, `type ${type}`, 'no choices (choicesByUrl and choicesFromQuestion are not supported): question left out');
          return [];
        }
        const out: Record<string, unknown> = { ...base, type: ourType, options: opts };
        if (el.showOtherItem === true || el.hasOther === true) {
          out.other = true;
          if (!values.has('other')) values.set('other', OTHER);
          if (el.otherText !== undefined) approx(where, 'otherText', 'the "Other" label is the widget’s own');
        }
        if (isMulti) {
          const min = num(el.minSelectedChoices);
          const max = num(el.maxSelectedChoices);
          if (min !== undefined && min > 0) out.minSelected = Math.trunc(min);
          if (max !== undefined && max > 0) out.maxSelected = Math.trunc(max);
          validators.forEach((v, i) => {
            if (isObject(v) && v.type === 'answercount') {
              if (num(v.minCount) !== undefined) out.minSelected = Math.trunc(num(v.minCount)!);
              if (num(v.maxCount) !== undefined) out.maxSelected = Math.trunc(num(v.maxCount)!);
              handled.add(i);
            }
          });
        }
        q = out as SurveyQuestion;
        Object.assign(info, { type: ourType, values });
        break;
      }
      case 'boolean': {
        rest(['valueTrue', 'valueFalse', 'labelTrue', 'labelFalse', 'renderAs', 'swapOrder']);
        const consent = el.renderAs === 'checkbox';
        // The consent idiom: an expression validator "{q} = true".
        validators.forEach((v, i) => {
          if (isObject(v) && v.type === 'expression' && typeof v.expression === 'string' && new RegExp(`^\\s*\\{${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\}\\s*==?\\s*true\\s*$`).test(v.expression)) {
            base.required = true;
            handled.add(i);
          }
        });
        q = { ...base, type: consent ? 'consent' : 'yesno' } as SurveyQuestion;
        Object.assign(info, { type: consent ? 'consent' : 'yesno', valueTrue: el.valueTrue, valueFalse: el.valueFalse });
        if (consent) approx(where, 'renderAs checkbox', 'a check box boolean becomes a consent check box (required: must be ticked)');
        if (el.labelTrue !== undefined || el.labelFalse !== undefined) approx(where, 'labelTrue/labelFalse', 'the answers are the widget’s own "Yes" / "No"');
        if (el.valueTrue !== undefined || el.valueFalse !== undefined) approx(where, 'valueTrue/valueFalse', 'answers are stored as true / false');
        break;
      }
      case 'rating': {
        rest(['rateMin', 'rateMax', 'rateStep', 'rateValues', 'rateType', 'rateCount', 'minRateDescription', 'maxRateDescription', 'displayRateDescriptionsAsExtremeItems', 'rateDescriptionLocation']);
        const values = Array.isArray(el.rateValues) ? (el.rateValues as unknown[]) : undefined;
        const step = num(el.rateStep) ?? 1;
        if (values && values.length > 0) {
          const ns = values.map((v) => num(isObject(v) ? v.value : v));
          const consecutive = ns.every((n, i) => n !== undefined && Number.isInteger(n) && (i === 0 || n === ns[i - 1]! + 1));
          if (!consecutive) {
            // Not a scale: a single choice with the rate values as options.
            const map = new Map<string, string>();
            const opts = choicesOf(values, where, id, map, 'rateValues');
            approx(where, 'rateValues', 'rate values that are not consecutive whole numbers become a single choice');
            q = { ...base, type: 'single', options: opts } as SurveyQuestion;
            Object.assign(info, { type: 'single', values: map });
            break;
          }
          const texts = values.map((v) => (isObject(v) && v.text !== undefined ? v.text : undefined));
          if (texts.slice(1, -1).some((t) => t !== undefined)) approx(where, 'rateValues', 'only the first and last rate texts are kept (as the scale’s end labels)');
          Object.assign(base, { type: 'scale', min: ns[0], max: ns.at(-1) });
          if (texts[0] !== undefined) base.minLabel = text(texts[0], where, 'rate text');
          if (texts.at(-1) !== undefined) base.maxLabel = text(texts.at(-1), where, 'rate text');
        } else {
          const min = num(el.rateMin) ?? 1;
          const count = num(el.rateCount);
          const max = num(el.rateMax) ?? (count !== undefined ? min + (count - 1) * step : 5);
          if (step !== 1 || !Number.isInteger(min) || !Number.isInteger(max)) {
            unsupported(where, 'rateStep', `a rating from ${min} to ${max} by ${step} has no equivalent: scales count in whole steps of 1; converted from ${Math.ceil(min)} to ${Math.floor(max)}`);
          }
          Object.assign(base, { type: 'scale', min: Math.ceil(min), max: Math.floor(max) });
        }
        const minLabel = text(el.minRateDescription, where, 'minRateDescription');
        const maxLabel = text(el.maxRateDescription, where, 'maxRateDescription');
        if (minLabel !== undefined) base.minLabel = minLabel;
        if (maxLabel !== undefined) base.maxLabel = maxLabel;
        base.display = el.rateType === 'stars' ? 'stars' : 'numbers';
        if (el.rateType === 'smileys') approx(where, 'rateType smileys', 'smileys become numbers');
        q = base as SurveyQuestion;
        Object.assign(info, { type: 'scale', min: base.min as number, max: base.max as number });
        break;
      }
      case 'ranking': {
        rest(['choices', 'choicesOrder', 'selectToRankEnabled', 'longTap']);
        const values = new Map<string, string>();
        const opts = choicesOf(el.choices, where, id, values);
        if (el.choicesOrder !== undefined && el.choicesOrder !== 'none') unsupported(where, 'choicesOrder', `choices are shown in the order written ("${String(el.choicesOrder)}" ignored)`);
        if (opts.length < 2) {
          unsupported(where, 'type ranking', 'fewer than two choices: question left out');
          return [];
        }
        q = { ...base, type: 'ranking', options: opts } as SurveyQuestion;
        Object.assign(info, { type: 'ranking', values });
        break;
      }
      case 'matrix': {
        rest(['rows', 'columns', 'isAllRowRequired', 'eachRowRequired', 'eachRowUnique', 'rowsOrder', 'cellType', 'cells']);
        const rows = choicesOf(el.rows, where, id, new Map(), 'rows');
        const columns = choicesOf(el.columns, where, id, new Map(), 'columns');
        if (rows.length < 1 || columns.length < 2) {
          unsupported(where, 'type matrix', 'a matrix needs at least one row and two columns: question left out');
          return [];
        }
        if (el.isAllRowRequired === true || el.eachRowRequired === true) base.required = true;
        else if (el.isRequired === true) approx(where, 'isRequired', 'a required matrix needs an answer in every row (SurveyJS asks for one row)');
        if (el.eachRowUnique === true) unsupported(where, 'eachRowUnique', 'unique answers per column have no equivalent');
        if (el.rowsOrder !== undefined && el.rowsOrder !== 'initial') unsupported(where, 'rowsOrder', `rows are shown in the order written ("${String(el.rowsOrder)}" ignored)`);
        if (el.cells !== undefined) approx(where, 'cells', 'cell texts are left out: the column labels are shown');
        q = { ...base, type: 'matrix', rows, columns } as SurveyQuestion;
        info.type = 'matrix';
        break;
      }
      case 'html':
      case 'expression':
      case 'image': {
        rest(['html', 'expression', 'displayStyle', 'currency', 'format', 'maximumFractionDigits', 'minimumFractionDigits', 'imageLink', 'imageFit', 'imageHeight', 'imageWidth', 'contentMode', 'altText']);
        if (type === 'image') {
          const alt = text(el.altText, where, 'altText');
          if (alt === undefined) {
            unsupported(where, 'type image', 'images are not shown: left out (no altText to keep as text)');
            return [];
          }
          approx(where, 'type image', 'the image is left out: its altText becomes an information text');
          q = { id, label: alt, type: 'info' } as SurveyQuestion;
        } else if (type === 'html') {
          const html = text(el.html, where, 'html');
          if (html === undefined) {
            unsupported(where, 'type html', 'no html: left out');
            return [];
          }
          const t = plain(html, htmlToText);
          const hasTags = (typeof html === 'string' ? [html] : Object.values(html)).some((s) => /<[a-z!/]/i.test(s));
          if (hasTags) approx(where, 'type html', 'HTML becomes plain text (links, images and formatting are left out: organiser content is never rendered as HTML)');
          q = { id, label: t, type: 'info' } as SurveyQuestion;
        } else {
          unsupported(where, 'expression', `the computed value "${String(el.expression ?? '')}" is not shown: only the title is kept as an information text`);
          q = { ...base, type: 'info' } as SurveyQuestion;
          delete (q as Record<string, unknown>).required;
        }
        info.type = 'info';
        break;
      }
      default: {
        unsupported(where, `type ${type || '(none)'}`, `no equivalent question type: question left out${type === 'multipletext' ? ' (make one text question per item)' : type === 'matrixdropdown' || type === 'matrixdynamic' ? ' (use a matrix with one choice per row, or several questions)' : ''}`);
        return [];
      }
    }

    validators.forEach((v, i) => {
      if (handled.has(i)) return;
      const vt = isObject(v) ? String(v.type) : typeof v;
      const detail = isObject(v) && typeof v.expression === 'string' ? `"${v.expression}"` : isObject(v) ? JSON.stringify(v) : String(v);
      unsupported(`${where}.validators[${i}]`, `validator ${vt}`, `no equivalent for this question: ${detail}`);
    });
    for (const [k, v] of Object.entries(el)) {
      if (done.has(k)) continue;
      if (LAYOUT.has(k)) ignored(where, `property ${k}`, 'presentation: decided by the widget');
      else if (k === 'requiredErrorText') approx(where, 'requiredErrorText', 'the "required" message is the widget’s own (translated)');
      else unsupported(where, `property ${k}`, `no equivalent: ${JSON.stringify(v).slice(0, 120)}`);
    }

    const expression = typeof el.visibleIf === 'string' ? el.visibleIf.trim() : '';
    if (expression || inherited.length) pendings.push({ at: where, order: info.order, expression, target: q as { visibleIf?: Condition }, inherited });
    infos.set(name, info);
    report.questions[info.type] = (report.questions[info.type] ?? 0) + 1;
    return [q];
  }

  /** Elements of a page or panel, panels flattened (their title becomes an information text). */
  function elements(list: unknown, at: string, inherited: string[]): SurveyQuestion[] {
    if (!Array.isArray(list)) return [];
    const out: SurveyQuestion[] = [];
    list.forEach((el, i) => {
      const elAt = `${at}[${i}]`;
      if (!isObject(el)) {
        unsupported(elAt, 'element', 'not an object: left out');
        return;
      }
      if (el.type === 'panel') {
        const name = String(el.name ?? `panel${i + 1}`);
        const where = `${elAt} ("${name}")`;
        const cond = typeof el.visibleIf === 'string' && el.visibleIf.trim() ? [...inherited, el.visibleIf] : inherited;
        const title = text(el.title, where, 'title');
        const description = text(el.description, where, 'description');
        if (title !== undefined || description !== undefined) {
          const id = questionIds.take(name, `panel-${i + 1}`);
          const label = title !== undefined && description !== undefined
            ? (typeof title === 'string' && typeof description === 'string' ? `${title}\n${description}` : title)
            : (title ?? description)!;
          const info: Record<string, unknown> = { id, type: 'info', label };
          if (title !== undefined && description !== undefined && typeof label !== 'string') info.hint = description;
          out.push(info as SurveyQuestion);
          if (cond.length) pendings.push({ at: where, order: infos.size, expression: '', target: info as { visibleIf?: Condition }, inherited: cond });
          report.questions.info = (report.questions.info ?? 0) + 1;
          approx(where, 'type panel', 'panels are flattened: the title becomes an information text above the panel’s questions');
        } else {
          approx(where, 'type panel', 'panels are flattened: their questions follow each other');
        }
        for (const k of Object.keys(el)) {
          if (['type', 'name', 'title', 'description', 'visibleIf', 'elements'].includes(k)) continue;
          if (LAYOUT.has(k) || ['state', 'showNumber', 'showQuestionNumbers', 'questionStartIndex'].includes(k)) ignored(where, `property ${k}`, 'presentation: decided by the widget');
          else unsupported(where, `property ${k}`, `no equivalent: ${JSON.stringify(el[k]).slice(0, 120)}`);
        }
        out.push(...elements(el.elements, `${elAt}.elements`, cond));
        return;
      }
      out.push(...question(el, elAt, inherited));
    });
    return out;
  }

  const rawPages: Array<{ page: Json; at: string }> = hasPages
    ? (input.pages as unknown[]).map((p, i) => ({ page: isObject(p) ? p : {}, at: `pages[${i}]` }))
    : [{ page: { name: 'page1', elements: input.elements ?? input.questions }, at: '' }];
  const pagePendings: Array<{ at: string; expression: string; page: SurveyPage; index: number }> = [];
  for (const { page, at } of rawPages) {
    pageIndex = pages.length;
    const name = String(page.name ?? `page${pages.length + 1}`);
    const where = at ? `${at} ("${name}")` : 'elements';
    const questions: SurveyQuestion[] = [];
    const description = text(page.description, where, 'description');
    if (description !== undefined) {
      questions.push({ id: questionIds.take(`${name}-intro`, `${name}-intro`), type: 'info', label: description } as SurveyQuestion);
      report.questions.info = (report.questions.info ?? 0) + 1;
      approx(where, 'page description', 'the page description becomes an information text at the top of the page');
    }
    questions.push(...elements(page.elements ?? page.questions, at ? `${at}.elements` : 'elements', []));
    const out: SurveyPage = { id: pageIds.take(name, `page-${pages.length + 1}`), questions };
    const title = text(page.title, where, 'title');
    if (title !== undefined) out.title = title;
    if (typeof page.visibleIf === 'string' && page.visibleIf.trim()) pagePendings.push({ at: where, expression: page.visibleIf, page: out, index: pageIndex });
    for (const k of Object.keys(page)) {
      if (['name', 'title', 'description', 'elements', 'questions', 'visibleIf'].includes(k)) continue;
      if (['navigationTitle', 'navigationDescription', 'navigationButtonsVisibility', 'questionTitleLocation', 'maxWidth', 'width', 'state', 'showNumber'].includes(k)) {
        ignored(where, `property ${k}`, 'presentation: decided by the widget');
      } else unsupported(where, `property ${k}`, `no equivalent: ${JSON.stringify(page[k]).slice(0, 120)}`);
    }
    if (questions.length === 0) {
      if (at) unsupported(where, 'page', 'no element could be converted: page left out');
      continue;
    }
    pages.push(out);
  }
  if (pages.length === 0 || pages.every((p) => p.questions.length === 0)) {
    throw new ConversionError('The input is not a SurveyJS survey with questions: no page has an element that could be converted.');
  }

  /* Conditions, once every question is known (SurveyJS may refer to later questions). */
  const condition = (expression: string, at: string, what: string, place: Place): Condition | undefined => {
    try {
      return toCondition(parseExpression(expression), infos, place);
    } catch (err) {
      unsupported(at, what, `"${expression}": ${(err as Error).message} (condition left out: always shown)`);
      return undefined;
    }
  };
  for (const p of pendings) {
    const parts: Condition[] = [];
    for (const inh of p.inherited) {
      const c = condition(inh, p.at, 'panel visibleIf', { order: p.order });
      if (c) parts.push(c);
    }
    if (p.expression) {
      const c = condition(p.expression, p.at, 'visibleIf', { order: p.order });
      if (c) parts.push(c);
    }
    if (parts.length === 1) p.target.visibleIf = parts[0]!;
    else if (parts.length > 1) p.target.visibleIf = { all: parts.flatMap((c) => ('all' in c ? c.all : [c])) };
  }
  for (const p of pagePendings) {
    const c = condition(p.expression, p.at, 'page visibleIf', { page: p.index });
    if (c) p.page.visibleIf = c;
  }

  /* The survey itself. */
  const title = text(input.title, 'survey', 'title');
  const id = options.id ?? toId(typeof title === 'string' ? title : title ? Object.values(title)[0] : '', 'survey');
  if (!ID_RE.test(id)) throw new ConversionError(`"${id}" is not a valid survey id: letters, digits, - and _ (at most 64, starting with a letter or digit).`);
  const definition: Record<string, unknown> = { id, title: title ?? id, pages };
  if (title === undefined) approx('survey', 'title', `the survey has no title: its id "${id}" is the title`);
  const description = text(input.description, 'survey', 'description');
  if (description !== undefined) definition.description = description;
  for (const [k, v] of Object.entries(input)) {
    if (['title', 'description', 'pages', 'elements', 'questions', 'locale'].includes(k)) continue;
    if (k === 'cookieName') {
      definition.onePerDevice = true;
      approx('survey', 'cookieName', 'one response per device (remembered by a device token, not a cookie)');
    } else if (SURVEY_LAYOUT.has(k)) ignored('survey', `property ${k}`, 'presentation: decided by the widget');
    else if (k === 'clearInvisibleValues' && v !== 'none') ignored('survey', `property ${k}`, 'answers to hidden questions are always cleared');
    else if (k in SURVEY_UNSUPPORTED && SURVEY_UNSUPPORTED[k]) unsupported('survey', `property ${k}`, SURVEY_UNSUPPORTED[k]!);
    else unsupported('survey', `property ${k}`, `no equivalent: ${JSON.stringify(v).slice(0, 120)}`);
  }

  const parsed = DefinitionSchema.safeParse(definition);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`);
    throw new ConversionError(`The converted survey is not a valid definition (${problems.length} problem${problems.length > 1 ? 's' : ''}).`, problems);
  }
  return { definition: definition as SurveyDefinitionInput, report };
}

/* ------------------------------------------------------------------ the command line */

export function formatReport(report: ConversionReport): string[] {
  const lines: string[] = [];
  const counts = Object.entries(report.questions).map(([t, n]) => `${n} ${t}`).join(', ');
  lines.push(`converted: ${counts || 'no question'}`);
  for (const u of report.unsupported) lines.push(`unsupported: ${u.at}: ${u.what}: ${u.detail}`);
  for (const a of report.approximations) lines.push(`approximated: ${a.at}: ${a.what}: ${a.detail}`);
  if (report.ignored.length) {
    const props = [...new Set(report.ignored.map((i) => i.what.replace(/^property /, '')))].sort();
    lines.push(`ignored (presentation, decided by the widget): ${props.join(', ')}`);
  }
  const renamed = Object.entries(report.ids.questions);
  if (renamed.length) lines.push(`renamed questions: ${renamed.map(([a, b]) => `"${a}" -> ${b}`).join(', ')}`);
  for (const [q, m] of Object.entries(report.ids.options)) {
    lines.push(`renamed choices of ${q}: ${Object.entries(m).map(([a, b]) => `"${a}" -> ${b}`).join(', ')}`);
  }
  return lines;
}

const USAGE = 'usage: npm run convert:surveyjs -- in.json [--id survey-id] [--out out.json] [--report report.json] [--lang en]';

export function main(argv: string[], io = { stdout: process.stdout, stderr: process.stderr }): number {
  const args: Record<string, string> = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const v = inline ?? argv[++i];
      if (!['id', 'out', 'report', 'lang'].includes(k) || v === undefined) {
        io.stderr.write(`unknown or incomplete option ${a}\n${USAGE}\n`);
        return 1;
      }
      args[k] = v;
    } else files.push(a);
  }
  if (files.length !== 1) {
    io.stderr.write(`${USAGE}\n`);
    return 1;
  }
  const file = files[0]!;
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    io.stderr.write(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(err as Error).message})`}\n`);
    return 1;
  }
  let result: ConversionResult;
  try {
    const id = args.id ?? (toId(basename(file).replace(/\.json$/i, ''), '') || undefined);
    result = convertSurveyJs(input, { ...(id ? { id } : {}), ...(args.lang ? { lang: args.lang } : {}) });
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
    io.stderr.write(`${file}: ${err.message}\n${err.problems.map((p) => `  ${p}\n`).join('')}`);
    return 1;
  }
  const json = `${JSON.stringify(result.definition, null, 2)}\n`;
  if (args.out) writeFileSync(args.out, json);
  else io.stdout.write(json);
  if (args.report) writeFileSync(args.report, `${JSON.stringify(result.report, null, 2)}\n`);
  for (const line of formatReport(result.report)) io.stderr.write(`${line}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
