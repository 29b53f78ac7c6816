/**
 * The reference backend of civic-widgets: Fastify 5, one SQL dialect (PGlite or PostgreSQL),
 * every request validated with the protocol schemas of src/api/schemas.ts.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { KINDS, IDEMPOTENCY_HEADER, Token, type Kind, type BallotReceipt, type Receipt, type VoteResults } from '../src/api/schemas.js';
import { migrate, type Db } from './db.js';
import { ApiError, mapIssues, validationError } from './errors.js';
import {
  acceptedCount, canonicalJson, channelCounts, definitionIssues, getContent, hmac,
  INSERT_SUBMISSION, loadSalt, phaseOf, sha256, takeChannel, toIso, upsertContent,
  type Definition, type VoteDef,
} from './store.js';
import { createVoteService, lockedChange, submissionIssues } from './votes.js';
import type { FastifyServerOptions } from 'fastify';
import { buildOpenApi } from './openapi.js';
import { registerStatic } from './static.js';
import { registerPetitions } from './petitions.js';
import { deleteThreadComments, registerComments, servedThreadFields } from './comments.js';
import { registerMapReports } from './map-reports.js';
import { registerSurveys, responseIssues, storedResponse, type SurveyDef } from './surveys.js';
import { registerNoJs } from './nojs/index.js';

export interface AppOptions {
  db: Db;
  /** Bearer token of the admin API. */
  adminToken: string;
  /** Origins allowed to call the API from a browser; `'*'` for any. */
  allowedOrigins?: string[] | '*';
  /** Writes (POST/PUT/DELETE) per hashed IP per window; reads get `getMax` (default 10 x max). */
  rateLimit?: { max: number; timeWindowMs: number; getMax?: number };
  /** Ballots per hashed IP per vote per rolling hour. */
  voteIpLimit?: number;
  logger?: boolean | Record<string, unknown>;
  /** Repository root: `demo/` is served at `/`, the top-level files of `dist/` too. */
  staticRoot?: string;
  /** HMAC salt for IPs and device tokens; default: generated once and kept in `settings`. */
  salt?: string;
  /** Fastify's trustProxy (behind a reverse proxy, to see the resident's IP). */
  trustProxy?: boolean | string;
  /**
   * How long a parsed content definition is reused by this app instance (ms, default 1000; 0: read
   * the database every time). Admin PUT/DELETE through this instance drop it at once; edits made
   * through another instance or straight in the database show after at most this long.
   */
  contentCacheMs?: number;
  /**
   * How long IRV, Borda and MES results (computed from every stored ballot) are reused while
   * ballots arrive (ms, default 2000; 0: recomputed whenever the ballot count changes). Per-option
   * counts and the greedy budget rule read the counters and are always exact.
   */
  voteRulesCacheMs?: number;
}

export const DEFAULT_BODY_LIMIT = 64 * 1024;
export const MAP_REPORT_BODY_LIMIT = 12 * 1024 * 1024;

const STATUS_TEXT: Record<string, Receipt['status']> = { accepted: 'accepted' };

interface SubmissionRow {
  id: string;
  payload_hash: string;
  status: string;
  created_at: Date;
}

function loggerOption(logger: AppOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = typeof logger === 'object' ? logger : {};
  return {
    level: 'info',
    ...base,
    serializers: {
      // Never an IP address, never a query string (it may carry a device token).
      req: (req: { method?: string; url?: string; id?: string }) => ({ method: req.method, url: (req.url ?? '').split('?')[0], id: req.id }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

function safeEqual(a: string, b: string): boolean {
  const ha = Buffer.from(sha256(a), 'hex');
  const hb = Buffer.from(sha256(b), 'hex');
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

export async function createApp(opts: AppOptions): Promise<FastifyInstance> {
  const db = opts.db;
  await migrate(db);
  const salt = opts.salt ?? (await loadSalt(db));
  const voteIpLimit = opts.voteIpLimit ?? 50;
  const limits = opts.rateLimit ?? { max: 60, timeWindowMs: 60_000 };
  const hashIp = (ip: string) => hmac(salt, `ip:${ip}`);
  const hashDevice = (token: string) => hmac(salt, `device:${token}`);

  const app = Fastify({
    logger: loggerOption(opts.logger),
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: opts.trustProxy ?? false,
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: (err, _request, reply) => {
      const e = new ApiError(400, 'bad_request', `The URL is not valid: ${err.message}`);
      void (reply as unknown as { status(n: number): { send(b: unknown): unknown } }).status(400).send(e.toBody());
    },
  });

  // Only JSON bodies: no text/plain parser, so anything else is 415.
  app.removeContentTypeParser('text/plain');

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, request, reply) => {
    let apiErr: ApiError;
    if (err instanceof ApiError) apiErr = err;
    else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      const limit = request.routeOptions.bodyLimit ?? DEFAULT_BODY_LIMIT;
      apiErr = new ApiError(413, 'payload_too_large', `The request body is larger than the limit of ${limit} bytes.`);
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) {
      apiErr = new ApiError(
        415,
        'unsupported_media_type',
        `Unsupported Content-Type "${request.headers['content-type'] ?? ''}": send the body as application/json.`,
      );
    } else if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      apiErr = new ApiError(400, 'bad_request', 'The body is empty although Content-Type is application/json: send a JSON object.');
    } else if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      apiErr = new ApiError(400, 'bad_request', `The request body is malformed JSON: ${err.message}`);
    } else if (err.statusCode === 429) {
      const retryAfter = Number(reply.getHeader('retry-after')) || 1;
      apiErr = new ApiError(429, 'rate_limited', `Too many requests: retry in ${retryAfter} s.`, undefined, retryAfter);
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      apiErr = new ApiError(err.statusCode, 'bad_request', err.message);
    } else {
      request.log.error({ err }, 'unexpected error');
      apiErr = new ApiError(500, 'server_error', `Unexpected server error (request ${request.id}).`);
    }
    if (apiErr.retryAfter !== undefined) reply.header('Retry-After', String(apiErr.retryAfter));
    return reply.status(apiErr.statusCode).type('application/json; charset=utf-8').send(apiErr.toBody());
  });

  app.setNotFoundHandler((request, reply) => {
    const err = new ApiError(404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}. See /api/openapi.json for the routes.`);
    return reply.status(404).send(err.toBody());
  });

  await app.register(cors, {
    origin: opts.allowedOrigins === undefined || opts.allowedOrigins === '*' ? '*' : opts.allowedOrigins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Content-Type', IDEMPOTENCY_HEADER, 'Authorization'],
    exposedHeaders: ['Retry-After'],
    credentials: false,
    maxAge: 600,
  });

  const isWrite = (m: string) => m === 'POST' || m === 'PUT' || m === 'DELETE' || m === 'PATCH';
  await app.register(rateLimit, {
    global: true,
    timeWindow: limits.timeWindowMs,
    max: (request: FastifyRequest) => (isWrite(request.method) ? limits.max : (limits.getMax ?? limits.max * 10)),
    keyGenerator: (request: FastifyRequest) => `${isWrite(request.method) ? 'w' : 'r'}:${hashIp(request.ip)}`,
    errorResponseBuilder: (_request, context) => {
      const retryAfter = Math.max(1, Math.ceil(context.ttl / 1000));
      return new ApiError(429, 'rate_limited', `Too many requests: retry in ${retryAfter} s.`, undefined, retryAfter);
    },
  });

  /* ------------------------------------------------------------ helpers */

  const contentCacheMs = opts.contentCacheMs ?? 1000;
  const contentCache = new Map<string, { def: Definition; until: number }>();

  async function loadDefinition(kind: Kind, id: string): Promise<Definition> {
    const cacheKey = `${kind}\u0000${id}`;
    const hit = contentCache.get(cacheKey);
    if (hit && hit.until > performance.now()) return hit.def;
    const def = await readDefinition(kind, id);
    if (contentCacheMs > 0) {
      contentCache.delete(cacheKey); // re-inserted last: the Map stays in expiry order
      contentCache.set(cacheKey, { def, until: performance.now() + contentCacheMs });
      for (const [k, v] of contentCache) {
        if (v.until > performance.now()) break;
        contentCache.delete(k);
      }
    }
    return def;
  }

  async function readDefinition(kind: Kind, id: string): Promise<Definition> {
    const row = await getContent(db, kind, id);
    if (!row) {
      throw new ApiError(404, 'not_found', `No ${kind} with id "${id}" on this server: check the widget's id attribute (GET /api/${KINDS[kind].path}/${id}).`);
    }
    const parsed = KINDS[kind].input.safeParse(row.definition);
    if (!parsed.success) {
      throw new Error(`stored ${kind} "${id}" no longer matches the schema`);
    }
    return parsed.data as Definition;
  }

  interface Parser {
    safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: readonly unknown[] } };
  }
  function parseBody(kind: Kind | null, schema: Parser, body: unknown, what?: string): unknown {
    const r = schema.safeParse(body);
    if (r.success) return r.data;
    let fields = mapIssues((r.error?.issues ?? []) as Parameters<typeof mapIssues>[0], body);
    if (kind === 'vote') {
      fields = fields.map((f) =>
        f.path.length === 1 && f.path[0] === 'choices' && (f.code === 'too_small' || f.code === 'too_big')
          ? { ...f, code: f.code === 'too_small' ? 'too_few' : 'too_many' }
          : f,
      );
    }
    throw validationError(fields, what);
  }

  function idempotencyKey(request: FastifyRequest): string {
    const raw = request.headers[IDEMPOTENCY_HEADER.toLowerCase()];
    if (raw === undefined) {
      throw new ApiError(400, 'bad_request', `The ${IDEMPOTENCY_HEADER} header is missing: send a random token (16-128 characters A-Z a-z 0-9 _ -, e.g. a UUID) with every POST and reuse it when retrying.`);
    }
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (!Token.safeParse(value).success) {
      throw new ApiError(400, 'bad_request', `The ${IDEMPOTENCY_HEADER} header is invalid: it must be 16 to 128 characters A-Z a-z 0-9 _ - (e.g. a UUID).`);
    }
    return value as string;
  }

  function requireJson(request: FastifyRequest): void {
    if (request.body === undefined || request.body === null) {
      throw new ApiError(400, 'bad_request', 'The request has no body: send a JSON object with Content-Type: application/json.');
    }
  }

  async function findByKey(q: Db, kind: Kind, id: string, key: string): Promise<SubmissionRow | undefined> {
    const { rows } = await q.query<SubmissionRow>(
      'SELECT id, payload_hash, status, created_at FROM submissions WHERE kind = $1 AND content_id = $2 AND idempotency_key = $3',
      [kind, id, key],
    );
    return rows[0];
  }

  function receiptOf(row: SubmissionRow, duplicate: boolean): Receipt {
    return { id: row.id, receivedAt: toIso(row.created_at), duplicate, status: STATUS_TEXT[row.status] ?? 'pending' };
  }

  /**
   * PGlite runs one transaction at a time (its transaction mutex also holds back plain queries),
   * so there is nothing to lock against; PostgreSQL runs transactions concurrently.
   */
  const serialised = db.driver === 'pglite';

  function requireAdmin(request: FastifyRequest): void {
    const auth = request.headers.authorization ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    if (!m || !safeEqual(m[1]!.trim(), opts.adminToken)) {
      throw new ApiError(401, 'unauthorized', 'The admin API needs the header "Authorization: Bearer <CIVIC_ADMIN_TOKEN>".');
    }
  }

  async function served(kind: Kind, def: Definition, now: Date): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = { ...def, phase: phaseOf(def, now), serverTime: now.toISOString() };
    if (kind === 'petition') out.count = await acceptedCount(db, 'petition', def.id);
    if (kind === 'comments') Object.assign(out, await servedThreadFields(db, def));
    return out;
  }

  const votes = createVoteService({
    db, salt, serialised, voteIpLimit, hashIp, hashDevice,
    findByKey: (q, id, key) => findByKey(q, 'vote', id, key),
    readVote: async (id) => (await readDefinition('vote', id)) as VoteDef,
    parseBody: (schema, body, what) => {
      requireJson({ body } as FastifyRequest);
      return parseBody(null, schema as Parser, body, what);
    },
    rulesCacheMs: opts.voteRulesCacheMs ?? 2000,
  });

  /* ------------------------------------------------------------ public routes */

  app.get('/api/health', async () => ({ ok: true }));
  const openapi = buildOpenApi();
  app.get('/api/openapi.json', async () => openapi);

  for (const kind of Object.keys(KINDS) as Kind[]) {
    const { path, submissions } = KINDS[kind];

    if (path === 'threads') {
      // Threads (created on first use when allowed), pages, moderation, events, mails: server/comments.ts.
      await registerComments(app, { db, salt, options: opts, hashIp, hashDevice, loadDefinition, parseBody, idempotencyKey, requireJson, requireAdmin });
      continue;
    }

    app.get<{ Params: { id: string } }>(`/api/${path}/:id`, async (request, reply) => {
      const def = await loadDefinition(kind, request.params.id);
      reply.header('Cache-Control', 'no-store');
      return served(kind, def, new Date());
    });

    if (path === 'petitions') {
      // Double opt-in, fraud checks, paper signatures, retention: server/petitions.ts.
      await registerPetitions(app, { db, salt, options: opts, hashIp, loadDefinition, parseBody, idempotencyKey, requireJson, requireAdmin });
      continue;
    }

    if (path === 'map-reports') {
      // Photos, public list, supports, updates, Open311 and forwarding: server/map-reports.ts.
      await registerMapReports(app, { db, salt, options: opts, hashIp, hashDevice, loadDefinition, parseBody, idempotencyKey, requireJson, requireAdmin });
      continue;
    }

    app.post<{ Params: { id: string } }>(
      `/api/${path}/:id/${submissions}`,
      { bodyLimit: kind === 'map-report' ? MAP_REPORT_BODY_LIMIT : DEFAULT_BODY_LIMIT },
      async (request, reply) => {
        const key = idempotencyKey(request);
        const id = request.params.id;
        const def = await loadDefinition(kind, id);
        requireJson(request);
        const payload = parseBody(kind, KINDS[kind].submission, request.body, 'The submission') as Record<string, unknown>;
        // A vote's invitation code is left out of the hash: an organiser who kept the list of
        // codes must not be able to link a ballot to its code.
        const payloadHash = hmac(salt, `payload:${canonicalJson(kind === 'vote' ? { ...payload, code: undefined } : payload)}`);

        const answer = async (row: SubmissionRow, duplicate: boolean, results?: VoteResults) => {
          if (row.payload_hash !== payloadHash) {
            throw new ApiError(409, 'conflict', `This ${IDEMPOTENCY_HEADER} was already used for a different submission: use a new key for new data.`);
          }
          const receipt: BallotReceipt = receiptOf(row, duplicate);
          if (kind === 'vote') {
            const vote = def as VoteDef;
            receipt.results = vote.resultsVisibility === 'after-vote' || phaseOf(vote, new Date()) === 'closed' ? (results ?? await votes.results(vote)) : null;
          }
          return reply.status(duplicate ? 200 : 201).send(receipt);
        };
        const refusal = (now: Date): ApiError | undefined => {
          const phase = phaseOf(def, now);
          if (phase === 'scheduled') return new ApiError(409, 'not_open', `This ${kind} opens at ${def.opensAt}; it is not open yet.`);
          if (phase === 'closed') return new ApiError(409, 'closed', `This ${kind} closed at ${def.closesAt}.`);
          if (kind === 'vote') {
            const issues = submissionIssues(def as VoteDef, payload as Parameters<typeof submissionIssues>[1]);
            if (issues.length) return validationError(issues, 'The ballot');
          }
          if (kind === 'survey') {
            const issues = responseIssues(def as SurveyDef, payload as Parameters<typeof responseIssues>[1]);
            if (issues.length) return validationError(issues, 'The response');
          }
          return undefined;
        };

        if (kind === 'vote') return votes.acceptBallot(request.ip, def as VoteDef, key, payload, payloadHash, refusal, answer);

        const existing = await findByKey(db, kind, id, key);
        if (existing) return answer(existing, true);

        const now = new Date();
        const refused = refusal(now);
        if (refused) throw refused;

        let status = 'accepted';
        let deviceToken: string | undefined;
        // A survey stores the answers of visible questions only (server/surveys.ts).
        const stored = kind === 'survey' ? storedResponse(def as SurveyDef, payload as Parameters<typeof storedResponse>[1]) : { ...payload };
        const channel = takeChannel(payload, stored, 'The submission');
        if (kind === 'survey') {
          // One response per device, except on a mediator's terminal (assisted): people take turns on it.
          if (def.onePerDevice && typeof payload.deviceToken === 'string' && channel.origin !== 'assisted') deviceToken = payload.deviceToken;
        } else if (kind === 'petition') {
          status = 'pending';
        }
        if (kind === 'petition' && typeof payload.website === 'string' && payload.website.trim() !== '') {
          status = 'rejected'; // honeypot: looks accepted to the bot, never counted
        }
        delete stored.deviceToken;

        const ipHash = hashIp(request.ip);
        const params = [
          randomUUID(), kind, id, key, payloadHash, JSON.stringify(stored), channel.origin, status, ipHash,
          deviceToken ? hashDevice(deviceToken) : null, now.toISOString(), channel.mediator,
        ];

        const inserted = await db.transaction(async (tx) => {
          const { rows } = await tx.query<SubmissionRow>(INSERT_SUBMISSION, params);
          if (rows[0]) return { row: rows[0], duplicate: false };
          return { row: await findByKey(tx, kind, id, key), duplicate: true };
        });
        if (!inserted.row) {
          throw new ApiError(409, 'already_submitted', `This device has already submitted to this ${kind}.`);
        }
        return answer(inserted.row, inserted.duplicate);
      },
    );
  }

  app.get<{ Params: { id: string }; Querystring: { voter?: string } }>('/api/votes/:id/results', async (request, reply) => {
    const vote = (await loadDefinition('vote', request.params.id)) as VoteDef;
    const now = new Date();
    let visible = phaseOf(vote, now) === 'closed';
    if (!visible && vote.resultsVisibility === 'after-vote') {
      const voter = request.query.voter;
      if (typeof voter === 'string' && Token.safeParse(voter).success) {
        const { rows } = await db.query(
          `SELECT 1 FROM submissions WHERE kind = 'vote' AND content_id = $1 AND device_hash = $2`,
          [vote.id, hashDevice(voter)],
        );
        visible = rows.length > 0;
      }
    }
    if (!visible) {
      throw new ApiError(403, 'results_hidden',
        vote.resultsVisibility === 'after-vote'
          ? 'Results are shown after voting (pass ?voter=<deviceToken> of a device that voted) or after the vote closes.'
          : 'Results are shown after the vote closes.');
    }
    reply.header('Cache-Control', 'no-store');
    return votes.results(vote, now);
  });

  // Survey results, exports and paper responses: server/surveys.ts.
  await registerSurveys(app, { db, salt, options: opts, loadDefinition, parseBody, requireJson, requireAdmin });

  // Forms without JavaScript, answered through the JSON routes above: server/nojs/.
  await registerNoJs(app, { salt, options: opts });

  /* ------------------------------------------------------------ admin API */

  await app.register(async (admin) => {
    admin.addHook('onRequest', async (request) => requireAdmin(request));

    for (const kind of Object.keys(KINDS) as Kind[]) {
      const { path } = KINDS[kind];

      admin.get(`/api/admin/${path}`, async () => {
        const { rows } = await db.query<{ id: string; definition: Definition; created_at: Date; updated_at: Date; submissions: number }>(
          `SELECT c.id, c.definition, c.created_at, c.updated_at,
                  (SELECT count(*)::int FROM submissions s WHERE s.kind = c.kind AND s.content_id = c.id)
                  + (SELECT count(*)::int FROM comments cm WHERE c.kind = 'comments' AND cm.thread_id = c.id) AS submissions
             FROM content c WHERE c.kind = $1 ORDER BY c.id`,
          [kind],
        );
        const now = new Date();
        return {
          items: rows.map((r) => ({
            id: r.id, kind, phase: phaseOf(r.definition, now), submissions: r.submissions,
            createdAt: toIso(r.created_at), updatedAt: toIso(r.updated_at), definition: r.definition,
          })),
        };
      });

      admin.put<{ Params: { id: string } }>(`/api/admin/${path}/:id`, async (request, reply) => {
        requireJson(request);
        const def = parseBody(null, KINDS[kind].input, request.body, `The ${kind} definition`) as Definition;
        if (def.id !== request.params.id) {
          throw validationError([{ path: ['id'], code: 'invalid_value', message: `"id" is "${def.id}" but the URL says "${request.params.id}"` }], `The ${kind} definition`);
        }
        const issues = definitionIssues(kind, def);
        if (issues.length) throw validationError(issues, `The ${kind} definition`);
        const created = await db.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`content:${kind}:${def.id}`]);
          if (kind === 'vote') {
            const old = await getContent(tx, kind, def.id);
            const locked = old && lockedChange(old.definition as VoteDef, def as VoteDef, new Date());
            if (locked) throw new ApiError(409, 'conflict', locked);
          }
          return upsertContent(tx, kind, def);
        });
        contentCache.delete(`${kind}\u0000${def.id}`);
        return reply.status(created ? 201 : 200).send(await served(kind, def, new Date()));
      });

      admin.delete<{ Params: { id: string } }>(`/api/admin/${path}/:id`, async (request, reply) => {
        const removed = await db.transaction(async (tx) => {
          const { rows } = await tx.query('DELETE FROM content WHERE kind = $1 AND id = $2 RETURNING id', [kind, request.params.id]);
          if (rows.length) await tx.query('DELETE FROM submissions WHERE kind = $1 AND content_id = $2', [kind, request.params.id]);
          if (rows.length && kind === 'vote') {
            await tx.query('DELETE FROM vote_tallies WHERE vote_id = $1', [request.params.id]);
            await tx.query('DELETE FROM vote_ballots WHERE vote_id = $1', [request.params.id]);
            await tx.query('DELETE FROM vote_codes WHERE vote_id = $1', [request.params.id]);
          }
          if (rows.length && kind === 'comments') await deleteThreadComments(tx, request.params.id);
          return rows.length > 0;
        });
        contentCache.delete(`${kind}\u0000${request.params.id}`);
        if (!removed) throw new ApiError(404, 'not_found', `No ${kind} with id "${request.params.id}" on this server.`);
        return reply.status(204).send();
      });

      // What each channel brought (web, paper, booth, assisted, and per mediator's code): docs/assisted.md.
      admin.get<{ Params: { id: string } }>(`/api/admin/${path}/:id/channels`, async (request) => {
        await readDefinition(kind, request.params.id);
        return { kind, id: request.params.id, ...(await channelCounts(db, kind, request.params.id)) };
      });

      if (kind === 'comments') continue; // comments are not submissions rows: exported by server/comments.ts
      admin.get<{ Params: { id: string } }>(`/api/admin/${path}/:id/submissions`, async (request) => {
        await readDefinition(kind, request.params.id);
        const { rows } = await db.query<{ id: string; payload: unknown; origin: string; mediator: string | null; status: string; created_at: Date }>(
          `SELECT id, payload, origin, mediator, status, created_at FROM submissions
            WHERE kind = $1 AND content_id = $2 ORDER BY created_at, id`,
          [kind, request.params.id],
        );
        return {
          kind, id: request.params.id,
          items: rows.map((r) => ({ id: r.id, receivedAt: toIso(r.created_at), origin: r.origin, ...(r.mediator ? { mediator: r.mediator } : {}), status: r.status, payload: r.payload })),
        };
      });
    }

    votes.registerAdmin(admin);
  });

  if (opts.staticRoot) registerStatic(app, opts.staticRoot);

  return app;
}
