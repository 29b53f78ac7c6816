import type { z } from 'zod/mini';
import { asApiError, type ApiClient } from '../api/client.js';
import { paths, type Kind } from '../api/schemas.js';
import { storage } from './storage.js';

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
export async function loadDefinition<S extends z.ZodMiniType>(client: ApiClient, kind: Kind, id: string, schema: S, signal?: AbortSignal): Promise<LoadedDefinition<z.infer<S>>> {
  const key = `def:${kind}|${client.base}|${id}`;
  try {
    const definition = await client.get(paths.definition(kind, id), schema, { signal });
    void storage.set(key, definition);
    return { definition, offline: false };
  } catch (e) {
    const error = asApiError(e);
    if (!error.retryable || signal?.aborted) throw e;
    const cached = schema.safeParse(await storage.get(key));
    if (!cached.success) throw e;
    return { definition: cached.data, offline: true };
  }
}
