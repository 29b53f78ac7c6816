/** Part of the protocol: see src/api/schemas.ts. */
import { z } from 'zod/mini';
import { DateTime, Id, LocalizedText, Phase, Token, Served, Timing, Receipt } from './common.js';

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
