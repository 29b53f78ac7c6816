import { expect } from '@open-wc/testing';
import { ApiClient, ApiError, errorMessage, normalizeEndpoint } from '../src/api/client.js';
import { BallotReceipt, VoteDefinition, paths } from '../src/api/schemas.js';
import { backoffDelay, outbox } from '../src/internal/outbox.js';
import { loadPart } from '../src/internal/lazy.js';
import { deviceToken, randomToken, storage } from '../src/internal/storage.js';
import { directionOf, localizer, pickLocale, registerLocale } from '../src/i18n/localize.js';
import { en } from '../src/i18n/translations/en.js';
import { fr } from '../src/i18n/translations/fr.js';
import { backend, backendDown, backendUp, clearDeviceStorage, createVote, storedBallots } from './support/helpers.js';

describe('api client against the reference backend', () => {
  it('parses a definition with its schema', async () => {
    const client = new ApiClient((await backend()).url);
    const def = await client.get(paths.definition('vote', 'velo-rue-principale'), VoteDefinition);
    expect(def.id).to.equal('velo-rue-principale');
    expect(def.phase).to.equal('open');
    expect(def.options.length).to.be.greaterThan(1);
  });

  it('classifies an unknown id as not_found with the server message', async () => {
    const client = new ApiClient((await backend()).url);
    const error = await client.get(paths.definition('vote', 'nope'), VoteDefinition).catch((e) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect(error.failure).to.equal('not_found');
    expect(error.status).to.equal(404);
    expect(error.retryable).to.equal(false);
    expect(error.detail).to.contain('nope');
  });

  it('returns validation problems with field paths, and replays an idempotent POST', async () => {
    const client = new ApiClient((await backend()).url);
    const id = await createVote();
    const bad = await client.post(paths.submissions('vote', id), { choices: ['zzz'], deviceToken: randomToken() }, BallotReceipt, { idempotencyKey: randomToken() }).catch((e) => e);
    expect(bad.failure).to.equal('validation');
    expect(bad.fields[0].path).to.deep.equal(['choices']);
    expect(errorMessage(localizer('fr'), bad)).to.equal('Certaines réponses doivent être corrigées.');
    const key = randomToken();
    const body = { choices: ['oui'], deviceToken: randomToken() };
    const first = await client.post(paths.submissions('vote', id), body, BallotReceipt, { idempotencyKey: key });
    const again = await client.post(paths.submissions('vote', id), body, BallotReceipt, { idempotencyKey: key });
    expect(first.duplicate).to.equal(false);
    expect(again.duplicate).to.equal(true);
    expect(again.id).to.equal(first.id);
    expect(await storedBallots(id)).to.equal(1);
  });

  it('classifies a refused connection as offline (retryable)', async () => {
    const client = new ApiClient((await backend()).url);
    await backendDown();
    try {
      const error = await client.get(paths.definition('vote', 'velo-rue-principale'), VoteDefinition).catch((e) => e);
      expect(error.failure).to.equal('offline');
      expect(error.retryable).to.equal(true);
    } finally {
      await backendUp();
    }
  });

  it('gives up after its timeout, honouring the abort signal', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    const client = new ApiClient('https://example.org/api', { timeoutMs: 50, fetch: hanging });
    const error = await client.get('/x', VoteDefinition).catch((e) => e);
    expect(error.failure).to.equal('timeout');
    const controller = new AbortController();
    const pending = client.get('/x', VoteDefinition, { signal: controller.signal, timeoutMs: 5000 }).catch((e) => e);
    controller.abort();
    expect((await pending).name).to.equal('AbortError');
  });

  it('reads Retry-After on 429, and refuses answers that break the schema', async () => {
    const limited: typeof fetch = async () =>
      new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), { status: 429, headers: { 'Retry-After': '42', 'Content-Type': 'application/json' } });
    const error = await new ApiClient('https://example.org/api', { fetch: limited }).get('/x', VoteDefinition).catch((e) => e);
    expect(error.failure).to.equal('rate_limited');
    expect(error.retryAfter).to.equal(42);
    expect(errorMessage(localizer('en'), error)).to.equal('Too many attempts from this connection. Please try again in 42 seconds.');
    const garbage: typeof fetch = async () => new Response('{"id": 3}', { status: 200 });
    const bad = await new ApiClient('https://example.org/api', { fetch: garbage }).get('/x', VoteDefinition).catch((e) => e);
    expect(bad.failure).to.equal('bad_response');
    const html: typeof fetch = async () => new Response('<html>', { status: 502 });
    const proxy = await new ApiClient('https://example.org/api', { fetch: html }).get('/x', VoteDefinition).catch((e) => e);
    expect(proxy.failure).to.equal('server');
    expect(proxy.retryable).to.equal(true);
  });

  it('normalises endpoints and rejects nonsense', () => {
    expect(normalizeEndpoint('https://town.example/api/')).to.equal('https://town.example/api');
    expect(normalizeEndpoint('/api')).to.equal(`${location.origin}/api`);
    expect(() => normalizeEndpoint('ftp://x')).to.throw();
    expect(() => normalizeEndpoint('  ')).to.throw();
  });
});

describe('lazy parts', () => {
  it('reports a chunk that cannot be fetched as a deployment problem, with what to do', async () => {
    const error = await loadPart(() => import(/* @vite-ignore */ `${location.origin}/chunks/does-not-exist-${Date.now()}.js`)).catch((e) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect(error.failure).to.equal('missing_part');
    expect(error.detail).to.contain('chunks/ included');
    expect(errorMessage(localizer('fr'), error)).to.contain('sous-dossier chunks/ compris');
    expect(await loadPart(async () => 42)).to.equal(42);
  });
});

describe('outbox', () => {
  beforeEach(() => clearDeviceStorage());

  it('backs off 2 s, 4 s, 8 s… up to 5 minutes, and obeys Retry-After', () => {
    const noJitter = () => 1;
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, undefined, noJitter))).to.deep.equal([2000, 4000, 8000, 16000]);
    expect(backoffDelay(30, undefined, noJitter)).to.equal(300000);
    expect(backoffDelay(1, 7)).to.equal(7000);
    expect(backoffDelay(1, undefined, () => 0)).to.equal(1500);
  });

  it('keeps an entry that cannot be sent and delivers it once when the server is back', async () => {
    const { url } = await backend();
    const id = await createVote();
    const key = randomToken();
    const notices: string[] = [];
    const unsubscribe = outbox.subscribe((n) => notices.push(n.type));
    await backendDown();
    await outbox.add({ key, kind: 'vote', contentId: id, endpoint: url, path: paths.submissions('vote', id), body: { choices: ['oui'], deviceToken: randomToken() } });
    await outbox.flush(true);
    expect(notices).to.deep.equal(['retrying']);
    const [waiting] = await outbox.pending({ kind: 'vote', contentId: id, endpoint: url });
    expect(waiting.attempts).to.equal(2);
    expect(waiting.lastError?.failure).to.equal('offline');
    await backendUp();
    await Promise.all([outbox.flush(true), outbox.flush(true)]);
    expect(notices).to.deep.equal(['retrying', 'synced']);
    expect(await outbox.pending()).to.deep.equal([]);
    expect(await storedBallots(id)).to.equal(1);
    unsubscribe();
  });

  it('drops an entry the server refuses for good, and says so', async () => {
    const { url } = await backend();
    const id = await createVote({ opensAt: '2020-01-01T00:00:00Z', closesAt: '2020-01-02T00:00:00Z' });
    const seen: Array<{ type: string; failure?: string }> = [];
    const unsubscribe = outbox.subscribe((n) => seen.push({ type: n.type, failure: 'error' in n ? n.error.failure : undefined }));
    await outbox.add({ key: randomToken(), kind: 'vote', contentId: id, endpoint: url, path: paths.submissions('vote', id), body: { choices: ['oui'], deviceToken: randomToken() } });
    await outbox.flush(true);
    expect(seen).to.deep.equal([{ type: 'rejected', failure: 'closed' }]);
    expect(await outbox.pending()).to.deep.equal([]);
    unsubscribe();
  });
});

describe('device storage', () => {
  beforeEach(() => clearDeviceStorage());

  it('keeps one token per scope, different between scopes', async () => {
    const a = await deviceToken('vote|x|1');
    expect(await deviceToken('vote|x|1')).to.equal(a);
    expect(await deviceToken('vote|x|2')).not.to.equal(a);
    expect(a).to.match(/^[A-Za-z0-9_-]{16,128}$/);
  });

  it('lists by prefix and deletes', async () => {
    await storage.set('p:a', 1);
    await storage.set('p:b', 2);
    await storage.set('q:c', 3);
    expect((await storage.list('p:')).map(([k]) => k).sort()).to.deep.equal(['p:a', 'p:b']);
    await storage.del('p:a');
    expect(await storage.get('p:a')).to.equal(undefined);
  });
});

describe('i18n', () => {
  it('French and English have the same keys', () => {
    expect(Object.keys(fr).sort()).to.deep.equal(Object.keys(en).sort());
  });

  it('uses each language’s plural rules and typography', () => {
    const f = localizer('fr');
    const e = localizer('en');
    expect([0, 1, 2].map((n) => f.t('vote.ballots', n))).to.deep.equal(['Aucun vote pour l’instant', '1\u00a0vote', '2\u00a0votes']);
    expect([0, 1, 2].map((n) => e.t('vote.ballots', n))).to.deep.equal(['No votes yet', '1 vote', '2 votes']);
    expect(f.t('field.too_many', 1)).to.equal('Choisissez au plus 1\u00a0réponse.');
    expect(f.t('fieldError', 'Commune', 'Réponse obligatoire.')).to.equal('Commune\u00a0: Réponse obligatoire.');
    expect(e.t('fieldError', 'Town', 'This answer is required.')).to.equal('Town: This answer is required.');
    expect(f.number(12345)).to.equal('12\u202f345');
    expect(f.percent(0.5)).to.equal('50\u00a0%');
    expect(e.percent(0.004)).to.equal('0.4%');
  });

  it('picks the organiser’s text in the resident’s language, with fallbacks', () => {
    const text = { fr: 'Bonjour', nl: 'Hallo', en: 'Hello' };
    expect(localizer('nl-BE').text(text)).to.equal('Hallo');
    expect(localizer('de').text(text)).to.equal('Bonjour');
    expect(localizer('en').text({ de: 'Hallo' })).to.equal('Hallo');
    expect(localizer('fr').text('Plain')).to.equal('Plain');
    expect(pickLocale(['fr', 'en'], 'pt-BR', ['en'])).to.equal('en');
  });

  it('falls back for an unknown interface language, and takes new locales in one call', () => {
    expect(localizer('pt').lang).to.equal('en');
    registerLocale('x-test', { ...en, retry: 'Again!' });
    expect(localizer('x-test').t('retry')).to.equal('Again!');
    expect(directionOf('ar-MA')).to.equal('rtl');
    expect(directionOf('fr')).to.equal('ltr');
  });
});
