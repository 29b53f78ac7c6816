import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { BallotReceipt, Receipt, VoteDefinition, VoteResults, PetitionDefinition, ThreadDefinition } from '../../src/api/schemas.js';
import { buildOpenApi } from '../openapi.js';
import type { Db } from '../db.js';
import { ADMIN_TOKEN, assertError, auth, ballot, future, key, openTestDb, past, putContent, resetDb, testApp, vote } from './helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));


let db: Db;
let app: FastifyInstance;

before(async () => {
  db = await openTestDb();
  app = await testApp(db, { staticRoot: root });
});
after(async () => {
  await app.close();
  await db.close();
});
beforeEach(() => resetDb(db));

describe('basics', () => {
  it('health, security headers, no cookies', async () => {
    const res = await app.inject('/api/health');
    assert.deepEqual(res.json(), { ok: true });
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.equal(res.headers['set-cookie'], undefined);
    assert.ok(res.headers['x-request-id'] === undefined);
  });

  it('docs/openapi.json is in sync with buildOpenApi() and served', async () => {
    const onDisk = JSON.parse(await readFile(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    assert.deepEqual(onDisk, buildOpenApi(), 'run `npm run openapi` to regenerate docs/openapi.json');
    const res = await app.inject('/api/openapi.json');
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    for (const p of ['/votes/{id}', '/votes/{id}/ballots', '/votes/{id}/results', '/surveys/{id}/responses', '/petitions/{id}/signatures',
      '/map-reports/{id}/requests', '/threads/{id}/comments', '/admin/votes/{id}', '/admin/votes/{id}/tallies', '/admin/threads/{id}/submissions',
      '/petitions/{id}/events', '/petitions/{id}/challenge', '/petitions/{id}/confirm', '/petitions/{id}/withdraw', '/admin/petitions/{id}/paper', '/admin/petitions/{id}/export.csv',
      '/admin/petitions/{id}/bursts', '/admin/petitions/{id}/invalidate', '/admin/signers', '/admin/petitions-retention']) {
      assert.ok(doc.paths[p], `missing ${p}`);
    }
    // Every documented operation is a route of the app.
    for (const [p, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) {
        const url = `/api${p.replace(/\{(\w+)\}/g, ':$1')}`;
        assert.ok(app.hasRoute({ method: method.toUpperCase() as 'GET', url }), `documented but not served: ${method.toUpperCase()} ${url}`);
      }
    }
    for (const s of ['VoteDefinition', 'BallotSubmission', 'BallotReceipt', 'ApiErrorBody', 'Condition', 'SurveyResponse', 'ReportSubmission', 'TallySubmission']) {
      assert.ok(doc.components.schemas[s], `missing component ${s}`);
    }
    // every $ref resolves
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const r of new Set(refs)) assert.ok(doc.components.schemas[r.slice(22, -1)], `dangling ${r}`);
  });

  it('unknown routes answer 404 in the error format', async () => {
    assertError(await app.inject('/api/nothing-here'), 404, 'not_found', /GET \/api\/nothing-here/);
    assertError(await app.inject({ method: 'POST', url: '/api/nothing', payload: {} }), 404, 'not_found');
    assertError(await app.inject({ method: 'PATCH', url: '/api/votes/x' }), 404, 'not_found');
  });

  it('unknown id: 404 naming the kind and id', async () => {
    const e = assertError(await app.inject('/api/votes/velo-inconnu'), 404, 'not_found');
    assert.match(e.message, /vote/);
    assert.match(e.message, /"velo-inconnu"/);
    assertError(await app.inject({ method: 'POST', url: '/api/petitions/nope/signatures', headers: { 'idempotency-key': key() }, payload: { email: 'a@b.fr' } }), 404, 'not_found', /petition.*"nope"/);
  });

  it('an unexpected error is a 500 server_error without stack trace', async () => {
    await db.query(`INSERT INTO content (kind, id, definition) VALUES ('vote', 'broken', '{"id":"broken"}'::jsonb)`);
    const e = assertError(await app.inject('/api/votes/broken'), 500, 'server_error');
    assert.doesNotMatch(e.message, /at .*\.ts/);
    assert.equal((await app.inject('/api/health')).statusCode, 200);
  });
});

describe('definitions and phases', () => {
  it('serves a definition parsed by the schema, with phase and serverTime', async () => {
    await putContent(app, 'votes', vote('v1'));
    const res = await app.inject('/api/votes/v1');
    assert.equal(res.statusCode, 200);
    const def = VoteDefinition.parse(res.json());
    assert.equal(def.phase, 'open');
    assert.equal(def.resultsVisibility, 'after-vote');
    assert.ok(Math.abs(Date.parse(def.serverTime) - Date.now()) < 5000);
  });

  it('computes scheduled/open/closed from opensAt/closesAt', async () => {
    await putContent(app, 'votes', vote('s', { opensAt: future() }));
    await putContent(app, 'votes', vote('c', { opensAt: past(7200_000), closesAt: past() }));
    await putContent(app, 'votes', vote('o', { opensAt: past(), closesAt: future() }));
    assert.equal((await app.inject('/api/votes/s')).json().phase, 'scheduled');
    assert.equal((await app.inject('/api/votes/c')).json().phase, 'closed');
    assert.equal((await app.inject('/api/votes/o')).json().phase, 'open');
    assertError(await ballot(app, 's', ['a']), 409, 'not_open', /opens at/);
    assertError(await ballot(app, 'c', ['a']), 409, 'closed', /closed/);
    assert.equal((await ballot(app, 'o', ['a'])).statusCode, 201);
  });
});

describe('request errors keep the server answering', () => {
  const url = '/api/votes/v/ballots';
  beforeEach(() => putContent(app, 'votes', vote('v')));

  it('malformed JSON → 400 bad_request', async () => {
    assertError(await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', 'idempotency-key': key() }, payload: '{"choices": [' }), 400, 'bad_request', /malformed JSON/);
    assert.equal((await ballot(app, 'v', ['a'])).statusCode, 201);
  });

  it('empty JSON body → 400 bad_request', async () => {
    assertError(await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', 'idempotency-key': key() }, payload: '' }), 400, 'bad_request', /empty/);
    assertError(await app.inject({ method: 'POST', url, headers: { 'idempotency-key': key() } }), 400, 'bad_request', /no body/);
  });

  it('oversized body → 413 payload_too_large (64 KiB), map reports allow 12 MiB', async () => {
    const big = { choices: ['a'], deviceToken: key(), pad: 'x'.repeat(70 * 1024) };
    assertError(await app.inject({ method: 'POST', url, headers: { 'idempotency-key': key() }, payload: big }), 413, 'payload_too_large', /65536 bytes/);
    assert.equal((await ballot(app, 'v', ['a'])).statusCode, 201);
    await putContent(app, 'map-reports', { id: 'm', title: 'Voirie', map: { center: { lat: 48.1, long: 2.3 }, zoom: 15 }, services: [{ service_code: 'trou', service_name: 'Nid-de-poule', metadata: false, type: 'realtime' }] } as never);
    // A real JPEG of about 1 MiB (the server reads photos' bytes): the fixture with comment segments as padding.
    const tiny = await readFile(new URL('./fixtures/tiny.jpg', import.meta.url));
    const pad = Buffer.concat(Array.from({ length: 16 }, () => Buffer.concat([Buffer.from([0xff, 0xfe, 0xff, 0xff]), Buffer.alloc(0xfffd, 0x20)])));
    const photo = `data:image/jpeg;base64,${Buffer.concat([tiny.subarray(0, 2), pad, tiny.subarray(2)]).toString('base64')}`;
    const res = await app.inject({ method: 'POST', url: '/api/map-reports/m/requests', headers: { 'idempotency-key': key() }, payload: { service_code: 'trou', description: 'Un trou', lat: 48.1, long: 2.3, media: [photo] } });
    assert.equal(res.statusCode, 201, res.body);
    const huge = `data:image/jpeg;base64,${'A'.repeat(13 * 1024 * 1024)}`;
    assertError(await app.inject({ method: 'POST', url: '/api/map-reports/m/requests', headers: { 'idempotency-key': key() }, payload: { service_code: 'trou', description: 'x', media: [huge] } }), 413, 'payload_too_large');
  });

  it('wrong types and missing fields → 400 validation with field issues', async () => {
    let e = assertError(await app.inject({ method: 'POST', url, headers: { 'idempotency-key': key() }, payload: { choices: 'a' } }), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['choices'], 'invalid_type'], [['deviceToken'], 'required']]);
    e = assertError(await app.inject({ method: 'POST', url, headers: { 'idempotency-key': key() }, payload: { choices: ['a'], deviceToken: 'short' } }), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['deviceToken'], 'invalid_format']]);
    e = assertError(await app.inject({ method: 'POST', url, headers: { 'idempotency-key': key() }, payload: [] }), 400, 'validation');
    assert.equal(e.fields?.[0]?.code, 'invalid_type');
    assert.equal((await ballot(app, 'v', ['a'])).statusCode, 201);
  });

  it('missing or bad Idempotency-Key → 400 bad_request', async () => {
    assertError(await app.inject({ method: 'POST', url, payload: { choices: ['a'], deviceToken: key() } }), 400, 'bad_request', /Idempotency-Key header is missing/);
    assertError(await app.inject({ method: 'POST', url, headers: { 'idempotency-key': 'abc' }, payload: { choices: ['a'], deviceToken: key() } }), 400, 'bad_request', /Idempotency-Key header is invalid/);
  });

  it('wrong content type → 415', async () => {
    assertError(await app.inject({ method: 'POST', url, headers: { 'content-type': 'text/plain', 'idempotency-key': key() }, payload: 'choices=a' }), 415, 'unsupported_media_type', /application\/json/);
    assertError(await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': key() }, payload: 'choices=a' }), 415, 'unsupported_media_type');
    assert.equal((await ballot(app, 'v', ['a'])).statusCode, 201);
  });
});

describe('idempotency', () => {
  beforeEach(() => putContent(app, 'votes', vote('v')));

  it('replay → 200 duplicate with the same id and receivedAt; other payload → 409 conflict', async () => {
    const idem = key();
    const device = key();
    const first = await ballot(app, 'v', ['a'], { idem, device });
    assert.equal(first.statusCode, 201);
    const r1 = BallotReceipt.parse(first.json());
    assert.equal(r1.duplicate, false);
    assert.equal(r1.status, 'accepted');
    const again = await ballot(app, 'v', ['a'], { idem, device });
    assert.equal(again.statusCode, 200);
    const r2 = BallotReceipt.parse(again.json());
    assert.deepEqual([r2.id, r2.receivedAt, r2.duplicate], [r1.id, r1.receivedAt, true]);
    assertError(await ballot(app, 'v', ['b'], { idem, device }), 409, 'conflict', /different/);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM submissions');
    assert.equal(rows[0]!.n, 1);
  });

  it('a replay after the vote closed still answers the receipt', async () => {
    const idem = key();
    const device = key();
    assert.equal((await ballot(app, 'v', ['a'], { idem, device })).statusCode, 201);
    await db.query(`UPDATE content SET definition = jsonb_set(definition, '{closesAt}', to_jsonb($1::text)) WHERE id = 'v'`, [past(1000)]);
    assert.equal((await ballot(app, 'v', ['a'], { idem, device })).statusCode, 200);
  });
});

describe('vote rules', () => {
  it('single choice: exactly one known option', async () => {
    await putContent(app, 'votes', vote('v'));
    assert.equal((await ballot(app, 'v', ['b'])).statusCode, 201);
    let e = assertError(await ballot(app, 'v', ['a', 'b']), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['choices'], 'too_many']]);
    e = assertError(await ballot(app, 'v', ['zzz']), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['choices'], 'unknown_option']]);
    e = assertError(await ballot(app, 'v', []), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['choices'], 'too_few']]);
  });

  it('multiple: k of n, duplicates refused', async () => {
    await putContent(app, 'votes', vote('k', { method: 'multiple', minChoices: 2, maxChoices: 3, options: 'abcde'.split('').map((id) => ({ id, label: id })) }));
    assert.equal((await ballot(app, 'k', ['a', 'b'])).statusCode, 201);
    assert.equal((await ballot(app, 'k', ['a', 'b', 'e'])).statusCode, 201);
    assert.deepEqual(assertError(await ballot(app, 'k', ['a']), 400, 'validation').fields?.map((f) => f.code), ['too_few']);
    assert.deepEqual(assertError(await ballot(app, 'k', ['a', 'b', 'c', 'd']), 400, 'validation').fields?.map((f) => f.code), ['too_many']);
    assert.deepEqual(assertError(await ballot(app, 'k', ['a', 'a']), 400, 'validation').fields?.map((f) => f.code), ['duplicate']);
    assert.deepEqual(assertError(await ballot(app, 'k', ['a', 'x']), 400, 'validation').fields?.map((f) => f.code), ['unknown_option']);
    await putContent(app, 'votes', vote('all', { method: 'multiple' }));
    assert.equal((await ballot(app, 'all', ['a', 'b', 'c'])).statusCode, 201);
  });

  it('one ballot per device token', async () => {
    await putContent(app, 'votes', vote('v'));
    const device = key();
    assert.equal((await ballot(app, 'v', ['a'], { device })).statusCode, 201);
    assertError(await ballot(app, 'v', ['b'], { device }), 409, 'already_submitted');
    await putContent(app, 'votes', vote('w'));
    assert.equal((await ballot(app, 'w', ['a'], { device })).statusCode, 201, 'the same device may vote on another poll');
  });

  it('at most voteIpLimit ballots per IP per vote per hour → 429 with Retry-After', async () => {
    const small = await testApp(db, { voteIpLimit: 3 });
    try {
      await putContent(small, 'votes', vote('v'));
      await putContent(small, 'votes', vote('w'));
      for (let i = 0; i < 3; i++) assert.equal((await ballot(small, 'v', ['a'], { ip: '203.0.113.7' })).statusCode, 201);
      const res = await ballot(small, 'v', ['a'], { ip: '203.0.113.7' });
      const e = assertError(res, 429, 'rate_limited');
      const retry = Number(res.headers['retry-after']);
      assert.ok(retry > 3500 && retry <= 3600, `Retry-After ${retry}`);
      assert.equal(e.retryAfter, retry);
      assert.equal((await ballot(small, 'v', ['a'], { ip: '203.0.113.8' })).statusCode, 201, 'another IP is not limited');
      assert.equal((await ballot(small, 'w', ['a'], { ip: '203.0.113.7' })).statusCode, 201, 'another vote is not limited');
      // older than one hour no longer counts
      await db.query(`UPDATE submissions SET created_at = created_at - interval '61 minutes' WHERE content_id = 'v'`);
      assert.equal((await ballot(small, 'v', ['a'], { ip: '203.0.113.7' })).statusCode, 201);
    } finally {
      await small.close();
    }
  });

  it('general rate limit → 429 rate_limited in our format with Retry-After', async () => {
    const tight = await testApp(db, { rateLimit: { max: 2, timeWindowMs: 60_000, getMax: 3 } });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await tight.inject('/api/health')).statusCode, 200);
      const res = await tight.inject('/api/health');
      const e = assertError(res, 429, 'rate_limited');
      assert.ok(Number(res.headers['retry-after']) > 0);
      assert.ok(e.retryAfter! > 0);
      assert.equal((await tight.inject({ url: '/api/health', remoteAddress: '198.51.100.1' })).statusCode, 200);
    } finally {
      await tight.close();
    }
  });
});

describe('results', () => {
  it('after-vote: hidden without a voter token, shown to a voter, in option order with zero counts', async () => {
    await putContent(app, 'votes', vote('v'));
    const device = key();
    assertError(await app.inject('/api/votes/v/results'), 403, 'results_hidden');
    assertError(await app.inject(`/api/votes/v/results?voter=${device}`), 403, 'results_hidden');
    const receipt = BallotReceipt.parse((await ballot(app, 'v', ['c'], { device })).json());
    assert.deepEqual(receipt.results?.options, [{ id: 'a', count: 0 }, { id: 'b', count: 0 }, { id: 'c', count: 1 }]);
    await ballot(app, 'v', ['a']);
    const res = await app.inject(`/api/votes/v/results?voter=${device}`);
    assert.equal(res.statusCode, 200);
    const results = VoteResults.parse(res.json());
    assert.deepEqual(results.options, [{ id: 'a', count: 1 }, { id: 'b', count: 0 }, { id: 'c', count: 1 }]);
    assert.equal(results.ballots, 2);
    assert.equal(results.byOrigin.web, 2);
    assertError(await app.inject(`/api/votes/v/results?voter=${key()}`), 403, 'results_hidden');
    assertError(await app.inject('/api/votes/v/results?voter=bad'), 403, 'results_hidden');
  });

  it('after-close: hidden while open even to voters, shown once closed', async () => {
    await putContent(app, 'votes', vote('v', { resultsVisibility: 'after-close' }));
    const device = key();
    const receipt = BallotReceipt.parse((await ballot(app, 'v', ['b'], { device })).json());
    assert.equal(receipt.results, null);
    assertError(await app.inject(`/api/votes/v/results?voter=${device}`), 403, 'results_hidden', /closes/);
    await db.query(`UPDATE content SET definition = jsonb_set(definition, '{closesAt}', to_jsonb($1::text)) WHERE id = 'v'`, [past(1000)]);
    const results = VoteResults.parse((await app.inject('/api/votes/v/results')).json());
    assert.equal(results.phase, 'closed');
    assert.deepEqual(results.options.map((o) => o.count), [0, 1, 0]);
  });

  it('paper and booth tallies are counted, by origin', async () => {
    await putContent(app, 'votes', vote('v', { resultsVisibility: 'after-close', opensAt: past(7200_000), closesAt: past() }));
    const idem = key();
    const res = await app.inject({ method: 'POST', url: '/api/admin/votes/v/tallies', headers: { ...auth, 'idempotency-key': idem }, payload: { origin: 'paper', ballots: [{ choices: ['a'] }, { choices: ['a'] }, { choices: ['b'] }] } });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().added, 3);
    const replay = await app.inject({ method: 'POST', url: '/api/admin/votes/v/tallies', headers: { ...auth, 'idempotency-key': idem }, payload: { origin: 'paper', ballots: [{ choices: ['a'] }, { choices: ['a'] }, { choices: ['b'] }] } });
    assert.equal(replay.statusCode, 200);
    assert.equal(replay.json().added, 0);
    await app.inject({ method: 'POST', url: '/api/admin/votes/v/tallies', headers: auth, payload: { origin: 'booth', ballots: [{ choices: ['c'] }] } });
    const results = VoteResults.parse((await app.inject('/api/votes/v/results')).json());
    assert.deepEqual(results.options.map((o) => o.count), [2, 1, 1]);
    assert.equal(results.ballots, 4);
    assert.deepEqual({ ...results.byOrigin }, { web: 0, paper: 3, booth: 1, assisted: 0 });
    const bad = assertError(await app.inject({ method: 'POST', url: '/api/admin/votes/v/tallies', headers: auth, payload: { origin: 'paper', ballots: [{ choices: ['a', 'b'] }] } }), 400, 'validation');
    assert.deepEqual(bad.fields?.[0]?.path, ['ballots', 0, 'choices']);
    assertError(await app.inject({ method: 'POST', url: '/api/admin/votes/v/tallies', headers: auth, payload: { origin: 'web', ballots: [] } }), 400, 'validation');
  });
});

describe('admin API', () => {
  it('401 without or with a wrong token', async () => {
    assertError(await app.inject('/api/admin/votes'), 401, 'unauthorized', /Bearer/);
    assertError(await app.inject({ url: '/api/admin/votes', headers: { authorization: `Bearer ${ADMIN_TOKEN}x` } }), 401, 'unauthorized');
    assertError(await app.inject({ method: 'PUT', url: '/api/admin/votes/v', headers: { authorization: 'Basic abc' }, payload: vote('v') }), 401, 'unauthorized');
    assertError(await app.inject({ method: 'DELETE', url: '/api/admin/votes/v' }), 401, 'unauthorized');
    assert.equal((await app.inject({ url: '/api/admin/votes', headers: auth })).statusCode, 200);
  });

  it('create, replace, list, export without hashes, delete', async () => {
    let res = await app.inject({ method: 'PUT', url: '/api/admin/votes/v', headers: auth, payload: vote('v') });
    assert.equal(res.statusCode, 201);
    res = await app.inject({ method: 'PUT', url: '/api/admin/votes/v', headers: auth, payload: vote('v', { title: 'Nouveau titre' }) });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().title, 'Nouveau titre');
    await ballot(app, 'v', ['a'], { ip: '192.0.2.55' });
    const list = (await app.inject({ url: '/api/admin/votes', headers: auth })).json();
    assert.deepEqual(list.items.map((i: { id: string; submissions: number }) => [i.id, i.submissions]), [['v', 1]]);
    const exp = await app.inject({ url: '/api/admin/votes/v/submissions', headers: auth });
    assert.equal(exp.statusCode, 200);
    assert.equal(exp.json().items.length, 1);
    assert.deepEqual(exp.json().items[0].payload, { choices: ['a'] });
    assert.doesNotMatch(exp.body, /ip_hash|device_hash|192\.0\.2\.55/);
    assertError(await app.inject({ url: '/api/admin/votes/zz/submissions', headers: auth }), 404, 'not_found');
    assert.equal((await app.inject({ method: 'DELETE', url: '/api/admin/votes/v', headers: auth })).statusCode, 204);
    assertError(await app.inject('/api/votes/v'), 404, 'not_found');
    assertError(await app.inject({ method: 'DELETE', url: '/api/admin/votes/v', headers: auth }), 404, 'not_found');
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM submissions');
    assert.equal(rows[0]!.n, 0);
  });

  it('validates definitions: schema, id mismatch, k-of-n bounds', async () => {
    let e = assertError(await app.inject({ method: 'PUT', url: '/api/admin/votes/v', headers: auth, payload: { id: 'v' } }), 400, 'validation');
    assert.ok(e.fields!.some((f) => f.code === 'required' && f.path[0] === 'title'));
    e = assertError(await app.inject({ method: 'PUT', url: '/api/admin/votes/v', headers: auth, payload: vote('w') }), 400, 'validation');
    assert.deepEqual(e.fields?.[0]?.path, ['id']);
    e = assertError(await app.inject({ method: 'PUT', url: '/api/admin/votes/v', headers: auth, payload: vote('v', { method: 'multiple', maxChoices: 9 }) }), 400, 'validation');
    assert.deepEqual(e.fields?.[0]?.path, ['maxChoices']);
    e = assertError(await app.inject({ method: 'PUT', url: '/api/admin/votes/v', headers: auth, payload: vote('v', { options: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] }) }), 400, 'validation');
    assert.equal(e.fields?.[0]?.code, 'duplicate');
    e = assertError(await app.inject({ method: 'PUT', url: '/api/admin/votes/v', headers: auth, payload: vote('v', { opensAt: future(), closesAt: past() }) }), 400, 'validation');
    assert.deepEqual(e.fields?.[0]?.path, ['closesAt']);
  });

  it('locks the rules once the vote is open, even without ballots', async () => {
    const fourOptions = [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }, { id: 'd', label: 'D' }];
    await putContent(app, 'votes', vote('v'));
    // open with no ballots yet: the rules are already locked
    assertError(await app.inject({ method: 'PUT', url: '/api/admin/votes/v', headers: auth, payload: vote('v', { options: fourOptions }) }), 409, 'conflict', /locked/);
    await ballot(app, 'v', ['a']);
    assertError(await app.inject({ method: 'PUT', url: '/api/admin/votes/v', headers: auth, payload: vote('v', { options: fourOptions.slice(0, 2) }) }), 409, 'conflict', /locked/);
    assertError(await app.inject({ method: 'PUT', url: '/api/admin/votes/v', headers: auth, payload: vote('v', { method: 'multiple' }) }), 409, 'conflict', /locked/);
    assertError(await app.inject({ method: 'PUT', url: '/api/admin/votes/v', headers: auth, payload: vote('v', { access: 'codes' }) }), 409, 'conflict', /locked/);
    // an open vote cannot be moved back to scheduled
    assertError(await app.inject({ method: 'PUT', url: '/api/admin/votes/v', headers: auth, payload: vote('v', { opensAt: future() }) }), 409, 'conflict', /opensAt/);
    // titles, labels and a future closing date may change
    const relabelled = vote('v', { title: 'Titre corrigé', closesAt: future() });
    relabelled.options[0] = { id: 'a', label: 'A corrigé' };
    const res = await app.inject({ method: 'PUT', url: '/api/admin/votes/v', headers: auth, payload: relabelled });
    assert.equal(res.statusCode, 200, res.body);
    // a closed vote cannot reopen
    const opened = past(2 * 3600_000);
    await putContent(app, 'votes', vote('k', { opensAt: opened, closesAt: past() }));
    assertError(await app.inject({ method: 'PUT', url: '/api/admin/votes/k', headers: auth, payload: vote('k', { opensAt: opened, closesAt: future() }) }), 409, 'conflict', /closesAt/);
    // a scheduled vote with (tallied) ballots is not locked
    await putContent(app, 'votes', vote('s', { opensAt: future() }));
    await app.inject({ method: 'POST', url: '/api/admin/votes/s/tallies', headers: auth, payload: { origin: 'paper', ballots: [{ choices: ['a'] }] } });
    await putContent(app, 'votes', vote('s', { opensAt: future(), method: 'multiple' }));
  });
});

describe('other kinds (stored generically for now)', () => {
  it('survey response, petition signature (pending), map report, comment; counts and honeypot', async () => {
    await putContent(app, 'surveys', { id: 's', title: 'Enquête', onePerDevice: true, pages: [{ id: 'p1', questions: [{ id: 'q1', type: 'yesno', label: 'Oui ?' }] }] } as never);
    await putContent(app, 'petitions', { id: 'p', title: 'Pétition', summary: 'Sauvons le lavoir', profile: 'minimal' } as never);
    await putContent(app, 'threads', { id: 't', moderation: 'none' } as never);
    await putContent(app, 'threads', { id: 'tm', moderation: 'pre' } as never);
    const device = key();
    const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: { 'idempotency-key': key() }, payload: payload as object });
    let res = await post('/api/surveys/s/responses', { answers: { q1: true }, deviceToken: device });
    assert.equal(res.statusCode, 201, res.body);
    Receipt.parse(res.json());
    assertError(await post('/api/surveys/s/responses', { answers: { q1: false }, deviceToken: device }), 409, 'already_submitted');
    res = await post('/api/petitions/p/signatures', { email: 'marie@example.fr', name: 'Marie' });
    assert.equal(res.statusCode, 201);
    assert.equal(res.json().status, 'pending');
    assertError(await post('/api/petitions/p/signatures', { email: 'not-an-email' }), 400, 'validation');
    res = await post('/api/petitions/p/signatures', { email: 'bot@example.fr', website: 'http://spam.example' });
    assert.equal(res.statusCode, 201);
    assert.equal(res.json().status, 'pending');
    const { rows } = await db.query<{ status: string }>(`SELECT status FROM submissions WHERE kind = 'petition' ORDER BY status`);
    assert.deepEqual(rows.map((r) => r.status), ['pending', 'rejected']);
    const petition = PetitionDefinition.parse((await app.inject('/api/petitions/p')).json());
    assert.deepEqual(petition.count, { online: 0, paper: 0, total: 0 });

    res = await post('/api/threads/t/comments', { author: 'Jean', body: 'Bonne idée', deviceToken: device });
    assert.equal(res.json().status, 'accepted');
    res = await post('/api/threads/t/comments', { author: 'Bot', body: 'spam', website: 'x', deviceToken: device });
    assert.equal(res.json().status, 'pending');
    res = await post('/api/threads/tm/comments', { author: 'Jean', body: 'À modérer', deviceToken: device });
    assert.equal(res.json().status, 'pending');
    assert.equal(ThreadDefinition.parse((await app.inject('/api/threads/t')).json()).count, 1);
    assert.equal(ThreadDefinition.parse((await app.inject('/api/threads/tm')).json()).count, 0);
  });
});

describe('privacy', () => {
  it('never stores a raw IP address or device token', async () => {
    await putContent(app, 'votes', vote('v'));
    await putContent(app, 'petitions', { id: 'p', title: 'P', summary: 'S', profile: 'minimal' } as never);
    const device = key();
    await ballot(app, 'v', ['a'], { device });
    await ballot(app, 'v', ['b'], { ip: '198.51.100.23' });
    await app.inject({ method: 'POST', url: '/api/petitions/p/signatures', headers: { 'idempotency-key': key() }, payload: { email: 'a@b.fr' } });
    const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM submissions');
    assert.equal(rows.length, 3);
    const dump = JSON.stringify(rows);
    assert.doesNotMatch(dump, /127\.0\.0\.1/);
    assert.doesNotMatch(dump, /198\.51\.100\.23/);
    assert.ok(!dump.includes(device), 'device token stored in clear');
    assert.ok(rows.every((r) => typeof r.ip_hash === 'string' && /^[0-9a-f]{64}$/.test(r.ip_hash as string)));
  });

  it('logs no IP address', async () => {
    const lines: string[] = [];
    const stream = { write: (l: string) => lines.push(l) };
    const logged = await testApp(db, { logger: { stream, level: 'info' } });
    try {
      await logged.inject({ url: '/api/health?voter=secret-token-123456', remoteAddress: '203.0.113.99' });
      await logged.inject({ url: '/api/boom', remoteAddress: '203.0.113.99' });
    } finally {
      await logged.close();
    }
    const all = lines.join('\n');
    assert.match(all, /incoming request/);
    assert.doesNotMatch(all, /203\.0\.113\.99|127\.0\.0\.1|remoteAddress|secret-token/);
  });
});

describe('CORS', () => {
  it('echoes an allowed origin, not another one; preflight allows our headers', async () => {
    const strict = await testApp(db, { allowedOrigins: ['https://mairie.example'] });
    try {
      let res = await strict.inject({ url: '/api/health', headers: { origin: 'https://mairie.example' } });
      assert.equal(res.headers['access-control-allow-origin'], 'https://mairie.example');
      assert.equal(res.headers['access-control-allow-credentials'], undefined);
      assert.match(String(res.headers['access-control-expose-headers']), /Retry-After/);
      res = await strict.inject({ url: '/api/health', headers: { origin: 'https://evil.example' } });
      assert.equal(res.headers['access-control-allow-origin'], undefined);
      res = await strict.inject({ method: 'OPTIONS', url: '/api/votes/x/ballots', headers: { origin: 'https://mairie.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' } });
      assert.equal(res.statusCode, 204);
      assert.equal(res.headers['access-control-allow-origin'], 'https://mairie.example');
      assert.match(String(res.headers['access-control-allow-headers']), /Idempotency-Key/);
      assert.match(String(res.headers['access-control-allow-methods']), /PUT/);
    } finally {
      await strict.close();
    }
    const res = await app.inject({ url: '/api/health', headers: { origin: 'https://any.example' } });
    assert.equal(res.headers['access-control-allow-origin'], '*');
  });
});

describe('static files', () => {
  it('serves demo/ at / and the bundle with cross-origin headers', async (t) => {
    const res = await app.inject('/');
    if (res.statusCode === 200) assert.match(String(res.headers['content-type']), /text\/html/);
    else assertError(res, 404, 'not_found');
    const content = await app.inject('/content/votes/velo-rue-principale.json');
    assert.equal(content.statusCode, 200);
    assert.match(String(content.headers['content-type']), /application\/json/);
    assertError(await app.inject('/../package.json'), 404, 'not_found');
    assertError(await app.inject('/%2e%2e/package.json'), 404, 'not_found');
    assertError(await app.inject('/%E0%A4%A'), 400, 'bad_request');
    assertError(await app.inject('/nothing.html'), 404, 'not_found');
    const js = await app.inject('/civic-widgets.js');
    if (js.statusCode === 404) {
      assertError(js, 404, 'not_found', /npm run build/);
      t.diagnostic('dist/ not built: only the 404 path was checked');
    } else {
      assert.equal(js.statusCode, 200);
      assert.match(String(js.headers['content-type']), /^text\/javascript/);
      assert.equal(js.headers['access-control-allow-origin'], '*');
      assert.equal(js.headers['cross-origin-resource-policy'], 'cross-origin');
    }
  });

  it('without dist/, /civic-widgets.js says to run npm run build', async () => {
    const bare = await testApp(db, { staticRoot: '/nonexistent-civic-root' });
    try {
      assertError(await bare.inject('/civic-widgets.js'), 404, 'not_found', /npm run build/);
      assertError(await bare.inject('/'), 404, 'not_found');
    } finally {
      await bare.close();
    }
  });
});
