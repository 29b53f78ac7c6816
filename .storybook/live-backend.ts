/**
 * The live backend of `storybook dev`: the real reference backend (server/) on an in-memory PGlite
 * loaded with demo/content, listening on 127.0.0.1 on a free port, and `/api/*` of the Storybook
 * server proxied to it. Stories that use `endpoint="/api"` talk to it like a town's site would.
 *
 * - In process by default (Storybook loads .storybook/*.ts and what they import through its own
 *   TypeScript loader, so server/*.ts imports directly).
 * - `CIVIC_STORYBOOK_BACKEND=child`: the backend runs as `node --import tsx server/main.ts`
 *   instead (used automatically when the in-process import fails).
 * - `CIVIC_STORYBOOK_API=http://localhost:8787`: no backend is started; `/api/*` goes to that
 *   server (e.g. one started with `npm start`, with its own data).
 *
 * Only for `storybook dev`: `storybook build` never loads this plugin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, ViteDevServer } from 'vite';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const CONTENT_DIR = join(ROOT, 'demo/content');

interface Running {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  origin: string;
  how: string;
  stop(): Promise<void>;
}

/** The reference backend in this process, on an in-memory PGlite. */
async function startInProcess(): Promise<Running> {
  const [{ createApp }, { openPglite }, { loadContent }] = await Promise.all([
    import('../server/app.js'),
    import('../server/db.js'),
    import('../server/content.js'),
  ]);
  const db = await openPglite();
  try {
    const app = await createApp({
      db,
      adminToken: randomBytes(24).toString('base64url'),
      allowedOrigins: '*',
      // Every request comes from 127.0.0.1: the per-IP limits of production would trip quickly.
      rateLimit: { max: 1000, timeWindowMs: 60_000 },
      voteIpLimit: 100_000,
      logger: false,
    });
    const items = await loadContent(db, CONTENT_DIR);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    return {
      origin: address.replace(/\/+$/, ''),
      how: `in process, PGlite in memory, ${items.length} items from demo/content`,
      async stop() {
        await app.close();
        await db.close();
      },
    };
  } catch (e) {
    await db.close();
    throw e;
  }
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

async function waitForHealth(origin: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server/main.ts exited with code ${child.exitCode}`);
    try {
      const r = await fetch(`${origin}/api/health`);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server/main.ts did not answer ${origin}/api/health within ${timeoutMs} ms`);
}

/** The reference backend as a child process (`node --import tsx server/main.ts`), data in a temp dir. */
async function startChild(): Promise<Running> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'civic-storybook-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CIVIC_DATA_DIR: dataDir,
      CIVIC_CONTENT_DIR: CONTENT_DIR,
      CIVIC_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
      CIVIC_RATE_LIMIT_MAX: '1000',
      CIVIC_VOTE_IP_LIMIT: '100000',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
  });
  // Also on Ctrl+C, when Storybook exits without closing the dev server: no orphan, no temp dir left.
  const kill = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', kill);
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(origin, child);
  } catch (e) {
    kill();
    throw e;
  }
  return {
    origin,
    how: `child process (node --import tsx server/main.ts), PGlite in ${dataDir}`,
    async stop() {
      process.removeListener('exit', kill);
      kill();
    },
  };
}

async function start(log: (msg: string) => void): Promise<Running> {
  const external = process.env.CIVIC_STORYBOOK_API?.trim();
  if (external) return { origin: external.replace(/\/+$/, '').replace(/\/api$/, ''), how: 'external server (CIVIC_STORYBOOK_API)', stop: async () => {} };
  if (process.env.CIVIC_STORYBOOK_BACKEND !== 'child') {
    try {
      return await startInProcess();
    } catch (e) {
      log(`in-process backend failed (${(e as Error).message}); starting server/main.ts as a child process`);
    }
  }
  return startChild();
}

function sendUnavailable(res: ServerResponse, message: string): void {
  res.statusCode = 503;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ error: { code: 'server_error', message: `Storybook's live backend is not available: ${message}` } }));
}

/** Streams one request to the backend and its answer back (method, headers, body, status untouched). */
function forward(req: IncomingMessage, res: ServerResponse, origin: string): void {
  const target = new URL(req.url ?? '/', origin);
  const upstream = httpRequest(
    target,
    { method: req.method, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (e) => (res.headersSent ? res.destroy(e) : sendUnavailable(res, e.message)));
  req.pipe(upstream);
}

/** Vite plugin: starts the backend with the dev server and proxies `/api/*` to it. */
export function liveBackend(): Plugin {
  let running: Promise<Running> | undefined;
  return {
    name: 'civic-widgets:live-backend',
    apply: 'serve',
    configureServer(server: ViteDevServer) {
      const log = (msg: string) => server.config.logger.info(`[civic live backend] ${msg}`, { timestamp: true });
      running = start(log);
      running.then(
        (r) => log(`${r.origin}/api (${r.how}); proxied at /api`),
        (e: Error) => server.config.logger.error(`[civic live backend] could not start: ${e.message}`),
      );
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (path !== '/api' && !path.startsWith('/api/')) return next();
        running!.then(
          (r) => forward(req, res, r.origin),
          (e: Error) => sendUnavailable(res, e.message),
        );
      });
      const close = server.close.bind(server);
      server.close = async () => {
        const r = await running?.catch(() => undefined);
        running = undefined;
        await r?.stop().catch(() => undefined);
        return close();
      };
    },
  };
}
