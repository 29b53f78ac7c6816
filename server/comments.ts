/**
 * Comments in the reference backend: threads of plain-text comments with replies, keyset pages,
 * supports, stances, flags, moderation (modes, word rules, bans, log), live events and reply
 * notifications by mail. Registered by app.ts; the protocol is in docs/protocol.md ("Comments").
 *
 * Storage (migration 006): one row per comment in `comments`, with two maintained columns that make
 * pages cheap: `shown` (served to readers: accepted, or an empty placeholder while it has shown
 * replies) and `reply_count` (shown direct replies); counters per thread in `comment_threads`.
 * Every status change goes through `transition()`/`settle()` in one transaction, so the counters
 * never drift; `recount()` recomputes them from scratch (seeding, tests).
 *
 * Pages are keyset-based on (thread, parent, sort key, id) with partial indexes on shown rows: the
 * first page of a 10,000-comment thread reads ~21 index entries plus 3 replies per comment.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  CommentEdit, CommentSubmission, DeviceAction, FlagSubmission, Id, ThreadDefinitionInput, Token,
  type Comment, type CommentPage, type CommentReceipt, type CommentSort, type FieldIssue, type Kind, type LocalizedText, type StanceCounts,
} from '../src/api/schemas.js';
import type { AppOptions } from './app.js';
import { BanRequest, ModerationReason, OfficialComment, SeedRequest, WordRules } from './comment-admin-schemas.js';
import type { Db } from './db.js';
import { ApiError, validationError } from './errors.js';
import { eventStreams, sseFrame } from './sse.js';
import { escapeHtml, mailerFromEnv, returnLink, type Mailer } from './mail.js';
import { pickLang } from './i18n.js';
import { serverTexts } from './locales/index.js';
import { localText, page } from './petitions.js';
import { registerModerationPage } from './moderation-page.js';
import { canonicalJson, hmac, phaseOf, takeChannel, toIso, type Definition } from './store.js';

/* ------------------------------------------------------------------ options */

export interface CommentLimits {
  /** Comments per hashed IP per minute / per hour, all threads (5 / 30). */
  ipBurst: number;
  ipHour: number;
}

export interface CommentOptions {
  /**
   * Create a thread with the default settings on its first read or comment
   * (CIVIC_THREADS_AUTO_CREATE=1); `pattern`: only ids that match it entirely
   * (CIVIC_THREADS_AUTO_CREATE_PATTERN).
   */
  autoCreate?: boolean | { pattern?: string | RegExp };
  /** Forms sent faster than this (ms) are spam (CIVIC_COMMENTS_MIN_FILL_MS, 3000). */
  minFillMs?: number;
  limits?: Partial<CommentLimits>;
  /** Where mail goes; default: the petitions' mailer option, else SMTP_URL, else the dev_mails table. */
  mailer?: Mailer;
  /** Base URL of the links in mails; default CIVIC_PUBLIC_URL, else the request's host. */
  publicUrl?: string;
  /** Milliseconds between two heartbeat comments on the event stream (25 000). */
  heartbeatMs?: number;
  /** The clock (tests). */
  now?: () => Date;
}

declare module './app.js' {
  interface AppOptions {
    /** Comment settings (server/comments.ts). */
    comments?: CommentOptions;
  }
}

/** What app.ts hands over. */
export interface CommentContext {
  db: Db;
  salt: string;
  options: AppOptions;
  hashIp(ip: string): string;
  hashDevice(token: string): string;
  loadDefinition(kind: Kind, id: string): Promise<Definition>;
  parseBody(kind: Kind | null, schema: { safeParse(v: unknown): unknown }, body: unknown, what?: string): unknown;
  idempotencyKey(request: FastifyRequest): string;
  requireJson(request: FastifyRequest): void;
  requireAdmin(request: FastifyRequest): void;
}

export const DEFAULT_COMMENT_LIMITS: CommentLimits = { ipBurst: 5, ipHour: 30 };
/** Direct replies carried inline by each comment of a page. */
export const INLINE_REPLIES = 3;
const UNCONFIRMED_TTL_MS = 7 * 24 * 3600_000;
/** Times the author may extend a comment's edit window (WCAG 2.2.1 asks for at least ten). */
export const EDIT_EXTENSIONS = 10;

export type ThreadDef = Definition & Omit<ThreadDefinitionInput, 'id'> & {
  moderation: 'none' | 'pre' | 'first';
  maxDepth: number;
  stances: boolean;
  maxLength: number;
  editWindowSeconds: number;
  flagThreshold: number;
  title?: LocalizedText;
};

/* ------------------------------------------------------------------ rows */

type Status = 'accepted' | 'pending' | 'hidden' | 'rejected' | 'deleted' | 'spam';

export interface CommentRow {
  id: string;
  thread_id: string;
  parent_id: string | null;
  depth: number;
  author: string;
  body: string;
  stance: string | null;
  official: boolean;
  status: Status;
  reason: string | null;
  shown: boolean;
  supports: number;
  reply_count: number;
  flag_count: number;
  device_hash: string | null;
  ip_hash: string | null;
  created_at: Date;
  edited_at: Date | null;
  visible_at: Date | null;
  /** The edit deadline once its author extended it (migration 009); NULL: created_at + the thread's window. */
  edit_until: Date | null;
  edit_extensions: number;
}

const COLS = `id, thread_id, parent_id, depth, author, body, stance, official, status, reason, shown, supports,
  reply_count, flag_count, device_hash, ip_hash, created_at, edited_at, visible_at, edit_until, edit_extensions`;
const colsOf = (alias: string) => COLS.split(',').map((c) => `${alias}.${c.trim()}`).join(', ');

/**
 * Whether readers get the comment: accepted, or a placeholder while it has shown replies (deleted,
 * hidden, rejected, or sent back to moderation by an edit). Spam never has replies.
 */
const shouldShow = (status: Status, replies: number) => status === 'accepted' || (status !== 'spam' && replies > 0);

/* ------------------------------------------------------------------ counters */

interface Bump {
  visible?: number;
  top?: number;
  stance?: string | null;
}

async function bumpThread(q: Db, threadId: string, b: Bump): Promise<void> {
  const v = b.visible ?? 0;
  const s = (name: string) => (b.stance === name ? v : 0);
  await q.query(
    `INSERT INTO comment_threads (thread_id, visible, top_level, stance_for, stance_against, stance_neutral) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (thread_id) DO UPDATE SET visible = comment_threads.visible + excluded.visible, top_level = comment_threads.top_level + excluded.top_level,
       stance_for = comment_threads.stance_for + excluded.stance_for, stance_against = comment_threads.stance_against + excluded.stance_against,
       stance_neutral = comment_threads.stance_neutral + excluded.stance_neutral`,
    [threadId, v, b.top ?? 0, s('for'), s('against'), s('neutral')],
  );
}

/** A comment whose `shown` flipped while settling. */
interface Flip {
  id: string;
  parentId: string | null;
  shown: boolean;
}

/**
 * Brings `shown` of a comment and of its ancestors in line with their status and reply counts,
 * upwards, locking each row in turn (child before parent, so never a deadlock), and keeps the
 * parents' `reply_count` and the thread's `top_level`. Returns the comments whose `shown` flipped.
 */
async function settle(tx: Db, id: string): Promise<Flip[]> {
  const flips: Flip[] = [];
  let cur: string | null = id;
  while (cur) {
    type Node = Pick<CommentRow, 'id' | 'thread_id' | 'parent_id' | 'status' | 'reply_count' | 'shown'>;
    const found: { rows: Node[] } = await tx.query<Node>(
      'SELECT id, thread_id, parent_id, status, reply_count, shown FROM comments WHERE id = $1 FOR UPDATE',
      [cur],
    );
    const r: Node | undefined = found.rows[0];
    if (!r) break;
    const show = shouldShow(r.status, r.reply_count);
    if (show === r.shown) break;
    await tx.query('UPDATE comments SET shown = $2 WHERE id = $1', [r.id, show]);
    flips.push({ id: r.id, parentId: r.parent_id, shown: show });
    if (r.parent_id) {
      await tx.query('UPDATE comments SET reply_count = reply_count + $2 WHERE id = $1', [r.parent_id, show ? 1 : -1]);
      cur = r.parent_id;
    } else {
      await bumpThread(tx, r.thread_id, { top: show ? 1 : -1 });
      cur = null;
    }
  }
  return flips;
}

/** What readers must learn after a change: a new visible comment, a changed one, a removed one. */
export interface Change {
  type: 'comment' | 'update' | 'remove';
  id: string;
  parentId: string | null;
  /** It became visible for the first time (reply notifications). */
  firstVisible?: boolean;
}

interface TransitionResult {
  changes: Change[];
  /** The visible count changed. */
  counted: boolean;
}

/**
 * Moves a comment (locked by the caller's `SELECT … FOR UPDATE`) to another status, with its
 * counters, in the caller's transaction.
 */
async function transition(
  tx: Db, row: CommentRow, to: Status, opts: { reason?: string | null; erase?: boolean; resetFlags?: boolean; at: Date },
): Promise<TransitionResult> {
  await tx.query(
    `UPDATE comments SET status = $2, reason = $3,
        author = CASE WHEN $4::boolean THEN '' ELSE author END, body = CASE WHEN $4::boolean THEN '' ELSE body END,
        flag_count = CASE WHEN $5::boolean THEN 0 ELSE flag_count END,
        visible_at = CASE WHEN $2 = 'accepted' THEN coalesce(visible_at, $6::text::timestamptz) ELSE visible_at END
      WHERE id = $1`,
    [row.id, to, opts.reason ?? null, opts.erase ?? false, opts.resetFlags ?? false, opts.at.toISOString()],
  );
  // Comment rows are locked child first, then ancestors, and the thread's counter row last, in
  // every transaction: no two can wait for each other.
  const flips = await settle(tx, row.id);
  const d = (to === 'accepted' ? 1 : 0) - (row.status === 'accepted' ? 1 : 0);
  if (d !== 0) await bumpThread(tx, row.thread_id, { visible: d, stance: row.parent_id ? null : row.stance });
  const own = flips.find((f) => f.id === row.id);
  const nowShown = own ? own.shown : row.shown;
  const changes: Change[] = [];
  if (!row.shown && nowShown) changes.push({ type: 'comment', id: row.id, parentId: row.parent_id, firstVisible: to === 'accepted' && !row.visible_at });
  else if (row.shown && nowShown) changes.push({ type: 'update', id: row.id, parentId: row.parent_id });
  else if (row.shown && !nowShown) changes.push({ type: 'remove', id: row.id, parentId: row.parent_id });
  for (const f of flips) if (f.id !== row.id) changes.push({ type: f.shown ? 'comment' : 'remove', id: f.id, parentId: f.parentId });
  return { changes, counted: d !== 0 };
}

/**
 * Recomputes `reply_count`, `shown` and the thread's counters from the statuses (deepest level
 * first). What the maintained counters must always equal; used after seeding.
 */
export async function recount(q: Db, threadId: string): Promise<void> {
  const { rows } = await q.query<{ d: number | null }>('SELECT max(depth)::int AS d FROM comments WHERE thread_id = $1', [threadId]);
  for (let depth = rows[0]?.d ?? 0; depth >= 1; depth--) {
    await q.query(
      `UPDATE comments c SET reply_count = coalesce((SELECT count(*)::int FROM comments r WHERE r.thread_id = c.thread_id AND r.parent_id = c.id AND r.shown), 0)
        WHERE c.thread_id = $1 AND c.depth = $2`,
      [threadId, depth],
    );
    await q.query(
      `UPDATE comments SET shown = (status = 'accepted' OR (status <> 'spam' AND reply_count > 0))
        WHERE thread_id = $1 AND depth = $2`,
      [threadId, depth],
    );
  }
  await q.query(
    `INSERT INTO comment_threads (thread_id, visible, top_level, stance_for, stance_against, stance_neutral)
     SELECT $1, count(*) FILTER (WHERE status = 'accepted'), count(*) FILTER (WHERE parent_id IS NULL AND shown),
            count(*) FILTER (WHERE status = 'accepted' AND parent_id IS NULL AND stance = 'for'),
            count(*) FILTER (WHERE status = 'accepted' AND parent_id IS NULL AND stance = 'against'),
            count(*) FILTER (WHERE status = 'accepted' AND parent_id IS NULL AND stance = 'neutral')
       FROM comments WHERE thread_id = $1
     ON CONFLICT (thread_id) DO UPDATE SET visible = excluded.visible, top_level = excluded.top_level,
       stance_for = excluded.stance_for, stance_against = excluded.stance_against, stance_neutral = excluded.stance_neutral`,
    [threadId],
  );
}

export interface ThreadCounters {
  count: number;
  topLevel: number;
  stanceCounts: StanceCounts;
}

export async function threadCounters(q: Db, threadId: string): Promise<ThreadCounters> {
  const { rows } = await q.query<{ visible: number; top_level: number; stance_for: number; stance_against: number; stance_neutral: number }>(
    'SELECT visible, top_level, stance_for, stance_against, stance_neutral FROM comment_threads WHERE thread_id = $1',
    [threadId],
  );
  const r = rows[0];
  return {
    count: r?.visible ?? 0,
    topLevel: r?.top_level ?? 0,
    stanceCounts: { for: r?.stance_for ?? 0, against: r?.stance_against ?? 0, neutral: r?.stance_neutral ?? 0 },
  };
}

/** The fields the thread definition adds to what the organiser wrote (app.ts `served()`). */
export async function servedThreadFields(q: Db, def: Definition): Promise<{ count: number; stanceCounts?: StanceCounts }> {
  const c = await threadCounters(q, def.id);
  return def.stances ? { count: c.count, stanceCounts: c.stanceCounts } : { count: c.count };
}

/** Removes every comment of a thread and what hangs off them (app.ts, when the thread is deleted). */
export async function deleteThreadComments(tx: Db, threadId: string): Promise<void> {
  await tx.query('DELETE FROM comment_supports WHERE comment_id IN (SELECT id FROM comments WHERE thread_id = $1)', [threadId]);
  await tx.query('DELETE FROM comment_flags WHERE comment_id IN (SELECT id FROM comments WHERE thread_id = $1)', [threadId]);
  await tx.query('DELETE FROM comment_subscriptions WHERE thread_id = $1', [threadId]);
  await tx.query('DELETE FROM comments WHERE thread_id = $1', [threadId]);
  await tx.query('DELETE FROM comment_threads WHERE thread_id = $1', [threadId]);
}

/* ------------------------------------------------------------------ seeding (demos, benchmarks) */

const SEED_AUTHORS = ['Camille', 'Jean D.', 'Nadia', 'Paul-Henri', 'Inès B.', 'Lucas', 'Maëlle', 'Youssef', 'Claire M.', 'Thomas'];
const SEED_SENTENCES = [
  'Je suis favorable au projet, à condition de garder des places de livraison.',
  'Avez-vous pensé aux personnes à mobilité réduite ?',
  'La place du marché mérite mieux que des voitures garées.',
  'Il faudrait un éclairage plus doux le soir.',
  'Bonne idée, mais quel sera le coût pour la commune ?',
  'Les commerçants ont-ils été consultés ?',
  'Pourquoi ne pas tester pendant l’été avant de décider ?',
  'Merci pour cette consultation, c’est une belle démarche.',
];

/**
 * Fills a thread with `count` generated accepted comments, `replies` of them (share, default 0.2)
 * replies to earlier top-level comments, one multi-row INSERT per batch of 1000, then recounts.
 * Creates the thread with the default settings when it does not exist. Returns the time taken.
 */
export async function seedComments(db: Db, opts: { thread: string; count: number; replies?: number; now?: Date }): Promise<{ inserted: number; ms: number }> {
  const start = performance.now();
  const id = Id.parse(opts.thread);
  await db.query(
    `INSERT INTO content (kind, id, definition) VALUES ('comments', $1, $2::text::jsonb) ON CONFLICT (kind, id) DO NOTHING`,
    [id, JSON.stringify(ThreadDefinitionInput.parse({ id }))],
  );
  const share = opts.replies ?? 0.2;
  const end = (opts.now ?? new Date()).getTime();
  const batchId = randomBytes(6).toString('base64url');
  const tops: string[] = [];
  const batch = 1000;
  let made = 0;
  while (made < opts.count) {
    const n = Math.min(batch, opts.count - made);
    const cols: string[][] = [[], [], [], [], [], [], []];
    for (let i = 0; i < n; i++) {
      const k = made + i;
      const cid = randomUUID();
      const reply = tops.length > 0 && ((k * 7919) % 1000) / 1000 < share;
      // Replies go to one of the 3 latest top-level comments (conversations happen around recent ones).
      const parent = reply ? tops[tops.length - 1 - ((k * 104729) % Math.min(3, tops.length))]! : '';
      if (!reply) tops.push(cid);
      // Spread over the last 30 days, oldest first; equal times are ordered by id.
      const at = new Date(end - Math.round(((opts.count - k) / opts.count) * 30 * 24 * 3600_000));
      cols[0]!.push(cid);
      cols[1]!.push(parent);
      cols[2]!.push(SEED_AUTHORS[k % SEED_AUTHORS.length]!);
      cols[3]!.push(`${SEED_SENTENCES[k % SEED_SENTENCES.length]} (${k + 1})`);
      cols[4]!.push(`seed:${batchId}:${k}`);
      cols[5]!.push(at.toISOString());
      cols[6]!.push(String((k * 31) % 13));
    }
    await db.query(
      `INSERT INTO comments (id, thread_id, parent_id, depth, author, body, status, idempotency_key, payload_hash, created_at, visible_at, supports)
       SELECT t.id, $1, nullif(t.parent, ''), CASE WHEN t.parent = '' THEN 1 ELSE 2 END, t.author, t.body, 'accepted', t.k, 'seed',
              t.at::timestamptz, t.at::timestamptz, t.supports::int
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS t(id, parent, author, body, k, at, supports)`,
      [id, ...cols],
    );
    made += n;
  }
  await recount(db, id);
  // Fresh statistics, so that the planner keeps to the page indexes after a bulk insert.
  await db.query('ANALYZE comments');
  return { inserted: made, ms: performance.now() - start };
}

/* ------------------------------------------------------------------ word rules */

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

interface CompiledRule {
  re: RegExp;
  action: 'hold' | 'reject';
}

export function compileRules(rules: WordRules): CompiledRule[] {
  return rules.words.map((w) => {
    let p = fold(w.pattern.trim());
    const prefix = p.endsWith('*');
    if (prefix) p = p.replace(/\*+$/, '');
    const escaped = p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    return { re: new RegExp(`(?<![\\p{L}\\p{N}])${escaped}${prefix ? '[\\p{L}\\p{N}]*' : ''}(?![\\p{L}\\p{N}])`, 'u'), action: w.action };
  });
}

/** The strongest action of the rules matching any of the texts: `reject` over `hold`. */
export function ruleAction(rules: CompiledRule[], texts: string[]): 'hold' | 'reject' | undefined {
  const folded = texts.map(fold);
  let out: 'hold' | 'reject' | undefined;
  for (const r of rules) {
    if (folded.some((t) => r.re.test(t))) {
      if (r.action === 'reject') return 'reject';
      out = 'hold';
    }
  }
  return out;
}

/* ------------------------------------------------------------------ mails and pages */

const en = {
  confirmSubject: (t: string) => `Confirm reply notifications: ${t}`,
  confirmBody: (t: string, confirm: string, unsubscribe: string) =>
    `Hello,\n\nYou asked to be told by e-mail when someone replies to your comment on "${t}". To confirm, open this link:\n${confirm}\n\nIf this was not you, ignore this message: without confirmation you will receive nothing.\n\nTo stop these messages (your address is then erased):\n${unsubscribe}\n`,
  replySubject: (t: string) => `New reply to your comment: ${t}`,
  replyBody: (t: string, author: string, body: string, link: string, unsubscribe: string) =>
    `Hello,\n\n${author} replied to your comment on "${t}":\n\n${body}\n${link ? `\nRead the discussion:\n${link}\n` : ''}\nTo stop these messages (your address is then erased):\n${unsubscribe}\n`,
  confirmed: 'Confirmed: you will receive an e-mail for each reply to your comment.',
  invalid: 'This link is not valid (any more).',
  unsubscribeAsk: 'Stop e-mails about replies to this comment?',
  unsubscribeButton: 'Unsubscribe',
  unsubscribed: 'Done: you will receive no more messages about this comment, and your address has been erased.',
  discussion: 'Discussion',
};
export type CommentTexts = typeof en;

const fr: CommentTexts = {
  confirmSubject: (t) => `Confirmez les avis de réponse\u00a0: ${t}`,
  confirmBody: (t, confirm, unsubscribe) =>
    `Bonjour,\n\nVous avez demandé à être prévenu·e par e-mail des réponses à votre commentaire sur «\u00a0${t}\u00a0». Pour le confirmer, ouvrez ce lien\u00a0:\n${confirm}\n\nSi ce n’est pas vous, ignorez ce message\u00a0: sans confirmation, vous ne recevrez rien.\n\nPour ne plus recevoir ces messages (votre adresse est alors effacée)\u00a0:\n${unsubscribe}\n`,
  replySubject: (t) => `Nouvelle réponse à votre commentaire\u00a0: ${t}`,
  replyBody: (t, author, body, link, unsubscribe) =>
    `Bonjour,\n\n${author} a répondu à votre commentaire sur «\u00a0${t}\u00a0»\u00a0:\n\n${body}\n${link ? `\nLire la discussion\u00a0:\n${link}\n` : ''}\nPour ne plus recevoir ces messages (votre adresse est alors effacée)\u00a0:\n${unsubscribe}\n`,
  confirmed: 'C’est confirmé\u00a0: vous recevrez un e-mail à chaque réponse à votre commentaire.',
  invalid: 'Ce lien n’est pas (ou plus) valable.',
  unsubscribeAsk: 'Ne plus recevoir d’e-mail pour les réponses à ce commentaire\u00a0?',
  unsubscribeButton: 'Me désabonner',
  unsubscribed: 'C’est fait\u00a0: vous ne recevrez plus de message pour ce commentaire, et votre adresse a été effacée.',
  discussion: 'Discussion',
};

const TEXTS = serverTexts('comments', en, fr);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/* ------------------------------------------------------------------ cursors */

type Key = Array<string | number>;

function encodeCursor(sort: CommentSort, key: Key): string {
  return Buffer.from(JSON.stringify([sort, ...key])).toString('base64url');
}

function decodeCursor(raw: string, sort: CommentSort): Key {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const bad = () => new ApiError(400, 'bad_request', `The cursor is not valid for sort "${sort}": pass the nextCursor (or repliesCursor) of a previous page unchanged, with the same sort.`);
  if (!Array.isArray(parsed) || parsed[0] !== sort) throw bad();
  const key = parsed.slice(1) as unknown[];
  const time = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
  const ok = sort === 'supported'
    ? key.length === 3 && Number.isInteger(key[0]) && time(key[1]) && typeof key[2] === 'string'
    : key.length === 2 && time(key[0]) && typeof key[1] === 'string';
  if (!ok) throw bad();
  return key as Key;
}

function keyOf(r: CommentRow, sort: CommentSort): Key {
  const t = toIso(r.created_at);
  return sort === 'supported' ? [r.supports, t, r.id] : [t, r.id];
}

/** -1, 0, 1: `a` before `b` in the page order of `sort`. */
function compareKeys(a: Key, b: Key, sort: CommentSort): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const c = typeof x === 'number' ? x - (y as number) : i === a.length - 1 ? (x < y ? -1 : x > y ? 1 : 0) : Date.parse(x) - Date.parse(y as string);
    if (c !== 0) return (sort === 'oldest' ? c : -c) < 0 ? -1 : 1;
  }
  return 0;
}

/* ------------------------------------------------------------------ text checks */

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textIssues(fields: Record<string, string | undefined>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [name, v] of Object.entries(fields)) {
    if (v !== undefined && (v.includes('\u0000') || LONE_SURROGATE.test(v))) {
      issues.push({ path: [name], code: 'invalid_format', message: `"${name}" contains a NUL character or a lone UTF-16 surrogate, which cannot be stored` });
    }
  }
  return issues;
}

const codePoints = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/* ------------------------------------------------------------------ the routes */

interface ViewOpts {
  device?: string;
  supported?: Set<string>;
  flagged?: Set<string>;
  editWindowMs: number;
}

export async function registerComments(app: FastifyInstance, ctx: CommentContext): Promise<void> {
  const { db, salt } = ctx;
  const co = ctx.options.comments ?? {};
  const env = process.env;
  const now = co.now ?? (() => new Date());
  const ownMailer = !co.mailer && !ctx.options.petitions?.mailer;
  const mailer = co.mailer ?? ctx.options.petitions?.mailer ?? mailerFromEnv(db);
  const publicUrl = (co.publicUrl ?? ctx.options.petitions?.publicUrl ?? env.CIVIC_PUBLIC_URL ?? '').replace(/\/+$/, '');
  const minFillMs = co.minFillMs ?? 3000;
  const limits: CommentLimits = { ...DEFAULT_COMMENT_LIMITS, ...co.limits };
  const heartbeatMs = co.heartbeatMs ?? 25_000;
  const auto = co.autoCreate;
  const autoPattern = typeof auto === 'object' && auto.pattern !== undefined
    ? (typeof auto.pattern === 'string' ? new RegExp(`^(?:${auto.pattern})$`) : auto.pattern)
    : undefined;
  const base = (request: FastifyRequest) => publicUrl || `${request.protocol}://${request.host}`;

  /* ---------------------------------------------------------- threads */

  async function loadThread(id: string): Promise<ThreadDef> {
    try {
      return (await ctx.loadDefinition('comments', id)) as ThreadDef;
    } catch (err) {
      if (!(err instanceof ApiError) || err.statusCode !== 404) throw err;
    }
    const valid = Id.safeParse(id).success;
    if (auto && valid && (!autoPattern || autoPattern.test(id))) {
      const def = ThreadDefinitionInput.parse({ id }) as ThreadDef;
      await db.query(
        `INSERT INTO content (kind, id, definition) VALUES ('comments', $1, $2::text::jsonb) ON CONFLICT (kind, id) DO NOTHING`,
        [id, JSON.stringify(def)],
      );
      return (await ctx.loadDefinition('comments', id)) as ThreadDef;
    }
    const why = auto && valid ? ` (automatic creation is on, but only for ids matching ${autoPattern})` : '';
    throw new ApiError(
      404, 'not_found',
      `No thread with id "${id}" on this server${why}: create it (PUT /api/admin/threads/${id} or a demo/content/threads/${id}.json file with "kind": "comments"), or let the server create threads on first use (CIVIC_THREADS_AUTO_CREATE=1).`,
    );
  }

  const windowMs = (def: ThreadDef) => def.editWindowSeconds * 1000;
  /** Until when its author may edit or delete a comment (ms): the extended deadline, else created_at + the window. */
  const deadlineOf = (r: CommentRow, editWindowMs: number) => r.edit_until?.getTime() ?? r.created_at.getTime() + editWindowMs;

  /* ---------------------------------------------------------- presenting */

  function present(r: CommentRow, v: ViewOpts | undefined): Comment {
    const mine = Boolean(v?.device) && r.device_hash === v!.device;
    let status: Comment['status'];
    let author = r.author;
    let body = r.body;
    if (r.status === 'accepted') status = 'accepted';
    else if (mine && (r.status === 'pending' || r.status === 'spam')) status = 'pending';
    else {
      status = r.status === 'deleted' ? 'deleted' : 'removed';
      author = '';
      body = '';
    }
    const c: Comment = {
      id: r.id, parentId: r.parent_id, depth: r.depth, author, body, createdAt: toIso(r.created_at),
      editedAt: r.edited_at ? toIso(r.edited_at) : null, official: r.official, supports: r.supports,
      stance: (r.stance as Comment['stance']) ?? null, replyCount: r.reply_count, status,
    };
    if (v?.device) {
      c.mine = mine;
      c.supported = v.supported?.has(r.id) ?? false;
      c.flagged = v.flagged?.has(r.id) ?? false;
      if (mine) {
        const editable = v.editWindowMs > 0 && (status === 'accepted' || status === 'pending');
        c.editableUntil = editable ? new Date(deadlineOf(r, v.editWindowMs)).toISOString() : null;
        if (editable) c.editExtensionsLeft = Math.max(0, EDIT_EXTENSIONS - r.edit_extensions);
      }
    }
    return c;
  }

  function deviceParam(raw: unknown): string | undefined {
    if (raw === undefined || raw === '') return undefined;
    if (typeof raw !== 'string' || !Token.safeParse(raw).success) {
      throw new ApiError(400, 'bad_request', 'The "device" parameter must be the device token the widget posts with (16-128 characters A-Z a-z 0-9 _ -).');
    }
    return ctx.hashDevice(raw);
  }

  /** The device's own comments that wait (pending, spam) in a thread: few; merged into pages. */
  async function ownWaiting(threadId: string, deviceHash: string | undefined): Promise<CommentRow[]> {
    if (!deviceHash) return [];
    const { rows } = await db.query<CommentRow>(
      `SELECT ${COLS} FROM comments WHERE thread_id = $1 AND device_hash = $2 AND status IN ('pending', 'spam') ORDER BY created_at, id`,
      [threadId, deviceHash],
    );
    return rows;
  }

  /**
   * Places the device's waiting comments of this level between the shown ones: those after the
   * cursor and not after the last shown row (or all after the cursor on the last page).
   */
  function mergeWaiting(rows: CommentRow[], waiting: CommentRow[], sort: CommentSort, after: Key | undefined, more: boolean): CommentRow[] {
    if (!waiting.length) return rows;
    const last = rows.length ? keyOf(rows[rows.length - 1]!, sort) : undefined;
    const extra = waiting.filter((w) => {
      const k = keyOf(w, sort);
      if (after && compareKeys(k, after, sort) <= 0) return false;
      return !more || (last !== undefined && compareKeys(k, last, sort) <= 0);
    });
    if (!extra.length) return rows;
    return [...rows, ...extra].sort((a, b) => compareKeys(keyOf(a, sort), keyOf(b, sort), sort));
  }

  /** One level (top-level comments, or a comment's direct replies), keyset-paged. */
  async function readLevel(threadId: string, parentId: string | null, sort: CommentSort, after: Key | undefined, limit: number): Promise<{ rows: CommentRow[]; more: boolean }> {
    const params: unknown[] = [threadId];
    const where = ['thread_id = $1', 'shown'];
    if (parentId === null) where.push('parent_id IS NULL');
    else {
      params.push(parentId);
      where.push(`parent_id = $${params.length}`);
    }
    const cols = sort === 'supported' ? ['supports', 'created_at', 'id'] : ['created_at', 'id'];
    const dir = sort === 'oldest' ? 'ASC' : 'DESC';
    if (after) {
      const casts = sort === 'supported' ? ['::int', '::text::timestamptz', '::text'] : ['::text::timestamptz', '::text'];
      const ph = after.map((v, i) => {
        params.push(v);
        return `$${params.length}${casts[i]}`;
      });
      where.push(`(${cols.join(', ')}) ${sort === 'oldest' ? '>' : '<'} (${ph.join(', ')})`);
    }
    params.push(limit + 1);
    const { rows } = await db.query<CommentRow>(
      `SELECT ${COLS} FROM comments WHERE ${where.join(' AND ')} ORDER BY ${cols.map((c) => `${c} ${dir}`).join(', ')} LIMIT $${params.length}::int`,
      params,
    );
    const more = rows.length > limit;
    return { rows: more ? rows.slice(0, limit) : rows, more };
  }

  /** The first shown direct replies of each comment (one query), oldest first. */
  async function inlineReplies(threadId: string, parents: CommentRow[]): Promise<Map<string, CommentRow[]>> {
    const ids = parents.filter((p) => p.reply_count > 0).map((p) => p.id);
    const out = new Map<string, CommentRow[]>();
    if (!ids.length) return out;
    const { rows } = await db.query<CommentRow>(
      `SELECT ${colsOf('r')} FROM unnest($2::text[]) AS p(id)
         CROSS JOIN LATERAL (SELECT ${COLS} FROM comments c WHERE c.thread_id = $1 AND c.parent_id = p.id AND c.shown
                              ORDER BY c.created_at, c.id LIMIT ${INLINE_REPLIES}) AS r`,
      [threadId, ids],
    );
    for (const r of rows) {
      const list = out.get(r.parent_id!) ?? [];
      list.push(r);
      out.set(r.parent_id!, list);
    }
    return out;
  }

  /** The device's supports and flags among these comments. */
  async function deviceMarks(deviceHash: string | undefined, ids: string[]): Promise<{ supported: Set<string>; flagged: Set<string> }> {
    const supported = new Set<string>();
    const flagged = new Set<string>();
    if (!deviceHash || !ids.length) return { supported, flagged };
    const { rows } = await db.query<{ what: string; comment_id: string }>(
      `SELECT 's' AS what, comment_id FROM comment_supports WHERE device_hash = $1 AND comment_id = ANY($2::text[])
       UNION ALL SELECT 'f', comment_id FROM comment_flags WHERE device_hash = $1 AND comment_id = ANY($2::text[])`,
      [deviceHash, ids],
    );
    for (const r of rows) (r.what === 's' ? supported : flagged).add(r.comment_id);
    return { supported, flagged };
  }

  /** Rows of a level, each with its inline replies, presented for the device. */
  async function presentLevel(def: ThreadDef, rows: CommentRow[], waiting: CommentRow[], deviceHash: string | undefined): Promise<Comment[]> {
    const inline = await inlineReplies(def.id, rows);
    const ids = [...rows.map((r) => r.id), ...[...inline.values()].flat().map((r) => r.id)];
    const marks = await deviceMarks(deviceHash, ids);
    const view: ViewOpts = { device: deviceHash, ...marks, editWindowMs: windowMs(def) };
    return rows.map((r) => {
      const replies = inline.get(r.id) ?? [];
      const more = r.reply_count > replies.length;
      const mine = waiting.filter((w) => w.parent_id === r.id);
      const merged = mergeWaiting(replies, mine, 'oldest', undefined, more);
      const c = present(r, view);
      if (merged.length || r.reply_count > 0) {
        c.replies = merged.map((x) => present(x, view));
        c.repliesCursor = more ? encodeCursor('oldest', keyOf(replies[replies.length - 1]!, 'oldest')) : null;
      }
      return c;
    });
  }

  function pageParams(q: { sort?: string; cursor?: string; limit?: string }, fixedSort?: CommentSort): { sort: CommentSort; after?: Key; limit: number } {
    let sort: CommentSort = fixedSort ?? 'newest';
    if (!fixedSort && q.sort !== undefined && q.sort !== '') {
      if (q.sort !== 'newest' && q.sort !== 'oldest' && q.sort !== 'supported') {
        throw new ApiError(400, 'bad_request', `Unknown sort "${q.sort}": use newest, oldest or supported.`);
      }
      sort = q.sort;
    }
    const n = q.limit === undefined || q.limit === '' ? 20 : Math.trunc(Number(q.limit));
    if (!Number.isFinite(n)) throw new ApiError(400, 'bad_request', 'The "limit" parameter must be a number from 1 to 100.');
    const limit = Math.min(100, Math.max(1, n));
    const after = q.cursor ? decodeCursor(q.cursor, sort) : undefined;
    return after ? { sort, after, limit } : { sort, limit };
  }

  async function commentIn(threadId: string, cid: string): Promise<CommentRow | undefined> {
    const { rows } = await db.query<CommentRow>(`SELECT ${COLS} FROM comments WHERE id = $1 AND thread_id = $2`, [cid, threadId]);
    return rows[0];
  }

  const visibleTo = (r: CommentRow, deviceHash: string | undefined) => r.shown || (deviceHash !== undefined && r.device_hash === deviceHash && (r.status === 'pending' || r.status === 'spam'));
  const noComment = (threadId: string, cid: string) => new ApiError(404, 'not_found', `No visible comment "${cid}" in thread "${threadId}".`);

  /* ---------------------------------------------------------- live events */

  const streams = eventStreams(app, heartbeatMs);
  const frame = sseFrame;
  const countData = (def: ThreadDef, c: ThreadCounters) => (def.stances ? { count: c.count, stanceCounts: c.stanceCounts } : { count: c.count });

  async function publish(def: ThreadDef, changes: Change[], counted: boolean): Promise<void> {
    if (!streams.listening(def.id) || (!changes.length && !counted)) return;
    try {
      let out = '';
      const ids = changes.filter((c) => c.type !== 'remove').map((c) => c.id);
      const rows = ids.length
        ? (await db.query<CommentRow>(`SELECT ${COLS} FROM comments WHERE id = ANY($1::text[])`, [ids])).rows
        : [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const c of changes) {
        if (c.type === 'remove') out += frame('remove', { id: c.id, parentId: c.parentId });
        else {
          const r = byId.get(c.id);
          if (r?.shown) out += frame(c.type, present(r, undefined));
          else if (r) out += frame('remove', { id: c.id, parentId: c.parentId });
        }
      }
      if (counted) out += frame('count', countData(def, await threadCounters(db, def.id)));
      streams.send(def.id, out);
    } catch (err) {
      app.log.error({ err: (err as Error).message }, 'comment event failed');
    }
  }

  /** After a committed change: live events, then reply notifications. */
  function afterChange(def: ThreadDef, r: TransitionResult, request?: FastifyRequest): void {
    void publish(def, r.changes, r.counted);
    for (const c of r.changes) if (c.firstVisible && c.parentId) void notifyReply(def, c.id, request);
  }

  app.get<{ Params: { id: string } }>('/api/threads/:id/events', async (request, reply) => {
    const def = await loadThread(request.params.id);
    streams.open(request, reply, def.id, frame('count', countData(def, await threadCounters(db, def.id))));
  });

  /* ---------------------------------------------------------- reading */

  app.get<{ Params: { id: string } }>('/api/threads/:id', async (request, reply) => {
    const def = await loadThread(request.params.id);
    reply.header('Cache-Control', 'no-store');
    const at = now();
    return { ...def, phase: phaseOf(def, at), serverTime: at.toISOString(), ...(await servedThreadFields(db, def)) };
  });

  app.get<{ Querystring: { ids?: string } }>('/api/threads/counts', async (request, reply) => {
    const ids = [...new Set((request.query.ids ?? '').split(',').map((s) => s.trim()).filter(Boolean))];
    if (ids.length > 100) throw new ApiError(400, 'bad_request', 'At most 100 thread ids per request (?ids=a,b,c).');
    const counts: Record<string, number> = Object.fromEntries(ids.map((i) => [i, 0]));
    if (ids.length) {
      const { rows } = await db.query<{ thread_id: string; visible: number }>('SELECT thread_id, visible FROM comment_threads WHERE thread_id = ANY($1::text[])', [ids]);
      for (const r of rows) counts[r.thread_id] = r.visible;
    }
    reply.header('Cache-Control', 'no-store');
    return { counts };
  });

  type PageQuery = { sort?: string; cursor?: string; limit?: string; device?: string };

  app.get<{ Params: { id: string }; Querystring: PageQuery }>('/api/threads/:id/comments', async (request, reply) => {
    const def = await loadThread(request.params.id);
    const { sort, after, limit } = pageParams(request.query);
    const deviceHash = deviceParam(request.query.device);
    const [level, waiting, counters] = await Promise.all([
      readLevel(def.id, null, sort, after, limit), ownWaiting(def.id, deviceHash), threadCounters(db, def.id),
    ]);
    const rows = mergeWaiting(level.rows, waiting.filter((w) => w.parent_id === null), sort, after, level.more);
    const last = level.rows[level.rows.length - 1];
    const page: CommentPage = {
      comments: await presentLevel(def, rows, waiting, deviceHash),
      nextCursor: level.more && last ? encodeCursor(sort, keyOf(last, sort)) : null,
      total: counters.topLevel,
    };
    reply.header('Cache-Control', 'no-store');
    return page;
  });

  app.get<{ Params: { id: string; cid: string }; Querystring: PageQuery }>('/api/threads/:id/comments/:cid/replies', async (request, reply) => {
    const def = await loadThread(request.params.id);
    const { sort, after, limit } = pageParams(request.query, 'oldest');
    const deviceHash = deviceParam(request.query.device);
    const parent = await commentIn(def.id, request.params.cid);
    if (!parent || !visibleTo(parent, deviceHash)) throw noComment(def.id, request.params.cid);
    const [level, waiting] = await Promise.all([readLevel(def.id, parent.id, sort, after, limit), ownWaiting(def.id, deviceHash)]);
    const rows = mergeWaiting(level.rows, waiting.filter((w) => w.parent_id === parent.id), sort, after, level.more);
    const last = level.rows[level.rows.length - 1];
    reply.header('Cache-Control', 'no-store');
    return {
      comments: await presentLevel(def, rows, waiting, deviceHash),
      nextCursor: level.more && last ? encodeCursor(sort, keyOf(last, sort)) : null,
      total: parent.reply_count,
    } satisfies CommentPage;
  });

  app.get<{ Params: { id: string; cid: string }; Querystring: { device?: string } }>('/api/threads/:id/comments/:cid', async (request, reply) => {
    const def = await loadThread(request.params.id);
    const deviceHash = deviceParam(request.query.device);
    const row = await commentIn(def.id, request.params.cid);
    if (!row || !visibleTo(row, deviceHash)) throw noComment(def.id, request.params.cid);
    const chain: CommentRow[] = [];
    for (let p = row.parent_id; p && chain.length < 10;) {
      const a = await commentIn(def.id, p);
      if (!a) break;
      chain.unshift(a);
      p = a.parent_id;
    }
    const waiting = await ownWaiting(def.id, deviceHash);
    const [comment] = await presentLevel(def, [row], waiting, deviceHash);
    const marks = await deviceMarks(deviceHash, chain.map((a) => a.id));
    const view: ViewOpts = { device: deviceHash, ...marks, editWindowMs: windowMs(def) };
    reply.header('Cache-Control', 'no-store');
    return { comment: comment!, ancestors: chain.map((a) => present(a, view)) };
  });

  /* ---------------------------------------------------------- posting */

  let rulesCache: { raw: string; rules: CompiledRule[] } | undefined;
  async function loadRules(q: Db = db): Promise<{ rules: WordRules; compiled: CompiledRule[] }> {
    const { rows } = await q.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'comment_rules'`);
    const raw = rows[0]?.value ?? '{"words":[]}';
    const rules = JSON.parse(raw) as WordRules;
    if (rulesCache?.raw !== raw) rulesCache = { raw, rules: compileRules(rules) };
    return { rules, compiled: rulesCache.rules };
  }

  async function bannedIdentity(identities: string[], at: Date): Promise<string | undefined> {
    const { rows } = await db.query<{ identity: string }>(
      'SELECT identity FROM comment_bans WHERE identity = ANY($1::text[]) AND (until IS NULL OR until > $2::text::timestamptz) LIMIT 1',
      [identities, at.toISOString()],
    );
    return rows[0]?.identity;
  }

  /** The burst and hourly windows in one query, each reading at most `limit` index entries. */
  async function checkRate(ipHash: string, at: Date): Promise<void> {
    const windows = [[60_000, limits.ipBurst], [3600_000, limits.ipHour]] as const;
    const { rows } = await db.query<{ n: number; oldest: Date | null }>(
      windows.map((_, i) => `(SELECT count(*)::int AS n, min(created_at) AS oldest, ${i} AS w FROM (
           SELECT created_at FROM comments WHERE ip_hash = $1 AND created_at > $${2 * i + 2}::text::timestamptz ORDER BY created_at LIMIT $${2 * i + 3}::int) AS w${i})`).join(' UNION ALL ') + ' ORDER BY w',
      [ipHash, ...windows.flatMap(([windowMs, limit]) => [new Date(at.getTime() - windowMs).toISOString(), limit])],
    );
    for (const [i, [windowMs, limit]] of windows.entries()) {
      const w = rows[i]!;
      if (w.n >= limit) {
        const until = (w.oldest ? new Date(w.oldest).getTime() : at.getTime()) + windowMs;
        const retryAfter = Math.max(1, Math.ceil((until - at.getTime()) / 1000));
        throw new ApiError(429, 'rate_limited', `Too many comments from this network: retry in ${retryAfter} s.`, undefined, retryAfter);
      }
    }
  }

  /** The parent a reply answers, checked: visible and accepted, and not at the thread's depth limit. */
  async function parentFor(def: ThreadDef, parentId: string | null | undefined, what: string): Promise<CommentRow | null> {
    if (parentId === undefined || parentId === null) return null;
    const parent = await commentIn(def.id, parentId);
    if (!parent || parent.status !== 'accepted') {
      throw validationError([{ path: ['parentId'], code: 'unknown_parent', message: `"parentId" is not a visible comment of thread "${def.id}"` }], what);
    }
    if (parent.depth >= def.maxDepth) {
      throw validationError([{ path: ['parentId'], code: 'too_deep', message: `thread "${def.id}" allows ${def.maxDepth} level${def.maxDepth > 1 ? 's' : ''} of comments: reply to the comment's parent instead` }], what);
    }
    return parent;
  }

  function lengthIssues(def: ThreadDef, body: string): FieldIssue[] {
    const n = codePoints(body);
    return n > def.maxLength ? [{ path: ['body'], code: 'too_big', message: `"body" must be at most ${def.maxLength} characters (it has ${n})` }] : [];
  }

  async function insertComment(
    def: ThreadDef,
    row: Omit<CommentRow, 'shown' | 'supports' | 'reply_count' | 'flag_count' | 'edited_at' | 'visible_at' | 'edit_until' | 'edit_extensions'> & { idempotency_key: string; payload_hash: string; origin?: string; mediator?: string | null },
    heldBy?: string,
  ): Promise<{ row: CommentRow & { payload_hash: string }; inserted: boolean; result: TransitionResult }> {
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<CommentRow & { payload_hash: string }>(
        `INSERT INTO comments (id, thread_id, parent_id, depth, author, body, stance, official, status, reason, idempotency_key, payload_hash, device_hash, ip_hash, created_at, origin, mediator)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10, $11, $12, $13, $14::text::timestamptz, $15, $16)
         ON CONFLICT (thread_id, idempotency_key) DO NOTHING RETURNING ${COLS}, payload_hash`,
        [row.id, row.thread_id, row.parent_id, row.depth, row.author, row.body, row.stance, row.official, row.reason, row.idempotency_key,
          row.payload_hash, row.device_hash, row.ip_hash, toIso(row.created_at), row.origin ?? 'web', row.mediator ?? null],
      );
      const inserted = rows[0];
      if (!inserted) {
        const { rows: again } = await tx.query<CommentRow & { payload_hash: string }>(`SELECT ${COLS}, payload_hash FROM comments WHERE thread_id = $1 AND idempotency_key = $2`, [def.id, row.idempotency_key]);
        return { row: again[0]!, inserted: false, result: { changes: [], counted: false } };
      }
      let result: TransitionResult = { changes: [], counted: false };
      if (row.status !== 'pending') {
        result = await transition(tx, inserted, row.status, { reason: row.reason, at: row.created_at });
      }
      if (heldBy) await log(tx, { who: 'system', action: 'hold', commentId: row.id, threadId: def.id, reason: heldBy });
      const { rows: fresh } = await tx.query<CommentRow & { payload_hash: string }>(`SELECT ${COLS}, payload_hash FROM comments WHERE id = $1`, [row.id]);
      return { row: fresh[0]!, inserted: true, result };
    });
  }

  async function receiptFor(def: ThreadDef, r: CommentRow, duplicate: boolean, deviceHash: string | null): Promise<CommentReceipt> {
    // A new comment has no supports nor flags yet.
    const marks = duplicate ? await deviceMarks(deviceHash ?? undefined, [r.id]) : { supported: new Set<string>(), flagged: new Set<string>() };
    const comment = present(r, { device: deviceHash ?? undefined, ...marks, editWindowMs: windowMs(def) });
    return { id: r.id, receivedAt: toIso(r.created_at), duplicate, status: comment.status === 'accepted' ? 'accepted' : 'pending', comment };
  }

  app.post<{ Params: { id: string } }>('/api/threads/:id/comments', async (request, reply) => {
    const key = ctx.idempotencyKey(request);
    const def = await loadThread(request.params.id);
    ctx.requireJson(request);
    const what = 'The comment';
    const payload = ctx.parseBody('comments', CommentSubmission, request.body, what) as CommentSubmission;
    const payloadHash = hmac(salt, `payload:${canonicalJson(payload)}`);
    const deviceHash = ctx.hashDevice(payload.deviceToken);
    // A mediator's terminal: its own channel; its token is the session's (new for each person).
    const channel = takeChannel(payload as Record<string, unknown>, {}, what);

    const { rows: prior } = await db.query<CommentRow & { payload_hash: string }>(
      `SELECT ${COLS}, payload_hash FROM comments WHERE thread_id = $1 AND idempotency_key = $2`,
      [def.id, key],
    );
    if (prior[0]) {
      if (prior[0].payload_hash !== payloadHash) throw new ApiError(409, 'conflict', 'This Idempotency-Key was already used for a different comment: use a new key for new data.');
      return reply.status(200).send(await receiptFor(def, prior[0], true, deviceHash));
    }

    const at = now();
    const phase = phaseOf(def, at);
    if (phase === 'scheduled') throw new ApiError(409, 'not_open', `This thread opens at ${def.opensAt}; it is not open yet.`);
    if (phase === 'closed') throw new ApiError(409, 'closed', `This thread closed at ${def.closesAt}.`);

    const issues = [...textIssues({ author: payload.author, body: payload.body }), ...lengthIssues(def, payload.body)];
    if (payload.stance !== undefined && (!def.stances || payload.parentId)) {
      issues.push({ path: ['stance'], code: 'invalid_value', message: def.stances ? '"stance" is for top-level comments only' : `thread "${def.id}" does not take stances` });
    }
    if (issues.length) throw validationError(issues, what);
    const parent = await parentFor(def, payload.parentId, what);
    const { compiled } = await loadRules();
    const action = ruleAction(compiled, [payload.author, payload.body]);
    if (action === 'reject') {
      throw validationError([{ path: ['body'], code: 'not_allowed', message: 'the comment contains words the moderators of this site do not accept' }], what);
    }

    const ipHash = ctx.hashIp(request.ip);
    await checkRate(ipHash, at);

    const honeypot = typeof payload.website === 'string' && payload.website.trim() !== '';
    const tooFast = typeof payload.fillMs === 'number' && payload.fillMs < minFillMs;
    const banned = !honeypot && !tooFast ? await bannedIdentity([`device:${deviceHash}`, `ip:${ipHash}`], at) : undefined;
    let status: Status = 'accepted';
    let reason: string | null = null;
    if (honeypot || tooFast || banned) {
      status = 'spam';
      reason = honeypot ? 'honeypot' : tooFast ? 'too_fast' : 'banned';
    } else if (action === 'hold') {
      status = 'pending';
      reason = 'words';
    } else if (def.moderation === 'pre') {
      status = 'pending';
      reason = 'pre';
    } else if (def.moderation === 'first') {
      const { rows } = await db.query(
        `SELECT 1 FROM comments WHERE thread_id = $1 AND device_hash = $2 AND status IN ('accepted', 'deleted') AND visible_at IS NOT NULL LIMIT 1`,
        [def.id, deviceHash],
      );
      if (!rows.length) {
        status = 'pending';
        reason = 'first';
      }
    }

    const out = await insertComment(def, {
      id: randomUUID(), thread_id: def.id, parent_id: parent?.id ?? null, depth: parent ? parent.depth + 1 : 1,
      author: payload.author, body: payload.body, stance: payload.stance ?? null, official: false, status, reason,
      idempotency_key: key, payload_hash: payloadHash, device_hash: deviceHash, ip_hash: ipHash, created_at: at, ...channel,
    }, status === 'pending' && reason === 'words' ? 'words' : undefined);

    if (!out.inserted) {
      if (out.row.payload_hash !== payloadHash) throw new ApiError(409, 'conflict', 'This Idempotency-Key was already used for a different comment: use a new key for new data.');
      return reply.status(200).send(await receiptFor(def, out.row, true, deviceHash));
    }
    afterChange(def, out.result, request);
    if (payload.email && status !== 'spam') await subscribe(request, def, out.row.id, payload);
    return reply.status(201).send(await receiptFor(def, out.row, false, deviceHash));
  });

  /* ---------------------------------------------------------- edit, delete */

  /** The author's own comment, locked, within its edit window. */
  async function ownComment(tx: Db, def: ThreadDef, cid: string, token: string, at: Date): Promise<CommentRow> {
    const { rows } = await tx.query<CommentRow>(`SELECT ${COLS} FROM comments WHERE id = $1 AND thread_id = $2 FOR UPDATE`, [cid, def.id]);
    const r = rows[0];
    const deviceHash = ctx.hashDevice(token);
    if (!r || r.status === 'deleted' || !visibleTo(r, deviceHash)) throw noComment(def.id, cid);
    if (r.device_hash !== deviceHash) throw new ApiError(403, 'forbidden', 'Only the device that wrote this comment may change or delete it (send its deviceToken).');
    if (windowMs(def) === 0 || at.getTime() > deadlineOf(r, windowMs(def))) {
      throw new ApiError(409, 'edit_window_closed', `Comments of thread "${def.id}" can be changed or deleted for ${def.editWindowSeconds} s after posting (or after their author's last extension); this one no longer.`);
    }
    return r;
  }

  app.patch<{ Params: { id: string; cid: string } }>('/api/threads/:id/comments/:cid', async (request) => {
    const def = await loadThread(request.params.id);
    ctx.requireJson(request);
    const what = 'The edit';
    const edit = ctx.parseBody(null, CommentEdit, request.body, what) as CommentEdit;
    const at = now();
    if (phaseOf(def, at) !== 'open') throw new ApiError(409, 'closed', `Thread "${def.id}" is not open: its comments can no longer change.`);
    const issues = [...textIssues({ body: edit.body }), ...lengthIssues(def, edit.body)];
    if (issues.length) throw validationError(issues, what);
    const { compiled } = await loadRules();
    const action = ruleAction(compiled, [edit.body]);
    if (action === 'reject') throw validationError([{ path: ['body'], code: 'not_allowed', message: 'the comment contains words the moderators of this site do not accept' }], what);
    const { row, result } = await db.transaction(async (tx) => {
      const r = await ownComment(tx, def, request.params.cid, edit.deviceToken, at);
      await tx.query('UPDATE comments SET body = $2, edited_at = $3::text::timestamptz WHERE id = $1', [r.id, edit.body, at.toISOString()]);
      let res: TransitionResult = { changes: r.shown ? [{ type: 'update', id: r.id, parentId: r.parent_id }] : [], counted: false };
      if (action === 'hold' && r.status === 'accepted') {
        res = await transition(tx, r, 'pending', { reason: 'words', at });
        await log(tx, { who: 'system', action: 'hold', commentId: r.id, threadId: def.id, reason: 'words' });
      }
      const { rows } = await tx.query<CommentRow>(`SELECT ${COLS} FROM comments WHERE id = $1`, [r.id]);
      return { row: rows[0]!, result: res };
    });
    afterChange(def, result);
    const deviceHash = ctx.hashDevice(edit.deviceToken);
    const marks = await deviceMarks(deviceHash, [row.id]);
    return present(row, { device: deviceHash, ...marks, editWindowMs: windowMs(def) });
  });

  /** More time to edit (WCAG 2.2.1): the deadline becomes now + the window, never earlier; EDIT_EXTENSIONS times at most. */
  app.post<{ Params: { id: string; cid: string } }>('/api/threads/:id/comments/:cid/extend', async (request) => {
    const def = await loadThread(request.params.id);
    ctx.requireJson(request);
    const { deviceToken } = ctx.parseBody(null, DeviceAction, request.body, 'The extension') as DeviceAction;
    const at = now();
    if (phaseOf(def, at) !== 'open') throw new ApiError(409, 'closed', `Thread "${def.id}" is not open: its comments can no longer change.`);
    const row = await db.transaction(async (tx) => {
      const r = await ownComment(tx, def, request.params.cid, deviceToken, at);
      if (r.edit_extensions >= EDIT_EXTENSIONS) {
        throw new ApiError(409, 'conflict', `The edit window of this comment was already extended ${EDIT_EXTENSIONS} times, the most a comment gets; it can still be changed or deleted until ${new Date(deadlineOf(r, windowMs(def))).toISOString()}.`);
      }
      const until = new Date(Math.max(deadlineOf(r, windowMs(def)), at.getTime() + windowMs(def)));
      const { rows } = await tx.query<CommentRow>(
        `UPDATE comments SET edit_until = $2::text::timestamptz, edit_extensions = edit_extensions + 1 WHERE id = $1 RETURNING ${COLS}`,
        [r.id, until.toISOString()],
      );
      return rows[0]!;
    });
    const deviceHash = ctx.hashDevice(deviceToken);
    const marks = await deviceMarks(deviceHash, [row.id]);
    return present(row, { device: deviceHash, ...marks, editWindowMs: windowMs(def) });
  });

  app.delete<{ Params: { id: string; cid: string }; Querystring: { device?: string } }>('/api/threads/:id/comments/:cid', async (request, reply) => {
    const def = await loadThread(request.params.id);
    const fromBody = (request.body as { deviceToken?: unknown } | undefined)?.deviceToken;
    const token = typeof fromBody === 'string' ? fromBody : request.query.device;
    if (typeof token !== 'string' || !Token.safeParse(token).success) {
      throw validationError([{ path: ['deviceToken'], code: 'required', message: '"deviceToken" is required (in the JSON body, or ?device=)' }], 'The deletion');
    }
    const at = now();
    const result = await db.transaction(async (tx) => {
      const r = await ownComment(tx, def, request.params.cid, token, at);
      await tx.query('DELETE FROM comment_subscriptions WHERE comment_id = $1', [r.id]);
      return transition(tx, r, 'deleted', { reason: 'author', erase: true, at });
    });
    afterChange(def, result);
    return reply.status(204).send();
  });

  /* ---------------------------------------------------------- supports and flags */

  async function actionable(def: ThreadDef, cid: string): Promise<CommentRow> {
    const r = await commentIn(def.id, cid);
    if (!r || r.status !== 'accepted') throw noComment(def.id, cid);
    return r;
  }

  async function support(request: FastifyRequest<{ Params: { id: string; cid: string } }>, on: boolean) {
    const def = await loadThread(request.params.id);
    ctx.requireJson(request);
    const { deviceToken } = ctx.parseBody(null, DeviceAction, request.body, 'The support') as DeviceAction;
    const r = await actionable(def, request.params.cid);
    if (phaseOf(def, now()) !== 'open') throw new ApiError(409, 'closed', `Thread "${def.id}" is not open.`);
    const deviceHash = ctx.hashDevice(deviceToken);
    const changed = await db.transaction(async (tx) => {
      const { rows } = on
        ? await tx.query('INSERT INTO comment_supports (comment_id, device_hash, created_at) VALUES ($1, $2, $3::text::timestamptz) ON CONFLICT DO NOTHING RETURNING comment_id', [r.id, deviceHash, now().toISOString()])
        : await tx.query('DELETE FROM comment_supports WHERE comment_id = $1 AND device_hash = $2 RETURNING comment_id', [r.id, deviceHash]);
      if (rows.length) await tx.query('UPDATE comments SET supports = supports + $2 WHERE id = $1', [r.id, on ? 1 : -1]);
      return rows.length > 0;
    });
    const { rows } = await db.query<{ supports: number }>('SELECT supports FROM comments WHERE id = $1', [r.id]);
    if (changed) void publish(def, [{ type: 'update', id: r.id, parentId: r.parent_id }], false);
    return { supports: rows[0]?.supports ?? 0, supported: on };
  }

  app.post<{ Params: { id: string; cid: string } }>('/api/threads/:id/comments/:cid/support', (request) => support(request, true));
  app.delete<{ Params: { id: string; cid: string } }>('/api/threads/:id/comments/:cid/support', (request) => support(request, false));

  app.post<{ Params: { id: string; cid: string } }>('/api/threads/:id/comments/:cid/flags', async (request) => {
    const def = await loadThread(request.params.id);
    ctx.requireJson(request);
    const flag = ctx.parseBody(null, FlagSubmission, request.body, 'The flag') as FlagSubmission;
    const issues = textIssues({ detail: flag.detail });
    if (issues.length) throw validationError(issues, 'The flag');
    await actionable(def, request.params.cid);
    const deviceHash = ctx.hashDevice(flag.deviceToken);
    const at = now();
    const result = await db.transaction(async (tx) => {
      const { rows } = await tx.query<CommentRow>(`SELECT ${COLS} FROM comments WHERE id = $1 FOR UPDATE`, [request.params.cid]);
      const r = rows[0]!;
      const { rows: added } = await tx.query(
        `INSERT INTO comment_flags (comment_id, device_hash, reason, detail, created_at) VALUES ($1, $2, $3, $4, $5::text::timestamptz)
         ON CONFLICT DO NOTHING RETURNING comment_id`,
        [r.id, deviceHash, flag.reason, flag.detail ?? null, at.toISOString()],
      );
      if (!added.length) return undefined;
      const { rows: c } = await tx.query<{ flag_count: number }>('UPDATE comments SET flag_count = flag_count + 1 WHERE id = $1 RETURNING flag_count', [r.id]);
      if (r.status === 'accepted' && c[0]!.flag_count >= def.flagThreshold) {
        const res = await transition(tx, r, 'hidden', { reason: 'flags', at });
        await log(tx, { who: 'system', action: 'hide', commentId: r.id, threadId: def.id, reason: `flags (${c[0]!.flag_count})` });
        return res;
      }
      return undefined;
    });
    if (result) afterChange(def, result);
    return { flagged: true };
  });

  /* ---------------------------------------------------------- reply notifications */

  async function subscribe(request: FastifyRequest, def: ThreadDef, commentId: string, p: CommentSubmission): Promise<void> {
    const token = randomBytes(24).toString('base64url');
    const lang = pickLang(p.lang, request.headers['accept-language']);
    const email = p.email!.trim().toLowerCase();
    const at = now();
    await db.query('DELETE FROM comment_subscriptions WHERE confirmed_at IS NULL AND created_at < $1::text::timestamptz', [new Date(at.getTime() - UNCONFIRMED_TTL_MS).toISOString()]);
    await db.query(
      `INSERT INTO comment_subscriptions (id, comment_id, thread_id, email, lang, return_url, token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::timestamptz)`,
      [randomUUID(), commentId, def.id, email, lang, p.returnUrl ?? null, sha256(token), at.toISOString()],
    );
    const t = TEXTS[lang];
    const title = localText(def.title, lang) || def.id;
    const root = `${base(request)}/api/threads/${encodeURIComponent(def.id)}/notifications`;
    try {
      await mailer.send({
        to: email,
        lang,
        subject: t.confirmSubject(title),
        text: t.confirmBody(title, `${root}/confirm?token=${token}&lang=${lang}`, `${root}/unsubscribe?token=${token}&lang=${lang}`),
      });
    } catch (err) {
      // The comment is stored: a lost opt-in mail only loses notifications.
      request.log.error({ err: (err as Error).message }, 'comment notification opt-in mail not sent');
    }
  }

  /** The page a mail links back to, when it is an allowed origin. */
  function linkBack(url: string | null, commentId: string): string {
    return returnLink(url, ctx.options.allowedOrigins, 'civic-comment', commentId) ?? '';
  }

  async function notifyReply(def: ThreadDef, replyId: string, request?: FastifyRequest): Promise<void> {
    try {
      const { rows } = await db.query<{ email: string; lang: string; return_url: string | null; token_hash: string; author: string; body: string; id: string }>(
        `SELECT s.id, s.email, s.lang, s.return_url, r.author, r.body FROM comments r
           JOIN comments p ON p.id = r.parent_id
           JOIN comment_subscriptions s ON s.comment_id = p.id AND s.confirmed_at IS NOT NULL
          WHERE r.id = $1 AND r.status = 'accepted' AND (r.device_hash IS NULL OR p.device_hash IS NULL OR r.device_hash <> p.device_hash)`,
        [replyId],
      );
      for (const s of rows) {
        // A fresh secret per mail: the unsubscribe link of an old mail keeps working too (same row).
        const token = randomBytes(24).toString('base64url');
        await db.query('UPDATE comment_subscriptions SET token_hash = $2 WHERE id = $1', [s.id, sha256(token)]);
        const lang = pickLang(s.lang);
        const t = TEXTS[lang];
        const title = localText(def.title, lang) || def.id;
        const root = `${request ? base(request) : publicUrl}/api/threads/${encodeURIComponent(def.id)}/notifications`;
        await mailer.send({
          to: s.email,
          lang,
          subject: t.replySubject(title),
          text: t.replyBody(title, s.author, s.body, linkBack(s.return_url, replyId), `${root}/unsubscribe?token=${token}&lang=${lang}`),
        });
      }
    } catch (err) {
      app.log.error({ err: (err as Error).message }, 'reply notification not sent');
    }
  }

  const sendPage = (reply: FastifyReply, status: number, html: string) =>
    reply.status(status).header('Cache-Control', 'no-store')
      .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
      .type('text/html; charset=utf-8').send(html);

  async function byToken(threadId: string, token: unknown): Promise<{ id: string } | undefined> {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{16,128}$/.test(token)) return undefined;
    const { rows } = await db.query<{ id: string }>('SELECT id FROM comment_subscriptions WHERE token_hash = $1 AND thread_id = $2', [sha256(token), threadId]);
    return rows[0];
  }

  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    type Q = { Params: { id: string }; Querystring: { token?: string; lang?: string } };

    scope.get<Q>('/api/threads/:id/notifications/confirm', async (request, reply) => {
      const def = await loadThread(request.params.id);
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const title = localText(def.title, lang) || TEXTS[lang].discussion;
      const sub = await byToken(def.id, request.query.token);
      if (!sub) return sendPage(reply, 404, page(lang, title, TEXTS[lang].invalid));
      await db.query('UPDATE comment_subscriptions SET confirmed_at = coalesce(confirmed_at, $2::text::timestamptz) WHERE id = $1', [sub.id, now().toISOString()]);
      return sendPage(reply, 200, page(lang, title, TEXTS[lang].confirmed));
    });

    // GET only asks (mail scanners follow links); the form POSTs.
    scope.get<Q>('/api/threads/:id/notifications/unsubscribe', async (request, reply) => {
      const def = await loadThread(request.params.id);
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const t = TEXTS[lang];
      const title = localText(def.title, lang) || t.discussion;
      if (!(await byToken(def.id, request.query.token))) return sendPage(reply, 404, page(lang, title, t.invalid));
      const form = `<form method="post" action="unsubscribe?lang=${lang}"><input type="hidden" name="token" value="${escapeHtml(String(request.query.token))}"><button type="submit">${escapeHtml(t.unsubscribeButton)}</button></form>`;
      return sendPage(reply, 200, page(lang, title, t.unsubscribeAsk, form));
    });

    scope.post<Q>('/api/threads/:id/notifications/unsubscribe', async (request, reply) => {
      const def = await loadThread(request.params.id);
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const t = TEXTS[lang];
      const title = localText(def.title, lang) || t.discussion;
      const sub = await byToken(def.id, (request.body as { token?: unknown } | undefined)?.token);
      if (!sub) return sendPage(reply, 404, page(lang, title, t.invalid));
      await db.query('DELETE FROM comment_subscriptions WHERE id = $1', [sub.id]);
      return sendPage(reply, 200, page(lang, title, t.unsubscribed));
    });
  });

  /* ---------------------------------------------------------- moderation log */

  async function log(q: Db, e: { who: string; action: string; commentId?: string | null; threadId?: string | null; reason?: string | null; identity?: string | null }): Promise<void> {
    await q.query(
      `INSERT INTO comment_moderation_log (at, who, action, comment_id, thread_id, reason, identity) VALUES ($1::text::timestamptz, $2, $3, $4, $5, $6, $7)`,
      [now().toISOString(), e.who, e.action, e.commentId ?? null, e.threadId ?? null, e.reason ?? null, e.identity ?? null],
    );
  }

  /* ---------------------------------------------------------- admin */

  await app.register(async (admin) => {
    admin.addHook('onRequest', async (request) => ctx.requireAdmin(request));

    admin.get<{ Params: { id: string } }>('/api/admin/threads/:id/submissions', async (request) => {
      const def = await loadThread(request.params.id);
      const { rows } = await db.query<CommentRow & { origin: string; mediator: string | null }>(`SELECT ${COLS}, origin, mediator FROM comments WHERE thread_id = $1 ORDER BY created_at, id`, [def.id]);
      return {
        kind: 'comments', id: def.id,
        items: rows.map((r) => ({
          id: r.id, receivedAt: toIso(r.created_at), origin: r.origin, ...(r.mediator ? { mediator: r.mediator } : {}), status: r.status,
          payload: { author: r.author, body: r.body, parentId: r.parent_id, stance: r.stance, official: r.official, supports: r.supports, flags: r.flag_count, editedAt: r.edited_at ? toIso(r.edited_at) : null, reason: r.reason },
        })),
      };
    });

    admin.post<{ Params: { id: string } }>('/api/admin/threads/:id/comments', async (request, reply) => {
      const def = await loadThread(request.params.id);
      ctx.requireJson(request);
      const what = 'The official comment';
      const body = ctx.parseBody(null, OfficialComment, request.body, what) as OfficialComment;
      const issues = [...textIssues({ author: body.author, body: body.body }), ...lengthIssues(def, body.body)];
      if (issues.length) throw validationError(issues, what);
      const parent = await parentFor(def, body.parentId, what);
      const raw = request.headers['idempotency-key'];
      const key = typeof raw === 'string' && Token.safeParse(raw).success ? raw : randomUUID();
      const payloadHash = hmac(salt, `payload:${canonicalJson({ official: body })}`);
      const out = await insertComment(def, {
        id: randomUUID(), thread_id: def.id, parent_id: parent?.id ?? null, depth: parent ? parent.depth + 1 : 1,
        author: body.author, body: body.body, stance: null, official: true, status: 'accepted', reason: null,
        idempotency_key: key, payload_hash: payloadHash, device_hash: null, ip_hash: null, created_at: now(),
      });
      if (!out.inserted && out.row.payload_hash !== payloadHash) throw new ApiError(409, 'conflict', 'This Idempotency-Key was already used for a different comment.');
      if (out.inserted) {
        await log(db, { who: 'admin', action: 'official', commentId: out.row.id, threadId: def.id });
        afterChange(def, out.result, request);
      }
      return reply.status(out.inserted ? 201 : 200).send(present(out.row, undefined));
    });

    admin.post<{ Params: { id: string } }>('/api/admin/threads/:id/seed', async (request, reply) => {
      const def = await loadThread(request.params.id);
      ctx.requireJson(request);
      const body = ctx.parseBody(null, SeedRequest, request.body, 'The seed request') as { count: number; replies?: number };
      const r = await seedComments(db, { thread: def.id, count: body.count, ...(body.replies !== undefined ? { replies: body.replies } : {}), now: now() });
      await log(db, { who: 'admin', action: 'seed', threadId: def.id, reason: `${r.inserted} comments` });
      void publish(def, [], true);
      return reply.status(201).send({ inserted: r.inserted, count: (await threadCounters(db, def.id)).count });
    });

    /* moderation queues */

    const STATES = ['pending', 'flagged', 'hidden', 'rejected', 'spam'] as const;
    admin.get<{ Querystring: { state?: string; thread?: string; cursor?: string; limit?: string } }>('/api/admin/moderation', async (request) => {
      const state = request.query.state ?? 'pending';
      if (!(STATES as readonly string[]).includes(state)) throw new ApiError(400, 'bad_request', `Unknown state "${state}": use ${STATES.join(', ')}.`);
      const { after, limit } = pageParams({ cursor: request.query.cursor, limit: request.query.limit }, 'oldest');
      const params: unknown[] = [];
      const where = [state === 'flagged' ? `flag_count > 0 AND status IN ('accepted', 'hidden')` : `status = '${state}'`];
      if (request.query.thread) {
        params.push(request.query.thread);
        where.push(`thread_id = $${params.length}`);
      }
      if (after) {
        params.push(after[0], after[1]);
        where.push(`(created_at, id) > ($${params.length - 1}::text::timestamptz, $${params.length}::text)`);
      }
      params.push(limit + 1);
      const { rows } = await db.query<CommentRow>(`SELECT ${COLS} FROM comments WHERE ${where.join(' AND ')} ORDER BY created_at, id LIMIT $${params.length}::int`, params);
      const more = rows.length > limit;
      const items = more ? rows.slice(0, limit) : rows;
      return { items: await moderationItems(items), nextCursor: more ? encodeCursor('oldest', keyOf(items[items.length - 1]!, 'oldest')) : null };
    });

    async function moderationItems(rows: CommentRow[]) {
      if (!rows.length) return [];
      const ids = rows.map((r) => r.id);
      const parentIds = rows.map((r) => r.parent_id).filter((p): p is string => p !== null);
      const identities = rows.flatMap((r) => [r.device_hash ? `device:${r.device_hash}` : '', r.ip_hash ? `ip:${r.ip_hash}` : '']).filter(Boolean);
      const [flags, parents, bans] = await Promise.all([
        db.query<{ comment_id: string; reason: string; detail: string | null; created_at: Date }>(
          'SELECT comment_id, reason, detail, created_at FROM comment_flags WHERE comment_id = ANY($1::text[]) ORDER BY created_at', [ids]),
        db.query<{ id: string; author: string; body: string }>('SELECT id, author, body FROM comments WHERE id = ANY($1::text[])', [parentIds]),
        db.query<{ identity: string }>('SELECT identity FROM comment_bans WHERE identity = ANY($1::text[]) AND (until IS NULL OR until > $2::text::timestamptz)', [identities, now().toISOString()]),
      ]);
      const banned = new Set(bans.rows.map((b) => b.identity));
      const parentById = new Map(parents.rows.map((p) => [p.id, p]));
      return rows.map((r) => {
        const ids2 = [r.device_hash ? `device:${r.device_hash}` : '', r.ip_hash ? `ip:${r.ip_hash}` : ''].filter(Boolean);
        const comment = present({ ...r, status: 'accepted' }, undefined);
        comment.status = r.status === 'accepted' ? 'accepted' : r.status === 'deleted' ? 'deleted' : r.status === 'hidden' || r.status === 'rejected' ? 'removed' : 'pending';
        const p = r.parent_id ? parentById.get(r.parent_id) : undefined;
        const f = flags.rows.filter((x) => x.comment_id === r.id);
        return {
          threadId: r.thread_id, state: r.status, reason: r.reason, comment,
          parent: p ? { id: p.id, author: p.author, body: p.body } : null,
          flags: { count: r.flag_count, items: f.map((x) => ({ reason: x.reason, detail: x.detail, at: toIso(x.created_at) })) },
          identities: ids2, banned: ids2.some((i) => banned.has(i)),
        };
      });
    }

    /* moderation actions */

    const ACTIONS: Record<string, { to: Status; from: Status[]; reason: boolean; resetFlags?: boolean }> = {
      approve: { to: 'accepted', from: ['pending', 'hidden', 'rejected', 'spam', 'accepted'], reason: false, resetFlags: true },
      restore: { to: 'accepted', from: ['hidden', 'rejected', 'spam', 'accepted'], reason: false, resetFlags: true },
      reject: { to: 'rejected', from: ['pending', 'hidden', 'accepted', 'spam', 'rejected'], reason: true },
      hide: { to: 'hidden', from: ['accepted', 'pending', 'hidden'], reason: true },
    };
    for (const [name, a] of Object.entries(ACTIONS)) {
      admin.post<{ Params: { cid: string } }>(`/api/admin/comments/:cid/${name}`, async (request) => {
        const reason = a.reason ? (ctx.parseBody(null, ModerationReason, request.body ?? {}, `The ${name} request`) as { reason: string }).reason : null;
        const at = now();
        const { rows: found } = await db.query<{ thread_id: string }>('SELECT thread_id FROM comments WHERE id = $1', [request.params.cid]);
        if (!found[0]) throw new ApiError(404, 'not_found', `No comment "${request.params.cid}".`);
        // Outside the transaction: PGlite runs one at a time, and the definition is read through the pool.
        const def = (await ctx.loadDefinition('comments', found[0].thread_id)) as ThreadDef;
        const { result, row } = await db.transaction(async (tx) => {
          const { rows } = await tx.query<CommentRow>(`SELECT ${COLS} FROM comments WHERE id = $1 FOR UPDATE`, [request.params.cid]);
          const r = rows[0]!;
          if (!a.from.includes(r.status)) {
            throw new ApiError(409, 'conflict', `Cannot ${name} a comment that is ${r.status}${r.status === 'deleted' ? ' (deleted by its author)' : ''}.`);
          }
          const res = await transition(tx, r, a.to, { reason: reason ?? (a.to === 'accepted' ? null : r.reason), resetFlags: a.resetFlags ?? false, at });
          await log(tx, { who: 'admin', action: name, commentId: r.id, threadId: r.thread_id, reason });
          const { rows: fresh } = await tx.query<CommentRow>(`SELECT ${COLS} FROM comments WHERE id = $1`, [r.id]);
          return { result: res, row: fresh[0]! };
        });
        afterChange(def, result, request);
        return (await moderationItems([row]))[0];
      });
    }

    /* bans */

    admin.get('/api/admin/bans', async () => {
      const { rows } = await db.query<{ identity: string; reason: string; until: Date | null; created_at: Date }>(
        'SELECT identity, reason, until, created_at FROM comment_bans ORDER BY created_at DESC, identity');
      return { bans: rows.map((b) => ({ identity: b.identity, reason: b.reason, until: b.until ? toIso(b.until) : null, createdAt: toIso(b.created_at) })) };
    });

    admin.post('/api/admin/bans', async (request, reply) => {
      ctx.requireJson(request);
      const ban = ctx.parseBody(null, BanRequest, request.body, 'The ban') as BanRequest;
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO comment_bans (identity, reason, until, created_at) VALUES ($1, $2, $3::text::timestamptz, $4::text::timestamptz)
           ON CONFLICT (identity) DO UPDATE SET reason = excluded.reason, until = excluded.until`,
          [ban.identity, ban.reason, ban.until ?? null, now().toISOString()],
        );
        await log(tx, { who: 'admin', action: 'ban', identity: ban.identity, reason: ban.reason + (ban.until ? ` (until ${ban.until})` : '') });
      });
      return reply.status(201).send({ identity: ban.identity, reason: ban.reason, until: ban.until ?? null });
    });

    admin.delete<{ Querystring: { identity?: string } }>('/api/admin/bans', async (request, reply) => {
      const fromBody = (request.body as { identity?: unknown } | undefined)?.identity;
      const identity = typeof fromBody === 'string' ? fromBody : request.query.identity;
      if (typeof identity !== 'string' || !identity) {
        throw validationError([{ path: ['identity'], code: 'required', message: '"identity" is required (JSON body or ?identity=)' }], 'The request');
      }
      const removed = await db.transaction(async (tx) => {
        const { rows } = await tx.query('DELETE FROM comment_bans WHERE identity = $1 RETURNING identity', [identity]);
        if (rows.length) await log(tx, { who: 'admin', action: 'unban', identity });
        return rows.length > 0;
      });
      if (!removed) throw new ApiError(404, 'not_found', `No ban of "${identity}".`);
      return reply.status(204).send();
    });

    /* word rules */

    admin.get('/api/admin/moderation/rules', async () => (await loadRules()).rules);

    admin.put('/api/admin/moderation/rules', async (request) => {
      ctx.requireJson(request);
      const rules = ctx.parseBody(null, WordRules, request.body, 'The word rules') as WordRules;
      await db.transaction(async (tx) => {
        await tx.query(`INSERT INTO settings (key, value) VALUES ('comment_rules', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [JSON.stringify(rules)]);
        await log(tx, { who: 'admin', action: 'rules', reason: `${rules.words.length} word rule${rules.words.length === 1 ? '' : 's'}` });
      });
      return rules;
    });

    /* log */

    admin.get<{ Querystring: { limit?: string; cursor?: string } }>('/api/admin/moderation/log', async (request) => {
      const limit = Math.min(500, Math.max(1, Math.trunc(Number(request.query.limit)) || 100));
      const before = request.query.cursor && /^\d+$/.test(request.query.cursor) ? request.query.cursor : null;
      const { rows } = await db.query<{ id: string; at: Date; who: string; action: string; comment_id: string | null; thread_id: string | null; reason: string | null; identity: string | null }>(
        `SELECT id::text AS id, at, who, action, comment_id, thread_id, reason, identity FROM comment_moderation_log
          WHERE $1::bigint IS NULL OR id < $1::bigint ORDER BY id DESC LIMIT $2::int`,
        [before, limit + 1],
      );
      const more = rows.length > limit;
      const items = (more ? rows.slice(0, limit) : rows).map((r) => ({
        id: r.id, at: toIso(r.at), who: r.who, action: r.action, commentId: r.comment_id, threadId: r.thread_id, reason: r.reason, identity: r.identity,
      }));
      return { items, nextCursor: more ? items[items.length - 1]!.id : null };
    });

    /* subscribers: access and erasure */

    const emailOf = (q: { email?: string }) => {
      if (typeof q.email !== 'string' || !q.email.includes('@')) throw validationError([{ path: ['email'], code: 'required', message: 'pass ?email=<address>' }], 'The query');
      return q.email.trim().toLowerCase();
    };
    admin.get<{ Querystring: { email?: string } }>('/api/admin/comment-subscribers', async (request) => {
      const { rows } = await db.query<{ comment_id: string; thread_id: string; created_at: Date; confirmed_at: Date | null }>(
        'SELECT comment_id, thread_id, created_at, confirmed_at FROM comment_subscriptions WHERE email = $1 ORDER BY created_at', [emailOf(request.query)]);
      return { items: rows.map((r) => ({ commentId: r.comment_id, threadId: r.thread_id, createdAt: toIso(r.created_at), confirmedAt: r.confirmed_at ? toIso(r.confirmed_at) : null })) };
    });
    admin.delete<{ Querystring: { email?: string } }>('/api/admin/comment-subscribers', async (request) => {
      const { rows } = await db.query('DELETE FROM comment_subscriptions WHERE email = $1 RETURNING id', [emailOf(request.query)]);
      return { erased: rows.length };
    });
  });

  // The moderation page (HTML + script), outside /api.
  await registerModerationPage(app);

  app.addHook('onClose', async () => {
    if (ownMailer) await mailer.close();
  });
}
