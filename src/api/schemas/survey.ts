/** Part of the protocol: see src/api/schemas.ts. */
import { z } from 'zod/mini';
import { Channel, DateTime, Id, LocalizedText, PaperInfo, Token, Served, Timing } from './common.js';

/* ------------------------------------------------------------------ survey */

/** A condition on earlier answers; `all`/`any`/`not` combine them. */
export type Condition =
  | { question: string; equals: string | number | boolean }
  | { question: string; oneOf: Array<string | number> }
  | { question: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };
export const Condition: z.ZodMiniType<Condition> = z.union([
  z.object({ question: Id, equals: z.union([z.string(), z.number(), z.boolean()]) }),
  z.object({ question: Id, oneOf: z.array(z.union([z.string(), z.number()])) }),
  z.object({ question: Id, answered: z.boolean() }),
  z.object({
    get all() {
      return z.array(Condition);
    },
  }),
  z.object({
    get any() {
      return z.array(Condition);
    },
  }),
  z.object({
    get not() {
      return Condition;
    },
  }),
]);

const Choice = z.object({ id: Id, label: LocalizedText });
/** Free text (or numbers, dates, "other" texts) listed in the published results only when true. */
const publishText = z.optional(z.boolean());
const QuestionBase = {
  id: Id,
  label: LocalizedText,
  hint: z.optional(LocalizedText),
  required: z.optional(z.boolean()),
  visibleIf: z.optional(Condition),
};

export const SurveyQuestion = z.discriminatedUnion('type', [
  z.object({
    ...QuestionBase,
    type: z.enum(['text', 'textarea', 'email']),
    minLength: z.optional(z.int().check(z.minimum(0))),
    maxLength: z.optional(z.int().check(z.minimum(1))),
    pattern: z.optional(z.string()),
    patternMessage: z.optional(LocalizedText),
    /** Ignored for `email`: addresses are never published. */
    publishText,
  }),
  z.object({
    ...QuestionBase,
    type: z.literal('number'),
    min: z.optional(z.number()),
    max: z.optional(z.number()),
    step: z.optional(z.number()),
    publishText,
  }),
  z.object({ ...QuestionBase, type: z.literal('date'), min: z.optional(z.string()), max: z.optional(z.string()), publishText }),
  z.object({
    ...QuestionBase,
    type: z.enum(['single', 'multiple', 'dropdown']),
    options: z.array(Choice).check(z.minLength(1)),
    other: z.optional(z.boolean()),
    minSelected: z.optional(z.int()),
    maxSelected: z.optional(z.int()),
    /** With `other`: publish the "please specify" texts. */
    publishText,
  }),
  z.object({ ...QuestionBase, type: z.literal('yesno') }),
  z.object({
    ...QuestionBase,
    type: z.literal('scale'),
    min: z.int(),
    max: z.int(),
    display: z.optional(z.enum(['stars', 'numbers'])),
    minLabel: z.optional(LocalizedText),
    maxLabel: z.optional(LocalizedText),
  }),
  z.object({ ...QuestionBase, type: z.literal('ranking'), options: z.array(Choice).check(z.minLength(2)) }),
  z.object({
    ...QuestionBase,
    type: z.literal('matrix'),
    rows: z.array(Choice).check(z.minLength(1)),
    columns: z.array(Choice).check(z.minLength(2)),
  }),
  z.object({ ...QuestionBase, type: z.literal('consent') }),
  z.object({ ...QuestionBase, type: z.literal('info') }),
]);
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

export const SurveyPage = z.object({
  id: Id,
  title: z.optional(LocalizedText),
  visibleIf: z.optional(Condition),
  questions: z.array(SurveyQuestion),
});
export type SurveyPage = z.infer<typeof SurveyPage>;

export const SurveyDefinitionInput = z.object({
  id: Id,
  title: LocalizedText,
  description: z.optional(LocalizedText),
  pages: z.array(SurveyPage).check(z.minLength(1)),
  onePerDevice: z.optional(z.boolean()),
  /** Ask for optional contact details, with this consent text and privacy notice. */
  contact: z.optional(z.object({ consent: LocalizedText, privacyUrl: z.optional(z.url()) })),
  resultsPublished: z.optional(z.boolean()),
  /** The paper version: how to send a printed copy back (shown on print). */
  paper: z.optional(PaperInfo),
  ...Timing,
});
export type SurveyDefinitionInput = z.input<typeof SurveyDefinitionInput>;

export const SurveyDefinition = z.object({ ...SurveyDefinitionInput.shape, ...Served });
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;

/** One answer: text, number, yes/no, choices, a ranking, a matrix row map, or a choice with "other". */
export const AnswerValue = z.union([
  z.string().check(z.maxLength(10000)),
  z.number(),
  z.boolean(),
  z.array(z.string().check(z.maxLength(1000))).check(z.maxLength(200)),
  z.record(z.string(), z.string()),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const SurveyResponse = z.object({
  answers: z.record(Id, AnswerValue),
  /** The "please specify" text of choice questions answered with `_other` (see src/api/survey-rules.ts). */
  other: z.optional(z.record(Id, z.string().check(z.maxLength(1000)))),
  deviceToken: z.optional(Token),
  contact: z.optional(z.object({ name: z.optional(z.string()), email: z.optional(z.email()) })),
  ...Channel,
});
export type SurveyResponse = z.infer<typeof SurveyResponse>;

/** Aggregated answers to one question (only accepted responses count; see docs/protocol.md). */
export const QuestionResult = z.object({
  /** Responses that answered this question. */
  answered: z.int(),
  /** single/multiple/dropdown: per option id (and `_other`); yesno/consent: `yes`, `no`; scale: per value. */
  counts: z.optional(z.record(z.string(), z.int())),
  /** Per row id, per column id. */
  matrix: z.optional(z.record(z.string(), z.record(z.string(), z.int()))),
  /** Mean position per option id, 1 = first. */
  ranking: z.optional(z.record(z.string(), z.number())),
  /** number and scale answers. */
  numbers: z.optional(z.object({ min: z.number(), max: z.number(), mean: z.number(), median: z.number() })),
  /** Answers as given (text, number, date), newest first, at most 200: only with `publishText`. */
  texts: z.optional(z.array(z.string())),
  /** "Other, please specify" texts, newest first, at most 200: only with `publishText`. */
  other: z.optional(z.array(z.string())),
});
export type QuestionResult = z.infer<typeof QuestionResult>;

/** `GET /surveys/{id}/results[?origin=web|paper|…]`, when the organiser published the results. */
export const SurveyResults = z.object({
  surveyId: Id,
  /** Accepted responses (of `origin` when asked). */
  responses: z.int(),
  /** Accepted responses per origin (always every origin, whatever `origin` asks). */
  byOrigin: z.record(z.string(), z.int()),
  /** The origin asked for, or null for all. */
  origin: z.nullable(z.string()),
  /** Per question id (info blocks have none). */
  questions: z.record(z.string(), QuestionResult),
  updatedAt: DateTime,
});
export type SurveyResults = z.infer<typeof SurveyResults>;
