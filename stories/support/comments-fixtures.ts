/**
 * STORYBOOK FIXTURES ONLY. Discussion threads held still for the stories: `/threads/…` routes on the
 * fixture backend (pages with keyset-like cursors, inline replies, deep links, posting, supports,
 * reports, edits, counts), threads of any size generated on demand (10,000 comments), and what a
 * device may keep (its token, name, draft, comments waiting in the outbox). Every answer is checked
 * against the protocol schemas. Dates are fixed so that screenshots do not drift.
 */
import { createStore, del, entries, set } from 'idb-keyval';
import {
  Comment as CommentSchema,
  CommentContext,
  CommentPage,
  CommentSubmission,
  IDEMPOTENCY_HEADER,
  ThreadDefinition,
  type Comment,
  type CommentSort,
  type Stance,
} from '../../src/api/schemas.js';
import type { OutboxEntry } from '../../src/internal/outbox.js';
import { FIXTURE_DEVICE_TOKEN, FIXTURE_ENDPOINT, fixtureAnswer, httpError, useFixtureRoute, type Reply } from './fixture-backend.js';

const SERVER_TIME = '2026-05-04T10:00:00+02:00';
const NOW = Date.parse(SERVER_TIME);

/** A comment of a fixture thread: what the server stores, flat. */
export interface FixtureComment {
  id: string;
  parentId: string | null;
  author: string;
  body: string;
  /** Minutes before the server time. */
  ago: number;
  official?: boolean;
  supports?: number;
  stance?: Stance;
  status?: Comment['status'];
  edited?: boolean;
  /** Written by the story's device (FIXTURE_DEVICE_TOKEN): "you", edit window open. */
  mine?: boolean;
  supported?: boolean;
}

export interface ThreadFixture {
  definition: Reply<ThreadDefinition>;
  /** The thread's comments, or how many to generate (20 % replies). */
  comments?: FixtureComment[] | number;
  /** `GET …/comments` (first page and the next ones): a reply instead of the page. */
  pages?: Reply<never>;
  /** `POST …/comments`: `accepted` (default), `pending` (moderation), or a fixture reply (NEVER, NETWORK_ERROR, an error). */
  post?: 'accepted' | 'pending' | Reply<never>;
  /** Each read of the newest page adds a comment (live updates without an event stream). */
  growing?: boolean;
  delayMs?: number;
  device?: {
    /** The device has acted in this thread (its token is kept): its own comments show as "you". */
    token?: boolean;
    author?: string;
    draft?: string;
    /** Comments waiting in the outbox (no connection when they were written). */
    queued?: Array<Pick<CommentSubmission, 'author' | 'body'> & { parentId?: string | null }>;
  };
}

const t = (fr: string, en: string) => ({ fr, en });

/** A thread definition as the server serves it. */
export function thread(id: string, extra: Partial<ThreadDefinition> = {}): ThreadDefinition {
  const def: ThreadDefinition = {
    id,
    title: t('Réaménager la place du Marché : qu’en pensez-vous ?', 'Redesigning Market Square: what do you think?'),
    moderation: 'none',
    maxDepth: 2,
    stances: false,
    maxLength: 2000,
    editWindowSeconds: 900,
    flagThreshold: 3,
    phase: 'open',
    serverTime: SERVER_TIME,
    count: 0,
    ...extra,
  };
  const parsed = ThreadDefinition.safeParse(def);
  if (!parsed.success) throw new Error(`Storybook thread fixture "${id}" does not match the protocol: ${parsed.error.message}`);
  return def;
}

/** The demo conversation: paragraphs, a link, replies, an official answer, supports, stances. */
export const CONVERSATION: FixtureComment[] = [
  { id: 'c1', parentId: null, author: 'Camille', ago: 2900, stance: 'for', supports: 12, body: 'Je suis favorable au projet, à condition de garder des places de livraison pour les commerçants.\n\nLe marché du jeudi doit rester possible.' },
  { id: 'c1r1', parentId: 'c1', author: 'Nadia', ago: 2800, supports: 3, body: 'Bonne idée. Le plan est en ligne : https://saint-aubin.example/place-du-marche/plan.pdf (page 3).' },
  { id: 'c1r2', parentId: 'c1', author: 'Mairie de Saint-Aubin', official: true, ago: 2000, supports: 9, body: 'Merci : quatre places de livraison sont prévues rue de l’Église, utilisables le jeudi matin.' },
  { id: 'c2', parentId: null, author: 'Jean D.', ago: 1500, stance: 'against', supports: 4, body: 'Avez-vous pensé aux personnes à mobilité réduite ?\nIl faut des places réservées près de la pharmacie.' },
  { id: 'c2r1', parentId: 'c2', author: 'Inès B.', ago: 1400, body: 'D’accord avec Jean.' },
  { id: 'c2r2', parentId: 'c2', author: 'Paul-Henri', ago: 1300, body: 'Il y en a deux dans le projet, côté pharmacie.' },
  { id: 'c2r3', parentId: 'c2', author: 'Jean D.', ago: 1200, edited: true, body: 'Merci, je n’avais pas vu.' },
  { id: 'c2r4', parentId: 'c2', author: 'Lucas', ago: 1100, body: 'Et pour les vélos ?' },
  { id: 'c2r5', parentId: 'c2', author: 'Maëlle', ago: 1000, body: 'Des arceaux sont prévus devant la médiathèque.' },
  { id: 'c3', parentId: null, author: 'Paul-Henri', ago: 600, stance: 'neutral', supports: 1, body: 'Pourquoi ne pas tester pendant l’été avant de décider ?' },
  { id: 'c4', parentId: null, author: 'Inès B.', ago: 90, stance: 'for', supports: 0, body: 'La place mérite mieux que des voitures garées. Des arbres, des bancs, une fontaine !' },
];

const AUTHORS = ['Camille', 'Jean D.', 'Nadia', 'Paul-Henri', 'Inès B.', 'Lucas', 'Maëlle', 'Youssef', 'Claire M.', 'Thomas'];
const SENTENCES = [
  'Je suis favorable au projet, à condition de garder des places de livraison.',
  'Avez-vous pensé aux personnes à mobilité réduite ?',
  'La place du marché mérite mieux que des voitures garées.',
  'Il faudrait un éclairage plus doux le soir.',
  'Bonne idée, mais quel sera le coût pour la commune ?',
  'Les commerçants ont-ils été consultés ?',
];

/** `n` comments over 30 days, 20 % of them replies to one of the three latest top-level ones. */
export function generate(n: number): FixtureComment[] {
  const out: FixtureComment[] = [];
  const tops: string[] = [];
  for (let k = 0; k < n; k++) {
    const reply = tops.length > 0 && ((k * 7919) % 1000) / 1000 < 0.2;
    const id = `g${k + 1}`;
    const parentId = reply ? tops[tops.length - 1 - ((k * 104729) % Math.min(3, tops.length))]! : null;
    if (!reply) tops.push(id);
    out.push({ id, parentId, author: AUTHORS[k % AUTHORS.length]!, body: `${SENTENCES[k % SENTENCES.length]} (${k + 1})`, ago: Math.round(((n - k) / n) * 30 * 24 * 60), supports: (k * 31) % 13 });
  }
  return out;
}

/* ------------------------------------------------------------------ the routes */

interface Live {
  fixture: ThreadFixture;
  all: FixtureComment[];
  byId: Map<string, FixtureComment>;
  kids: Map<string | null, FixtureComment[]>;
  added: number;
}

const threads = new Map<string, Live>();
const kv = () => createStore('civic-widgets', 'kv');
const scope = (id: string) => `comments|${FIXTURE_ENDPOINT}|${id}`;

function index(live: Live): void {
  live.byId = new Map(live.all.map((c) => [c.id, c]));
  live.kids = new Map();
  for (const c of live.all) live.kids.set(c.parentId, [...(live.kids.get(c.parentId) ?? []), c]);
}

const iso = (ago: number) => new Date(NOW - ago * 60_000).toISOString();
const depthOf = (live: Live, c: FixtureComment): number => (c.parentId ? depthOf(live, live.byId.get(c.parentId)!) + 1 : 1);
const visible = (c: FixtureComment, device: boolean) => c.status !== 'pending' || (device && c.mine);

function present(live: Live, c: FixtureComment, device: boolean, inline: boolean): Comment {
  const replies = (live.kids.get(c.id) ?? []).filter((r) => visible(r, device)).sort((a, b) => b.ago - a.ago);
  const out: Comment = {
    id: c.id,
    parentId: c.parentId,
    depth: depthOf(live, c),
    author: c.status === 'deleted' || c.status === 'removed' ? '' : c.author,
    body: c.status === 'deleted' || c.status === 'removed' ? '' : c.body,
    createdAt: iso(c.ago),
    editedAt: c.edited ? iso(Math.max(0, c.ago - 5)) : null,
    official: !!c.official,
    supports: c.supports ?? 0,
    stance: c.stance ?? null,
    replyCount: replies.length,
    status: c.status ?? 'accepted',
  };
  if (inline) {
    out.replies = replies.slice(0, 3).map((r) => present(live, r, device, true));
    out.repliesCursor = replies.length > 3 ? '3' : null;
  }
  if (device) {
    out.mine = !!c.mine;
    out.supported = !!c.supported;
    out.flagged = false;
    // Server clock: the widget counts down from the definition's serverTime.
    out.editableUntil = c.mine ? new Date(NOW - c.ago * 60_000 + 15 * 60_000).toISOString() : null;
  }
  return out;
}

function order(list: FixtureComment[], sort: CommentSort): FixtureComment[] {
  const s = [...list];
  if (sort === 'oldest') return s.sort((a, b) => b.ago - a.ago);
  if (sort === 'supported') return s.sort((a, b) => (b.supports ?? 0) - (a.supports ?? 0) || a.ago - b.ago);
  return s.sort((a, b) => a.ago - b.ago);
}

function page(live: Live, list: FixtureComment[], url: URL, device: boolean, sort: CommentSort): CommentPage {
  const offset = Number(url.searchParams.get('cursor') ?? 0) || 0;
  const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
  const shown = order(list.filter((c) => visible(c, device)), sort);
  const out: CommentPage = {
    comments: shown.slice(offset, offset + limit).map((c) => present(live, c, device, true)),
    nextCursor: offset + limit < shown.length ? String(offset + limit) : null,
    total: shown.length,
  };
  return CommentPage.parse(out);
}

function definitionOf(live: Live): Reply<ThreadDefinition> {
  const d = live.fixture.definition;
  if ('fixture' in d) return d;
  const shown = live.all.filter((c) => (c.status ?? 'accepted') === 'accepted');
  const top = shown.filter((c) => !c.parentId);
  return { ...d, count: shown.length, ...(d.stances ? { stanceCounts: { for: top.filter((c) => c.stance === 'for').length, against: top.filter((c) => c.stance === 'against').length, neutral: top.filter((c) => c.stance === 'neutral').length } } : {}) };
}

function route(rest: string, method: string, init: RequestInit | undefined, signal?: AbortSignal | null, url?: URL): Promise<Response> {
  const u = url ?? new URL('https://x/');
  if (rest === 'counts' && method === 'GET') {
    const ids = (u.searchParams.get('ids') ?? '').split(',').filter(Boolean);
    return fixtureAnswer({ counts: Object.fromEntries(ids.map((i) => [i, threads.get(i) ? (definitionOf(threads.get(i)!) as ThreadDefinition).count ?? 0 : 0])) }, 200, signal);
  }
  const m = /^([^/]+)(?:\/comments(?:\/([^/]+)(\/replies|\/support|\/flags)?)?|\/(events))?\/?$/.exec(rest);
  const live = m ? threads.get(decodeURIComponent(m[1]!)) : undefined;
  if (!m || !live) return fixtureAnswer(httpError(404, 'not_found', `No thread "${rest}" (Storybook fixtures).`), 404, signal);
  const f = live.fixture;
  const cid = m[2] ? decodeURIComponent(m[2]) : undefined;
  const sub = m[3];
  const device = u.searchParams.get('device') === FIXTURE_DEVICE_TOKEN;
  const body = () => JSON.parse(String(init?.body ?? 'null')) as Record<string, unknown>;
  const delay = f.delayMs;
  if (m[4]) return fixtureAnswer(httpError(404, 'not_found', 'No event stream in the Storybook fixtures: the widget polls.'), 404, signal);
  if (method === 'GET' && !rest.includes('/comments')) return fixtureAnswer(definitionOf(live), 200, signal, delay);
  if (method === 'GET' && !cid) {
    if (f.pages) return fixtureAnswer(f.pages, 200, signal, delay);
    const sort = (u.searchParams.get('sort') ?? 'newest') as CommentSort;
    if (f.growing && sort === 'newest' && !u.searchParams.get('cursor')) {
      live.added += 1;
      live.all.push({ id: `live${live.added}`, parentId: null, author: AUTHORS[live.added % AUTHORS.length]!, body: `Un nouvel avis, arrivé pendant que vous lisiez (${live.added}).`, ago: -live.added });
      index(live);
    }
    return fixtureAnswer(page(live, live.kids.get(null) ?? [], u, device, sort), 200, signal, delay);
  }
  const c = cid ? live.byId.get(cid) : undefined;
  if (!c) return fixtureAnswer(httpError(404, 'not_found', `No visible comment "${cid}".`), 404, signal, delay);
  if (method === 'GET' && sub === '/replies') return fixtureAnswer(page(live, live.kids.get(c.id) ?? [], u, device, 'oldest'), 200, signal, delay);
  if (method === 'GET' && !sub) {
    const ancestors: Comment[] = [];
    for (let p = c.parentId ? live.byId.get(c.parentId) : undefined; p; p = p.parentId ? live.byId.get(p.parentId) : undefined) ancestors.unshift(present(live, p, device, false));
    return fixtureAnswer(CommentContext.parse({ comment: present(live, c, device, true), ancestors }), 200, signal, delay);
  }
  if (sub === '/support') {
    const on = method === 'POST';
    if (!!c.supported !== on) c.supports = (c.supports ?? 0) + (on ? 1 : -1);
    c.supported = on;
    return fixtureAnswer({ supports: c.supports ?? 0, supported: on }, 200, signal, delay);
  }
  if (sub === '/flags') return fixtureAnswer({ flagged: true }, 200, signal, delay);
  if (method === 'PATCH') {
    c.body = String(body().body ?? c.body);
    c.edited = true;
    return fixtureAnswer(CommentSchema.parse(present(live, c, true, false)), 200, signal, delay);
  }
  if (method === 'DELETE') {
    live.all = live.all.filter((x) => x.id !== c.id);
    index(live);
    return Promise.resolve(new Response(null, { status: 204 }));
  }
  return fixtureAnswer(httpError(405, 'bad_request', `${method} is not part of the protocol.`), 405, signal);
}

function post(live: Live, init: RequestInit | undefined, signal?: AbortSignal | null): Promise<Response> {
  const f = live.fixture;
  if (!new Headers(init?.headers).get(IDEMPOTENCY_HEADER)) return fixtureAnswer(httpError(400, 'bad_request', 'Idempotency-Key missing.'), 400, signal);
  const parsed = CommentSubmission.safeParse(JSON.parse(String(init?.body ?? 'null')));
  if (!parsed.success) return fixtureAnswer(httpError(400, 'validation', 'Not a comment.'), 400, signal);
  if (f.post && f.post !== 'accepted' && f.post !== 'pending') return fixtureAnswer(f.post, 201, signal, f.delayMs);
  const p = parsed.data;
  const c: FixtureComment = { id: `posted${live.all.length + 1}`, parentId: p.parentId ?? null, author: p.author, body: p.body, ago: 0, stance: p.stance, mine: true, status: f.post === 'pending' ? 'pending' : 'accepted' };
  live.all.push(c);
  index(live);
  const comment = present(live, c, true, false);
  return fixtureAnswer({ id: c.id, receivedAt: new Date().toISOString(), duplicate: false, status: c.status === 'pending' ? 'pending' : 'accepted', comment }, 201, signal, f.delayMs);
}

async function forget(ids: string[]): Promise<void> {
  for (const [key, value] of await entries<string, unknown>(kv())) {
    const k = String(key);
    const entry = value as Partial<OutboxEntry> | undefined;
    const queued = k.startsWith('outbox:') && entry?.endpoint === FIXTURE_ENDPOINT && entry.kind === 'comments' && ids.includes(entry.contentId ?? '');
    if (queued || ids.some((id) => k.includes(scope(id)))) await del(key, kv());
  }
  await del(`comments-author|${FIXTURE_ENDPOINT}`, kv());
}

/** A story `beforeEach`: serves these threads (by id), seeds the device, returns the cleanup. */
export function commentsFixtures(list: Record<string, ThreadFixture>): () => Promise<() => Promise<void>> {
  return async () => {
    const ids = Object.keys(list);
    for (const id of ids) {
      const fixture = list[id]!;
      const all = typeof fixture.comments === 'number' ? generate(fixture.comments) : (fixture.comments ?? []).map((c) => ({ ...c }));
      const live: Live = { fixture, all, byId: new Map(), kids: new Map(), added: 0 };
      index(live);
      threads.set(id, live);
    }
    const release = useFixtureRoute('/threads/', (rest, method, init, signal, url) => {
      const m = /^([^/]+)\/comments\/?$/.exec(rest);
      const live = m ? threads.get(decodeURIComponent(m[1]!)) : undefined;
      if (method === 'POST' && live) return post(live, init, signal);
      return route(rest, method, init, signal, url);
    });
    await forget(ids);
    for (const id of ids) {
      const d = list[id]!.device;
      if (!d) continue;
      if (d.token) await set(`token:${scope(id)}`, FIXTURE_DEVICE_TOKEN, kv());
      if (d.author) await set(`comments-author|${FIXTURE_ENDPOINT}`, d.author, kv());
      if (d.draft) await set(`draft:${scope(id)}|`, { author: d.author, body: d.draft, savedAt: SERVER_TIME }, kv());
      for (const [i, q] of (d.queued ?? []).entries()) {
        const key = `storybook-fixture-${id}-${i}`.slice(0, 128);
        const entry: OutboxEntry = {
          key,
          kind: 'comments',
          contentId: id,
          endpoint: FIXTURE_ENDPOINT,
          path: `/threads/${encodeURIComponent(id)}/comments`,
          body: { ...q, parentId: q.parentId ?? null, deviceToken: FIXTURE_DEVICE_TOKEN, website: '', fillMs: 30_000, lang: 'fr' } satisfies CommentSubmission,
          createdAt: Date.now(),
          attempts: 1,
          // Not due for an hour: the outbox leaves it alone while the story is open.
          nextAttemptAt: Date.now() + 3_600_000,
          lastError: { failure: 'offline' },
        };
        await set(`outbox:${key}`, entry, kv());
      }
    }
    return async () => {
      for (const id of ids) threads.delete(id);
      await forget(ids);
      release();
    };
  };
}
