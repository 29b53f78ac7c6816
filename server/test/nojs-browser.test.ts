/**
 * The forms without JavaScript in a real Chromium with JavaScript switched off (Playwright): a
 * town's page carrying the snippets the backend gives, answered with the keyboard and the mouse,
 * every kind submitted for real; Chromium's own accessibility tree (CDP) says the fallback is
 * there without the script, there when the script is blocked, and gone once the widget runs.
 * Screenshots go to NOJS_SHOTS=<dir> when set. Needs Chromium (apt-get install chromium, or CHROME_PATH).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { build } from 'esbuild';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Db } from '../db.js';
import { memoryMailer } from '../mail.js';
import { openTestDb, putContent, testApp, vote } from './helpers.js';
import { saintAubin, TINY_JPEG, truncateReports } from './map-reports-support.js';

// scripts/chromium.mjs is plain JS (shared with the browser test runner): imported untyped.
const chromiumModule: string = '../../scripts/chromium.mjs';
const { findChromium } = (await import(chromiumModule)) as { findChromium(): string | undefined };
const executablePath = findChromium();
const shots = process.env.NOJS_SHOTS;

let db: Db;
let app: FastifyInstance;
let api = '';
let site: Server;
let origin = '';
let browser: Browser;
const pages = new Map<string, string>();
let bundle = '';
const mailer = memoryMailer();

async function snippet(kind: string, id: string, extra = ''): Promise<string> {
  // Taken by a French town's webmaster (their browser's language; `&lang=` in `extra` wins).
  const res = await fetch(`${api}/api/forms/${kind}/${id}?format=snippet&return=${encodeURIComponent(`${origin}/${kind}`)}${extra}`, { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
  assert.equal(res.status, 200);
  return res.text();
}

/** A town's page: its own text around the snippet. `script` replaces the snippet's bundle URL. */
function townPage(lang: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Mairie</title></head>
<body style="font-family:serif;margin:1rem"><h1>Mairie de Saint-Aubin</h1><p>Texte de la page.</p>${body}</body></html>`;
}

async function shot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

/** Chromium's accessibility node of the first element matching `selector` (light DOM). */
async function axNode(context: BrowserContext, page: Page, selector: string): Promise<{ ignored: boolean; role?: string; name?: string }> {
  const cdp = await context.newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1 })) as { root: { nodeId: number } };
  const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })) as { nodeId: number };
  assert.ok(nodeId, `no ${selector}`);
  const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false })) as {
    nodes: Array<{ ignored: boolean; role?: { value: string }; name?: { value: string } }>;
  };
  await cdp.detach();
  const n = nodes[0]!;
  return { ignored: n.ignored, ...(n.role ? { role: n.role.value } : {}), ...(n.name ? { name: n.name.value } : {}) };
}

const rowsOf = async (kind: string) => (await db.query<{ payload: Record<string, unknown>; status: string }>('SELECT payload, status FROM submissions WHERE kind = $1 ORDER BY created_at', [kind])).rows;

describe('forms without JavaScript in Chromium', () => {
  before(async () => {
    assert.ok(executablePath, 'Chromium is needed (apt-get install chromium, or CHROME_PATH)');
    db = await openTestDb();
    await truncateReports(db);
    app = await testApp(db, {
      allowedOrigins: '*',
      petitions: { mailer, minFillMs: 0, limits: { ipBurst: 1000, ipHour: 1000, domainBurst: 1000, domainHour: 1000 } },
      mapReports: { mailer, minFillMs: 0 },
      comments: { mailer, minFillMs: 0, limits: { ipBurst: 1000, ipHour: 1000 } },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    api = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    site = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/widget.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
        return;
      }
      const html = pages.get(path);
      if (html) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

    await putContent(app, 'votes', vote('fete', { title: { fr: 'Quelle date pour la fête du village ?', en: 'Which date for the village fête?' }, options: [
      { id: 'juin', label: { fr: 'Samedi 20 juin', en: 'Saturday 20 June' } }, { id: 'juillet', label: { fr: 'Samedi 4 juillet', en: 'Saturday 4 July' } },
    ] }));
    await putContent(app, 'surveys', {
      id: 'enquete', title: { fr: 'Enquête mobilité', en: 'Getting around' }, pages: [{ id: 'p', questions: [
        { id: 'mode', type: 'single', required: true, label: { fr: 'Comment venez-vous ?', en: 'How do you come?' }, options: [{ id: 'velo', label: { fr: 'À vélo', en: 'By bike' } }, { id: 'bus', label: 'Bus' }] },
        { id: 'why', type: 'textarea', required: true, label: { fr: 'Pourquoi le vélo ?', en: 'Why the bike?' }, visibleIf: { question: 'mode', equals: 'velo' } },
        { id: 'mail', type: 'email', label: { fr: 'Adresse électronique', en: 'E-mail' } },
      ] }],
    } as { id: string });
    await putContent(app, 'petitions', { id: 'poste', title: { fr: 'Sauvons la poste', en: 'Save the post office' }, summary: { fr: 'Le bureau doit rester ouvert.', en: 'It must stay open.' }, profile: 'minimal' } as { id: string });
    await putContent(app, 'map-reports', saintAubin());
    await putContent(app, 'threads', { id: 'place', title: { fr: 'La place du marché', en: 'Market square' } } as { id: string });

    const widgetScript = `<script type="module" src="${origin}/widget.js"></script>`;
    pages.set('/vote', townPage('fr', await snippet('vote', 'fete')));
    pages.set('/survey', townPage('fr', await snippet('survey', 'enquete')));
    pages.set('/petition', townPage('en', await snippet('petition', 'poste', '&lang=en')));
    pages.set('/map-report', townPage('fr', await snippet('map-report', 'saint-aubin')));
    pages.set('/comments', townPage('fr', await snippet('comments', 'place')));
    // The snippet's bundle replaced by one made from the sources (the widget and the placeholder upgrade).
    pages.set('/with-widget', townPage('fr', (await snippet('vote', 'fete')).replace(/<script[^>]*><\/script>/, widgetScript)));
    pages.set('/with-placeholder', townPage('fr', (await snippet('vote', 'fete', '&placeholder=1')).replace(/<script[^>]*><\/script>/, widgetScript)));
    const out = await build({
      stdin: {
        contents: `import { CivicVote } from './src/components/vote/vote.ts'; import { upgradePlaceholder } from './src/internal/autoload.ts'; import { widgets } from './src/internal/widgets.ts';
          CivicVote.define(); document.querySelectorAll('[data-civic-widget]').forEach((el) => upgradePlaceholder(widgets, el));`,
        resolveDir: new URL('../..', import.meta.url).pathname, loader: 'ts',
      },
      bundle: true, format: 'esm', write: false, target: 'es2022', tsconfig: new URL('../../tsconfig.json', import.meta.url).pathname, logLevel: 'silent',
    });
    bundle = out.outputFiles[0]!.text;
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'] });
  });

  after(async () => {
    await browser?.close();
    await new Promise((r) => site?.close(r));
    await app?.close();
    await db?.close();
  });

  async function noJs(width = 1024): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 800 } });
    return { context, page: await context.newPage() };
  }

  it('a vote with the keyboard only: the confirmation in French, then back to the town’s page', async () => {
    const { context, page } = await noJs(320);
    await page.goto(`${origin}/vote`);
    const button = await axNode(context, page, '[data-civic-fallback] button[type=submit]');
    assert.deepEqual(button, { ignored: false, role: 'button', name: 'Voter' });
    await shot(page, 'vote-form-fr-320');
    // Tab into the radio group, arrow to the second date (selects it), Tab to the button, Enter.
    await page.keyboard.press('Tab');
    assert.equal(await page.locator(':focus').getAttribute('value'), 'juin');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    assert.equal(await page.locator(':focus').textContent(), 'Voter');
    await Promise.all([page.waitForURL(`${api}/api/forms/vote/fete`), page.keyboard.press('Enter')]);
    assert.equal(await page.locator('h1').textContent(), 'Quelle date pour la fête du village ?');
    assert.equal(await page.locator('.civic-nojs-done').textContent(), 'Merci, votre vote a été pris en compte.');
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    await shot(page, 'vote-done-fr-320');
    await Promise.all([page.waitForURL(`${origin}/vote?civic-sent=fete`), page.getByRole('link', { name: 'Retour à la page d’où vous venez' }).click()]);
    assert.deepEqual((await rowsOf('vote')).map((r) => r.payload), [{ choices: ['juillet'] }]);
    await context.close();
  });

  it('a survey: the error page focuses its summary, keeps the answers, and the corrected form is accepted', async () => {
    const { context, page } = await noJs();
    await page.goto(`${origin}/survey`);
    assert.equal(await page.locator('#civic-survey-enquete-q_why-note').textContent(), 'À remplir seulement si votre réponse à «\u00a0Comment venez-vous ?\u00a0» est «\u00a0À vélo\u00a0».');
    await page.getByLabel('À vélo').check();
    await page.getByLabel('Adresse électronique').fill('pas une adresse');
    await Promise.all([page.waitForURL(`${api}/api/forms/survey/enquete`), page.getByRole('button', { name: 'Envoyer mes réponses' }).click()]);
    assert.equal(await page.locator(':focus').getAttribute('id'), 'civic-survey-enquete-errors', 'autofocus, no script');
    assert.deepEqual(await page.locator('.civic-nojs-errors li').allTextContents(), [
      'Pourquoi le vélo ?\u00a0: Répondez à cette question.',
      'Adresse électronique\u00a0: Saisissez une adresse électronique comme nom@exemple.fr.',
    ]);
    assert.equal(await page.getByLabel('Adresse électronique').inputValue(), 'pas une adresse');
    assert.equal(await page.getByLabel('À vélo').isChecked(), true);
    await shot(page, 'survey-errors-fr-1024');
    await page.locator('.civic-nojs-errors a').first().click();
    assert.equal(await page.locator(':focus').getAttribute('name'), 'q.why', 'the summary link leads to the field');
    await page.keyboard.type('Plus rapide');
    await page.getByLabel('Adresse électronique').fill('lea@example.org');
    await Promise.all([page.waitForURL(`${api}/api/forms/survey/enquete`), page.getByRole('button', { name: 'Envoyer mes réponses' }).click()]);
    assert.equal(await page.locator('.civic-nojs-done').textContent(), 'Merci\u00a0! Vos réponses ont bien été reçues.');
    assert.deepEqual((await rowsOf('survey')).map((r) => r.payload), [{ answers: { mode: 'velo', why: 'Plus rapide', mail: 'lea@example.org' } }]);
    await context.close();
  });

  it('a petition in English: signed pending, the mail in English', async () => {
    const { context, page } = await noJs(320);
    await page.goto(`${origin}/petition`);
    await page.getByLabel('Name or pseudonym').fill('Marie D.');
    await page.getByLabel('E-mail address').fill('marie@example.org');
    await Promise.all([page.waitForURL(`${api}/api/forms/petition/poste`), page.getByRole('button', { name: 'Sign' }).click()]);
    assert.equal(await page.locator('.civic-nojs-done').textContent(), 'Almost done: we sent a message to marie@example.org.');
    await shot(page, 'petition-done-en-320');
    assert.deepEqual((await rowsOf('petition')).map((r) => r.status), ['pending']);
    assert.match(mailer.sent.at(-1)!.subject, /^Confirm your signature: Save the post office$/);
    await context.close();
  });

  it('a street report with an address and a photo file', async () => {
    const { context, page } = await noJs();
    await page.goto(`${origin}/map-report`);
    await shot(page, 'map-report-form-fr-1024');
    await page.locator('input[name=service_code][value=lampadaire]').check();
    await page.locator('input[name="attr.lampadaire.panne"]').first().check();
    await page.getByLabel('Décrivez le problème').fill('Le lampadaire clignote');
    await page.getByLabel('Adresse ou description du lieu').fill('Devant le 12 rue des Écoles');
    await page.locator('input[type=file][name=media]').setInputFiles({ name: 'lampe.jpg', mimeType: 'image/jpeg', buffer: TINY_JPEG });
    await Promise.all([page.waitForURL(`${api}/api/forms/map-report/saint-aubin`), page.getByRole('button', { name: 'Envoyer mon signalement' }).click()]);
    assert.match(await page.locator('.civic-nojs-done').textContent() ?? '', /^Merci\u00a0! Votre signalement n°\u00a0\d+ a bien été reçu\.$/);
    const [row] = await rowsOf('map-report');
    assert.equal(row!.payload.address_string, 'Devant le 12 rue des Écoles');
    assert.equal((row!.payload.media as string[]).length, 1);
    await context.close();
  });

  it('comments: one written, then a reply from the thread page', async () => {
    const { context, page } = await noJs();
    await page.goto(`${origin}/comments`);
    await page.getByLabel('Votre nom ou pseudonyme').fill('Camille');
    await page.getByLabel('Votre commentaire').fill('Plus d’arbres, s’il vous plaît.');
    await Promise.all([page.waitForURL(`${api}/api/forms/comments/place`), page.getByRole('button', { name: 'Publier' }).click()]);
    assert.equal(await page.locator('.civic-nojs-done').textContent(), 'Merci, votre commentaire est publié.');
    await page.goto(`${origin}/comments`);
    await page.getByRole('link', { name: 'Lire les commentaires et répondre' }).click();
    await page.getByRole('link', { name: 'Répondre à Camille' }).click();
    assert.equal(await page.locator('h1').textContent(), 'Répondre à Camille');
    await page.getByLabel('Votre nom ou pseudonyme').fill('Léa');
    await page.getByLabel('Votre commentaire').fill('D’accord avec vous.');
    await shot(page, 'comments-reply-fr-1024');
    await page.getByRole('button', { name: 'Publier ma réponse' }).click();
    assert.equal(await page.locator('.civic-nojs-done').textContent(), 'Merci, votre commentaire est publié.');
    const { rows } = await db.query<{ author: string; parent: string | null }>('SELECT c.author, p.author AS parent FROM comments c LEFT JOIN comments p ON p.id = c.parent_id ORDER BY c.created_at');
    assert.deepEqual(rows.map((r) => [r.author, r.parent]), [['Camille', null], ['Léa', 'Camille']]);
    await context.close();
  });

  it('JavaScript on but the bundle blocked: the fallback is the form, in the accessibility tree', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route(/civic-widgets\.js$/, (route) => route.abort());
    await page.goto(`${origin}/vote`);
    assert.deepEqual(await axNode(context, page, '[data-civic-fallback] button[type=submit]'), { ignored: false, role: 'button', name: 'Voter' });
    await context.close();
  });

  for (const path of ['/with-widget', '/with-placeholder']) {
    it(`once the widget runs (${path.slice(6)}), the fallback is neither shown nor in the accessibility tree`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(origin + path);
      await page.locator('civic-vote form:not(.civic-nojs-form)').first().waitFor();
      for (const selector of ['[data-civic-fallback] button[type=submit]', '[data-civic-fallback] input[type=radio]', '[data-civic-fallback] h2']) {
        assert.equal((await axNode(context, page, selector)).ignored, true, selector);
      }
      assert.equal(await page.locator('[data-civic-fallback]').isVisible(), false);
      assert.equal(await page.getByRole('button', { name: 'Voter' }).count(), 1, 'one button: the widget’s');
      await shot(page, `widget${path.replace('/', '-')}`);
      await context.close();
    });
  }
});
