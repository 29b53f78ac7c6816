import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db.js';
import { key, openTestDb, putContent, testApp, vote } from './helpers.js';

let db: Db;
let app: FastifyInstance;
let base: string;

before(async () => {
  db = await openTestDb();
  app = await testApp(db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
after(async () => {
  await app.close();
  await db.close();
});

it('100 concurrent POSTs with the same Idempotency-Key store exactly one row and answer one receipt', async () => {
  await putContent(app, 'votes', vote('v'));
  const idem = key();
  const body = JSON.stringify({ choices: ['b'], deviceToken: key() });
  const answers = await Promise.all(
    Array.from({ length: 100 }, () =>
      fetch(`${base}/api/votes/v/ballots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idem },
        body,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { id: string; duplicate: boolean } })),
    ),
  );
  const statuses = answers.map((a) => a.status);
  assert.ok(statuses.every((s) => s === 200 || s === 201), `statuses: ${[...new Set(statuses)].join(',')} ${JSON.stringify(answers.find((a) => a.status >= 300))}`);
  assert.equal(statuses.filter((s) => s === 201).length, 1, 'exactly one 201');
  const ids = new Set(answers.map((a) => a.body.id));
  assert.equal(ids.size, 1, 'one receipt id');
  const { rows } = await db.query<{ n: number; id: string }>(`SELECT count(*)::int AS n, min(id) AS id FROM submissions WHERE content_id = 'v'`);
  assert.equal(rows[0]!.n, 1);
  assert.equal(rows[0]!.id, [...ids][0]);
});

it('100 concurrent distinct ballots from one device: exactly one stored, the rest already_submitted', async () => {
  await putContent(app, 'votes', vote('w'));
  const device = key();
  const answers = await Promise.all(
    Array.from({ length: 100 }, () =>
      fetch(`${base}/api/votes/w/ballots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key() },
        body: JSON.stringify({ choices: ['a'], deviceToken: device }),
      }).then((r) => r.status),
    ),
  );
  assert.equal(answers.filter((s) => s === 201).length, 1);
  assert.equal(answers.filter((s) => s === 409).length, 99);
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM submissions WHERE content_id = 'w'`);
  assert.equal(rows[0]!.n, 1);
});
