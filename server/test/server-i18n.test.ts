/**
 * The backend's resident-facing strings in the eight languages (server/i18n.ts, server/locales):
 * every table has English's keys in every language with no empty text and uses the same
 * arguments; plurals (Arabic's six forms); the language picked from `lang` and Accept-Language;
 * then, for real through the routes on a real database (PGlite, or PostgreSQL with DATABASE_URL):
 * a petition confirmation mail in German read from /api/dev/mails and its page, an Arabic one
 * through SMTP (Content-Language, an HTML part right to left), a reply notification in the
 * language stored with the subscription, and Arabic pages without JavaScript laid out right to left.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import type { PetitionDefinitionInput } from '../../src/api/schemas.js';
import type { Db } from '../db.js';
import { LANGS, pickLang } from '../i18n.js';
import { databaseMailer, smtpMailer } from '../mail.js';
import { SERVER_TABLES, type ServerTexts } from '../locales/index.js';
// The modules whose tables register themselves in SERVER_TABLES as they load.
import '../petitions.js';
import '../comments.js';
import '../map-reports.js';
import '../nojs/messages.js';
import { comment, putThread, resetComments } from './comments-support.js';
import { key, openTestDb, putContent, resetDb, testApp, vote } from './helpers.js';

/* ---------------------------------------------------------------- the tables */

type Leaf = string | ((...args: never[]) => string);
/** Every leaf of a table by its dotted path. */
function leaves(table: unknown, prefix = ''): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  for (const [k, v] of Object.entries(table as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string' || typeof v === 'function') out.set(path, v as Leaf);
    else if (v && typeof v === 'object') for (const [p, l] of leaves(v, path)) out.set(p, l);
    else out.set(path, v as never);
  }
  return out;
}

/** Arguments of the functions that take something else than numbers (numbers stand in for strings). */
const SAMPLES: Record<string, unknown[]> = {
  'nojs.condOneOf': ['Mode', ['Vélo', 'Bus']],
  'nojs.report.locationHint': [true],
};
const samples = (path: string, arity: number): unknown[] => SAMPLES[path] ?? Array.from({ length: arity }, (_, i) => 3 + 2 * i);
const altered = (v: unknown): unknown => (typeof v === 'number' ? v + 10 : typeof v === 'boolean' ? !v : Array.isArray(v) ? [...v, 'Tram'] : `${String(v)}Z`);
const call = (f: Leaf, args: unknown[]) => (f as (...a: unknown[]) => string)(...args);
const PARTS: Array<keyof ServerTexts> = ['petition', 'comments', 'report', 'nojs'];

describe('server strings in eight languages', () => {
  it('every table: English’s keys in every language, no empty text, the same arity, each argument English uses is used', () => {
    assert.deepEqual(Object.keys(SERVER_TABLES).sort(), [...PARTS].sort(), 'every table of server strings is registered');
    let checked = 0;
    for (const part of PARTS) {
      const byLang = SERVER_TABLES[part]!;
      assert.deepEqual(Object.keys(byLang).sort(), [...LANGS].sort(), `${part}: the eight languages`);
      const en = leaves(byLang.en);
      for (const lang of LANGS) {
        const t = leaves(byLang[lang]);
        assert.deepEqual([...t.keys()].sort(), [...en.keys()].sort(), `${part}.${lang}: the keys of English`);
        let same = 0;
        for (const [path, ref] of en) {
          const where = `${part}.${path} (${lang})`;
          const v = t.get(path)!;
          assert.equal(typeof v, typeof ref, `${where}: a ${typeof ref}`);
          if (typeof v === 'string') {
            assert.ok(v.trim() !== '', `${where}: empty`);
            if (lang !== 'en' && v === ref) same++;
          } else {
            assert.equal(v.length, (ref as (...a: unknown[]) => string).length, `${where}: arity`);
            const args = samples(`${part}.${path}`, v.length);
            const text = call(v, args);
            assert.ok(text.trim() !== '' && !/undefined|NaN|\{n\}/.test(text), `${where}: ${JSON.stringify(text)}`);
            for (let i = 0; i < args.length; i++) {
              const other = args.map((a, j) => (j === i ? altered(a) : a));
              if (call(ref, args) !== call(ref, other)) assert.notEqual(call(v, other), text, `${where}: argument ${i + 1} is not used`);
            }
          }
          checked++;
        }
        // Some words are the same in English (Option, MB, No…); a table left in English is not.
        assert.ok(same <= Math.max(3, en.size * 0.05), `${part}.${lang}: ${same} strings left as in English`);
      }
    }
    assert.ok(checked >= 8 * 200, `${checked} strings checked`);
  });

  it('plurals: every count in every language, Arabic’s six forms through Intl.PluralRules', () => {
    for (const lang of LANGS) {
      const t = SERVER_TABLES.nojs![lang];
      for (const n of [0, 1, 2, 3, 11, 100, 102]) {
        for (const text of [t.errorSummaryIntro(n), t.vote.ballots(n), t.comments.count(n), t.comments.moreReplies(n), t.issue.too_short(n), t.issue.too_many(n), t.rateLimited(n), t.report.tooManyPhotos(n)]) {
          assert.ok(text && !/\{n\}|undefined|NaN/.test(text), `${lang} ${n}: ${text}`);
        }
      }
    }
    const ar = SERVER_TABLES.nojs!.ar;
    assert.deepEqual([0, 1, 2, 3, 11, 100].map((n) => new Intl.PluralRules('ar').select(n)), ['zero', 'one', 'two', 'few', 'many', 'other']);
    assert.deepEqual([0, 1, 2, 3, 11, 100].map((n) => ar.comments.count(n)), ['لا توجد تعليقات بعد.', 'تعليق واحد', 'تعليقان', `${arNum(3)} تعليقات`, `${arNum(11)} تعليقًا`, `${arNum(100)} تعليق`]);
    assert.match(ar.errorSummaryIntro(2), /الإجابتين التاليتين/);
    assert.ok(ar.rateLimited(11).includes(`${arNum(11)} ثانيةً`));
    assert.ok(ar.rateLimited(600).includes(`${arNum(10)} دقائق`));
    assert.equal(SERVER_TABLES.nojs!.de.vote.ballots(1), '1 Stimme');
    assert.equal(SERVER_TABLES.nojs!.fr.vote.ballots(0), 'Aucun vote pour l’instant');
  });

  it('the language: the asked one (exact tag, then base language), else Accept-Language by preference, else English', () => {
    assert.equal(pickLang('de'), 'de');
    assert.equal(pickLang('de-AT', 'fr'), 'de');
    assert.equal(pickLang('ca-ES-valencia'), 'ca');
    assert.equal(pickLang('AR'), 'ar');
    assert.equal(pickLang('pt-BR', 'pt-BR, es;q=0.8, it;q=0.9'), 'it', 'q-values order the header');
    assert.equal(pickLang(undefined, 'nl-BE,nl;q=0.9'), 'nl');
    assert.equal(pickLang(undefined, 'fr;q=0, de'), 'de', 'q=0 means not acceptable');
    assert.equal(pickLang(undefined, '*'), 'en');
    assert.equal(pickLang(42, 'ja, zh-CN'), 'en');
    assert.equal(pickLang(''), 'en');
  });
});

/* ---------------------------------------------------------------- through the routes */

let db: Db;
let app: FastifyInstance;
let smtp: SMTPServer;
let smtpApp: FastifyInstance;
const inbox: string[] = [];

function petition(id: string, extra: Partial<PetitionDefinitionInput> = {}): PetitionDefinitionInput {
  return { id, title: { fr: 'Pour la réouverture du bureau de poste', en: 'Reopen the post office' }, summary: { fr: 'Le bureau doit rouvrir.', en: 'It must reopen.' }, profile: 'minimal', ...extra };
}
const limits = { ipBurst: 1000, ipHour: 1000, domainBurst: 1000, domainHour: 1000 };
const sign = (a: FastifyInstance, id: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  a.inject({ method: 'POST', url: `/api/petitions/${id}/signatures`, headers: { 'idempotency-key': key(), ...headers }, payload: { fillMs: 12_000, ...payload } });
const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
/** The articles of /api/dev/mails addressed to `to`: subject and body as shown. */
async function devMails(to: string): Promise<Array<{ subject: string; body: string }>> {
  const res = await app.inject('/api/dev/mails');
  assert.equal(res.statusCode, 200);
  return [...res.body.matchAll(/<article>\s*<h2 dir="auto">([^<]*)<\/h2>\s*<p class="meta">To: ([^ ]+) ·[^<]*<\/p>\s*<pre dir="auto">([\s\S]*?)<\/pre>/g)]
    .filter((m) => unescape(m[2]!) === to)
    .map((m) => ({ subject: unescape(m[1]!), body: unescape(m[3]!.replace(/<a href="[^"]*">([^<]*)<\/a>/g, '$1')) }));
}
const linkIn = (body: string, what: string) => {
  const m = new RegExp(`https://mairie\\.example(/api/\\S+/${what}\\?token=[A-Za-z0-9_-]+&lang=[a-z]+)`).exec(body);
  assert.ok(m, `no ${what} link in:\n${body}`);
  return m[1]!;
};
/** The parts of a raw MIME message, decoded (quoted-printable or base64), each with its headers. */
function mimeParts(raw: string): Array<{ headers: string; body: string }> {
  const boundary = /boundary="?([^"\r\n;]+)"?/.exec(raw)?.[1];
  const chunks = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [raw];
  return chunks.map((chunk) => {
    const at = chunk.indexOf('\r\n\r\n');
    const headers = chunk.slice(0, at);
    const body = chunk.slice(at + 4);
    if (/Content-Transfer-Encoding: base64/i.test(headers)) return { headers, body: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') };
    if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      return { headers, body: Buffer.from(bytes, 'latin1').toString('utf8') };
    }
    return { headers, body };
  });
}
/** A number as Intl writes it in Arabic (Latin or Arabic-Indic digits, after the ICU data). */
const arNum = (n: number) => new Intl.NumberFormat('ar').format(n);

before(async () => {
  db = await openTestDb();
  app = await testApp(db, {
    petitions: { mailer: databaseMailer(db), devMails: true, publicUrl: 'https://mairie.example', limits },
    comments: { mailer: databaseMailer(db), publicUrl: 'https://mairie.example', limits: { ipBurst: 1000, ipHour: 1000 } },
  });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  smtpApp = await testApp(db, { petitions: { mailer: smtpMailer(`smtp://127.0.0.1:${port}`, 'Mairie <petitions@mairie.example>'), publicUrl: 'https://mairie.example', limits } });
});
after(async () => {
  await app.close();
  await smtpApp.close();
  await db.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});
beforeEach(async () => {
  await resetDb(db);
  await resetComments(db);
  await db.query('TRUNCATE petition_signatures, dev_mails');
  inbox.length = 0;
});

describe('mails and pages in the resident’s language, through the routes', () => {
  it('a petition signed in German: the confirmation mail (read on /api/dev/mails) and its page in German', async () => {
    await putContent(app, 'petitions', petition('poste'));
    assert.equal((await sign(app, 'poste', { email: 'anna@example.de', lang: 'de' })).statusCode, 201);
    const [mail, ...more] = await devMails('anna@example.de');
    assert.equal(more.length, 0);
    assert.equal(mail!.subject, 'Bestätigen Sie Ihre Unterschrift: Pour la réouverture du bureau de poste');
    assert.match(mail!.body, /^Guten Tag,\n\ndamit Ihre Unterschrift unter die Petition „Pour la réouverture du bureau de poste“ gezählt wird/);
    assert.match(mail!.body, /Um Ihre Unterschrift zurückzuziehen, solange die Petition offen ist:\n/);
    const confirm = linkIn(mail!.body, 'confirm');
    assert.match(confirm, /&lang=de$/);
    const page = await app.inject(confirm);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /^<!doctype html>\s*<html lang="de" dir="ltr">/);
    assert.match(page.body, /<p class="msg" role="status">Vielen Dank, Ihre Unterschrift wird gezählt\.<\/p>/);
    const withdraw = await app.inject(linkIn(mail!.body, 'withdraw'));
    assert.match(withdraw.body, /Möchten Sie Ihre Unterschrift zurückziehen\?.*<button type="submit">Meine Unterschrift zurückziehen<\/button>/s);

    // No `lang` in the signature: the browser's Accept-Language (Swiss German) is used.
    await sign(app, 'poste', { email: 'urs@example.ch' }, { 'accept-language': 'de-CH, fr;q=0.5' });
    assert.match((await devMails('urs@example.ch'))[0]!.subject, /^Bestätigen Sie Ihre Unterschrift/);
    // Neither a served `lang` nor a served Accept-Language: English.
    await sign(app, 'poste', { email: 'joao@example.pt', lang: 'pt-BR' }, { 'accept-language': 'pt-BR' });
    assert.match((await devMails('joao@example.pt'))[0]!.subject, /^Confirm your signature/);
  });

  it('a petition signed in Arabic through SMTP: Content-Language ar, the text and an HTML part right to left', async () => {
    await putContent(smtpApp, 'petitions', petition('poste', { title: { fr: 'Pour la poste', ar: 'من أجل مكتب البريد' } }));
    assert.equal((await sign(smtpApp, 'poste', { email: 'amina@example.org', lang: 'ar' })).statusCode, 201);
    const deadline = Date.now() + 5000;
    while (!inbox.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const raw = inbox[0]!;
    assert.match(raw, /^Content-Language: ar$/m);
    assert.match(raw, /Content-Type: multipart\/alternative/);
    assert.match(raw, /^Subject: =\?UTF-8\?/m, 'an Arabic subject, encoded');
    const parts = mimeParts(raw);
    const text = parts.find((p) => /Content-Type: text\/plain/i.test(p.headers))!.body;
    const html = parts.find((p) => /Content-Type: text\/html/i.test(p.headers))!.body;
    assert.match(text, /^مرحبًا،\r?\n\r?\nلكي يُحتسب توقيعك على العريضة «\u2068من أجل مكتب البريد\u2069»/);
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /<div lang="ar" dir="rtl" style="white-space:pre-wrap;font-family:sans-serif">مرحبًا،/);
    assert.match(html, /<a href="https:\/\/mairie\.example\/api\/petitions\/poste\/confirm\?token=[A-Za-z0-9_-]+&amp;lang=ar">/);
    const confirm = /https:\/\/mairie\.example(\/api\/petitions\/poste\/confirm\?token=[A-Za-z0-9_-]+&lang=ar)/.exec(text)![1]!;
    const page = await smtpApp.inject(confirm);
    assert.match(page.body, /^<!doctype html>\s*<html lang="ar" dir="rtl">/);
    assert.match(page.body, /<h1><bdi>من أجل مكتب البريد<\/bdi><\/h1>/);
    assert.match(page.body, /شكرًا لك، تم احتساب توقيعك\./);
  });

  it('a reply notification in the language stored with the subscription (Italian), its pages in Italian', async () => {
    await putThread(app, 't');
    const c = await comment(app, 't', 'device-aaaaaaaaaaaaaaaa', 'Più alberi, per favore.', { email: 'giulia@example.it', lang: 'it-IT', returnUrl: 'https://mairie.example/piazza' });
    const [optIn] = await devMails('giulia@example.it');
    assert.equal(optIn!.subject, 'Confermi gli avvisi di risposta: Réaménagement de la place');
    const confirmed = await app.inject(linkIn(optIn!.body, 'confirm'));
    assert.match(confirmed.body, /<html lang="it" dir="ltr">.*Confermato: riceverà un’e-mail per ogni risposta al Suo commento\./s);
    // The reply's page is read in French; the mail follows the subscriber's stored language.
    await comment(app, 't', 'device-bbbbbbbbbbbbbbbb', 'D’accord !', { parentId: c.id, author: 'Paul', lang: 'fr' });
    const deadline = Date.now() + 3000;
    while ((await devMails('giulia@example.it')).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const reply = (await devMails('giulia@example.it'))[0]!;
    assert.equal(reply.subject, 'Nuova risposta al Suo commento: Réaménagement de la place');
    assert.match(reply.body, /^Buongiorno,\n\nPaul ha risposto al Suo commento su «Réaménagement de la place»:\n\nD’accord !\n/);
    const ask = await app.inject(linkIn(reply.body, 'unsubscribe'));
    assert.match(ask.body, /<html lang="it" dir="ltr">.*Non ricevere più e-mail sulle risposte a questo commento\?.*Annullare l’iscrizione<\/button>/s);
  });

  it('without JavaScript in Arabic: the form, an error page and the confirmation page, right to left', async () => {
    await putContent(app, 'petitions', petition('poste', { profile: 'standard' }));
    const form = await app.inject('/api/forms/petition/poste?format=page&lang=ar');
    assert.match(form.body, /^<!doctype html>\s*<html lang="ar" dir="rtl">/);
    assert.match(form.body, /<h1 id="civic-petition-poste-title">\u2068Pour la réouverture du bureau de poste\u2069<\/h1>/, 'the French title isolated in the Arabic page');
    assert.match(form.body, /<label for="civic-petition-poste-firstName">الاسم الأول <span class="civic-nojs-required">\(إلزامي\)<\/span><\/label>/);
    assert.match(form.body, /<button type="submit">توقيع<\/button>/);
    const fragment = await app.inject('/api/forms/petition/poste?lang=ar');
    assert.match(fragment.body, /^<div class="civic-nojs" data-civic-fallback lang="ar" dir="rtl">/);

    const post = (pairs: Array<[string, string]>) =>
      app.inject({ method: 'POST', url: '/api/forms/petition/poste', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(pairs).toString() });
    const bad = await post([['lang', 'ar'], ['firstName', 'Amina'], ['email', 'amina@example.org']]);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /^<!doctype html>\s*<html lang="ar" dir="rtl">/);
    assert.ok(bad.body.includes(`<h2 id="civic-petition-poste-errors-title">توجد مشكلة</h2><p>يُرجى تصحيح ${arNum(3)} إجابات:</p>`), 'three answers: the "few" form');

    const done = await post([['lang', 'ar'], ['firstName', 'Amina'], ['lastName', 'Benali'], ['email', 'amina@example.org'], ['postcode', '37000'], ['town', 'Tours']]);
    assert.equal(done.statusCode, 201);
    assert.match(done.body, /^<!doctype html>\s*<html lang="ar" dir="rtl">/);
    assert.match(done.body, /<p class="civic-nojs-done" role="status">اقتربت من الانتهاء: أرسلنا رسالة إلى \u2066amina@example\.org\u2069\.<\/p>/);
    const [mail] = await devMails('amina@example.org');
    assert.match(mail!.subject, /^أكِّد توقيعك: /, 'the mail in the page’s language');
    assert.match(linkIn(mail!.body, 'confirm'), /&lang=ar$/);
  });

  it('without JavaScript in German, Spanish, Dutch and Catalan: the vote’s confirmation page', async () => {
    await putContent(app, 'votes', vote('v'));
    const expected: Record<string, RegExp> = {
      de: /Vielen Dank, Ihre Stimme wurde gezählt\..*<h2>Bisherige Ergebnisse<\/h2><p>1 Stimme<\/p>/s,
      es: /Gracias, su voto se ha contabilizado\..*<p>2 votos<\/p>/s,
      nl: /Dank u, uw stem is geteld\..*<p>3 stemmen<\/p>/s,
      ca: /Gràcies, el seu vot s’ha comptat\..*<p>4 vots<\/p>/s,
    };
    for (const [lang, re] of Object.entries(expected)) {
      const res = await app.inject({ method: 'POST', url: '/api/forms/vote/v', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `lang=${lang}&choice=a` });
      assert.equal(res.statusCode, 201, res.body);
      assert.match(res.body, new RegExp(`^<!doctype html>\\s*<html lang="${lang}" dir="ltr">`));
      assert.match(res.body, re);
    }
  });
});
