/**
 * Votes in the reference backend: ballot rules per method (single, multiple, ranked, budget),
 * invitation codes, eligibility answers, the locked rules of an open vote, the counting rules
 * (instant-runoff, Borda, greedy budget, Method of Equal Shares), paper/booth imports and exports.
 *
 * The counting functions are pure and exported for the tests; `createVoteService` wires the
 * database side for app.ts (public ballot path, results) and registers the vote admin routes.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { FieldIssue, VoteResults, LocalizedText } from '../src/api/schemas.js';
import type { Db } from './db.js';
import { ApiError, validationError } from './errors.js';
import {
  ACCEPT_BALLOT, canonicalJson, hmac, INSERT_BALLOT, phaseOf, resultsFromCounters, takeChannel, voteResults,
  type AcceptBallotRow, type VoteDef,
} from './store.js';
import { TallySubmission } from './admin-schemas.js';

/* ------------------------------------------------------------------ definitions and ballots */

type Path = Array<string | number>;
const EPS = 1e-9;

/** Checks a vote definition beyond its schema (called by store.ts `definitionIssues`). */
export function voteDefinitionIssues(v: VoteDef): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  v.options.forEach((o, i) => {
    if (seen.has(o.id)) issues.push({ path: ['options', i, 'id'], code: 'duplicate', message: `option id "${o.id}" is used twice` });
    seen.add(o.id);
  });
  const n = v.options.length;
  if (v.method === 'single' && (v.minChoices !== undefined || v.maxChoices !== undefined)) {
    issues.push({ path: ['method'], code: 'invalid_value', message: '"minChoices"/"maxChoices" only apply to method "multiple" (and "ranked", "budget")' });
  }
  if (v.review && (v.method === 'ranked' || v.method === 'budget')) {
    issues.push({ path: ['review'], code: 'invalid_value', message: `"review" only applies to methods "single" and "multiple": a budget always has a review step, and a ranked ballot shows the ranking as it is built` });
  }
  if (v.maxChoices !== undefined && v.maxChoices > n) {
    issues.push({ path: ['maxChoices'], code: 'too_big', message: `"maxChoices" must be at most the number of options (${n})` });
  }
  if (v.minChoices !== undefined && v.minChoices > (v.maxChoices ?? n)) {
    issues.push({ path: ['minChoices'], code: 'too_big', message: '"minChoices" must not exceed "maxChoices" or the number of options' });
  }
  if (v.method === 'budget') {
    if (!v.budget) issues.push({ path: ['budget'], code: 'required', message: '"budget" is required for method "budget"' });
    v.options.forEach((o, i) => {
      if (o.cost === undefined) issues.push({ path: ['options', i, 'cost'], code: 'required', message: `project "${o.id}" needs a "cost"` });
    });
    if (v.budget?.minShare) {
      const all = v.options.reduce((s, o) => s + (o.cost ?? 0), 0);
      if (all < v.budget.minShare * v.budget.total - EPS) {
        issues.push({ path: ['budget', 'minShare'], code: 'too_big', message: 'all projects together cost less than "minShare" of the total: no ballot could be valid' });
      }
    }
  }
  for (const facet of ['category', 'district'] as const) {
    const list = facet === 'category' ? v.categories : v.districts;
    if (!list) continue;
    const ids = new Set(list.map((f) => f.id));
    v.options.forEach((o, i) => {
      const value = o[facet];
      if (value !== undefined && !ids.has(value)) {
        issues.push({ path: ['options', i, facet], code: 'invalid_value', message: `${facet} "${value}" of "${o.id}" is not in "${facet === 'category' ? 'categories' : 'districts'}"` });
      }
    });
  }
  const questions = new Set<string>();
  (v.eligibility ?? []).forEach((q, i) => {
    if (questions.has(q.id)) issues.push({ path: ['eligibility', i, 'id'], code: 'duplicate', message: `question id "${q.id}" is used twice` });
    questions.add(q.id);
    if (q.type === 'choice' && !q.options?.length) issues.push({ path: ['eligibility', i, 'options'], code: 'required', message: `question "${q.id}" of type "choice" needs "options"` });
    if (q.type !== 'yesno' && q.mustBeYes) issues.push({ path: ['eligibility', i, 'mustBeYes'], code: 'invalid_value', message: '"mustBeYes" only applies to "yesno" questions' });
  });
  return issues;
}

/** How many choices a ballot must and may hold. */
export function choiceBounds(vote: VoteDef): { min: number; max: number } {
  if (vote.method === 'single') return { min: 1, max: 1 };
  return { min: vote.minChoices ?? 1, max: vote.maxChoices ?? vote.options.length };
}

/**
 * The rules of a ballot's `choices` for its method: known options, no duplicates, min/max; for
 * budgets the total cost (`over_budget`, `under_min_share`) and, with a district code, the
 * district of every project (`wrong_district`, path to the choice).
 */
export function ballotIssues(vote: VoteDef, choices: string[], path: Path = ['choices'], district?: string | null): FieldIssue[] {
  const byId = new Map(vote.options.map((o) => [o.id, o]));
  const issues: FieldIssue[] = [];
  const unknown = choices.filter((c) => !byId.has(c));
  if (unknown.length) {
    issues.push({ path, code: 'unknown_option', message: `unknown option${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` });
  }
  if (new Set(choices).size !== choices.length) {
    issues.push({ path, code: 'duplicate', message: 'an option is chosen more than once' });
  }
  const { min, max } = choiceBounds(vote);
  const what = vote.method === 'ranked' ? 'rank' : 'choose';
  if (choices.length < min) issues.push({ path, code: 'too_few', message: `${what} at least ${min} option${min > 1 ? 's' : ''}` });
  if (choices.length > max) issues.push({ path, code: 'too_many', message: `${what} at most ${max} option${max > 1 ? 's' : ''}` });
  if (vote.method === 'budget' && vote.budget && !unknown.length) {
    const cost = [...new Set(choices)].reduce((s, c) => s + (byId.get(c)!.cost ?? 0), 0);
    const { total, minShare } = vote.budget;
    if (cost > total + EPS) issues.push({ path, code: 'over_budget', message: `the chosen projects cost ${cost}, more than the budget of ${total}` });
    else if (minShare && cost < minShare * total - EPS) {
      issues.push({ path, code: 'under_min_share', message: `the chosen projects cost ${cost}: spend at least ${minShare * total} (${Math.round(minShare * 100)} % of ${total})` });
    }
  }
  if (district) {
    choices.forEach((c, i) => {
      const d = byId.get(c)?.district;
      if (d !== undefined && d !== district) issues.push({ path: [...path, i], code: 'wrong_district', message: `"${c}" is in district "${d}": this code votes in "${district}"` });
    });
  }
  return issues;
}

/** Eligibility answers: `eligibility_required`, `not_eligible` (mustBeYes), `invalid_value`, `unknown_field`. */
export function eligibilityIssues(vote: VoteDef, answers: Record<string, boolean | string> | undefined): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const qs = vote.eligibility ?? [];
  const given = answers ?? {};
  for (const q of qs) {
    const path = ['eligibility', q.id];
    const a = given[q.id];
    if (a === undefined) {
      if (q.required || q.mustBeYes) issues.push({ path, code: 'eligibility_required', message: `answer the question "${q.id}"` });
      continue;
    }
    if (q.type === 'yesno' && typeof a !== 'boolean') issues.push({ path, code: 'invalid_value', message: `"${q.id}" takes true or false` });
    else if (q.type === 'choice' && !(q.options ?? []).some((o) => o.id === a)) issues.push({ path, code: 'invalid_value', message: `"${q.id}" takes one of ${(q.options ?? []).map((o) => o.id).join(', ')}` });
    else if (q.mustBeYes && a !== true) issues.push({ path, code: 'not_eligible', message: `only residents answering yes to "${q.id}" may vote` });
  }
  for (const k of Object.keys(given)) {
    if (!qs.some((q) => q.id === k)) issues.push({ path: ['eligibility', k], code: 'unknown_field', message: `no eligibility question "${k}"` });
  }
  return issues;
}

/** Every rule of a public ballot that needs no database: choices, eligibility, a code when needed. */
export function submissionIssues(vote: VoteDef, payload: { choices: string[]; code?: string; eligibility?: Record<string, boolean | string> }): FieldIssue[] {
  const issues = [...ballotIssues(vote, payload.choices), ...eligibilityIssues(vote, payload.eligibility)];
  if (vote.access === 'codes' && !normaliseCode(payload.code ?? '')) {
    issues.push({ path: ['code'], code: 'invalid_code', message: 'this vote needs an invitation code' });
  }
  return issues;
}

/** What cannot change once a vote has opened. Option labels, descriptions, images, categories may. */
function lockedRules(d: VoteDef): string {
  return canonicalJson({
    method: d.method,
    options: d.options.map((o) => ({ id: o.id, cost: o.cost, district: o.district })),
    minChoices: d.minChoices, maxChoices: d.maxChoices, ranking: d.ranking, budget: d.budget,
    access: d.access ?? 'open', eligibility: d.eligibility ?? [],
  });
}

/**
 * Why replacing `old` by `next` is refused (409 conflict), or undefined. Once a vote is open or
 * closed (even with no ballots) its rules are locked; `opensAt` is then in the past and cannot
 * change, nor can a `closesAt` already past. Titles, descriptions and a future `closesAt` may.
 */
export function lockedChange(old: VoteDef, next: VoteDef, now: Date): string | undefined {
  const phase = phaseOf(old, now);
  if (phase === 'scheduled') return undefined;
  if (lockedRules(old) !== lockedRules(next)) {
    return `The rules of vote "${old.id}" are locked since it opened: method, options (ids, costs, districts), minChoices, maxChoices, ranking, budget, access and eligibility cannot change. Titles and descriptions may.`;
  }
  if ((old.opensAt ?? null) !== (next.opensAt ?? null)) return `Vote "${old.id}" has opened: "opensAt" cannot change any more.`;
  if (phase === 'closed' && (old.closesAt ?? null) !== (next.closesAt ?? null)) return `Vote "${old.id}" has closed: "closesAt" cannot change any more.`;
  return undefined;
}

/* ------------------------------------------------------------------ invitation codes */

/** 31 characters without 0/O, 1/I/L: easy to read aloud and to type from paper. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;

export function newCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** Upper case, without spaces and dashes ("abcd-efgh 23" and "ABCDEFGH23" are the same code). */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export function codeHash(salt: string, voteId: string, code: string): string {
  return hmac(salt, `code:${voteId}:${normaliseCode(code)}`);
}

/* ------------------------------------------------------------------ counting rules */

type Counts = Array<{ id: string; count: number }>;
export interface IrvResult { rounds: Array<{ counts: Counts; eliminated: string[]; exhausted: number }>; winner: string | null }

/**
 * Borda count. With n options, a ballot gives n-1 points to its first choice, n-2 to its second,
 * ... A ballot ranking only k < n options gives its ranked options the same n-1 ... n-k points
 * and 0 to every option it left out. `order`: score descending; equal scores by more first
 * preferences, then definition order.
 */
export function borda(optionIds: string[], ballots: string[][]): { scores: Counts; order: string[] } {
  const n = optionIds.length;
  const score = new Map(optionIds.map((id) => [id, 0]));
  const first = new Map(optionIds.map((id) => [id, 0]));
  for (const b of ballots) {
    b.forEach((c, p) => score.set(c, (score.get(c) ?? 0) + Math.max(0, n - 1 - p)));
    if (b[0] !== undefined) first.set(b[0], (first.get(b[0]) ?? 0) + 1);
  }
  const index = new Map(optionIds.map((id, i) => [id, i]));
  const order = [...optionIds].sort((a, b) => score.get(b)! - score.get(a)! || first.get(b)! - first.get(a)! || index.get(a)! - index.get(b)!);
  return { scores: optionIds.map((id) => ({ id, count: score.get(id)! })), order };
}

/**
 * Instant-runoff. Each round counts every ballot for its highest-ranked continuing option; a
 * ballot with none left is exhausted. An option with more than half of the continuing
 * (non-exhausted) ballots wins, or the last one standing. Otherwise one option is eliminated: the
 * fewest votes this round; ties by fewest votes in the previous round, then the lowest Borda score
 * (as {@link borda}), then the option listed last in the definition.
 */
export function irv(optionIds: string[], ballots: string[][]): IrvResult {
  if (!ballots.length) return { rounds: [], winner: null };
  const bordaScore = new Map(borda(optionIds, ballots).scores.map((s) => [s.id, s.count]));
  const index = new Map(optionIds.map((id, i) => [id, i]));
  const continuing = new Set(optionIds);
  const rounds: IrvResult['rounds'] = [];
  let previous: Map<string, number> | undefined;
  for (;;) {
    const counts = new Map([...continuing].map((id) => [id, 0]));
    let exhausted = 0;
    for (const b of ballots) {
      const top = b.find((c) => continuing.has(c));
      if (top === undefined) exhausted++;
      else counts.set(top, counts.get(top)! + 1);
    }
    const active = ballots.length - exhausted;
    const list = optionIds.filter((id) => continuing.has(id)).map((id) => ({ id, count: counts.get(id)! }));
    const leader = list.reduce((a, b) => (b.count > a.count ? b : a));
    if (list.length === 1 || leader.count * 2 > active) {
      rounds.push({ counts: list, eliminated: [], exhausted });
      return { rounds, winner: leader.id };
    }
    const prev = previous;
    const loser = [...list].sort(
      (a, b) => a.count - b.count
        || (prev ? prev.get(a.id)! - prev.get(b.id)! : 0)
        || bordaScore.get(a.id)! - bordaScore.get(b.id)!
        || index.get(b.id)! - index.get(a.id)!,
    )[0]!;
    rounds.push({ counts: list, eliminated: [loser.id], exhausted });
    continuing.delete(loser.id);
    previous = counts;
  }
}

interface Project { id: string; cost: number }

/** Greedy order: more votes first; equal votes, cheaper first; then definition order. */
function greedyOrder(projects: Project[], votes: Map<string, number>): Project[] {
  const index = new Map(projects.map((p, i) => [p.id, i]));
  return [...projects].sort((a, b) => (votes.get(b.id) ?? 0) - (votes.get(a.id) ?? 0) || a.cost - b.cost || index.get(a.id)! - index.get(b.id)!);
}

/**
 * Greedy budget (the common rule): projects in greedy order, each funded when it fits in what is
 * left, skipped otherwise (later, cheaper projects may still fit). Projects without a vote are
 * never funded. `winners` in funding order.
 */
export function greedy(projects: Project[], votes: Map<string, number>, total: number, already: string[] = [], spent0 = 0): { winners: string[]; spent: number } {
  const winners = [...already];
  let spent = spent0;
  for (const p of greedyOrder(projects, votes)) {
    if (winners.includes(p.id) || !(votes.get(p.id) ?? 0)) continue;
    if (spent + p.cost <= total + EPS * Math.max(1, total)) {
      winners.push(p.id);
      spent += p.cost;
    }
  }
  return { winners, spent };
}

/**
 * Method of Equal Shares with approval utilities (Peters & Skowron; as equalshares.net and
 * pabutools' `method_of_equal_shares` with approval satisfaction), then greedy completion.
 * Every ballot gets an equal share `total / ballots` of the budget. A project is affordable when
 * its approvers still hold at least its cost together; it then costs each approver min(share
 * left, ρ), with ρ the smallest cap that pays the cost. Each step funds the affordable project with
 * the smallest ρ (ties: more votes, cheaper, definition order) until none is affordable. Budget
 * left is then spent by the greedy rule (votes descending, cheaper, definition order; skipping what
 * does not fit) on the remaining projects — "MES + greedy completion" — not the Add1 completion.
 * `winners`: MES picks in order, then completion picks.
 */
export function mes(projects: Project[], ballots: string[][], total: number): { winners: string[]; spent: number } {
  const votes = new Map<string, number>();
  const lists = new Map<string, number[]>();
  ballots.forEach((b, i) => {
    for (const c of new Set(b)) {
      votes.set(c, (votes.get(c) ?? 0) + 1);
      const list = lists.get(c) ?? [];
      list.push(i);
      lists.set(c, list);
    }
  });
  if (!ballots.length) return { winners: [], spent: 0 };
  const share = new Float64Array(ballots.length).fill(total / ballots.length);
  const eps = EPS * Math.max(1, total);
  // Candidates in definition order with their approvers; `bound` is a lower bound of ρ (shares
  // only shrink, so ρ only grows), which lets a step stop scanning once no candidate can beat the best.
  let candidates = projects
    .map((p, index) => ({ p, index, votes: votes.get(p.id) ?? 0, who: Int32Array.from(lists.get(p.id) ?? []), bound: 0 }))
    .filter((c) => c.who.length > 0);
  for (const c of candidates) c.bound = c.p.cost / c.who.length;
  type Candidate = (typeof candidates)[number];
  const before = (a: Candidate, rhoA: number, b: Candidate, rhoB: number) =>
    rhoA < rhoB - eps || (Math.abs(rhoA - rhoB) <= eps && (a.votes - b.votes || b.p.cost - a.p.cost || b.index - a.index) > 0);
  const winners: string[] = [];
  let spent = 0;
  for (;;) {
    candidates.sort((a, b) => a.bound - b.bound || b.votes - a.votes || a.p.cost - b.p.cost || a.index - b.index);
    let best: { c: Candidate; rho: number } | undefined;
    const unaffordable = new Set<Candidate>();
    for (const c of candidates) {
      if (best && c.bound > best.rho + eps) break;
      let sum = 0;
      let min = Infinity;
      for (const i of c.who) {
        sum += share[i]!;
        if (share[i]! < min) min = share[i]!;
      }
      if (sum < c.p.cost - eps) {
        unaffordable.add(c); // for good: shares never grow
        continue;
      }
      let rho: number;
      if (min * c.who.length >= c.p.cost - eps) rho = c.p.cost / c.who.length;
      else {
        const budgets = Array.from(c.who, (i) => share[i]!).sort((x, y) => x - y);
        let paid = 0;
        rho = c.p.cost;
        for (let j = 0; j < budgets.length; j++) {
          const left = budgets.length - j;
          if (budgets[j]! * left >= c.p.cost - paid - eps) {
            rho = (c.p.cost - paid) / left;
            break;
          }
          paid += budgets[j]!;
        }
      }
      c.bound = rho;
      if (!best || before(c, rho, best.c, best.rho)) best = { c, rho };
    }
    candidates = candidates.filter((c) => !unaffordable.has(c) && c !== best?.c);
    if (!best) break;
    for (const i of best.c.who) share[i] = Math.max(0, share[i]! - Math.min(share[i]!, best.rho));
    winners.push(best.c.p.id);
    spent += best.c.p.cost;
  }
  return greedy(projects, votes, total, winners, spent);
}

/* ------------------------------------------------------------------ CSV and Pabulib */

function csvCell(v: unknown, sep: string): string {
  const s = v === undefined || v === null ? '' : String(v);
  return s.includes(sep) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvLine = (cells: unknown[], sep = ',') => cells.map((c) => csvCell(c, sep)).join(sep);

function text(t: LocalizedText | undefined, lang = 'fr'): string {
  if (t === undefined) return '';
  if (typeof t === 'string') return t;
  return t[lang] ?? t.en ?? Object.values(t)[0] ?? '';
}

/* ------------------------------------------------------------------ the service */

interface SubmissionRow { id: string; payload_hash: string; status: string; created_at: Date }

export interface VoteServiceDeps {
  db: Db;
  salt: string;
  /** PGlite: one statement at a time, nothing to lock against. */
  serialised: boolean;
  voteIpLimit: number;
  hashIp(ip: string): string;
  hashDevice(token: string): string;
  findByKey(q: Db, id: string, key: string): Promise<SubmissionRow | undefined>;
  readVote(id: string): Promise<VoteDef>;
  parseBody(schema: { safeParse(v: unknown): unknown }, body: unknown, what: string): unknown;
  /** How long rule results (IRV, Borda, MES) computed from stored ballots are reused (ms). */
  rulesCacheMs: number;
}

type Answer = (row: SubmissionRow, duplicate: boolean, results?: VoteResults) => Promise<unknown>;

const ORIGINS_OF_BALLOTS = `kind = 'vote' AND content_id = $1 AND status = 'accepted' AND jsonb_typeof(payload -> 'choices') = 'array'`;

/** Counts typed in from paper or a booth (single/multiple/budget): one row, counters bumped by the counts. */
const INSERT_COUNTS = `WITH ins AS (
    INSERT INTO submissions
      (id, kind, content_id, idempotency_key, payload_hash, payload, origin, status, ip_hash, device_hash, created_at)
    VALUES ($1, 'vote', $2, $3, $4, $5::text::jsonb, $6, 'accepted', NULL, NULL, $7::text::timestamptz)
    ON CONFLICT DO NOTHING
    RETURNING content_id, payload, origin, created_at
  ), ballots AS (
    INSERT INTO vote_ballots (vote_id, origin, count, last_at)
    SELECT content_id, origin, (payload ->> 'ballots')::int, created_at FROM ins
    ON CONFLICT (vote_id, origin) DO UPDATE
      SET count = vote_ballots.count + excluded.count, last_at = greatest(vote_ballots.last_at, excluded.last_at)
  ), tallies AS (
    INSERT INTO vote_tallies (vote_id, option_id, origin, count)
    SELECT ins.content_id, c.key, ins.origin, c.value::int
      FROM ins, jsonb_each_text(ins.payload -> 'counts') AS c(key, value)
     ORDER BY c.key
    ON CONFLICT (vote_id, option_id, origin) DO UPDATE SET count = vote_tallies.count + excluded.count
  )
  SELECT 1 AS added FROM ins`;

export function createVoteService(deps: VoteServiceDeps) {
  const { db, salt, serialised, voteIpLimit } = deps;
  const ruleCache = new Map<string, { key: string; rules: string; at: number; value: Pick<VoteResults, 'ranked'> & { mes?: { winners: string[]; spent: number } } }>();

  async function storedBallots(voteId: string): Promise<Array<{ origin: string; choices: string[]; day: string; eligibility?: Record<string, unknown> }>> {
    const { rows } = await db.query<{ origin: string; choices: string[]; day: string; eligibility: Record<string, unknown> | null }>(
      `SELECT origin, payload -> 'choices' AS choices, payload -> 'eligibility' AS eligibility,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
         FROM submissions WHERE ${ORIGINS_OF_BALLOTS}
        ORDER BY day, origin, (payload -> 'choices')::text, (payload -> 'eligibility')::text`,
      [voteId],
    );
    return rows.map((r) => ({ origin: r.origin, choices: r.choices, day: r.day, ...(r.eligibility ? { eligibility: r.eligibility } : {}) }));
  }

  /** Adds the counting rules to results built from the counters. */
  async function withRules(vote: VoteDef, base: VoteResults): Promise<VoteResults> {
    if (vote.method !== 'ranked' && vote.method !== 'budget') return base;
    const out: VoteResults = { ...base };
    const rules = lockedRules(vote);
    const cacheKey = `${base.ballots}|${base.updatedAt}`;
    let hit = ruleCache.get(vote.id);
    const fresh = hit && hit.rules === rules && (hit.key === cacheKey || performance.now() - hit.at < deps.rulesCacheMs);
    if (!fresh) {
      const ballots = (await storedBallots(vote.id)).map((b) => b.choices);
      const ids = vote.options.map((o) => o.id);
      const value: NonNullable<typeof hit>['value'] = {};
      if (vote.method === 'ranked') {
        const count = vote.ranking?.count ?? 'both';
        value.ranked = {
          ...(count !== 'borda' ? { irv: irv(ids, ballots) } : {}),
          ...(count !== 'irv' ? { borda: borda(ids, ballots) } : {}),
        };
      } else if (vote.budget && vote.budget.rule !== 'greedy') {
        value.mes = mes(vote.options.map((o) => ({ id: o.id, cost: o.cost ?? 0 })), ballots, vote.budget.total);
      }
      hit = { key: cacheKey, rules, at: performance.now(), value };
      ruleCache.set(vote.id, hit);
    }
    if (hit!.value.ranked) out.ranked = hit!.value.ranked;
    if (vote.method === 'budget' && vote.budget) {
      const projects = vote.options.map((o) => ({ id: o.id, cost: o.cost ?? 0 }));
      out.budget = {
        total: vote.budget.total,
        // Greedy reads the counters: it includes paper/booth counts imported without ballots.
        ...(vote.budget.rule !== 'mes' ? { greedy: greedy(projects, new Map(base.options.map((o) => [o.id, o.count])), vote.budget.total) } : {}),
        ...(hit!.value.mes ? { mes: hit!.value.mes } : {}),
      };
    }
    return out;
  }

  async function results(vote: VoteDef, now = new Date()): Promise<VoteResults> {
    return withRules(vote, await voteResults(db, vote, now));
  }

  /**
   * A web ballot of an open vote: on PGlite one statement (ACCEPT_BALLOT) and nothing else; on
   * PostgreSQL the same statement in a transaction holding an advisory lock on (vote, IP), so that
   * the rolling window stays exact under concurrency. Order of answers as for every kind: a stored
   * key replays first (even once closed), then not_open/closed, then the ballot rules, then the window.
   */
  async function acceptBallot(
    ip: string, vote: VoteDef, key: string, payload: Record<string, unknown>, payloadHash: string,
    refusal: (now: Date) => ApiError | undefined, answer: Answer,
  ): Promise<unknown> {
    if (vote.access === 'codes') return acceptCodeBallot(vote, key, payload, payloadHash, refusal, answer);
    const now = new Date();
    const refused = refusal(now);
    const ipHash = deps.hashIp(ip);
    const stored = { ...payload };
    delete stored.deviceToken;
    delete stored.code;
    const { origin, mediator } = takeChannel(payload, stored, 'The ballot');
    const firstOnly = vote.method === 'ranked';
    const choices = payload.choices as string[];
    // One ballot per device, except on a mediator's terminal (assisted): people take turns on it,
    // and the token it sends is used once. The window per network applies to both.
    const deviceHash = origin === 'assisted' ? null : deps.hashDevice(payload.deviceToken as string);
    const params = [
      randomUUID(), 'vote', vote.id, key, payloadHash, JSON.stringify(stored), origin, 'accepted', ipHash,
      deviceHash, now.toISOString(), voteIpLimit, refused === undefined, firstOnly, mediator,
    ];
    const run = async (q: Db) => {
      const { rows } = await q.query<AcceptBallotRow>(ACCEPT_BALLOT, params);
      const counters = rows
        .filter((r) => r.what === 'ballots' || r.what === 'tallies')
        .map((r) => ({ option_id: r.option_id, origin: r.origin!, n: r.n!, last_at: r.at }));
      const pick = (what: AcceptBallotRow['what']) => rows.find((r) => r.what === what);
      const asRow = (r: AcceptBallotRow): SubmissionRow => ({ id: r.id!, payload_hash: r.payload_hash!, status: r.status!, created_at: r.created_at! });
      const inserted = pick('inserted');
      if (inserted) {
        const extra = { origin, choices: firstOnly ? choices.slice(0, 1) : choices, at: new Date(inserted.created_at!) };
        return { row: asRow(inserted), duplicate: false, results: resultsFromCounters(vote, now, counters, extra) };
      }
      const prior = pick('prior');
      if (prior) return { row: asRow(prior), duplicate: true, results: resultsFromCounters(vote, now, counters) };
      if (refused) throw refused;
      const w = pick('window')!;
      if (w.n! >= voteIpLimit) {
        const until = (w.at ? new Date(w.at).getTime() : now.getTime()) + 3600_000;
        const retryAfter = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
        throw new ApiError(429, 'rate_limited', `Too many ballots from this network for this vote: retry in ${retryAfter} s.`, undefined, retryAfter);
      }
      // Nothing inserted although allowed: the device already voted, or the same key was stored
      // concurrently (PostgreSQL, another address): read it back in a new snapshot.
      const row = await deps.findByKey(q, vote.id, key);
      return { row, duplicate: true, results: undefined };
    };
    const outcome = serialised
      ? await run(db)
      : await db.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`vote:${vote.id}:${ipHash}`]);
          return run(tx);
        });
    if (!outcome.row) throw new ApiError(409, 'already_submitted', 'This device has already submitted to this vote.');
    return answer(outcome.row, outcome.duplicate, outcome.results && (await withRules(vote, outcome.results)));
  }

  /**
   * A ballot of a private space (`access: 'codes'`): in one transaction, the code is looked up
   * (row locked), checked (unknown: 400 invalid_code; used: 409 already_submitted; other district:
   * 400 wrong_district), marked used and the ballot inserted. Neither the code nor its hash, the IP
   * or the device is stored with the ballot; device uniqueness and the IP window do not apply.
   */
  async function acceptCodeBallot(
    vote: VoteDef, key: string, payload: Record<string, unknown>, payloadHash: string,
    refusal: (now: Date) => ApiError | undefined, answer: Answer,
  ): Promise<unknown> {
    const now = new Date();
    const stored = { ...payload };
    delete stored.deviceToken;
    delete stored.code;
    const { origin, mediator } = takeChannel(payload, stored, 'The ballot');
    const hash = codeHash(salt, vote.id, String(payload.code ?? ''));
    const outcome = await db.transaction(async (tx) => {
      const prior = await deps.findByKey(tx, vote.id, key);
      if (prior) return { row: prior, duplicate: true };
      const refused = refusal(now);
      if (refused) throw refused;
      const { rows } = await tx.query<{ district: string | null; used: boolean }>(
        'SELECT district, used FROM vote_codes WHERE vote_id = $1 AND code_hash = $2 FOR UPDATE', [vote.id, hash]);
      const code = rows[0];
      if (!code) throw validationError([{ path: ['code'], code: 'invalid_code', message: 'this invitation code is not valid for this vote' }], 'The ballot');
      if (code.used) throw new ApiError(409, 'already_submitted', 'This invitation code has already been used.');
      const issues = ballotIssues(vote, payload.choices as string[], ['choices'], code.district).filter((i) => i.code === 'wrong_district');
      if (issues.length) throw validationError(issues, 'The ballot');
      await tx.query('UPDATE vote_codes SET used = true WHERE vote_id = $1 AND code_hash = $2', [vote.id, hash]);
      const inserted = await tx.query<SubmissionRow>(INSERT_BALLOT, [
        randomUUID(), 'vote', vote.id, key, payloadHash, JSON.stringify(stored), origin, 'accepted', null, null, now.toISOString(), vote.method === 'ranked', mediator,
      ]);
      if (!inserted.rows[0]) throw new ApiError(409, 'conflict', 'This ballot was submitted concurrently with the same Idempotency-Key: retry.');
      return { row: inserted.rows[0], duplicate: false };
    });
    return answer(outcome.row, outcome.duplicate, await results(vote, new Date()));
  }

  /** The vote admin routes, registered inside the admin scope of app.ts (bearer token checked there). */
  function registerAdmin(admin: FastifyInstance): void {
    admin.post<{ Params: { id: string } }>('/api/admin/votes/:id/tallies', async (request, reply) => {
      const vote = await deps.readVote(request.params.id);
      const tally = deps.parseBody(TallySubmission, request.body, 'The tally') as TallySubmission;
      const headerKey = request.headers['idempotency-key'];
      const batch = typeof headerKey === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(headerKey) ? headerKey : randomUUID();
      const now = new Date().toISOString();
      let added = 0;
      if ('counts' in tally) {
        if (vote.method === 'ranked') {
          throw validationError([{ path: ['counts'], code: 'invalid_value', message: 'a ranked vote imports full ballots ({ "ballots": [{ "choices": [...] }] }): instant-runoff and Borda need the rankings' }], 'The tally');
        }
        const issues: FieldIssue[] = [];
        const known = new Set(vote.options.map((o) => o.id));
        const { max } = choiceBounds(vote);
        let sum = 0;
        for (const [id, n] of Object.entries(tally.counts)) {
          if (!known.has(id)) issues.push({ path: ['counts', id], code: 'unknown_option', message: `unknown option: ${id}` });
          if (n > tally.ballots) issues.push({ path: ['counts', id], code: 'too_many', message: `"${id}" has more votes (${n}) than there are ballots (${tally.ballots})` });
          sum += n;
        }
        if (sum > tally.ballots * max) issues.push({ path: ['counts'], code: 'too_many', message: `${sum} choices on ${tally.ballots} ballots of at most ${max} choice${max > 1 ? 's' : ''}` });
        if (issues.length) throw validationError(issues, 'The tally');
        const payload = { counts: Object.fromEntries(Object.entries(tally.counts).filter(([, n]) => n > 0)), ballots: tally.ballots };
        const { rows } = await db.query(INSERT_COUNTS, [
          randomUUID(), vote.id, `${tally.origin}:${batch}:counts`, hmac(salt, `payload:${canonicalJson(payload)}`), JSON.stringify(payload), tally.origin, now,
        ]);
        added = rows.length ? tally.ballots : 0;
      } else {
        const issues = tally.ballots.flatMap((b, i) => ballotIssues(vote, b.choices, ['ballots', i, 'choices']));
        if (issues.length) throw validationError(issues, 'The tally');
        added = await db.transaction(async (tx) => {
          // Two batches of one origin bump the same counter rows in different orders: one at a time.
          if (!serialised) await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tally:${vote.id}:${tally.origin}`]);
          let n = 0;
          for (const [i, b] of tally.ballots.entries()) {
            const payload = { choices: b.choices };
            const { rows } = await tx.query(INSERT_BALLOT, [
              randomUUID(), 'vote', vote.id, `${tally.origin}:${batch}:${i}`, hmac(salt, `payload:${canonicalJson(payload)}`),
              JSON.stringify(payload), tally.origin, 'accepted', null, null, now, vote.method === 'ranked', null,
            ]);
            n += rows.length;
          }
          return n;
        });
      }
      ruleCache.delete(vote.id);
      return reply.status(added ? 201 : 200).send({ added, results: await results(vote, new Date()) });
    });

    admin.post<{ Params: { id: string }; Body: { count?: unknown; district?: unknown } }>('/api/admin/votes/:id/codes', async (request, reply) => {
      const vote = await deps.readVote(request.params.id);
      const body = (request.body ?? {}) as { count?: unknown; district?: unknown };
      const issues: FieldIssue[] = [];
      const count = body.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 10000) {
        issues.push({ path: ['count'], code: 'invalid_value', message: '"count" must be a whole number from 1 to 10000' });
      }
      const district = body.district;
      if (district !== undefined && (typeof district !== 'string' || !(vote.districts ?? []).some((d) => d.id === district))) {
        issues.push({ path: ['district'], code: 'invalid_value', message: `"district" must be one of the vote's districts: ${(vote.districts ?? []).map((d) => d.id).join(', ') || '(none)'}` });
      }
      if (issues.length) throw validationError(issues, 'The code request');
      if (vote.access !== 'codes') throw new ApiError(409, 'conflict', `Vote "${vote.id}" is open to every device: set "access": "codes" before issuing invitation codes.`);
      const codes = new Set<string>();
      while (codes.size < (count as number)) codes.add(newCode());
      const list = [...codes];
      const { rows } = await db.query<{ n: number }>(
        `WITH ins AS (INSERT INTO vote_codes (vote_id, code_hash, district)
           SELECT $1, h, $3 FROM jsonb_array_elements_text($2::text::jsonb) AS h
           ON CONFLICT DO NOTHING RETURNING 1)
         SELECT count(*)::int AS n FROM ins`,
        [vote.id, JSON.stringify(list.map((c) => codeHash(salt, vote.id, c))), district ?? null],
      );
      // A collision with an earlier code (31^10 codes: practically never) would silently lose a code.
      if (rows[0]!.n !== list.length) throw new Error('invitation code collision: retry');
      reply.header('Cache-Control', 'no-store');
      return reply.status(201).send({ codes: list });
    });

    admin.get<{ Params: { id: string } }>('/api/admin/votes/:id/codes', async (request) => {
      const vote = await deps.readVote(request.params.id);
      const { rows } = await db.query<{ district: string | null; issued: number; used: number }>(
        `SELECT district, count(*)::int AS issued, count(*) FILTER (WHERE used)::int AS used
           FROM vote_codes WHERE vote_id = $1 GROUP BY district ORDER BY district NULLS FIRST`,
        [vote.id],
      );
      return {
        voteId: vote.id,
        issued: rows.reduce((s, r) => s + r.issued, 0),
        used: rows.reduce((s, r) => s + r.used, 0),
        byDistrict: rows.map((r) => ({ district: r.district, issued: r.issued, used: r.used })),
      };
    });

    admin.get<{ Params: { id: string } }>('/api/admin/votes/:id/export/results.csv', async (request, reply) => {
      const vote = await deps.readVote(request.params.id);
      const r = await results(vote);
      const origins = Object.keys(r.byOrigin);
      const borda = new Map(r.ranked?.borda?.scores.map((s) => [s.id, s.count]));
      const out = new Map(r.ranked?.irv?.rounds.flatMap((round, i) => round.eliminated.map((id) => [id, i + 1] as const)));
      const head = ['option', 'label', 'cost', 'category', 'district', 'votes', ...origins];
      if (r.ranked?.borda) head.push('borda');
      if (r.ranked?.irv) head.push('irv');
      if (r.budget?.greedy) head.push('greedy');
      if (r.budget?.mes) head.push('mes');
      const lines = [csvLine(head)];
      for (const [i, o] of vote.options.entries()) {
        const row: unknown[] = [o.id, text(o.label), o.cost, o.category, o.district, r.options[i]!.count,
          ...origins.map((g) => r.optionsByOrigin?.[g]?.[i]?.count ?? 0)];
        if (r.ranked?.borda) row.push(borda.get(o.id));
        if (r.ranked?.irv) row.push(r.ranked.irv.winner === o.id ? 'winner' : out.has(o.id) ? `out in round ${out.get(o.id)}` : '');
        if (r.budget?.greedy) row.push(r.budget.greedy.winners.includes(o.id) ? 'funded' : '');
        if (r.budget?.mes) row.push(r.budget.mes.winners.includes(o.id) ? 'funded' : '');
        lines.push(csvLine(row));
      }
      lines.push(csvLine(['#ballots', '', '', '', '', r.ballots, ...origins.map((g) => r.byOrigin[g])]));
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${vote.id}-results.csv"`).send(`${lines.join('\r\n')}\r\n`);
    });

    admin.get<{ Params: { id: string } }>('/api/admin/votes/:id/export/ballots.csv', async (request, reply) => {
      const vote = await deps.readVote(request.params.id);
      const ballots = await storedBallots(vote.id);
      const qs = (vote.eligibility ?? []).map((q) => q.id);
      const lines = [csvLine(['day', 'origin', 'choices', ...qs.map((q) => `eligibility:${q}`)])];
      for (const b of ballots) lines.push(csvLine([b.day, b.origin, b.choices.join(' '), ...qs.map((q) => b.eligibility?.[q] ?? '')]));
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${vote.id}-ballots.csv"`).send(`${lines.join('\r\n')}\r\n`);
    });

    admin.get<{ Params: { id: string } }>('/api/admin/votes/:id/export/pabulib.pb', async (request, reply) => {
      const vote = await deps.readVote(request.params.id);
      if (vote.method !== 'budget' || !vote.budget) throw new ApiError(409, 'conflict', `Vote "${vote.id}" is not a participatory budget: Pabulib files describe budgets only.`);
      const ballots = await storedBallots(vote.id);
      const votes = new Map<string, number>();
      for (const b of ballots) for (const c of b.choices) votes.set(c, (votes.get(c) ?? 0) + 1);
      const projects = vote.options.map((o) => ({ id: o.id, cost: o.cost ?? 0 }));
      const selected = new Set(greedy(projects, votes, vote.budget.total).winners);
      const { max } = choiceBounds(vote);
      const meta: Array<[string, unknown]> = [
        ['description', text(vote.title)], ['country', 'France'], ['unit', vote.id], ['instance', vote.id],
        ['num_projects', vote.options.length], ['num_votes', ballots.length], ['budget', vote.budget.total],
        ['vote_type', 'approval'], ['rule', 'greedy'],
        ['date_begin', vote.opensAt ? vote.opensAt.slice(0, 10) : ''], ['date_end', vote.closesAt ? vote.closesAt.slice(0, 10) : ''],
        ['min_length', vote.minChoices ?? 1], ['max_length', max],
        ['comment', 'Exported by the civic-widgets reference backend; ballots imported as counts only are not included'],
      ];
      if (vote.budget.currency) meta.push(['currency', vote.budget.currency]);
      const lines = ['META', csvLine(['key', 'value'], ';'), ...meta.map((m) => csvLine(m, ';'))];
      lines.push('PROJECTS', csvLine(['project_id', 'cost', 'votes', 'name', 'category', 'target', 'selected'], ';'));
      for (const o of vote.options) {
        lines.push(csvLine([o.id, o.cost ?? 0, votes.get(o.id) ?? 0, text(o.label), o.category, o.district, selected.has(o.id) ? 1 : 0], ';'));
      }
      lines.push('VOTES', csvLine(['voter_id', 'vote', 'voting_method'], ';'));
      ballots.forEach((b, i) => lines.push(csvLine([i + 1, b.choices.join(','), b.origin === 'web' ? 'internet' : b.origin], ';')));
      return reply.type('text/plain; charset=utf-8').header('Content-Disposition', `attachment; filename="${vote.id}.pb"`).send(`${lines.join('\n')}\n`);
    });
  }

  return { acceptBallot, results, withRules, registerAdmin };
}
