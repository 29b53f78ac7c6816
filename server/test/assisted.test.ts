/**
 * Assisted mode on the server (docs/assisted.md, docs/protocol.md "Assisted mode"): submissions
 * flagged `origin: "assisted"` with an optional mediator's code are stored in their own columns, do
 * not fall under the one-per-device rule, share the rate limits by network with the web, and are
 * counted as their own channel (results, `GET /api/admin/{kind}/{id}/channels`, submission lists).
 * Runs on PGlite, or PostgreSQL with DATABASE_URL.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db.js';
import { memoryMailer } from '../mail.js';
import { auth, key, openTestDb, putContent, resetDb, testApp, vote } from './helpers.js';
import { putThread } from './comments-support.js';
import { saintAubin, truncateReports } from './map-reports-support.js';

let db: Db;
let app: FastifyInstance;
const mailer = memoryMailer();
const token = () => `device-${key()}`;

before(async () => {
  db = await openTestDb();
  app = await testApp(db, {
    voteIpLimit: 3,
    petitions: { mailer, publicUrl: 'https://mairie.example' },
    mapReports: { minFillMs: 0 },
    comments: { minFillMs: 0 },
  });
});
after(async () => {
  await app.close();
  await db.close();
});
beforeEach(async () => {
  await resetDb(db);
  await truncateReports(db);
  await db.query('TRUNCATE petition_signatures');
  mailer.sent.length = 0;
});

function post(url: string, payload: Record<string, unknown>, opts: { idem?: string; ip?: string } = {}) {
  return app.inject({ method: 'POST', url, headers: { 'idempotency-key': opts.idem ?? key() }, payload, ...(opts.ip ? { remoteAddress: opts.ip } : {}) });
}

async function row(kind: string, id: string, where = 'true'): Promise<Array<{ origin: string; mediator: string | null; device_hash: string | null; ip_hash: string | null; payload: Record<string, unknown> }>> {
  const { rows } = await db.query<{ origin: string; mediator: string | null; device_hash: string | null; ip_hash: string | null; payload: Record<string, unknown> }>(
    `SELECT origin, mediator, device_hash, ip_hash, payload FROM submissions WHERE kind = $1 AND content_id = $2 AND ${where} ORDER BY created_at, id`,
    [kind, id],
  );
  return rows;
}

async function channels(path: string, id: string) {
  const res = await app.inject({ url: `/api/admin/${path}/${id}/channels`, headers: auth });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { kind: string; id: string; byOrigin: Record<string, number>; byMediator: Array<{ mediator: string | null; count: number }> };
}

describe('assisted ballots', () => {
  beforeEach(() => putContent(app, 'votes', vote('v', { resultsVisibility: 'after-vote' })));

  it('are stored as assisted with the mediator code, without a device hash, and counted per origin', async () => {
    const device = token();
    const first = await post('/api/votes/v/ballots', { choices: ['a'], deviceToken: device, origin: 'assisted', mediator: 'FS-Lyon-3' });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().results.byOrigin.assisted, 1);
    // The same terminal, the next person: the one-per-device rule does not apply.
    const second = await post('/api/votes/v/ballots', { choices: ['b'], deviceToken: device, origin: 'assisted', mediator: 'FS-Lyon-3' });
    assert.equal(second.statusCode, 201, second.body);
    const rows = await row('vote', 'v');
    assert.deepEqual(rows.map((r) => [r.origin, r.mediator, r.device_hash]), [['assisted', 'FS-Lyon-3', null], ['assisted', 'FS-Lyon-3', null]]);
    assert.ok(rows.every((r) => r.ip_hash), 'assisted ballots keep the hashed network for the rate limit');
    assert.ok(rows.every((r) => !('origin' in r.payload) && !('mediator' in r.payload) && !('deviceToken' in r.payload)), 'the channel lives in its columns, not the payload');
    const results = second.json().results;
    assert.equal(results.ballots, 2);
    assert.equal(results.byOrigin.assisted, 2);
    assert.equal(results.byOrigin.web, 0);
    assert.deepEqual(results.optionsByOrigin.assisted.map((o: { count: number }) => o.count), [1, 1, 0]);
  });

  it('still hold one ballot per device on the web, and replay idempotently', async () => {
    const device = token();
    assert.equal((await post('/api/votes/v/ballots', { choices: ['a'], deviceToken: device })).statusCode, 201);
    const again = await post('/api/votes/v/ballots', { choices: ['a'], deviceToken: device });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'already_submitted');
    // An assisted ballot from that same device is another person's.
    const idem = key();
    const assisted = await post('/api/votes/v/ballots', { choices: ['c'], deviceToken: device, origin: 'assisted' }, { idem });
    assert.equal(assisted.statusCode, 201, assisted.body);
    const replay = await post('/api/votes/v/ballots', { choices: ['c'], deviceToken: device, origin: 'assisted' }, { idem });
    assert.equal(replay.statusCode, 200);
    assert.equal(replay.json().duplicate, true);
    assert.equal(replay.json().id, assisted.json().id);
    const c = await channels('votes', 'v');
    assert.deepEqual(c.byOrigin, { web: 1, paper: 0, booth: 0, assisted: 1 });
    assert.deepEqual(c.byMediator, [{ mediator: null, count: 1 }]);
  });

  it('share the window per network with web ballots', async () => {
    const ip = '198.51.100.7';
    assert.equal((await post('/api/votes/v/ballots', { choices: ['a'], deviceToken: token() }, { ip })).statusCode, 201);
    assert.equal((await post('/api/votes/v/ballots', { choices: ['a'], deviceToken: token(), origin: 'assisted' }, { ip })).statusCode, 201);
    assert.equal((await post('/api/votes/v/ballots', { choices: ['b'], deviceToken: token(), origin: 'assisted', mediator: 'M1' }, { ip })).statusCode, 201);
    const fourth = await post('/api/votes/v/ballots', { choices: ['b'], deviceToken: token(), origin: 'assisted', mediator: 'M1' }, { ip });
    assert.equal(fourth.statusCode, 429, fourth.body);
    assert.equal(fourth.json().error.code, 'rate_limited');
    assert.equal((await post('/api/votes/v/ballots', { choices: ['b'], deviceToken: token() }, { ip })).statusCode, 429);
    // Another network is not held back.
    assert.equal((await post('/api/votes/v/ballots', { choices: ['b'], deviceToken: token(), origin: 'assisted' }, { ip: '198.51.100.8' })).statusCode, 201);
  });

  it('refuse a mediator code without origin assisted, too long, or with control characters', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ mediator: 'FS-Lyon-3' }, 'invalid_value'],
      [{ origin: 'assisted', mediator: 'x'.repeat(65) }, 'invalid_format'],
      [{ origin: 'assisted', mediator: 'FS\u0007Lyon' }, 'invalid_format'],
      [{ origin: 'paper' }, 'invalid_value'],
    ];
    for (const [extra, code] of cases) {
      const res = await post('/api/votes/v/ballots', { choices: ['a'], deviceToken: token(), ...extra });
      assert.equal(res.statusCode, 400, `${JSON.stringify(extra)}: ${res.body}`);
      const field = res.json().error.fields.find((f: { path: string[] }) => f.path[0] === ('mediator' in extra ? 'mediator' : 'origin'));
      assert.ok(field, res.body);
      assert.equal(field.code, code, res.body);
    }
    assert.equal((await row('vote', 'v')).length, 0);
    // 64 characters, trimmed, kept as given.
    const ok = await post('/api/votes/v/ballots', { choices: ['a'], deviceToken: token(), origin: 'assisted', mediator: `  ${'é'.repeat(64)} ` });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal((await row('vote', 'v'))[0]!.mediator, 'é'.repeat(64));
  });

  it('with an invitation code are assisted too', async () => {
    await putContent(app, 'votes', vote('c', { access: 'codes' }));
    const codes = await app.inject({ method: 'POST', url: '/api/admin/votes/c/codes', headers: auth, payload: { count: 1 } });
    assert.equal(codes.statusCode, 201, codes.body);
    const code = codes.json().codes[0];
    const res = await post('/api/votes/c/ballots', { choices: ['a'], deviceToken: token(), code, origin: 'assisted', mediator: 'Médiathèque' });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual((await row('vote', 'c')).map((r) => [r.origin, r.mediator]), [['assisted', 'Médiathèque']]);
  });
});

describe('assisted survey responses', () => {
  beforeEach(() =>
    putContent(app, 'surveys', {
      id: 's', title: 'Mobilité', onePerDevice: true, resultsPublished: true,
      pages: [{ id: 'p1', questions: [{ id: 'q', type: 'single', label: 'Vélo ?', required: true, options: [{ id: 'y', label: 'Oui' }, { id: 'n', label: 'Non' }] }] }],
    } as { id: string }),
  );

  it('skip one-per-device for assisted responses only, and show in results per origin', async () => {
    const device = token();
    for (const answer of ['y', 'n']) {
      const res = await post('/api/surveys/s/responses', { answers: { q: answer }, deviceToken: device, origin: 'assisted', mediator: 'FS-Tours' });
      assert.equal(res.statusCode, 201, res.body);
    }
    assert.equal((await post('/api/surveys/s/responses', { answers: { q: 'y' }, deviceToken: device })).statusCode, 201);
    const again = await post('/api/surveys/s/responses', { answers: { q: 'y' }, deviceToken: device });
    assert.equal(again.statusCode, 409);
    const rows = await row('survey', 's');
    assert.deepEqual(rows.map((r) => [r.origin, r.mediator, r.device_hash === null]), [['assisted', 'FS-Tours', true], ['assisted', 'FS-Tours', true], ['web', null, false]]);
    const results = (await app.inject({ url: '/api/surveys/s/results' })).json();
    assert.equal(results.byOrigin.assisted, 2);
    assert.equal(results.byOrigin.web, 1);
    const assistedOnly = (await app.inject({ url: '/api/surveys/s/results?origin=assisted' })).json();
    assert.equal(assistedOnly.responses, 2);
    const list = (await app.inject({ url: '/api/admin/surveys/s/submissions', headers: auth })).json();
    assert.deepEqual(list.items.map((i: { origin: string; mediator?: string }) => [i.origin, i.mediator]), [['assisted', 'FS-Tours'], ['assisted', 'FS-Tours'], ['web', undefined]]);
    const c = await channels('surveys', 's');
    assert.deepEqual(c.byMediator, [{ mediator: 'FS-Tours', count: 2 }]);
  });
});

describe('assisted petition signatures', () => {
  beforeEach(() => putContent(app, 'petitions', { id: 'p', title: 'Piste cyclable', summary: 'Une piste le long du canal.', profile: 'minimal', publicNames: true } as { id: string }));

  it('are pending until confirmed, then count online and by mediator', async () => {
    const res = await post('/api/petitions/p/signatures', { email: 'marie@example.org', name: 'Marie Dupont', publicName: 'initial', origin: 'assisted', mediator: 'FS-Lyon-3', fillMs: 60_000 });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual((await row('petition', 'p')).map((r) => [r.origin, r.mediator]), [['assisted', 'FS-Lyon-3']]);
    assert.equal((await channels('petitions', 'p')).byOrigin.assisted, 0, 'not counted before the confirmation');
    const link = /https:\/\/mairie\.example(\/api\/petitions\/p\/confirm\?token=[\w-]+&lang=[a-z]+)/.exec(mailer.sent[0]!.text)?.[1];
    assert.ok(link, mailer.sent[0]?.text);
    assert.equal((await app.inject({ url: link })).statusCode, 200);
    const def = (await app.inject({ url: '/api/petitions/p' })).json();
    assert.deepEqual(def.count, { online: 1, paper: 0, total: 1 });
    const signers = (await app.inject({ url: '/api/petitions/p/signers' })).json();
    assert.equal(signers.total, 1, 'an assisted signer who chose to appear is listed like a web one');
    const c = await channels('petitions', 'p');
    assert.equal(c.byOrigin.assisted, 1);
    assert.deepEqual(c.byMediator, [{ mediator: 'FS-Lyon-3', count: 1 }]);
  });
});

describe('assisted map reports', () => {
  beforeEach(() => putContent(app, 'map-reports', saintAubin({ id: 'r' }) as { id: string }));

  it('are stored as assisted with the mediator code', async () => {
    const res = await post('/api/map-reports/r/requests', { service_code: 'tag', lat: 47.3922, long: 0.9769, description: 'Tag sur le mur', origin: 'assisted', mediator: 'FS-Tours' });
    assert.equal(res.statusCode, 201, res.body);
    const rows = await row('map-report', 'r');
    assert.deepEqual(rows.map((r) => [r.origin, r.mediator, 'origin' in r.payload, 'mediator' in r.payload]), [['assisted', 'FS-Tours', false, false]]);
    assert.deepEqual((await channels('map-reports', 'r')).byOrigin, { web: 0, paper: 0, booth: 0, assisted: 1 });
  });
});

describe('assisted comments', () => {
  beforeEach(() => putThread(app, 't'));

  it('are stored as assisted with the mediator code, and listed so', async () => {
    const res = await post('/api/threads/t/comments', { author: 'Camille', body: 'Plus de bancs, s’il vous plaît.', deviceToken: token(), origin: 'assisted', mediator: 'Médiathèque' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((await post('/api/threads/t/comments', { author: 'Léo', body: 'Et des arbres.', deviceToken: token() })).statusCode, 201);
    const list = (await app.inject({ url: '/api/admin/threads/t/submissions', headers: auth })).json();
    assert.deepEqual(list.items.map((i: { origin: string; mediator?: string }) => [i.origin, i.mediator]), [['assisted', 'Médiathèque'], ['web', undefined]]);
    const c = await channels('threads', 't');
    assert.deepEqual(c.byOrigin, { web: 1, paper: 0, booth: 0, assisted: 1 });
    assert.deepEqual(c.byMediator, [{ mediator: 'Médiathèque', count: 1 }]);
  });
});

describe('GET /api/admin/{kind}/{id}/channels', () => {
  it('needs the admin token and a known id', async () => {
    await putContent(app, 'votes', vote('v'));
    assert.equal((await app.inject({ url: '/api/admin/votes/v/channels' })).statusCode, 401);
    assert.equal((await app.inject({ url: '/api/admin/votes/nope/channels', headers: auth })).statusCode, 404);
  });

  it('counts the ballots of a paper tally, and assisted ones per mediator, largest first', async () => {
    await putContent(app, 'votes', vote('v'));
    const tally = await app.inject({ method: 'POST', url: '/api/admin/votes/v/tallies', headers: auth, payload: { origin: 'paper', ballots: 40, counts: { a: 25, b: 15 } } });
    assert.equal(tally.statusCode, 201, tally.body);
    for (const [i, m] of ['B', 'A', 'A', undefined].entries()) {
      const res = await post('/api/votes/v/ballots', { choices: ['a'], deviceToken: token(), origin: 'assisted', ...(m ? { mediator: m } : {}) }, { ip: `203.0.113.${i + 1}` });
      assert.equal(res.statusCode, 201, res.body);
    }
    const c = await channels('votes', 'v');
    assert.deepEqual(c.byOrigin, { web: 0, paper: 40, booth: 0, assisted: 4 });
    assert.deepEqual(c.byMediator, [{ mediator: 'A', count: 2 }, { mediator: 'B', count: 1 }, { mediator: null, count: 1 }]);
  });
});
