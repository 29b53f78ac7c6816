/** Part of the protocol: see src/api/schemas.ts. */
import { z } from 'zod/mini';

// In a browser, zod must not compile a parser per object schema with `new Function`: a widget parses
// each definition once, so compiling costs more than it saves on the first render, and a strict
// Content-Security-Policy (no 'unsafe-eval') reports even zod's probe for it as a violation. Every
// schema module imports this one first, so this runs before any schema is built. The server keeps
// the compiled parsers (it parses the same shapes many times).
if (typeof document !== 'undefined') z.config({ jitless: true });

/* ------------------------------------------------------------------ shared building blocks */

export { IDEMPOTENCY_HEADER, isEmailAddress } from '../resources.js';
/** zod's readable account of a failed parse, for ApiClient (which loads zod only when it needs it). */
export { prettifyError } from 'zod/mini';

/** Identifiers chosen by organisers: letters, digits, `-` and `_`, 1 to 64 characters. */
export const Id = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/));

/** An idempotency key or device token: 16 to 128 URL-safe characters (a UUID fits). */
export const Token = z.string().check(z.regex(/^[A-Za-z0-9_-]{16,128}$/));

/**
 * A text an organiser wrote, either one string or one string per locale
 * (`{ "fr": "Bonjour", "nl": "Hallo" }`). Widgets pick the resident's language and fall back.
 * A key may end with a private-use subtag (`fr-x-falc`, `en-x-easy`): the widgets show it in
 * easy-read mode only (docs/easy-read.md).
 */
export const LocalizedText = z.union([
  z.string().check(z.maxLength(20000)),
  z.record(z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*(-x(-[A-Za-z0-9]{1,8})+)?$/)), z.string().check(z.maxLength(20000))),
]);
export type LocalizedText = z.infer<typeof LocalizedText>;

/**
 * What only the printed version of a form says (petition sheet, paper ballot, report form, paper
 * questionnaire): where the filled sheet goes back, who organises, and the personal-data notice
 * printed on every sheet that collects names (GDPR art. 13). Shown in print mode only.
 */
export const PaperInfo = z.object({
  /** Where to hand in or post the filled sheet, and until when ("Town hall reception, by 30 June"). */
  returnTo: z.optional(LocalizedText),
  /** Who organises, and how to reach them (name, postal address, phone, e-mail). */
  organiser: z.optional(LocalizedText),
  /** The personal-data notice. Each part has a wording per widget when absent, except `retention` and `contact`. */
  privacy: z.optional(
    z.object({
      /** Who is responsible for the data (the controller). Default: `organiser`. */
      controller: z.optional(LocalizedText),
      /** Why the data is collected, and the legal basis. */
      purpose: z.optional(LocalizedText),
      /** How long it is kept, then what happens ("until 31 December 2027, then destroyed"). */
      retention: z.optional(LocalizedText),
      /** Whom to ask to see, correct or erase it (postal or e-mail address, the data protection officer). */
      contact: z.optional(LocalizedText),
    }),
  ),
});
export type PaperInfo = z.infer<typeof PaperInfo>;

/** ISO 8601 date-time with an offset. */
export const DateTime = z.iso.datetime({ offset: true });

/** Where a submission comes from: the widget, a paper form typed in later, a polling booth. */
export const Origin = z.enum(['web', 'paper', 'booth', 'assisted']);
export type Origin = z.infer<typeof Origin>;

/** The origins a public submission may claim: the widget (`web`, the default) or a mediator's terminal (`assisted`). */
export const SubmissionOrigin = z.enum(['web', 'assisted']);

/** A mediator's code (`FS-Lyon-3`): who helped, never who answered. 1 to 64 characters, no control characters. */
export const MediatorCode = z.string().check(z.trim(), z.regex(/^[^\u0000-\u001f\u007f]{1,64}$/));

/**
 * What every public submission may say about its channel (docs/protocol.md, "Assisted mode"):
 * `origin: "assisted"` when a mediator helped on a shared terminal, with the mediator's optional
 * code. The one-per-device rule does not apply to it; the rate limits by network do.
 */
export const Channel = {
  origin: z.optional(SubmissionOrigin),
  /** Only with `origin: "assisted"`. */
  mediator: z.optional(MediatorCode),
};

/** The lifecycle shared by everything with opening and closing dates. */
export const Phase = z.enum(['scheduled', 'open', 'closed']);
export type Phase = z.infer<typeof Phase>;

/** What the server says about time so that widgets never trust the device clock. */
export const Timing = {
  opensAt: z.optional(z.nullable(DateTime)),
  closesAt: z.optional(z.nullable(DateTime)),
};

/** Fields the server adds to every definition it serves. */
export const Served = {
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
  /** 403: the action needs the device that wrote the comment. */
  'forbidden',
  /** 409: the comment's edit window (the thread's `editWindowSeconds`) is over. */
  'edit_window_closed',
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

/** The body of a `204 No Content` answer, as ApiClient gives it. */
export const NoContent = z.null();

/** What every accepted POST answers (201 the first time, 200 with `duplicate: true` after). */
export const Receipt = z.object({
  id: z.string(),
  receivedAt: DateTime,
  duplicate: z.boolean(),
  /** `accepted`: counted; `pending`: waits for a confirmation e-mail or a moderator. */
  status: z.enum(['accepted', 'pending']),
});
export type Receipt = z.infer<typeof Receipt>;
