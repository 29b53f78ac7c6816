// Every widget under a strict Content-Security-Policy with Trusted Types (`npm run test:csp`, run by CI):
// - starts the reference backend as its own process (PGlite in a temp dir, or DATABASE_URL), which
//   serves demo/csp*.html with
//     default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';
//     require-trusted-types-for 'script'
//   and the built bundle (dist/, run `npm run build` first);
// - in Chromium, on demo/csp.html: votes (single choice), signs the petition and confirms it (the
//   count goes up live), answers the survey's pages, reports a problem on the map (pin by keyboard,
//   a photo), comments, and checks the other widgets (ranked, budget, <civic-config>, placeholder,
//   list map with the site's own tiles, comment count) render;
// - on demo/csp-two-copies.html (the bundle twice: /civic-widgets.js and /v<version>/civic-widgets.js,
//   the first copy's widget chunks held back 1.5 s so that both copies race): every widget works,
//   each widget's code is downloaded once, and a vote goes through;
// - counts `securitypolicyviolation` events (and CSP / Trusted Types console errors) all along:
//   zero expected. A canary proves the counter works: an inline style set on purpose in a fresh tab
//   must be counted. `CSP_CHECK_INJECT=1` also injects one into the main run (which then fails).
// Screenshots go to .tmp/csp-check/. Ends with `N passed, N failed`.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import net from 'node:net';
import { chromium } from 'playwright-core';
import { ensureChromium } from './chromium.mjs';

const results = [];
const shots = '.tmp/csp-check';
mkdirSync(shots, { recursive: true });
if (!existsSync('dist/civic-widgets.js')) {
  console.error('dist/civic-widgets.js is missing: run `npm run build` first.');
  process.exit(1);
}
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const port = Number(process.env.CSP_CHECK_PORT) || (await freePort());
const origin = `http://127.0.0.1:${port}`;
const api = `${origin}/api`;
const dataDir = mkdtempSync(join(tmpdir(), 'civic-csp-check-'));
const adminToken = 'csp-check-admin-token-0123456789';
let backend;

async function startBackend() {
  backend = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CIVIC_DATA_DIR: dataDir, CIVIC_ADMIN_TOKEN: adminToken, CIVIC_COMMENTS_MIN_FILL_MS: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${api}/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the backend did not start');
}

function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? '✓' : '✗'} ${name}${detail ? ` — ${detail}` : ''}`);
}

/** A small PNG (a grey gradient), for the map report's photo. */
function png(width = 64, height = 48) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = (x * 4 + y * 2) & 0xff;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** Records violations and submissions in the page, from before any script of the page runs. */
const recorder = () => {
  window.__violations = [];
  window.__submitted = [];
  document.addEventListener(
    'securitypolicyviolation',
    (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample} @ ${e.sourceFile}:${e.lineNumber}`),
    true,
  );
  document.addEventListener('civic-submitted', (e) => window.__submitted.push(e.composedPath()[0]?.id || e.target.id || e.target.localName), true);
};

async function newTab(context) {
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await tab.addInitScript(recorder);
  return { tab, errors };
}

const cspErrors = (errors) => errors.filter((e) => /Content Security Policy|Trusted ?Type|TrustedHTML|TrustedScript|inline style|unsafe-inline/i.test(e));
const violations = (tab) => tab.evaluate(() => window.__violations);
const submittedBy = (tab, id) => tab.waitForFunction((i) => window.__submitted.includes(i), id, { timeout: 20000 }).then(() => true, () => false);

const browser = await chromium.launch({
  executablePath: ensureChromium(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
try {
  await startBackend();
  const context = await browser.newContext({ viewport: { width: 900, height: 1100 }, locale: 'fr-FR' });
  const headers = (await fetch(`${origin}/csp.html`)).headers;
  check('the backend sends the strict policy with demo/csp.html', /require-trusted-types-for 'script'/.test(headers.get('content-security-policy') ?? '') && /style-src 'self';/.test(headers.get('content-security-policy') ?? ''), headers.get('content-security-policy') ?? 'no header');

  /* ------------------------------------------------------------ the canary: the counter counts */
  {
    const { tab } = await newTab(context);
    await tab.goto(`${origin}/csp.html`);
    await tab.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
    await tab.waitForFunction(() => window.__violations.length > 0, null, { timeout: 5000 }).catch(() => {});
    const v = await violations(tab);
    check('canary: an inline style set on purpose is counted as a violation', v.length === 1 && /style-src-attr/.test(v[0]), v.join(' | ') || 'nothing counted');
    await tab.close();
  }

  /* ------------------------------------------------------------ every widget on demo/csp.html */
  const { tab, errors } = await newTab(context);
  const shadow = (host, selector) => tab.locator(`#w-${host}`).locator(selector);
  await tab.goto(`${origin}/csp.html`);
  if (process.env.CSP_CHECK_INJECT) await tab.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
  for (const id of ['vote', 'ranked', 'configured', 'petition', 'survey', 'comments', 'report']) await shadow(id, 'form').first().waitFor({ timeout: 20000 });
  await tab.locator('#w-placeholder civic-vote').locator('[part~=title]').waitFor({ timeout: 20000 });
  await shadow('budget', '[part~=option]').first().waitFor({ timeout: 20000 });
  const budgetCards = await shadow('budget', '[part~=option]').count();
  check('every widget renders under the policy (vote, ranked, budget, config, petition, survey, comments, map, placeholder)', budgetCards >= 10, `${budgetCards} budget projects`);
  check('<civic-config> gives its language inside the strict page', (await shadow('configured', '[part~=submit-button]').textContent()).trim() === 'Vote');
  await shadow('count', '[part~=base], span, a').first().waitFor({ timeout: 20000 }).catch(() => {});
  check('<civic-comment-count> shows a count', /commentaire/i.test(await tab.locator('#w-count').evaluate((el) => el.shadowRoot?.textContent ?? '')));
  // The list map: the site's own tiles (img-src 'self'), Leaflet's controls and the credit line.
  await shadow('reports', '.leaflet-tile-loaded').first().waitFor({ timeout: 20000 });
  const credit = await shadow('reports', '.leaflet-control-attribution').innerText();
  check('the list map shows the site\'s own tiles, zoom buttons and the credit line with its link', (await shadow('reports', '.leaflet-control-zoom-in').count()) === 1 && /Leaflet/.test(credit) && (await shadow('reports', '.leaflet-control-attribution a[href="https://example.org/plan"]').count()) === 1, credit);
  await tab.screenshot({ path: `${shots}/1-loaded.png`, fullPage: true });

  // Vote.
  await shadow('vote', 'input[value="piste-separee"]').check();
  await shadow('vote', '[part~=submit-button]').click();
  await shadow('vote', '.results').waitFor({ timeout: 15000 });
  check('a vote goes through and shows its results', await submittedBy(tab, 'w-vote'));

  // Petition: sign (standard profile), confirm by the dev mailbox's link, the count goes up live.
  const countNow = async () => Number(((await shadow('petition', '[part~=count] strong').innerText()).match(/\d[\d\s\u202f\u00a0]*/)?.[0] ?? '').replace(/\D/g, ''));
  const before = await countNow();
  const email = `csp-check-${Date.now()}@example.org`;
  for (const [name, value] of Object.entries({ firstName: 'Camille', lastName: 'Martin', email, postcode: '35000', town: 'Rennes' })) await shadow('petition', `#f-${name}`).fill(value);
  await tab.waitForTimeout(3300); // longer than the minimum form-fill time (3 s)
  await shadow('petition', '[part~=submit-button]').click();
  check('a petition signature is received', await submittedBy(tab, 'w-petition'));
  const mails = await (await fetch(`${api}/dev/mails`)).text();
  const link = mails.split(email)[1]?.match(/href="([^"]*\/confirm\?token=[^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
  if (link) await fetch(new URL(link, origin));
  await tab.waitForFunction(
    (n) => Number((document.querySelector('#w-petition')?.shadowRoot?.querySelector('[part~=count] strong')?.textContent?.match(/\d[\d\s\u202f\u00a0]*/)?.[0] ?? '').replace(/\D/g, '')) === n,
    before + 1,
    { timeout: 15000 },
  ).catch(() => {});
  const width = await shadow('petition', '[part~=progress] .fill').evaluate((el) => el.style.width).catch(() => '');
  check('confirmed, the count goes up live (event stream under connect-src \'self\') and the bar has its width', (await countNow()) === before + 1 && /%$/.test(width), `${before} -> ${await countNow()}, bar ${width || 'none'}`);

  // Survey: three pages with a condition, the review, sent.
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
  check('a survey goes through its pages and review and is received', await submittedBy(tab, 'w-survey'));

  // Map report: a category, the pin dropped by keyboard on the map, a photo (data: preview), sent.
  await shadow('report', '#f-service-lampadaire').check();
  await shadow('report', 'input[name="f-attr-panne"][value="eteint"]').check().catch(() => {});
  const map = shadow('report', '.leaflet-container');
  await map.waitFor({ timeout: 20000 });
  await map.focus();
  await tab.keyboard.press('Enter');
  await tab.keyboard.press('ArrowRight');
  await shadow('report', '.civic-pin').waitFor({ timeout: 5000 });
  await shadow('report', '#f-photos').setInputFiles({ name: 'lampadaire.png', mimeType: 'image/png', buffer: png() });
  await shadow('report', '[part~=photo] img').waitFor({ timeout: 15000 });
  const preview = await shadow('report', '[part~=photo] img').evaluate((img) => ({ src: img.src.slice(0, 11), ok: img.complete && img.naturalWidth > 0 }));
  check('a photo is prepared on the device and previewed (img-src data:)', preview.ok && preview.src === 'data:image/', JSON.stringify(preview));
  await shadow('report', '#f-description').fill('Le lampadaire devant l’école est éteint depuis lundi.');
  await shadow('report', '[part~=submit-button]').click();
  // A similar report nearby may be proposed first: send anyway.
  const sent = submittedBy(tab, 'w-report');
  const again = shadow('report', '[part~=submit-button]');
  await tab.waitForTimeout(1500);
  if (!(await tab.evaluate(() => window.__submitted.includes('w-report'))) && (await again.count())) await again.click().catch(() => {});
  check('a problem reported on the map (pin by keyboard, photo) is received', await sent);
  await tab.screenshot({ path: `${shots}/2-map-report.png`, fullPage: true });

  // Comments: write and send (the thread's first comment is held for moderation).
  await shadow('comments', '#top-body').fill('Plus d’arbres sur la place, et des bancs à l’ombre, s’il vous plaît.');
  await shadow('comments', '#top-author').fill('Camille');
  await shadow('comments', 'form [part~=submit-button]').first().click();
  check('a comment is received', await submittedBy(tab, 'w-comments'));

  // The placeholder's vote (closed: its results and their bars).
  check('the placeholder form became a <civic-vote> (a closed vote: its results)', /médiathèque/i.test(await tab.locator('#w-placeholder civic-vote').locator('[part~=title]').innerText()) && (await tab.locator('#w-placeholder civic-vote').locator('.results').count()) === 1);
  await tab.waitForTimeout(500);
  await tab.screenshot({ path: `${shots}/3-used.png`, fullPage: true });
  const v1 = await violations(tab);
  check('zero CSP / Trusted Types violations while using every widget on demo/csp.html', v1.length === 0 && cspErrors(errors).length === 0, [...v1, ...cspErrors(errors)].join(' | '));
  check('no page error on demo/csp.html', errors.filter((e) => !/Failed to load resource/.test(e)).length === 0, errors.join(' | '));
  await tab.close();

  /* ------------------------------------------------------------ two copies of the bundle */
  {
    // A fresh profile: the first page's votes are remembered on its device.
    const { tab: two, errors: errs2 } = await newTab(await browser.newContext({ viewport: { width: 900, height: 1100 }, locale: 'fr-FR' }));
    const chunkRequests = [];
    two.on('request', (r) => {
      const m = /\/(v[^/]+\/)?chunks\/([a-z.-]+)-[\w-]{8}\.js$/.exec(new URL(r.url()).pathname);
      if (m) chunkRequests.push(`${m[1] ?? ''}${m[2]}`);
    });
    // The first copy's widget chunks answer late, so that the second copy runs while they load.
    await two.route(/\/chunks\/(vote|petition|count)-[\w-]+\.js$/, async (route) => {
      if (!new URL(route.request().url()).pathname.startsWith('/v')) await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await two.goto(`${origin}/csp-two-copies.html`);
    const at = (id, sel) => two.locator(`#w-${id}`).locator(sel);
    await at('vote', 'form').waitFor({ timeout: 20000 });
    await at('configured', 'form').waitFor({ timeout: 20000 });
    await at('petition', 'form').waitFor({ timeout: 20000 });
    await two.locator('#w-placeholder civic-comment-count').locator('span, a').first().waitFor({ timeout: 20000 }).catch(() => {});
    const copies = await two.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => /\/civic-widgets\.js$|\/chunks\/core-/.test(p)));
    check(`both copies of the bundle ran (/civic-widgets.js and /v${version}/civic-widgets.js, each with its own core)`, copies.includes('/civic-widgets.js') && copies.includes(`/v${version}/civic-widgets.js`) && copies.filter((p) => p.includes('/chunks/core-')).length === 2, copies.join(', '));
    const perWidget = ['vote', 'petition', 'count'].map((w) => [w, chunkRequests.filter((c) => c.replace(/^v[^/]+\//, '') === w).length]);
    check('each widget\'s code is downloaded once (the second copy leaves the work to the first)', perWidget.every(([, n]) => n === 1), perWidget.map(([w, n]) => `${w}×${n}`).join(', ') + ` (${chunkRequests.join(', ')})`);
    check('<civic-config> reaches its widget across the two copies', (await at('configured', '[part~=submit-button]').textContent()).trim() === 'Vote');
    await at('configured', 'input[type=checkbox]').first().check();
    await at('configured', '[part~=submit-button]').click();
    check('a vote goes through on the page with two copies', await submittedBy(two, 'w-configured'));
    await two.screenshot({ path: `${shots}/4-two-copies.png`, fullPage: true });
    const v2 = await violations(two);
    check('zero violations and no error with two copies', v2.length === 0 && errs2.filter((e) => !/Failed to load resource/.test(e)).length === 0, [...v2, ...errs2].join(' | '));
    await two.close();
  }
} catch (e) {
  check('CSP check ran to the end', false, e instanceof Error ? e.message : String(e));
} finally {
  await browser.close();
  backend?.kill('SIGTERM');
}
const passed = results.filter(Boolean).length;
console.log(`\n${passed} passed, ${results.length - passed} failed`);
process.exit(results.length - passed === 0 ? 0 : 1);
