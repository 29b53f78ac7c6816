import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { get as httpGet, type IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { CommentContext, ThreadDefinition, ThreadCounts, type Comment } from '../../src/api/schemas.js';
import { ModerationList, ModerationLogPage } from '../comment-admin-schemas.js';
import type { Db } from '../db.js';
import { recount, type CommentOptions } from '../comments.js';
import { assertError, auth, future, key, openTestDb, past, resetDb, testApp, usingPostgres } from './helpers.js';
import { bodies, comment, getPage, moderate, official, postComment, putThread, resetComments } from './comments-support.js';

let db: Db;
let app: FastifyInstance;
let clock = Date.now();
const tick = (ms = 1000) => (clock += ms);

function makeApp(extra: CommentOptions = {}, allowedOrigins?: string[]): Promise<FastifyInstance> {
  return testApp(db, {
    ...(allowedOrigins ? { allowedOrigins } : {}),
    petitions: { publicUrl: 'https://mairie.example' },
    comments: { now: () => new Date(tick(7)), limits: { ipBurst: 100_000, ipHour: 100_000 }, publicUrl: 'https://mairie.example', ...extra },
  });
}

before(async () => {
  db = await openTestDb();
  app = await makeApp();
});
after(async () => {
  await app.close();
  await db.close();
});
beforeEach(async () => {
  await resetDb(db);
  await resetComments(db);
});

const fieldCodes = (res: { body: string }) => (JSON.parse(res.body).error.fields ?? []).map((f: { path: unknown[]; code: string }) => `${f.path.join('.')}:${f.code}`);

const A = 'device-aaaaaaaaaaaaaaaa';
const B = 'device-bbbbbbbbbbbbbbbb';
const C = 'device-cccccccccccccccc';

async function definition(id: string) {
  const res = await app.inject(`/api/threads/${id}`);
  assert.equal(res.statusCode, 200, res.body);
  return ThreadDefinition.parse(res.json());
}

/** Counters as maintained, then as recomputed from scratch: they must be equal. */
async function assertCountersExact(threadId: string) {
  const snap = async () => ({
    rows: (await db.query(`SELECT id, shown, reply_count FROM comments WHERE thread_id = $1 ORDER BY id`, [threadId])).rows,
    thread: (await db.query(`SELECT visible, top_level, stance_for, stance_against, stance_neutral FROM comment_threads WHERE thread_id = $1`, [threadId])).rows,
  });
  const maintained = await snap();
  await recount(db, threadId);
  assert.deepEqual(maintained, await snap());
}

describe('threads', () => {
  it('an unknown thread is 404 telling the webmaster how to create it; with autoCreate the first read creates it', async () => {
    const e = assertError(await app.inject('/api/threads/place-du-marche'), 404, 'not_found');
    assert.match(e.message, /PUT \/api\/admin\/threads\/place-du-marche/);
    assert.match(e.message, /CIVIC_THREADS_AUTO_CREATE=1/);
    assertError(await app.inject('/api/threads/place-du-marche/comments'), 404, 'not_found');

    const auto = await makeApp({ autoCreate: { pattern: 'article-[0-9]+' } });
    try {
      const res = await auto.inject('/api/threads/article-12');
      assert.equal(res.statusCode, 200, res.body);
      const def = ThreadDefinition.parse(res.json());
      assert.deepEqual(
        { moderation: def.moderation, maxDepth: def.maxDepth, stances: def.stances, maxLength: def.maxLength, editWindowSeconds: def.editWindowSeconds, flagThreshold: def.flagThreshold, count: def.count, phase: def.phase },
        { moderation: 'none', maxDepth: 2, stances: false, maxLength: 4000, editWindowSeconds: 900, flagThreshold: 3, count: 0, phase: 'open' },
      );
      const { rows } = await db.query(`SELECT id FROM content WHERE kind = 'comments'`);
      assert.deepEqual(rows, [{ id: 'article-12' }]);
      assertError(await auto.inject('/api/threads/autre'), 404, 'not_found', /only for ids matching/);
      // a first comment creates it too
      const first = await comment(auto, 'article-13', A, 'Premier !');
      assert.equal(first.status, 'accepted');
    } finally {
      await auto.close();
    }
  });

  it('counts of several threads in one query; unknown ids count 0; at most 100', async () => {
    await putThread(app, 'a');
    await putThread(app, 'b', { moderation: 'pre' });
    await comment(app, 'a', A, 'Un');
    const two = await comment(app, 'a', B, 'Deux');
    await comment(app, 'a', C, 'Réponse', { parentId: two.id });
    await comment(app, 'b', A, 'En attente');
    const res = await app.inject('/api/threads/counts?ids=a,b,inconnu');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(ThreadCounts.parse(res.json()), { counts: { a: 3, b: 0, inconnu: 0 } });
    assert.deepEqual((await app.inject('/api/threads/counts')).json(), { counts: {} });
    const many = Array.from({ length: 101 }, (_, i) => `t${i}`).join(',');
    assertError(await app.inject(`/api/threads/counts?ids=${many}`), 400, 'bad_request');
    assert.equal((await definition('a')).count, 3);
  });
});

describe('posting and threading', () => {
  it('top-level comments and replies up to maxDepth; too_deep, unknown_parent, stance and length rules', async () => {
    await putThread(app, 't', { maxLength: 20, stances: true });
    await putThread(app, 'deep', { maxDepth: 3 });
    const top = await comment(app, 't', A, 'Bonne idée', { stance: 'for' });
    assert.equal(top.comment.depth, 1);
    assert.equal(top.comment.parentId, null);
    assert.equal(top.comment.mine, true);
    const reply = await comment(app, 't', B, 'Pas sûr', { parentId: top.id });
    assert.equal(reply.comment.depth, 2);
    assert.equal(reply.comment.parentId, top.id);

    let res = await postComment(app, 't', { body: 'Trop profond', deviceToken: C, parentId: reply.id });
    assert.deepEqual(fieldCodes(res), ['parentId:too_deep']);
    assert.equal(res.statusCode, 400);
    res = await postComment(app, 't', { body: 'Orphelin', deviceToken: C, parentId: 'nope' });
    assert.deepEqual(fieldCodes(res), ['parentId:unknown_parent']);
    res = await postComment(app, 't', { body: 'Position', deviceToken: C, parentId: top.id, stance: 'against' });
    assert.deepEqual(fieldCodes(res), ['stance:invalid_value']);
    // 20 code points: emoji count once
    assert.equal((await postComment(app, 't', { body: '😀'.repeat(20), deviceToken: C })).statusCode, 201);
    res = await postComment(app, 't', { body: '😀'.repeat(21), deviceToken: C });
    assert.deepEqual(fieldCodes(res), ['body:too_big']);
    res = await postComment(app, 't', { body: 'nul\u0000', deviceToken: C });
    assert.deepEqual(fieldCodes(res), ['body:invalid_format']);
    res = await postComment(app, 't', { body: 'seul \ud800', deviceToken: C });
    assert.deepEqual(fieldCodes(res), ['body:invalid_format']);
    res = await postComment(app, 't', { body: 'sans appareil' });
    assert.deepEqual(fieldCodes(res), ['deviceToken:required']);

    const d1 = await comment(app, 'deep', A, 'niveau 1');
    const d2 = await comment(app, 'deep', B, 'niveau 2', { parentId: d1.id });
    const d3 = await comment(app, 'deep', A, 'niveau 3', { parentId: d2.id });
    assert.equal(d3.comment.depth, 3);
    assert.deepEqual(fieldCodes(await postComment(app, 'deep', { body: 'niveau 4', deviceToken: B, parentId: d3.id })), ['parentId:too_deep']);
    res = await postComment(app, 'deep', { body: 'position', deviceToken: B, stance: 'for' });
    assert.deepEqual(fieldCodes(res), ['stance:invalid_value']);
  });

  it('idempotent: a replay answers the same receipt (200, duplicate), another payload is 409; phases', async () => {
    await putThread(app, 't');
    const idem = key();
    const first = await postComment(app, 't', { body: 'Une fois', deviceToken: A }, { idem });
    assert.equal(first.statusCode, 201);
    const again = await postComment(app, 't', { body: 'Une fois', deviceToken: A }, { idem });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().id, first.json().id);
    assert.equal(again.json().receivedAt, first.json().receivedAt);
    assert.equal(again.json().duplicate, true);
    assertError(await postComment(app, 't', { body: 'Autre chose', deviceToken: A }, { idem }), 409, 'conflict');
    assert.equal((await definition('t')).count, 1);

    await putThread(app, 'later', { opensAt: future() });
    await putThread(app, 'over', { closesAt: past() });
    assertError(await postComment(app, 'later', { body: 'Trop tôt', deviceToken: A }), 409, 'not_open');
    assertError(await postComment(app, 'over', { body: 'Trop tard', deviceToken: A }), 409, 'closed');
    // a replay still answers after the close
    await db.query(`UPDATE content SET definition = jsonb_set(definition, '{closesAt}', to_jsonb($1::text)) WHERE kind = 'comments' AND id = 't'`, [past()]);
    assert.equal((await postComment(app, 't', { body: 'Une fois', deviceToken: A }, { idem })).statusCode, 200);
  });

  it('official replies: admin only, shown at once even on pre-moderated threads', async () => {
    await putThread(app, 't', { moderation: 'pre' });
    const q = await comment(app, 't', A, 'Quand commencent les travaux ?');
    assert.equal(q.status, 'pending');
    await moderate(app, q.id, 'approve');
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/threads/t/comments', payload: { author: 'X', body: 'Y' } })).statusCode, 401);
    const res = await official(app, 't', 'En mars, pour six semaines.', q.id);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().official, true);
    const page = await getPage(app, '/api/threads/t/comments');
    assert.equal(page.comments[0]!.replies![0]!.official, true);
    assert.equal(page.comments[0]!.replies![0]!.author, 'La mairie');
  });
});

describe('reading', () => {
  it('sorts newest, oldest, supported; each comment carries its first 3 replies and a cursor for the rest', async () => {
    await putThread(app, 't');
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push((await comment(app, 't', `device-${String(i).repeat(16)}`, `c${i}`)).id);
    const replies: string[] = [];
    for (let i = 1; i <= 5; i++) replies.push((await comment(app, 't', B, `r${i}`, { parentId: ids[1] })).id);
    for (const d of [A, B, C]) await app.inject({ method: 'POST', url: `/api/threads/t/comments/${ids[3]}/support`, payload: { deviceToken: d } });
    await app.inject({ method: 'POST', url: `/api/threads/t/comments/${ids[0]}/support`, payload: { deviceToken: A } });

    assert.deepEqual(bodies((await getPage(app, '/api/threads/t/comments')).comments), ['c5', 'c4', 'c3', 'c2', 'c1']);
    assert.deepEqual(bodies((await getPage(app, '/api/threads/t/comments?sort=oldest')).comments), ['c1', 'c2', 'c3', 'c4', 'c5']);
    const bySupport = await getPage(app, '/api/threads/t/comments?sort=supported');
    assert.deepEqual(bodies(bySupport.comments), ['c4', 'c1', 'c5', 'c3', 'c2']);
    assert.equal(bySupport.total, 5);

    const c2 = (await getPage(app, '/api/threads/t/comments?sort=oldest')).comments[1]!;
    assert.equal(c2.replyCount, 5);
    assert.deepEqual(bodies(c2.replies!), ['r1', 'r2', 'r3']);
    assert.ok(c2.repliesCursor);
    const rest = await getPage(app, `/api/threads/t/comments/${ids[1]}/replies?cursor=${c2.repliesCursor}`);
    assert.deepEqual(bodies(rest.comments), ['r4', 'r5']);
    assert.equal(rest.nextCursor, null);
    assert.equal(rest.total, 5);
    const p1 = await getPage(app, `/api/threads/t/comments/${ids[1]}/replies?limit=2`);
    assert.deepEqual(bodies(p1.comments), ['r1', 'r2']);
    const p2 = await getPage(app, `/api/threads/t/comments/${ids[1]}/replies?limit=2&cursor=${p1.nextCursor}`);
    assert.deepEqual(bodies(p2.comments), ['r3', 'r4']);
    const c1 = (await getPage(app, '/api/threads/t/comments?sort=oldest')).comments[0]!;
    assert.equal(c1.replies, undefined);
    assert.equal(c1.replyCount, 0);

    assertError(await app.inject('/api/threads/t/comments?sort=best'), 400, 'bad_request');
    assertError(await app.inject(`/api/threads/t/comments?sort=oldest&cursor=${p1.nextCursor}x`), 400, 'bad_request');
    const newest = await getPage(app, '/api/threads/t/comments?limit=2');
    assertError(await app.inject(`/api/threads/t/comments?sort=supported&cursor=${newest.nextCursor}`), 400, 'bad_request', /same sort/);
    assertError(await app.inject('/api/threads/t/comments?device=short'), 400, 'bad_request');
  });

  for (const sort of ['newest', 'oldest', 'supported'] as const) {
    it(`keyset pages (${sort}): no duplicate, no gap, while comments arrive between pages`, async () => {
      await putThread(app, 'k');
      const before: string[] = [];
      for (let i = 0; i < 23; i++) {
        const r = await comment(app, 'k', A, `avant ${i}`);
        before.push(r.id);
        if (sort === 'supported' && i % 3 === 0) await app.inject({ method: 'POST', url: `/api/threads/k/comments/${r.id}/support`, payload: { deviceToken: B } });
      }
      const seen: string[] = [];
      const added: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await getPage(app, `/api/threads/k/comments?sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.comments.map((c) => c.id));
        cursor = page.nextCursor;
        pages++;
        added.push((await comment(app, 'k', C, `pendant ${pages}`)).id);
      } while (cursor);
      assert.equal(new Set(seen).size, seen.length, 'a comment was served twice');
      for (const id of before) assert.ok(seen.includes(id), 'a comment was skipped');
      if (sort === 'supported') {
        // new comments (no support yet) may land anywhere below the cursor: served once at most
      } else if (sort === 'oldest') {
        // comments that arrive meanwhile come at the end of the oldest-first order
        assert.ok(added.slice(0, -1).every((id) => seen.includes(id)));
      } else {
        // newest first: new comments are above the first page (the live events bring them)
        assert.ok(added.every((id) => !seen.includes(id)));
      }
    });
  }

  it('deep links: a comment with its ancestors; 404 for what this reader may not see', async () => {
    await putThread(app, 'deep', { maxDepth: 3 });
    const d1 = await comment(app, 'deep', A, 'niveau 1');
    const d2 = await comment(app, 'deep', B, 'niveau 2', { parentId: d1.id });
    const d3 = await comment(app, 'deep', C, 'niveau 3', { parentId: d2.id });
    const res = await app.inject(`/api/threads/deep/comments/${d3.id}`);
    assert.equal(res.statusCode, 200, res.body);
    const ctx = CommentContext.parse(res.json());
    assert.equal(ctx.comment.body, 'niveau 3');
    assert.deepEqual(bodies(ctx.ancestors), ['niveau 1', 'niveau 2']);
    const top = CommentContext.parse((await app.inject(`/api/threads/deep/comments/${d1.id}`)).json());
    assert.deepEqual(bodies(top.comment.replies!), ['niveau 2']);
    assert.deepEqual(top.ancestors, []);
    assertError(await app.inject(`/api/threads/deep/comments/nope`), 404, 'not_found');
    assertError(await app.inject(`/api/threads/other/comments/${d1.id}`), 404, 'not_found');

    await putThread(app, 'pre', { moderation: 'pre' });
    const p = await comment(app, 'pre', A, 'en attente');
    assertError(await app.inject(`/api/threads/pre/comments/${p.id}`), 404, 'not_found');
    assertError(await app.inject(`/api/threads/pre/comments/${p.id}?device=${B}`), 404, 'not_found');
    const mine = CommentContext.parse((await app.inject(`/api/threads/pre/comments/${p.id}?device=${A}`)).json());
    assert.equal(mine.comment.status, 'pending');
    assert.equal(mine.comment.mine, true);
  });

  it('?device= marks mine / supported / flagged / editableUntil and shows that device its own pending comments in place', async () => {
    await putThread(app, 't', { moderation: 'first', editWindowSeconds: 600 });
    const a1 = await comment(app, 't', A, 'a1');
    assert.equal(a1.status, 'pending');
    await moderate(app, a1.id, 'approve');
    const b1 = await comment(app, 't', B, 'b1 (en attente)');
    assert.equal(b1.status, 'pending');
    const a2 = await comment(app, 't', A, 'a2');
    assert.equal(a2.status, 'accepted');
    const b2 = await comment(app, 't', B, 'réponse de B (en attente)', { parentId: a1.id });
    assert.equal(b2.status, 'pending');
    await app.inject({ method: 'POST', url: `/api/threads/t/comments/${a2.id}/support`, payload: { deviceToken: B } });
    await app.inject({ method: 'POST', url: `/api/threads/t/comments/${a1.id}/flags`, payload: { deviceToken: B, reason: 'off_topic' } });

    const anonymous = await getPage(app, '/api/threads/t/comments');
    assert.deepEqual(bodies(anonymous.comments), ['a2', 'a1']);
    assert.equal(anonymous.comments[0]!.mine, undefined);
    assert.equal(anonymous.comments[1]!.replies?.length ?? 0, 0);

    const forB = await getPage(app, `/api/threads/t/comments?device=${B}`);
    assert.deepEqual(bodies(forB.comments), ['a2', 'b1 (en attente)', 'a1']);
    assert.deepEqual(forB.comments.map((c) => [c.status, c.mine, c.supported, c.flagged]), [
      ['accepted', false, true, false], ['pending', true, false, false], ['accepted', false, false, true],
    ]);
    assert.deepEqual(forB.comments[2]!.replies!.map((c) => [c.body, c.status, c.mine]), [['réponse de B (en attente)', 'pending', true]]);
    assert.equal(forB.comments[1]!.editableUntil, new Date(Date.parse(forB.comments[1]!.createdAt) + 600_000).toISOString());
    assert.equal(forB.total, 2);

    const forA = await getPage(app, `/api/threads/t/comments?device=${A}`);
    assert.deepEqual(bodies(forA.comments), ['a2', 'a1']);
    assert.ok(forA.comments.every((c) => c.mine === true));
  });
});

describe('editing and deleting', () => {
  it('only the author device, only within the edit window', async () => {
    await putThread(app, 't', { editWindowSeconds: 60 });
    const c = await comment(app, 't', A, 'Premier jet');
    const patch = (id: string, body: string, deviceToken: string) => app.inject({ method: 'PATCH', url: `/api/threads/t/comments/${id}`, payload: { body, deviceToken } });
    let res = await patch(c.id, 'Version corrigée', A);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().body, 'Version corrigée');
    assert.ok(res.json().editedAt);
    assertError(await patch(c.id, 'Pirate', B), 403, 'forbidden');
    assertError(await patch('nope', 'x', A), 404, 'not_found');
    assert.equal((await getPage(app, '/api/threads/t/comments')).comments[0]!.body, 'Version corrigée');
    tick(61_000);
    assertError(await patch(c.id, 'Trop tard', A), 409, 'edit_window_closed');
    assertError(await app.inject({ method: 'DELETE', url: `/api/threads/t/comments/${c.id}?device=${A}` }), 409, 'edit_window_closed');

    await putThread(app, 'never', { editWindowSeconds: 0 });
    const n = await comment(app, 'never', A, 'Gravé');
    assert.equal(n.comment.editableUntil, null);
    assertError(await app.inject({ method: 'PATCH', url: `/api/threads/never/comments/${n.id}`, payload: { body: 'x', deviceToken: A } }), 409, 'edit_window_closed');
  });

  it('a deleted comment with replies stays as an empty placeholder; without replies it vanishes', async () => {
    await putThread(app, 't');
    const lone = await comment(app, 't', A, 'Seul');
    const parent = await comment(app, 't', A, 'Parent');
    const child = await comment(app, 't', B, 'Enfant', { parentId: parent.id });
    assertError(await app.inject({ method: 'DELETE', url: `/api/threads/t/comments/${lone.id}`, payload: { deviceToken: B } }), 403, 'forbidden');
    assertError(await app.inject({ method: 'DELETE', url: `/api/threads/t/comments/${lone.id}` }), 400, 'validation');
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/threads/t/comments/${lone.id}`, payload: { deviceToken: A } })).statusCode, 204);
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/threads/t/comments/${parent.id}?device=${A}` })).statusCode, 204);
    let page = await getPage(app, '/api/threads/t/comments');
    assert.deepEqual(page.comments.map((c) => [c.status, c.author, c.body, c.replyCount]), [['deleted', '', '', 1]]);
    assert.equal(page.comments[0]!.replies![0]!.body, 'Enfant');
    assert.equal(page.total, 1);
    assert.equal((await definition('t')).count, 1);
    const { rows } = await db.query<{ author: string; body: string }>('SELECT author, body FROM comments WHERE id = $1', [parent.id]);
    assert.deepEqual(rows, [{ author: '', body: '' }], 'the text is erased');
    // when the last reply goes, the placeholder goes too
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/threads/t/comments/${child.id}?device=${B}` })).statusCode, 204);
    page = await getPage(app, '/api/threads/t/comments');
    assert.deepEqual(page.comments, []);
    assert.equal(page.total, 0);
    assertError(await app.inject({ method: 'DELETE', url: `/api/threads/t/comments/${child.id}?device=${B}` }), 404, 'not_found');
    await assertCountersExact('t');
  });
});

describe('supports and stances', () => {
  it('one support per device; withdrawn with DELETE; stance counts in the definition', async () => {
    await putThread(app, 't', { stances: true });
    const c = await comment(app, 't', A, 'Pour', { stance: 'for' });
    await comment(app, 't', B, 'Contre', { stance: 'against' });
    await comment(app, 't', C, 'Pour aussi', { stance: 'for' });
    await comment(app, 't', C, 'Sans position');
    const sup = (method: 'POST' | 'DELETE', d: string) => app.inject({ method, url: `/api/threads/t/comments/${c.id}/support`, payload: { deviceToken: d } });
    assert.deepEqual((await sup('POST', B)).json(), { supports: 1, supported: true });
    assert.deepEqual((await sup('POST', B)).json(), { supports: 1, supported: true });
    assert.deepEqual((await sup('POST', C)).json(), { supports: 2, supported: true });
    assert.deepEqual((await sup('DELETE', B)).json(), { supports: 1, supported: false });
    assert.deepEqual((await sup('DELETE', B)).json(), { supports: 1, supported: false });
    assertError(await app.inject({ method: 'POST', url: `/api/threads/t/comments/nope/support`, payload: { deviceToken: B } }), 404, 'not_found');
    const def = await definition('t');
    assert.deepEqual(def.stanceCounts, { for: 2, against: 1, neutral: 0 });
    assert.equal(def.count, 4);
    await putThread(app, 'plain');
    assert.equal((await definition('plain')).stanceCounts, undefined);
  });
});

describe('moderation', () => {
  it('modes: none shows at once, pre holds everything, first holds the first comment of each device', async () => {
    await putThread(app, 'none');
    await putThread(app, 'pre', { moderation: 'pre' });
    await putThread(app, 'first', { moderation: 'first' });
    assert.equal((await comment(app, 'none', A, 'x')).status, 'accepted');
    const p1 = await comment(app, 'pre', A, 'p1');
    assert.equal(p1.status, 'pending');
    assert.equal((await getPage(app, '/api/threads/pre/comments')).comments.length, 0);
    assert.equal((await definition('pre')).count, 0);
    const queue = ModerationList.parse((await app.inject({ url: '/api/admin/moderation?state=pending&thread=pre', headers: auth })).json());
    assert.deepEqual(queue.items.map((i) => [i.comment.body, i.state, i.reason]), [['p1', 'pending', 'pre']]);
    await moderate(app, p1.id, 'approve');
    assert.equal((await definition('pre')).count, 1);
    assert.equal((await comment(app, 'pre', A, 'p2')).status, 'pending', 'pre holds every comment');

    const f1 = await comment(app, 'first', A, 'f1');
    assert.equal(f1.status, 'pending');
    assert.equal((await comment(app, 'first', A, 'f2 avant validation')).status, 'pending');
    await moderate(app, f1.id, 'approve');
    assert.equal((await comment(app, 'first', A, 'f3')).status, 'accepted');
    assert.equal((await comment(app, 'first', B, 'b1')).status, 'pending');
    const rejected = await moderate(app, (await comment(app, 'first', C, 'c1')).id, 'reject', 'Hors sujet');
    assert.equal(rejected.state, 'rejected');
    assert.equal(rejected.reason, 'Hors sujet');
    assert.equal((await comment(app, 'first', C, 'c2')).status, 'pending', 'a rejected first comment earns no trust');
    assertError(await app.inject({ method: 'POST', url: `/api/admin/comments/${f1.id}/reject`, headers: auth, payload: {} }), 400, 'validation');
    assertError(await app.inject({ method: 'POST', url: '/api/admin/comments/nope/approve', headers: auth, payload: {} }), 404, 'not_found');
    assertError(await app.inject({ url: '/api/admin/moderation?state=weird', headers: auth }), 400, 'bad_request');
    assert.equal((await app.inject('/api/admin/moderation')).statusCode, 401);
    await assertCountersExact('first');
  });

  it('flags: one per device; hidden at the threshold until a moderator approves (flags reset); hide with replies leaves a placeholder', async () => {
    await putThread(app, 't', { flagThreshold: 2 });
    const c = await comment(app, 't', A, 'Contenu douteux');
    const reply = await comment(app, 't', C, 'Réponse', { parentId: c.id });
    const flag = (d: string, reason = 'abuse') => app.inject({ method: 'POST', url: `/api/threads/t/comments/${c.id}/flags`, payload: { deviceToken: d, reason, detail: 'insultant' } });
    assert.deepEqual((await flag(B)).json(), { flagged: true });
    assert.deepEqual((await flag(B)).json(), { flagged: true });
    assert.equal((await getPage(app, '/api/threads/t/comments')).comments[0]!.status, 'accepted', 'one device flagging twice is one flag');
    assertError(await app.inject({ method: 'POST', url: `/api/threads/t/comments/${c.id}/flags`, payload: { deviceToken: B, reason: 'boring' } }), 400, 'validation');
    await flag(C, 'spam');
    let page = await getPage(app, '/api/threads/t/comments');
    assert.deepEqual(page.comments.map((x) => [x.status, x.body, x.replyCount]), [['removed', '', 1]], 'hidden, kept as a placeholder for its reply');
    assert.equal(page.comments[0]!.replies![0]!.id, reply.id);
    assert.equal((await definition('t')).count, 1);
    const flagged = ModerationList.parse((await app.inject({ url: '/api/admin/moderation?state=flagged', headers: auth })).json());
    assert.equal(flagged.items.length, 1);
    assert.equal(flagged.items[0]!.comment.body, 'Contenu douteux', 'moderators see the text');
    assert.deepEqual(flagged.items[0]!.flags.items.map((f) => f.reason).sort(), ['abuse', 'spam']);
    assert.equal(flagged.items[0]!.state, 'hidden');
    await moderate(app, c.id, 'approve');
    page = await getPage(app, '/api/threads/t/comments');
    assert.equal(page.comments[0]!.status, 'accepted');
    assert.equal(ModerationList.parse((await app.inject({ url: '/api/admin/moderation?state=flagged', headers: auth })).json()).items.length, 0);
    // hide for good, restore
    const hidden = await moderate(app, reply.id, 'hide', 'Données personnelles');
    assert.equal(hidden.state, 'hidden');
    assert.equal((await getPage(app, '/api/threads/t/comments')).comments[0]!.replyCount, 0);
    await moderate(app, reply.id, 'restore');
    assert.equal((await getPage(app, '/api/threads/t/comments')).comments[0]!.replyCount, 1);
    // a deleted comment cannot be restored by moderators
    await app.inject({ method: 'DELETE', url: `/api/threads/t/comments/${reply.id}?device=${C}` });
    assertError(await app.inject({ method: 'POST', url: `/api/admin/comments/${reply.id}/restore`, headers: auth, payload: {} }), 409, 'conflict');
    await assertCountersExact('t');
  });

  it('bans of a hashed device or IP: answered like a held comment, never shown to others; temporary bans end; unban', async () => {
    await putThread(app, 't');
    const spam = await comment(app, 't', A, 'Achetez !', {}, { ip: '203.0.113.7' });
    // the moderator hides it and bans the device shown in the list
    await moderate(app, spam.id, 'hide', 'Publicité');
    const item = ModerationList.parse((await app.inject({ url: '/api/admin/moderation?state=hidden', headers: auth })).json()).items[0]!;
    const device = item.identities.find((i) => i.startsWith('device:'))!;
    const ip = item.identities.find((i) => i.startsWith('ip:'))!;
    assert.match(device, /^device:[0-9a-f]{64}$/);
    assert.ok(!JSON.stringify(item).includes('203.0.113.7') && !JSON.stringify(item).includes(A), 'only hashes');
    let res = await app.inject({ method: 'POST', url: '/api/admin/bans', headers: auth, payload: { identity: device, reason: 'Publicité' } });
    assert.equal(res.statusCode, 201, res.body);
    const again = await comment(app, 't', A, 'Achetez encore !', {}, { ip: '198.51.100.1' });
    assert.equal(again.status, 'pending', 'a banned device is told its comment waits');
    assert.equal(again.comment.status, 'pending');
    assert.deepEqual(bodies((await getPage(app, '/api/threads/t/comments')).comments), []);
    assert.deepEqual(bodies((await getPage(app, `/api/threads/t/comments?device=${A}`)).comments), ['Achetez encore !']);
    const spamList = ModerationList.parse((await app.inject({ url: '/api/admin/moderation?state=spam', headers: auth })).json());
    assert.deepEqual(spamList.items.map((i) => [i.reason, i.banned]), [['banned', true]]);
    // an IP ban, temporary: over once `until` has passed
    res = await app.inject({ method: 'POST', url: '/api/admin/bans', headers: auth, payload: { identity: ip, reason: 'Flood', until: new Date(clock + 60_000).toISOString() } });
    assert.equal(res.statusCode, 201);
    assert.equal((await comment(app, 't', B, 'Même réseau', {}, { ip: '203.0.113.7' })).status, 'pending');
    tick(61_000);
    assert.equal((await comment(app, 't', B, 'Même réseau, plus tard', {}, { ip: '203.0.113.7' })).status, 'accepted');
    const bans = (await app.inject({ url: '/api/admin/bans', headers: auth })).json().bans;
    assert.equal(bans.length, 2);
    assert.equal((await app.inject({ method: 'DELETE', url: `/api/admin/bans?identity=${device}`, headers: auth })).statusCode, 204);
    assertError(await app.inject({ method: 'DELETE', url: `/api/admin/bans?identity=${device}`, headers: auth }), 404, 'not_found');
    assert.equal((await comment(app, 't', A, 'Pardon')).status, 'accepted');
    assertError(await app.inject({ method: 'POST', url: '/api/admin/bans', headers: auth, payload: { identity: 'someone', reason: 'x' } }), 400, 'validation');
  });

  it('word rules: whole words, any case or accent, prefix wildcard; hold sends to moderation, reject refuses', async () => {
    await putThread(app, 't');
    let res = await app.inject({ method: 'PUT', url: '/api/admin/moderation/rules', headers: auth, payload: { words: [{ pattern: 'arnaque*', action: 'hold' }, { pattern: 'Crétin', action: 'reject' }, { pattern: 'gros mot', action: 'reject' }] } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await app.inject({ url: '/api/admin/moderation/rules', headers: auth })).json().words.length, 3);
    assert.deepEqual(fieldCodes(await postComment(app, 't', { body: 'Quel CRETIN ce maire', deviceToken: A })), ['body:not_allowed']);
    assert.deepEqual(fieldCodes(await postComment(app, 't', { body: 'un  Gros\nMot', deviceToken: A })), ['body:not_allowed']);
    assert.deepEqual(fieldCodes(await postComment(app, 't', { body: 'poli', author: 'crétin', deviceToken: A })), ['body:not_allowed']);
    assert.equal((await comment(app, 't', A, 'Les crétinismes ne comptent pas')).status, 'accepted', 'whole words only');
    const held = await comment(app, 't', A, 'Ces Arnaques immobilières…');
    assert.equal(held.status, 'pending');
    const item = ModerationList.parse((await app.inject({ url: '/api/admin/moderation', headers: auth })).json()).items[0]!;
    assert.equal(item.reason, 'words');
    // edits are checked too
    const ok = await comment(app, 't', B, 'Texte correct');
    res = await app.inject({ method: 'PATCH', url: `/api/threads/t/comments/${ok.id}`, payload: { body: 'Quel crétin', deviceToken: B } });
    assert.deepEqual(fieldCodes(res), ['body:not_allowed']);
    res = await app.inject({ method: 'PATCH', url: `/api/threads/t/comments/${ok.id}`, payload: { body: 'Une arnaque', deviceToken: B } });
    assert.equal(res.json().status, 'pending');
    assert.deepEqual(bodies((await getPage(app, '/api/threads/t/comments')).comments), ['Les crétinismes ne comptent pas']);
    // an edit held for review keeps its replies reachable: a placeholder for others, pending for its author
    const parent = await comment(app, 't', C, 'Question honnête');
    await comment(app, 't', A, 'Réponse', { parentId: parent.id });
    res = await app.inject({ method: 'PATCH', url: `/api/threads/t/comments/${parent.id}`, payload: { body: 'Question sur une arnaque', deviceToken: C } });
    assert.equal(res.json().status, 'pending');
    const others = (await getPage(app, '/api/threads/t/comments')).comments[0]!;
    assert.deepEqual([others.status, others.body, others.replies!.map((r) => r.body)], ['removed', '', ['Réponse']]);
    const author = (await getPage(app, `/api/threads/t/comments?device=${C}`)).comments[0]!;
    assert.deepEqual([author.status, author.body], ['pending', 'Question sur une arnaque']);
    await assertCountersExact('t');
  });

  it('rate limits per hashed IP across threads; honeypot and too-fast forms answered like held comments, never shown', async () => {
    const limited = await makeApp({ limits: { ipBurst: 2, ipHour: 3 } });
    try {
      await putThread(limited, 't');
      await putThread(limited, 'u');
      await comment(limited, 't', A, 'un', {}, { ip: '192.0.2.1' });
      await comment(limited, 'u', A, 'deux', {}, { ip: '192.0.2.1' });
      const e = assertError(await postComment(limited, 't', { body: 'trois', deviceToken: A }, { ip: '192.0.2.1' }), 429, 'rate_limited');
      assert.ok(e.retryAfter! >= 1 && e.retryAfter! <= 60);
      await comment(limited, 't', A, 'autre réseau', {}, { ip: '192.0.2.2' });
      tick(61_000);
      await comment(limited, 't', A, 'trois', {}, { ip: '192.0.2.1' });
      const hour = assertError(await postComment(limited, 't', { body: 'quatre', deviceToken: A }, { ip: '192.0.2.1' }), 429, 'rate_limited');
      assert.ok(hour.retryAfter! > 60);
    } finally {
      await limited.close();
    }

    await putThread(app, 'h');
    const bot = await comment(app, 'h', B, 'Viagra', { website: 'http://spam.example' });
    assert.equal(bot.status, 'pending');
    const fast = await comment(app, 'h', C, 'Trop rapide', { fillMs: 900 });
    assert.equal(fast.status, 'pending');
    const human = await comment(app, 'h', A, 'Humain', { fillMs: 15_000 });
    assert.equal(human.status, 'accepted');
    assert.deepEqual(bodies((await getPage(app, '/api/threads/h/comments')).comments), ['Humain']);
    assert.equal((await definition('h')).count, 1);
    const spam = ModerationList.parse((await app.inject({ url: '/api/admin/moderation?state=spam', headers: auth })).json());
    assert.deepEqual(spam.items.map((i) => i.reason), ['honeypot', 'too_fast']);
    // a moderator can rescue a false positive
    await moderate(app, fast.id, 'approve');
    assert.equal((await definition('h')).count, 2);
  });

  it('the log records every action: who, what, which comment, why', async () => {
    await putThread(app, 't', { moderation: 'pre', flagThreshold: 1 });
    const c = await comment(app, 't', A, 'à valider');
    await moderate(app, c.id, 'approve');
    await app.inject({ method: 'POST', url: `/api/threads/t/comments/${c.id}/flags`, payload: { deviceToken: B, reason: 'spam' } });
    await moderate(app, c.id, 'reject', 'Spam avéré');
    await app.inject({ method: 'POST', url: '/api/admin/bans', headers: auth, payload: { identity: `device:${'a'.repeat(64)}`, reason: 'Récidive' } });
    await app.inject({ method: 'PUT', url: '/api/admin/moderation/rules', headers: auth, payload: { words: [] } });
    const log = ModerationLogPage.parse((await app.inject({ url: '/api/admin/moderation/log', headers: auth })).json());
    assert.deepEqual(log.items.map((e) => [e.who, e.action, e.reason]), [
      ['admin', 'rules', '0 word rules'],
      ['admin', 'ban', 'Récidive'],
      ['admin', 'reject', 'Spam avéré'],
      ['system', 'hide', 'flags (1)'],
      ['admin', 'approve', null],
    ]);
    assert.equal(log.items[2]!.commentId, c.id);
    assert.equal(log.items[2]!.threadId, 't');
    const first = ModerationLogPage.parse((await app.inject({ url: '/api/admin/moderation/log?limit=2', headers: auth })).json());
    const next = ModerationLogPage.parse((await app.inject({ url: `/api/admin/moderation/log?limit=2&cursor=${first.nextCursor}`, headers: auth })).json());
    assert.deepEqual(next.items.map((e) => e.action), ['reject', 'hide']);
  });
});

describe('reply notifications by mail (double opt-in, dev_mails)', () => {
  const mails = async (to: string) =>
    (await db.query<{ subject: string; body: string }>('SELECT subject, body FROM dev_mails WHERE recipient = $1 ORDER BY created_at, id', [to])).rows;
  const link = (body: string, what: 'confirm' | 'unsubscribe') => {
    const m = new RegExp(`https://mairie\\.example(/api/threads/\\S+/notifications/${what}\\?token=[A-Za-z0-9_-]+&lang=[a-z]+)`).exec(body);
    assert.ok(m, `no ${what} link in ${body}`);
    return m[1]!;
  };

  it('opt-in mail, confirmation page, a mail per visible reply from others, unsubscription erases the address', async () => {
    const mailApp = await makeApp({}, ['https://mairie.example']);
    try {
      await putThread(mailApp, 't', { moderation: 'first' });
      const c = await comment(mailApp, 't', A, 'Prévenez-moi', { email: 'Marie@Example.fr', lang: 'fr', returnUrl: 'https://mairie.example/place' });
      await moderate(mailApp, c.id, 'approve');
      const [optIn] = await mails('marie@example.fr');
      assert.ok(optIn);
      assert.match(optIn.subject, /Confirmez/);
      assert.equal((await mailApp.inject(link(optIn.body, 'confirm').replace(/token=[^&]+/, 'token=aaaaaaaaaaaaaaaaaaaaaaaa'))).statusCode, 404);
      // before confirmation: no notification
      const early = await comment(mailApp, 't', B, 'Réponse avant confirmation', { parentId: c.id });
      await moderate(mailApp, early.id, 'approve');
      const confirm = await mailApp.inject(link(optIn.body, 'confirm'));
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.headers['content-security-policy'] as string, /default-src 'none'/);
      // a reply of the author's own device sends nothing; another's pending reply waits for approval
      await comment(mailApp, 't', A, 'Je me réponds', { parentId: c.id });
      const r = await comment(mailApp, 't', C, 'Voici la réponse <b>ici</b>', { parentId: c.id, author: 'Paul' });
      assert.equal(r.status, 'pending');
      assert.equal((await mails('marie@example.fr')).length, 1);
      await moderate(mailApp, r.id, 'approve');
      await moderate(mailApp, r.id, 'hide', 'x');
      await moderate(mailApp, r.id, 'restore');
      const deadline = Date.now() + 3000;
      while ((await mails('marie@example.fr')).length < 2 && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 20));
      const all = await mails('marie@example.fr');
      assert.equal(all.length, 2, 'one mail for the reply, not one per approval');
      assert.match(all[1]!.subject, /Nouvelle réponse/);
      assert.ok(all[1]!.body.includes('Paul a répondu'));
      assert.ok(all[1]!.body.includes('Voici la réponse <b>ici</b>'), 'plain-text mail, text as typed');
      assert.ok(all[1]!.body.includes(`https://mairie.example/place?civic-comment=${r.id}`));

      const admin = await mailApp.inject({ url: '/api/admin/comment-subscribers?email=marie@example.fr', headers: auth });
      assert.equal(admin.json().items.length, 1);
      const unsubscribe = link(all[1]!.body, 'unsubscribe');
      const ask = await mailApp.inject(unsubscribe);
      assert.equal(ask.statusCode, 200);
      assert.match(ask.body, /<form method="post"/);
      const token = new URL(unsubscribe, 'http://x').searchParams.get('token')!;
      const done = await mailApp.inject({ method: 'POST', url: '/api/threads/t/notifications/unsubscribe?lang=fr', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${token}` });
      assert.equal(done.statusCode, 200);
      assert.match(done.body, /effacée/);
      const { rows } = await db.query(`SELECT 1 FROM comment_subscriptions WHERE email = 'marie@example.fr'`);
      assert.equal(rows.length, 0);

      // erasure by the admin; spam comments never mail
      await comment(mailApp, 't', B, 'Moi aussi', { email: 'jean@example.fr', lang: 'en' });
      assert.match((await mails('jean@example.fr'))[0]!.subject, /Confirm reply notifications/);
      await comment(mailApp, 't', C, 'Bot', { email: 'bot@example.fr', website: 'x' });
      assert.equal((await mails('bot@example.fr')).length, 0);
      assert.deepEqual((await mailApp.inject({ method: 'DELETE', url: '/api/admin/comment-subscribers?email=jean@example.fr', headers: auth })).json(), { erased: 1 });
    } finally {
      await mailApp.close();
    }
  });
});

describe('live events', () => {
  it('GET /events streams count, new comments, updates and removals, with heartbeats and CORS', async () => {
    const live = await makeApp({ heartbeatMs: 60 }, ['https://mairie.example']);
    await live.listen({ port: 0, host: '127.0.0.1' });
    try {
      await putThread(live, 't', { flagThreshold: 1 });
      const first = await comment(live, 't', A, 'Avant');
      const port = (live.server.address() as AddressInfo).port;
      const res = await new Promise<IncomingMessage>((resolve, reject) =>
        httpGet({ host: '127.0.0.1', port, path: '/api/threads/t/events', headers: { origin: 'https://mairie.example', accept: 'text/event-stream' } }, resolve).on('error', reject),
      );
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/event-stream/);
      assert.equal(res.headers['access-control-allow-origin'], 'https://mairie.example');
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      const ended = new Promise<void>((resolve) => res.on('end', resolve));
      const events = () => [...text.matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map((m) => ({ event: m[1]!, data: JSON.parse(m[2]!) as Comment & { count?: number } }));
      const until = async (what: string, ok: () => boolean) => {
        const start = Date.now();
        while (!ok()) {
          if (Date.now() - start > 5000) throw new Error(`no ${what} in:\n${text}`);
          await new Promise((r) => setTimeout(r, 10));
        }
      };
      await until('first count', () => events().length === 1);
      assert.deepEqual(events()[0], { event: 'count', data: { count: 1 } });

      const c = await comment(live, 't', B, 'En direct');
      await until('comment', () => events().length === 3);
      assert.equal(events()[1]!.event, 'comment');
      assert.equal(events()[1]!.data.body, 'En direct');
      assert.equal(events()[1]!.data.mine, undefined);
      assert.deepEqual(events()[2], { event: 'count', data: { count: 2 } });

      await live.inject({ method: 'POST', url: `/api/threads/t/comments/${first.id}/support`, payload: { deviceToken: B } });
      await until('update', () => events().length === 4);
      assert.equal(events()[3]!.event, 'update');
      assert.equal(events()[3]!.data.supports, 1);

      await live.inject({ method: 'POST', url: `/api/threads/t/comments/${c.id}/flags`, payload: { deviceToken: A, reason: 'abuse' } });
      await until('remove', () => events().length === 6);
      assert.deepEqual(events()[4], { event: 'remove', data: { id: c.id, parentId: null } });
      assert.deepEqual(events()[5], { event: 'count', data: { count: 1 } });

      await until('heartbeat', () => text.includes(': heartbeat\n\n'));
      assert.equal((await live.inject('/api/threads/nope/events')).statusCode, 404);
      await live.close();
      await ended;
    } finally {
      await live.close();
    }
  });
});

describe('concurrency', () => {
  it('replies, supports, flags, deletions and moderation at the same time: no deadlock, counters exact', async () => {
    await putThread(app, 'busy', { maxDepth: 3, flagThreshold: 4 });
    const root = await comment(app, 'busy', A, 'Racine');
    const mid = await comment(app, 'busy', B, 'Milieu', { parentId: root.id });
    const devices = Array.from({ length: 12 }, (_, i) => `device-concurrent-${String(i).padStart(4, '0')}`);
    const ops = devices.flatMap((d, i) => [
      postComment(app, 'busy', { body: `réponse ${i}`, deviceToken: d, parentId: i % 2 ? root.id : mid.id }),
      app.inject({ method: 'POST', url: `/api/threads/busy/comments/${mid.id}/support`, payload: { deviceToken: d } }),
      app.inject({ method: 'POST', url: `/api/threads/busy/comments/${mid.id}/flags`, payload: { deviceToken: d, reason: 'spam' } }),
    ]);
    ops.push(app.inject({ method: 'DELETE', url: `/api/threads/busy/comments/${mid.id}?device=${B}` }));
    ops.push(app.inject({ method: 'POST', url: `/api/admin/comments/${root.id}/hide`, headers: auth, payload: { reason: 'test' } }));
    const results = await Promise.all(ops);
    for (const r of results) assert.ok(r.statusCode < 500, r.body);
    await assertCountersExact('busy');
    // replies that raced the hiding or deletion of their parent were refused (unknown_parent), the others stored
    const posted = results.filter((_r, i) => i % 3 === 0 && i < devices.length * 3);
    assert.ok(posted.every((r) => r.statusCode === 201 || (r.statusCode === 400 && r.json().error.fields[0].code === 'unknown_parent')));
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM comments WHERE thread_id = 'busy' AND depth > 1 AND status = 'accepted' AND id <> $1`, [mid.id]);
    assert.equal(rows[0]!.n, posted.filter((r) => r.statusCode === 201).length);
  });
});

describe('admin', () => {
  it('export, admin list count and deletion of a thread with its comments', async () => {
    await putThread(app, 't');
    const c = await comment(app, 't', A, 'Texte', { email: 'x@example.fr' });
    await app.inject({ method: 'POST', url: `/api/threads/t/comments/${c.id}/support`, payload: { deviceToken: B } });
    const exp = await app.inject({ url: '/api/admin/threads/t/submissions', headers: auth });
    assert.equal(exp.statusCode, 200);
    assert.equal(exp.json().items[0].payload.body, 'Texte');
    assert.ok(!exp.body.includes(A) && !exp.body.includes('x@example.fr'), 'no token, no e-mail');
    assert.equal((await app.inject({ url: '/api/admin/threads', headers: auth })).json().items[0].submissions, 1);
    assert.equal((await app.inject({ method: 'DELETE', url: '/api/admin/threads/t', headers: auth })).statusCode, 204);
    for (const table of ['comments', 'comment_threads', 'comment_supports', 'comment_subscriptions']) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
      assert.deepEqual(rows, [{ n: 0 }], table);
    }
  });

  it('never stores a device token, an IP or an e-mail in the comments', async () => {
    await putThread(app, 't');
    await comment(app, 't', A, 'Rien de personnel', { email: 'marie@example.fr' }, { ip: '198.51.100.23' });
    const dump = JSON.stringify((await db.query('SELECT * FROM comments')).rows);
    assert.ok(!dump.includes(A) && !dump.includes('198.51.100.23') && !dump.includes('marie@'));
  });
});

describe('10,000 comments', () => {
  it('server/seed-comments.ts fills a thread from the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'civic-seed-'));
    try {
      // PostgreSQL: the test database (thread "cli"); PGlite: a directory of its own.
      const env = usingPostgres ? { ...process.env } : { ...process.env, CIVIC_DATA_DIR: dir };
      const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'server/seed-comments.ts', ...args], { env, encoding: 'utf8' });
      assert.equal(run([]).status, 2);
      const r = run(['--thread', 'cli', '--count', '120', '--replies', '0.5']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /thread "cli": 120 comments added/);
      if (usingPostgres) {
        const { rows } = await db.query<{ n: number; replies: number }>(`SELECT count(*)::int AS n, count(parent_id)::int AS replies FROM comments WHERE thread_id = 'cli'`);
        assert.equal(rows[0]!.n, 120);
        assert.ok(rows[0]!.replies > 30 && rows[0]!.replies < 90);
        await assertCountersExact('cli');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('seeds with multi-row inserts; the first page stays fast and exact (time printed, not asserted)', async () => {
    await putThread(app, 'small');
    const seedSmall = await app.inject({ method: 'POST', url: '/api/admin/threads/small/seed', headers: auth, payload: { count: 100 } });
    assert.equal(seedSmall.statusCode, 201, seedSmall.body);
    const seed = await app.inject({ method: 'POST', url: '/api/admin/threads/big/seed', headers: auth, payload: { count: 10_000 } });
    assertError(seed, 404, 'not_found');
    await putThread(app, 'big');
    const t0 = performance.now();
    const res = await app.inject({ method: 'POST', url: '/api/admin/threads/big/seed', headers: auth, payload: { count: 10_000 } });
    const seedMs = performance.now() - t0;
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json(), { inserted: 10_000, count: 10_000 });
    await assertCountersExact('big');

    const time = async (url: string, n = 20) => {
      const ms: number[] = [];
      let last;
      for (let i = 0; i < n; i++) {
        const s = performance.now();
        last = await app.inject(url);
        ms.push(performance.now() - s);
      }
      assert.equal(last!.statusCode, 200);
      ms.sort((a, b) => a - b);
      return { median: ms[Math.floor(n / 2)]!, page: last!.json() as { comments: Comment[]; total: number; nextCursor: string } };
    };
    const small = await time('/api/threads/small/comments');
    const big = await time('/api/threads/big/comments');
    const bigSupported = await time('/api/threads/big/comments?sort=supported');
    const deepPage = await time(`/api/threads/big/comments?cursor=${big.page.nextCursor}`);
    assert.equal(big.page.comments.length, 20);
    const topLevel = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM comments WHERE thread_id = 'big' AND parent_id IS NULL`)).rows[0]!.n;
    assert.equal(big.page.total, topLevel);
    assert.ok(big.page.comments.some((c) => (c.replies?.length ?? 0) > 0));
    console.log(`# comments on ${usingPostgres ? 'PostgreSQL' : 'PGlite'}: seeding 10,000 took ${seedMs.toFixed(0)} ms; ` +
      `GET first page (20 + inline replies) median of 20: 100 comments ${small.median.toFixed(1)} ms, 10,000 comments ${big.median.toFixed(1)} ms ` +
      `(supported ${bigSupported.median.toFixed(1)} ms, second page ${deepPage.median.toFixed(1)} ms)`);
    if (usingPostgres) {
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM comments WHERE thread_id = 'big' AND shown AND parent_id IS NULL ORDER BY created_at DESC, id DESC LIMIT 21`);
      console.log(`# plan: ${rows.map((r) => r['QUERY PLAN']).join(' | ')}`);
    }
  });
});
