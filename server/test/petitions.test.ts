import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { get as httpGet, type IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { PetitionDefinition, type PetitionDefinitionInput } from '../../src/api/schemas.js';
import type { Db } from '../db.js';
import { smtpMailer, memoryMailer, type Mailer } from '../mail.js';
import { runRetention, zeroBits, POW_TTL_MS, type PetitionOptions } from '../petitions.js';
import { createHash } from 'node:crypto';
import { auth, future, key, openTestDb, putContent, resetDb, testApp } from './helpers.js';

/* ---------------------------------------------------------------- a real SMTP server on 127.0.0.1 */

interface Received {
  to: string;
  raw: string;
  text: string;
}
let smtp: SMTPServer;
let smtpPort = 0;
const inbox: Received[] = [];

/** Quoted-printable and headers out: the body as the resident reads it. */
function bodyOf(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  if (!/Content-Transfer-Encoding: quoted-printable/i.test(raw)) return body;
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function linkIn(mail: Received, kind: 'confirm' | 'withdraw'): string {
  const m = new RegExp(`https?://\\S+/${kind}\\?token=[A-Za-z0-9_-]+&lang=[a-z]+`).exec(mail.text);
  assert.ok(m, `no ${kind} link in:\n${mail.text}`);
  return new URL(m[0]).pathname + new URL(m[0]).search;
}

async function mailTo(to: string, n = 1): Promise<Received> {
  const start = Date.now();
  while (inbox.filter((m) => m.to === to).length < n) {
    if (Date.now() - start > 5000) throw new Error(`no mail #${n} to ${to}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return inbox.filter((m) => m.to === to)[n - 1]!;
}

/* ---------------------------------------------------------------- app and helpers */

let db: Db;
let app: FastifyInstance;
let clock = Date.now();
let mailer: Mailer;

async function makeApp(extra: PetitionOptions = {}, allowedOrigins?: string[]): Promise<FastifyInstance> {
  return testApp(db, {
    ...(allowedOrigins ? { allowedOrigins } : {}),
    petitions: { mailer, publicUrl: 'https://mairie.example', now: () => new Date(clock), limits: { ipBurst: 1000, ipHour: 1000, domainBurst: 1000, domainHour: 1000 }, ...extra },
  });
}

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        for (const r of session.envelope.rcptTo) inbox.push({ to: r.address, raw, text: bodyOf(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  mailer = smtpMailer(`smtp://127.0.0.1:${smtpPort}`, 'Mairie <petitions@mairie.example>');
  db = await openTestDb();
  app = await makeApp();
});
after(async () => {
  await app.close();
  await db.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});
beforeEach(async () => {
  await resetDb(db);
  await db.query('TRUNCATE petition_signatures, dev_mails');
  inbox.length = 0;
  clock = Date.now();
});

function petition(id: string, extra: Partial<PetitionDefinitionInput> = {}): PetitionDefinitionInput {
  return {
    id,
    title: { fr: 'Pour la réouverture du bureau de poste', en: 'Reopen the post office' },
    summary: { fr: 'Le bureau de poste doit rouvrir.', en: 'The post office must reopen.' },
    profile: 'standard',
    goal: 500,
    ...extra,
  };
}

const marie = { email: 'Marie.Dupont@Example.fr', firstName: 'Marie', lastName: 'Dupont', postcode: '37000', town: 'Tours', fillMs: 12000, lang: 'fr' };

function sign(a: FastifyInstance, id: string, payload: Record<string, unknown>, opts: { idem?: string; ip?: string } = {}) {
  return a.inject({
    method: 'POST',
    url: `/api/petitions/${id}/signatures`,
    headers: { 'idempotency-key': opts.idem ?? key() },
    payload,
    ...(opts.ip ? { remoteAddress: opts.ip } : {}),
  });
}

async function countOf(a: FastifyInstance, id: string) {
  const res = await a.inject(`/api/petitions/${id}`);
  assert.equal(res.statusCode, 200, res.body);
  return PetitionDefinition.parse(res.json()).count;
}

async function statuses(id: string): Promise<string[]> {
  const { rows } = await db.query<{ status: string }>(`SELECT status FROM submissions WHERE kind = 'petition' AND content_id = $1 ORDER BY status`, [id]);
  return rows.map((r) => r.status);
}

/* ---------------------------------------------------------------- tests */

describe('double opt-in through a real SMTP server', () => {
  it('standard profile: pending, mail, confirmation link counts it once; the page links back', async () => {
    await putContent(app, 'petitions', petition('poste'));
    const res = await sign(app, 'poste', { ...marie, returnUrl: 'https://mairie.example/petition?x=1' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().status, 'pending');
    assert.deepEqual(await countOf(app, 'poste'), { online: 0, paper: 0, total: 0 });

    const mail = await mailTo('marie.dupont@example.fr');
    assert.match(mail.raw, /Subject: .*Confirmez/);
    assert.match(mail.text, /Pour la réouverture du bureau de poste/);
    const confirm = linkIn(mail, 'confirm');
    assert.match(confirm, /^\/api\/petitions\/poste\/confirm\?token=/);

    const page = await app.inject(confirm);
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.match(page.body, /Merci, votre signature est comptée\./);
    assert.match(page.body, /href="https:\/\/mairie\.example\/petition\?x=1&amp;civic-confirmed=poste"/);
    assert.deepEqual(await countOf(app, 'poste'), { online: 1, paper: 0, total: 1 });

    const again = await app.inject(confirm);
    assert.match(again.body, /déjà comptée/);
    assert.deepEqual(await countOf(app, 'poste'), { online: 1, paper: 0, total: 1 });

    const bad = await app.inject('/api/petitions/poste/confirm?token=AAAAAAAAAAAAAAAAAAAAAAAA&lang=en');
    assert.equal(bad.statusCode, 404);
    assert.match(bad.body, /This link is not valid/);
  });

  it('the same normalised e-mail signs once; signing again answers the same and mails "already counted"', async () => {
    await putContent(app, 'petitions', petition('poste'));
    await sign(app, 'poste', marie);
    await app.inject(linkIn(await mailTo('marie.dupont@example.fr'), 'confirm'));
    const second = await sign(app, 'poste', { ...marie, email: 'marie.dupont@EXAMPLE.fr' });
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.json().status, 'pending');
    assert.deepEqual(await statuses('poste'), ['accepted']);
    // mailed moments ago: no second mail yet (no mailbox flooding)
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(inbox.length, 1);
    clock += 3 * 60_000;
    await sign(app, 'poste', marie);
    const note = await mailTo('marie.dupont@example.fr', 2);
    assert.match(note.raw, /Subject: .*d=C3=A9j=C3=A0|déjà/);
    assert.match(note.text, /déjà comptée/);
    assert.deepEqual(await countOf(app, 'poste'), { online: 1, paper: 0, total: 1 });
    // gmail-style dots are another address: documented, not merged
    await sign(app, 'poste', { ...marie, email: 'marie.du.pont@example.fr' });
    assert.deepEqual(await statuses('poste'), ['accepted', 'pending']);
  });

  it('an unconfirmed signature signed again gets a new link; the old one stops working', async () => {
    await putContent(app, 'petitions', petition('poste'));
    await sign(app, 'poste', marie);
    const first = linkIn(await mailTo('marie.dupont@example.fr'), 'confirm');
    clock += 3 * 60_000;
    await sign(app, 'poste', { ...marie, town: 'Tours Nord' });
    const second = linkIn(await mailTo('marie.dupont@example.fr', 2), 'confirm');
    assert.equal((await app.inject(first)).statusCode, 404);
    assert.equal((await app.inject(second)).statusCode, 200);
    const { rows } = await db.query<{ payload: { town: string } }>(`SELECT payload FROM submissions WHERE content_id = 'poste'`);
    assert.equal(rows[0]!.payload.town, 'Tours Nord');
  });

  it('withdrawal: GET asks, POST withdraws while open; the count drops; signing again works', async () => {
    await putContent(app, 'petitions', petition('poste'));
    await sign(app, 'poste', { ...marie, lang: 'en' });
    const mail = await mailTo('marie.dupont@example.fr');
    assert.match(mail.text, /To have your signature/);
    await app.inject(linkIn(mail, 'confirm'));
    const withdraw = linkIn(mail, 'withdraw');
    const ask = await app.inject(withdraw);
    assert.equal(ask.statusCode, 200);
    assert.match(ask.body, /<form method="post"/);
    assert.deepEqual(await countOf(app, 'poste'), { online: 1, paper: 0, total: 1 });
    const token = new URL(withdraw, 'http://x').searchParams.get('token')!;
    const done = await app.inject({ method: 'POST', url: '/api/petitions/poste/withdraw?lang=en', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${token}` });
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /withdrawn/);
    assert.deepEqual(await countOf(app, 'poste'), { online: 0, paper: 0, total: 0 });
    assert.equal((await app.inject(withdraw)).statusCode, 404);
    await sign(app, 'poste', marie);
    await app.inject(linkIn(await mailTo('marie.dupont@example.fr', 2), 'confirm'));
    assert.deepEqual(await countOf(app, 'poste'), { online: 1, paper: 0, total: 1 });
  });

  it('no confirmation nor withdrawal once closed; no signature before opening or after closing', async () => {
    await putContent(app, 'petitions', petition('poste', { closesAt: future() }));
    await sign(app, 'poste', marie);
    const mail = await mailTo('marie.dupont@example.fr');
    clock += 2 * 3600_000;
    assert.equal((await app.inject(linkIn(mail, 'confirm'))).statusCode, 409);
    assert.equal((await app.inject(linkIn(mail, 'withdraw'))).statusCode, 409);
    const token = new URL(linkIn(mail, 'withdraw'), 'http://x').searchParams.get('token')!;
    const post = await app.inject({ method: 'POST', url: '/api/petitions/poste/withdraw', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${token}` });
    assert.equal(post.statusCode, 409);
    assert.equal((await sign(app, 'poste', { ...marie, email: 'b@example.fr' })).json().error.code, 'closed');
    await putContent(app, 'petitions', petition('later', { opensAt: future(10 * 3600_000) }));
    assert.equal((await sign(app, 'later', marie)).json().error.code, 'not_open');
  });

  it('replays: same key answers the same receipt; another body with it is a conflict', async () => {
    await putContent(app, 'petitions', petition('poste'));
    const idem = key();
    const a = await sign(app, 'poste', marie, { idem });
    const b = await sign(app, 'poste', marie, { idem });
    assert.equal(b.statusCode, 200);
    assert.equal(b.json().id, a.json().id);
    assert.equal(b.json().duplicate, true);
    assert.equal((await sign(app, 'poste', { ...marie, town: 'Blois' }, { idem })).statusCode, 409);
    assert.equal(inbox.length, 1);
  });
});

describe('public names: the latest signers', () => {
  async function signAndConfirm(id: string, payload: Record<string, unknown>, n = 1): Promise<Received> {
    const res = await sign(app, id, payload);
    assert.equal(res.statusCode, 201, res.body);
    const mail = await mailTo(normalize(String(payload.email)), n);
    assert.equal((await app.inject(linkIn(mail, 'confirm'))).statusCode, 200);
    clock += 1000;
    return mail;
  }
  const normalize = (e: string) => e.trim().toLowerCase();
  const signers = async (id: string, q = '') => {
    const res = await app.inject(`/api/petitions/${id}/signers${q}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { signers: Array<{ name: string; at: string }>; total: number };
  };

  it('only confirmed, not withdrawn, signers who chose initial or full, newest first, day only; never contact data', async () => {
    await putContent(app, 'petitions', petition('poste', { publicNames: true }));
    await signAndConfirm('poste', { ...marie, publicName: 'initial' });
    await signAndConfirm('poste', { ...marie, email: 'paul@example.fr', firstName: 'Paul', lastName: 'Martin', publicName: 'full' });
    await signAndConfirm('poste', { ...marie, email: 'jeanne@example.fr', firstName: 'Jeanne', lastName: 'Roux', publicName: 'none' });
    const gone = await signAndConfirm('poste', { ...marie, email: 'luc@example.fr', firstName: 'Luc', lastName: 'Blanc', publicName: 'full' });
    await sign(app, 'poste', { ...marie, email: 'anne@example.fr', firstName: 'Anne', lastName: 'Noir', publicName: 'full' }); // never confirmed
    const token = new URL(linkIn(gone, 'withdraw'), 'http://x').searchParams.get('token')!;
    const w = await app.inject({ method: 'POST', url: '/api/petitions/poste/withdraw', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${token}` });
    assert.equal(w.statusCode, 200, w.body);

    const list = await signers('poste');
    assert.deepEqual(list.signers.map((x) => x.name), ['Paul Martin', 'Marie D.']);
    assert.equal(list.total, 2);
    assert.ok(list.signers.every((x) => /^\d{4}-\d{2}-\d{2}$/.test(x.at)));
    const raw = JSON.stringify(list);
    for (const secret of ['example', '37000', 'Tours', 'Dupont', 'Jeanne', 'Luc', 'Anne']) assert.ok(!raw.includes(secret), secret);
    assert.deepEqual((await signers('poste', '?limit=1')).signers.map((x) => x.name), ['Paul Martin']);
    assert.equal((await signers('poste', '?limit=5000')).signers.length, 2);
    assert.equal((await app.inject('/api/petitions/nope/signers')).statusCode, 404);

    // Retention erased the data: nobody is listed any more.
    await putContent(app, 'petitions', petition('poste', { publicNames: true, closesAt: future(1000) }));
    await runRetention(db, 6, new Date(Date.now() + 7 * 31 * 24 * 3600_000));
    assert.deepEqual(await signers('poste'), { signers: [], total: 0 });
  });

  it('minimal profile: first word and initial of the last, a one-word pseudonym as typed; publicNames off: an empty list', async () => {
    await putContent(app, 'petitions', petition('mini', { profile: 'minimal', publicNames: true }));
    await signAndConfirm('mini', { email: 'a@example.fr', name: 'Jean-Pierre de la Fontaine', publicName: 'initial', fillMs: 12000 });
    await signAndConfirm('mini', { email: 'b@example.fr', name: 'Zorro', publicName: 'initial', fillMs: 12000 });
    await signAndConfirm('mini', { email: 'c@example.fr', name: 'Rosa  Parks', publicName: 'full', fillMs: 12000 });
    assert.deepEqual((await signers('mini')).signers.map((x) => x.name), ['Rosa Parks', 'Zorro', 'Jean-Pierre F.']);

    await putContent(app, 'petitions', petition('off'));
    await signAndConfirm('off', { ...marie, email: 'd@example.fr', publicName: 'full' });
    assert.deepEqual(await signers('off'), { signers: [], total: 0 });
    // The organiser turns public names off later: nothing shown.
    await putContent(app, 'petitions', petition('mini', { profile: 'minimal', publicNames: false }));
    assert.deepEqual(await signers('mini'), { signers: [], total: 0 });
  });
});

describe('profiles', () => {
  it('standard and formal ask their fields (translated codes); minimal needs only the e-mail at the server', async () => {
    await putContent(app, 'petitions', petition('std'));
    const res = await sign(app, 'std', { email: 'a@example.fr', postcode: '<script>', fillMs: 9000 });
    assert.equal(res.statusCode, 400);
    const fields = res.json().error.fields.map((f: { path: string[]; code: string }) => `${f.path[0]}:${f.code}`);
    assert.deepEqual(fields, ['firstName:required', 'lastName:required', 'town:required', 'postcode:invalid_format']);

    await putContent(app, 'petitions', petition('cgct', { profile: 'formal', publicNames: true }));
    const formal = { email: 'jean@example.fr', firstName: 'Jean', lastName: 'Martin', address: '3 rue des Lilas', postcode: '37000', town: 'Tours', fillMs: 30000 };
    const missing = await sign(app, 'cgct', { ...formal, elector: false });
    assert.deepEqual(missing.json().error.fields.map((f: { path: string[] }) => f.path[0]), ['elector', 'declaration']);
    const ok = await sign(app, 'cgct', { ...formal, elector: true, declaration: true, publicName: 'initial', name: 'ignored' });
    assert.equal(ok.statusCode, 201, ok.body);
    await app.inject(linkIn(await mailTo('jean@example.fr'), 'confirm'));
    const csv = await app.inject({ url: '/api/admin/petitions/cgct/export.csv', headers: auth });
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    const lines = csv.body.replace(/^\ufeff/, '').trim().split('\r\n');
    assert.equal(lines[0], 'origin,confirmedAt,elector,firstName,lastName,address,postcode,town,email,declaration,publicName');
    assert.match(lines[1]!, /^web,[^,]+,yes,Jean,Martin,3 rue des Lilas,37000,Tours,jean@example\.fr,yes,initial$/);
    assert.ok(!csv.body.includes('ignored'));

    await putContent(app, 'petitions', petition('min', { profile: 'minimal' }));
    assert.equal((await sign(app, 'min', { email: 'x@example.fr', name: '=cmd()', fillMs: 5000 })).statusCode, 201);
    await app.inject(linkIn(await mailTo('x@example.fr'), 'confirm'));
    const minCsv = (await app.inject({ url: '/api/admin/petitions/min/export.csv', headers: auth })).body;
    assert.match(minCsv, /^\ufefforigin,confirmedAt,name,email\r\n/);
    assert.match(minCsv, /,'=cmd\(\),x@example\.fr/); // no formula injection
  });
});

describe('fraud resistance', () => {
  it('honeypot and too-fast forms answer like the others, are never mailed nor counted, and are flagged', async () => {
    await putContent(app, 'petitions', petition('poste'));
    const bot = await sign(app, 'poste', { email: 'bot@example.fr', website: 'http://spam.example' });
    assert.equal(bot.statusCode, 201);
    assert.equal(bot.json().status, 'pending');
    const fast = await sign(app, 'poste', { ...marie, fillMs: 800 });
    assert.equal(fast.statusCode, 201);
    assert.equal(fast.json().status, 'pending');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(inbox.length, 0);
    assert.deepEqual(await statuses('poste'), ['rejected', 'rejected']);
    const { rows } = await db.query<{ flag: string; fill_ms: number | null }>('SELECT flag, fill_ms FROM petition_signatures ORDER BY flag');
    assert.deepEqual(rows, [{ flag: 'honeypot', fill_ms: null }, { flag: 'too_fast', fill_ms: 800 }]);
    // the real Marie is not blocked by the bot that used her address
    await sign(app, 'poste', marie);
    await app.inject(linkIn(await mailTo('marie.dupont@example.fr'), 'confirm'));
    assert.deepEqual(await countOf(app, 'poste'), { online: 1, paper: 0, total: 1 });
  });

  it('rate limits per hashed IP and per e-mail domain: 429 with Retry-After', async () => {
    const limited = await makeApp({ limits: { ipBurst: 3, ipHour: 5, domainBurst: 2, domainHour: 100 } });
    try {
      await putContent(limited, 'petitions', petition('poste'));
      for (let i = 0; i < 3; i++) assert.equal((await sign(limited, 'poste', { ...marie, email: `p${i}@d${i}.fr` }, { ip: '203.0.113.9' })).statusCode, 201);
      const res = await sign(limited, 'poste', { ...marie, email: 'p9@d9.fr' }, { ip: '203.0.113.9' });
      assert.equal(res.statusCode, 429);
      assert.equal(res.json().error.code, 'rate_limited');
      const retry = Number(res.headers['retry-after']);
      assert.ok(retry > 0 && retry <= 60, String(retry));
      // another network is not affected; after the burst window the sustained one still counts
      assert.equal((await sign(limited, 'poste', { ...marie, email: 'q@e.fr' }, { ip: '203.0.113.10' })).statusCode, 201);
      clock += 61_000;
      assert.equal((await sign(limited, 'poste', { ...marie, email: 'p4@d4.fr' }, { ip: '203.0.113.9' })).statusCode, 201);
      assert.equal((await sign(limited, 'poste', { ...marie, email: 'p5@d5.fr' }, { ip: '203.0.113.9' })).statusCode, 201);
      const hour = await sign(limited, 'poste', { ...marie, email: 'p6@d6.fr' }, { ip: '203.0.113.9' });
      assert.equal(hour.statusCode, 429);
      assert.ok(Number(hour.headers['retry-after']) > 60);
      // one domain, many networks
      assert.equal((await sign(limited, 'poste', { ...marie, email: 'a@spam.example' }, { ip: '198.51.100.1' })).statusCode, 201);
      assert.equal((await sign(limited, 'poste', { ...marie, email: 'b@spam.example' }, { ip: '198.51.100.2' })).statusCode, 201);
      const dom = await sign(limited, 'poste', { ...marie, email: 'c@spam.example' }, { ip: '198.51.100.3' });
      assert.equal(dom.statusCode, 429);
      assert.match(dom.json().error.message, /spam\.example/);
    } finally {
      await limited.close();
    }
  });

  it('admin: bursts by IP hash and domain per minute, bulk invalidation', async () => {
    await putContent(app, 'petitions', petition('poste'));
    const mem = memoryMailer();
    const a2 = await makeApp({ mailer: mem });
    try {
      for (let i = 0; i < 6; i++) await sign(a2, 'poste', { ...marie, email: `x${i}@burst.example` }, { ip: '192.0.2.7' });
      await sign(a2, 'poste', { ...marie, email: 'ok@example.fr' }, { ip: '192.0.2.8' });
      for (const m of mem.sent) await a2.inject(/\/api\/\S+\/confirm\?token=[\w-]+/.exec(m.text)![0]);
      assert.deepEqual(await countOf(a2, 'poste'), { online: 7, paper: 0, total: 7 });
      const byIp = (await a2.inject({ url: '/api/admin/petitions/poste/bursts?by=ip&min=5', headers: auth })).json();
      assert.equal(byIp.items.length, 1);
      assert.equal(byIp.items[0].signatures, 6);
      assert.equal(byIp.items[0].accepted, 6);
      assert.match(byIp.items[0].key, /^[0-9a-f]{64}$/);
      const byDomain = (await a2.inject({ url: '/api/admin/petitions/poste/bursts?by=domain&min=5', headers: auth })).json();
      assert.equal(byDomain.items[0].key, 'burst.example');
      const inv = await a2.inject({ method: 'POST', url: '/api/admin/petitions/poste/invalidate', headers: auth, payload: { by: 'ip', key: byIp.items[0].key } });
      assert.equal(inv.json().invalidated, 6);
      assert.deepEqual(inv.json().count, { online: 1, paper: 0, total: 1 });
      const { rows } = await db.query<{ id: string }>(`SELECT id FROM submissions WHERE status = 'accepted'`);
      const one = await a2.inject({ method: 'POST', url: '/api/admin/petitions/poste/invalidate', headers: auth, payload: { ids: [rows[0]!.id] } });
      assert.equal(one.json().invalidated, 1);
      const dom = await a2.inject({ method: 'POST', url: '/api/admin/petitions/poste/invalidate', headers: auth, payload: { by: 'domain', key: 'burst.example' } });
      assert.equal(dom.json().invalidated, 0);
      assert.equal((await a2.inject({ method: 'POST', url: '/api/admin/petitions/poste/invalidate', headers: auth, payload: {} })).statusCode, 400);
      assert.equal((await a2.inject({ url: '/api/admin/petitions/poste/bursts' })).statusCode, 401);
    } finally {
      await a2.close();
    }
  });
});

describe('live count by server-sent events', () => {
  it('GET /events streams the count on confirmation, paper and withdrawal, with heartbeats and CORS; close ends it', async () => {
    const live = await makeApp({ heartbeatMs: 60 }, ['https://mairie.example']);
    await live.listen({ port: 0, host: '127.0.0.1' });
    try {
      await putContent(live, 'petitions', petition('poste'));
      const port = (live.server.address() as AddressInfo).port;
      const res = await new Promise<IncomingMessage>((resolve, reject) =>
        httpGet({ host: '127.0.0.1', port, path: '/api/petitions/poste/events', headers: { origin: 'https://mairie.example', accept: 'text/event-stream' } }, resolve).on('error', reject),
      );
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/event-stream/);
      assert.equal(res.headers['access-control-allow-origin'], 'https://mairie.example');
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      const ended = new Promise<void>((resolve) => res.on('end', resolve));
      const counts = () => [...text.matchAll(/event: count\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1]!) as { total: number });
      const until = async (what: string, ok: () => boolean) => {
        const start = Date.now();
        while (!ok()) {
          if (Date.now() - start > 5000) throw new Error(`no ${what} in:\n${text}`);
          await new Promise((r) => setTimeout(r, 10));
        }
      };
      await until('first count', () => counts().length === 1);
      assert.deepEqual(counts()[0], { online: 0, paper: 0, total: 0 });

      await sign(live, 'poste', marie);
      const mail = await mailTo('marie.dupont@example.fr');
      await live.inject(linkIn(mail, 'confirm'));
      await until('count after confirmation', () => counts().length === 2);
      assert.deepEqual(counts()[1], { online: 1, paper: 0, total: 1 });

      await live.inject({ method: 'POST', url: '/api/admin/petitions/poste/paper', headers: { ...auth, 'idempotency-key': key() }, payload: { count: 3 } });
      await until('count after paper', () => counts().length === 3);
      assert.deepEqual(counts()[2], { online: 1, paper: 3, total: 4 });

      const token = new URL(linkIn(mail, 'withdraw'), 'http://x').searchParams.get('token')!;
      await live.inject({ method: 'POST', url: '/api/petitions/poste/withdraw', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${token}` });
      await until('count after withdrawal', () => counts().length === 4);
      assert.deepEqual(counts()[3], { online: 0, paper: 3, total: 3 });

      await until('heartbeat', () => text.includes(': heartbeat\n\n'));
      assert.equal((await live.inject('/api/petitions/nope/events')).statusCode, 404);
      await live.close();
      await ended;
    } finally {
      await live.close();
    }
  });
});

describe('proof of work (optional)', () => {
  function solve(challenge: string, difficulty: number): string {
    for (let n = 0; ; n++) {
      const nonce = n.toString(36);
      if (zeroBits(createHash('sha256').update(`${challenge}:${nonce}`).digest()) >= difficulty) return nonce;
    }
  }
  const challengeOf = async (id: string) => {
    const res = await app.inject(`/api/petitions/${id}/challenge`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { challenge: string; difficulty: number; expiresAt: string };
  };

  it('zeroBits counts leading zero bits', () => {
    assert.equal(zeroBits(Uint8Array.from([0, 0, 0x1f, 0xff])), 19);
    assert.equal(zeroBits(Uint8Array.from([0x80])), 0);
    assert.equal(zeroBits(Uint8Array.from([0, 0])), 16);
  });

  it('a petition with pow asks for a solved server challenge, once, before it expires', async () => {
    await putContent(app, 'petitions', petition('poste', { pow: { difficulty: 8 } }));
    await putContent(app, 'petitions', petition('libre'));
    assert.equal((await app.inject('/api/petitions/libre/challenge')).statusCode, 404);

    const missing = await sign(app, 'poste', marie);
    assert.equal(missing.statusCode, 400, missing.body);
    assert.deepEqual(missing.json().error.fields.map((f: { path: string[]; code: string }) => [f.path[0], f.code]), [['pow', 'required']]);

    const c = await challengeOf('poste');
    assert.equal(c.difficulty, 8);
    assert.equal(Date.parse(c.expiresAt) - clock, POW_TTL_MS);
    const nonce = solve(c.challenge, 8);
    let wrong = '0';
    while (zeroBits(createHash('sha256').update(`${c.challenge}:${wrong}`).digest()) >= 8) wrong += '0';
    assert.equal((await sign(app, 'poste', { ...marie, pow: { challenge: c.challenge, nonce: wrong } })).statusCode, 400);
    const forged = c.challenge.replace(/^\d+/, String(clock + 10 * POW_TTL_MS));
    assert.equal((await sign(app, 'poste', { ...marie, pow: { challenge: forged, nonce: solve(forged, 8) } })).statusCode, 400);

    const idem = key();
    const ok = await sign(app, 'poste', { ...marie, pow: { challenge: c.challenge, nonce } }, { idem });
    assert.equal(ok.statusCode, 201, ok.body);
    // A retry with the same key is a replay, answered the same; the challenge cannot sign for someone else.
    assert.equal((await sign(app, 'poste', { ...marie, pow: { challenge: c.challenge, nonce } }, { idem })).statusCode, 200);
    const again = await sign(app, 'poste', { ...marie, email: 'paul@example.fr', pow: { challenge: c.challenge, nonce } });
    assert.equal(again.statusCode, 400);
    assert.match(again.json().error.fields[0].message, /already used/);

    const late = await challengeOf('poste');
    clock += POW_TTL_MS + 1000;
    const expired = await sign(app, 'poste', { ...marie, email: 'paul@example.fr', pow: { challenge: late.challenge, nonce: solve(late.challenge, 8) } });
    assert.equal(expired.statusCode, 400);
    assert.match(expired.json().error.fields[0].message, /expired/);
    assert.deepEqual(await statuses('poste'), ['pending']);
  });
});

describe('paper signatures', () => {
  it('a count or a list, tagged paper, added to the public count with the split; replays add nothing', async () => {
    await putContent(app, 'petitions', petition('poste'));
    await sign(app, 'poste', marie);
    await app.inject(linkIn(await mailTo('marie.dupont@example.fr'), 'confirm'));
    const idem = key();
    const res = await app.inject({ method: 'POST', url: '/api/admin/petitions/poste/paper', headers: { ...auth, 'idempotency-key': idem }, payload: { count: 120 } });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json(), { added: 120, count: { online: 1, paper: 120, total: 121 } });
    const replay = await app.inject({ method: 'POST', url: '/api/admin/petitions/poste/paper', headers: { ...auth, 'idempotency-key': idem }, payload: { count: 120 } });
    assert.equal(replay.json().added, 0);
    const list = await app.inject({
      method: 'POST', url: '/api/admin/petitions/poste/paper', headers: auth,
      payload: { signatures: [{ firstName: 'Paul', lastName: 'Petit', town: 'Tours', postcode: '37100', email: 'Paul@Example.fr' }, { firstName: 'Lou', lastName: 'Roy' }] },
    });
    assert.deepEqual(list.json().count, { online: 1, paper: 122, total: 123 });
    assert.deepEqual(await countOf(app, 'poste'), { online: 1, paper: 122, total: 123 });
    const csv = (await app.inject({ url: '/api/admin/petitions/poste/export.csv', headers: auth })).body.trim().split('\r\n');
    assert.equal(csv.length, 4); // header, Marie, Paul, Lou (the bare count has no rows to export)
    assert.ok(csv.some((l) => l.startsWith('paper,') && l.includes('paul@example.fr')));
    assert.equal((await app.inject({ method: 'POST', url: '/api/admin/petitions/poste/paper', headers: auth, payload: { count: 0 } })).statusCode, 400);
  });
});

describe('retention and signers’ rights', () => {
  it('erases personal data N months after the close, keeps the counts', async () => {
    await putContent(app, 'petitions', petition('old', { closesAt: future(60_000) }));
    await putContent(app, 'petitions', petition('open'));
    await sign(app, 'old', marie);
    await app.inject(linkIn(await mailTo('marie.dupont@example.fr'), 'confirm'));
    await sign(app, 'open', marie);
    await app.inject({ method: 'POST', url: '/api/admin/petitions/old/paper', headers: auth, payload: { signatures: [{ firstName: 'Paul', lastName: 'Petit' }] } });
    const before = await countOf(app, 'old');
    assert.deepEqual(before, { online: 1, paper: 1, total: 2 });

    const fiveMonths = new Date(Date.now() + 5 * 31 * 24 * 3600_000);
    assert.deepEqual(await runRetention(db, 6, fiveMonths), { petitions: [], erased: 0 });
    const sevenMonths = new Date(Date.now() + 7 * 31 * 24 * 3600_000);
    const r = await runRetention(db, 6, sevenMonths);
    assert.deepEqual(r, { petitions: ['old'], erased: 2 });
    const { rows } = await db.query<{ content_id: string; payload: unknown; device_hash: string | null; ip_hash: string | null; status: string }>(
      `SELECT content_id, payload, device_hash, ip_hash, status FROM submissions ORDER BY content_id, origin`);
    const old = rows.filter((x) => x.content_id === 'old');
    assert.ok(old.every((x) => JSON.stringify(x.payload) === '{}' && x.device_hash === null && x.ip_hash === null && x.status === 'accepted'));
    assert.ok(!JSON.stringify(old).includes('Dupont'));
    assert.ok(JSON.stringify(rows.filter((x) => x.content_id === 'open')).includes('Dupont'));
    assert.deepEqual(await countOf(app, 'old'), before);
    assert.equal((await runRetention(db, 6, sevenMonths)).erased, 0);
    // and through the admin API (the daily job runs the same)
    const run = await app.inject({ method: 'POST', url: '/api/admin/petitions-retention', headers: auth });
    assert.equal(run.statusCode, 200);
  });

  it('exports and erases one signer’s data on request, across petitions', async () => {
    await putContent(app, 'petitions', petition('a'));
    await putContent(app, 'petitions', petition('b'));
    await sign(app, 'a', marie);
    await sign(app, 'b', marie);
    await app.inject({ method: 'POST', url: '/api/admin/petitions/b/paper', headers: auth, payload: { signatures: [{ email: 'marie.dupont@example.fr', firstName: 'Marie' }] } });
    const exp = await app.inject({ url: '/api/admin/signers?email=MARIE.DUPONT@example.fr', headers: auth });
    assert.equal(exp.statusCode, 200);
    assert.equal(exp.json().items.length, 3);
    assert.ok(exp.json().items.some((i: { data: { lastName?: string } }) => i.data.lastName === 'Dupont'));
    const del = await app.inject({ method: 'DELETE', url: '/api/admin/signers?email=marie.dupont@example.fr', headers: auth });
    assert.deepEqual(del.json(), { erased: 3 });
    assert.equal((await app.inject({ url: '/api/admin/signers?email=marie.dupont@example.fr', headers: auth })).json().items.length, 0);
    assert.equal((await app.inject({ url: '/api/admin/signers', headers: auth })).statusCode, 400);
  });
});

describe('mail without SMTP, and mail failures', () => {
  it('without SMTP_URL mails are kept and listed on /api/dev/mails (escaped)', async () => {
    const local = await testApp(db, { petitions: { now: () => new Date(clock) } });
    try {
      await putContent(local, 'petitions', petition('poste', { title: 'Poste <b>& co</b>' }));
      await sign(local, 'poste', marie);
      const res = await local.inject('/api/dev/mails');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.ok(res.body.includes('Poste &lt;b&gt;&amp; co&lt;/b&gt;'));
      assert.ok(!res.body.includes('<b>&'));
      const link = /href="(http:\/\/[^"]+\/confirm\?token=[^"]+)"/.exec(res.body)![1]!.replace(/&amp;/g, '&');
      const page = await local.inject(new URL(link).pathname + new URL(link).search);
      assert.equal(page.statusCode, 200);
      assert.equal((await countOf(local, 'poste')).online, 1);
    } finally {
      await local.close();
    }
    const hidden = await testApp(db, { petitions: { devMails: false } });
    assert.equal((await hidden.inject('/api/dev/mails')).statusCode, 404);
    await hidden.close();
  });

  it('an SMTP failure answers 503 (the widget retries with the same key), and the retry mails', async () => {
    let fail = true;
    const flaky: Mailer = { kind: 'smtp', send: async (m) => { if (fail) throw new Error('connection refused'); await mailer.send(m); }, close: async () => {} };
    const a2 = await makeApp({ mailer: flaky });
    try {
      await putContent(a2, 'petitions', petition('poste'));
      const idem = key();
      const res = await sign(a2, 'poste', marie, { idem });
      assert.equal(res.statusCode, 503);
      assert.equal(res.headers['retry-after'], '30');
      fail = false;
      const retry = await sign(a2, 'poste', marie, { idem });
      assert.equal(retry.statusCode, 200);
      await a2.inject(linkIn(await mailTo('marie.dupont@example.fr'), 'confirm'));
      assert.equal((await countOf(a2, 'poste')).online, 1);
    } finally {
      await a2.close();
    }
  });
});
