import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db.js';
import { STRICT_CSP } from '../static.js';
import { openTestDb, testApp } from './helpers.js';

// A built tree of its own (version 2.3.4), so that the test does not depend on `npm run build`.
const root = mkdtempSync(join(tmpdir(), 'civic-static-embed-'));
mkdirSync(join(root, 'dist/chunks'), { recursive: true });
mkdirSync(join(root, 'demo'), { recursive: true });
writeFileSync(join(root, 'package.json'), '{"version":"2.3.4"}');
writeFileSync(join(root, 'custom-elements.json'), '{"schemaVersion":"1.0.0","modules":[]}');
writeFileSync(join(root, 'dist/civic-widgets.js'), 'import "./chunks/core-AbC12345.js";');
writeFileSync(join(root, 'dist/civic-widgets.sri.json'), '{"integrity":"sha384-x"}');
writeFileSync(join(root, 'dist/chunks/core-AbC12345.js'), 'export const x = 1;');
writeFileSync(join(root, 'demo/csp.html'), '<!doctype html><title>strict</title>');
writeFileSync(join(root, 'demo/csp-two-copies.html'), '<!doctype html><title>strict twice</title>');
writeFileSync(join(root, 'demo/index.html'), '<!doctype html><title>demo</title>');

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

describe('embedding: the versioned bundle, its integrity file, the manifest, the strict demo pages', () => {
  it('serves /v<package.json version>/civic-widgets.js and its chunks cross-origin, cached for a year', async () => {
    for (const path of ['/v2.3.4/civic-widgets.js', '/v2.3.4/chunks/core-AbC12345.js']) {
      const res = await app.inject(path);
      assert.equal(res.statusCode, 200, path);
      assert.match(String(res.headers['content-type']), /^text\/javascript/);
      assert.equal(res.headers['access-control-allow-origin'], '*');
      assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin');
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    }
    assert.equal((await app.inject('/v2.3.4/civic-widgets.js')).body, 'import "./chunks/core-AbC12345.js";');
    // The unversioned entry stays revalidated: it changes with each release.
    assert.doesNotMatch(String((await app.inject('/civic-widgets.js')).headers['cache-control']), /immutable/);
  });

  it('answers another version with a 404 that names the version served, and serves nothing else under /v…/', async () => {
    const other = await app.inject('/v2.3.3/civic-widgets.js');
    assert.equal(other.statusCode, 404);
    assert.match(other.json().error.message, /serves version 2\.3\.4.*\/v2\.3\.4\/civic-widgets\.js/);
    for (const path of ['/v2.3.4/package.json', '/v2.3.4/chunks/missing.js', '/v2.3.4/../package.json', '/v2.3.4/chunks/..%2F..%2Fpackage.json', '/v2.3.4/civic-widgets.sri.json']) {
      assert.equal((await app.inject(path)).statusCode, 404, path);
    }
  });

  it('serves the integrity file and the manifest for the snippet builder', async () => {
    const sri = await app.inject('/civic-widgets.sri.json');
    assert.equal(sri.statusCode, 200);
    assert.equal(sri.json().integrity, 'sha384-x');
    const manifest = await app.inject('/custom-elements.json');
    assert.equal(manifest.statusCode, 200);
    assert.equal(manifest.headers['access-control-allow-origin'], '*');
    assert.equal(manifest.json().schemaVersion, '1.0.0');
    assert.equal((await app.inject('/package.json')).statusCode, 404);
  });

  it('sends the strict policy with demo/csp*.html, and only with them', async () => {
    assert.match(STRICT_CSP, /require-trusted-types-for 'script'/);
    for (const path of ['/csp.html', '/csp-two-copies.html']) {
      const res = await app.inject(path);
      assert.equal(res.statusCode, 200, path);
      assert.equal(res.headers['content-security-policy'], STRICT_CSP);
    }
    assert.equal((await app.inject('/')).headers['content-security-policy'], undefined);
    assert.equal((await app.inject('/civic-widgets.js')).headers['content-security-policy'], undefined);
  });
});
