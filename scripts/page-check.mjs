// The bundle in a real page, as a third-party site uses it (`npm run test:page`, run by CI):
// - starts the reference backend as its own process (PGlite in a temp dir, or DATABASE_URL);
// - serves a plain HTML page from ANOTHER origin that loads the built dist/civic-widgets.js from the
//   backend twice (two different URLs, as a theme and a plugin would) and embeds two polls, one
//   configured through <civic-config>;
// - in Chromium: votes, checks results and the stored rows; signs the petition (standard profile),
//   sees "check your mailbox", follows the link of the backend's dev mailbox in another tab and sees
//   the count go up without reload (server-sent events); answers the survey's three pages; stops the backend (SIGKILL), votes
//   offline, reloads, restarts the backend and checks the queued vote arrives exactly once.
// Screenshots go to .tmp/page-check/. Ends with `N passed, N failed`.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';
import { ensureChromium } from './chromium.mjs';

const results = [];
const shots = '.tmp/page-check';
mkdirSync(shots, { recursive: true });
if (!existsSync('dist/civic-widgets.js')) {
  console.error('dist/civic-widgets.js is missing: run `npm run build` first.');
  process.exit(1);
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const apiPort = await freePort();
const sitePort = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'civic-page-check-'));
const adminToken = 'page-check-admin-token-0123456789';
const api = `http://127.0.0.1:${apiPort}/api`;
let backend;

async function startBackend() {
  backend = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(apiPort), HOST: '127.0.0.1', CIVIC_DATA_DIR: dataDir, CIVIC_ADMIN_TOKEN: adminToken },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 900; i++) {
    try {
      if ((await fetch(`${api}/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the backend did not start');
}

function killBackend() {
  return new Promise((resolve) => {
    backend.once('exit', resolve);
    backend.kill('SIGKILL');
  });
}

async function stored(voteId) {
  const res = await fetch(`${api}/admin/votes/${voteId}/submissions`, { headers: { Authorization: `Bearer ${adminToken}` } });
  const body = await res.json();
  const list = Array.isArray(body) ? body : (body.submissions ?? body.items ?? []);
  return list.length;
}

const page = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Un site tiers</title><link rel="icon" href="data:,">
<script type="module" src="http://127.0.0.1:${apiPort}/civic-widgets.js"></script>
<script type="module" src="http://127.0.0.1:${apiPort}/civic-widgets.js?copy=2"></script>
</head>
<body style="font-family: serif; max-width: 40rem; margin: 1rem auto">
<h1>Un site tiers qui colle deux widgets</h1>
<civic-vote id="direct" endpoint="${api}" vote-id="velo-rue-principale"></civic-vote>
<civic-config endpoint="${api}" lang="en">
  <civic-vote id="configured" vote-id="fete-du-village"></civic-vote>
</civic-config>
<civic-vote id="budget" endpoint="${api}" vote-id="budget-2027"></civic-vote>
<civic-petition id="petition" endpoint="${api}" petition-id="bureau-de-poste"></civic-petition>
<civic-survey id="survey" endpoint="${api}" survey-id="mobilite-2027"></civic-survey>
</body></html>`;

const site = createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(page);
});
await new Promise((r) => site.listen(sitePort, '127.0.0.1', r));

function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? '✓' : '✗'} ${name}${detail ? ` — ${detail}` : ''}`);
}

const browser = await chromium.launch({
  executablePath: ensureChromium(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
try {
  await startBackend();
  const context = await browser.newContext({ viewport: { width: 800, height: 1000 } });
  const tab = await context.newPage();
  const pageErrors = [];
  tab.on('pageerror', (e) => pageErrors.push(e.message));
  tab.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  const shadow = (host, selector) => tab.locator(`#${host}`).locator(selector);

  // When each chunk is asked for and arrives: the widgets in the page are fetched with the core, not after it.
  const chunkRequests = new Map();
  const chunkName = (url) => new URL(url).pathname.replace(/^.*\/chunks\//, '');
  // The file names of the core and of each widget's chunk, as civic-widgets.js imports them.
  const entryCode = readFileSync('dist/civic-widgets.js', 'utf8');
  const chunkOf = (name) => entryCode.match(new RegExp(`import\\("\\./chunks/(${name}-[\\w-]{8}\\.js)"\\)`))?.[1];
  tab.on('request', (r) => r.url().includes('/chunks/') && chunkRequests.set(chunkName(r.url()), { ...chunkRequests.get(chunkName(r.url())), asked: performance.now(), count: (chunkRequests.get(chunkName(r.url()))?.count ?? 0) + 1 }));
  tab.on('requestfinished', (r) => r.url().includes('/chunks/') && (chunkRequests.get(chunkName(r.url())).arrived ??= performance.now()));
  // And the definitions: asked for by civic-widgets.js itself, before the code has arrived.
  const definitionRequests = new Map();
  tab.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.method() === 'GET' && /^\/api\/(surveys|votes|petitions)\/[^/]+$/.test(path)) definitionRequests.set(path, { asked: definitionRequests.get(path)?.asked ?? performance.now(), count: (definitionRequests.get(path)?.count ?? 0) + 1 });
  });
  await tab.goto(`http://127.0.0.1:${sitePort}/`);
  await shadow('direct', 'form').waitFor({ timeout: 15000 });
  await shadow('configured', 'form').waitFor({ timeout: 15000 });
  check('the bundle, loaded twice from another origin, renders both polls without error', pageErrors.length === 0, pageErrors.join(' | '));
  const core = chunkRequests.get(chunkOf('core'));
  const early = ['vote', 'petition', 'survey'].filter((w) => core?.arrived !== undefined && chunkRequests.get(chunkOf(w))?.asked < core.arrived);
  check('the chunks of the widgets in the page are asked for before the core has arrived (fetched together, one round trip)', early.length === 3, `asked early: ${early.join(', ') || 'none'}`);
  const definitions = ['/api/surveys/mobilite-2027', '/api/votes/velo-rue-principale', '/api/votes/fete-du-village', '/api/petitions/bureau-de-poste'].map((p) => [p, definitionRequests.get(p)]);
  const earlyDefinitions = definitions.filter(([, d]) => core?.arrived !== undefined && d?.asked < core.arrived && d.count === 1).map(([p]) => p);
  check('the definitions of the widgets in the page are asked for before the core has arrived, once each (the widget uses that answer)', earlyDefinitions.length === definitions.length, definitions.map(([p, d]) => `${p.replace('/api/', '')}: ${d ? `${d.count}×${d.asked < core?.arrived ? ', early' : ''}` : 'not asked'}`).join('; '));
  const twice = [...chunkRequests].filter(([, v]) => v.count > 1).map(([k]) => k);
  check('with the bundle loaded twice, each chunk is downloaded once', twice.length === 0 && chunkRequests.size >= 4, twice.length ? `twice: ${twice.join(', ')}` : `${chunkRequests.size} chunks`);
  check('<civic-config> provides endpoint and language inside the bundle', (await shadow('configured', '[part~=submit-button]').textContent()).trim() === 'Vote');
  // The participatory budget's view is a lazy chunk (dist/chunks/): it must load from the backend, cross-origin.
  const chunkFailures = [];
  tab.on('response', (r) => r.url().includes('/chunks/') && !r.ok() && chunkFailures.push(`${r.status()} ${r.url()}`));
  await shadow('budget', '[part~=progress]').waitFor({ timeout: 15000 }).catch(() => {});
  const cards = await shadow('budget', '[part~=option]').count();
  check('a participatory budget loads its lazy chunk from the backend and shows its projects', cards >= 10 && chunkFailures.length === 0, `${cards} projects${chunkFailures.length ? `; ${chunkFailures.join(', ')}` : ''}`);
  await tab.screenshot({ path: `${shots}/1-loaded.png`, fullPage: true });

  await shadow('direct', 'input[value="piste-separee"]').check();
  await shadow('direct', '[part~=submit-button]').click();
  await shadow('direct', '.results').waitFor({ timeout: 15000 });
  const resultText = await shadow('direct', '.results').innerText();
  check('a vote goes through and appears in the results', /100\s?%/.test(resultText), resultText.replace(/\s+/g, ' ').slice(0, 120));
  check('the vote is stored once in the database', (await stored('velo-rue-principale')) === 1);
  await tab.screenshot({ path: `${shots}/2-voted.png`, fullPage: true });

  // The petition: sign (standard profile), confirm by the mailed link, the count goes up live.
  await shadow('petition', 'form').waitFor({ timeout: 15000 });
  const countNow = async () => Number(((await shadow('petition', '[part~=count] strong').innerText()).match(/\d[\d\s\u202f\u00a0]*/)?.[0] ?? '').replace(/\D/g, ''));
  const before = await countNow();
  const email = `page-check-${Date.now()}@example.org`;
  const signer = { firstName: 'Camille', lastName: 'Martin', email, postcode: '35000', town: 'Rennes' };
  for (const [name, value] of Object.entries(signer)) await shadow('petition', `#f-${name}`).fill(value);
  await tab.waitForTimeout(3500); // longer than the minimum form-fill time (3 s)
  await shadow('petition', '[part~=submit-button]').click();
  await tab.waitForFunction((to) => document.querySelector('#petition')?.shadowRoot?.querySelector('[role=status]')?.textContent?.includes(to), email, { timeout: 15000 });
  check('a petition signature (standard profile) asks to check the mailbox', true);
  await tab.screenshot({ path: `${shots}/2b-petition-check-mail.png`, fullPage: true });
  const mailbox = await context.newPage();
  await mailbox.goto(`${api}/dev/mails`);
  await mailbox.locator('article', { hasText: email }).locator('a[href*="/confirm?token="]').first().click();
  const confirmed = (await mailbox.locator('body').innerText()).replace(/\s+/g, ' ');
  check('the confirmation link from the dev mailbox counts the signature', /compt|counted/i.test(confirmed), confirmed.slice(0, 120));
  await mailbox.close();
  await tab.waitForFunction(
    (n) => Number((document.querySelector('#petition')?.shadowRoot?.querySelector('[part~=count] strong')?.textContent?.match(/\d[\d\s\u202f\u00a0]*/)?.[0] ?? '').replace(/\D/g, '')) === n,
    before + 1,
    { timeout: 10000 },
  ).catch(() => {});
  check('the petition count goes up on the page without reload', (await countNow()) === before + 1, `${before} -> ${await countNow()}`);

  // The survey: its chunk loads, three pages with a condition, the review, sent once.
  await shadow('survey', 'form').waitFor({ timeout: 15000 });
  await shadow('survey', '#q-quartier-input').selectOption('gare');
  await shadow('survey', '#q-modes input[value=velo]').check();
  await shadow('survey', '#q-velo-frequence input[value=quotidien]').check();
  await shadow('survey', '[part~=submit-button]').click();
  await shadow('survey', '#q-satisfaction input[value="4"]').check({ force: true });
  await shadow('survey', '#q-priorites button.secondary').click();
  await shadow('survey', '[part~=submit-button]').click();
  await shadow('survey', '#q-rgpd input').check();
  await shadow('survey', '[part~=submit-button]').click();
  await shadow('survey', '#review-title').waitFor({ timeout: 5000 });
  await shadow('survey', '[part~=submit-button]').click();
  await tab.waitForFunction(() => /Merci/.test(document.querySelector('#survey')?.shadowRoot?.querySelector('#status')?.textContent ?? ''), null, { timeout: 15000 });
  const surveyRows = await (await fetch(`${api}/admin/surveys/mobilite-2027/responses.json`, { headers: { Authorization: `Bearer ${adminToken}` } })).json().catch(() => ({}));
  const answers = surveyRows.responses?.[0]?.answers ?? {};
  check('a survey goes through its pages and review and is stored once, with the conditional answer', surveyRows.responses?.length === 1 && answers['velo-frequence'] === 'quotidien' && answers.quartier === 'gare', JSON.stringify(answers).slice(0, 160));
  await tab.screenshot({ path: `${shots}/2c-survey-sent.png`, fullPage: true });
  await tab.screenshot({ path: `${shots}/2c-petition-counted.png`, fullPage: true });

  // Offline: the backend dies (SIGKILL), the resident votes anyway.
  await killBackend();
  await shadow('configured', 'input[value="bal-populaire"]').check();
  await shadow('configured', 'input[value="marche-producteurs"]').check().catch(async () => {
    await shadow('configured', 'input[type=checkbox] >> nth=2').check();
  });
  await shadow('configured', '[part~=submit-button]').click();
  await tab.waitForFunction(() => document.querySelector('#configured')?.shadowRoot?.querySelector('[role=status]')?.textContent?.includes('saved on this device'), null, { timeout: 20000 });
  check('with the backend down, the vote is kept on the device and the resident is told', true);
  await tab.screenshot({ path: `${shots}/3-queued.png`, fullPage: true });

  // Reload the page (the bundle comes from the HTTP cache; the API is still down).
  await tab.goto(`http://127.0.0.1:${sitePort}/`);
  await tab.waitForFunction(() => document.querySelector('#configured')?.shadowRoot?.querySelector('[role=status]')?.textContent?.includes('saved on this device'), null, { timeout: 20000 });
  check('after a reload the queued vote is still there', true);
  await tab.screenshot({ path: `${shots}/4-reloaded-offline.png`, fullPage: true });

  // The backend comes back: the queued vote is delivered once (backoff retries, no user action).
  await startBackend();
  await tab.waitForFunction(() => document.querySelector('#configured')?.shadowRoot?.querySelector('[role=status]')?.textContent?.includes('has been sent'), null, { timeout: 60000 });
  check('when the backend is back the queued vote is delivered', true);
  check('and stored exactly once', (await stored('fete-du-village')) === 1, `${await stored('fete-du-village')} row(s)`);
  await tab.screenshot({ path: `${shots}/5-synced.png`, fullPage: true });
  await tab.goto(`http://127.0.0.1:${sitePort}/`);
  await shadow('configured', '.results').waitFor({ timeout: 15000 });
  check('a further reload shows "already voted" and sends nothing again', (await stored('fete-du-village')) === 1);
  check('no page error during the whole run', pageErrors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED|cannot be reached/.test(e)).length === 0, pageErrors.join(' | '));
} catch (e) {
  check('page check ran to the end', false, e instanceof Error ? e.message : String(e));
} finally {
  await browser.close();
  site.close();
  backend?.kill('SIGTERM');
}
const passed = results.filter(Boolean).length;
console.log(`\n${passed} passed, ${results.length - passed} failed`);
process.exit(results.length - passed === 0 ? 0 : 1);
