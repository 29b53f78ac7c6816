// The screenshots of the embedding guides (docs/embed/img/), made from the real thing:
//   node docs/embed/screenshots.mjs        (after `npm run build`; starts its own backend)
// For each target: the snippet builder (demo/snippets.html, English) with that target chosen, then a
// page on ANOTHER origin made of exactly the HTML that the code produces in the page (for a CMS:
// the script tag its configuration writes, and the content as pasted, or, for SPIP, the model's
// output for the call), loaded in Chromium: the versioned bundle is fetched cross-origin with its
// integrity hash checked, and the widget must render, or the script fails.
// The CMS themselves (Drupal, Joomla, SPIP, TYPO3) are not run here: they are not in Debian.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';
import { ensureChromium } from '../../scripts/chromium.mjs';

const out = 'docs/embed/img';
mkdirSync(out, { recursive: true });
const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const apiPort = await freePort();
const sitePort = await freePort();
const origin = `http://127.0.0.1:${apiPort}`;
const backend = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: { ...process.env, PORT: String(apiPort), HOST: '127.0.0.1', CIVIC_DATA_DIR: mkdtempSync(join(tmpdir(), 'civic-embed-shots-')), CIVIC_ADMIN_TOKEN: 'embed-shots-admin-token-0123456789', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${origin}/api/health`)).ok) break;
  } catch {
    if (i > 1200) throw new Error('the backend did not start');
  }
  await new Promise((r) => setTimeout(r, 100));
}

/** SPIP's model, filled in as SPIP does for `<civic_vote|vote_id=…|…>`: each [ … (#ENV{x}|attribut_html) …] part with x given. */
function spipRender(model, call) {
  const args = Object.fromEntries([...call.matchAll(/\|([a-z_]+)=([^|>]*)/g)].map((m) => [m[1], m[2]]));
  return model.replace(/\[([^[(]*)\(#ENV\{([a-z_]+)\}\|attribut_html\)([^\]]*)\]/g, (_m, before, name, after) => (args[name] ? `${before}${args[name].replace(/&/g, '&amp;').replace(/"/g, '&quot;')}${after}` : ''));
}

let sitePage = '';
const site = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(sitePage);
});
await new Promise((r) => site.listen(sitePort, '127.0.0.1', r));

const targets = {
  html: 'Plain HTML: the tag form',
  placeholder: 'Plain HTML: the placeholder form',
  drupal: 'Drupal',
  joomla: 'Joomla',
  spip: 'SPIP',
  typo3: 'TYPO3',
};
const browser = await chromium.launch({ executablePath: ensureChromium(), args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
let failed = 0;
try {
  for (const [target, label] of Object.entries(targets)) {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(`${origin}/snippets.html?lang=en&widget=vote&target=${target}&vote-id=velo-rue-principale`);
    await page.locator('.sb-steps pre').first().waitFor();
    await page.addStyleTag({ content: '.sb-preview { display: none }' });
    await page.locator('.snippet-builder').screenshot({ path: `${out}/${target}-builder.png` });
    const steps = await page.locator('.sb-steps > li').evaluateAll((lis) => lis.map((li) => ({ id: li.dataset.step, code: li.querySelector('pre').textContent })));
    const code = Object.fromEntries(steps.map((s) => [s.id, s.code]));
    // The script tag as the CMS writes it (same attributes as the plain HTML one).
    await page.locator(`input[type=radio][value=html]`).check();
    const scriptTag = await page.locator('.sb-steps > li[data-step=script] pre').textContent();
    await page.close();
    const body = target === 'spip' ? spipRender(code.model, code.widget) : code.widget;
    sitePage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A town site (${label})</title><link rel="icon" href="data:,">
${scriptTag}
</head>
<body style="font-family: Georgia, serif; max-width: 44rem; margin: 1.5rem auto; padding: 0 1rem; background: #fbf8f1">
<h1 style="font-size: 1.5rem">Main Street: have your say (${label})</h1>
<p>The page below holds exactly the HTML that the code of the builder produces in the page.</p>
${body}
</body></html>`;
    const shop = await browser.newPage({ viewport: { width: 800, height: 420 } });
    const errors = [];
    shop.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await shop.goto(`http://127.0.0.1:${sitePort}/`);
    const ok = await shop
      .locator('civic-vote')
      .locator('[part~=submit-button]')
      .waitFor({ timeout: 20000 })
      .then(() => true, () => false);
    await shop.screenshot({ path: `${out}/${target}-page.png`, fullPage: true });
    console.log(`${ok ? '✓' : '✗'} ${label}: ${out}/${target}-builder.png, ${out}/${target}-page.png${ok ? '' : ` — the widget did not render: ${errors.join(' | ')}`}`);
    if (!ok) failed++;
    await shop.close();
  }
} finally {
  await browser.close();
  site.close();
  backend.kill('SIGTERM');
}
process.exit(failed ? 1 : 0);
