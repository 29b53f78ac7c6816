/**
 * The reference backend for browser tests: the real Fastify app on a real (in-memory) PGlite,
 * with the demo content, behind a TCP proxy the tests can cut ("backend-down") and restore
 * ("backend-up") to get a real connection failure in the browser, not a mock.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import { openPglite, openPostgres, type Db } from '../../server/db.js';
import { loadContent } from '../../server/content.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestBackend {
  url: string;
  db: Db;
  down(): Promise<void>;
  /** Holds every request this many ms before forwarding it (a slow network). */
  delay(ms: number): void;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestBackend(): Promise<TestBackend> {
  // DATABASE_URL: the same tests on PostgreSQL (a throwaway server: server/test/pg-throwaway.sh).
  const db = process.env.DATABASE_URL ? await openPostgres(process.env.DATABASE_URL) : await openPglite();
  const app = await createApp({
    db,
    adminToken: ADMIN_TOKEN,
    allowedOrigins: '*',
    rateLimit: { max: 10_000, timeWindowMs: 60_000 },
    voteIpLimit: 10_000,
    // Every test posts from 127.0.0.1: the per-IP comment limits of production would trip at once.
    comments: { limits: { ipBurst: 10_000, ipHour: 100_000 } },
    logger: false,
  });
  await loadContent(db, 'demo/content');
  await app.listen({ host: '127.0.0.1', port: 0 });
  const target = (app.server.address() as AddressInfo).port;

  const sockets = new Set<net.Socket>();
  let proxy: net.Server | undefined;
  let port = 0;
  let delayMs = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      proxy = net.createServer((client) => {
        const upstream = net.connect(target, '127.0.0.1');
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        // Requests may be held back (a slow network), kept in order; answers flow straight back.
        client.on('data', (chunk) => {
          if (delayMs > 0) setTimeout(() => upstream.write(chunk), delayMs);
          else upstream.write(chunk);
        });
        upstream.pipe(client);
      });
      proxy.once('error', reject);
      proxy.listen(port, '127.0.0.1', () => {
        port = (proxy!.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();

  const down = async () => {
    if (!proxy) return;
    const p = proxy;
    proxy = undefined;
    await new Promise<void>((resolve) => {
      p.close(() => resolve());
      for (const s of sockets) s.destroy();
      sockets.clear();
    });
  };
  return {
    url: `http://127.0.0.1:${port}/api`,
    db,
    down,
    delay: (ms: number) => {
      delayMs = ms;
    },
    up: async () => {
      if (!proxy) await listen();
    },
    close: async () => {
      await down();
      await app.close();
      await db.close();
    },
  };
}
