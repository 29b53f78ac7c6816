/**
 * The rules of a survey, written once for the widget and the reference backend: which pages and
 * questions are visible for given answers, what a valid answer to each question type is, and what is
 * sent (answers to hidden questions never are).
 *
 * Answer shapes, by question type (documented in docs/protocol.md):
 * - text, textarea, email, date (`YYYY-MM-DD`): a string; number and scale: a number;
 * - yesno and consent: a boolean;
 * - single and dropdown: an option id; multiple: an array of option ids; with `other`, the id
 *   {@link OTHER} stands for "other, please specify" and the text goes in `other[questionId]`;
 * - ranking: every option id, most preferred first; matrix: `{ rowId: columnId }`.
 *
 * Pure functions of plain data, no zod: the widget bundles them, the server runs them.
 */
import { isEmailAddress } from './resources.js';
import type { FieldIssue } from './schemas/common.js';
import type { AnswerValue, Condition, SurveyPage, SurveyQuestion } from './schemas/survey.js';

/** The choice id of "other, please specify" (not a valid option id, so it never collides). */
export const OTHER = '_other';

export type Answers = Record<string, AnswerValue>;

/** What a survey's rules need of its definition. */
export interface SurveyShape {
  pages: SurveyPage[];
}

/** One problem with one answer: a stable code the widget translates, and where. */
export interface AnswerIssue {
  question: string;
  /** A matrix row or `other` when the problem is there. */
  detail?: string;
  code: AnswerIssueCode;
}
export type AnswerIssueCode =
  | 'required'
  | 'too_short'
  | 'too_long'
  | 'pattern'
  | 'invalid_email'
  | 'not_a_number'
  | 'too_small'
  | 'too_big'
  | 'step'
  | 'invalid_date'
  | 'too_early'
  | 'too_late'
  | 'unknown_option'
  | 'too_few'
  | 'too_many'
  | 'other_required'
  | 'invalid_value';

const ISSUE_TEXT: Record<AnswerIssueCode, string> = {
  required: 'An answer is required.',
  too_short: 'The answer is shorter than minLength.',
  too_long: 'The answer is longer than maxLength.',
  pattern: 'The answer does not match the pattern.',
  invalid_email: 'Not an e-mail address.',
  not_a_number: 'Not a number.',
  too_small: 'Below the minimum.',
  too_big: 'Above the maximum.',
  step: 'Not a multiple of the step.',
  invalid_date: 'Not a date (YYYY-MM-DD).',
  too_early: 'Before the earliest date allowed.',
  too_late: 'After the latest date allowed.',
  unknown_option: 'Not one of the options.',
  too_few: 'Fewer choices than minSelected.',
  too_many: 'More choices than maxSelected.',
  other_required: 'Say what "other" is.',
  invalid_value: 'This answer does not fit the question type.',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a value counts as an answer (an empty string, list or row map does not). */
export function isAnswered(v: AnswerValue | undefined): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

const same = (a: unknown, b: unknown) => a === b || (typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) : false);

/** Whether a condition holds for these answers (no condition: always). */
export function matches(cond: Condition | undefined, answers: Answers): boolean {
  if (!cond) return true;
  if ('all' in cond) return cond.all.every((c) => matches(c, answers));
  if ('any' in cond) return cond.any.some((c) => matches(c, answers));
  if ('not' in cond) return !matches(cond.not, answers);
  const v = answers[cond.question];
  if ('answered' in cond) return isAnswered(v) === cond.answered;
  if (!isAnswered(v)) return false;
  const values: unknown[] = Array.isArray(v) ? v : typeof v === 'object' ? Object.values(v) : [v];
  if ('equals' in cond) return values.some((x) => same(x, cond.equals));
  return values.some((x) => cond.oneOf.some((o) => same(x, o)));
}

/**
 * Walks the survey in order and says what is visible. A condition sees only the answers of questions
 * that are themselves visible and come earlier, so hiding a question also hides what depends on it.
 */
export function walk(def: SurveyShape, answers: Answers): { pages: SurveyPage[]; questions: SurveyQuestion[]; answers: Answers } {
  const seen: Answers = {};
  const pages: SurveyPage[] = [];
  const questions: SurveyQuestion[] = [];
  for (const page of def.pages) {
    if (!matches(page.visibleIf, seen)) continue;
    const shown = page.questions.filter((q) => {
      if (!matches(q.visibleIf, seen)) return false;
      if (q.type !== 'info' && answers[q.id] !== undefined) seen[q.id] = answers[q.id];
      return true;
    });
    pages.push({ ...page, questions: shown });
    questions.push(...shown);
  }
  return { pages, questions, answers: seen };
}

/** What is sent: the answers of visible questions, and the "other" texts that go with them. */
export function pruneHidden(def: SurveyShape, answers: Answers, other: Record<string, string> = {}): { answers: Answers; other: Record<string, string> } {
  const { answers: kept } = walk(def, answers);
  const keptOther: Record<string, string> = {};
  for (const [id, v] of Object.entries(kept)) {
    if (!isAnswered(v)) delete kept[id];
    else if ((v === OTHER || (Array.isArray(v) && v.includes(OTHER))) && other[id]?.trim()) keptOther[id] = other[id].trim();
  }
  return { answers: kept, other: keptOther };
}

/** The problems with one answer to one question (empty: fine). */
export function questionIssues(q: SurveyQuestion, v: AnswerValue | undefined, otherText?: string): AnswerIssue[] {
  const issue = (code: AnswerIssueCode, detail?: string): AnswerIssue[] => [detail ? { question: q.id, code, detail } : { question: q.id, code }];
  if (q.type === 'info') return [];
  if (!isAnswered(v)) return q.required ? issue('required') : [];
  switch (q.type) {
    case 'text':
    case 'textarea':
    case 'email': {
      if (typeof v !== 'string') return issue('invalid_value');
      const s = v.trim();
      if (q.type === 'email' && !isEmailAddress(s)) return issue('invalid_email');
      if (q.minLength !== undefined && [...s].length < q.minLength) return issue('too_short');
      if (q.maxLength !== undefined && [...s].length > q.maxLength) return issue('too_long');
      if (q.pattern) {
        let re: RegExp | undefined;
        try {
          re = new RegExp(`^(?:${q.pattern})$`, 'u');
        } catch {
          re = undefined; // refused when the definition is saved; never blocks a resident
        }
        if (re && !re.test(s)) return issue('pattern');
      }
      return [];
    }
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return issue('not_a_number');
      if (q.min !== undefined && v < q.min) return issue('too_small');
      if (q.max !== undefined && v > q.max) return issue('too_big');
      if (q.step) {
        const k = (v - (q.min ?? 0)) / q.step;
        if (Math.abs(k - Math.round(k)) > 1e-9) return issue('step');
      }
      return [];
    }
    case 'date': {
      if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) return issue('invalid_date');
      if (q.min && v < q.min) return issue('too_early');
      if (q.max && v > q.max) return issue('too_late');
      return [];
    }
    case 'single':
    case 'dropdown':
    case 'multiple': {
      const chosen = q.type === 'multiple' ? v : [v];
      if (!Array.isArray(chosen) || chosen.some((c) => typeof c !== 'string')) return issue('invalid_value');
      const ids = chosen as string[];
      if (q.type !== 'multiple' && ids.length !== 1) return issue('invalid_value');
      if (new Set(ids).size !== ids.length) return issue('invalid_value');
      if (ids.some((c) => !(q.other && c === OTHER) && !q.options.some((o) => o.id === c))) return issue('unknown_option');
      if (q.type === 'multiple' && q.minSelected !== undefined && ids.length < q.minSelected) return issue('too_few');
      if (q.type === 'multiple' && q.maxSelected !== undefined && ids.length > q.maxSelected) return issue('too_many');
      if (ids.includes(OTHER) && !otherText?.trim()) return issue('other_required', 'other');
      if (otherText && [...otherText].length > 1000) return issue('too_long', 'other');
      return [];
    }
    case 'yesno':
      return typeof v === 'boolean' ? [] : issue('invalid_value');
    case 'consent':
      if (typeof v !== 'boolean') return issue('invalid_value');
      return q.required && !v ? issue('required') : [];
    case 'scale':
      if (typeof v !== 'number' || !Number.isInteger(v)) return issue('invalid_value');
      return v < q.min ? issue('too_small') : v > q.max ? issue('too_big') : [];
    case 'ranking': {
      if (!Array.isArray(v)) return issue('invalid_value');
      const ids = q.options.map((o) => o.id);
      const ok = v.length === ids.length && new Set(v).size === v.length && v.every((x) => ids.includes(x));
      return ok ? [] : issue('invalid_value');
    }
    case 'matrix': {
      if (typeof v !== 'object' || Array.isArray(v)) return issue('invalid_value');
      const out: AnswerIssue[] = [];
      for (const [row, col] of Object.entries(v)) {
        if (!q.rows.some((r) => r.id === row) || !q.columns.some((c) => c.id === col)) out.push({ question: q.id, code: 'unknown_option', detail: row });
      }
      if (q.required) for (const r of q.rows) if (!(r.id in v)) out.push({ question: q.id, code: 'required', detail: r.id });
      return out;
    }
  }
}

/**
 * Every problem with a response: answers to visible questions checked against their question,
 * required visible questions present, answers to unknown or hidden questions reported as
 * `unknown_option` (the widget never sends them; {@link pruneHidden} drops them).
 */
export function answerIssues(def: SurveyShape, answers: Answers, other: Record<string, string> = {}): AnswerIssue[] {
  const { questions } = walk(def, answers);
  const out: AnswerIssue[] = [];
  for (const q of questions) out.push(...questionIssues(q, answers[q.id], other[q.id]));
  const visible = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) if (!visible.has(id)) out.push({ question: id, code: 'unknown_option' });
  return out;
}

/** The same problems as protocol FieldIssues (path into the posted body, English message for developers). */
export function toFieldIssues(issues: AnswerIssue[]): FieldIssue[] {
  return issues.map((i) => ({
    path: i.detail === 'other' ? ['other', i.question] : i.detail ? ['answers', i.question, i.detail] : ['answers', i.question],
    code: i.code,
    message: ISSUE_TEXT[i.code],
  }));
}
