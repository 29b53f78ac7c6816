import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { z } from 'zod/mini';
import { asApiError, type ApiClient, type SchemaSource } from '../api/client.js';
import { paths, type Kind } from '../api/resources.js';
import { storage } from './storage.js';
import { outbox } from './outbox.js';

/** The definitions civic-widgets.js asked for while the code was downloading (src/internal/widgets.ts), by URL. */
const early = ((globalThis as unknown as Record<symbol, Map<string, Promise<Response>> | undefined>)[Symbol.for('civic-widgets.definitions')] ??= new Map());

/** The answer to `GET url` if civic-widgets.js already asked for it; each is used once. */
function takeEarlyDefinition(url: string): Promise<Response> | undefined {
  const p = early.get(url);
  early.delete(url);
  return p;
}

export interface LoadedDefinition<T> {
  definition: T;
  /** True when the server could not be reached and the copy kept on this device is shown. */
  offline: boolean;
}

/**
 * Loads a widget's definition. A copy is kept on the device so that a resident who reloads the page
 * without a connection still sees the form (and what they queued); the copy is only used when the
 * failure is one a retry could fix (offline, timeout, 5xx).
 */
export async function loadDefinition<S extends z.ZodMiniType>(client: ApiClient, kind: Kind, id: string, schema: SchemaSource<S>, signal?: AbortSignal): Promise<LoadedDefinition<z.infer<S>>> {
  const key = `def:${kind}|${client.base}|${id}`;
  const path = paths.definition(kind, id);
  try {
    const definition = await client.get(path, schema, { signal, response: takeEarlyDefinition(client.base + path) });
    void storage.set(key, definition);
    return { definition, offline: false };
  } catch (e) {
    const error = asApiError(e);
    if (!error.retryable || signal?.aborted) throw e;
    const cached = (await schema).safeParse(await storage.get(key));
    if (!cached.success) throw e;
    return { definition: cached.data, offline: true };
  }
}

/**
 * While a widget shows the copy kept on the device, retries loading every `intervalMs`, when the
 * browser says the connection is back, and when the outbox delivered something (the server answers
 * again even if the browser never noticed it was gone); stops as soon as the server answered.
 */
export class RetryWhileOffline implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onOnline = () => this.fire();
  private unsubscribe?: () => void;

  constructor(
    host: ReactiveControllerHost,
    private readonly retry: () => void,
    private readonly intervalMs = 10000,
  ) {
    host.addController(this);
  }

  /** Call after each render: `offline` says whether the copy is shown. */
  schedule(offline: boolean): void {
    if (!offline) return this.stop();
    if (this.timer) return;
    this.timer = setTimeout(() => this.fire(), this.intervalMs);
    window.addEventListener('online', this.onOnline);
    this.unsubscribe = outbox.subscribe((n) => n.type === 'synced' && this.fire());
  }

  hostDisconnected(): void {
    this.stop();
  }

  private fire(): void {
    this.stop();
    this.retry();
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    window.removeEventListener('online', this.onOnline);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
