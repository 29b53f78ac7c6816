/**
 * The one database interface of the reference backend, with two implementations:
 * PGlite (PostgreSQL compiled to WASM, in process; a data directory or in memory) and a real
 * PostgreSQL server through `pg.Pool`. Both speak the same SQL dialect and get identical queries.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Db {
  /** One statement, `$1`-style parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs `fn` inside BEGIN/COMMIT (ROLLBACK when it throws). */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  readonly driver: 'pglite' | 'pg';
}

type Queryable = {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
};

function fromPglite(q: Queryable, root: PGlite | null): Db {
  return {
    driver: 'pglite',
    async query<T>(sql: string, params?: unknown[]) {
      const r = await q.query<T>(sql, params);
      return { rows: r.rows };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (!root) throw new Error('nested transactions are not supported');
      return root.transaction((tx) => fn(fromPglite(tx as unknown as Queryable, null)));
    },
    async close() {
      if (root && !root.closed) await root.close();
    },
  };
}

/** PGlite on a data directory, or in memory when `dataDir` is omitted. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  return fromPglite(db as unknown as Queryable, db);
}

/**
 * Parameterised statements are prepared once per connection under a name derived from their text,
 * so PostgreSQL parses (and, once it settles on a generic plan, plans) them once, not per request.
 */
function prepared(sql: string, params: unknown[] | undefined): pg.QueryConfig {
  if (!params) return { text: sql };
  return { name: `cw_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`, text: sql, values: params };
}

function fromPgClient(client: pg.PoolClient): Db {
  return {
    driver: 'pg',
    async query<T>(sql: string, params?: unknown[]) {
      const r = await client.query(prepared(sql, params));
      return { rows: r.rows as T[] };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    transaction() {
      return Promise.reject(new Error('nested transactions are not supported'));
    },
    async close() {},
  };
}

/** A `pg.Pool` on `connectionString`. */
export async function openPostgres(connectionString: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => {
    /* idle client errors (server restart) are reported by the next query */
  });
  return {
    driver: 'pg',
    async query<T>(sql: string, params?: unknown[]) {
      const r = await pool.query(prepared(sql, params));
      return { rows: r.rows as T[] };
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(fromPgClient(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** `DATABASE_URL` when given, otherwise PGlite (in memory without `dataDir`). */
export function openDb(opts: { databaseUrl?: string | undefined; dataDir?: string | undefined }): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies `server/migrations/NNN_name.sql` in order, once each, recording them in
 * `schema_migrations`. One transaction holding an advisory lock, so concurrent starts are safe.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d+_.*\.sql$/.test(f)).sort();
  const sources = await Promise.all(files.map(async (f) => ({ name: f, sql: await readFile(join(dir, f), 'utf8') })));
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(7236001)`);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const m of sources) {
      if (done.has(m.name)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
      applied.push(m.name);
    }
    return applied;
  });
}
