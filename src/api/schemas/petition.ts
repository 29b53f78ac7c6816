/** Part of the protocol: see src/api/schemas.ts. */
import { z } from 'zod/mini';
import { Channel, DateTime, Id, LocalizedText, PaperInfo, Served, Timing } from './common.js';

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
  /**
   * Optional proof of work, instead of a CAPTCHA: before sending, the signer's browser finds a
   * nonce such that SHA-256(`challenge:nonce`) starts with `difficulty` zero bits (16: about a
   * second on a phone). The challenge comes from `GET /petitions/{id}/challenge`.
   */
  pow: z.optional(z.object({ difficulty: z.int().check(z.minimum(1), z.maximum(24)) })),
  /** The signature sheet (`<civic-petition print>`): where it goes back, who organises, the personal-data notice. */
  paper: z.optional(PaperInfo),
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
  /** The page the resident signed on: the confirmation page links back to it (`?civic-confirmed=<id>`). */
  /** The widget's language (BCP 47): the confirmation mail and pages are written in it where possible. */
  lang: z.optional(z.string().check(z.maxLength(35))),
  returnUrl: z.optional(z.string().check(z.maxLength(2000), z.regex(/^https?:\/\//))),
  /** The solved proof of work, when the petition asks for one. */
  pow: z.optional(z.object({ challenge: z.string().check(z.maxLength(300)), nonce: z.string().check(z.maxLength(32)) })),
  ...Channel,
});
export type SignatureSubmission = z.infer<typeof SignatureSubmission>;

/** What the admin API takes for signatures collected on paper: a number, or the signatures themselves. */
export const PaperSignatures = z.union([
  z.object({ count: z.int().check(z.minimum(1), z.maximum(1_000_000)) }),
  z.object({
    signatures: z.array(
      z.object({
        email: z.optional(z.email()),
        name: z.optional(z.string().check(z.maxLength(200))),
        firstName: z.optional(z.string().check(z.maxLength(200))),
        lastName: z.optional(z.string().check(z.maxLength(200))),
        postcode: z.optional(z.string().check(z.maxLength(20))),
        town: z.optional(z.string().check(z.maxLength(200))),
        address: z.optional(z.string().check(z.maxLength(500))),
        elector: z.optional(z.boolean()),
      }),
    ).check(z.minLength(1), z.maxLength(10_000)),
  }),
]);
export type PaperSignatures = z.infer<typeof PaperSignatures>;

/** `GET /petitions/{id}/challenge`: a proof-of-work challenge, valid once, until `expiresAt`. */
export const PowChallenge = z.object({ challenge: z.string(), difficulty: z.int(), expiresAt: DateTime });
export type PowChallenge = z.infer<typeof PowChallenge>;

/**
 * `GET /petitions/{id}/signers?limit=20` (at most 100): the latest confirmed web signatures whose
 * signer chose to appear (first name and initial, or full name), newest first; `at` is the day
 * (YYYY-MM-DD). Never an e-mail or an address; empty when the petition's `publicNames` is not true.
 */
export const PetitionSigners = z.object({
  signers: z.array(z.object({ name: z.string(), at: z.string() })),
  total: z.int(),
});
export type PetitionSigners = z.infer<typeof PetitionSigners>;
