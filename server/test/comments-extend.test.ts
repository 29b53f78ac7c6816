/**
 * More time to edit one's own comment (WCAG 2.2.1 Timing adjustable, RGAA 13.1):
 * POST /api/threads/:id/comments/:cid/extend. The server's clock is the test's (`comments.now`),
 * so deadlines are exact; one test moves `created_at` with SQL, as a comment written long ago.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { Comment, CommentPage } from '../../src/api/schemas.js';
import type { Db } from '../db.js';
import { EDIT_EXTENSIONS } from '../comments.js';
import { assertError, openTestDb, past, resetDb, testApp } from './helpers.js';
import { comment, putThread, resetComments } from './comments-support.js';

let db: Db;
let app: FastifyInstance;
let clock = Date.now();
const tick = (ms = 1000) => (clock += ms);

before(async () => {
  db = await openTestDb();
  app = await testApp(db, { comments: { now: () => new Date(tick(7)), limits: { ipBurst: 100_000, ipHour: 100_000 } } });
});
after(async () => {
  await app.close();
  await db.close();
});
beforeEach(async () => {
  await resetDb(db);
  await resetComments(db);
});

const A = 'device-aaaaaaaaaaaaaaaa';
const B = 'device-bbbbbbbbbbbbbbbb';


const extend = (thread: string, cid: string, deviceToken?: string) =>
  app.inject({ method: 'POST', url: `/api/threads/${thread}/comments/${cid}/extend`, payload: deviceToken === undefined ? {} : { deviceToken } });
const patch = (thread: string, cid: string, body: string, deviceToken = A) =>
  app.inject({ method: 'PATCH', url: `/api/threads/${thread}/comments/${cid}`, payload: { body, deviceToken } });

/** Extends, asserting 200, and checks the new deadline is the server's "now" + the window. */
async function extended(thread: string, cid: string, windowMs: number): Promise<Comment> {
  const from = clock;
  const res = await extend(thread, cid, A);
  const to = clock;
  assert.equal(res.statusCode, 200, res.body);
  const c = Comment.parse(res.json());
  assert.equal(c.mine, true);
  const until = Date.parse(c.editableUntil!);
  assert.ok(until > from + windowMs && until <= to + windowMs, `${c.editableUntil} is not now + ${windowMs} ms`);
  return c;
}

const row = async (cid: string) =>
  (await db.query<{ edit_until: Date | null; edit_extensions: number; body: string; status: string }>('SELECT edit_until, edit_extensions, body, status FROM comments WHERE id = $1', [cid])).rows[0]!;

describe('extending the edit window', () => {
  it('moves the deadline to now + the window; PATCH and DELETE are accepted after the original deadline, and the reads show the new one', async () => {
    await putThread(app, 't', { editWindowSeconds: 60 });
    const c = await comment(app, 't', A, 'Premier jet');
    const original = Date.parse(c.comment.editableUntil!);
    assert.equal(original, Date.parse(c.comment.createdAt) + 60_000);
    assert.equal(c.comment.editExtensionsLeft, EDIT_EXTENSIONS);
    assert.equal(EDIT_EXTENSIONS, 10);
    const untouched = await row(c.id);
    assert.equal(untouched.edit_until, null, 'a comment never extended keeps edit_until NULL');
    assert.equal(untouched.edit_extensions, 0);

    tick(50_000); // 10 s left
    const e1 = await extended('t', c.id, 60_000);
    assert.ok(Date.parse(e1.editableUntil!) - original > 49_000, 'later than the original deadline by the time that had passed');
    assert.equal(e1.editExtensionsLeft, EDIT_EXTENSIONS - 1);
    assert.equal(e1.body, 'Premier jet');
    const stored = await row(c.id);
    assert.equal(stored.edit_until?.toISOString(), e1.editableUntil);
    assert.equal(stored.edit_extensions, 1);

    tick(30_000); // 20 s past the original deadline, 30 s before the new one
    const res = await patch('t', c.id, 'Version corrigée');
    assert.equal(res.statusCode, 200, res.body);
    const edited = Comment.parse(res.json());
    assert.equal(edited.body, 'Version corrigée');
    assert.equal(edited.editableUntil, e1.editableUntil, 'an edit does not move the deadline');
    assert.equal(edited.editExtensionsLeft, EDIT_EXTENSIONS - 1);

    // Every read of the author's device says the same deadline; other readers get no device fields.
    const page = CommentPage.parse((await app.inject(`/api/threads/t/comments?device=${A}`)).json());
    assert.equal(page.comments[0]!.editableUntil, e1.editableUntil);
    assert.equal(page.comments[0]!.editExtensionsLeft, EDIT_EXTENSIONS - 1);
    const forB = CommentPage.parse((await app.inject(`/api/threads/t/comments?device=${B}`)).json());
    assert.equal(forB.comments[0]!.mine, false);
    assert.equal(forB.comments[0]!.editableUntil, undefined);
    assert.equal(forB.comments[0]!.editExtensionsLeft, undefined);
    const anonymous = CommentPage.parse((await app.inject('/api/threads/t/comments')).json());
    assert.equal(anonymous.comments[0]!.editExtensionsLeft, undefined);

    tick(20_000); // 10 s before the new deadline: DELETE too
    const del = await app.inject({ method: 'DELETE', url: `/api/threads/t/comments/${c.id}?device=${A}` });
    assert.equal(del.statusCode, 204, del.body);
    assert.equal((await row(c.id)).status, 'deleted');
  });

  it('only the author device; a token is required; an unknown comment is 404', async () => {
    await putThread(app, 't', { editWindowSeconds: 60 });
    const c = await comment(app, 't', A, 'À moi');
    assertError(await extend('t', c.id, B), 403, 'forbidden', /device that wrote this comment/);
    assertError(await extend('t', c.id), 400, 'validation');
    assertError(await app.inject({ method: 'POST', url: `/api/threads/t/comments/${c.id}/extend`, headers: { 'content-type': 'text/plain' }, payload: A }), 415, 'unsupported_media_type');
    assertError(await extend('t', 'nope', A), 404, 'not_found');
    assertError(await extend('nowhere', c.id, A), 404, 'not_found');
    const stored = await row(c.id);
    assert.equal(stored.edit_extensions, 0, 'refused attempts use no extension');
    assert.equal(stored.edit_until, null);
  });

  it('ten extensions, then 409 conflict that says until when the comment can still change; the deadline stays', async () => {
    await putThread(app, 't', { editWindowSeconds: 60 });
    const c = await comment(app, 't', A, 'Souvent repris');
    let last: Comment | undefined;
    for (let i = 1; i <= EDIT_EXTENSIONS; i++) {
      tick(40_000);
      last = await extended('t', c.id, 60_000);
      assert.equal(last.editExtensionsLeft, EDIT_EXTENSIONS - i);
    }
    // 10 × 40 s: well past the original minute, still editable.
    assert.equal((await patch('t', c.id, 'Toujours modifiable')).statusCode, 200);
    tick(1000);
    const e = assertError(await extend('t', c.id, A), 409, 'conflict', /already extended 10 times/);
    assert.match(e.message, new RegExp(`until ${last!.editableUntil!.replace(/\./g, '\\.')}`));
    const stored = await row(c.id);
    assert.equal(stored.edit_extensions, EDIT_EXTENSIONS);
    assert.equal(stored.edit_until?.toISOString(), last!.editableUntil);
    // Then it closes like any other.
    tick(60_000);
    assertError(await patch('t', c.id, 'Trop tard'), 409, 'edit_window_closed');
  });

  it('a closed window cannot be reopened; a thread with editWindowSeconds 0 never; a closed thread neither', async () => {
    await putThread(app, 't', { editWindowSeconds: 60 });
    const c = await comment(app, 't', A, 'Oublié');
    tick(61_000);
    assertError(await extend('t', c.id, A), 409, 'edit_window_closed');
    assertError(await patch('t', c.id, 'x'), 409, 'edit_window_closed');
    // Extended once, then let lapse: closed for good.
    const d = await comment(app, 't', A, 'Prolongé puis oublié');
    tick(30_000);
    const e = await extended('t', d.id, 60_000);
    tick(Date.parse(e.editableUntil!) - clock + 1000);
    assertError(await extend('t', d.id, A), 409, 'edit_window_closed');
    assertError(await app.inject({ method: 'DELETE', url: `/api/threads/t/comments/${d.id}?device=${A}` }), 409, 'edit_window_closed');
    assert.equal((await row(d.id)).edit_extensions, 1);

    await putThread(app, 'never', { editWindowSeconds: 0 });
    const n = await comment(app, 'never', A, 'Gravé');
    assert.equal(n.comment.editableUntil, null);
    assert.equal(n.comment.editExtensionsLeft, undefined);
    assertError(await extend('never', n.id, A), 409, 'edit_window_closed');
    assert.equal((await row(n.id)).edit_until, null);

    await putThread(app, 'shut', { editWindowSeconds: 600 });
    const s = await comment(app, 'shut', A, 'Juste avant la clôture');
    await putThread(app, 'shut', { editWindowSeconds: 600, closesAt: past() });
    assertError(await extend('shut', s.id, A), 409, 'closed');
  });

  it('never shortens: a window made shorter by the organiser keeps the later deadline', async () => {
    await putThread(app, 't', { editWindowSeconds: 600 });
    const c = await comment(app, 't', A, 'Long');
    tick(1000);
    const e1 = await extended('t', c.id, 600_000);
    await putThread(app, 't', { editWindowSeconds: 60 });
    tick(1000);
    const res = await extend('t', c.id, A);
    assert.equal(res.statusCode, 200, res.body);
    const e2 = Comment.parse(res.json());
    assert.equal(e2.editableUntil, e1.editableUntil, 'kept, not brought forward to now + 60 s');
    assert.equal(e2.editExtensionsLeft, EDIT_EXTENSIONS - 2);
  });

  it('the extended deadline wins over created_at: a comment written two hours ago (SQL) stays editable until edit_until', async () => {
    await putThread(app, 't', { editWindowSeconds: 300 });
    const c = await comment(app, 't', A, 'Ancien');
    tick(100_000);
    const e = await extended('t', c.id, 300_000);
    await db.query(`UPDATE comments SET created_at = created_at - interval '2 hours' WHERE id = $1`, [c.id]);
    const res = await patch('t', c.id, 'Encore modifiable');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(Comment.parse(res.json()).editableUntil, e.editableUntil);
    // Without an extension, the same age is closed (edit_until NULL: created_at + the window).
    await db.query(`UPDATE comments SET edit_until = NULL WHERE id = $1`, [c.id]);
    assertError(await patch('t', c.id, 'Plus maintenant'), 409, 'edit_window_closed');
    assertError(await extend('t', c.id, A), 409, 'edit_window_closed');
  });
});
