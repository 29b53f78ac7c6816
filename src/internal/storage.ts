import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';

/*
 * The device's storage, on IndexedDB through idb-keyval. The store is opened lazily (createStore
 * opens the database at once). When IndexedDB is unavailable (private modes, blocked storage) the
 * values live in memory for this page only, and widgets keep working.
 */

let store: UseStore | undefined;
let memory: Map<string, unknown> | undefined;

function idb(): UseStore | undefined {
  if (memory) return undefined;
  if (!store) {
    try {
      if (typeof indexedDB === 'undefined') throw new Error('no IndexedDB');
      store = createStore('civic-widgets', 'kv');
    } catch {
      memory = new Map();
      return undefined;
    }
  }
  return store;
}

async function guarded<T>(withIdb: (s: UseStore) => Promise<T>, withMemory: (m: Map<string, unknown>) => T): Promise<T> {
  const s = idb();
  if (s) {
    try {
      return await withIdb(s);
    } catch (e) {
      console.warn('[civic-widgets] IndexedDB is unavailable; data stays in memory for this page.', e);
      memory = new Map();
    }
  }
  return withMemory(memory!);
}

export const storage = {
  get<T>(key: string): Promise<T | undefined> {
    return guarded((s) => get<T>(key, s), (m) => m.get(key) as T | undefined);
  },
  set(key: string, value: unknown): Promise<void> {
    return guarded((s) => set(key, value, s), (m) => void m.set(key, value));
  },
  del(key: string): Promise<void> {
    return guarded((s) => del(key, s), (m) => void m.delete(key));
  },
  /** Every [key, value] whose key starts with `prefix`. */
  async list<T>(prefix: string): Promise<Array<[string, T]>> {
    const all = await guarded((s) => entries<string, T>(s), (m) => [...m.entries()] as Array<[string, T]>);
    return all.filter(([k]) => typeof k === 'string' && k.startsWith(prefix));
  },
};

/** A random URL-safe token (idempotency keys, device tokens). */
export function randomToken(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A token scoped to one piece of content on one backend, kept on this device. One per vote (not
 * one per device): the server cannot link a device's ballots across votes.
 */
export async function deviceToken(scope: string): Promise<string> {
  const key = `token:${scope}`;
  const existing = await storage.get<string>(key);
  if (existing) return existing;
  const token = randomToken();
  await storage.set(key, token);
  return token;
}
