import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db.js';
import { openTestDb, testApp } from './helpers.js';

// A built tree of its own, so that the test does not depend on `npm run build` having run.
const root = mkdtempSync(join(tmpdir(), 'civic-static-'));
mkdirSync(join(root, 'dist/chunks/nested'), { recursive: true });
mkdirSync(join(root, 'demo'), { recursive: true });
writeFileSync(join(root, 'dist/civic-widgets.js'), 'import("./chunks/budget-AbC123.js");');
writeFileSync(join(root, 'dist/chunks/budget-AbC123.js'), 'export const x = 1;');
writeFileSync(join(root, 'dist/chunks/budget-AbC123.js.map'), '{}');
writeFileSync(join(root, 'dist/chunks/nested/deep.js'), 'export {};');
writeFileSync(join(root, 'package.json'), '{}');

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

describe('the bundle and its lazy chunks', () => {
  it('serves dist/chunks/*.js cross-origin, cached for good (content-hashed names)', async () => {
    const res = await app.inject('/chunks/budget-AbC123.js');
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, 'export const x = 1;');
    assert.match(String(res.headers['content-type']), /^text\/javascript/);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin');
    assert.match(String(res.headers['cache-control']), /immutable/);
    assert.equal((await app.inject('/chunks/budget-AbC123.js.map')).statusCode, 200);
  });

  it('keeps the entry revalidated, and serves nothing deeper or outside dist/', async () => {
    const entry = await app.inject('/civic-widgets.js');
    assert.equal(entry.statusCode, 200);
    assert.doesNotMatch(String(entry.headers['cache-control']), /immutable/);
    assert.equal((await app.inject('/chunks/nested/deep.js')).statusCode, 404);
    assert.equal((await app.inject('/chunks/..%2Fpackage.json')).statusCode, 404);
    assert.equal((await app.inject('/chunks/missing.js')).statusCode, 404);
  });
});
