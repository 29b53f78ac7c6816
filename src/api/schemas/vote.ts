/** Part of the protocol: see src/api/schemas.ts. */
import { z } from 'zod/mini';
import { Channel, DateTime, Id, LocalizedText, PaperInfo, Phase, Token, Served, Timing, Receipt } from './common.js';

/* ------------------------------------------------------------------ vote: polls, approval, ranked, participatory budgets */

/**
 * - `single`: one option.
 * - `multiple`: approval voting, between `minChoices` and `maxChoices` options (k of n).
 * - `ranked`: the resident orders options (`choices` is the ranking, best first); results by
 *   instant-runoff and/or Borda count (`ranking.count`).
 * - `budget`: participatory budget; the resident picks projects whose `cost` adds up to at most
 *   `budget.total` (and at least `budget.minShare` of it); winners by greedy and/or Method of Equal Shares.
 */
export const VoteMethod = z.enum(['single', 'multiple', 'ranked', 'budget']);
export type VoteMethod = z.infer<typeof VoteMethod>;

export const VoteOption = z.object({
  id: Id,
  label: LocalizedText,
  description: z.optional(LocalizedText),
  /** Budget projects: what it costs, in `budget.currency` units (whole units, e.g. euros). */
  cost: z.optional(z.number().check(z.gte(0))),
  image: z.optional(z.object({ src: z.string(), alt: LocalizedText })),
  category: z.optional(Id),
  district: z.optional(Id),
});
export type VoteOption = z.infer<typeof VoteOption>;

/** A category or district projects can be filtered by. */
export const VoteFacet = z.object({ id: Id, label: LocalizedText });
export type VoteFacet = z.infer<typeof VoteFacet>;

/** A question asked before voting ("I live in the town", age bracket), stored with the ballot. */
export const EligibilityQuestion = z.object({
  id: Id,
  label: LocalizedText,
  /** `yesno`: a checkbox; `choice`: one of `options`. */
  type: z.enum(['yesno', 'choice']),
  options: z.optional(z.array(VoteFacet)),
  required: z.optional(z.boolean()),
  /** For `yesno`: the ballot is refused unless the answer is yes. */
  mustBeYes: z.optional(z.boolean()),
});
export type EligibilityQuestion = z.infer<typeof EligibilityQuestion>;

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
  /** For `multiple` (and `ranked`: how many to rank): how many options a ballot must and may choose. */
  minChoices: z.optional(z.int().check(z.minimum(1))),
  maxChoices: z.optional(z.int().check(z.minimum(1))),
  resultsVisibility: z._default(ResultsVisibility, 'after-vote'),
  /** For `ranked`: which counts to publish. */
  ranking: z.optional(z.object({ count: z.enum(['irv', 'borda', 'both']) })),
  /** For `budget`. */
  budget: z.optional(
    z.object({
      total: z.number().check(z.gt(0)),
      currency: z.optional(z.string()),
      /** Share of the total a ballot must at least spend, 0 to 1. */
      minShare: z.optional(z.number().check(z.gte(0), z.lte(1))),
      rule: z.enum(['greedy', 'mes', 'both']),
    }),
  ),
  categories: z.optional(z.array(VoteFacet)),
  districts: z.optional(z.array(VoteFacet)),
  /** `open`: one ballot per device; `codes`: an invitation code per ballot (a private space). */
  access: z.optional(z.enum(['open', 'codes'])),
  eligibility: z.optional(z.array(EligibilityQuestion)),
  /**
   * For `single` and `multiple`: "Vote" first shows the chosen options with "Change my choice" and a
   * final "Vote", instead of sending at once (RGAA 11.12, for a poll with legal or financial effect).
   * A `budget` always has this step; a `ranked` ballot shows the ranking as it is built.
   */
  review: z.optional(z.boolean()),
  /** The paper ballot (`<civic-vote print>`): where it goes (the ballot box), who organises, the personal-data notice. */
  paper: z.optional(PaperInfo),
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
  /** The chosen options; for `ranked`, in order of preference, best first. */
  choices: z.array(Id).check(z.minLength(1), z.maxLength(200)),
  /** A random token kept on the device: one ballot per device and vote. */
  deviceToken: Token,
  /** The invitation code, when the vote is `access: 'codes'`. */
  code: z.optional(z.string().check(z.maxLength(64))),
  /** Answers to the eligibility questions: `true`/`false` or an option id. */
  eligibility: z.optional(z.record(Id, z.union([z.boolean(), z.string()]))),
  ...Channel,
});
export type BallotSubmission = z.infer<typeof BallotSubmission>;

const OptionCounts = z.array(z.object({ id: Id, count: z.int() }));

export const VoteResults = z.object({
  voteId: Id,
  phase: Phase,
  ballots: z.int(),
  /** Per option: approvals (single, multiple, budget) or first preferences (ranked). */
  options: OptionCounts,
  /** Ballots per origin (web, paper, booth, assisted). */
  byOrigin: z.record(z.string(), z.int()),
  /** The same per-option counts, per origin. */
  optionsByOrigin: z.optional(z.record(z.string(), OptionCounts)),
  /** Ranked votes: instant-runoff rounds and/or Borda scores. */
  ranked: z.optional(
    z.object({
      irv: z.optional(
        z.object({
          rounds: z.array(z.object({ counts: OptionCounts, eliminated: z.array(Id), exhausted: z.int() })),
          winner: z.nullable(Id),
        }),
      ),
      borda: z.optional(z.object({ scores: OptionCounts, order: z.array(Id) })),
    }),
  ),
  /** Budget votes: the projects funded under each rule and what they cost. */
  budget: z.optional(
    z.object({
      total: z.number(),
      greedy: z.optional(z.object({ winners: z.array(Id), spent: z.number() })),
      mes: z.optional(z.object({ winners: z.array(Id), spent: z.number() })),
    }),
  ),
  updatedAt: DateTime,
});
export type VoteResults = z.infer<typeof VoteResults>;

/** The ballot receipt also carries the results when the organiser lets voters see them. */
export const BallotReceipt = z.object({
  ...Receipt.shape,
  results: z.optional(z.nullable(VoteResults)),
});
export type BallotReceipt = z.infer<typeof BallotReceipt>;
