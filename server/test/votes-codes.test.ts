/** Private votes: invitation codes (issued once, hashed, one ballot each, restricted to a district). */
import { after, before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db.js';
import { CODE_ALPHABET, normaliseCode } from '../votes.js';
import { auth, key, openTestDb, putContent, resetDb, testApp, vote } from './helpers.js';

let db: Db;
let app: FastifyInstance;

before(async () => {
  db = await openTestDb();
  app = await testApp(db, { voteRulesCacheMs: 0 });
});
after(async () => {
  await app.close();
  await db.close();
});
beforeEach(async () => {
  await resetDb(db);
  await db.query('TRUNCATE vote_codes');
});

const privateBudget = vote('prive', {
  method: 'budget', access: 'codes',
  budget: { total: 90, rule: 'greedy' },
  districts: [{ id: 'nord', label: 'Nord' }, { id: 'sud', label: 'Sud' }],
  options: [
    { id: 'n1', label: 'N1', cost: 40, district: 'nord' },
    { id: 's1', label: 'S1', cost: 40, district: 'sud' },
    { id: 'town', label: 'Ville', cost: 20 },
  ],
});

const issue = (body: unknown, id = 'prive') => app.inject({ method: 'POST', url: `/api/admin/votes/${id}/codes`, headers: auth, payload: body as object });
const post = (body: Record<string, unknown>, opts: { idem?: string; device?: string } = {}) =>
  app.inject({ method: 'POST', url: '/api/votes/prive/ballots', headers: { 'idempotency-key': opts.idem ?? key() }, payload: { deviceToken: opts.device ?? key(), ...body } });
const error = (res: { statusCode: number; body: string }, status: number) => {
  assert.equal(res.statusCode, status, res.body);
  return JSON.parse(res.body).error as { code: string; fields?: Array<{ path: unknown[]; code: string }> };
};

it('issues readable codes once, stores only hashes, counts them per district', async () => {
  await putContent(app, 'votes', privateBudget);
  const res = await issue({ count: 5 });
  assert.equal(res.statusCode, 201, res.body);
  const codes: string[] = res.json().codes;
  assert.equal(codes.length, 5);
  for (const c of codes) assert.match(c, new RegExp(`^[${CODE_ALPHABET}]{10}$`));
  assert.equal(new Set(codes).size, 5);
  const nord = (await issue({ count: 2, district: 'nord' })).json().codes as string[];
  const stored = await db.query<{ code_hash: string }>('SELECT code_hash FROM vote_codes');
  assert.equal(stored.rows.length, 7);
  for (const r of stored.rows) assert.ok(![...codes, ...nord].includes(r.code_hash));
  assert.equal(error(await issue({ count: 0 }), 400).fields?.[0]?.path[0], 'count');
  assert.equal(error(await issue({ count: 1, district: 'ouest' }), 400).fields?.[0]?.path[0], 'district');
  await putContent(app, 'votes', vote('ouvert'));
  assert.equal(error(await issue({ count: 1 }, 'ouvert'), 409).code, 'conflict');

  assert.equal((await post({ choices: ['town', 'n1'], code: nord[0] })).statusCode, 201);
  const counts = (await app.inject({ url: '/api/admin/votes/prive/codes', headers: auth })).json();
  assert.deepEqual(counts, { voteId: 'prive', issued: 7, used: 1, byDistrict: [{ district: null, issued: 5, used: 0 }, { district: 'nord', issued: 2, used: 1 }] });
});

it('a code votes once; unknown or missing codes are refused; the ballot never stores the code', async () => {
  await putContent(app, 'votes', privateBudget);
  const [c1, c2] = (await issue({ count: 2 })).json().codes as string[];
  let e = error(await post({ choices: ['town'] }), 400);
  assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['code'], 'invalid_code']]);
  e = error(await post({ choices: ['town'], code: 'AAAAAAAAAA' }), 400);
  assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['code'], 'invalid_code']]);
  // the code is typed loosely (lower case, dashes, spaces); the same device may use two codes
  const device = key();
  const idem = key();
  const loose = `${c1!.slice(0, 5).toLowerCase()}-${c1!.slice(5)} `;
  assert.equal(normaliseCode(loose), c1);
  const first = await post({ choices: ['n1', 'town'], code: loose }, { device, idem });
  assert.equal(first.statusCode, 201, first.body);
  // an idempotent replay answers the same receipt
  const replay = await post({ choices: ['n1', 'town'], code: loose }, { device, idem });
  assert.equal(replay.statusCode, 200);
  assert.equal(replay.json().id, first.json().id);
  assert.equal(error(await post({ choices: ['s1'], code: c1 }), 409).code, 'already_submitted');
  assert.equal((await post({ choices: ['s1', 'n1'], code: c2 }, { device })).statusCode, 201);
  // an invalid ballot does not use the code up
  const [c3] = (await issue({ count: 1 })).json().codes as string[];
  assert.equal(error(await post({ choices: ['s1', 'n1', 'town'], code: c3 }), 400).fields?.[0]?.code, 'over_budget');
  assert.equal((await post({ choices: ['s1'], code: c3 }, { device })).statusCode, 201);

  const rows = await db.query<{ payload: unknown; ip_hash: string | null; device_hash: string | null }>(
    `SELECT payload, ip_hash, device_hash FROM submissions WHERE content_id = 'prive' ORDER BY created_at`);
  assert.equal(rows.rows.length, 3);
  for (const r of rows.rows) {
    assert.equal(r.ip_hash, null);
    assert.equal(r.device_hash, null);
    const text = JSON.stringify(r.payload);
    for (const c of [c1, c2, c3]) assert.ok(!text.includes(c!));
    assert.deepEqual(Object.keys(r.payload as object), ['choices']);
  }
  const results = first.json().results;
  assert.deepEqual(results.options.map((o: { count: number }) => o.count), [1, 0, 1]);
});

it('a code restricted to a district refuses projects of other districts (town-wide projects are fine)', async () => {
  await putContent(app, 'votes', privateBudget);
  const [sud] = (await issue({ count: 1, district: 'sud' })).json().codes as string[];
  const e = error(await post({ choices: ['town', 'n1'], code: sud }), 400);
  assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['choices', 1], 'wrong_district']]);
  assert.equal((await post({ choices: ['s1', 'town'], code: sud })).statusCode, 201);
  // deleting the vote deletes its codes
  assert.equal((await app.inject({ method: 'DELETE', url: '/api/admin/votes/prive', headers: auth })).statusCode, 204);
  assert.equal((await db.query('SELECT 1 FROM vote_codes')).rows.length, 0);
});

it('one code sent by many connections at once casts exactly one ballot', async () => {
  await putContent(app, 'votes', privateBudget);
  const [code] = (await issue({ count: 1 })).json().codes as string[];
  const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => post({ choices: [i % 2 ? 'n1' : 's1'], code })));
  assert.equal(statuses.filter((r) => r.statusCode === 201).length, 1);
  assert.deepEqual(statuses.filter((r) => r.statusCode !== 201).map((r) => r.json().error.code), Array(11).fill('already_submitted'));
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM submissions WHERE content_id = 'prive'`);
  assert.equal(rows[0]!.n, 1);
  const counters = await db.query<{ n: number }>(`SELECT count::int AS n FROM vote_ballots WHERE vote_id = 'prive'`);
  assert.equal(counters.rows[0]!.n, 1);
});
