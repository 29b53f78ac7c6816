/**
 * STORYBOOK FIXTURES ONLY — never shipped, never used by tests of the real protocol.
 *
 * A tiny stand-in for the backend, for the states a live server cannot hold still (loading
 * forever, unreachable, unknown id, a vote kept on the device, "already voted", results hidden).
 * It intercepts `window.fetch` for one fake origin only, https://fixtures.civic.invalid/api
 * (`.invalid` never resolves: nothing leaves the browser), answers from typed fixtures, and lets
 * every other request through to the real fetch.
 *
 * Each story registers fixtures by vote id in its `beforeEach` (see `voteFixtures`), which also
 * seeds the device's IndexedDB (idb-keyval store `civic-widgets`/`kv`) and returns the cleanup:
 * unregister, clear what was seeded or written for those ids, restore `window.fetch` when no
 * story needs the interceptor any more. Several stories on one docs page share the interceptor.
 */
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import {
  ApiErrorBody,
  BallotReceipt,
  BallotSubmission,
  IDEMPOTENCY_HEADER,
  PetitionDefinition,
  Receipt,
  SignatureSubmission,
  VoteDefinition,
  VoteResults,
  type ErrorCode,
} from '../../src/api/schemas.js';
import type { OutboxEntry } from '../../src/internal/outbox.js';

export const FIXTURE_ORIGIN = 'https://fixtures.civic.invalid';
/** The `endpoint` of every fixture story (what `normalizeEndpoint` makes of it, too). */
export const FIXTURE_ENDPOINT = `${FIXTURE_ORIGIN}/api`;
/** The device token seeded for fixture polls (a valid `Token`). */
export const FIXTURE_DEVICE_TOKEN = 'storybook-fixture-device-token';

/* ------------------------------------------------------------------ replies */

/** The request never settles: the widget stays in its loading / submitting state. */
export const NEVER = { fixture: 'never' } as const;
/** `fetch` rejects with a TypeError, as browsers do when the server cannot be reached. */
export const NETWORK_ERROR = { fixture: 'network-error' } as const;

export interface HttpError {
  fixture: 'http-error';
  status: number;
  body: ApiErrorBody;
  headers?: Record<string, string>;
}

/** An error answer in the protocol's one error format (`headers`: e.g. `Retry-After` on a 429). */
export function httpError(status: number, code: ErrorCode, message: string, headers?: Record<string, string>): HttpError {
  return { fixture: 'http-error', status, body: { error: { code, message } }, ...(headers ? { headers } : {}) };
}

type Special = typeof NEVER | typeof NETWORK_ERROR | HttpError;
export type Reply<T> = T | Special;

/** What the widget keeps on the device after voting (vote.ts `VotedRecord`). */
export interface VotedRecord {
  choices: string[];
  receiptId: string;
  at: string;
}

export interface VoteFixture {
  /** `GET /votes/{id}`. */
  definition: Reply<VoteDefinition>;
  /** `GET /votes/{id}/results?voter=…` (default: 403 results_hidden). */
  results?: Reply<VoteResults>;
  /**
   * `POST /votes/{id}/ballots`: a receipt, or a function of the posted ballot (default: a receipt
   * carrying `results` plus the posted choices when results are given and visible after voting).
   */
  ballot?: Reply<BallotReceipt> | ((ballot: BallotSubmission) => Reply<BallotReceipt>);
  /** Milliseconds before every answer (to see "submitting…"). */
  delayMs?: number;
  /** Seeded in IndexedDB before the story renders. */
  device?: {
    /** This device has voted (the widget shows "already voted" and the results it may see). */
    voted?: VotedRecord;
    /** A ballot waits in the outbox (no connection when the resident voted). */
    queued?: { choices: string[] };
  };
}

/** What the petition widget keeps on the device after signing (petition.ts `SignedRecord`). */
export interface SignedRecord {
  status: 'pending' | 'confirmed';
  email?: string;
  at: string;
}

export interface PetitionFixture {
  /** `GET /petitions/{id}`. */
  definition: Reply<PetitionDefinition>;
  /** `POST /petitions/{id}/signatures` (default: a pending receipt). */
  signature?: Reply<Receipt> | ((signature: SignatureSubmission) => Reply<Receipt>);
  delayMs?: number;
  device?: {
    /** This device signed (pending: waits for the e-mail link; confirmed: counted). */
    signed?: SignedRecord;
    /** A signature waits in the outbox. */
    queued?: SignatureSubmission;
  };
}

const isSpecial = (v: unknown): v is Special => typeof v === 'object' && v !== null && 'fixture' in v;

/** Fixtures are typed, and checked against the protocol schemas at runtime too (dates, ids...). */
function check(id: string, f: VoteFixture): void {
  const problems: string[] = [];
  const test = (what: string, schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) => {
    if (value === undefined || typeof value === 'function' || isSpecial(value)) return;
    const r = schema.safeParse(value);
    if (!r.success) problems.push(`${what}: ${String(r.error)}`);
  };
  test('definition', VoteDefinition, f.definition);
  test('results', VoteResults, f.results);
  test('ballot', BallotReceipt, f.ballot);
  if (!isSpecial(f.definition) && f.definition.id !== id) problems.push(`definition.id is "${f.definition.id}", registered as "${id}"`);
  if (problems.length) throw new Error(`Storybook fixture "${id}" does not match the protocol:\n${problems.join('\n')}`);
}

function checkPetition(id: string, f: PetitionFixture): void {
  const problems: string[] = [];
  const test = (what: string, schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) => {
    if (value === undefined || typeof value === 'function' || isSpecial(value)) return;
    const r = schema.safeParse(value);
    if (!r.success) problems.push(`${what}: ${String(r.error)}`);
  };
  test('definition', PetitionDefinition, f.definition);
  test('signature', Receipt, f.signature);
  test('queued', SignatureSubmission, f.device?.queued);
  if (!isSpecial(f.definition) && f.definition.id !== id) problems.push(`definition.id is "${f.definition.id}", registered as "${id}"`);
  if (problems.length) throw new Error(`Storybook petition fixture "${id}" does not match the protocol:\n${problems.join('\n')}`);
}

/* ------------------------------------------------------------------ the interceptor */

const registry = new Map<string, { fixture: VoteFixture; refs: number }>();

/** A fixture route for another kind of content (`/surveys/`, `/threads/`...): gets the rest of the path. */
export type FixtureRoute = (rest: string, method: string, init: RequestInit | undefined, signal?: AbortSignal | null, url?: URL) => Promise<Response> | Response;
const routes = new Map<string, FixtureRoute>();
const routeRefs = new Map<string, number>();

/** Serves `prefix` (e.g. `/surveys/`) from `route` while at least one story needs it; returns the release. */
export function useFixtureRoute(prefix: string, route: FixtureRoute): () => void {
  routes.set(prefix, route);
  routeRefs.set(prefix, (routeRefs.get(prefix) ?? 0) + 1);
  install();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (routeRefs.get(prefix) ?? 1) - 1;
    if (left > 0) routeRefs.set(prefix, left);
    else {
      routeRefs.delete(prefix);
      routes.delete(prefix);
    }
    uninstall();
  };
}

/** Answers one fixture reply (a value, NEVER, NETWORK_ERROR or an httpError) as the real backend would. */
export function fixtureAnswer(reply: Reply<unknown> | undefined, okStatus: number, signal?: AbortSignal | null, delayMs = 0): Promise<Response> {
  return answer(reply, okStatus, signal, delayMs);
}
const petitions = new Map<string, { fixture: PetitionFixture; refs: number }>();
let realFetch: typeof fetch | undefined;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } });
}

function notFound(message: string): Response {
  return json(404, httpError(404, 'not_found', message).body);
}

function wait(ms: number, signal?: AbortSignal | null): Promise<void> {
  if (!ms) return Promise.resolve();
  return new Promise((ok, fail) => {
    const t = setTimeout(ok, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), fail(signal.reason)), { once: true });
  });
}

async function answer(reply: Reply<unknown> | undefined, okStatus: number, signal?: AbortSignal | null, delayMs = 0): Promise<Response> {
  if (reply === NEVER) return new Promise<Response>(() => {});
  await wait(delayMs, signal);
  if (reply === NETWORK_ERROR) throw new TypeError('Failed to fetch (Storybook fixture: server unreachable)');
  if (reply === undefined) return notFound('No fixture for this request.');
  if (isSpecial(reply) && reply.fixture === 'http-error') return json(reply.status, reply.body, reply.headers);
  return json(okStatus, reply);
}

function defaultReceipt(f: VoteFixture, ballot: BallotSubmission): BallotReceipt {
  const receipt: BallotReceipt = { id: 'fixture-receipt-0001', receivedAt: '2026-05-04T10:00:00+02:00', duplicate: false, status: 'accepted' };
  const def = isSpecial(f.definition) ? undefined : f.definition;
  const base = f.results && !isSpecial(f.results) ? f.results : undefined;
  if (def?.resultsVisibility === 'after-vote' && base) {
    receipt.results = {
      ...base,
      ballots: base.ballots + 1,
      options: base.options.map((o) => ({ ...o, count: o.count + (ballot.choices.includes(o.id) ? 1 : 0) })),
    };
  } else receipt.results = null;
  return receipt;
}

async function handle(url: URL, init: RequestInit | undefined, input: RequestInfo | URL): Promise<Response> {
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  const path = url.pathname.slice(new URL(FIXTURE_ENDPOINT).pathname.length);
  for (const [prefix, route] of routes) if (path.startsWith(prefix)) return route(path.slice(prefix.length), method, init, signal, url);
  const p = /^\/petitions\/([^/]+)(\/signatures)?\/?$/.exec(path);
  if (p) return handlePetition(decodeURIComponent(p[1]!), p[2], method, init, input, signal);
  const m = /^\/votes\/([^/]+)(\/results|\/ballots)?\/?$/.exec(path);
  if (!m) return notFound(`No fixture route ${method} ${url.pathname}.`);
  const id = decodeURIComponent(m[1]!);
  const entry = registry.get(id);
  if (!entry) return notFound(`No content with id "${id}" (Storybook fixtures).`);
  const f = entry.fixture;
  const sub = m[2];
  if (method === 'GET' && !sub) return answer(f.definition, 200, signal, f.delayMs);
  if (method === 'GET' && sub === '/results') return answer(f.results ?? httpError(403, 'results_hidden', 'Results are shown after the vote closes.'), 200, signal, f.delayMs);
  if (method === 'POST' && sub === '/ballots') {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.get(IDEMPOTENCY_HEADER)) return json(400, httpError(400, 'bad_request', `The ${IDEMPOTENCY_HEADER} header is required.`).body);
    const parsed = BallotSubmission.safeParse(JSON.parse(typeof init?.body === 'string' ? init.body : 'null'));
    if (!parsed.success) return json(400, httpError(400, 'validation', 'The ballot is not valid.').body);
    const reply = typeof f.ballot === 'function' ? f.ballot(parsed.data) : (f.ballot ?? defaultReceipt(f, parsed.data));
    return answer(reply, 201, signal, f.delayMs);
  }
  return json(405, httpError(405, 'bad_request', `${method} ${url.pathname} is not part of the protocol.`).body);
}

function handlePetition(id: string, sub: string | undefined, method: string, init: RequestInit | undefined, input: RequestInfo | URL, signal?: AbortSignal | null): Promise<Response> | Response {
  const f = petitions.get(id)?.fixture;
  if (!f) return notFound(`No content with id "${id}" (Storybook fixtures).`);
  if (method === 'GET' && !sub) return answer(f.definition, 200, signal, f.delayMs);
  if (method === 'POST' && sub) {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.get(IDEMPOTENCY_HEADER)) return json(400, httpError(400, 'bad_request', `The ${IDEMPOTENCY_HEADER} header is required.`).body);
    const parsed = SignatureSubmission.safeParse(JSON.parse(typeof init?.body === 'string' ? init.body : 'null'));
    if (!parsed.success) return json(400, httpError(400, 'validation', 'The signature is not valid.').body);
    const reply = typeof f.signature === 'function' ? f.signature(parsed.data) : (f.signature ?? { id: 'fixture-signature-0001', receivedAt: '2026-05-04T10:00:00+02:00', duplicate: false, status: 'pending' });
    return answer(reply, 201, signal, f.delayMs);
  }
  return json(405, httpError(405, 'bad_request', `${method} is not part of the protocol.`).body);
}

function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

const intercept: typeof fetch = (input, init) => {
  const href = urlOf(input);
  if (!href.startsWith(`${FIXTURE_ENDPOINT}/`)) return realFetch!(input, init);
  return handle(new URL(href), init, input);
};

function install(): void {
  if (window.fetch === intercept) return;
  realFetch = window.fetch;
  window.fetch = intercept;
}

function uninstall(): void {
  if (registry.size || petitions.size || routes.size || window.fetch !== intercept) return;
  window.fetch = realFetch!;
  realFetch = undefined;
}

/* ------------------------------------------------------------------ the device (IndexedDB) */

let store: UseStore | undefined;
/** The widgets' own store; opened on first use only. */
const kv = () => (store ??= createStore('civic-widgets', 'kv'));
const scope = (id: string) => `vote|${FIXTURE_ENDPOINT}|${id}`;

/** Removes everything the widget or a story kept on the device for these fixture ids. */
async function forget(ids: string[]): Promise<void> {
  const keys = new Set(ids.flatMap((id) => [`token:${scope(id)}`, `voted:${scope(id)}`, `signed:petition|${FIXTURE_ENDPOINT}|${id}`]));
  for (const [key, value] of await entries<string, unknown>(kv())) {
    const entry = value as Partial<OutboxEntry> | undefined;
    const queuedHere = typeof key === 'string' && key.startsWith('outbox:') && entry?.endpoint === FIXTURE_ENDPOINT && ids.includes(entry.contentId ?? '');
    if (keys.has(key) || queuedHere) await del(key, kv());
  }
}

async function seed(id: string, device: NonNullable<VoteFixture['device']>): Promise<void> {
  await set(`token:${scope(id)}`, FIXTURE_DEVICE_TOKEN, kv());
  if (device.voted) await set(`voted:${scope(id)}`, device.voted, kv());
  if (device.queued) {
    const key = `storybook-fixture-${id}`.slice(0, 128);
    const entry: OutboxEntry = {
      key,
      kind: 'vote',
      contentId: id,
      endpoint: FIXTURE_ENDPOINT,
      path: `/votes/${encodeURIComponent(id)}/ballots`,
      body: { choices: device.queued.choices, deviceToken: FIXTURE_DEVICE_TOKEN } satisfies BallotSubmission,
      createdAt: Date.now(),
      attempts: 1,
      // Not due for an hour: the outbox leaves it alone while the story is open.
      nextAttemptAt: Date.now() + 3_600_000,
      lastError: { failure: 'offline' },
    };
    await set(`outbox:${key}`, entry, kv());
  }
}

/* ------------------------------------------------------------------ for stories */

/**
 * A story `beforeEach`: registers these fixtures (by vote id), seeds the device, and returns the
 * cleanup Storybook runs before the next story.
 *
 *     beforeEach: voteFixtures({ 'fixture-submitted': { definition, results } }),
 */
export function voteFixtures(fixtures: Record<string, VoteFixture>): () => Promise<() => Promise<void>> {
  const ids = Object.keys(fixtures);
  for (const id of ids) check(id, fixtures[id]!);
  return async () => {
    for (const id of ids) {
      const current = registry.get(id);
      registry.set(id, { fixture: fixtures[id]!, refs: (current?.refs ?? 0) + 1 });
    }
    install();
    const fresh = ids.filter((id) => registry.get(id)!.refs === 1);
    await forget(fresh);
    for (const id of fresh) {
      const device = fixtures[id]!.device;
      if (device) await seed(id, device);
    }
    return async () => {
      const released: string[] = [];
      for (const id of ids) {
        const current = registry.get(id);
        if (!current) continue;
        if (current.refs > 1) current.refs -= 1;
        else {
          registry.delete(id);
          released.push(id);
        }
      }
      await forget(released);
      uninstall();
    };
  };
}

async function seedPetition(id: string, device: NonNullable<PetitionFixture['device']>): Promise<void> {
  if (device.signed) await set(`signed:petition|${FIXTURE_ENDPOINT}|${id}`, device.signed, kv());
  if (device.queued) {
    const key = `storybook-fixture-${id}`.slice(0, 128);
    const entry: OutboxEntry = {
      key,
      kind: 'petition',
      contentId: id,
      endpoint: FIXTURE_ENDPOINT,
      path: `/petitions/${encodeURIComponent(id)}/signatures`,
      body: device.queued,
      createdAt: Date.now(),
      attempts: 1,
      nextAttemptAt: Date.now() + 3_600_000,
      lastError: { failure: 'offline' },
    };
    await set(`outbox:${key}`, entry, kv());
  }
}

/** Like `voteFixtures`, for `<civic-petition>` (registered by petition id). */
export function petitionFixtures(fixtures: Record<string, PetitionFixture>): () => Promise<() => Promise<void>> {
  const ids = Object.keys(fixtures);
  for (const id of ids) checkPetition(id, fixtures[id]!);
  return async () => {
    for (const id of ids) {
      const current = petitions.get(id);
      petitions.set(id, { fixture: fixtures[id]!, refs: (current?.refs ?? 0) + 1 });
    }
    install();
    const fresh = ids.filter((id) => petitions.get(id)!.refs === 1);
    await forget(fresh);
    for (const id of fresh) {
      const device = fixtures[id]!.device;
      if (device) await seedPetition(id, device);
    }
    return async () => {
      const released: string[] = [];
      for (const id of ids) {
        const current = petitions.get(id);
        if (!current) continue;
        if (current.refs > 1) current.refs -= 1;
        else {
          petitions.delete(id);
          released.push(id);
        }
      }
      await forget(released);
      uninstall();
    };
  };
}

/**
 * A story `beforeEach`: the copy of a definition a widget keeps on the device (`def:` key of
 * src/internal/definitions.ts), as after an earlier visit, so that a widget whose server cannot be
 * reached shows it with its "offline copy" note. The cleanup removes it.
 */
export function deviceCopy(kind: string, id: string, definition: unknown): () => Promise<() => Promise<void>> {
  const key = `def:${kind}|${FIXTURE_ENDPOINT}|${id}`;
  return async () => {
    await set(key, definition, kv());
    return async () => del(key, kv());
  };
}
