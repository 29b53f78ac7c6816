/**
 * Safety test, server part: every string of the Big List of Naughty Strings is posted through the
 * API as a comment body (and, when short enough, as the author's name) and read back byte-exact,
 * through the pages, the deep link and the live event. Runs on PGlite, and on PostgreSQL with
 * DATABASE_URL. (The widget's rendering of the same strings is tested in Chromium.)
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { CommentContext, type Comment } from '../../src/api/schemas.js';
import type { Db } from '../db.js';
import { key, openTestDb, testApp, usingPostgres } from './helpers.js';
import { blnsStrings, wrapNaughty } from './blns.js';
import { getPage, putThread, resetComments } from './comments-support.js';

let db: Db;
let app: FastifyInstance;

before(async () => {
  db = await openTestDb();
  await resetComments(db);
  app = await testApp(db, { comments: { limits: { ipBurst: 1_000_000, ipHour: 1_000_000 } } });
});
after(async () => {
  await app.close();
  await db.close();
});

const same = (a: string, b: string) => Buffer.from(a, 'utf8').equals(Buffer.from(b, 'utf8')) && a === b;

describe(`the Big List of Naughty Strings (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('every string posted as a comment comes back byte-exact from the API', async () => {
    const strings = blnsStrings();
    await putThread(app, 'naughty', { maxLength: 20000 });
    const device = key();
    const sent = new Map<string, { body: string; author: string }>();
    for (const [i, s] of strings.entries()) {
      const body = wrapNaughty(s);
      const author = [...wrapNaughty(s)].length <= 80 ? wrapNaughty(s) : `#${i}`;
      const res = await app.inject({
        method: 'POST',
        url: '/api/threads/naughty/comments',
        headers: { 'idempotency-key': key(), 'content-type': 'application/json; charset=utf-8' },
        payload: JSON.stringify({ author, body, deviceToken: device }),
      });
      assert.equal(res.statusCode, 201, `string #${i} ${JSON.stringify(s)}: ${res.body}`);
      const receipt = res.json() as { id: string; comment: Comment };
      assert.ok(same(receipt.comment.body, body), `receipt of #${i}`);
      sent.set(receipt.id, { body, author });
    }

    // Read every page back (oldest first, 100 at a time).
    const seen = new Map<string, Comment>();
    let cursor: string | null = null;
    do {
      const page = await getPage(app, `/api/threads/naughty/comments?sort=oldest&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      for (const c of page.comments) seen.set(c.id, c);
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(seen.size, strings.length);
    let i = 0;
    for (const [id, want] of sent) {
      const got = seen.get(id);
      assert.ok(got, `comment #${i} missing`);
      assert.ok(same(got.body, want.body), `body #${i}: sent ${JSON.stringify(want.body)}, read ${JSON.stringify(got.body)}`);
      assert.ok(same(got.author, want.author), `author #${i}: sent ${JSON.stringify(want.author)}, read ${JSON.stringify(got.author)}`);
      i++;
    }
    // and through the deep link, for a sample spread over the list
    for (const id of [...sent.keys()].filter((_, n) => n % 37 === 0)) {
      const res = await app.inject(`/api/threads/naughty/comments/${id}`);
      const ctx = CommentContext.parse(res.json());
      assert.ok(same(ctx.comment.body, sent.get(id)!.body));
    }
    // the response is JSON, never HTML
    const raw = await app.inject('/api/threads/naughty/comments?limit=100');
    assert.match(String(raw.headers['content-type']), /^application\/json/);
    assert.equal(raw.headers['x-content-type-options'], 'nosniff');
  });

  it('strings that cannot be stored are refused with a field issue, never a server error', async () => {
    await putThread(app, 'nul');
    for (const body of ['a\u0000b', '\ud800 alone', 'end \udc00']) {
      const res = await app.inject({ method: 'POST', url: '/api/threads/nul/comments', headers: { 'idempotency-key': key() }, payload: { author: 'x', body, deviceToken: key() } });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.fields[0].code, 'invalid_format');
    }
  });
});
