/** Part of the protocol: see src/api/schemas.ts and the "Comments" section of docs/protocol.md. */
import { z } from 'zod/mini';
import { Channel, DateTime, Id, LocalizedText, Receipt, Served, Timing, Token } from './common.js';

/* ------------------------------------------------------------------ comments */

export const ThreadDefinitionInput = z.object({
  id: Id,
  title: z.optional(LocalizedText),
  /**
   * `none`: comments show at once (post-moderation: flags, moderators); `pre`: every comment waits
   * for a moderator; `first`: the first comment of each device in this thread waits, later ones show.
   */
  moderation: z._default(z.enum(['none', 'pre', 'first']), 'none'),
  /** Levels of the conversation, top-level comments included: 1 no replies, 2 replies to top-level comments only. */
  maxDepth: z._default(z.int().check(z.minimum(1), z.maximum(6)), 2),
  /** Whether top-level comments may carry a stance (for / against / neutral). */
  stances: z._default(z.boolean(), false),
  /** Longest body, in characters (Unicode code points). */
  maxLength: z._default(z.int().check(z.minimum(10), z.maximum(20000)), 4000),
  /** How long after posting its author's device may edit or delete a comment (0: never). */
  editWindowSeconds: z._default(z.int().check(z.minimum(0), z.maximum(31_536_000)), 900),
  /** Flags (from distinct devices) that hide a comment until a moderator reviews it. */
  flagThreshold: z._default(z.int().check(z.minimum(1), z.maximum(1000)), 3),
  ...Timing,
});
export type ThreadDefinitionInput = z.input<typeof ThreadDefinitionInput>;

export const Stance = z.enum(['for', 'against', 'neutral']);
export type Stance = z.infer<typeof Stance>;

/** Visible top-level comments per stance (threads with `stances`). */
export const StanceCounts = z.object({ for: z.int(), against: z.int(), neutral: z.int() });
export type StanceCounts = z.infer<typeof StanceCounts>;

export const ThreadDefinition = z.object({
  ...ThreadDefinitionInput.shape,
  ...Served,
  /** Visible (accepted) comments, replies included. */
  count: z.int(),
  /** Present when the thread has `stances`. */
  stanceCounts: z.optional(StanceCounts),
});
export type ThreadDefinition = z.infer<typeof ThreadDefinition>;

/**
 * What a reader sees of a comment.
 * - `accepted`: visible to everyone.
 * - `pending`: waits for a moderator; only ever served to its author's device (`?device=`).
 * - `deleted`: deleted by its author, kept as an empty placeholder (`author` and `body` '') because
 *   it has replies. Deleted comments without replies are not served at all.
 * - `removed`: hidden by moderators (or by flags), kept as an empty placeholder because it has replies.
 */
export const CommentStatus = z.enum(['accepted', 'pending', 'deleted', 'removed']);
export type CommentStatus = z.infer<typeof CommentStatus>;

export const Comment = z.object({
  id: z.string(),
  /** `null` for a top-level comment. */
  parentId: z.nullable(z.string()),
  /** 1 for a top-level comment, 2 for a reply to it... up to the thread's `maxDepth`. */
  depth: z.int(),
  /** The display name as typed (plain text, never HTML). */
  author: z.string(),
  /** The text exactly as typed (plain text, never HTML; paragraphs are separated by blank lines). */
  body: z.string(),
  createdAt: DateTime,
  editedAt: z.optional(z.nullable(DateTime)),
  /** Written by the organiser (admin API). */
  official: z.boolean(),
  supports: z.int(),
  stance: z.optional(z.nullable(Stance)),
  /** Visible direct replies (placeholders included). */
  replyCount: z.int(),
  /** In pages: the first direct replies, oldest first (at most 3); the rest through `/replies`. */
  get replies() {
    return z.optional(z.array(Comment));
  },
  /** The cursor of `/replies` that continues after the inline `replies`; `null` when they are all here. */
  repliesCursor: z.optional(z.nullable(z.string())),
  status: CommentStatus,
  /** Written from the device whose token the read carried (`?device=`). */
  mine: z.optional(z.boolean()),
  /** That device supports it. */
  supported: z.optional(z.boolean()),
  /** That device flagged it. */
  flagged: z.optional(z.boolean()),
  /** For `mine`: until when that device may edit or delete it (server clock). */
  editableUntil: z.optional(z.nullable(DateTime)),
  /** For `mine`, while editable: how many more times that device may extend the deadline (`POST …/extend`, 10 in all). */
  editExtensionsLeft: z.optional(z.int()),
});
export type Comment = z.infer<typeof Comment>;

export const CommentSort = z.enum(['newest', 'oldest', 'supported']);
export type CommentSort = z.infer<typeof CommentSort>;

export const CommentPage = z.object({
  comments: z.array(Comment),
  /** Opaque; pass it as `?cursor=` for the next page. `null`: this was the last page. */
  nextCursor: z.nullable(z.string()),
  /** Visible comments at this level (top-level comments, or the parent's direct replies). */
  total: z.int(),
});
export type CommentPage = z.infer<typeof CommentPage>;

/** `GET /threads/{id}/comments/{cid}`: one comment (a deep link) and its ancestors, top-level first. */
export const CommentContext = z.object({
  comment: Comment,
  ancestors: z.array(Comment),
});
export type CommentContext = z.infer<typeof CommentContext>;

export const CommentSubmission = z.object({
  author: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  /** Checked against the thread's `maxLength` too. */
  body: z.string().check(z.trim(), z.minLength(1), z.maxLength(20000)),
  parentId: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  /** For reply notifications: double opt-in by mail; erased on unsubscription. */
  email: z.optional(z.email()),
  /** Top-level comments of threads with `stances` only. */
  stance: z.optional(Stance),
  /** The device's random token: who may edit, delete, support and flag. Stored only as an HMAC. */
  deviceToken: Token,
  /** Honeypot: a field humans never see. Must stay empty. */
  website: z.optional(z.string()),
  /** Milliseconds between the form being shown and sent (minimum form-fill time). */
  fillMs: z.optional(z.int()),
  /** The widget's language (BCP 47): mails are written in it where possible. */
  lang: z.optional(z.string().check(z.maxLength(35))),
  /** The page the comment was written on: notification mails link back to it (`?civic-comment=<id>`). */
  returnUrl: z.optional(z.string().check(z.maxLength(2000), z.regex(/^https?:\/\//))),
  ...Channel,
});
export type CommentSubmission = z.infer<typeof CommentSubmission>;

/** What `POST /threads/{id}/comments` answers: the receipt and the comment as its author sees it. */
export const CommentReceipt = z.object({ ...Receipt.shape, comment: Comment });
export type CommentReceipt = z.infer<typeof CommentReceipt>;

/** `PATCH /threads/{id}/comments/{cid}`. */
export const CommentEdit = z.object({
  body: z.string().check(z.trim(), z.minLength(1), z.maxLength(20000)),
  deviceToken: Token,
});
export type CommentEdit = z.infer<typeof CommentEdit>;

/** `DELETE /threads/{id}/comments/{cid}` and `POST|DELETE .../support`: the device that acts. */
export const DeviceAction = z.object({ deviceToken: Token });
export type DeviceAction = z.infer<typeof DeviceAction>;

/** `POST|DELETE /threads/{id}/comments/{cid}/support` answer. */
export const SupportState = z.object({ supports: z.int(), supported: z.boolean() });
export type SupportState = z.infer<typeof SupportState>;

export const FlagReason = z.enum(['spam', 'abuse', 'off_topic', 'personal_data', 'other']);
export type FlagReason = z.infer<typeof FlagReason>;

/** `POST /threads/{id}/comments/{cid}/flags`: one flag per device and comment. */
export const FlagSubmission = z.object({
  reason: FlagReason,
  detail: z.optional(z.string().check(z.maxLength(500))),
  deviceToken: Token,
});
export type FlagSubmission = z.infer<typeof FlagSubmission>;

/** `POST /threads/{id}/comments/{cid}/flags` answer (the same for a device's second flag). */
export const FlagState = z.object({ flagged: z.boolean() });
export type FlagState = z.infer<typeof FlagState>;

/** `GET /threads/counts?ids=a,b,c`: visible comments per thread (0 for unknown ids). */
// ThreadCounts lives in thread-counts.ts: <civic-comment-count> must not share a module with the
// comments widget's chunk (see vite.config.ts).

/**
 * `GET /threads/{id}/events` (server-sent events): `comment` (a Comment that became visible),
 * `update` (a visible Comment changed: supports, edit, deletion or removal into a placeholder),
 * `remove` (a comment is no longer served: {@link CommentRemoval}), `count` ({@link ThreadCount}).
 */
export const CommentRemoval = z.object({ id: z.string(), parentId: z.nullable(z.string()) });
export type CommentRemoval = z.infer<typeof CommentRemoval>;
export const ThreadCount = z.object({ count: z.int(), stanceCounts: z.optional(StanceCounts) });
export type ThreadCount = z.infer<typeof ThreadCount>;

/** The event names of the thread stream, with the schema of their `data`. */
export const THREAD_EVENTS = { comment: Comment, update: Comment, remove: CommentRemoval, count: ThreadCount } as const;
