/**
 * `npx tsx bench/inject.bench.ts`: sequential ballots through `app.inject` (no sockets), so the
 * number is the cost of the handler and the database alone. Prints ballots/s per block of ballots,
 * so that a cost growing with the number of stored ballots shows. PGlite in memory, plus
 * PostgreSQL when DATABASE_URL is set.
 *
 * Each store is run from one address (a shared IP) and from a new address per ballot.
 *
 * Env: INJECT_BLOCKS (4), INJECT_BLOCK (500).
 */
import { randomUUID } from 'node:crypto';
import { createApp } from '../server/app.js';
import { openPglite, openPostgres, type Db } from '../server/db.js';

const blocks = Number(process.env.INJECT_BLOCKS) || 4;
const block = Number(process.env.INJECT_BLOCK) || 500;

async function run(name: string, db: Db, singleIp: boolean): Promise<void> {
  const app = await createApp({
    db, adminToken: 'bench-admin-token', logger: false,
    rateLimit: { max: 10_000_000, timeWindowMs: 60_000 }, voteIpLimit: 10_000_000,
  });
  const voteId = `inject-${Date.now()}-${singleIp ? 'one' : 'many'}`;
  const put = await app.inject({
    method: 'PUT', url: `/api/admin/votes/${voteId}`, headers: { authorization: 'Bearer bench-admin-token' },
    payload: { id: voteId, title: 'Bench', method: 'single', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }], resultsVisibility: 'after-vote' },
  });
  if (put.statusCode !== 201) throw new Error(put.body);
  const rates: string[] = [];
  let n = 0;
  for (let b = 0; b < blocks; b++) {
    const t0 = performance.now();
    for (let i = 0; i < block; i++, n++) {
      const res = await app.inject({
        method: 'POST', url: `/api/votes/${voteId}/ballots`,
        headers: { 'idempotency-key': randomUUID() },
        remoteAddress: singleIp ? '127.0.0.1' : `198.18.${(n >> 8) & 255}.${n & 255}`,
        payload: { choices: [['a', 'b', 'c'][n % 3]], deviceToken: randomUUID() },
      });
      if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
    }
    rates.push(`${(block / ((performance.now() - t0) / 1000)).toFixed(0)}`);
  }
  console.log(`${`${name}, ${singleIp ? 'one address' : 'many addresses'}`.padEnd(30)} ballots/s per block of ${block} (0..${blocks * block}): ${rates.join(' / ')}`);
  await app.inject({ method: 'DELETE', url: `/api/admin/votes/${voteId}`, headers: { authorization: 'Bearer bench-admin-token' } });
  await app.close();
}

const lite = await openPglite();
try { await run('PGlite', lite, true); await run('PGlite', lite, false); } finally { await lite.close(); }
if (process.env.DATABASE_URL) {
  const pgdb = await openPostgres(process.env.DATABASE_URL);
  try { await run('PostgreSQL', pgdb, true); await run('PostgreSQL', pgdb, false); } finally { await pgdb.close(); }
}
