import { createStore, del, entries, get, keys, set, type UseStore } from 'idb-keyval';

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

/** Where a widget keeps what it remembers on the device: `storage` (IndexedDB), or memory in assisted mode. */
export interface DeviceStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
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
  /** Every key that starts with `prefix` (values not read: outbox entries may hold photos). */
  async keys(prefix = ''): Promise<string[]> {
    const all = await guarded((s) => keys<string>(s), (m) => [...m.keys()]);
    return all.filter((k) => typeof k === 'string' && k.startsWith(prefix));
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
export async function deviceToken(scope: string, store: DeviceStore = storage): Promise<string> {
  const key = `token:${scope}`;
  const existing = await store.get<string>(key);
  if (existing) return existing;
  const token = randomToken();
  await store.set(key, token);
  return token;
}

/**
 * A store in this page's memory, for one widget in assisted mode: the person in front of a shared
 * terminal gets a draft, a token and an "already answered" record that live as long as the widget
 * and are never written to the device.
 */
export function memoryStore(): DeviceStore {
  const m = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => m.get(key) as T | undefined,
    set: async (key, value) => void m.set(key, value),
    del: async (key) => void m.delete(key),
  };
}

/** What the device keeps that is nobody's: the outbox (emptied as it sends) and definition copies. */
const NOT_PERSONAL = ['outbox:', 'def:'];

/**
 * Deletes what this device keeps about one piece of content: drafts, device tokens, "already
 * answered" records (`<what>:<kind>|<endpoint>|<id>[|…]`) and, for a thread, the author name kept
 * per endpoint (`comments-author|<endpoint>`). The outbox and the copy of the definition stay.
 * Returns the keys deleted.
 */
export async function forgetContent(kind: string, endpoint: string, id: string): Promise<string[]> {
  const scope = `${kind}|${endpoint}|${id}`;
  const doomed = (await storage.keys()).filter((k) => {
    if (NOT_PERSONAL.some((p) => k.startsWith(p))) return false;
    const rest = k.slice(k.indexOf(':') + 1);
    return rest === scope || rest.startsWith(`${scope}|`) || k === `${kind}-author|${endpoint}`;
  });
  await Promise.all(doomed.map((k) => storage.del(k)));
  return doomed;
}
