import { after, before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VoteDefinition } from '../../src/api/schemas.js';
import { loadContent, readContent } from '../content.js';
import { migrate, type Db } from '../db.js';
import { openTestDb, resetDb, testApp } from './helpers.js';

const contentDir = fileURLToPath(new URL('../../demo/content/', import.meta.url));
let db: Db;
before(async () => {
  db = await openTestDb();
});
after(() => db.close());
beforeEach(() => resetDb(db));

it('demo content loads, validates and has the ids the demo page and browser tests use', async () => {
  const items = await loadContent(db, contentDir);
  const ids = items.filter((i) => i.kind === 'vote').map((i) => i.id).sort();
  for (const id of ['consultation-2030', 'fete-du-village', 'nom-mediatheque', 'velo-rue-principale']) assert.ok(ids.includes(id), id);
  const app = await testApp(db);
  try {
    const get = async (id: string) => VoteDefinition.parse((await app.inject(`/api/votes/${id}`)).json());
    const velo = await get('velo-rue-principale');
    assert.deepEqual([velo.phase, velo.method, velo.options.length, velo.resultsVisibility], ['open', 'single', 3, 'after-vote']);
    // The easy-read variants (docs/easy-read.md) are stored and served like any other language.
    assert.deepEqual(velo.title, {
      fr: 'Faut-il une piste cyclable rue Principale ?',
      en: 'Should Main Street get a cycle lane?',
      'fr-x-falc': 'Voulez-vous une piste pour les vélos rue Principale ?',
      'en-x-easy': 'Do you want a bike lane on Main Street?',
    });
    const fete = await get('fete-du-village');
    assert.deepEqual([fete.phase, fete.method, fete.options.length, fete.minChoices, fete.maxChoices], ['open', 'multiple', 5, 1, 2]);
    const media = await get('nom-mediatheque');
    assert.deepEqual([media.phase, media.resultsVisibility], ['closed', 'after-close']);
    assert.equal((await app.inject('/api/votes/nom-mediatheque/results')).statusCode, 200);
    assert.equal((await get('consultation-2030')).phase, 'scheduled');
    for (const v of [velo, fete, media]) {
      for (const text of [v.title, ...v.options.map((o) => o.label)]) {
        assert.equal(typeof text, 'object');
        assert.ok((text as Record<string, string>).fr && (text as Record<string, string>).en, 'French and English texts');
      }
    }
  } finally {
    await app.close();
  }
  // loading again upserts (no duplicates)
  await loadContent(db, contentDir);
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM content');
  assert.equal(rows[0]!.n, items.length);
});

it('invalid content files are reported by name', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'civic-content-'));
  try {
    await mkdir(join(dir, 'votes'));
    await writeFile(join(dir, 'votes', 'a.json'), '{"kind":"vote","id":"a"');
    await writeFile(join(dir, 'votes', 'b.json'), JSON.stringify({ kind: 'nope', id: 'b' }));
    await writeFile(join(dir, 'votes', 'c.json'), JSON.stringify({ kind: 'vote', id: 'c', title: 'C', method: 'single' }));
    await writeFile(join(dir, 'votes', 'd.json'), JSON.stringify({ kind: 'vote', id: 'd', title: 'D', method: 'single', maxChoices: 1, options: [{ id: 'x', label: 'x' }, { id: 'y', label: 'y' }] }));
    await writeFile(join(dir, 'readme.txt'), 'ignored');
    await assert.rejects(readContent(dir), (err: Error) => {
      assert.match(err.message, /a\.json: malformed JSON/);
      assert.match(err.message, /b\.json: "kind" must be one of/);
      assert.match(err.message, /c\.json: "options" is required/);
      assert.match(err.message, /d\.json: .*only apply to method "multiple"/);
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('migrations are recorded once and re-running them is a no-op', async () => {
  assert.deepEqual(await migrate(db), []);
  const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
  assert.ok(rows.some((r) => r.name === '001_init.sql'));
  await assert.rejects(db.transaction(async (tx) => {
    await tx.query(`INSERT INTO settings (key, value) VALUES ('rollback-test', 'x')`);
    throw new Error('boom');
  }), /boom/);
  assert.equal((await db.query(`SELECT 1 FROM settings WHERE key = 'rollback-test'`)).rows.length, 0);
});
