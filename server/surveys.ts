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
import { answerIssues, isAnswered, OTHER, pruneHidden, toFieldIssues, type Answers } from '../src/api/survey-rules.js';
import { PaperResponses } from './admin-schemas.js';
import type { AppOptions } from './app.js';
import type { Db } from './db.js';
import { ApiError, validationError } from './errors.js';
import { canonicalJson, csvCell, hmac, INSERT_SUBMISSION, sha256, toIso, type Definition } from './store.js';

export interface SurveyOptions {
  /**
   * How long published results are reused while responses arrive (ms, default 5000; 0: recomputed
   * whenever a response arrives or leaves). Results whose responses and definition are unchanged
   * are reused whatever their age; a changed definition is always recomputed.
   */
  resultsCacheMs?: number;
}

declare module './app.js' {
  interface AppOptions {
    /** Survey settings (server/surveys.ts). */
    surveys?: SurveyOptions;
  }
}

/** A stored survey definition (the parsed `SurveyDefinitionInput`). */
export type SurveyDef = Definition & Omit<SurveyDefinition, 'phase' | 'serverTime'>;

/** What app.ts hands over. */
export interface SurveyContext {
  db: Db;
  salt: string;
  options: AppOptions;
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

/** Responses read per query when aggregating (memory stays bounded whatever the survey's size). */
const PAGE = 2000;

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The newest texts of a question, kept bounded while responses are read in any order. */
class NewestTexts {
  private items: Array<{ at: number; id: string; text: string }> = [];
  add(at: number, id: string, text: string): void {
    this.items.push({ at, id, text });
    if (this.items.length >= 2 * MAX_TEXTS) this.trim();
  }
  private trim(): void {
    this.items.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    this.items.length = Math.min(this.items.length, MAX_TEXTS);
  }
  list(): string[] {
    this.trim();
    return this.items.map((i) => i.text);
  }
}

/**
 * The published results of a survey, for every origin or one: accepted responses read page by page
 * (keyset on the idempotency key, which the unique index orders) and aggregated here with the
 * answer rules of src/api/survey-rules.ts. Answers to questions or options no longer in the
 * definition are left out.
 */
export async function surveyResults(db: Db, def: SurveyDef, origin: string | null, now = new Date()): Promise<SurveyResults> {
  const qs = questionsOf(def).filter((q) => q.type !== 'info');
  const results: Record<string, QuestionResult> = {};
  const numbers = new Map<string, number[]>();
  const ranks = new Map<string, Map<string, { sum: number; n: number }>>();
  const texts = new Map<string, NewestTexts>();
  const others = new Map<string, NewestTexts>();
  for (const q of qs) {
    const r: QuestionResult = { answered: 0 };
    if (q.type === 'single' || q.type === 'dropdown' || q.type === 'multiple') {
      r.counts = Object.fromEntries(q.options.map((o) => [o.id, 0]));
      if (q.other) r.counts[OTHER] = 0;
      if (q.other && q.publishText) others.set(q.id, new NewestTexts());
    } else if (q.type === 'yesno' || q.type === 'consent') r.counts = { yes: 0, no: 0 };
    else if (q.type === 'scale') {
      r.counts = {};
      for (let v = q.min; v <= q.max; v++) r.counts[String(v)] = 0;
    } else if (q.type === 'matrix') r.matrix = Object.fromEntries(q.rows.map((row) => [row.id, Object.fromEntries(q.columns.map((c) => [c.id, 0]))]));
    else if (q.type === 'ranking') ranks.set(q.id, new Map(q.options.map((o) => [o.id, { sum: 0, n: 0 }])));
    if (q.type === 'number' || q.type === 'scale') numbers.set(q.id, []);
    if ((q.type === 'text' || q.type === 'textarea' || q.type === 'number' || q.type === 'date') && q.publishText) texts.set(q.id, new NewestTexts());
    results[q.id] = r;
  }
  const bump = (counts: Record<string, number> | undefined, k: unknown) => {
    if (counts && typeof k === 'string' && Object.hasOwn(counts, k)) counts[k] = counts[k]! + 1;
  };

  let after = '';
  for (;;) {
    const { rows } = await db.query<{ id: string; k: string; at: Date; payload: { answers?: Answers; other?: Record<string, string> } }>(
      `SELECT id, idempotency_key AS k, created_at AS at, payload FROM submissions
        WHERE kind = 'survey' AND content_id = $1 AND idempotency_key > $2 AND status = 'accepted' AND ($3::text IS NULL OR origin = $3::text)
        ORDER BY idempotency_key LIMIT ${PAGE}`,
      [def.id, after, origin],
    );
    for (const row of rows) {
      const answers = row.payload.answers ?? {};
      const at = new Date(row.at).getTime();
      for (const q of qs) {
        const v = answers[q.id];
        if (!isAnswered(v)) continue;
        const r = results[q.id]!;
        r.answered++;
        switch (q.type) {
          case 'single':
          case 'dropdown':
            bump(r.counts, v);
            break;
          case 'multiple':
            if (Array.isArray(v)) for (const c of new Set(v)) bump(r.counts, c);
            break;
          case 'yesno':
          case 'consent':
            if (typeof v === 'boolean') bump(r.counts, v ? 'yes' : 'no');
            break;
          case 'scale':
            if (typeof v === 'number') bump(r.counts, String(v));
            break;
          case 'ranking':
            if (Array.isArray(v)) {
              const m = ranks.get(q.id)!;
              v.forEach((id, i) => {
                const s = m.get(id);
                if (s) {
                  s.sum += i + 1;
                  s.n++;
                }
              });
            }
            break;
          case 'matrix':
            if (v && typeof v === 'object' && !Array.isArray(v)) for (const [rowId, col] of Object.entries(v)) bump(r.matrix![rowId], col);
            break;
          default:
            break;
        }
        if (typeof v === 'number' && Number.isFinite(v)) numbers.get(q.id)?.push(v);
        if (typeof v === 'string' || typeof v === 'number') texts.get(q.id)?.add(at, row.id, String(v));
        const other = row.payload.other?.[q.id];
        if (typeof other === 'string' && other.trim()) others.get(q.id)?.add(at, row.id, other);
      }
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.k;
  }

  for (const [id, list] of numbers) {
    if (!list.length) continue;
    list.sort((a, b) => a - b);
    const mid = list.length >> 1;
    const median = list.length % 2 ? list[mid]! : (list[mid - 1]! + list[mid]!) / 2;
    results[id]!.numbers = { min: list[0]!, max: list.at(-1)!, mean: round(list.reduce((a, b) => a + b, 0) / list.length), median };
  }
  for (const [id, m] of ranks) {
    results[id]!.ranking = Object.fromEntries([...m].filter(([, s]) => s.n > 0).map(([o, s]) => [o, round(s.sum / s.n)]));
  }
  for (const [id, t] of texts) results[id]!.texts = t.list();
  for (const [id, t] of others) results[id]!.other = t.list();

  const { rows: perOrigin } = await db.query<{ origin: string; n: number; last: Date | null }>(
    `SELECT origin, count(*)::int AS n, max(created_at) AS last FROM submissions
      WHERE kind = 'survey' AND content_id = $1 AND status = 'accepted' GROUP BY origin`,
    [def.id],
  );
  const byOrigin: Record<string, number> = Object.fromEntries(Origin.options.map((o) => [o, 0]));
  let last = 0;
  for (const r of perOrigin) {
    byOrigin[r.origin] = r.n;
    if (r.last) last = Math.max(last, new Date(r.last).getTime());
  }
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
  const resultsCacheMs = ctx.options.surveys?.resultsCacheMs ?? 5000;

  /** Results by survey and origin, with what they were computed from. */
  const cache = new Map<string, { def: string; responses: string; at: number; results: SurveyResults }>();
  async function cachedResults(def: SurveyDef, origin: string | null): Promise<SurveyResults> {
    const key = `${def.id}\u0000${origin ?? ''}`;
    const defHash = sha256(canonicalJson(def));
    const { rows } = await db.query<{ n: number; last: Date | null }>(
      `SELECT count(*)::int AS n, max(created_at) AS last FROM submissions WHERE kind = 'survey' AND content_id = $1 AND status = 'accepted'`,
      [def.id],
    );
    const responses = `${rows[0]!.n}:${rows[0]!.last ? toIso(rows[0]!.last) : ''}`;
    const hit = cache.get(key);
    if (hit && hit.def === defHash && (hit.responses === responses || performance.now() - hit.at < resultsCacheMs)) return hit.results;
    const results = await surveyResults(db, def, origin);
    cache.delete(key); // re-inserted last: the oldest entry goes first when there are too many
    cache.set(key, { def: defHash, responses, at: performance.now(), results });
    if (cache.size > 500) cache.delete(cache.keys().next().value!);
    return results;
  }

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
    return cachedResults(def, origin);
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
            JSON.stringify(stored), 'paper', 'accepted', null, null, at, null,
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
