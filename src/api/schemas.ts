/**
 * The civic-widgets protocol, written once.
 *
 * Every definition a widget reads (GET) and every payload it posts (POST) is described here with
 * `zod/mini`. The browser widgets parse server answers with these schemas; the reference backend
 * (server/) validates requests with the very same objects and publishes them as OpenAPI 3.1.
 * docs/protocol.md explains the protocol for people writing their own backend.
 *
 * Conventions:
 * - JSON field names are camelCase, except the map-report resources, which keep the Open311
 *   GeoReport v2 names (`service_code`, `lat`, `long`, `address_string`, ...).
 * - Every POST that creates something carries an `Idempotency-Key` header; the server stores the
 *   submission once however many times it arrives and answers the same receipt again.
 * - Errors always have the shape of {@link ApiErrorBody}.
 */
import { z } from 'zod/mini';

/* ------------------------------------------------------------------ shared building blocks */

/** The header that makes a POST safe to retry. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Identifiers chosen by organisers: letters, digits, `-` and `_`, 1 to 64 characters. */
export const Id = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/));

/** An idempotency key or device token: 16 to 128 URL-safe characters (a UUID fits). */
export const Token = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,128}$/));

/**
 * A text an organiser wrote, either one string or one string per locale
 * (`{ "fr": "Bonjour", "nl": "Hallo" }`). Widgets pick the resident's language and fall back.
 */
export const LocalizedText = z.union([
  z.string().check(z.maxLength(20000)),
  z.record(z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)), z.string().check(z.maxLength(20000))),
]);
export type LocalizedText = z.infer<typeof LocalizedText>;

/** ISO 8601 date-time with an offset. */
export const DateTime = z.iso.datetime({ offset: true });

/** Where a submission comes from: the widget, a paper form typed in later, a polling booth. */
export const Origin = z.enum(['web', 'paper', 'booth', 'assisted']);
export type Origin = z.infer<typeof Origin>;

/** The lifecycle shared by everything with opening and closing dates. */
export const Phase = z.enum(['scheduled', 'open', 'closed']);
export type Phase = z.infer<typeof Phase>;

/** What the server says about time so that widgets never trust the device clock. */
const Timing = {
  opensAt: z.optional(z.nullable(DateTime)),
  closesAt: z.optional(z.nullable(DateTime)),
};

/** Fields the server adds to every definition it serves. */
const Served = {
  phase: Phase,
  serverTime: DateTime,
};

/* ------------------------------------------------------------------ errors */

export const ErrorCode = z.enum([
  'bad_request',
  'validation',
  'unauthorized',
  'not_found',
  'not_open',
  'closed',
  'already_submitted',
  'results_hidden',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'server_error',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One problem with one field: `path` points into the posted JSON body. */
export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  /** A stable code widgets translate: `required`, `too_small`, `too_big`, `invalid_format`, `invalid_value`, `unknown_option`... */
  code: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

/** The one error format of the protocol. `message` is English for developers; widgets translate `code`. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    fields: z.optional(z.array(FieldIssue)),
    /** Seconds to wait, also sent as the Retry-After header on 429 and 503. */
    retryAfter: z.optional(z.number()),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** What every accepted POST answers (201 the first time, 200 with `duplicate: true` after). */
export const Receipt = z.object({
  id: z.string(),
  receivedAt: DateTime,
  duplicate: z.boolean(),
  /** `accepted`: counted; `pending`: waits for a confirmation e-mail or a moderator. */
  status: z.enum(['accepted', 'pending']),
});
export type Receipt = z.infer<typeof Receipt>;

/* ------------------------------------------------------------------ vote (polls; budgets later) */

export const VoteMethod = z.enum(['single', 'multiple']);
export type VoteMethod = z.infer<typeof VoteMethod>;

export const VoteOption = z.object({
  id: Id,
  label: LocalizedText,
  description: z.optional(LocalizedText),
});
export type VoteOption = z.infer<typeof VoteOption>;

/** When residents may see the tally. */
export const ResultsVisibility = z.enum(['after-vote', 'after-close']);
export type ResultsVisibility = z.infer<typeof ResultsVisibility>;

/** What an organiser writes (admin API, demo/content/votes/*.json). */
export const VoteDefinitionInput = z.object({
  id: Id,
  title: LocalizedText,
  description: z.optional(LocalizedText),
  method: VoteMethod,
  options: z.array(VoteOption).check(z.minLength(2), z.maxLength(200)),
  /** For `multiple`: how many options a ballot must and may choose (k of n). */
  minChoices: z.optional(z.int().check(z.minimum(1))),
  maxChoices: z.optional(z.int().check(z.minimum(1))),
  resultsVisibility: z._default(ResultsVisibility, 'after-vote'),
  ...Timing,
});
export type VoteDefinitionInput = z.input<typeof VoteDefinitionInput>;

/** What `GET /votes/{id}` answers. */
export const VoteDefinition = z.object({
  ...VoteDefinitionInput.shape,
  ...Served,
});
export type VoteDefinition = z.infer<typeof VoteDefinition>;

/** What `POST /votes/{id}/ballots` carries. */
export const BallotSubmission = z.object({
  choices: z.array(Id).check(z.minLength(1), z.maxLength(200)),
  /** A random token kept on the device: one ballot per device and vote. */
  deviceToken: Token,
});
export type BallotSubmission = z.infer<typeof BallotSubmission>;

export const VoteResults = z.object({
  voteId: Id,
  phase: Phase,
  ballots: z.int(),
  options: z.array(z.object({ id: Id, count: z.int() })),
  byOrigin: z.record(z.string(), z.int()),
  updatedAt: DateTime,
});
export type VoteResults = z.infer<typeof VoteResults>;

/** The ballot receipt also carries the results when the organiser lets voters see them. */
export const BallotReceipt = z.object({
  ...Receipt.shape,
  results: z.optional(z.nullable(VoteResults)),
});
export type BallotReceipt = z.infer<typeof BallotReceipt>;

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
  }),
  z.object({
    ...QuestionBase,
    type: z.literal('number'),
    min: z.optional(z.number()),
    max: z.optional(z.number()),
    step: z.optional(z.number()),
  }),
  z.object({ ...QuestionBase, type: z.literal('date'), min: z.optional(z.string()), max: z.optional(z.string()) }),
  z.object({
    ...QuestionBase,
    type: z.enum(['single', 'multiple', 'dropdown']),
    options: z.array(Choice).check(z.minLength(1)),
    other: z.optional(z.boolean()),
    minSelected: z.optional(z.int()),
    maxSelected: z.optional(z.int()),
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
  deviceToken: z.optional(Token),
  contact: z.optional(z.object({ name: z.optional(z.string()), email: z.optional(z.email()) })),
});
export type SurveyResponse = z.infer<typeof SurveyResponse>;

/* ------------------------------------------------------------------ petition */

export const PetitionProfile = z.enum(['minimal', 'standard', 'formal']);
export type PetitionProfile = z.infer<typeof PetitionProfile>;

export const PetitionDefinitionInput = z.object({
  id: Id,
  title: LocalizedText,
  summary: LocalizedText,
  body: z.optional(LocalizedText),
  addressee: z.optional(LocalizedText),
  goal: z.optional(z.int().check(z.minimum(1))),
  thresholds: z.optional(z.array(z.object({ count: z.int(), label: LocalizedText }))),
  profile: PetitionProfile,
  /** Whether signers choose how their name appears publicly. */
  publicNames: z.optional(z.boolean()),
  response: z.optional(z.object({ text: LocalizedText, date: DateTime })),
  ...Timing,
});
export type PetitionDefinitionInput = z.input<typeof PetitionDefinitionInput>;

export const SignatureCount = z.object({ online: z.int(), paper: z.int(), total: z.int() });
export type SignatureCount = z.infer<typeof SignatureCount>;

export const PetitionDefinition = z.object({
  ...PetitionDefinitionInput.shape,
  ...Served,
  count: SignatureCount,
});
export type PetitionDefinition = z.infer<typeof PetitionDefinition>;

export const SignatureSubmission = z.object({
  email: z.email(),
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  firstName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  lastName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  postcode: z.optional(z.string().check(z.maxLength(20))),
  town: z.optional(z.string().check(z.maxLength(200))),
  address: z.optional(z.string().check(z.maxLength(500))),
  elector: z.optional(z.boolean()),
  declaration: z.optional(z.boolean()),
  publicName: z.optional(z.enum(['none', 'initial', 'full'])),
  /** Honeypot: a field humans never see. Must stay empty. */
  website: z.optional(z.string()),
  /** Milliseconds between the form being shown and sent (minimum form-fill time). */
  fillMs: z.optional(z.int()),
});
export type SignatureSubmission = z.infer<typeof SignatureSubmission>;

/* ------------------------------------------------------------------ map report (Open311 GeoReport v2 names) */

export const ReportService = z.object({
  service_code: Id,
  service_name: LocalizedText,
  description: z.optional(LocalizedText),
  group: z.optional(LocalizedText),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.optional(z.string()),
  attributes: z.optional(
    z.array(
      z.object({
        code: Id,
        datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
        required: z.boolean(),
        description: LocalizedText,
        values: z.optional(z.array(z.object({ key: z.string(), name: LocalizedText }))),
      }),
    ),
  ),
});
export type ReportService = z.infer<typeof ReportService>;

/** What `GET /map-reports/{id}` answers: a reporting space with its categories. */
export const MapReportDefinitionInput = z.object({
  id: Id,
  title: LocalizedText,
  services: z.array(ReportService).check(z.minLength(1)),
  landmarks: z.optional(z.array(z.object({ id: Id, name: LocalizedText, lat: z.number(), long: z.number() }))),
  maxPhotos: z.optional(z.int().check(z.minimum(0), z.maximum(10))),
  ...Timing,
});
export type MapReportDefinitionInput = z.input<typeof MapReportDefinitionInput>;
export const MapReportDefinition = z.object({ ...MapReportDefinitionInput.shape, ...Served });
export type MapReportDefinition = z.infer<typeof MapReportDefinition>;

export const ReportSubmission = z.object({
  service_code: Id,
  lat: z.optional(z.number().check(z.gte(-90), z.lte(90))),
  long: z.optional(z.number().check(z.gte(-180), z.lte(180))),
  address_string: z.optional(z.string().check(z.maxLength(500))),
  description: z.string().check(z.trim(), z.minLength(1), z.maxLength(4000)),
  email: z.optional(z.email()),
  first_name: z.optional(z.string().check(z.maxLength(200))),
  last_name: z.optional(z.string().check(z.maxLength(200))),
  attribute: z.optional(z.record(z.string(), z.union([z.string(), z.array(z.string())]))),
  /** Photos as data: URLs (JPEG/PNG/WebP), already resized and stripped of metadata by the widget. */
  media: z.optional(z.array(z.string()).check(z.maxLength(10))),
});
export type ReportSubmission = z.infer<typeof ReportSubmission>;

/* ------------------------------------------------------------------ comments */

export const ThreadDefinitionInput = z.object({
  id: Id,
  title: z.optional(LocalizedText),
  moderation: z._default(z.enum(['none', 'pre', 'first']), 'none'),
  maxDepth: z._default(z.int().check(z.minimum(1), z.maximum(6)), 2),
  stances: z._default(z.boolean(), false),
  maxLength: z._default(z.int().check(z.minimum(10), z.maximum(20000)), 4000),
  editWindowSeconds: z._default(z.int(), 900),
  ...Timing,
});
export type ThreadDefinitionInput = z.input<typeof ThreadDefinitionInput>;
export const ThreadDefinition = z.object({ ...ThreadDefinitionInput.shape, ...Served, count: z.int() });
export type ThreadDefinition = z.infer<typeof ThreadDefinition>;

export const Stance = z.enum(['for', 'against', 'neutral']);

export const Comment = z.object({
  id: z.string(),
  parentId: z.nullable(z.string()),
  author: z.string(),
  body: z.string(),
  createdAt: DateTime,
  official: z.boolean(),
  supports: z.int(),
  stance: z.optional(z.nullable(Stance)),
});
export type Comment = z.infer<typeof Comment>;

export const CommentPage = z.object({
  comments: z.array(Comment),
  nextCursor: z.nullable(z.string()),
  total: z.int(),
});
export type CommentPage = z.infer<typeof CommentPage>;

export const CommentSubmission = z.object({
  author: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  body: z.string().check(z.trim(), z.minLength(1), z.maxLength(20000)),
  parentId: z.optional(z.nullable(z.string())),
  email: z.optional(z.email()),
  stance: z.optional(Stance),
  website: z.optional(z.string()),
  fillMs: z.optional(z.int()),
});
export type CommentSubmission = z.infer<typeof CommentSubmission>;

/* ------------------------------------------------------------------ the resources, by widget kind */

/**
 * Where each kind of content lives under the API base URL: `path` is the collection, `submissions`
 * the sub-resource a widget POSTs to. Kept apart from the schemas so that a widget pulls in the
 * schemas it uses and no others.
 */
export const RESOURCES = {
  vote: { path: 'votes', submissions: 'ballots' },
  survey: { path: 'surveys', submissions: 'responses' },
  petition: { path: 'petitions', submissions: 'signatures' },
  'map-report': { path: 'map-reports', submissions: 'requests' },
  comments: { path: 'threads', submissions: 'comments' },
} as const;
export type Kind = keyof typeof RESOURCES;

/** Every kind with its schemas: what the organiser writes, what GET answers, what POST carries and answers. */
export const KINDS = {
  vote: { ...RESOURCES.vote, input: VoteDefinitionInput, definition: VoteDefinition, submission: BallotSubmission, receipt: BallotReceipt },
  survey: { ...RESOURCES.survey, input: SurveyDefinitionInput, definition: SurveyDefinition, submission: SurveyResponse, receipt: Receipt },
  petition: { ...RESOURCES.petition, input: PetitionDefinitionInput, definition: PetitionDefinition, submission: SignatureSubmission, receipt: Receipt },
  'map-report': { ...RESOURCES['map-report'], input: MapReportDefinitionInput, definition: MapReportDefinition, submission: ReportSubmission, receipt: Receipt },
  comments: { ...RESOURCES.comments, input: ThreadDefinitionInput, definition: ThreadDefinition, submission: CommentSubmission, receipt: Receipt },
} as const;

/** `/votes/poll-1`, `/votes/poll-1/ballots`, ... relative to the API base URL. */
export const paths = {
  definition: (kind: Kind, id: string) => `/${RESOURCES[kind].path}/${encodeURIComponent(id)}`,
  submissions: (kind: Kind, id: string) => `/${RESOURCES[kind].path}/${encodeURIComponent(id)}/${RESOURCES[kind].submissions}`,
  results: (kind: Kind, id: string) => `/${RESOURCES[kind].path}/${encodeURIComponent(id)}/results`,
};
