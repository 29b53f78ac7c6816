// The printed versions as a printer gets them (`node scripts/paper-pdf.mjs`, after `npm run build`):
// - starts the reference backend with the demo content (PGlite in a temp dir), or uses --base=URL;
// - opens demo/petition-print.html, vote-print.html and map-report-print.html (French, then English)
//   in Chromium and prints each page to an A4 PDF through the browser's print path (page.pdf, print media);
// - checks the page counts and the words on the pages (pdftotext), and turns every page into a PNG
//   (pdftoppm -r 60) to LOOK at: .tmp/paper-pdf/<page>-<lang>-<n>.png;
// - prints the demo page itself as from the browser's menu: every widget prints its paper version.
// Ends with `N passed, N failed`. poppler-utils (pdftotext, pdftoppm) is needed for the text checks
// and the PNGs: apt-get install -y poppler-utils.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';
import { ensureChromium } from './chromium.mjs';

const out = '.tmp/paper-pdf';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
let base = arg('base');
let backend;

if (!base) {
  if (!existsSync('dist/civic-widgets.js')) {
    console.error('dist/civic-widgets.js is missing: run `npm run build` first.');
    process.exit(1);
  }
  const port = await new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
  base = `http://127.0.0.1:${port}`;
  backend = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CIVIC_DATA_DIR: mkdtempSync(join(tmpdir(), 'civic-paper-')), CIVIC_ADMIN_TOKEN: 'paper-pdf-admin-token-0123456789', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let up = false;
  for (let i = 0; i < 1200 && !up; i++) {
    up = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (!up) await new Promise((r) => setTimeout(r, 100));
  }
  if (!up) throw new Error('the backend did not start');
}

const poppler = spawnSync('sh', ['-c', 'command -v pdftotext && command -v pdftoppm'], { encoding: 'utf8' }).status === 0;
if (!poppler) console.warn('poppler-utils is missing (apt-get install -y poppler-utils): no text checks, no PNGs.');

/** Each printed version, its pages' words (every one must be somewhere in the PDF) and its page count. */
const PAGES = [
  {
    name: 'petition',
    url: '/petition-print.html',
    pages: [2, 2],
    words: {
      fr: ['FEUILLE DE SIGNATURES', 'Pour la réouverture du bureau de poste', 'Monsieur le Maire', 'Nom', 'Prénom', 'Code postal', 'Signature', 'Vos données personnelles', 'Combien de temps', 'six mois', 'Où rendre cette feuille', 'boulangerie', 'Aussi en ligne', '25'],
      en: ['SIGNATURE SHEET', 'Reopen the village-centre post office', 'The Mayor', 'Last name', 'First name', 'Postcode', 'Signature', 'Your personal data', 'How long', 'six months', 'Where to return this sheet', 'bakery', 'Also online', '25'],
    },
  },
  {
    name: 'vote',
    url: '/vote-print.html',
    pages: [4, 4],
    words: {
      fr: ['BULLETIN DE VOTE PAPIER', 'Budget participatif 2027', 'Mettez une croix à côté des projets', '150', 'Total des projets que j’ai choisis', 'Coût', 'Où déposer votre bulletin', 'Mettez une croix dans une seule case'],
      en: ['PAPER BALLOT', 'participatory budget 2027', 'Put a cross next to the projects', '150', 'Total of the projects I chose', 'Cost', 'Where to put your ballot', 'Put a cross in one box only'],
    },
  },
  {
    name: 'map-report',
    url: '/map-report-print.html',
    pages: [2, 2],
    words: {
      fr: ['FORMULAIRE DE SIGNALEMENT', 'Signaler un problème dans la commune', 'Nid-de-poule', 'Voirie', 'Décrivez le problème', 'Où est-ce', 'dessinez le lieu', 'Vos coordonnées', 'Vos données personnelles', 'Combien de temps'],
      en: ['REPORT FORM', 'Report a problem in town', 'Pothole', 'Roads', 'Describe the problem', 'Where is it', 'draw the place', 'Your contact details', 'Your personal data', 'How long'],
    },
  },
];

const results = [];
const check = (name, ok, detail = '') => {
  results.push(ok);
  console.log(`${ok ? '✓' : '✗'} ${name}${detail ? ` — ${detail}` : ''}`);
};

const browser = await chromium.launch({ executablePath: ensureChromium(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'] });
try {
  for (const p of PAGES) {
    for (const lang of ['fr', 'en']) {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${base}${p.url}`, { waitUntil: 'networkidle' });
      await page.evaluate((l) => (document.documentElement.lang = l), lang);
      // The paper version is there when its frame is (the print chunk has loaded and rendered).
      await page.waitForFunction(() => [...document.querySelectorAll('civic-petition, civic-vote, civic-map-report')].every((el) => el.shadowRoot?.querySelector('.base.paper')), null, { timeout: 30000 });
      await page.waitForTimeout(300);
      const file = `${out}/${p.name}-${lang}.pdf`;
      await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: false });
      await page.close();
      const pdf = readFileSync(file);
      const count = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      check(`${p.name} (${lang}): ${count} A4 page(s)`, count >= p.pages[0] && count <= p.pages[1], `expected ${p.pages.join('-')}`);
      check(`${p.name} (${lang}): no error in the page`, errors.length === 0, errors.join(' | '));
      if (!poppler) continue;
      const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
      const missing = p.words[lang].filter((w) => !text.toLowerCase().includes(w.toLowerCase()));
      check(`${p.name} (${lang}): the expected words are on the pages`, missing.length === 0, missing.length ? `missing: ${missing.join(', ')}` : '');
      spawnSync('pdftoppm', ['-png', '-r', '60', file, `${out}/${p.name}-${lang}`]);
    }
  }
  // The demo page itself, printed as from the browser's menu (printToPDF fires beforeprint): the
  // widgets' print chunks were fetched in idle time, so each widget prints its paper version.
  {
    const page = await browser.newPage();
    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    const fetched = await page
      .waitForFunction(() => performance.getEntriesByType('resource').filter((r) => /\/chunks\/(print|paper)-/.test(r.name)).length >= 4, null, { timeout: 30000 })
      .then(() => true, () => false);
    check('demo page: the print chunks are fetched in idle time', fetched);
    const file = `${out}/index-fr.pdf`;
    await page.pdf({ path: file, format: 'A4' });
    await page.close();
    if (poppler) {
      const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout;
      const missing = ['FEUILLE DE SIGNATURES', 'BULLETIN DE VOTE PAPIER', 'FORMULAIRE DE SIGNALEMENT', 'QUESTIONNAIRE'].filter((w) => !text.toUpperCase().includes(w));
      check('demo page printed from the browser: petition, votes, survey and report form print their paper versions', missing.length === 0, missing.length ? `missing: ${missing.join(', ')}` : '');
      check('demo page printed from the browser: no online form is printed', !text.includes('Signer la pétition'));
    }
  }
} finally {
  await browser.close();
  backend?.kill('SIGTERM');
}
if (poppler) console.log(`PNGs: ${readdirSync(out).filter((f) => f.endsWith('.png')).map((f) => `${out}/${f}`).join(' ')}`);
const failed = results.filter((r) => !r).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
