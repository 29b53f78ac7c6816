/**
 * Fills a thread with generated comments, for the 10,000-comment benchmark and stories:
 *
 *   tsx server/seed-comments.ts --thread big --count 10000 [--replies 0.2]
 *
 * Uses DATABASE_URL (PostgreSQL) or the PGlite directory CIVIC_DATA_DIR (./data), like the server
 * (stop a PGlite server first: one process at a time owns its directory). Creates the thread with
 * the default settings when it does not exist; one multi-row INSERT per 1000 comments. The same
 * is available as `POST /api/admin/threads/{id}/seed { "count": 10000 }`.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { migrate, openDb } from './db.js';
import { seedComments } from './comments.js';

const { values } = parseArgs({
  options: { thread: { type: 'string' }, count: { type: 'string' }, replies: { type: 'string' } },
});
const count = Number(values.count);
if (!values.thread || !Number.isInteger(count) || count < 1) {
  console.error('usage: tsx server/seed-comments.ts --thread <id> --count <n> [--replies 0.2]');
  process.exit(2);
}
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = resolve(process.env.CIVIC_DATA_DIR || './data');
if (!databaseUrl) await mkdir(dataDir, { recursive: true });
const db = await openDb({ databaseUrl, dataDir });
try {
  await migrate(db);
  const r = await seedComments(db, { thread: values.thread, count, ...(values.replies ? { replies: Number(values.replies) } : {}) });
  console.log(`thread "${values.thread}": ${r.inserted} comments added in ${r.ms.toFixed(0)} ms (${databaseUrl ? 'PostgreSQL' : `PGlite ${dataDir}`})`);
} finally {
  await db.close();
}
