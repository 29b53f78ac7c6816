/** Ballot rules per method (approval k of n, ranked, budget), eligibility, results with the counting rules. */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { VoteResults } from '../../src/api/schemas.js';
import type { Db } from '../db.js';
import { recountVoteResults, voteResults, type VoteDef } from '../store.js';
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
beforeEach(() => resetDb(db));

function post(voteId: string, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: `/api/votes/${voteId}/ballots`, headers: { 'idempotency-key': key() }, payload: { deviceToken: key(), ...body } });
}
function fields(res: { statusCode: number; body: string }, status = 400) {
  assert.equal(res.statusCode, status, res.body);
  return (JSON.parse(res.body).error.fields ?? []) as Array<{ path: unknown[]; code: string; message: string }>;
}
const codes = (res: { statusCode: number; body: string }) => fields(res).map((f) => f.code);

const ranked = vote('r', {
  method: 'ranked', ranking: { count: 'both' }, maxChoices: 3,
  options: ['a', 'b', 'c', 'd'].map((id) => ({ id, label: id.toUpperCase() })),
});

const budget = vote('pb', {
  method: 'budget',
  budget: { total: 100, minShare: 0.5, rule: 'both', currency: 'EUR' },
  districts: [{ id: 'nord', label: 'Nord' }, { id: 'sud', label: 'Sud' }],
  categories: [{ id: 'vert', label: 'Vert' }],
  options: [
    { id: 'A1', label: 'A1', cost: 50, district: 'nord', category: 'vert' },
    { id: 'A2', label: 'A2', cost: 50, district: 'nord' },
    { id: 'B', label: 'B', cost: 40, district: 'sud' },
    { id: 'T', label: 'T', cost: 10 },
  ],
});

describe('approval (multiple, k of n)', () => {
  it('between minChoices and maxChoices distinct known options', async () => {
    await putContent(app, 'votes', vote('m', { method: 'multiple', minChoices: 2, maxChoices: 3, options: 'abcde'.split('').map((id) => ({ id, label: id })) }));
    assert.deepEqual(codes(await post('m', { choices: ['a'] })), ['too_few']);
    assert.deepEqual(codes(await post('m', { choices: ['a', 'b', 'c', 'd'] })), ['too_many']);
    assert.deepEqual(codes(await post('m', { choices: ['a', 'a'] })), ['duplicate']);
    assert.deepEqual(codes(await post('m', { choices: ['a', 'zz'] })), ['unknown_option']);
    assert.equal((await post('m', { choices: ['a', 'b', 'c'] })).statusCode, 201);
    const r = (await post('m', { choices: ['a', 'e'] })).json().results;
    assert.deepEqual(r.options.map((o: { count: number }) => o.count), [2, 1, 1, 0, 1]);
  });
});

describe('ranked', () => {
  it('ranks 1 to maxChoices options; counts are first preferences; IRV and Borda in the results', async () => {
    await putContent(app, 'votes', ranked);
    assert.deepEqual(codes(await post('r', { choices: ['a', 'b', 'c', 'd'] })), ['too_many']);
    assert.deepEqual(codes(await post('r', { choices: ['a', 'b', 'a'] })), ['duplicate']);
    // 2 x [a], [b, a], [c, b]: as the hand-computed example of votes-rules (a wins in round 3).
    for (const choices of [['a'], ['a'], ['b', 'a']]) assert.equal((await post('r', { choices })).statusCode, 201);
    const res = await post('r', { choices: ['c', 'b'] });
    assert.equal(res.statusCode, 201, res.body);
    const r = VoteResults.parse(res.json().results);
    assert.deepEqual(r.options, [{ id: 'a', count: 2 }, { id: 'b', count: 1 }, { id: 'c', count: 1 }, { id: 'd', count: 0 }]);
    assert.equal(r.ranked?.irv?.winner, 'a');
    // round 1: d (0) goes first; then c (Borda 3 < b 5... see below), then b
    // Borda, n = 4: [a] a 3 (x2); [b, a] b 3, a 2; [c, b] c 3, b 2 -> a 8, b 5, c 3, d 0
    assert.deepEqual(r.ranked?.borda, { scores: [{ id: 'a', count: 8 }, { id: 'b', count: 5 }, { id: 'c', count: 3 }, { id: 'd', count: 0 }], order: ['a', 'b', 'c', 'd'] });
    assert.deepEqual(r.ranked?.irv?.rounds.map((x) => x.eliminated), [['d'], ['c'], ['b'], []]);
    // the counters (first preferences) equal a recount
    const def = ranked as unknown as VoteDef;
    assert.deepEqual(await voteResults(db, def, new Date()), await recountVoteResults(db, def, new Date()));
    // GET /results (after-vote needs the voter; close it to read it plainly)
    await putContent(app, 'votes', { ...ranked, id: 'r2', ranking: { count: 'irv' } } as typeof ranked);
    await post('r2', { choices: ['b'] });
    const only = (await post('r2', { choices: ['b', 'a'] })).json().results;
    assert.deepEqual(Object.keys(only.ranked), ['irv']);
    assert.equal(only.ranked.irv.winner, 'b');
  });
});

describe('participatory budget', () => {
  it('refuses over budget, under the minimum share, duplicates; results by greedy and MES', async () => {
    await putContent(app, 'votes', budget);
    assert.deepEqual(codes(await post('pb', { choices: ['A1', 'A2', 'B'] })), ['over_budget']);
    const under = fields(await post('pb', { choices: ['T'] }));
    assert.deepEqual(under, [{ path: ['choices'], code: 'under_min_share', message: under[0]!.message }]);
    assert.match(under[0]!.message, /at least 50/);
    assert.deepEqual(codes(await post('pb', { choices: ['B', 'B', 'T'] })), ['duplicate']);
    // 6 x [A1, A2], 4 x [B, T]: greedy A1, A2 (100); MES A1 (rho 8.33), then B and T.
    for (let i = 0; i < 6; i++) assert.equal((await post('pb', { choices: ['A1', 'A2'] })).statusCode, 201);
    for (let i = 0; i < 3; i++) assert.equal((await post('pb', { choices: ['B', 'T'] })).statusCode, 201);
    const r = VoteResults.parse((await post('pb', { choices: ['B', 'T'] })).json().results);
    // MES, 10 ballots x 10: A1/A2 rho 50/6 = 8.33, B rho 40/4 = 10, T rho 10/4 = 2.5.
    //   T first (rho 2.5; its 4 voters keep 7.5); A1 (8.33; tie with A2, definition order; its voters keep 1.67);
    //   A2: 6 x 1.67 = 10 < 50; B: 4 x 7.5 = 30 < 40 -> stop. Spent 60; greedy completion with 40 left:
    //   A2 (6 votes) 50 does not fit, B (4 votes) 40 fits -> spent 100.
    // Greedy: A1 (6), A2 (6) -> 100; B and T do not fit.
    assert.deepEqual(r.budget, { total: 100, greedy: { winners: ['A1', 'A2'], spent: 100 }, mes: { winners: ['T', 'A1', 'B'], spent: 100 } });
    assert.equal(r.ballots, 10);
  });

  it('checks the definition: budget, costs, facets, min share reachable', async () => {
    const put = (def: unknown) => app.inject({ method: 'PUT', url: '/api/admin/votes/x', headers: auth, payload: def as object });
    const { budget: _b, ...noBudget } = budget;
    let f = fields(await put({ ...noBudget, id: 'x' }));
    assert.deepEqual(f.map((x) => x.path), [['budget']]);
    f = fields(await put({ ...budget, id: 'x', options: [{ id: 'a', label: 'a' }, { id: 'b', label: 'b', cost: 1, district: 'ouest' }] }));
    assert.deepEqual(f.map((x) => [x.path.join('.'), x.code]), [['options.0.cost', 'required'], ['budget.minShare', 'too_big'], ['options.1.district', 'invalid_value']]);
    f = fields(await put(vote('x', { eligibility: [{ id: 'q', label: 'Q', type: 'choice', mustBeYes: true }, { id: 'q', label: 'Q', type: 'yesno' }] })));
    assert.deepEqual(f.map((x) => [x.path.join('.'), x.code]), [['eligibility.0.options', 'required'], ['eligibility.0.mustBeYes', 'invalid_value'], ['eligibility.1.id', 'duplicate']]);
  });
});

describe('review step (RGAA 11.12)', () => {
  it('"review" is kept and served for single and k-of-n polls, refused where the method has its own step', async () => {
    const put = (def: { id: string }) => app.inject({ method: 'PUT', url: `/api/admin/votes/${def.id}`, headers: auth, payload: def });
    const served = async (id: string) => (await app.inject({ method: 'GET', url: `/api/votes/${id}` })).json().review;
    for (const [id, def] of [['s', vote('s', { review: true })], ['m', vote('m', { method: 'multiple', maxChoices: 2, review: false })]] as const) {
      const r = await put(def);
      assert.ok(r.statusCode < 300, r.body);
      assert.equal(await served(id), def.review);
    }
    for (const def of [{ ...ranked, id: 'r2', review: true }, { ...budget, id: 'b2', review: true }]) {
      const f = fields(await put(def));
      assert.deepEqual(f.map((x) => [x.path.join('.'), x.code]), [['review', 'invalid_value']]);
      assert.match(f[0]!.message, /only applies to methods "single" and "multiple"/);
    }
  });
});

describe('eligibility', () => {
  it('required answers, mustBeYes, valid values; answers stored with the ballot', async () => {
    await putContent(app, 'votes', vote('e', {
      eligibility: [
        { id: 'habitant', label: 'J’habite la commune', type: 'yesno', mustBeYes: true },
        { id: 'age', label: 'Âge', type: 'choice', required: true, options: [{ id: 'moins-18', label: '-18' }, { id: '18-64', label: '18-64' }, { id: '65-plus', label: '65+' }] },
        { id: 'newsletter', label: 'Lettre', type: 'yesno' },
      ],
    }));
    let f = fields(await post('e', { choices: ['a'] }));
    assert.deepEqual(f.map((x) => [x.path.join('.'), x.code]), [['eligibility.habitant', 'eligibility_required'], ['eligibility.age', 'eligibility_required']]);
    f = fields(await post('e', { choices: ['a'], eligibility: { habitant: false, age: '18-64' } }));
    assert.deepEqual(f.map((x) => [x.path.join('.'), x.code]), [['eligibility.habitant', 'not_eligible']]);
    f = fields(await post('e', { choices: ['a'], eligibility: { habitant: true, age: 'old', newsletter: 'yes', other: true } }));
    assert.deepEqual(f.map((x) => [x.path.join('.'), x.code]), [['eligibility.age', 'invalid_value'], ['eligibility.newsletter', 'invalid_value'], ['eligibility.other', 'unknown_field']]);
    assert.equal((await post('e', { choices: ['a'], eligibility: { habitant: true, age: '65-plus' } })).statusCode, 201);
    const items = (await app.inject({ url: '/api/admin/votes/e/submissions', headers: auth })).json().items;
    assert.deepEqual(items[0].payload, { choices: ['a'], eligibility: { habitant: true, age: '65-plus' } });
  });
});

describe('rule results cache', () => {
  it('IRV/Borda/MES are reused for voteRulesCacheMs while counts stay exact; a paper import refreshes them', async () => {
    const cached = await testApp(db, { voteRulesCacheMs: 60_000 });
    try {
      await putContent(cached, 'votes', { ...ranked, resultsVisibility: 'after-close' } as typeof ranked);
      const send = (choices: string[]) => cached.inject({ method: 'POST', url: '/api/votes/r/ballots', headers: { 'idempotency-key': key() }, payload: { deviceToken: key(), choices } });
      const results = async () => (await cached.inject({ url: '/api/admin/votes/r/export/results.csv', headers: auth })).body;
      assert.equal((await send(['a'])).statusCode, 201);
      assert.match(await results(), /^a,A,,,,1,1,0,0,0,3,winner\r$/m);
      assert.equal((await send(['b'])).statusCode, 201);
      assert.equal((await send(['b'])).statusCode, 201);
      // counts are fresh (b 2), the IRV/Borda columns still those of the first ballot
      assert.match(await results(), /^b,B,,,,2,2,0,0,0,0,\r$/m);
      await cached.inject({ method: 'POST', url: '/api/admin/votes/r/tallies', headers: auth, payload: { origin: 'paper', ballots: [{ choices: ['b'] }] } });
      assert.match(await results(), /^b,B,,,,3,2,1,0,0,9,winner\r$/m);
      // closed: GET /results shows them to anyone
      await db.query(`UPDATE content SET definition = jsonb_set(definition, '{closesAt}', to_jsonb($1::text)) WHERE id = 'r'`, [new Date(Date.now() - 1000).toISOString()]);
      const shown = (await cached.inject('/api/votes/r/results')).json();
      assert.equal(shown.ranked.irv.winner, 'b');
    } finally {
      await cached.close();
    }
  });
});
