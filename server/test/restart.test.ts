import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import type { Db } from '../db.js';
import { ADMIN_TOKEN, key, openTestDb, usingPostgres } from './helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let dataDir: string;
let db: Db | undefined;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'civic-restart-'));
  if (usingPostgres) db = await openTestDb(); // truncates the shared tables
});
after(async () => {
  await db?.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface Server {
  child: ChildProcess;
  base: string;
  output: () => string;
}

async function start(): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CIVIC_DATA_DIR: dataDir,
      CIVIC_ADMIN_TOKEN: ADMIN_TOKEN,
      CIVIC_ALLOWED_ORIGINS: 'https://mairie.example',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
    if (m) return { child, base: m[1]!, output: () => out };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${out}`);
}

it('acknowledged ballots survive a SIGKILL and the restart; replays stay duplicates', async () => {
  const first = await start();
  assert.doesNotMatch(first.output(), /generated admin token/);
  const N = 20;
  const sent: Array<{ idem: string; device: string; choice: string; id: string }> = [];
  const options = ['piste-separee', 'bande-peinte', 'non'];
  await Promise.all(
    Array.from({ length: N }, async (_, i) => {
      const idem = key();
      const device = key();
      const choice = options[i % 3]!;
      const r = await fetch(`${first.base}/api/votes/velo-rue-principale/ballots`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idem },
        body: JSON.stringify({ choices: [choice], deviceToken: device }),
      });
      assert.equal(r.status, 201);
      const receipt = (await r.json()) as { id: string };
      sent.push({ idem, device, choice, id: receipt.id });
    }),
  );
  first.child.kill('SIGKILL');
  await once(first.child, 'exit');

  const second = await start();
  try {
    const exp = await fetch(`${second.base}/api/admin/votes/velo-rue-principale/submissions`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const items = ((await exp.json()) as { items: Array<{ id: string }> }).items;
    const stored = new Set(items.map((i) => i.id));
    for (const s of sent) assert.ok(stored.has(s.id), `acknowledged ballot ${s.id} lost`);
    assert.equal(items.length, N);

    const res = await fetch(`${second.base}/api/votes/velo-rue-principale/results?voter=${sent[0]!.device}`);
    assert.equal(res.status, 200);
    const results = (await res.json()) as { ballots: number; options: Array<{ id: string; count: number }> };
    assert.equal(results.ballots, N);
    for (const o of results.options) assert.equal(o.count, sent.filter((s) => s.choice === o.id).length);

    const replay = await fetch(`${second.base}/api/votes/velo-rue-principale/ballots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': sent[1]!.idem },
      body: JSON.stringify({ choices: [sent[1]!.choice], deviceToken: sent[1]!.device }),
    });
    assert.equal(replay.status, 200);
    const r = (await replay.json()) as { id: string; duplicate: boolean };
    assert.deepEqual([r.id, r.duplicate], [sent[1]!.id, true]);

    const cors = await fetch(`${second.base}/api/health`, { headers: { origin: 'https://mairie.example' } });
    assert.equal(cors.headers.get('access-control-allow-origin'), 'https://mairie.example');
    assert.doesNotMatch(second.output(), /127\.0\.0\.1"|remoteAddress/);
  } finally {
    second.child.kill('SIGTERM');
    const [code] = await once(second.child, 'exit');
    assert.equal(code, 0, `graceful stop failed:\n${second.output()}`);
  }
  assert.match(second.output(), /shutting down/);
});

it('a server without CIVIC_ADMIN_TOKEN generates one and says so', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CIVIC_DATA_DIR: dataDir, CIVIC_ADMIN_TOKEN: '', CIVIC_ALLOWED_ORIGINS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  while (!/listening on/.test(out) && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGINT');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0, out);
  assert.match(out, /generated admin token for this run: [A-Za-z0-9_-]{20,}/);
  assert.match(out, /any origin may call the API/);
});
