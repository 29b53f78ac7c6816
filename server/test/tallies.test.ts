/** The vote counters (vote_tallies, vote_ballots) always equal a recount from the stored ballots. */
import { after, before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db.js';
import { recountVoteResults, voteResults, type VoteDef } from '../store.js';
import { auth, ballot, key, openTestDb, putContent, resetDb, testApp, vote } from './helpers.js';

let db: Db;
let app: FastifyInstance;
let base: string;

before(async () => {
  db = await openTestDb();
  app = await testApp(db, { voteIpLimit: 1000, trustProxy: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
beforeEach(() => resetDb(db));
after(async () => {
  await app.close();
  await db.close();
});

const def = vote('m', { method: 'multiple', minChoices: 1, maxChoices: 3, resultsVisibility: 'after-close' }) as unknown as VoteDef;

async function assertCountersEqualRecount(expectedBallots: number): Promise<void> {
  const now = new Date();
  const counted = await voteResults(db, def, now);
  const recounted = await recountVoteResults(db, def, now);
  assert.deepEqual(counted, recounted);
  assert.equal(counted.ballots, expectedBallots);
}

const post = (body: unknown, idem: string, ip: string) =>
  fetch(`${base}/api/votes/m/ballots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idem, 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  }).then((r) => r.status);

const tally = (origin: string, ballots: string[][], idem = key()) =>
  app.inject({ method: 'POST', url: '/api/admin/votes/m/tallies', headers: { ...auth, 'idempotency-key': idem }, payload: { origin, ballots: ballots.map((choices) => ({ choices })) } });

it('counters equal a recount after web ballots, replays, refusals, paper tallies and concurrent submissions', async () => {
  await putContent(app, 'votes', def);
  let expected = 0;

  // Web ballots from a few addresses, single and multiple choices.
  for (const [i, choices] of [['a'], ['b', 'c'], ['a', 'b', 'c'], ['c'], ['c', 'a']].entries()) {
    assert.equal((await ballot(app, 'm', choices, { ip: `198.18.0.${i % 2}` })).statusCode, 201);
    expected++;
  }
  // Idempotent replays (same key, same body) answer 200 and do not count twice.
  const device = key();
  const idem = key();
  assert.equal((await ballot(app, 'm', ['b'], { device, idem })).statusCode, 201);
  expected++;
  for (let i = 0; i < 3; i++) assert.equal((await ballot(app, 'm', ['b'], { device, idem })).statusCode, 200);
  // Refusals count nothing: same key with other data, same device with a new key, a bad ballot.
  assert.equal((await ballot(app, 'm', ['a'], { device, idem })).statusCode, 409);
  assert.equal((await ballot(app, 'm', ['a'], { device })).statusCode, 409);
  assert.equal((await ballot(app, 'm', ['a', 'zz'])).statusCode, 400);
  await assertCountersEqualRecount(expected);

  // Paper and booth tallies, with a replayed batch.
  const batch = key();
  assert.equal((await tally('paper', [['a'], ['a', 'b'], ['c']], batch)).statusCode, 201);
  assert.equal((await tally('paper', [['a'], ['a', 'b'], ['c']], batch)).json().added, 0);
  assert.equal((await tally('booth', [['b']])).statusCode, 201);
  expected += 4;
  await assertCountersEqualRecount(expected);

  // Concurrent: distinct ballots (some sharing an address), one key replayed by many connections,
  // one device trying many keys, and two paper batches of the same origin at the same time.
  const replayKey = key();
  const replayBody = { choices: ['a', 'c'], deviceToken: key() };
  const greedy = key();
  const statuses = await Promise.all([
    ...Array.from({ length: 40 }, (_, i) => post({ choices: i % 3 === 0 ? ['a', 'b'] : [['a', 'b', 'c'][i % 3]!], deviceToken: key() }, key(), `198.18.1.${i % 4}`)),
    ...Array.from({ length: 20 }, () => post(replayBody, replayKey, '198.18.2.1')),
    ...Array.from({ length: 20 }, () => post({ choices: ['c', 'b', 'a'], deviceToken: greedy }, key(), '198.18.2.2')),
  ]);
  const [batchA, batchB] = await Promise.all([tally('paper', [['a'], ['b'], ['c'], ['c', 'b', 'a']]), tally('paper', [['c', 'b', 'a'], ['c'], ['b'], ['a']])]);
  assert.deepEqual([batchA.statusCode, batchB.statusCode], [201, 201]);
  assert.deepEqual(statuses.slice(0, 40).filter((s) => s !== 201), []);
  assert.equal(statuses.slice(40, 60).filter((s) => s === 201).length, 1);
  assert.deepEqual(statuses.slice(40, 60).filter((s) => s !== 201 && s !== 200), []);
  assert.equal(statuses.slice(60).filter((s) => s === 201).length, 1);
  expected += 40 + 1 + 1 + 8;
  await assertCountersEqualRecount(expected);

  // The public results and the receipts read the counters.
  await db.query(`UPDATE content SET definition = jsonb_set(definition, '{closesAt}', to_jsonb($1::text)) WHERE id = 'm'`, [new Date(Date.now() - 1000).toISOString()]);
  const shown = (await app.inject('/api/votes/m/results')).json();
  const recount = await recountVoteResults(db, { ...def, closesAt: new Date(Date.now() - 1000).toISOString() }, new Date());
  assert.deepEqual(shown.options, recount.options);
  assert.deepEqual(shown.byOrigin, recount.byOrigin);
  assert.equal(shown.updatedAt, recount.updatedAt);
});

it('deleting a vote removes its counters; a vote recreated with the same id starts from zero', async () => {
  await putContent(app, 'votes', def);
  await ballot(app, 'm', ['a']);
  await tally('paper', [['b']]);
  assert.equal((await app.inject({ method: 'DELETE', url: '/api/admin/votes/m', headers: auth })).statusCode, 204);
  const left = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM vote_tallies WHERE vote_id = 'm') + (SELECT count(*) FROM vote_ballots WHERE vote_id = 'm') AS n`);
  assert.equal(Number(left.rows[0]!.n), 0);
  await putContent(app, 'votes', def);
  await assertCountersEqualRecount(0);
});

it('the migration backfills the counters from ballots stored before it', async () => {
  await putContent(app, 'votes', def);
  for (const choices of [['a'], ['a', 'b'], ['c']]) await ballot(app, 'm', choices);
  await tally('booth', [['b', 'c']]);
  await db.query('TRUNCATE vote_tallies, vote_ballots');
  const sql = await readFile(new URL('../migrations/002_vote_tallies.sql', import.meta.url), 'utf8');
  await db.exec(sql.slice(sql.indexOf('-- Backfill')));
  await assertCountersEqualRecount(4);
});

it('content definitions are cached briefly per instance; admin PUT and DELETE through it drop them at once', async () => {
  const cached = await testApp(db, { contentCacheMs: 60_000 });
  try {
    await putContent(cached, 'votes', vote('c'));
    const title = async () => (await cached.inject('/api/votes/c')).json().title;
    assert.deepEqual(await title(), vote('c').title);
    // An edit straight in the database (or through another instance) waits for the cache.
    await db.query(`UPDATE content SET definition = jsonb_set(definition, '{title}', '"db"'::jsonb) WHERE id = 'c'`);
    assert.deepEqual(await title(), vote('c').title);
    // An admin PUT through this instance shows at once; so does a DELETE.
    await putContent(cached, 'votes', vote('c', { title: 'put' }));
    assert.equal(await title(), 'put');
    assert.equal((await cached.inject({ method: 'DELETE', url: '/api/admin/votes/c', headers: auth })).statusCode, 204);
    assert.equal((await cached.inject('/api/votes/c')).statusCode, 404);
    // Expired entries are read again.
    const brief = await testApp(db, { contentCacheMs: 1 });
    try {
      await putContent(brief, 'votes', vote('d'));
      assert.equal((await brief.inject('/api/votes/d')).statusCode, 200);
      await db.query(`UPDATE content SET definition = jsonb_set(definition, '{title}', '"db"'::jsonb) WHERE id = 'd'`);
      await new Promise((r) => setTimeout(r, 5));
      assert.equal((await brief.inject('/api/votes/d')).json().title, 'db');
    } finally {
      await brief.close();
    }
  } finally {
    await cached.close();
  }
});
