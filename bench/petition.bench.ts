/**
 * `npm run bench:petition`: N signatures (10,000) through the API at full speed, each confirmed
 * through its mailed link (the token path), on PGlite in memory and on PostgreSQL when
 * DATABASE_URL is set. Requests go through `app.inject` (no sockets), `PETITION_CONCURRENCY` at a
 * time (default 16). Mail goes to memory (no SMTP): the links are read from the messages.
 * Prints signatures/s and confirmations/s, p50/p99 latencies, and checks that N confirmed = the
 * count the public definition shows. Print only.
 *
 * Env: PETITION_N (10000), PETITION_CONCURRENCY (16).
 */
import { randomUUID } from 'node:crypto';
import { createApp } from '../server/app.js';
import { openPglite, openPostgres, type Db } from '../server/db.js';
import { memoryMailer } from '../server/mail.js';

const N = Number(process.env.PETITION_N) || 10_000;
const C = Number(process.env.PETITION_CONCURRENCY) || 16;
const AUTH = { authorization: 'Bearer bench-admin-token' };

function pct(sorted: number[], p: number): string {
  return `${sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1)} ms`;
}

async function pool(n: number, fn: (i: number) => Promise<number>): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: C }, async () => {
      while (next < n) latencies.push(await fn(next++));
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

async function run(name: string, db: Db): Promise<void> {
  const mailer = memoryMailer();
  const big = 100_000_000;
  const app = await createApp({
    db, adminToken: 'bench-admin-token', logger: false, rateLimit: { max: big, timeWindowMs: 60_000 },
    petitions: { mailer, publicUrl: 'http://bench.local', limits: { ipBurst: big, ipHour: big, domainBurst: big, domainHour: big } },
  });
  const id = `bench-${Date.now()}`;
  const put = await app.inject({ method: 'PUT', url: `/api/admin/petitions/${id}`, headers: AUTH, payload: { id, title: 'Bench', summary: 'Bench', profile: 'standard', goal: N } });
  if (put.statusCode !== 201) throw new Error(put.body);

  const signed = await pool(N, async (i) => {
    const t = performance.now();
    const res = await app.inject({
      method: 'POST', url: `/api/petitions/${id}/signatures`, headers: { 'idempotency-key': randomUUID() },
      remoteAddress: `198.18.${(i >> 8) & 255}.${i & 255}`,
      payload: { email: `signer${i}@example${i % 50}.fr`, firstName: 'Marie', lastName: `Dupont ${i}`, postcode: '37000', town: 'Tours', fillMs: 15_000, lang: 'fr' },
    });
    if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
    return performance.now() - t;
  });
  if (mailer.sent.length !== N) throw new Error(`${mailer.sent.length} mails for ${N} signatures`);
  const links = mailer.sent.map((m) => /\/api\/\S+\/confirm\?token=[\w-]+&lang=fr/.exec(m.text)![0]);

  const confirmed = await pool(N, async (i) => {
    const t = performance.now();
    const res = await app.inject(links[i]!);
    if (res.statusCode !== 200) throw new Error(`confirm ${res.statusCode}`);
    return performance.now() - t;
  });

  const def = (await app.inject(`/api/petitions/${id}`)).json() as { count: { online: number; total: number } };
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM submissions WHERE kind = 'petition' AND content_id = $1 AND status = 'accepted'`, [id]);
  const exact = def.count.online === N && def.count.total === N && rows[0]!.n === N;
  console.log(
    `${name.padEnd(11)} ${N} signatures, ${C} at a time: sign ${(N / signed.seconds).toFixed(0)}/s (p50 ${pct(signed.latencies, 50)}, p99 ${pct(signed.latencies, 99)}); ` +
      `confirm ${(N / confirmed.seconds).toFixed(0)}/s (p50 ${pct(confirmed.latencies, 50)}, p99 ${pct(confirmed.latencies, 99)}); ` +
      `count shown ${def.count.total}, confirmed rows ${rows[0]!.n}: ${exact ? 'exact' : 'MISMATCH'}`,
  );
  await app.inject({ method: 'DELETE', url: `/api/admin/petitions/${id}`, headers: AUTH });
  await app.close();
  if (!exact) process.exitCode = 1;
}

const lite = await openPglite();
try {
  await run('PGlite', lite);
} finally {
  await lite.close();
}
if (process.env.DATABASE_URL) {
  const pgdb = await openPostgres(process.env.DATABASE_URL);
  try {
    await run('PostgreSQL', pgdb);
  } finally {
    await pgdb.close();
  }
}
