/**
 * Forms without JavaScript (server/nojs): form bodies posted for every kind against a real
 * database (PGlite, or PostgreSQL with DATABASE_URL), checked against the rows the JSON routes
 * store for the same answers; error pages keep what was typed; pages speak the resident's language.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { PetitionDefinitionInput, SurveyDefinitionInput, ThreadDefinitionInput } from '../../src/api/schemas.js';
import type { Db } from '../db.js';
import { memoryMailer, type Mail } from '../mail.js';
import { hmac } from '../store.js';
import { auth, future, key, openTestDb, past, putContent, resetDb, testApp, vote } from './helpers.js';
import { saintAubin, TINY_JPEG, truncateReports } from './map-reports-support.js';

let db: Db;
let app: FastifyInstance;
const mailer = memoryMailer();
const mails = (to: string): Mail[] => mailer.sent.filter((m) => m.to === to);

const options = {
  allowedOrigins: ['https://ville.example'],
  petitions: { mailer, publicUrl: 'https://mairie.example', limits: { ipBurst: 1000, ipHour: 1000, domainBurst: 1000, domainHour: 1000 } },
  mapReports: { mailer },
  comments: { mailer, limits: { ipBurst: 1000, ipHour: 1000 } },
};

before(async () => {
  db = await openTestDb();
  app = await testApp(db, options);
});
after(async () => {
  await app.close();
  await db.close();
});
beforeEach(async () => {
  await resetDb(db);
  await truncateReports(db);
  await db.query('TRUNCATE petition_signatures, dev_mails');
  mailer.sent.length = 0;
});

/* ---------------------------------------------------------------- helpers */

type Pairs = Array<[string, string]>;

function post(kind: string, id: string, pairs: Pairs, headers: Record<string, string> = {}, target: FastifyInstance = app) {
  return target.inject({
    method: 'POST',
    url: `/api/forms/${kind}/${id}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(pairs).toString(),
  });
}

/** The start tag of the element with this id. */
function tag(html: string, id: string): string {
  const m = new RegExp(`<[a-z]+\\b[^>]*\\bid="${id}"[^>]*>`).exec(html);
  assert.ok(m, `no element #${id} in:\n${html}`);
  return m[0];
}

/** The error summary's lines (text, link). */
function summary(html: string): Array<{ href: string | null; text: string }> {
  const box = /<div class="civic-nojs-errors"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  assert.ok(box, `no error summary in:\n${html}`);
  assert.match(box[0], /role="alert"/);
  assert.match(box[0], /autofocus/);
  return [...box[1]!.matchAll(/<li>(?:<a href="([^"]+)">)?([\s\S]*?)(?:<\/a>)?<\/li>/g)].map((m) => ({ href: m[1] ?? null, text: m[2]! }));
}

/** The error shown at a field (its id + "-error"), linked from the field by aria-describedby. */
function fieldError(html: string, id: string): string {
  const m = new RegExp(`<p class="civic-nojs-error" id="${id}-error">([^<]*)</p>`).exec(html);
  assert.ok(m, `no error at #${id}`);
  assert.match(html, new RegExp(`aria-describedby="[^"]*${id}-error`));
  return m[1]!;
}

const rows = async (kind: string, id: string) =>
  (await db.query<{ payload: Record<string, unknown>; origin: string; status: string; ip_hash: string | null; device_hash: string | null; idempotency_key: string }>(
    'SELECT payload, origin, status, ip_hash, device_hash, idempotency_key FROM submissions WHERE kind = $1 AND content_id = $2 ORDER BY created_at, id',
    [kind, id],
  )).rows;

function assertPage(res: { headers: Record<string, unknown>; body: string }, lang: string): void {
  assert.match(String(res.headers['content-type']), /^text\/html/);
  assert.match(res.body, new RegExp(`^<!doctype html>\\s*<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`));
  assert.doesNotMatch(res.body, /<script/i);
  assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
  assert.doesNotMatch(String(res.headers['content-security-policy']), /script-src/);
  assert.equal(res.headers['cache-control'], 'no-store');
}

/* ---------------------------------------------------------------- fragments, pages, snippets */

describe('the fallback form (GET)', () => {
  it('a fragment: a plain form posting to the backend, labelled fields, honeypot hidden without CSS, no script', async () => {
    await putContent(app, 'votes', vote('v1'));
    const res = await app.inject({ url: '/api/forms/vote/v1?lang=en', headers: { host: 'api.ville.example' } });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    const html = res.body;
    assert.match(html, /^<div class="civic-nojs" data-civic-fallback lang="en" dir="ltr">/);
    assert.match(html, /<form class="civic-nojs-form" method="post" action="http:\/\/api\.ville\.example\/api\/forms\/vote\/v1" novalidate>/);
    assert.match(html, /<link rel="stylesheet" href="http:\/\/api\.ville\.example\/api\/forms\/nojs\.css">/);
    assert.match(html, /<legend>Question\? <span class="civic-nojs-required">\(required\)<\/span><\/legend>/);
    for (const [i, o] of ['a', 'b', 'c'].entries()) {
      const id = i ? `civic-vote-v1-choice-${i}` : 'civic-vote-v1-choice';
      assert.match(tag(html, id), new RegExp(`type="radio".*name="choice" value="${o}"`));
      assert.match(html, new RegExp(`<label for="${id}">${o.toUpperCase()}</label>`));
    }
    assert.match(html, /<div class="civic-nojs-hp" hidden><label for="civic-vote-v1-website">Leave this field empty<\/label><input type="text" id="civic-vote-v1-website" name="website"/);
    assert.doesNotMatch(html, /<script|name="_key"|name="_ts"/, 'a fragment may be pasted once and served to everyone: no per-visit key');
    assert.match(html, /<button type="submit">Vote<\/button>/);
  });

  it('the language from Accept-Language (exact tag, then base language, by preference), else English; the stylesheet is a file with every rule scoped', async () => {
    await putContent(app, 'votes', vote('v1'));
    assert.match((await app.inject('/api/forms/vote/v1')).body, /lang="en".*Question\?/s);
    assert.match((await app.inject({ url: '/api/forms/vote/v1', headers: { 'accept-language': 'fr-CA,fr;q=0.8' } })).body, /lang="fr".*Question \?/s);
    assert.match((await app.inject({ url: '/api/forms/vote/v1', headers: { 'accept-language': 'en-GB,en;q=0.8' } })).body, /<button type="submit">Vote<\/button>/);
    assert.match((await app.inject({ url: '/api/forms/vote/v1', headers: { 'accept-language': 'pt-BR, nl;q=0.5, de;q=0.7' } })).body, /lang="de" dir="ltr".*<button type="submit">Abstimmen<\/button>/s);
    assert.match((await app.inject({ url: '/api/forms/vote/v1', headers: { 'accept-language': 'pt-BR, ja;q=0.5' } })).body, /lang="en"/);
    const css = await app.inject('/api/forms/nojs.css');
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /^text\/css/);
    for (const rule of css.body.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@media[^{]*\{/g, '').split('}')) {
      const selectors = rule.split('{')[0]!.trim();
      if (selectors) for (const s of selectors.split(',')) assert.match(s.trim(), /\.civic-nojs/, `unscoped rule: ${s}`);
    }
  });

  it('a page: a whole document with a per-visit idempotency key and a signed start time', async () => {
    await putContent(app, 'votes', vote('v1'));
    const res = await app.inject('/api/forms/vote/v1?format=page&lang=en&return=https%3A%2F%2Fville.example%2Fvote');
    assertPage(res, 'en');
    assert.match(res.body, /<h1 id="civic-vote-v1-title">Question\?<\/h1>/);
    assert.match(res.body, /<input type="hidden" name="_key" value="[0-9a-f-]{36}">/);
    assert.match(res.body, /<input type="hidden" name="_ts" value="\d+\.[0-9a-f]{16}">/);
    assert.match(res.body, /<input type="hidden" name="return" value="https:\/\/ville\.example\/vote">/);
  });

  it('a snippet: the tag (or the placeholder) with the fallback inside, ready to paste', async () => {
    await putContent(app, 'votes', vote('v1'));
    const res = await app.inject({ url: '/api/forms/vote/v1?format=snippet&lang=en', headers: { host: 'api.ville.example' } });
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.match(res.body, /^<script type="module" src="http:\/\/api\.ville\.example\/civic-widgets\.js"><\/script>\n<civic-vote endpoint="http:\/\/api\.ville\.example\/api" vote-id="v1" lang="en">\n<div class="civic-nojs" data-civic-fallback lang="en" dir="ltr">[\s\S]*<\/form><\/div>\n<\/civic-vote>\n$/);
    const ph = await app.inject({ url: '/api/forms/vote/v1?format=snippet&placeholder=1', headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    assert.match(ph.body, /\n<div data-civic-widget="vote" data-endpoint="http:\/\/localhost:80\/api" data-vote-id="v1">\n<div class="civic-nojs" data-civic-fallback lang="fr" dir="ltr">[\s\S]*<\/div>\n<\/div>\n$/);
    assert.doesNotMatch(ph.body, /data-lang/, 'no lang asked: the widget follows the page');
  });

  it('scheduled and closed content: a notice instead of the form; unknown kind or id: 404', async () => {
    await putContent(app, 'votes', vote('later', { opensAt: future() }));
    await putContent(app, 'votes', vote('done', { opensAt: past(7200_000), closesAt: past() }));
    assert.match((await app.inject('/api/forms/vote/later?lang=en')).body, /<p class="civic-nojs-notice" role="status">This opens on /);
    const closed = (await app.inject('/api/forms/vote/done?lang=en')).body;
    assert.match(closed, /This closed on .*: no more answers are accepted\./);
    assert.doesNotMatch(closed, /<form/);
    const unknownKind = await app.inject('/api/forms/poll/v1');
    assert.equal(unknownKind.statusCode, 404);
    assert.match(unknownKind.json().error.message, /use vote, survey, petition, map-report, comments/);
    assert.equal((await app.inject('/api/forms/vote/nope')).json().error.code, 'not_found');
    const page = await app.inject('/api/forms/vote/nope?format=page&lang=en');
    assert.equal(page.statusCode, 404);
    assertPage(page, 'en');
    const posted = await post('vote', 'nope', [['lang', 'en'], ['choice', 'a']]);
    assert.equal(posted.statusCode, 404);
    assert.match(posted.body, /This content does not exist/);
  });
});

/* ---------------------------------------------------------------- votes */

describe('votes without JavaScript', () => {
  it('the same ballot row as the JSON route; the confirmation in the resident’s language, with the results and a link back', async () => {
    await putContent(app, 'votes', vote('v1'));
    const json = await app.inject({ method: 'POST', url: '/api/votes/v1/ballots', headers: { 'idempotency-key': key() }, payload: { choices: ['b'], deviceToken: key() } });
    assert.equal(json.statusCode, 201);
    const res = await post('vote', 'v1', [['lang', 'en'], ['return', 'https://ville.example/vote?x=1'], ['choice', 'a']]);
    assert.equal(res.statusCode, 201);
    assertPage(res, 'en');
    assert.match(res.body, /<p class="civic-nojs-done" role="status">Thank you, your vote has been counted\.<\/p>/);
    assert.match(res.body, /<p>2 votes<\/p>/);
    assert.match(res.body, /<th scope="row">A<\/th><td>1<\/td><td>50%<\/td>/);
    assert.match(res.body, /<a href="https:\/\/ville\.example\/vote\?x=1&amp;civic-sent=v1">Back to the page you came from<\/a>/);
    const [viaJson, viaForm] = await rows('vote', 'v1');
    assert.deepEqual(viaForm!.payload, { choices: ['a'] });
    assert.deepEqual(Object.keys(viaForm!.payload), Object.keys(viaJson!.payload));
    assert.equal(viaForm!.origin, 'web');
    assert.equal(viaForm!.status, viaJson!.status);
    assert.equal(viaForm!.ip_hash, viaJson!.ip_hash, 'the resident’s IP, hashed the same way');
    assert.ok(viaForm!.device_hash, 'a device token derived from the idempotency key');
    const fr = await post('vote', 'v1', [['lang', 'fr'], ['choice', 'c']]);
    assertPage(fr, 'fr');
    assert.match(fr.body, /Merci, votre vote a été pris en compte\./);
    assert.doesNotMatch(fr.body, /civic-nojs-back/, 'no return page, no Referer: no link');
  });

  it('a link back only to an allowed origin; the Referer when the form sends no return field', async () => {
    await putContent(app, 'votes', vote('v1'));
    const evil = await post('vote', 'v1', [['choice', 'a'], ['return', 'https://evil.example/']]);
    assert.doesNotMatch(evil.body, /evil\.example/);
    const referer = await post('vote', 'v1', [['choice', 'b']], { referer: 'https://ville.example/page' });
    assert.match(referer.body, /href="https:\/\/ville\.example\/page\?civic-sent=v1"/);
  });

  it('a missing choice: the form again, error summary linking to the field, message at the field', async () => {
    await putContent(app, 'votes', vote('v1'));
    const res = await post('vote', 'v1', [['lang', 'en']]);
    assert.equal(res.statusCode, 400);
    assertPage(res, 'en');
    assert.match(res.body, /<title>There is a problem — Question\?<\/title>/);
    assert.deepEqual(summary(res.body), [{ href: '#civic-vote-v1-choice', text: 'Question?: Choose one answer.' }]);
    assert.equal(fieldError(res.body, 'civic-vote-v1-choice'), 'Choose one answer.');
    assert.ok(res.body.indexOf('civic-nojs-errors') < res.body.indexOf('<h1'), 'the summary comes first');
    assert.match(res.body, /name="_key" value="[0-9a-f-]{36}"/, 'a page served here: the next attempt carries its key');
    assert.equal((await rows('vote', 'v1')).length, 0);
  });

  it('multiple: too many choices are refused by the server and the ticked boxes stay ticked', async () => {
    await putContent(app, 'votes', vote('m', { method: 'multiple', maxChoices: 2 }));
    const res = await post('vote', 'm', [['lang', 'en'], ['choice', 'a'], ['choice', 'b'], ['choice', 'c']]);
    assert.equal(res.statusCode, 400);
    assert.equal(fieldError(res.body, 'civic-vote-m-choice'), 'Choose 2 answers at most.');
    for (const id of ['civic-vote-m-choice', 'civic-vote-m-choice-1', 'civic-vote-m-choice-2']) assert.match(tag(res.body, id), /type="checkbox".* checked/);
    assert.equal((await post('vote', 'm', [['choice', 'a'], ['choice', 'c']])).statusCode, 201);
    assert.deepEqual((await rows('vote', 'm'))[0]!.payload, { choices: ['a', 'c'] });
  });

  it('ranked: one select per rank, in order; the same option twice is refused', async () => {
    await putContent(app, 'votes', vote('r', { method: 'ranked', maxChoices: 3, ranking: { count: 'both' } }));
    const form = (await app.inject('/api/forms/vote/r?lang=en')).body;
    assert.match(form, /<label for="civic-vote-r-rank_1">1st choice <span class="civic-nojs-required">\(required\)<\/span><\/label>/);
    assert.match(form, /<label for="civic-vote-r-rank_3">3rd choice<\/label>/);
    const dup = await post('vote', 'r', [['lang', 'en'], ['rank.1', 'b'], ['rank.2', 'b']]);
    assert.equal(dup.statusCode, 400);
    assert.match(fieldError(dup.body, 'civic-vote-r-rank_1'), /same option twice/);
    assert.match(tag(dup.body, 'civic-vote-r-rank_2'), /<select/);
    assert.match(dup.body, /<select id="civic-vote-r-rank_2" name="rank\.2"[^>]*><option value="">— none —<\/option><option value="a">A<\/option><option value="b" selected>B<\/option>/);
    assert.equal((await post('vote', 'r', [['rank.1', 'c'], ['rank.2', ''], ['rank.3', 'a']])).statusCode, 201);
    assert.deepEqual((await rows('vote', 'r'))[0]!.payload, { choices: ['c', 'a'] });
  });

  it('budget: checkboxes with costs, the total checked by the server', async () => {
    await putContent(app, 'votes', vote('b', {
      method: 'budget', budget: { total: 100, currency: 'EUR', rule: 'greedy', minShare: 0.5 },
      options: [{ id: 'a', label: 'A', cost: 60 }, { id: 'b', label: 'B', cost: 50 }, { id: 'c', label: 'C', cost: 10 }],
    }));
    const form = (await app.inject('/api/forms/vote/b?lang=en')).body;
    assert.match(form, /Choose projects for a total of at most €100\. Spend at least €50\./);
    assert.match(form, /<span class="civic-nojs-hint" id="civic-vote-b-choice-hint">cost: €60<\/span>/);
    assert.match(form, /<input type="checkbox" id="civic-vote-b-reviewed" name="reviewed" value="true" aria-required="true"><label for="civic-vote-b-reviewed">I have checked my choice and confirm my vote\./);
    const over = await post('vote', 'b', [['lang', 'en'], ['choice', 'a'], ['choice', 'b'], ['reviewed', 'true']]);
    assert.equal(over.statusCode, 400);
    assert.equal(fieldError(over.body, 'civic-vote-b-choice'), 'Your projects cost €110, more than the €100 available: remove one.');
    const under = await post('vote', 'b', [['lang', 'fr'], ['choice', 'c'], ['reviewed', 'true']]);
    assert.match(fieldError(under.body, 'civic-vote-b-choice'), /^Dépensez au moins 50\s€\u00a0: ajoutez un projet\.$/);
    assert.equal((await post('vote', 'b', [['choice', 'a'], ['choice', 'c'], ['reviewed', 'true']])).statusCode, 201);
  });

  it('a budget, and a poll with "review": the confirmation box must be ticked; nothing is sent before', async () => {
    await putContent(app, 'votes', vote('rv', { method: 'multiple', maxChoices: 2, review: true }));
    await putContent(app, 'votes', vote('plain'));
    assert.doesNotMatch((await app.inject('/api/forms/vote/plain?lang=en')).body, /name="reviewed"/);
    const res = await post('vote', 'rv', [['lang', 'fr'], ['choice', 'a'], ['choice', 'c']]);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(summary(res.body), [{ href: '#civic-vote-rv-reviewed', text: 'J’ai vérifié mon choix et je confirme mon vote.\u00a0: Cochez cette case après avoir vérifié votre choix.' }]);
    assert.equal(fieldError(res.body, 'civic-vote-rv-reviewed'), 'Cochez cette case après avoir vérifié votre choix.');
    for (const id of ['civic-vote-rv-choice', 'civic-vote-rv-choice-2']) assert.match(tag(res.body, id), /type="checkbox".* checked/, 'the choice is kept');
    assert.equal((await rows('vote', 'rv')).length, 0);
    assert.equal((await post('vote', 'rv', [['choice', 'a'], ['choice', 'c'], ['reviewed', 'true']])).statusCode, 201);
    assert.deepEqual((await rows('vote', 'rv'))[0]!.payload, { choices: ['a', 'c'] });
  });

  it('invitation codes and eligibility: refusals at their fields; a used code is said so', async () => {
    await putContent(app, 'votes', vote('c', {
      access: 'codes',
      eligibility: [
        { id: 'resident', type: 'yesno', label: 'I live here', mustBeYes: true },
        { id: 'age', type: 'choice', label: 'Age', required: true, options: [{ id: 'young', label: 'Under 30' }, { id: 'old', label: '30 or more' }] },
      ],
    }));
    const issued = await app.inject({ method: 'POST', url: '/api/admin/votes/c/codes', headers: auth, payload: { count: 1 } });
    const [code] = issued.json().codes as string[];
    const bad = await post('vote', 'c', [['lang', 'en'], ['code', 'NOPE'], ['choice', 'a']]);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Only residents who answer yes may vote\.|Answer this question to vote\./);
    const good = [['lang', 'en'], ['code', code!], ['elig.resident', 'true'], ['elig.age', 'old'], ['choice', 'a']] as Pairs;
    const wrongCode = await post('vote', 'c', [['lang', 'en'], ['code', 'AAAAAAAAAA'], ['elig.resident', 'true'], ['elig.age', 'old'], ['choice', 'a']]);
    assert.equal(fieldError(wrongCode.body, 'civic-vote-c-code'), 'This code is not valid: check it (letters and digits as printed).');
    assert.match(tag(wrongCode.body, 'civic-vote-c-code'), /value="AAAAAAAAAA"/);
    assert.match(tag(wrongCode.body, 'civic-vote-c-elig_resident'), / checked/);
    assert.equal((await post('vote', 'c', good)).statusCode, 201);
    assert.deepEqual((await rows('vote', 'c'))[0]!.payload, { choices: ['a'], eligibility: { resident: true, age: 'old' } });
    const again = await post('vote', 'c', good);
    assert.equal(again.statusCode, 409);
    assert.equal(fieldError(again.body, 'civic-vote-c-code'), 'This code has already been used to vote.');
  });

  it('the same page posted twice (back button, double click) is one ballot; a filled honeypot stores nothing', async () => {
    await putContent(app, 'votes', vote('v1'));
    const page = (await app.inject('/api/forms/vote/v1?format=page')).body;
    const k = /name="_key" value="([^"]+)"/.exec(page)![1]!;
    assert.equal((await post('vote', 'v1', [['_key', k], ['choice', 'a']])).statusCode, 201);
    const second = await post('vote', 'v1', [['_key', k], ['choice', 'a']]);
    assert.equal(second.statusCode, 201);
    assert.match(second.body, /Thank you, your vote has been counted/, 'no language asked: English');
    assert.equal((await rows('vote', 'v1')).length, 1);
    const bot = await post('vote', 'v1', [['choice', 'b'], ['website', 'http://spam.example']]);
    assert.equal(bot.statusCode, 201);
    assert.equal((await rows('vote', 'v1')).length, 1);
  });

  it('the per-network ballot limit of the JSON route applies, with the wait in the page', async () => {
    const limited = await testApp(db, { ...options, voteIpLimit: 1 });
    try {
      await putContent(limited, 'votes', vote('v1'));
      assert.equal((await post('vote', 'v1', [['choice', 'a']], {}, limited)).statusCode, 201);
      const res = await post('vote', 'v1', [['lang', 'en'], ['choice', 'b']], {}, limited);
      assert.equal(res.statusCode, 429);
      assert.ok(Number(res.headers['retry-after']) > 0);
      assert.match(summary(res.body)[0]!.text, /^Too many attempts from this connection\. Please try again in (60|59) minutes\.$/);
      assert.match(tag(res.body, 'civic-vote-v1-choice-1'), / checked/);
    } finally {
      await limited.close();
    }
  });

  it('a vote closed between the form and the post: a page that says so', async () => {
    await putContent(app, 'votes', vote('v1', { opensAt: past(7200_000), closesAt: past() }));
    const res = await post('vote', 'v1', [['lang', 'en'], ['choice', 'a']]);
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /This closed on /);
  });
});

/* ---------------------------------------------------------------- surveys */

function surveyDef(extra: Partial<SurveyDefinitionInput> = {}): SurveyDefinitionInput {
  const opts = (...ids: string[]) => ids.map((id) => ({ id, label: { fr: id.toUpperCase(), en: id.toUpperCase() } }));
  return {
    id: 's1',
    title: { fr: 'Mobilité', en: 'Getting around' },
    contact: { consent: { fr: 'Pour vous recontacter.', en: 'To contact you again.' } },
    pages: [
      {
        id: 'p1',
        questions: [
          { id: 'name', type: 'text', label: { fr: 'Nom', en: 'Name' }, required: true, minLength: 2 },
          { id: 'mail', type: 'email', label: 'E-mail' },
          { id: 'age', type: 'number', label: { fr: 'Âge', en: 'Age' }, min: 0, max: 120 },
          { id: 'since', type: 'date', label: 'Since', min: '2020-01-01' },
          { id: 'mode', type: 'single', label: { fr: 'Mode', en: 'Mode' }, options: opts('velo', 'bus'), other: true, required: true },
          { id: 'bike', type: 'textarea', label: { fr: 'Pourquoi le vélo ?', en: 'Why cycle?' }, required: true, visibleIf: { question: 'mode', equals: 'velo' } },
          { id: 'car', type: 'text', label: { fr: 'Pourquoi pas le vélo ?', en: 'Why not cycle?' }, visibleIf: { not: { question: 'mode', equals: 'velo' } } },
          { id: 'days', type: 'multiple', label: 'Days', options: opts('mon', 'tue', 'wed'), maxSelected: 2 },
          { id: 'dept', type: 'dropdown', label: 'Area', options: opts('north', 'south') },
          { id: 'ok', type: 'yesno', label: { fr: 'Satisfait ?', en: 'Happy?' }, required: true },
          { id: 'stars', type: 'scale', label: 'Stars', min: 1, max: 5, minLabel: 'bad', maxLabel: 'great' },
          { id: 'order', type: 'ranking', label: 'Order', options: opts('x', 'y', 'z') },
          { id: 'grid', type: 'matrix', label: 'Grid', required: true, rows: opts('r1', 'r2'), columns: opts('c1', 'c2') },
          { id: 'note', type: 'info', label: { fr: 'Merci de répondre.', en: 'Thank you for answering.' } },
        ],
      },
      {
        id: 'p2',
        title: { fr: 'Suite', en: 'More' },
        visibleIf: { question: 'ok', equals: true },
        questions: [{ id: 'agree', type: 'consent', label: { fr: 'J’accepte', en: 'I agree' }, required: true }],
      },
    ],
    ...extra,
  };
}

const validSurvey: Pairs = [
  ['q.name', 'Léa'], ['q.mail', 'lea@example.org'], ['q.age', '42'], ['q.since', '2024-05-01'], ['q.mode', 'velo'], ['q.bike', 'Plus rapide'],
  ['q.days', 'mon'], ['q.days', 'tue'], ['q.dept', 'south'], ['q.ok', 'true'], ['q.stars', '4'],
  ['q.order.1', 'y'], ['q.order.2', 'x'], ['q.order.3', 'z'], ['q.grid.r1', 'c1'], ['q.grid.r2', 'c2'], ['q.agree', 'true'],
  ['contact.name', 'Léa M.'], ['contact.email', ''],
];

describe('surveys without JavaScript', () => {
  it('every question type on one long page; conditions said in words', async () => {
    await putContent(app, 'surveys', surveyDef());
    const html = (await app.inject('/api/forms/survey/s1?lang=en')).body;
    const p = 'civic-survey-s1-';
    assert.match(tag(html, `${p}q_name`), /<input type="text" id="civic-survey-s1-q_name" name="q\.name"[^>]*aria-required="true"/);
    assert.match(tag(html, `${p}q_mail`), /type="email"/);
    assert.match(tag(html, `${p}q_age`), /inputmode="decimal"/);
    assert.match(tag(html, `${p}q_since`), /type="date".*min="2020-01-01"/);
    assert.match(tag(html, `${p}q_mode-2`), /type="radio".*value="_other"/);
    assert.match(tag(html, `${p}other_mode`), /name="other\.mode"/);
    assert.match(tag(html, `${p}q_days`), /type="checkbox"/);
    assert.match(tag(html, `${p}q_dept`), /<select/);
    assert.match(tag(html, `${p}q_ok-1`), /type="radio".*value="false"/);
    assert.match(tag(html, `${p}q_stars-4`), /type="radio".*value="5"/);
    assert.match(html, /From 1 \(bad\) to 5 \(great\)\./);
    assert.match(tag(html, `${p}q_order_3`), /<select id="civic-survey-s1-q_order_3" name="q\.order\.3"/);
    assert.match(tag(html, `${p}q_grid_r2-1`), /type="radio".*name="q\.grid\.r2" value="c2"/);
    assert.match(tag(html, `${p}q_agree`), /type="checkbox"/);
    assert.match(html, /<p dir="auto">Thank you for answering\.<\/p>/);
    assert.match(html, /<p class="civic-nojs-note" id="civic-survey-s1-q_bike-note">Answer only if your answer to “Mode” is “VELO”\.<\/p>/);
    assert.match(html, /<p class="civic-nojs-note" id="civic-survey-s1-q_car-note">Answer only if your answer to “Mode” is not “VELO”\.<\/p>/);
    assert.match(html, /<legend>More<\/legend><p class="civic-nojs-note">This part is only for you if your answer to “Happy\?” is “Yes”\.<\/p>/);
    assert.match(tag(html, `${p}contact_email`), /autocomplete="email"/);
    assert.doesNotMatch(html, / required[ >]/, 'no browser validation: a conditional question may be required only when shown');
  });

  it('errors at each question, in French, with every answer kept', async () => {
    await putContent(app, 'surveys', surveyDef());
    const res = await post('survey', 's1', [
      ['lang', 'fr'], ['q.name', 'A'], ['q.mail', 'pas-une-adresse'], ['q.age', '200'], ['q.mode', '_other'], ['other.mode', ''],
      ['q.days', 'mon'], ['q.days', 'tue'], ['q.days', 'wed'], ['q.order.1', 'x'], ['q.grid.r1', 'c2'], ['q.bike', 'gardé'],
    ]);
    assert.equal(res.statusCode, 400);
    assertPage(res, 'fr');
    const p = 'civic-survey-s1-';
    const expected: Record<string, string> = {
      q_name: 'Écrivez au moins 2\u00a0caractères.',
      q_mail: 'Saisissez une adresse électronique comme nom@exemple.fr.',
      q_age: 'Saisissez 120 ou moins.',
      other_mode: 'Précisez votre réponse «\u00a0autre\u00a0».',
      q_days: 'Choisissez 2\u00a0réponses au plus.',
      q_ok: 'Répondez à cette question.',
      q_order_1: 'Donnez à chaque élément une position différente.',
      q_grid_r2: 'Répondez à cette question.',
    };
    for (const [id, message] of Object.entries(expected)) assert.equal(fieldError(res.body, p + id), message, id);
    const lines = summary(res.body);
    assert.equal(lines.length, Object.keys(expected).length);
    assert.ok(lines.every((l) => l.href && l.href.startsWith(`#${p}`)));
    assert.match(res.body, /Corrigez les 8\u00a0réponses suivantes/);
    // Kept: text, radio, checkboxes, selects, matrix, the answer of a question the answers made unnecessary.
    assert.match(tag(res.body, `${p}q_name`), /value="A"/);
    assert.match(tag(res.body, `${p}q_mail`), /value="pas-une-adresse"/);
    assert.match(tag(res.body, `${p}q_mode-2`), / checked/);
    assert.equal([...res.body.matchAll(/name="q\.days" value="[a-z]+" checked/g)].length, 3);
    assert.match(res.body, /<option value="x" selected>X<\/option>/);
    assert.match(tag(res.body, `${p}q_grid_r1-1`), / checked/);
    assert.match(res.body, /<textarea id="civic-survey-s1-q_bike"[^>]*>gardé<\/textarea>/);
    assert.match(res.body, /id="civic-survey-s1-q_bike-note">À remplir seulement si .* Avec vos réponses ci-dessus, vous pouvez passer ceci\.</);
    assert.equal((await rows('survey', 's1')).length, 0);
  });

  it('the same stored response as the JSON route for the same answers', async () => {
    await putContent(app, 'surveys', surveyDef());
    const res = await post('survey', 's1', [['lang', 'en'], ...validSurvey]);
    assert.equal(res.statusCode, 201, res.body);
    assert.match(res.body, /Thank you! Your answers have been received\./);
    const answers = {
      name: 'Léa', mail: 'lea@example.org', age: 42, since: '2024-05-01', mode: 'velo', bike: 'Plus rapide', days: ['mon', 'tue'], dept: 'south',
      ok: true, stars: 4, order: ['y', 'x', 'z'], grid: { r1: 'c1', r2: 'c2' }, agree: true,
    };
    const json = await app.inject({ method: 'POST', url: '/api/surveys/s1/responses', headers: { 'idempotency-key': key() }, payload: { answers, contact: { name: 'Léa M.' } } });
    assert.equal(json.statusCode, 201, json.body);
    const [viaForm, viaJson] = await rows('survey', 's1');
    assert.deepEqual(viaForm!.payload, viaJson!.payload);
    assert.deepEqual(viaForm!.payload, { answers, contact: { name: 'Léa M.' } });
    assert.equal(viaForm!.status, 'accepted');
  });

  it('answers to questions the other answers hide are dropped, never refused; a decimal comma is a number', async () => {
    await putContent(app, 'surveys', surveyDef());
    const pairs = validSurvey.filter(([k]) => !['q.mode', 'q.ok', 'q.age'].includes(k));
    const res = await post('survey', 's1', [...pairs, ['q.mode', 'bus'], ['q.ok', 'false'], ['q.age', '41,5']]);
    assert.equal(res.statusCode, 201, res.body);
    const stored = (await rows('survey', 's1'))[0]!.payload as { answers: Record<string, unknown> };
    assert.equal(stored.answers.bike, undefined);
    assert.equal(stored.answers.agree, undefined);
    assert.equal(stored.answers.age, 41.5);
  });
});

/* ---------------------------------------------------------------- petitions */

function petitionDef(extra: Partial<PetitionDefinitionInput> = {}): PetitionDefinitionInput {
  return {
    id: 'p1', title: { fr: 'Sauvons la poste', en: 'Save the post office' }, summary: { fr: 'Résumé', en: 'Summary' },
    addressee: 'Le maire', profile: 'standard', publicNames: true, ...extra,
  };
}
const signer: Pairs = [['firstName', 'Marie'], ['lastName', 'Dupont'], ['email', 'Marie@Example.org'], ['postcode', '37000'], ['town', 'Tours'], ['publicName', 'initial']];

describe('petitions without JavaScript', () => {
  it('the profile’s fields; the same pending row as the JSON route; the confirmation mail in the page’s language (double opt-in)', async () => {
    await putContent(app, 'petitions', petitionDef());
    const form = (await app.inject('/api/forms/petition/p1?lang=en')).body;
    for (const f of ['firstName', 'lastName', 'email', 'postcode', 'town']) assert.match(tag(form, `civic-petition-p1-${f}`), /aria-required="true"/);
    assert.match(form, /Addressed to: Le maire/);
    assert.match(tag(form, 'civic-petition-p1-publicName-1'), /value="initial"/);

    const res = await post('petition', 'p1', [['lang', 'en'], ['return', 'https://ville.example/petition'], ...signer]);
    assert.equal(res.statusCode, 201, res.body);
    assert.match(res.body, /Almost done: we sent a message to Marie@Example\.org\./);
    const json = await app.inject({
      method: 'POST', url: '/api/petitions/p1/signatures', headers: { 'idempotency-key': key() },
      payload: { firstName: 'Jean', lastName: 'Martin', email: 'jean@example.org', postcode: '37000', town: 'Tours', publicName: 'initial', lang: 'en', returnUrl: 'https://ville.example/petition' },
    });
    assert.equal(json.statusCode, 201);
    const [viaForm, viaJson] = await rows('petition', 'p1');
    assert.equal(viaForm!.status, 'pending');
    assert.equal(viaJson!.status, 'pending');
    assert.deepEqual(Object.keys(viaForm!.payload).sort(), Object.keys(viaJson!.payload).sort());
    assert.deepEqual(viaForm!.payload, { firstName: 'Marie', lastName: 'Dupont', email: 'marie@example.org', postcode: '37000', town: 'Tours', publicName: 'initial', returnUrl: 'https://ville.example/petition' });
    const [mail] = mails('marie@example.org');
    assert.ok(mail, 'a confirmation mail');
    assert.match(mail.subject, /^Confirm your signature: Save the post office$/);
    const link = /https:\/\/mairie\.example(\/api\/petitions\/p1\/confirm\?token=[\w-]+&lang=en)/.exec(mail.text)![1]!;
    const confirmed = await app.inject(link);
    assert.match(confirmed.body, /your signature is counted/);
    assert.match(confirmed.body, /href="https:\/\/ville\.example\/petition\?civic-confirmed=p1"/);
    assert.equal((await rows('petition', 'p1'))[0]!.status, 'accepted');
  });

  it('missing and malformed fields, at their fields, values kept', async () => {
    await putContent(app, 'petitions', petitionDef({ profile: 'formal' }));
    const res = await post('petition', 'p1', [['lang', 'en'], ['firstName', 'Marie'], ['email', 'nope'], ['postcode', '??']]);
    assert.equal(res.statusCode, 400);
    const p = 'civic-petition-p1-';
    assert.equal(fieldError(res.body, `${p}email`), 'Enter an e-mail address like name@example.org.');
    assert.match(tag(res.body, `${p}firstName`), /value="Marie"/);
    assert.match(tag(res.body, `${p}email`), /value="nope"/);
    const ok = await post('petition', 'p1', [['lang', 'en'], ['firstName', 'Marie'], ['email', 'marie@example.org'], ['postcode', '??']]);
    assert.equal(fieldError(ok.body, `${p}lastName`), 'Answer this question.');
    assert.equal(fieldError(ok.body, `${p}postcode`), 'Enter a valid postcode.');
    assert.equal(fieldError(ok.body, `${p}elector`), 'Tick this box to continue.');
    assert.equal(fieldError(ok.body, `${p}declaration`), 'Tick this box to continue.');
    assert.equal((await rows('petition', 'p1')).length, 0);
  });

  it('honeypot and minimum fill time: answered like any signature, stored rejected, no mail', async () => {
    await putContent(app, 'petitions', petitionDef());
    const bot = await post('petition', 'p1', [['lang', 'fr'], ...signer, ['website', 'x']]);
    assert.equal(bot.statusCode, 201);
    assert.match(bot.body, /Presque terminé/);
    const page = (await app.inject('/api/forms/petition/p1?format=page')).body;
    const ts = /name="_ts" value="([^"]+)"/.exec(page)![1]!;
    const fast = await post('petition', 'p1', [...signer.map(([k, v]) => [k, k === 'email' ? 'fast@example.org' : v] as [string, string]), ['_ts', ts]]);
    assert.equal(fast.statusCode, 201);
    // A form served 10 s ago (signed with the server's salt) passes; a forged stamp counts as no stamp.
    const ms = Date.now() - 10_000;
    const slow = await post('petition', 'p1', [...signer.map(([k, v]) => [k, k === 'email' ? 'slow@example.org' : v] as [string, string]), ['_ts', `${ms}.${hmac('test-salt', `nojs-ts:${ms}`).slice(0, 16)}`]]);
    assert.equal(slow.statusCode, 201);
    const statuses = (await db.query<{ email: string; status: string; flag: string | null; fill_ms: number | null }>(
      `SELECT s.payload->>'email' AS email, s.status, ps.flag, ps.fill_ms FROM submissions s JOIN petition_signatures ps ON ps.submission_id = s.id ORDER BY s.created_at`,
    )).rows;
    assert.deepEqual(statuses.map((r) => [r.email, r.status, r.flag]), [
      ['marie@example.org', 'rejected', 'honeypot'], ['fast@example.org', 'rejected', 'too_fast'], ['slow@example.org', 'pending', null],
    ]);
    assert.ok(statuses[2]!.fill_ms! >= 10_000);
    assert.deepEqual(mailer.sent.map((m) => m.to), ['slow@example.org']);
  });

  it('a petition with a proof of work: a notice, not a form', async () => {
    await putContent(app, 'petitions', petitionDef({ pow: { difficulty: 8 } }));
    const form = (await app.inject('/api/forms/petition/p1?lang=en')).body;
    assert.match(form, /can only be signed with JavaScript enabled/);
    assert.doesNotMatch(form, /<form/);
    assert.equal((await post('petition', 'p1', signer)).statusCode, 409);
    assert.equal((await rows('petition', 'p1')).length, 0);
  });
});

/* ---------------------------------------------------------------- map reports */

async function multipart(fields: Pairs, files: Array<{ name: string; bytes: Buffer; filename: string }> = []) {
  const fd = new FormData();
  for (const [k, v] of fields) fd.append(k, v);
  for (const f of files) fd.append(f.name, new Blob([new Uint8Array(f.bytes)]), f.filename);
  const req = new Request('http://localhost/', { method: 'POST', body: fd });
  return { payload: Buffer.from(await req.arrayBuffer()), type: req.headers.get('content-type')! };
}

async function postReport(fields: Pairs, files: Array<{ name: string; bytes: Buffer; filename: string }> = [], target: FastifyInstance = app) {
  const body = await multipart(fields, files);
  return target.inject({ method: 'POST', url: '/api/forms/map-report/saint-aubin', headers: { 'content-type': body.type }, payload: body.payload });
}

describe('map reports without JavaScript', () => {
  it('categories, their questions, an address or a place instead of the map, photos as files', async () => {
    await putContent(app, 'map-reports', saintAubin());
    const html = (await app.inject('/api/forms/map-report/saint-aubin?lang=fr')).body;
    assert.match(html, /<form class="civic-nojs-form" method="post" action="[^"]+\/api\/forms\/map-report\/saint-aubin" enctype="multipart\/form-data" novalidate>/);
    assert.match(tag(html, 'civic-map-report-saint-aubin-service_code'), /type="radio".*value="nid-de-poule"/);
    assert.match(html, /<legend>Seulement si vous avez choisi «\u00a0[^<]+\u00a0»<\/legend>/);
    assert.match(tag(html, 'civic-map-report-saint-aubin-attr_nid-de-poule_taille'), /type="radio"/);
    assert.match(tag(html, 'civic-map-report-saint-aubin-address_string'), /autocomplete="street-address"/);
    assert.match(tag(html, 'civic-map-report-saint-aubin-landmark'), /<select/);
    assert.match(tag(html, 'civic-map-report-saint-aubin-media'), /type="file".*accept="image\/jpeg,image\/png,image\/webp" multiple/);
  });

  it('a report with a photo, a landmark and a category question: the same rows as the JSON route, photo cleaned and served', async () => {
    await putContent(app, 'map-reports', saintAubin());
    const res = await postReport([
      ['lang', 'en'], ['service_code', 'nid-de-poule'], ['description', 'Un trou profond'], ['landmark', 'mairie'],
      ['attr.nid-de-poule.taille', 'moyen'], ['attr.nid-de-poule.gene', 'pietons'], ['attr.nid-de-poule.gene', 'velos'], ['attr.lampadaire.numero', 'ignored'],
      ['email', 'lea@example.org'], ['subscribe', 'true'],
    ], [{ name: 'media', bytes: TINY_JPEG, filename: 'trou.jpg' }]);
    assert.equal(res.statusCode, 201, res.body);
    const n = /Thank you! Your report no\. (\d+) has been received\./.exec(res.body)![1]!;
    assert.match(res.body, /To get e-mail updates, open the link we just sent you\./);
    const report = (await app.inject(`/api/map-reports/saint-aubin/requests/${n}`)).json();
    assert.equal(report.service_code, 'nid-de-poule');
    assert.equal(report.media_urls.length, 1);
    const photo = await app.inject(new URL(report.media_urls[0]).pathname);
    assert.equal(photo.headers['content-type'], 'image/jpeg');
    const [row] = await rows('map-report', 'saint-aubin');
    assert.equal(row!.status, 'accepted');
    assert.deepEqual(row!.payload.attribute, { taille: 'moyen', gene: ['pietons', 'velos'] });
    assert.equal(row!.payload.landmark, 'mairie');
    assert.ok(typeof row!.payload.lat === 'number', 'the landmark places it');
    assert.equal(mails('lea@example.org').length, 1);
  });

  it('no place, no category answer, not a photo: errors at their fields, values kept, photos to choose again', async () => {
    await putContent(app, 'map-reports', saintAubin());
    const res = await postReport([['lang', 'en'], ['service_code', 'nid-de-poule'], ['description', 'Un trou']], [{ name: 'media', bytes: Buffer.from('not an image'), filename: 'x.jpg' }]);
    assert.equal(res.statusCode, 400);
    const p = 'civic-map-report-saint-aubin-';
    assert.equal(fieldError(res.body, `${p}address_string`), 'Say where it is: type an address or choose a place from the list.');
    assert.equal(fieldError(res.body, `${p}attr_nid-de-poule_taille`), 'Answer this question.');
    assert.match(res.body, /<textarea id="civic-map-report-saint-aubin-description"[^>]*>Un trou<\/textarea>/);
    assert.match(tag(res.body, `${p}service_code`), / checked/);
    const photo = await postReport([['lang', 'en'], ['service_code', 'trottoir'], ['description', 'Trottoir cassé'], ['address_string', '12 rue des Écoles']], [{ name: 'media', bytes: Buffer.from('not an image'), filename: 'x.jpg' }]);
    assert.equal(photo.statusCode, 415);
    assert.equal(fieldError(photo.body, `${p}media`), 'One of the files is not a JPEG, PNG or WebP photo.');
    assert.match(tag(photo.body, `${p}address_string`), /value="12 rue des Écoles"/);
    assert.equal((await rows('map-report', 'saint-aubin')).length, 0);
  });

  it('a photo over the size limit: the form again, nothing stored', async () => {
    const small = await testApp(db, { ...options, mapReports: { mailer, photoMaxBytes: 1000 } });
    try {
      await putContent(small, 'map-reports', saintAubin());
      const res = await postReport([['lang', 'en'], ['service_code', 'trottoir'], ['description', 'Trottoir'], ['address_string', 'Rue']], [{ name: 'media', bytes: Buffer.alloc(5000, 1), filename: 'big.jpg' }], small);
      assert.equal(res.statusCode, 413);
      assert.match(fieldError(res.body, 'civic-map-report-saint-aubin-media'), /^A photo is larger than .+: choose a smaller one\.$/);
      assert.equal((await rows('map-report', 'saint-aubin')).length, 0);
    } finally {
      await small.close();
    }
  });

  it('a url-encoded form (no photo field) works too', async () => {
    await putContent(app, 'map-reports', saintAubin({ maxPhotos: 0 }));
    const html = (await app.inject('/api/forms/map-report/saint-aubin')).body;
    assert.doesNotMatch(html, /enctype=|type="file"/);
    const res = await app.inject({
      method: 'POST', url: '/api/forms/map-report/saint-aubin', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['service_code', 'tag'], ['description', 'Un tag'], ['address_string', 'Place du marché']]).toString(),
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((await rows('map-report', 'saint-aubin'))[0]!.payload.address_string, 'Place du marché');
  });
});

/* ---------------------------------------------------------------- comments */

function threadDef(extra: Partial<ThreadDefinitionInput> = {}): ThreadDefinitionInput {
  return { id: 't1', title: { fr: 'La place', en: 'The square' }, stances: true, maxDepth: 2, ...extra };
}
const commentRows = async () =>
  (await db.query<{ id: string; parent_id: string | null; author: string; body: string; stance: string | null; status: string; device_hash: string | null; ip_hash: string | null }>(
    'SELECT id, parent_id, author, body, stance, status, device_hash, ip_hash FROM comments WHERE thread_id = $1 ORDER BY created_at, id', ['t1'],
  )).rows;

describe('comments without JavaScript', () => {
  it('a top-level comment, then a reply from the thread page: stored as by the JSON route', async () => {
    await putContent(app, 'threads', threadDef());
    const res = await post('comments', 't1', [['lang', 'en'], ['author', 'Camille'], ['body', 'Plus d’arbres.\n\nEt des bancs.'], ['stance', 'for']]);
    assert.equal(res.statusCode, 201, res.body);
    assert.match(res.body, /Thank you, your comment is published\./);
    const [top] = await commentRows();
    assert.deepEqual([top!.author, top!.body, top!.stance, top!.status, top!.parent_id], ['Camille', 'Plus d’arbres.\n\nEt des bancs.', 'for', 'accepted', null]);
    assert.ok(top!.device_hash && top!.ip_hash);

    const page = await app.inject('/api/forms/comments/t1?format=page&lang=en');
    assertPage(page, 'en');
    assert.match(page.body, /<strong>Camille<\/strong> on [^<]+ · For<\/p><p dir="auto">Plus d’arbres\.<\/p><p dir="auto">Et des bancs\.<\/p>/);
    const replyHref = /<a href="([^"]+)" aria-label="Reply to Camille">Reply<\/a>/.exec(page.body)![1]!.replace(/&amp;/g, '&');
    const replyPage = await app.inject(new URL(replyHref).pathname + new URL(replyHref).search);
    assert.match(replyPage.body, /<h1 id="civic-comments-t1-title">Reply to Camille<\/h1><blockquote class="civic-nojs-quote">/);
    assert.match(replyPage.body, new RegExp(`<input type="hidden" name="parentId" value="${top!.id}">`));
    assert.doesNotMatch(replyPage.body, /name="stance"/, 'stances are for top-level comments');
    assert.match(replyPage.body, /<button type="submit">Publish my reply<\/button>/);

    const reply = await post('comments', 't1', [['lang', 'en'], ['parentId', top!.id], ['author', 'Léa'], ['body', 'D’accord']]);
    assert.equal(reply.statusCode, 201, reply.body);
    const all = await commentRows();
    assert.equal(all[1]!.parent_id, top!.id);
    const after = (await app.inject('/api/forms/comments/t1?format=page&lang=en')).body;
    assert.match(after, /<ol class="civic-nojs-replies"><li><article[^>]*><p class="civic-nojs-meta"><strong>Léa<\/strong>/);
    assert.equal([...after.matchAll(/>Reply<\/a>/g)].length, 1, 'no reply link at the deepest level');
  });

  it('the fragment links to the thread page; moderation is the thread’s; errors at their fields', async () => {
    await putContent(app, 'threads', threadDef({ moderation: 'first', maxLength: 20 }));
    const fragment = (await app.inject('/api/forms/comments/t1?lang=fr&return=https%3A%2F%2Fville.example%2Fplace')).body;
    assert.match(fragment, /<a href="[^"]+\/api\/forms\/comments\/t1\?format=page&amp;lang=fr&amp;return=https%3A%2F%2Fville\.example%2Fplace">Lire les commentaires et répondre<\/a>/);
    const noName = await post('comments', 't1', [['lang', 'fr'], ['author', ' '], ['body', 'x'.repeat(30)]]);
    assert.equal(noName.statusCode, 400);
    assert.equal(fieldError(noName.body, 'civic-comments-t1-author'), 'Répondez à cette question.');
    // As with JSON: the thread's own length rule is checked once the body has the protocol's shape.
    const tooLong = await post('comments', 't1', [['lang', 'fr'], ['author', 'Camille'], ['body', 'x'.repeat(30)]]);
    assert.equal(fieldError(tooLong.body, 'civic-comments-t1-body'), 'Écrivez 20\u00a0caractères au plus.');
    assert.match(tooLong.body, /<textarea id="civic-comments-t1-body"[^>]*>x{30}<\/textarea>/);
    assert.match(tag(tooLong.body, 'civic-comments-t1-author'), /value="Camille"/);
    const held = await post('comments', 't1', [['lang', 'fr'], ['author', 'Camille'], ['body', 'Bonjour']]);
    assert.equal(held.statusCode, 201);
    assert.match(held.body, /sera publié après relecture par la modération/);
    assert.equal((await commentRows())[0]!.status, 'pending');
  });
});
