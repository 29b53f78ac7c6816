/**
 * Starts the reference backend.
 *
 *   PORT (8787), HOST (0.0.0.0), DATABASE_URL (PostgreSQL; else PGlite in CIVIC_DATA_DIR, ./data),
 *   CIVIC_ADMIN_TOKEN (generated and logged when unset), CIVIC_ALLOWED_ORIGINS (comma list; any when unset),
 *   CIVIC_CONTENT_DIR (demo/content), CIVIC_TRUST_PROXY, CIVIC_RATE_LIMIT_MAX, CIVIC_VOTE_IP_LIMIT.
 *   Map reports: CIVIC_PHOTO_MAX_BYTES (3 MiB), CIVIC_REPORT_IP_LIMIT (30 an hour), CIVIC_OPEN311_SPACE,
 *   CIVIC_OPEN311_JURISDICTION, CIVIC_OPEN311_API_KEYS (read by server/map-reports.ts, open311.ts);
 *   CIVIC_OPEN311_FORWARD_URL, CIVIC_OPEN311_FORWARD_API_KEY, CIVIC_OPEN311_FORWARD_JURISDICTION (forwarding).
 *   Comments: CIVIC_THREADS_AUTO_CREATE (1: threads created on first use), CIVIC_THREADS_AUTO_CREATE_PATTERN
 *   (only ids matching this regular expression), CIVIC_COMMENTS_MIN_FILL_MS (3000),
 *   CIVIC_COMMENTS_IP_LIMITS (comments per hashed IP a minute and an hour, "5,30").
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { createApp } from './app.js';
import { openDb } from './db.js';
import { loadContent } from './content.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;

const databaseUrl = env.DATABASE_URL || undefined;
const dataDir = resolve(env.CIVIC_DATA_DIR || './data');
if (!databaseUrl) await mkdir(dataDir, { recursive: true });
const db = await openDb({ databaseUrl, dataDir });

const generatedToken = !env.CIVIC_ADMIN_TOKEN;
const adminToken = env.CIVIC_ADMIN_TOKEN || randomBytes(24).toString('base64url');
const origins = env.CIVIC_ALLOWED_ORIGINS?.split(',').map((s) => s.trim()).filter(Boolean);

const commentLimits = (env.CIVIC_COMMENTS_IP_LIMITS ?? '').split(',').map(Number);
const autoPattern = env.CIVIC_THREADS_AUTO_CREATE_PATTERN || undefined;
if (autoPattern) {
  try {
    new RegExp(autoPattern);
  } catch (err) {
    console.error(`CIVIC_THREADS_AUTO_CREATE_PATTERN is not a valid regular expression: ${(err as Error).message}`);
    process.exit(1);
  }
}

const app = await createApp({
  db,
  comments: {
    autoCreate: env.CIVIC_THREADS_AUTO_CREATE === '1' || env.CIVIC_THREADS_AUTO_CREATE === 'true' ? (autoPattern ? { pattern: autoPattern } : true) : false,
    ...(Number(env.CIVIC_COMMENTS_MIN_FILL_MS) >= 0 && env.CIVIC_COMMENTS_MIN_FILL_MS ? { minFillMs: Number(env.CIVIC_COMMENTS_MIN_FILL_MS) } : {}),
    ...(commentLimits.length === 2 && commentLimits.every((n) => Number.isInteger(n) && n > 0) ? { limits: { ipBurst: commentLimits[0]!, ipHour: commentLimits[1]! } } : {}),
  },
  adminToken,
  allowedOrigins: origins && origins.length ? origins : '*',
  rateLimit: { max: Number(env.CIVIC_RATE_LIMIT_MAX) || 60, timeWindowMs: 60_000 },
  voteIpLimit: Number(env.CIVIC_VOTE_IP_LIMIT) || 50,
  logger: { level: env.LOG_LEVEL || 'info' },
  staticRoot: root,
  ...(env.CIVIC_TRUST_PROXY ? { trustProxy: env.CIVIC_TRUST_PROXY === 'true' ? true : env.CIVIC_TRUST_PROXY } : {}),
  ...(env.CIVIC_OPEN311_FORWARD_URL
    ? {
        mapReports: {
          forward: {
            url: env.CIVIC_OPEN311_FORWARD_URL,
            ...(env.CIVIC_OPEN311_FORWARD_API_KEY ? { apiKey: env.CIVIC_OPEN311_FORWARD_API_KEY } : {}),
            ...(env.CIVIC_OPEN311_FORWARD_JURISDICTION ? { jurisdictionId: env.CIVIC_OPEN311_FORWARD_JURISDICTION } : {}),
          },
        },
      }
    : {}),
});
const log = app.log;

log.info({ store: databaseUrl ? 'postgresql' : `pglite:${dataDir}` }, 'database ready');
if (generatedToken) {
  log.warn(`CIVIC_ADMIN_TOKEN is not set; generated admin token for this run: ${adminToken}`);
}
if (!origins?.length) log.warn('CIVIC_ALLOWED_ORIGINS is not set: any origin may call the API');

const contentDir = resolve(env.CIVIC_CONTENT_DIR || resolve(root, 'demo/content'));
try {
  const items = await loadContent(db, contentDir);
  log.info({ dir: contentDir, count: items.length }, 'content loaded');
} catch (err) {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') log.warn({ dir: contentDir }, 'no content directory');
  else {
    log.error((err as Error).message);
    await db.close();
    process.exit(1);
  }
}

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  try {
    await app.close();
    await db.close();
  } finally {
    process.exit(0);
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

const address = await app.listen({ port: Number(env.PORT ?? 8787), host: env.HOST || '0.0.0.0' });
log.info(`civic-widgets backend listening on ${address} (demo at /, API at /api)`);
