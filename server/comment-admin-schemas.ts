/** Bodies and answers of the comment moderation API (reference backend only, not the widget protocol). */
import { z } from 'zod/mini';
import { Comment, DateTime, FlagReason, Id } from '../src/api/schemas.js';

/** `POST /admin/threads/{id}/comments`: the organiser's official comment or reply, shown at once. */
export const OfficialComment = z.object({
  author: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  body: z.string().check(z.trim(), z.minLength(1), z.maxLength(20000)),
  parentId: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
});
export type OfficialComment = z.infer<typeof OfficialComment>;

/** `POST /admin/comments/{cid}/reject` and `/hide`: why (kept in the moderation log). */
export const ModerationReason = z.object({ reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)) });
export type ModerationReason = z.infer<typeof ModerationReason>;

/** A hashed identity as the moderation lists show it. */
export const Identity = z.string().check(z.regex(/^(device|ip):[0-9a-f]{64}$/));

/** `POST /admin/bans`. */
export const BanRequest = z.object({
  identity: Identity,
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
  /** Until when; for good when absent. */
  until: z.optional(z.nullable(DateTime)),
});
export type BanRequest = z.infer<typeof BanRequest>;

export const BanList = z.object({
  bans: z.array(z.object({ identity: Identity, reason: z.string(), until: z.nullable(DateTime), createdAt: DateTime })),
});

/**
 * `GET|PUT /admin/moderation/rules`. `pattern`: a word or phrase matched on whole words, ignoring
 * case and accents; a trailing `*` matches any ending. `hold` sends the comment to moderation,
 * `reject` refuses it (`400 validation`, code `not_allowed`).
 */
export const WordRules = z.object({
  words: z.array(
    z.object({
      pattern: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
      action: z.enum(['hold', 'reject']),
    }),
  ).check(z.maxLength(1000)),
});
export type WordRules = z.infer<typeof WordRules>;

/** What the moderation store says about a comment (more than readers see). */
export const ModerationState = z.enum(['accepted', 'pending', 'hidden', 'rejected', 'spam', 'deleted']);

export const ModerationItem = z.object({
  threadId: Id,
  state: ModerationState,
  /** Why it is held, hidden, rejected or spam: `pre`, `first`, `words`, `flags`, `honeypot`, `too_fast`, `banned`, or the moderator's reason. */
  reason: z.nullable(z.string()),
  /** The comment with its real author and text, whatever its state. */
  comment: Comment,
  /** The comment it answers, for context. */
  parent: z.nullable(z.object({ id: z.string(), author: z.string(), body: z.string() })),
  flags: z.object({
    count: z.int(),
    items: z.array(z.object({ reason: FlagReason, detail: z.nullable(z.string()), at: DateTime })),
  }),
  /** The author's hashed identities, to ban (`device:…` when it posted with a device token, `ip:…`). */
  identities: z.array(z.string()),
  banned: z.boolean(),
});

export const ModerationList = z.object({ items: z.array(ModerationItem), nextCursor: z.nullable(z.string()) });

export const ModerationLogPage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      at: DateTime,
      /** `admin` (the admin token) or `system` (flags, word rules). */
      who: z.string(),
      action: z.string(),
      commentId: z.nullable(z.string()),
      threadId: z.nullable(z.string()),
      reason: z.nullable(z.string()),
      identity: z.nullable(z.string()),
    }),
  ),
  nextCursor: z.nullable(z.string()),
});

/** `POST /admin/threads/{id}/seed`: fill a thread with generated comments (demos, benchmarks). */
export const SeedRequest = z.object({
  count: z.int().check(z.minimum(1), z.maximum(100_000)),
  /** Share of the comments that are replies (0 to 1, default 0.2). */
  replies: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
});
