/** Paper and booth imports (full ballots, counts), results by origin, CSV and Pabulib exports. */
import { after, before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { VoteResults } from '../../src/api/schemas.js';
import type { Db } from '../db.js';
import { recountVoteResults, voteResults, type VoteDef } from '../store.js';
import { auth, key, openTestDb, past, putContent, resetDb, testApp, vote } from './helpers.js';

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

const tally = (id: string, body: unknown, idem = key()) =>
  app.inject({ method: 'POST', url: `/api/admin/votes/${id}/tallies`, headers: { ...auth, 'idempotency-key': idem }, payload: body as object });
const post = (id: string, choices: string[]) =>
  app.inject({ method: 'POST', url: `/api/votes/${id}/ballots`, headers: { 'idempotency-key': key() }, payload: { deviceToken: key(), choices } });
const fieldsOf = (res: { statusCode: number; body: string }) => {
  assert.equal(res.statusCode, 400, res.body);
  return (JSON.parse(res.body).error.fields as Array<{ path: unknown[]; code: string }>).map((f) => [f.path.join('.'), f.code]);
};
async function assertCountersEqualRecount(def: unknown) {
  const now = new Date();
  assert.deepEqual(await voteResults(db, def as VoteDef, now), await recountVoteResults(db, def as VoteDef, now));
}

it('ranked: paper ballots validated like web ballots, counted in IRV and Borda, by origin', async () => {
  await putContent(app, 'votes', ranked);
  assert.deepEqual(fieldsOf(await tally('r', { origin: 'paper', ballots: [{ choices: ['a'] }, { choices: ['a', 'b', 'c', 'd'] }] })), [['ballots.1.choices', 'too_many']]);
  assert.deepEqual(fieldsOf(await tally('r', { origin: 'paper', counts: { a: 3 }, ballots: 3 })), [['counts', 'invalid_value']]);
  await post('r', ['a']);
  await post('r', ['a']);
  const res = await tally('r', { origin: 'paper', ballots: [{ choices: ['b', 'a'] }] });
  assert.equal(res.statusCode, 201, res.body);
  const booth = await tally('r', { origin: 'booth', ballots: [{ choices: ['c', 'b'] }] });
  const r = VoteResults.parse(booth.json().results);
  assert.deepEqual(r.byOrigin, { web: 2, paper: 1, booth: 1, assisted: 0 });
  assert.deepEqual(r.optionsByOrigin?.paper, [{ id: 'a', count: 0 }, { id: 'b', count: 1 }, { id: 'c', count: 0 }, { id: 'd', count: 0 }]);
  assert.deepEqual(r.optionsByOrigin?.web?.map((o) => o.count), [2, 0, 0, 0]);
  assert.equal(r.ranked?.irv?.winner, 'a');
  assert.deepEqual(r.ranked?.irv?.rounds.map((x) => x.eliminated), [['d'], ['c'], ['b'], []]);
  await assertCountersEqualRecount(ranked);
});

it('single/multiple/budget: counts imported as totals count in options and greedy, not in MES', async () => {
  await putContent(app, 'votes', vote('m', { method: 'multiple', maxChoices: 2 }));
  assert.deepEqual(fieldsOf(await tally('m', { origin: 'paper', counts: { a: 4, zz: 1 }, ballots: 3 })), [['counts.a', 'too_many'], ['counts.zz', 'unknown_option']]);
  assert.deepEqual(fieldsOf(await tally('m', { origin: 'paper', counts: { a: 3, b: 3, c: 3 }, ballots: 3 })), [['counts', 'too_many']]);
  const idem = key();
  const res = await tally('m', { origin: 'paper', counts: { a: 3, b: 1, c: 0 }, ballots: 3 }, idem);
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().added, 3);
  const again = await tally('m', { origin: 'paper', counts: { a: 3, b: 1, c: 0 }, ballots: 3 }, idem);
  assert.equal(again.statusCode, 200);
  assert.equal(again.json().added, 0);
  await post('m', ['b', 'c']);
  const r = (await tally('m', { origin: 'booth', counts: { c: 2 }, ballots: 2 })).json().results;
  assert.equal(r.ballots, 6);
  assert.deepEqual(r.options.map((o: { count: number }) => o.count), [3, 2, 3]);
  assert.deepEqual(r.byOrigin, { web: 1, paper: 3, booth: 2, assisted: 0 });
  await assertCountersEqualRecount(vote('m', { method: 'multiple', maxChoices: 2 }));

  await putContent(app, 'votes', budget);
  assert.deepEqual(fieldsOf(await tally('pb', { origin: 'paper', ballots: [{ choices: ['A1', 'A2', 'T'] }] })), [['ballots.0.choices', 'over_budget']]);
  await post('pb', ['B', 'T']);
  // 5 paper ballots counted for A1 only. Greedy (counters): A1 5 votes -> 50 left; B and T tie at 1 vote,
  // T cheaper first -> 40 left; B 40 fits -> 100. MES sees the one stored ballot [B, T] (share 100):
  // T (rho 10) then B (rho 40); completion adds nothing (A1 has no vote in the stored ballots).
  const b = (await tally('pb', { origin: 'paper', counts: { A1: 5 }, ballots: 5 })).json().results;
  assert.deepEqual(b.budget, { total: 100, greedy: { winners: ['A1', 'T', 'B'], spent: 100 }, mes: { winners: ['T', 'B'], spent: 50 } });
});

it('exports: results.csv, anonymous ballots.csv, Pabulib', async () => {
  await putContent(app, 'votes', { ...budget, eligibility: [{ id: 'habitant', label: 'Habitant', type: 'yesno', required: true }] } as typeof budget);
  const web = (choices: string[], habitant: boolean) =>
    app.inject({ method: 'POST', url: '/api/votes/pb/ballots', headers: { 'idempotency-key': key() }, payload: { deviceToken: key(), choices, eligibility: { habitant } } });
  for (const c of [['A1', 'A2'], ['A1', 'T'], ['B', 'T']]) assert.equal((await web(c, true)).statusCode, 201);
  assert.equal((await web(['B', 'A1'], false)).statusCode, 201);
  await tally('pb', { origin: 'paper', ballots: [{ choices: ['B', 'T'] }] });
  await tally('pb', { origin: 'booth', counts: { A1: 2 }, ballots: 2 });

  const results = await app.inject({ url: '/api/admin/votes/pb/export/results.csv', headers: auth });
  assert.equal(results.statusCode, 200);
  assert.match(results.headers['content-type'] as string, /^text\/csv/);
  const rows = results.body.trim().split('\r\n').map((l) => l.split(','));
  assert.deepEqual(rows[0], ['option', 'label', 'cost', 'category', 'district', 'votes', 'web', 'paper', 'booth', 'assisted', 'greedy', 'mes']);
  // A1: 3 web + 2 booth = 5 votes
  assert.deepEqual(rows[1], ['A1', 'A1', '50', 'vert', 'nord', '5', '3', '0', '2', '0', 'funded', 'funded']);
  assert.deepEqual(rows.at(-1)!.slice(5), ['7', '4', '1', '2', '0']);

  const ballots = await app.inject({ url: '/api/admin/votes/pb/export/ballots.csv', headers: auth });
  const lines = ballots.body.trim().split('\r\n');
  assert.equal(lines[0], 'day,origin,choices,eligibility:habitant');
  assert.equal(lines.length, 1 + 5); // counts-only imports are not ballots
  const today = new Date().toISOString().slice(0, 10);
  for (const l of lines.slice(1)) assert.match(l, new RegExp(`^${today},(web|paper),[A-Z0-9 ]+,(true|false)?$`));
  assert.ok(lines.includes(`${today},web,B A1,false`));
  assert.ok(!/[0-9a-f]{8}-[0-9a-f]{4}/.test(ballots.body), 'no ids');

  const pb = await app.inject({ url: '/api/admin/votes/pb/export/pabulib.pb', headers: auth });
  assert.equal(pb.statusCode, 200);
  const parsed = parsePabulib(pb.body);
  assert.equal(parsed.meta.vote_type, 'approval');
  assert.equal(parsed.meta.rule, 'greedy');
  assert.equal(parsed.meta.budget, '100');
  assert.equal(parsed.meta.num_projects, '4');
  assert.equal(parsed.meta.num_votes, '5');
  assert.deepEqual(parsed.projects.map((p) => [p.project_id, p.cost, p.votes, p.selected]), [['A1', '50', '3', '1'], ['A2', '50', '1', '0'], ['B', '40', '3', '1'], ['T', '10', '3', '1']]);
  assert.equal(parsed.votes.length, 5);
  // votes in PROJECTS equal the approvals in VOTES, as Pabulib checkers expect
  for (const p of parsed.projects) assert.equal(parsed.votes.filter((v) => v.vote!.split(',').includes(p.project_id!)).length, Number(p.votes));
  assert.deepEqual(parsed.votes.map((v) => v.voter_id), ['1', '2', '3', '4', '5']);
  assert.ok(parsed.votes.some((v) => v.voting_method === 'paper'));

  await putContent(app, 'votes', vote('s'));
  assert.equal((await app.inject({ url: '/api/admin/votes/s/export/pabulib.pb', headers: auth })).statusCode, 409);
  assert.equal((await app.inject({ url: '/api/admin/votes/s/export/results.csv' })).statusCode, 401);
  const closed = await app.inject({ url: '/api/admin/votes/s/export/results.csv', headers: auth });
  assert.match(closed.body, /^option,label,cost,category,district,votes,web,paper,booth,assisted\r\n/);
  void past;
});

/** A small reader of the Pabulib format: sections META, PROJECTS, VOTES of `;`-separated rows with a header. */
function parsePabulib(text: string) {
  const sections: Record<string, Array<Record<string, string>>> = {};
  let section = '';
  let header: string[] | null = null;
  for (const line of text.split('\n')) {
    if (!line) continue;
    if (['META', 'PROJECTS', 'VOTES'].includes(line.trim())) {
      section = line.trim();
      sections[section] = [];
      header = null;
      continue;
    }
    const cells = splitCsv(line, ';');
    if (!header) header = cells;
    else sections[section]!.push(Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  }
  const meta = Object.fromEntries((sections.META ?? []).map((r) => [r.key, r.value]));
  return { meta, projects: sections.PROJECTS ?? [], votes: sections.VOTES ?? [] };
}
function splitCsv(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}
