/**
 * `npm run bench:server`: loopback throughput of the reference backend accepting ballots, next to a
 * bare node:http server. Prints numbers only; asserts nothing about speed, but loudly reports a
 * MISMATCH when the acknowledged (2xx) ballots and the stored rows differ.
 *
 * Every backend is run twice: as many residents (the app trusts X-Forwarded-For, here only, and each
 * request carries one of BENCH_ADDRESSES addresses of 198.18.0.0/15, the benchmarking range: header
 * values only, no traffic goes there), and from one address (a library or a public digital point
 * sharing one IP, where the per-(vote, IP) window serialises ballots on PostgreSQL).
 *
 * Env: BENCH_DURATION (seconds, 10), BENCH_CONNECTIONS (50), BENCH_ADDRESSES (5000),
 * DATABASE_URL (adds the PostgreSQL runs).
 */
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';
import { createApp } from '../server/app.js';
import { openPglite, openPostgres, type Db } from '../server/db.js';

const duration = Number(process.env.BENCH_DURATION) || 10;
const connections = Number(process.env.BENCH_CONNECTIONS) || 50;
const addresses = Number(process.env.BENCH_ADDRESSES) || 5000;

/** The i-th address of 198.18.0.0/15 (i < 131072). */
const benchAddress = (i: number) => `198.${18 + ((i >> 16) & 1)}.${(i >> 8) & 255}.${i & 255}`;

interface Row {
  name: string;
  reqs: number;
  p99: number;
  ratio: string;
  ok: number;
  acked: number | '-';
  other: number;
  stored: number | '-';
  counted: number | '-';
}

interface CannonResult {
  requests: { average: number };
  latency: { p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

function cannon(opts: Record<string, unknown>): Promise<CannonResult> {
  return new Promise((resolve, reject) => {
    autocannon({ duration, connections, ...opts }, (err: Error | null, result: CannonResult) => (err ? reject(err) : resolve(result)));
  });
}

async function bare(): Promise<CannonResult> {
  const server: Server = createServer((_req, res) => {
    res.statusCode = 204;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  try {
    return await cannon({ url: `http://127.0.0.1:${port}/` });
  } finally {
    server.close();
  }
}

async function backend(db: Db, manyAddresses: boolean): Promise<{ result: CannonResult; stored: number; acked: number; counted: number | '-' }> {
  const app = await createApp({
    db,
    adminToken: 'bench-admin-token',
    logger: false,
    trustProxy: manyAddresses,
    rateLimit: { max: 10_000_000, timeWindowMs: 60_000 },
    voteIpLimit: 10_000_000,
  });
  let acked = 0;
  // Counted when the server sends a 2xx, even if autocannon hung up at its deadline before reading it.
  let inflight = 0;
  app.addHook('onRequest', async () => {
    inflight++;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    inflight--;
    if (request.method === 'POST' && reply.statusCode >= 200 && reply.statusCode < 300) acked++;
    return payload;
  });
  const voteId = `bench-${Date.now()}-${manyAddresses ? 'many' : 'one'}`;
  const put = await app.inject({
    method: 'PUT',
    url: `/api/admin/votes/${voteId}`,
    headers: { authorization: 'Bearer bench-admin-token' },
    payload: {
      id: voteId,
      title: 'Bench',
      method: 'single',
      options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }],
      resultsVisibility: process.env.BENCH_VISIBILITY ?? 'after-vote',
    },
  });
  if (put.statusCode !== 201) throw new Error(`bench vote not created: ${put.body}`);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const choices = ['a', 'b', 'c'];
  let n = 0;
  try {
    const result = await cannon({
      url: `http://127.0.0.1:${port}`,
      requests: [
        {
          method: 'POST',
          path: `/api/votes/${voteId}/ballots`,
          setupRequest: (req: Record<string, unknown>) => ({
            ...req,
            headers: {
              'content-type': 'application/json',
              'idempotency-key': randomUUID(),
              ...(manyAddresses ? { 'x-forwarded-for': benchAddress(1 + (n % addresses)) } : {}),
            },
            body: JSON.stringify({ choices: [choices[n++ % 3]], deviceToken: randomUUID() }),
          }),
        },
      ],
    });
    // autocannon hangs up at its deadline; wait until the handlers still running have answered.
    for (let waited = 0; inflight > 0 && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    if (inflight > 0) console.log(`warning: ${inflight} requests still in flight after 60 s`);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM submissions WHERE kind = 'vote' AND content_id = $1`,
      [voteId],
    );
    // The counters the results are read from must agree with the rows.
    const counted = await db
      .query<{ n: number }>(`SELECT coalesce(sum(count), 0)::int AS n FROM vote_ballots WHERE vote_id = $1`, [voteId])
      .catch(() => ({ rows: [{ n: '-' as const }] })); // a backend from before the counters
    const del = await app.inject({ method: 'DELETE', url: `/api/admin/votes/${voteId}`, headers: { authorization: 'Bearer bench-admin-token' } });
    if (del.statusCode !== 204) throw new Error(`bench vote not deleted: ${del.body}`);
    return { result, stored: rows[0]!.n, acked, counted: counted.rows[0]!.n };
  } finally {
    await app.close();
  }
}

const rows: Row[] = [];
console.log(`civic-widgets server bench: ${duration} s per run, ${connections} connections, loopback, Node ${process.version}\n`);

const b = await bare();
const base = b.requests.average;
rows.push({ name: 'bare node:http (204)', reqs: base, p99: b.latency.p99, ratio: '1.00', ok: b['2xx'], acked: '-', other: b.non2xx + b.errors, stored: '-', counted: '-' });

async function runs(store: string, db: Db): Promise<void> {
  for (const many of [true, false]) {
    const { result, stored, acked, counted } = await backend(db, many);
    rows.push({
      name: `backend, ${store}, ${many ? `${addresses} addresses` : 'one address'}`,
      reqs: result.requests.average, p99: result.latency.p99, ratio: (result.requests.average / base).toFixed(3),
      ok: result['2xx'], acked, other: result.non2xx + result.errors, stored, counted,
    });
  }
}

const dir = await mkdtemp(join(tmpdir(), 'civic-bench-'));
try {
  const db = await openPglite(dir);
  try {
    await runs('PGlite', db);
  } finally {
    await db.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

if (process.env.DATABASE_URL) {
  const db = await openPostgres(process.env.DATABASE_URL, 20);
  try {
    await runs('PostgreSQL', db);
  } finally {
    await db.close();
  }
} else {
  console.log('(DATABASE_URL not set: no PostgreSQL run)\n');
}

const header = ['run', 'req/s', 'p99 ms', 'x bare', '2xx received', '2xx acked (server)', 'non-2xx/err', 'rows stored', 'ballots counted'];
const table = rows.map((r) => [r.name, r.reqs.toFixed(0), String(r.p99), r.ratio, String(r.ok), String(r.acked), String(r.other), String(r.stored), String(r.counted)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`);
for (const t of table) console.log(line(t));

let mismatch = false;
for (const r of rows) {
  if (r.stored !== '-' && (r.stored !== r.acked || r.ok > r.stored)) {
    mismatch = true;
    console.log(`\n!!!!! MISMATCH in "${r.name}": ${r.acked} ballots acknowledged with 2xx (${r.ok} received) but ${r.stored} rows stored !!!!!`);
  }
  if (r.counted !== '-' && r.counted !== r.stored) {
    mismatch = true;
    console.log(`\n!!!!! MISMATCH in "${r.name}": ${r.stored} rows stored but the counters say ${r.counted} ballots !!!!!`);
  }
}
if (!mismatch) {
  console.log('\nacknowledged ballots == stored rows == counted ballots in every backend run');
  console.log('("2xx received" counts answers autocannon read before its deadline; answers still in flight at the deadline were sent but not read.)');
}
process.exitCode = mismatch ? 1 : 0;
