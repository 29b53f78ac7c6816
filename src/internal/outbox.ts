import { ApiClient, asApiError, isRetryable, toErrorInfo, type ApiErrorInfo } from '../api/client.js';
import type { Receipt } from '../api/schemas/common.js';
import type { SchemaSource } from '../api/client.js';
import type { Kind } from '../api/resources.js';
import type { z } from 'zod/mini';
import { storage } from './storage.js';

/**
 * The offline queue. A submission that cannot be sent now (offline, timeout, rate limit, 5xx) is
 * kept on the device with its idempotency key and sent again — with backoff, when the connection
 * returns, when the page is shown again and when a page with a widget loads. The key makes every
 * retry safe: the server stores the submission once, however often it arrives.
 */
export interface OutboxEntry {
  /** The idempotency key, also the entry's identity. */
  key: string;
  kind: Kind;
  contentId: string;
  endpoint: string;
  path: string;
  body: unknown;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError?: ApiErrorInfo;
}

export type OutboxNotice =
  | { type: 'synced'; entry: OutboxEntry; receipt: Receipt }
  | { type: 'rejected'; entry: OutboxEntry; error: ApiErrorInfo }
  | { type: 'retrying'; entry: OutboxEntry; error: ApiErrorInfo };

type Listener = (notice: OutboxNotice) => void;

const PREFIX = 'outbox:';
const MAX_DELAY_MS = 5 * 60_000;

/** Delay before attempt n+1: 2 s, 4 s, 8 s … capped at 5 min, with jitter; Retry-After wins. */
export function backoffDelay(attempts: number, retryAfterSeconds?: number, random = Math.random): number {
  if (retryAfterSeconds !== undefined) return Math.min(MAX_DELAY_MS, retryAfterSeconds * 1000);
  const base = Math.min(MAX_DELAY_MS, 2000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.75 + random() * 0.25));
}

class Outbox {
  private listeners = new Set<Listener>();
  private receipts = new Map<Kind, SchemaSource<z.ZodMiniType<Receipt>>>();
  private flushing: Promise<void> | undefined;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;

  /** Wires the triggers once per page: connection back, page visible, page shown from cache. */
  start(): void {
    if (this.started || typeof window === 'undefined') return;
    this.started = true;
    const kick = () => void this.flush();
    window.addEventListener('online', kick);
    window.addEventListener('pageshow', kick);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') kick();
    });
    kick();
  }

  /** The schema a kind's receipts are parsed with (a ballot receipt carries results); `Receipt` otherwise. */
  registerReceipt(kind: Kind, schema: SchemaSource<z.ZodMiniType<Receipt>>): void {
    this.receipts.set(kind, schema);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async add(entry: Omit<OutboxEntry, 'createdAt' | 'attempts' | 'nextAttemptAt'> & { lastError?: ApiErrorInfo }): Promise<OutboxEntry> {
    const full: OutboxEntry = {
      ...entry,
      createdAt: Date.now(),
      attempts: 1,
      nextAttemptAt: Date.now() + backoffDelay(1, entry.lastError?.retryAfter),
    };
    await storage.set(PREFIX + full.key, full);
    this.schedule(full.nextAttemptAt);
    return full;
  }

  /** Entries still waiting, optionally only those of one piece of content. */
  async pending(filter?: { kind: Kind; contentId: string; endpoint: string }): Promise<OutboxEntry[]> {
    const all = (await storage.list<OutboxEntry>(PREFIX)).map(([, v]) => v);
    const mine = filter ? all.filter((e) => e.kind === filter.kind && e.contentId === filter.contentId && e.endpoint === filter.endpoint) : all;
    return mine.sort((a, b) => a.createdAt - b.createdAt);
  }

  async remove(key: string): Promise<void> {
    await storage.del(PREFIX + key);
  }

  /**
   * Sends what is due (or everything, with `force`). One flush at a time per page, and across
   * tabs through the Web Locks API where the browser has it.
   */
  flush(force = false): Promise<void> {
    if (this.flushing) {
      this.again = this.again || force;
      return this.flushing;
    }
    const run = async () => {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      if (locks) await locks.request('civic-widgets-outbox', () => this.sendDue(force));
      else await this.sendDue(force);
    };
    this.flushing = run().finally(() => {
      this.flushing = undefined;
      if (this.again) {
        this.again = false;
        void this.flush(true);
      }
    });
    return this.flushing;
  }

  private async sendDue(force: boolean): Promise<void> {
    const now = Date.now();
    for (const entry of await this.pending()) {
      if (!force && entry.nextAttemptAt > now) continue;
      // Another tab may have sent it while we waited for the lock.
      if (!(await storage.get(PREFIX + entry.key))) continue;
      try {
        const client = new ApiClient(entry.endpoint);
        const receipt = await client.post(entry.path, entry.body, this.receipts.get(entry.kind) ?? import('../api/schemas/common.js').then((m) => m.Receipt), { idempotencyKey: entry.key });
        await this.remove(entry.key);
        this.emit({ type: 'synced', entry, receipt });
      } catch (e) {
        const error = toErrorInfo(asApiError(e));
        if (isRetryable(error)) {
          const next: OutboxEntry = { ...entry, attempts: entry.attempts + 1, lastError: error, nextAttemptAt: Date.now() + backoffDelay(entry.attempts + 1, error.retryAfter) };
          await storage.set(PREFIX + entry.key, next);
          this.emit({ type: 'retrying', entry: next, error });
          if (error.failure === 'offline') break; // no point trying the others now
        } else {
          await this.remove(entry.key);
          this.emit({ type: 'rejected', entry, error });
        }
      }
    }
    const left = await this.pending();
    if (left.length) this.schedule(Math.min(...left.map((e) => e.nextAttemptAt)));
  }

  private schedule(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), Math.max(0, at - Date.now()));
  }

  private emit(notice: OutboxNotice): void {
    for (const l of this.listeners) {
      try {
        l(notice);
      } catch (e) {
        console.error('[civic-widgets] outbox listener failed', e);
      }
    }
  }
}

/** The page's one outbox. */
export const outbox = new Outbox();
