/** Queries and domain rules shared by the routes, the content loader and the admin API. */
import { createHmac, createHash, randomBytes } from 'node:crypto';
import { KINDS, type Kind, type Phase, type VoteResults, Origin } from '../src/api/schemas.js';
import type { Db } from './db.js';
import type { FieldIssue } from '../src/api/schemas.js';

export type Definition = Record<string, unknown> & { id: string; opensAt?: string | null; closesAt?: string | null };

export interface VoteDef extends Definition {
  method: 'single' | 'multiple';
  options: Array<{ id: string }>;
  minChoices?: number;
  maxChoices?: number;
  resultsVisibility: 'after-vote' | 'after-close';
}

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
  if (kind === 'vote') {
    const v = def as VoteDef;
    const seen = new Set<string>();
    v.options.forEach((o, i) => {
      if (seen.has(o.id)) issues.push({ path: ['options', i, 'id'], code: 'duplicate', message: `option id "${o.id}" is used twice` });
      seen.add(o.id);
    });
    const n = v.options.length;
    if (v.method === 'single' && (v.minChoices !== undefined || v.maxChoices !== undefined)) {
      issues.push({ path: ['method'], code: 'invalid_value', message: '"minChoices"/"maxChoices" only apply to method "multiple"' });
    }
    if (v.maxChoices !== undefined && v.maxChoices > n) {
      issues.push({ path: ['maxChoices'], code: 'too_big', message: `"maxChoices" must be at most the number of options (${n})` });
    }
    if (v.minChoices !== undefined && v.minChoices > (v.maxChoices ?? n)) {
      issues.push({ path: ['minChoices'], code: 'too_big', message: '"minChoices" must not exceed "maxChoices" or the number of options' });
    }
  }
  return issues;
}

/** The k-of-n rules of a ballot, as field issues at path ['choices']. */
export function ballotIssues(vote: VoteDef, choices: string[], path: Array<string | number> = ['choices']): FieldIssue[] {
  const known = new Set(vote.options.map((o) => o.id));
  const issues: FieldIssue[] = [];
  const unknown = choices.filter((c) => !known.has(c));
  if (unknown.length) {
    issues.push({ path, code: 'unknown_option', message: `unknown option${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` });
  }
  if (new Set(choices).size !== choices.length) {
    issues.push({ path, code: 'duplicate', message: 'an option is chosen more than once' });
  }
  const min = vote.method === 'single' ? 1 : (vote.minChoices ?? 1);
  const max = vote.method === 'single' ? 1 : (vote.maxChoices ?? vote.options.length);
  if (choices.length < min) issues.push({ path, code: 'too_few', message: `choose at least ${min} option${min > 1 ? 's' : ''}` });
  if (choices.length > max) issues.push({ path, code: 'too_many', message: `choose at most ${max} option${max > 1 ? 's' : ''}` });
  return issues;
}

export async function voteResults(db: Db, vote: VoteDef, now: Date): Promise<VoteResults> {
  const [counts, origins] = await Promise.all([
    db.query<{ choice: string; n: number }>(
      `SELECT c.choice, count(*)::int AS n
         FROM submissions s, jsonb_array_elements_text(s.payload -> 'choices') AS c(choice)
        WHERE s.kind = 'vote' AND s.content_id = $1 AND s.status = 'accepted'
        GROUP BY c.choice`,
      [vote.id],
    ),
    db.query<{ origin: string; n: number; last: Date | null }>(
      `SELECT origin, count(*)::int AS n, max(created_at) AS last
         FROM submissions WHERE kind = 'vote' AND content_id = $1 AND status = 'accepted'
        GROUP BY origin`,
      [vote.id],
    ),
  ]);
  const byChoice = new Map(counts.rows.map((r) => [r.choice, r.n]));
  const byOrigin: Record<string, number> = Object.fromEntries(Origin.options.map((o) => [o, 0]));
  let ballots = 0;
  let last = 0;
  for (const r of origins.rows) {
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
    updatedAt: new Date(last || now.getTime()).toISOString(),
  };
}

/** Accepted submissions per origin: `online` is the widget, `paper` everything typed in. */
export async function acceptedCount(db: Db, kind: Kind, id: string): Promise<{ online: number; paper: number; total: number }> {
  const { rows } = await db.query<{ origin: string; n: number }>(
    `SELECT origin, count(*)::int AS n FROM submissions
      WHERE kind = $1 AND content_id = $2 AND status = 'accepted' GROUP BY origin`,
    [kind, id],
  );
  let online = 0;
  let paper = 0;
  for (const r of rows) {
    if (r.origin === 'web') online += r.n;
    else paper += r.n;
  }
  return { online, paper, total: online + paper };
}

export function kindByPath(path: string): Kind | undefined {
  return (Object.keys(KINDS) as Kind[]).find((k) => KINDS[k].path === path);
}
