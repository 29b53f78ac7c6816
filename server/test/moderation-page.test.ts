/**
 * The moderation page in a real Chromium against the real backend: token sign-in (sessionStorage),
 * the pending list, actions, bans, word rules and log; hostile comment text shown as text only,
 * under a CSP without inline script; French or English after the browser's language.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Db } from '../db.js';
import { ADMIN_TOKEN, openTestDb, testApp } from './helpers.js';
import { comment, putThread, resetComments } from './comments-support.js';

let db: Db;
let app: FastifyInstance;
let browser: Browser;
let base = '';

before(async () => {
  db = await openTestDb();
  await resetComments(db);
  app = await testApp(db, { comments: { limits: { ipBurst: 1000, ipHour: 1000 } } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // scripts/chromium.mjs is plain JS (shared with the browser test runner): imported untyped.
  const chromiumModule: string = '../../scripts/chromium.mjs';
  const { findChromium } = (await import(chromiumModule)) as { findChromium(): string | undefined };
  const executablePath = findChromium();
  assert.ok(executablePath, 'Chromium is needed (apt-get install chromium, or CHROME_PATH)');
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'] });
});
after(async () => {
  await browser?.close();
  await app.close();
  await db.close();
});

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script> & "quotes" \u202Ereversed';

async function open(locale: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  const res = await page.goto(`${base}/admin/moderation`);
  assert.equal(res?.status(), 200);
  const csp = res!.headers()['content-security-policy']!;
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  return { page, errors };
}

describe('moderation page', () => {
  it('signs in with the token, lists pending comments as text, approves, rejects with a reason, bans, saves rules', async () => {
    await putThread(app, 'place', { moderation: 'pre' });
    const hostile = await comment(app, 'place', 'device-hostile-0000000', HOSTILE, { author: '<b>Mallory</b>' });
    const other = await comment(app, 'place', 'device-other-000000000', 'Un avis tout à fait correct.');

    const { page, errors } = await open('en-GB');
    assert.equal(await page.locator('h1').textContent(), 'Moderation');
    await page.getByLabel('Admin token').fill('wrong-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not accepted' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('civic-admin-token')), null);

    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.item').nth(1).waitFor();
    assert.equal(await page.evaluate(() => document.cookie), '');
    const first = page.locator('.item').first();
    assert.equal(await first.locator('.body').textContent(), HOSTILE);
    assert.equal(await first.locator('.author').textContent(), '<b>Mallory</b>');
    assert.equal(await page.locator('.items img, .items script, .items b').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);

    // reject needs a reason
    await first.getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('alert').filter({ hasText: 'reason' }).waitFor();
    await first.getByLabel(/Reason/).fill('Code malveillant');
    await first.getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('status').filter({ hasText: 'Rejected.' }).waitFor();
    // ban its device
    const rejected = page.locator('.item').first();
    await rejected.getByLabel(/Reason/).fill('Récidive');
    await rejected.getByRole('button', { name: 'Ban this device' }).click();
    await page.locator('#bans li').filter({ hasText: 'Récidive' }).waitFor();
    // approve the other one
    await page.locator('.item').nth(1).getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').filter({ hasText: 'Approved.' }).waitFor();
    const { rows } = await db.query<{ id: string; status: string; reason: string | null }>('SELECT id, status, reason FROM comments ORDER BY created_at');
    assert.deepEqual(rows.map((r) => [r.id, r.status, r.reason]), [[hostile.id, 'rejected', 'Code malveillant'], [other.id, 'accepted', null]]);
    const bans = await db.query<{ identity: string }>('SELECT identity FROM comment_bans');
    assert.match(bans.rows[0]!.identity, /^device:[0-9a-f]{64}$/);

    // word rules
    await page.getByRole('textbox', { name: 'Rules' }).fill('arnaque* hold\ncrétin reject');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Rules saved.' }).waitFor();
    const saved = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'comment_rules'`);
    assert.deepEqual(JSON.parse(saved.rows[0]!.value), { words: [{ pattern: 'arnaque*', action: 'hold' }, { pattern: 'crétin', action: 'reject' }] });
    await page.locator('#log li').filter({ hasText: 'rules' }).waitFor();
    assert.ok((await page.locator('#log li').count()) >= 4);

    // signing out forgets the token
    await page.getByRole('button', { name: 'Sign out' }).click();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('civic-admin-token')), null);
    assert.deepEqual(errors.filter((e) => !/401/.test(e)), []);
    await page.context().close();
  });

  it('speaks French to a French browser', async () => {
    const { page, errors } = await open('fr-FR');
    assert.equal(await page.locator('h1').textContent(), 'Modération');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await page.getByLabel('Jeton d’administration').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Règles de mots' }).waitFor();
    await page.getByRole('status').filter({ hasText: /affiché/ }).waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
