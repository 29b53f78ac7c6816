/** Queries and domain rules shared by the routes, the content loader and the admin API. */
import { createHmac, createHash, randomBytes } from 'node:crypto';
import { KINDS, type Kind, type Phase, type VoteResults, type VoteDefinition, Origin } from '../src/api/schemas.js';
import type { Db } from './db.js';
import type { FieldIssue } from '../src/api/schemas.js';
import { voteDefinitionIssues } from './votes.js';
import { validationError } from './errors.js';
import { surveyDefinitionIssues, type SurveyDef } from './surveys.js';

export type Definition = Record<string, unknown> & { id: string; opensAt?: string | null; closesAt?: string | null };

/** A stored vote definition (the parsed `VoteDefinitionInput`); rules in votes.ts. */
export type VoteDef = Definition & Omit<VoteDefinition, 'phase' | 'serverTime'>;

export function phaseOf(def: { opensAt?: string | null | undefined; closesAt?: string | null | undefined }, now: Date): Phase {
  if (def.opensAt && now.getTime() < Date.parse(def.opensAt)) return 'scheduled';
  if (def.closesAt && now.getTime() >= Date.parse(def.closesAt)) return 'closed';
  return 'open';
}

export function toIso(v: unknown): string {
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}

/** JSON with sorted keys, so that equal payloads hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hmac(salt: string, value: string): string {
  return createHmac('sha256', salt).update(value).digest('hex');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The server salt: from options, else from `settings`, generated once on first start. */
export async function loadSalt(db: Db): Promise<string> {
  await db.query(`INSERT INTO settings (key, value) VALUES ('salt', $1) ON CONFLICT (key) DO NOTHING`, [
    randomBytes(32).toString('hex'),
  ]);
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'salt'`);
  return rows[0]!.value;
}

export interface ContentRow {
  definition: Definition;
  created_at: Date;
  updated_at: Date;
}

export async function getContent(db: Db, kind: Kind, id: string): Promise<ContentRow | undefined> {
  const { rows } = await db.query<ContentRow>(
    'SELECT definition, created_at, updated_at FROM content WHERE kind = $1 AND id = $2',
    [kind, id],
  );
  return rows[0];
}

export async function upsertContent(db: Db, kind: Kind, def: Definition): Promise<boolean> {
  const { rows } = await db.query<{ inserted: boolean }>(
    `INSERT INTO content (kind, id, definition) VALUES ($1, $2, $3::text::jsonb)
     ON CONFLICT (kind, id) DO UPDATE SET definition = excluded.definition, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
    [kind, def.id, JSON.stringify(def)],
  );
  return rows[0]!.inserted;
}

/** Checks a definition beyond its schema (vote k-of-n bounds, unique option ids, dates in order). */
export function definitionIssues(kind: Kind, def: Definition): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (def.opensAt && def.closesAt && Date.parse(def.opensAt) >= Date.parse(def.closesAt)) {
    issues.push({ path: ['closesAt'], code: 'too_small', message: '"closesAt" must be after "opensAt"' });
  }
  if (kind === 'vote') issues.push(...voteDefinitionIssues(def as VoteDef));
  if (kind === 'survey') issues.push(...surveyDefinitionIssues(def as SurveyDef));
  return issues;
}

/**
 * One CSV cell (RFC 4180): quoted when needed; a text starting with = + - @ (or a tab or CR) gets a
 * leading ' so that a spreadsheet never runs it as a formula. Numbers are written as they are.
 */
export function csvCell(v: unknown): string {
  let s = v === undefined || v === null ? '' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
  if (typeof v !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A public submission's channel (docs/protocol.md, "Assisted mode"): `web`, or `assisted` when a
 * mediator helped on a shared terminal, with the mediator's optional code, which only an assisted
 * submission may carry. Both go to their own columns (origin, mediator), not into the stored payload:
 * `stored` loses them.
 */
export function takeChannel(payload: Record<string, unknown>, stored: Record<string, unknown>, what: string): { origin: 'web' | 'assisted'; mediator: string | null } {
  const origin = payload.origin === 'assisted' ? 'assisted' : 'web';
  const mediator = typeof payload.mediator === 'string' && payload.mediator !== '' ? payload.mediator : null;
  delete stored.origin;
  delete stored.mediator;
  if (mediator !== null && origin !== 'assisted') {
    throw validationError([{ path: ['mediator'], code: 'invalid_value', message: '"mediator" only goes with "origin": "assisted" (a mediator helped on a shared terminal)' }], what);
  }
  return { origin, mediator };
}

/** The origins whose submissions carry an IP hash and share the rate limits by network: the widget's, standard or assisted. */
export const NETWORK_ORIGINS = `('web', 'assisted')`;

/**
 * The counters bumped by a ballot inserted by the CTE `ins` (nothing when it returned no row, so an
 * idempotent replay never counts twice): `vote_ballots` per origin and `vote_tallies` per option.
 * `firstOnly` is the parameter saying to count only the first choice (ranked votes: option counts
 * are first preferences). Counter rows are upserted in option-id order, so two multiple-choice
 * ballots cannot deadlock.
 */
function bumpCounters(firstOnly: string): string {
  return `  ), ballots AS (
    INSERT INTO vote_ballots (vote_id, origin, count, last_at)
    SELECT content_id, origin, 1, created_at FROM ins WHERE status = 'accepted'
    ON CONFLICT (vote_id, origin) DO UPDATE
      SET count = vote_ballots.count + excluded.count, last_at = greatest(vote_ballots.last_at, excluded.last_at)
  ), tallies AS (
    INSERT INTO vote_tallies (vote_id, option_id, origin, count)
    SELECT ins.content_id, c.choice, ins.origin, 1
      FROM ins, jsonb_array_elements_text(ins.payload -> 'choices') WITH ORDINALITY AS c(choice, pos)
     WHERE ins.status = 'accepted' AND (c.pos = 1 OR NOT ${firstOnly}::boolean)
     ORDER BY c.choice
    ON CONFLICT (vote_id, option_id, origin) DO UPDATE SET count = vote_tallies.count + excluded.count
  )`;
}

/**
 * Inserts a ballot (`kind = 'vote'`) and, when it was really inserted and is accepted, bumps the
 * counters of `vote_tallies`/`vote_ballots` in the same statement: an idempotent replay (ON
 * CONFLICT DO NOTHING returns no row) never counts twice. Parameters as `INSERT_SUBMISSION` ($1-$11),
 * plus $12: count only the first choice (see `bumpCounters`), $13: the mediator's code or null.
 */
export const INSERT_BALLOT = `WITH ins AS (
    INSERT INTO submissions
      (id, kind, content_id, idempotency_key, payload_hash, payload, origin, status, ip_hash, device_hash, created_at, mediator)
    VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10, $11::text::timestamptz, $13)
    ON CONFLICT DO NOTHING
    RETURNING id, content_id, payload_hash, payload, origin, status, created_at
${bumpCounters('$12')}
  SELECT id, payload_hash, status, created_at FROM ins`;

/**
 * A web ballot in one statement (one round trip): the row already stored under this idempotency
 * key, the rolling per-IP window, the insert with its counters, and the counters as they were
 * before it (the receipt's results are those plus this ballot). Parameters as `INSERT_BALLOT`, plus
 * $12 the window limit and $13 whether the ballot may be stored (open vote, valid choices: those
 * are checked in JS but only reported when the key is new). The window reads at most $12 rows in
 * index order, so it is exact and bounded. Only ballots from the widget (web or assisted) carry an
 * `ip_hash`, and they share the window. $14: first choice only (ranked), as in `INSERT_BALLOT`; $15:
 * the mediator's code or null.
 *
 * Atomic by itself on PGlite (one statement at a time); on PostgreSQL run it in a transaction after
 * `pg_advisory_xact_lock` on (vote, ip_hash), since its snapshot cannot see concurrent inserts.
 */
export const ACCEPT_BALLOT = `WITH prior AS (
    SELECT id, payload_hash, status, created_at FROM submissions
     WHERE kind = 'vote' AND content_id = $3 AND idempotency_key = $4
  ), win AS (
    SELECT count(*)::int AS n, min(created_at) AS oldest FROM (
      SELECT created_at FROM submissions
       WHERE kind = 'vote' AND content_id = $3 AND ip_hash = $9 AND origin IN ${NETWORK_ORIGINS}
         AND created_at > $11::text::timestamptz - interval '1 hour'
       ORDER BY created_at LIMIT $12::bigint) AS recent
  ), ins AS (
    INSERT INTO submissions
      (id, kind, content_id, idempotency_key, payload_hash, payload, origin, status, ip_hash, device_hash, created_at, mediator)
    SELECT $1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10, $11::text::timestamptz, $15
      FROM win WHERE $13::boolean AND win.n < $12::bigint AND NOT EXISTS (SELECT 1 FROM prior)
    ON CONFLICT DO NOTHING
    RETURNING id, content_id, payload_hash, payload, origin, status, created_at
${bumpCounters('$14')}
  SELECT 'inserted' AS what, id, payload_hash, status, created_at, NULL::text AS option_id, NULL::text AS origin, NULL::int AS n, NULL::timestamptz AS at FROM ins
  UNION ALL SELECT 'prior', id, payload_hash, status, created_at, NULL, NULL, NULL, NULL FROM prior
  UNION ALL SELECT 'window', NULL, NULL, NULL, NULL, NULL, NULL, n, oldest FROM win
  UNION ALL SELECT 'ballots', NULL, NULL, NULL, NULL, NULL, origin, count, last_at FROM vote_ballots WHERE vote_id = $3
  UNION ALL SELECT 'tallies', NULL, NULL, NULL, NULL, option_id, origin, count, NULL FROM vote_tallies WHERE vote_id = $3`;

export interface AcceptBallotRow {
  what: 'inserted' | 'prior' | 'window' | 'ballots' | 'tallies';
  id: string | null;
  payload_hash: string | null;
  status: string | null;
  created_at: Date | null;
  option_id: string | null;
  origin: string | null;
  n: number | null;
  at: Date | null;
}

/** Any other submission: same parameters ($1-$11), no counters; $12: the mediator's code or null. */
export const INSERT_SUBMISSION = `INSERT INTO submissions
      (id, kind, content_id, idempotency_key, payload_hash, payload, origin, status, ip_hash, device_hash, created_at, mediator)
    VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10, $11::text::timestamptz, $12)
    ON CONFLICT DO NOTHING
    RETURNING id, payload_hash, status, created_at`;

/** Results from the counters (O(options x origins)); `recountVoteResults` is the reference. */
export async function voteResults(db: Db, vote: VoteDef, now: Date): Promise<VoteResults> {
  const { rows } = await db.query<{ option_id: string | null; origin: string; n: number; last_at: Date | null }>(
    `SELECT NULL AS option_id, origin, count AS n, last_at FROM vote_ballots WHERE vote_id = $1
     UNION ALL
     SELECT option_id, origin, count AS n, NULL AS last_at FROM vote_tallies WHERE vote_id = $1`,
    [vote.id],
  );
  return resultsFromCounters(vote, now, rows);
}

/**
 * Results from counter rows (`option_id` NULL: ballots of an origin), plus `extra`: a ballot
 * inserted by the statement that read them, which a statement cannot see in its own snapshot.
 */
export function resultsFromCounters(
  vote: VoteDef,
  now: Date,
  rows: Array<{ option_id: string | null; origin: string; n: number; last_at: Date | null }>,
  extra?: { origin: string; choices: string[]; at: Date },
): VoteResults {
  const byChoice: Array<{ option_id: string; origin: string; n: number }> = [];
  const origins = new Map<string, { origin: string; n: number; last: Date | null }>();
  for (const r of rows) {
    if (r.option_id === null) origins.set(r.origin, { origin: r.origin, n: r.n, last: r.last_at });
    else byChoice.push({ option_id: r.option_id, origin: r.origin, n: r.n });
  }
  if (extra) {
    for (const c of extra.choices) byChoice.push({ option_id: c, origin: extra.origin, n: 1 });
    const o = origins.get(extra.origin);
    origins.set(extra.origin, { origin: extra.origin, n: (o?.n ?? 0) + 1, last: o?.last && o.last > extra.at ? o.last : extra.at });
  }
  return resultsOf(vote, now, byChoice, [...origins.values()]);
}

/** Results recounted from every stored ballot (O(ballots)): what the counters must always equal. */
export async function recountVoteResults(db: Db, vote: VoteDef, now: Date): Promise<VoteResults> {
  const counts = await db.query<{ option_id: string; origin: string; n: number }>(
    `SELECT option_id, origin, sum(n)::int AS n FROM (
       SELECT c.choice AS option_id, s.origin, 1 AS n
         FROM submissions s, jsonb_array_elements_text(s.payload -> 'choices') WITH ORDINALITY AS c(choice, pos)
        WHERE s.kind = 'vote' AND s.content_id = $1 AND s.status = 'accepted' AND (c.pos = 1 OR NOT $2::boolean)
       UNION ALL
       SELECT k.key, s.origin, k.value::int
         FROM submissions s, jsonb_each_text(s.payload -> 'counts') AS k(key, value)
        WHERE s.kind = 'vote' AND s.content_id = $1 AND s.status = 'accepted') AS x
      GROUP BY option_id, origin`,
    [vote.id, vote.method === 'ranked'],
  );
  const origins = await db.query<{ origin: string; n: number; last: Date | null }>(
    `SELECT origin, sum(coalesce((payload ->> 'ballots')::int, 1))::int AS n, max(created_at) AS last
       FROM submissions WHERE kind = 'vote' AND content_id = $1 AND status = 'accepted'
      GROUP BY origin`,
    [vote.id],
  );
  return resultsOf(vote, now, counts.rows, origins.rows);
}

function resultsOf(
  vote: VoteDef, now: Date, rows: Array<{ option_id: string; origin: string; n: number }>, origins: Array<{ origin: string; n: number; last: Date | null }>,
): VoteResults {
  const byChoice = new Map<string, number>();
  const perOrigin = new Map<string, Map<string, number>>(Origin.options.map((o) => [o, new Map()]));
  for (const r of rows) {
    byChoice.set(r.option_id, (byChoice.get(r.option_id) ?? 0) + r.n);
    const m = perOrigin.get(r.origin) ?? new Map<string, number>();
    m.set(r.option_id, (m.get(r.option_id) ?? 0) + r.n);
    perOrigin.set(r.origin, m);
  }
  const byOrigin: Record<string, number> = Object.fromEntries(Origin.options.map((o) => [o, 0]));
  let ballots = 0;
  let last = 0;
  for (const r of origins) {
    byOrigin[r.origin] = r.n;
    ballots += r.n;
    if (r.last) last = Math.max(last, new Date(r.last).getTime());
  }
  return {
    voteId: vote.id,
    phase: phaseOf(vote, now),
    ballots,
    options: vote.options.map((o) => ({ id: o.id, count: byChoice.get(o.id) ?? 0 })),
    byOrigin,
    optionsByOrigin: Object.fromEntries([...perOrigin].map(([origin, m]) => [origin, vote.options.map((o) => ({ id: o.id, count: m.get(o.id) ?? 0 }))])),
    updatedAt: new Date(last || now.getTime()).toISOString(),
  };
}

/** Accepted submissions per origin: `online` is the widget (assisted included), `paper` everything typed in. */
export async function acceptedCount(db: Db, kind: Kind, id: string): Promise<{ online: number; paper: number; total: number }> {
  const { rows } = await db.query<{ origin: string; n: number }>(
    `SELECT origin, count(*)::int AS n FROM submissions
      WHERE kind = $1 AND content_id = $2 AND status = 'accepted' GROUP BY origin`,
    [kind, id],
  );
  let online = 0;
  let paper = 0;
  for (const r of rows) {
    if (r.origin === 'web' || r.origin === 'assisted') online += r.n;
    else paper += r.n;
  }
  return { online, paper, total: online + paper };
}

/**
 * How many accepted submissions each channel brought (`GET /api/admin/{kind}/{id}/channels`): per
 * origin (every origin listed, 0 included) and, for assisted ones, per mediator's code (null: no
 * code given). A vote's paper or booth tally counts its ballots; a thread counts its published comments.
 */
export async function channelCounts(db: Db, kind: Kind, id: string): Promise<{ byOrigin: Record<string, number>; byMediator: Array<{ mediator: string | null; count: number }> }> {
  const { rows } = await db.query<{ origin: string; mediator: string | null; n: number }>(
    kind === 'comments'
      ? `SELECT origin, mediator, count(*)::int AS n FROM comments WHERE thread_id = $2 AND status = 'accepted' AND $1::text = 'comments' GROUP BY origin, mediator`
      : `SELECT origin, mediator, sum(CASE WHEN kind = 'vote' THEN coalesce((payload ->> 'ballots')::int, 1) ELSE 1 END)::int AS n FROM submissions
          WHERE kind = $1 AND content_id = $2 AND status = 'accepted' GROUP BY origin, mediator`,
    [kind, id],
  );
  const byOrigin: Record<string, number> = Object.fromEntries(Origin.options.map((o) => [o, 0]));
  const byMediator: Array<{ mediator: string | null; count: number }> = [];
  for (const r of rows) {
    byOrigin[r.origin] = (byOrigin[r.origin] ?? 0) + r.n;
    if (r.origin === 'assisted') byMediator.push({ mediator: r.mediator, count: r.n });
  }
  byMediator.sort((a, b) => b.count - a.count || String(a.mediator).localeCompare(String(b.mediator)));
  return { byOrigin, byMediator };
}

export function kindByPath(path: string): Kind | undefined {
  return (Object.keys(KINDS) as Kind[]).find((k) => KINDS[k].path === path);
}
