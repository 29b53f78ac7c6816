/** Shared test helpers: one database per test file (PGlite in memory, or DATABASE_URL), truncated between tests. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createApp, type AppOptions } from '../app.js';
import { migrate, openPglite, openPostgres, type Db } from '../db.js';
import assert from 'node:assert/strict';
import { ApiErrorBody, type VoteDefinitionInput } from '../../src/api/schemas.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const usingPostgres = Boolean(process.env.DATABASE_URL);

export async function openTestDb(): Promise<Db> {
  const db = process.env.DATABASE_URL ? await openPostgres(process.env.DATABASE_URL) : await openPglite();
  await migrate(db);
  await resetDb(db);
  return db;
}

export async function resetDb(db: Db): Promise<void> {
  await db.query('TRUNCATE content, submissions, vote_tallies, vote_ballots, comments, comment_threads, comment_supports, comment_flags, comment_bans, comment_moderation_log, comment_subscriptions');
}

export function testApp(db: Db, overrides: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  return createApp({
    db,
    adminToken: ADMIN_TOKEN,
    salt: 'test-salt',
    logger: false,
    rateLimit: { max: 10_000, timeWindowMs: 60_000 },
    // Tests edit content straight in the database (to close a vote): no cached definitions, except
    // in the test of the cache itself.
    contentCacheMs: 0,
    ...overrides,
  });
}

export const key = () => randomUUID();
export const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

const hour = 3600_000;
export const past = (ms = hour) => new Date(Date.now() - ms).toISOString();
export const future = (ms = hour) => new Date(Date.now() + ms).toISOString();

export function vote(id: string, extra: Partial<VoteDefinitionInput> = {}): VoteDefinitionInput {
  return {
    id,
    title: { fr: 'Question ?', en: 'Question?' },
    method: 'single',
    options: [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
      { id: 'c', label: 'C' },
    ],
    ...extra,
  };
}

export async function putContent(app: FastifyInstance, path: string, def: { id: string }): Promise<void> {
  const res = await app.inject({ method: 'PUT', url: `/api/admin/${path}/${def.id}`, headers: auth, payload: def });
  if (res.statusCode >= 300) throw new Error(`PUT ${path}/${def.id}: ${res.statusCode} ${res.body}`);
}

export function ballot(app: FastifyInstance, voteId: string, choices: string[], opts: { device?: string; idem?: string; ip?: string } = {}) {
  return app.inject({
    method: 'POST',
    url: `/api/votes/${voteId}/ballots`,
    headers: { 'idempotency-key': opts.idem ?? key() },
    payload: { choices, deviceToken: opts.device ?? key() },
    ...(opts.ip ? { remoteAddress: opts.ip } : {}),
  });
}

/** Asserts an error answer of the protocol (`ApiErrorBody`): its status, code and, when given, message. */
export function assertError(res: { statusCode: number; body: string }, status: number, code: string, message?: RegExp) {
  assert.equal(res.statusCode, status, res.body);
  const parsed = ApiErrorBody.safeParse(JSON.parse(res.body));
  assert.ok(parsed.success, `not ApiErrorBody: ${res.body}`);
  const error = parsed.data.error;
  assert.equal(error.code, code, res.body);
  if (message) assert.match(error.message, message);
  return error;
}
