/**
 * Surveys in the reference backend: answers checked with the rules the widget runs
 * (src/api/survey-rules.ts), results when the organiser publishes them, open-data exports and
 * paper responses. The POST of a response stays the generic one of app.ts (idempotency, one per
 * device, phases); it calls {@link responseIssues} and {@link storedResponse} from here.
 *
 * - A response is checked against the questions visible for its own answers; answers to hidden
 *   (or unknown) questions are dropped, never stored, never refused (a stale widget or a condition
 *   flipped by a later answer must not lose the resident's response).
 * - Results (`GET /surveys/:id/results[?origin=]`) are aggregated in SQL from accepted responses:
 *   counts per option, yes/no, scale value and matrix cell, mean ranking positions, number stats,
 *   and free texts only for questions with `publishText` (newest first, at most 200).
 * - Exports (admin): one row per response with stable column ids, as CSV (RFC 4180, UTF-8 BOM,
 *   formula-injection guard) or JSON; contact details only in their own columns, and only when
 *   the survey asks for them.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Origin, type FieldIssue, type Kind, type QuestionResult, type SurveyDefinition, type SurveyQuestion, type SurveyResponse, type SurveyResults } from '../src/api/schemas.js';
import { answerIssues, OTHER, pruneHidden, toFieldIssues, type Answers } from '../src/api/survey-rules.js';
import { PaperResponses } from './admin-schemas.js';
import type { Db } from './db.js';
import { ApiError, validationError } from './errors.js';
import { canonicalJson, csvCell, hmac, INSERT_SUBMISSION, toIso, type Definition } from './store.js';

/** A stored survey definition (the parsed `SurveyDefinitionInput`). */
export type SurveyDef = Definition & Omit<SurveyDefinition, 'phase' | 'serverTime'>;

/** What app.ts hands over. */
export interface SurveyContext {
  db: Db;
  salt: string;
  loadDefinition(kind: Kind, id: string): Promise<Definition>;
  parseBody(kind: Kind | null, schema: { safeParse(v: unknown): unknown }, body: unknown, what?: string): unknown;
  requireJson(request: FastifyRequest): void;
  requireAdmin(request: FastifyRequest): void;
}

/** Most texts listed per question in the results. */
export const MAX_TEXTS = 200;
/** Paper batches may be large: typed in from a stack of forms. */
export const PAPER_BODY_LIMIT = 2 * 1024 * 1024;

const questionsOf = (def: SurveyDef): SurveyQuestion[] => def.pages.flatMap((p) => p.questions);

/* ------------------------------------------------------------------ responses */

type ResponseBody = Pick<SurveyResponse, 'answers' | 'other'>;

/** The answers as they will be stored: hidden and unknown questions out, "other" texts kept only with "other". */
function pruned(def: SurveyDef, body: ResponseBody): { answers: Answers; other: Record<string, string> } {
  return pruneHidden(def, body.answers, body.other ?? {});
}

/** Problems with the answers to the visible questions (paths into the posted body). */
export function responseIssues(def: SurveyDef, body: ResponseBody): FieldIssue[] {
  const p = pruned(def, body);
  return toFieldIssues(answerIssues(def, p.answers, p.other));
}

/** What is stored of a valid response: visible answers, their "other" texts, contact details when asked for. */
export function storedResponse(def: SurveyDef, body: ResponseBody & { contact?: SurveyResponse['contact'] }): Record<string, unknown> {
  const p = pruned(def, body);
  const out: Record<string, unknown> = { answers: p.answers };
  if (Object.keys(p.other).length) out.other = p.other;
  if (def.contact && body.contact) {
    const contact: Record<string, string> = {};
    if (body.contact.name?.trim()) contact.name = body.contact.name.trim();
    if (body.contact.email?.trim()) contact.email = body.contact.email.trim();
    if (Object.keys(contact).length) out.contact = contact;
  }
  return out;
}

/* ------------------------------------------------------------------ definitions */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
/** Scale values listed in results: a scale spans at most this many steps. */
const MAX_SCALE_SPAN = 100;

/**
 * Checks a survey beyond its schema: unique ids, patterns that compile, bounds in order, and
 * conditions that look back at existing questions with existing options (the widget shows a
 * question from the answers before it, so a condition on a later question never holds).
 */
export function surveyDefinitionIssues(def: SurveyDef): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (path: Array<string | number>, code: string, message: string) => issues.push({ path, code, message });
  const pageIds = new Set<string>();
  const seen = new Map<string, { q: SurveyQuestion; page: number }>();
  const before: Array<Map<string, { q: SurveyQuestion; page: number }>> = [];

  const checkCondition = (cond: unknown, path: Array<string | number>, known: Map<string, { q: SurveyQuestion; page: number }>, where: string): void => {
    const c = cond as Record<string, unknown>;
    if (Array.isArray(c.all)) return c.all.forEach((x, i) => checkCondition(x, [...path, 'all', i], known, where));
    if (Array.isArray(c.any)) return c.any.forEach((x, i) => checkCondition(x, [...path, 'any', i], known, where));
    if (c.not) return checkCondition(c.not, [...path, 'not'], known, where);
    const id = String(c.question);
    const ref = known.get(id);
    if (!ref) {
      const later = seen.has(id) || questionsOf(def).some((q) => q.id === id);
      add([...path, 'question'], 'invalid_value', later
        ? `"${id}" is not answered before ${where}: a condition can only depend on earlier questions (earlier pages for a page condition)`
        : `no question "${id}" in this survey`);
      return;
    }
    if (ref.q.type === 'info') add([...path, 'question'], 'invalid_value', `"${id}" is an information block: it has no answer`);
    const values = 'equals' in c ? [c.equals] : Array.isArray(c.oneOf) ? c.oneOf : [];
    const q = ref.q;
    let allowed: string[] | undefined;
    if (q.type === 'single' || q.type === 'dropdown' || q.type === 'multiple' || q.type === 'ranking') allowed = [...q.options.map((o) => o.id), ...('other' in q && q.other ? [OTHER] : [])];
    else if (q.type === 'matrix') allowed = q.columns.map((o) => o.id);
    values.forEach((v, i) => {
      if (allowed && !allowed.includes(String(v))) {
        add([...path, 'equals' in c ? 'equals' : 'oneOf', ...('equals' in c ? [] : [i])], 'unknown_option', `"${String(v)}" is not an option of "${id}" (${allowed.join(', ')})`);
      }
    });
  };

  def.pages.forEach((page, pi) => {
    const pPath = ['pages', pi];
    if (pageIds.has(page.id)) add([...pPath, 'id'], 'duplicate', `page id "${page.id}" is used twice`);
    pageIds.add(page.id);
    before.push(new Map(seen));
    if (page.visibleIf) checkCondition(page.visibleIf, [...pPath, 'visibleIf'], before[pi]!, `page "${page.id}"`);
    page.questions.forEach((q, qi) => {
      const path = [...pPath, 'questions', qi];
      if (seen.has(q.id)) add([...path, 'id'], 'duplicate', `question id "${q.id}" is used twice`);
      if (q.visibleIf) checkCondition(q.visibleIf, [...path, 'visibleIf'], seen, `question "${q.id}"`);
      const unique = (list: Array<{ id: string }>, name: string) => {
        const ids = new Set<string>();
        list.forEach((o, i) => {
          if (ids.has(o.id)) add([...path, name, i, 'id'], 'duplicate', `"${o.id}" is used twice in the ${name} of "${q.id}"`);
          ids.add(o.id);
        });
      };
      switch (q.type) {
        case 'text':
        case 'textarea':
        case 'email':
          if (q.minLength !== undefined && q.maxLength !== undefined && q.minLength > q.maxLength) add([...path, 'maxLength'], 'too_small', `"${q.id}": maxLength is below minLength`);
          if (q.pattern !== undefined) {
            try {
              new RegExp(`^(?:${q.pattern})$`, 'u');
            } catch (err) {
              add([...path, 'pattern'], 'invalid_format', `"${q.id}": the pattern is not a valid regular expression (${(err as Error).message}); it is checked with the u flag against the whole answer`);
            }
          }
          break;
        case 'number':
          if (q.min !== undefined && q.max !== undefined && q.min > q.max) add([...path, 'max'], 'too_small', `"${q.id}": max is below min`);
          if (q.step !== undefined && !(q.step > 0)) add([...path, 'step'], 'too_small', `"${q.id}": step must be more than 0`);
          break;
        case 'date':
          for (const k of ['min', 'max'] as const) if (q[k] !== undefined && !validDate(q[k])) add([...path, k], 'invalid_format', `"${q.id}": ${k} must be a date YYYY-MM-DD`);
          if (q.min && q.max && q.min > q.max) add([...path, 'max'], 'too_small', `"${q.id}": max is before min`);
          break;
        case 'single':
        case 'dropdown':
        case 'multiple': {
          unique(q.options, 'options');
          const n = q.options.length + (q.other ? 1 : 0);
          if (q.minSelected !== undefined && (q.minSelected < 0 || q.minSelected > n)) add([...path, 'minSelected'], 'invalid_value', `"${q.id}": minSelected must be between 0 and the number of choices (${n})`);
          if (q.maxSelected !== undefined && q.maxSelected < Math.max(1, q.minSelected ?? 0)) add([...path, 'maxSelected'], 'too_small', `"${q.id}": maxSelected must be at least 1 and at least minSelected`);
          if (q.publishText && !q.other) add([...path, 'publishText'], 'invalid_value', `"${q.id}": publishText publishes the "other" texts; set other: true or remove it`);
          break;
        }
        case 'scale':
          if (q.min >= q.max) add([...path, 'max'], 'too_small', `"${q.id}": max must be above min`);
          else if (q.max - q.min > MAX_SCALE_SPAN) add([...path, 'max'], 'too_big', `"${q.id}": a scale spans at most ${MAX_SCALE_SPAN} steps (use a number question)`);
          break;
        case 'ranking':
          unique(q.options, 'options');
          break;
        case 'matrix':
          unique(q.rows, 'rows');
          unique(q.columns, 'columns');
          break;
        default:
          break;
      }
      seen.set(q.id, { q, page: pi });
    });
  });
  return issues;
}

/* ------------------------------------------------------------------ results */

interface ResultRow {
  what: 'origin' | 'answered' | 'value' | 'item' | 'cell' | 'stats' | 'text' | 'other';
  q: string | null;
  v: string | null;
  v2: string | null;
  pos: number | null;
  n: number;
  lo: number | null;
  hi: number | null;
  mean: number | null;
  median: number | null;
  at: Date | null;
}

/**
 * Every aggregate of a survey's accepted responses in one statement. $1 survey id, $2 origin or
 * NULL, $3 ids of questions counted by value (choices, yes/no, consent, scale), $4 ids counted by
 * list item (multiple, ranking), $5 matrix ids, $6 number and scale ids (stats), $7 ids whose
 * answers are published as texts, $8 ids whose "other" texts are published, $9 most texts.
 */
const RESULTS = `WITH r AS (
    SELECT id, origin, payload, created_at FROM submissions
     WHERE kind = 'survey' AND content_id = $1 AND status = 'accepted'
  ), f AS (
    SELECT * FROM r WHERE $2::text IS NULL OR origin = $2::text
  ), a AS (
    SELECT f.id, f.created_at, x.key AS q, x.value FROM f, jsonb_each(f.payload -> 'answers') AS x
  )
  SELECT 'origin' AS what, NULL AS q, origin AS v, NULL AS v2, NULL::int AS pos, count(*)::int AS n,
         NULL::float8 AS lo, NULL::float8 AS hi, NULL::float8 AS mean, NULL::float8 AS median, max(created_at) AS at
    FROM r GROUP BY origin
  UNION ALL SELECT 'answered', q, NULL, NULL, NULL, count(*)::int, NULL, NULL, NULL, NULL, NULL FROM a GROUP BY q
  UNION ALL SELECT 'value', q, value #>> '{}', NULL, NULL, count(*)::int, NULL, NULL, NULL, NULL, NULL
    FROM a WHERE q = ANY($3::text[]) AND jsonb_typeof(value) IN ('string', 'number', 'boolean') GROUP BY q, value #>> '{}'
  UNION ALL SELECT 'item', q, e.item, NULL, e.pos::int, count(*)::int, NULL, NULL, NULL, NULL, NULL
    FROM a, jsonb_array_elements_text(CASE WHEN jsonb_typeof(a.value) = 'array' THEN a.value ELSE '[]'::jsonb END) WITH ORDINALITY AS e(item, pos)
   WHERE q = ANY($4::text[]) GROUP BY q, e.item, e.pos
  UNION ALL SELECT 'cell', q, c.key, c.value, NULL, count(*)::int, NULL, NULL, NULL, NULL, NULL
    FROM a, jsonb_each_text(CASE WHEN jsonb_typeof(a.value) = 'object' THEN a.value ELSE '{}'::jsonb END) AS c
   WHERE q = ANY($5::text[]) GROUP BY q, c.key, c.value
  UNION ALL SELECT 'stats', q, NULL, NULL, NULL, count(*)::int, min(x), max(x), avg(x), percentile_cont(0.5) WITHIN GROUP (ORDER BY x), NULL
    FROM (SELECT q, (value #>> '{}')::float8 AS x FROM a WHERE q = ANY($6::text[]) AND jsonb_typeof(value) = 'number') AS s GROUP BY q
  UNION ALL SELECT 'text', q, v, NULL, rn::int, 1, NULL, NULL, NULL, NULL, NULL FROM (
      SELECT q, value #>> '{}' AS v, row_number() OVER (PARTITION BY q ORDER BY created_at DESC, id DESC) AS rn
        FROM a WHERE q = ANY($7::text[]) AND jsonb_typeof(value) IN ('string', 'number')) AS t WHERE rn <= $9::int
  UNION ALL SELECT 'other', q, v, NULL, rn::int, 1, NULL, NULL, NULL, NULL, NULL FROM (
      SELECT o.key AS q, o.value AS v, row_number() OVER (PARTITION BY o.key ORDER BY f.created_at DESC, f.id DESC) AS rn
        FROM f, jsonb_each_text(coalesce(f.payload -> 'other', '{}'::jsonb)) AS o WHERE o.key = ANY($8::text[])) AS t WHERE rn <= $9::int`;

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The published results of a survey, for every origin or one. */
export async function surveyResults(db: Db, def: SurveyDef, origin: string | null, now = new Date()): Promise<SurveyResults> {
  const qs = questionsOf(def).filter((q) => q.type !== 'info');
  const ids = (pred: (q: SurveyQuestion) => boolean) => qs.filter(pred).map((q) => q.id);
  const { rows } = await db.query<ResultRow>(RESULTS, [
    def.id,
    origin,
    ids((q) => ['single', 'dropdown', 'yesno', 'consent', 'scale'].includes(q.type)),
    ids((q) => q.type === 'multiple' || q.type === 'ranking'),
    ids((q) => q.type === 'matrix'),
    ids((q) => q.type === 'number' || q.type === 'scale'),
    ids((q) => (q.type === 'text' || q.type === 'textarea' || q.type === 'number' || q.type === 'date') && q.publishText === true),
    ids((q) => (q.type === 'single' || q.type === 'dropdown' || q.type === 'multiple') && q.other === true && q.publishText === true),
    MAX_TEXTS,
  ]);

  const byOrigin: Record<string, number> = Object.fromEntries(Origin.options.map((o) => [o, 0]));
  let last = 0;
  const results: Record<string, QuestionResult> = {};
  for (const q of qs) {
    const r: QuestionResult = { answered: 0 };
    if (q.type === 'single' || q.type === 'dropdown' || q.type === 'multiple') {
      r.counts = Object.fromEntries(q.options.map((o) => [o.id, 0]));
      if (q.other) r.counts[OTHER] = 0;
      if (q.other && q.publishText) r.other = [];
    } else if (q.type === 'yesno' || q.type === 'consent') r.counts = { yes: 0, no: 0 };
    else if (q.type === 'scale') {
      r.counts = {};
      for (let v = q.min; v <= q.max; v++) r.counts[String(v)] = 0;
    } else if (q.type === 'matrix') r.matrix = Object.fromEntries(q.rows.map((row) => [row.id, Object.fromEntries(q.columns.map((c) => [c.id, 0]))]));
    else if (q.type === 'ranking') r.ranking = {};
    if ((q.type === 'text' || q.type === 'textarea' || q.type === 'number' || q.type === 'date') && q.publishText) r.texts = [];
    results[q.id] = r;
  }
  const rankSums = new Map<string, Map<string, { sum: number; n: number }>>();
  const texts: Array<{ q: string; list: 'texts' | 'other'; v: string; pos: number }> = [];

  for (const row of rows) {
    if (row.what === 'origin') {
      byOrigin[row.v!] = row.n;
      if (row.at) last = Math.max(last, new Date(row.at).getTime());
      continue;
    }
    const r = results[row.q!];
    const q = qs.find((x) => x.id === row.q);
    if (!r || !q) continue;
    switch (row.what) {
      case 'answered':
        r.answered = row.n;
        break;
      case 'value': {
        const key = q.type === 'yesno' || q.type === 'consent' ? (row.v === 'true' ? 'yes' : row.v === 'false' ? 'no' : null) : row.v;
        if (key !== null && r.counts && key in r.counts) r.counts[key] = r.counts[key]! + row.n;
        break;
      }
      case 'item':
        if (q.type === 'multiple' && r.counts && row.v! in r.counts) r.counts[row.v!] = r.counts[row.v!]! + row.n;
        else if (q.type === 'ranking' && q.options.some((o) => o.id === row.v)) {
          const m = rankSums.get(q.id) ?? new Map<string, { sum: number; n: number }>();
          const s = m.get(row.v!) ?? { sum: 0, n: 0 };
          m.set(row.v!, { sum: s.sum + row.pos! * row.n, n: s.n + row.n });
          rankSums.set(q.id, m);
        }
        break;
      case 'cell': {
        const cells = r.matrix?.[row.v!];
        if (cells && row.v2! in cells) cells[row.v2!] = cells[row.v2!]! + row.n;
        break;
      }
      case 'stats':
        r.numbers = { min: row.lo!, max: row.hi!, mean: round(row.mean!), median: row.median! };
        break;
      case 'text':
      case 'other':
        texts.push({ q: q.id, list: row.what === 'text' ? 'texts' : 'other', v: row.v!, pos: row.pos! });
        break;
    }
  }
  for (const [qid, m] of rankSums) {
    const q = qs.find((x) => x.id === qid) as Extract<SurveyQuestion, { type: 'ranking' }>;
    results[qid]!.ranking = Object.fromEntries(q.options.filter((o) => m.has(o.id)).map((o) => [o.id, round(m.get(o.id)!.sum / m.get(o.id)!.n)]));
  }
  texts.sort((a, b) => a.pos - b.pos);
  for (const t of texts) results[t.q]![t.list]?.push(t.v);

  const responses = origin ? byOrigin[origin] ?? 0 : Object.values(byOrigin).reduce((a, b) => a + b, 0);
  return { surveyId: def.id, responses, byOrigin, origin, questions: results, updatedAt: new Date(last || now.getTime()).toISOString() };
}

/* ------------------------------------------------------------------ exports */

interface ExportRow {
  id: string;
  origin: string;
  payload: { answers?: Answers; other?: Record<string, string>; contact?: { name?: string; email?: string } };
  created_at: Date;
}

/** The stable columns of the export, in definition order: `[column id, cell of a response]`. */
function exportColumns(def: SurveyDef): Array<[string, (r: ExportRow) => unknown]> {
  const cols: Array<[string, (r: ExportRow) => unknown]> = [
    ['id', (r) => r.id],
    ['received_at', (r) => toIso(r.created_at).slice(0, 10)],
    ['origin', (r) => r.origin],
  ];
  const answer = (r: ExportRow, id: string) => r.payload.answers?.[id];
  for (const q of questionsOf(def)) {
    if (q.type === 'info') continue;
    if (q.type === 'matrix') {
      for (const row of q.rows) {
        cols.push([`${q.id}.${row.id}`, (r) => {
          const v = answer(r, q.id);
          return v && typeof v === 'object' && !Array.isArray(v) ? v[row.id] : undefined;
        }]);
      }
      continue;
    }
    cols.push([q.id, (r) => {
      const v = answer(r, q.id);
      return Array.isArray(v) ? v.join(' | ') : v;
    }]);
    if ((q.type === 'single' || q.type === 'dropdown' || q.type === 'multiple') && q.other) cols.push([`${q.id}.other`, (r) => r.payload.other?.[q.id]]);
  }
  if (def.contact) {
    cols.push(['contact.name', (r) => r.payload.contact?.name], ['contact.email', (r) => r.payload.contact?.email]);
  }
  return cols;
}

/* ------------------------------------------------------------------ the routes */

export async function registerSurveys(app: FastifyInstance, ctx: SurveyContext): Promise<void> {
  const { db, salt } = ctx;
  const readSurvey = async (id: string) => (await ctx.loadDefinition('survey', id)) as SurveyDef;

  const originOf = (raw: unknown): string | null => {
    if (raw === undefined || raw === '') return null;
    if (typeof raw !== 'string' || !(Origin.options as readonly string[]).includes(raw)) {
      throw validationError([{ path: ['origin'], code: 'invalid_value', message: `"origin" must be one of ${Origin.options.join(', ')}` }], 'The query');
    }
    return raw;
  };

  app.get<{ Params: { id: string }; Querystring: { origin?: string } }>('/api/surveys/:id/results', async (request, reply) => {
    const def = await readSurvey(request.params.id);
    if (def.resultsPublished !== true) {
      throw new ApiError(403, 'results_hidden', 'The results of this survey are not published: the organiser publishes them with "resultsPublished": true in the definition.');
    }
    const origin = originOf(request.query.origin);
    reply.header('Cache-Control', 'no-store');
    return surveyResults(db, def, origin);
  });

  await app.register(async (admin) => {
    admin.addHook('onRequest', async (request) => ctx.requireAdmin(request));

    const responses = async (def: SurveyDef) =>
      (await db.query<ExportRow>(
        `SELECT id, origin, payload, created_at FROM submissions
          WHERE kind = 'survey' AND content_id = $1 AND status = 'accepted' ORDER BY created_at, idempotency_key`,
        [def.id],
      )).rows;

    admin.get<{ Params: { id: string } }>('/api/admin/surveys/:id/responses.csv', async (request, reply) => {
      const def = await readSurvey(request.params.id);
      const cols = exportColumns(def);
      const lines = [cols.map(([id]) => csvCell(id)).join(',')];
      for (const r of await responses(def)) lines.push(cols.map(([, cell]) => csvCell(cell(r))).join(','));
      return reply
        .header('Content-Disposition', `attachment; filename="${def.id}-responses.csv"`)
        .header('Cache-Control', 'no-store')
        .type('text/csv; charset=utf-8')
        .send(`\ufeff${lines.join('\r\n')}\r\n`);
    });

    admin.get<{ Params: { id: string } }>('/api/admin/surveys/:id/responses.json', async (request, reply) => {
      const def = await readSurvey(request.params.id);
      const questions = questionsOf(def)
        .filter((q) => q.type !== 'info')
        .map((q) => ({
          id: q.id, type: q.type, label: q.label,
          ...('options' in q ? { options: q.options, ...('other' in q && q.other ? { other: true } : {}) } : {}),
          ...(q.type === 'matrix' ? { rows: q.rows, columns: q.columns } : {}),
          ...(q.type === 'scale' ? { min: q.min, max: q.max } : {}),
        }));
      const items = (await responses(def)).map((r) => ({
        id: r.id,
        receivedAt: toIso(r.created_at).slice(0, 10),
        origin: r.origin,
        answers: r.payload.answers ?? {},
        ...(r.payload.other ? { other: r.payload.other } : {}),
        ...(def.contact && r.payload.contact ? { contact: r.payload.contact } : {}),
      }));
      reply.header('Content-Disposition', `attachment; filename="${def.id}-responses.json"`).header('Cache-Control', 'no-store');
      return { survey: { id: def.id, title: def.title }, questions, responses: items };
    });

    admin.post<{ Params: { id: string } }>('/api/admin/surveys/:id/paper', { bodyLimit: PAPER_BODY_LIMIT }, async (request, reply) => {
      const def = await readSurvey(request.params.id);
      ctx.requireJson(request);
      const body = ctx.parseBody(null, PaperResponses, request.body, 'The paper responses') as PaperResponses;
      const issues: FieldIssue[] = [];
      body.responses.forEach((resp, i) => {
        for (const f of responseIssues(def, resp)) issues.push({ ...f, path: ['responses', i, ...f.path], message: `response ${i + 1}: ${f.message}` });
      });
      if (issues.length) throw validationError(issues, 'The paper responses');
      const headerKey = request.headers['idempotency-key'];
      const batch = typeof headerKey === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(headerKey) ? headerKey : randomUUID();
      const at = new Date().toISOString();
      const added = await db.transaction(async (tx) => {
        let n = 0;
        for (const [i, resp] of body.responses.entries()) {
          const stored = storedResponse(def, resp);
          const { rows } = await tx.query(INSERT_SUBMISSION, [
            randomUUID(), 'survey', def.id, `paper:${batch}:${String(i).padStart(6, '0')}`, hmac(salt, `payload:${canonicalJson(stored)}`),
            JSON.stringify(stored), 'paper', 'accepted', null, null, at,
          ]);
          n += rows.length;
        }
        return n;
      });
      const { rows } = await db.query<{ origin: string; n: number }>(
        `SELECT origin, count(*)::int AS n FROM submissions WHERE kind = 'survey' AND content_id = $1 AND status = 'accepted' GROUP BY origin`,
        [def.id],
      );
      const byOrigin: Record<string, number> = Object.fromEntries(Origin.options.map((o) => [o, 0]));
      for (const r of rows) byOrigin[r.origin] = r.n;
      return reply.status(added ? 201 : 200).send({ added, byOrigin });
    });
  });
}
