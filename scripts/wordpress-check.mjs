// The browser part of scripts/wordpress-check.sh (which starts WordPress, the backend and writes
// setup.json): `node scripts/wordpress-check.mjs <setup.json>`.
// - prints the PHP-side checks of scripts/wordpress-check.php;
// - as the *author* (REST API, application password; DISALLOW_UNFILTERED_HTML), publishes a post with a
//   shortcode, one with two blocks, one without a widget, and one with a pasted <civic-vote> + <script>;
// - in headless Chromium: both widget posts render their widgets (shadow DOM) from the plugin's own copy
//   of the bundle (no request for code to the backend), a vote on each arrives at the backend (admin API),
//   the post without a widget does not load the bundle, no page error;
// - logged in as the author, the editor shows the block's options in the sidebar and the real widget as
//   the preview; as the administrator (French), the settings page keeps the endpoint and refuses a bad one.
// - with a second argument, the multisite's setup.json: scripts/wordpress-check-multisite.mjs, in the
//   same browser, its checks counted with these.
// Screenshots: .tmp/wordpress-check/, and with WP_CHECK_DOCS=1 docs/embed/img/wordpress-*.png.
// Ends with `N passed, N failed`.
import { readFileSync, mkdirSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureChromium } from './chromium.mjs';
import { multisiteCheck } from './wordpress-check-multisite.mjs';

const setup = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { site, api } = setup;
const adminToken = process.env.WP_CHECK_ADMIN_TOKEN;
const run = process.env.WP_CHECK_RUN ?? '/tmp/civic-wp-check';
const shots = '.tmp/wordpress-check';
const docs = process.env.WP_CHECK_DOCS === '1' ? 'docs/embed/img' : undefined;
mkdirSync(shots, { recursive: true });

const results = [];
function check(name, ok, detail = '') {
  results.push(!!ok);
  console.log(`${ok ? '✓' : '✗'} ${name}${detail && !ok ? ` — ${String(detail).replace(/\s+/g, ' ').slice(0, 300)}` : ''}`);
}
async function shot(target, name, options = {}, forDocs = true) {
  await target.screenshot({ path: join(shots, `${name}.png`), ...options });
  if (docs && forDocs) await target.screenshot({ path: join(docs, `wordpress-${name}.png`), ...options });
}

console.log(`WordPress ${setup.wpVersion}, DISALLOW_UNFILTERED_HTML, author "${setup.author.login}"`);
for (const c of setup.checks) check(`PHP: ${c.name}`, c.ok, c.detail);

// The REST API of the WordPress site at siteUrl as a user, with an application password.
function restClient(siteUrl, user) {
  const auth = `Basic ${Buffer.from(`${user.login}:${user.appPassword}`).toString('base64')}`;
  return async function wp(route, body) {
    const [path, query = ''] = route.split('?');
    const res = await fetch(`${siteUrl}/?rest_route=${encodeURIComponent(path)}${query ? `&${query}` : ''}`, {
      method: body ? 'POST' : 'GET',
      headers: { Authorization: auth, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(`${route}: HTTP ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
    return json;
  };
}
// The author's posts, through the REST API as the block editor saves them.
const wp = restClient(site, setup.author);
const publish = (title, content) => wp('/wp/v2/posts', { title, content, status: 'publish' });

async function submissions(kind, id) {
  const res = await fetch(`${api}/admin/${kind}/${id}/submissions`, { headers: { Authorization: `Bearer ${adminToken}` } });
  const body = await res.json();
  return (Array.isArray(body) ? body : (body.submissions ?? body.items ?? [])).length;
}

// The theme snippet of docs/embed/wordpress.md ("Without the plugin"), as a must-use plugin: it loads
// the bundle from the backend on pages with a placeholder. Under its own handle here, so that the
// plugin's registered copy does not stand in for it.
const backendOrigin = new URL(api).origin;
const doc = readFileSync('docs/embed/wordpress.md', 'utf8');
const snippet = doc.split('<!-- theme-snippet')[1]?.match(/```php\n([\s\S]*?)```/)?.[1]?.replace(/^ {3}/gm, '') ?? '';
mkdirSync(join(run, 'wp-content/mu-plugins'), { recursive: true });
writeFileSync(
  join(run, 'wp-content/mu-plugins/theme-snippet.php'),
  `<?php\n${snippet.replaceAll("'civic-widgets'", "'civic-widgets-theme'").replaceAll('https://participation.example.org', backendOrigin)}`,
);

// A new tab of ctx logged in to the WordPress site at siteUrl as user.
async function login(ctx, user, siteUrl = site) {
  const p = await ctx.newPage();
  await p.goto(`${siteUrl}/wp-login.php`);
  await p.fill('#user_login', user.login);
  await p.fill('#user_pass', user.password);
  await Promise.all([p.waitForURL(/wp-admin/, { timeout: 30000 }), p.click('#wp-submit')]);
  return p;
}

const browser = await chromium.launch({
  executablePath: ensureChromium(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
try {
  const shortcodePost = await publish(
    'A poll in a shortcode',
    '<!-- wp:paragraph -->\n<p>The town asks its residents.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:shortcode -->\n[civic_vote vote-id="velo-rue-principale" onclick="alert(1)"]\n<!-- /wp:shortcode -->',
  );
  const blockPost = await publish(
    'Widgets as blocks',
    `<!-- wp:paragraph -->\n<p>Deux modules, en blocs.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:civic-widgets/vote {"vote-id":"fete-du-village","endpoint":"${api}","lang":"fr"} /-->\n\n<!-- wp:civic-widgets/survey {"survey-id":"mobilite-2027","heading-level":3} /-->`,
  );
  const customHtmlPost = await publish(
    'A placeholder in a Custom HTML block',
    `<!-- wp:html -->\n<div data-civic-widget="petition" data-petition-id="bureau-de-poste" data-endpoint="${api}"></div>\n<!-- /wp:html -->`,
  );
  const plainPost = await publish('No widget here', '<!-- wp:paragraph -->\n<p>Just text.</p>\n<!-- /wp:paragraph -->');
  const pasted = await publish('Pasted markup', `<civic-vote endpoint="${api}" vote-id="velo-rue-principale"></civic-vote><script type="module" src="${api.replace(/\/api$/, '')}/civic-widgets.js"></script>`);
  const pastedRaw = (await wp(`/wp/v2/posts/${pasted.id}?context=edit`)).content?.raw ?? '';
  check("the author's pasted <civic-vote> and <script> are stripped on save (why the plugin exists)", !pastedRaw.includes('<civic-vote') && !pastedRaw.includes('<script'), pastedRaw);
  const blockRaw = (await wp(`/wp/v2/posts/${blockPost.id}?context=edit`)).content?.raw ?? '';
  check("the author's blocks and shortcode are saved as written", blockRaw.includes('<!-- wp:civic-widgets/vote {"vote-id":"fete-du-village"') && blockRaw.includes('<!-- wp:civic-widgets/survey {"survey-id":"mobilite-2027","heading-level":3} /-->'), blockRaw);

  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const tab = await context.newPage();
  const errors = [];
  const code = []; // every JavaScript file of the bundle the pages fetch
  tab.on('pageerror', (e) => errors.push(e.message));
  // A failed load is reported by its URL (the console message has none); WordPress without
  // rewrite rules has no /favicon.ico.
  tab.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
  tab.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`));
  tab.on('request', (r) => /civic-widgets\.js|\/chunks\//.test(r.url()) && code.push(r.url()));
  const inShadow = (host, selector) => tab.locator(host).locator(selector);

  // The shortcode post: the default endpoint (settings), the page's language (en-US).
  const shortcodeHtml = await (await fetch(shortcodePost.link)).text();
  const bundleTag = shortcodeHtml.match(/<script[^>]*civic-widgets\.js[^>]*>/)?.[0] ?? '';
  check(
    'a post with a widget loads the plugin\'s copy of the bundle as a module',
    /type="module"/.test(bundleTag) && bundleTag.includes(`${site}/wp-content/plugins/civic-widgets/assets/civic-widgets.js`),
    bundleTag || 'no civic-widgets.js script',
  );
  const placeholder = shortcodeHtml.match(/<div data-civic-widget="vote"[^>]*>/)?.[0] ?? '';
  check('the shortcode renders the placeholder with the default endpoint and without the unknown attribute', placeholder.includes('data-vote-id="velo-rue-principale"') && placeholder.includes(`data-endpoint="${api}"`) && !/onclick/.test(placeholder), placeholder);

  await tab.goto(shortcodePost.link);
  const vote1 = '[data-civic-widget="vote"] civic-vote';
  await inShadow(vote1, 'form').waitFor({ timeout: 20000 });
  const title1 = (await inShadow(vote1, '[part~=title]').first().textContent())?.trim();
  check('the shortcode post shows the poll (shadow DOM), in the page\'s language', title1 === 'Should Main Street get a cycle lane?', title1);
  await shot(tab, 'shortcode-page');
  await inShadow(vote1, 'input[value="piste-separee"]').check();
  await inShadow(vote1, '[part~=submit-button]').click();
  await inShadow(vote1, '.results').waitFor({ timeout: 20000 });
  check('a vote from the shortcode post arrives at the backend, once', (await submissions('votes', 'velo-rue-principale')) === 1);
  await shot(tab, 'shortcode-voted', {}, false);

  // The block post: the vote in French with its own endpoint, and a survey.
  await tab.goto(blockPost.link);
  const vote2 = '[data-civic-widget="vote"] civic-vote';
  const survey = '[data-civic-widget="survey"] civic-survey';
  await inShadow(vote2, 'form').waitFor({ timeout: 20000 });
  await inShadow(survey, 'form').waitFor({ timeout: 20000 });
  const title2 = (await inShadow(vote2, '[part~=title]').first().textContent())?.trim();
  const surveyTitle = (await inShadow(survey, '[part~=title]').first().textContent())?.trim();
  const heading = await inShadow(survey, '[part~=title][aria-level="3"]').count();
  check('the block post shows the poll in French (lang from the block) and the survey (heading level 3 from the block)', title2 === 'Fête du village : quelles animations ?' && !!surveyTitle && heading > 0, `${title2} | ${surveyTitle} | level 3: ${heading}`);
  await shot(tab, 'block-page');
  await inShadow(vote2, 'input[value="bal-populaire"]').check();
  await inShadow(vote2, 'input[value="marche-producteurs"]').check();
  await inShadow(vote2, '[part~=submit-button]').click();
  await inShadow(vote2, '.results').waitFor({ timeout: 20000 });
  check('a vote from the block post arrives at the backend, once', (await submissions('votes', 'fete-du-village')) === 1);

  const fromWordPress = code.filter((u) => u.startsWith(`${site}/wp-content/plugins/civic-widgets/assets/`));
  check('the widgets\' code (loader and chunks) comes from the plugin, none from the backend or a CDN', code.length >= 3 && fromWordPress.length === code.length, code.filter((u) => !fromWordPress.includes(u)).join(' '));

  // Without the plugin's blocks: the placeholder in a Custom HTML block survives kses, and the theme
  // snippet loads the bundle from the backend (cross-origin module).
  const customRaw = (await wp(`/wp/v2/posts/${customHtmlPost.id}?context=edit`)).content?.raw ?? '';
  code.length = 0;
  await tab.goto(customHtmlPost.link);
  const petition = '[data-civic-widget="petition"] civic-petition';
  await inShadow(petition, 'form').waitFor({ timeout: 20000 }).catch(() => {});
  check(
    "without the plugin's blocks: the author's placeholder in a Custom HTML block is kept, and renders with the theme snippet of the guide (bundle from the backend)",
    customRaw.includes(`<div data-civic-widget="petition" data-petition-id="bureau-de-poste" data-endpoint="${api}"></div>`) && (await inShadow(petition, 'form').count()) === 1 && code.some((u) => u.startsWith(`${backendOrigin}/civic-widgets.js`)),
    `${customRaw} | ${code.join(' ')}`,
  );
  await shot(tab, 'custom-html-page');

  // A post without a widget does not load the bundle.
  code.length = 0;
  const plainHtml = await (await fetch(plainPost.link)).text();
  await tab.goto(plainPost.link);
  await tab.waitForLoadState('networkidle');
  check('a post without a widget does not load the bundle', !plainHtml.includes('civic-widgets.js') && code.length === 0 && plainHtml.includes('Just text.'), code.join(' '));
  check('no page error on the published posts', errors.length === 0, errors.join(' | '));

  // The editor, as the author: the block's options in the sidebar, the real widget as the preview.
  const editorContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const editor = await login(editorContext, setup.author);
  const editorErrors = [];
  editor.on('pageerror', (e) => editorErrors.push(e.message));
  await editor.goto(`${site}/wp-admin/post.php?post=${blockPost.id}&action=edit`);
  const surveyBlock = editor.locator('[data-type="civic-widgets/survey"]');
  await surveyBlock.waitFor({ timeout: 60000 });
  await editor.keyboard.press('Escape').catch(() => {});
  const previewForm = surveyBlock.locator('civic-survey').locator('form');
  await previewForm.waitFor({ timeout: 20000 }).catch(() => {});
  await surveyBlock.click({ position: { x: 10, y: 10 } });
  const settingsButton = editor.locator('button[aria-label="Settings"][aria-expanded="false"]');
  if (await settingsButton.count()) await settingsButton.first().click();
  const idField = editor.locator('.block-editor-block-inspector').getByLabel('survey-id');
  await idField.waitFor({ timeout: 20000 }).catch(() => {});
  const sidebar = editor.locator('.block-editor-block-inspector');
  const toggles = await sidebar.locator('.components-toggle-control').count();
  // One toggle per boolean attribute <civic-survey> has in custom-elements.json (show-results, print, easy-read…).
  const surveyToggles = JSON.parse(readFileSync('custom-elements.json', 'utf8'))
    .modules.flatMap((m) => m.declarations ?? [])
    .find((d) => d.tagName === 'civic-survey')
    .attributes.filter((a) => (a.type?.text ?? '').replace(/\s*\|\s*undefined/g, '').trim() === 'boolean').length;
  check(
    'the editor shows the survey block\'s options in the sidebar (from the manifest) and the real widget as preview',
    (await idField.inputValue().catch(() => '')) === 'mobilite-2027' && toggles === surveyToggles && (await previewForm.count()) === 1,
    `survey-id: ${await idField.inputValue().catch(() => '?')}, toggles: ${toggles} (the manifest's boolean attributes: ${surveyToggles}), preview form: ${await previewForm.count()}`,
  );
  await shot(editor, 'block-editor');
  // Changing an option in the sidebar and saving stores it in the block.
  await sidebar.getByLabel('Heading level (heading-level)').fill('4');
  await editor.locator('button.editor-post-publish-button, button.editor-post-publish-button__button').first().click();
  await editor.waitForFunction(() => !document.querySelector('.editor-post-publish-button[aria-disabled="true"], .is-saving'), null, { timeout: 20000 }).catch(() => {});
  await editor.waitForTimeout(1500);
  const saved = (await wp(`/wp/v2/posts/${blockPost.id}?context=edit`)).content?.raw ?? '';
  check('an option changed in the sidebar is saved in the block', saved.includes('<!-- wp:civic-widgets/survey {"survey-id":"mobilite-2027","heading-level":4} /-->'), saved);
  check('no error in the editor', editorErrors.length === 0, editorErrors.join(' | '));

  // Settings → Civic widgets, as the administrator (French).
  const adminContext = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const admin = await login(adminContext, setup.admin);
  await admin.goto(`${site}/wp-admin/options-general.php?page=civic-widgets`);
  const h1 = (await admin.locator('.wrap h1').textContent())?.trim();
  const endpointValue = await admin.locator('#civic_widgets_endpoint').inputValue();
  check('the settings page (French for a French user) shows the default endpoint', h1 === 'Modules citoyens (Civic widgets)' && endpointValue === api, `${h1} | ${endpointValue}`);
  await shot(admin, 'settings', { fullPage: true });
  await admin.fill('#civic_widgets_endpoint', 'ftp://files.example.org/api');
  await admin.locator('#submit').click();
  await admin.waitForLoadState('load');
  const notice = (await admin.locator('.notice-error, .error').allTextContents()).join(' ');
  check('a bad endpoint is refused with a message and the previous one kept', /doit commencer par http/.test(notice) && (await admin.locator('#civic_widgets_endpoint').inputValue()) === api, notice);

  // No PHP warning or notice from the plugin (WordPress 6.1's own deprecations on PHP 8.2 are left out).
  const log = existsSync(join(run, 'debug.log')) ? readFileSync(join(run, 'debug.log'), 'utf8') : '';
  const ours = log.split('\n').filter((l) => l.includes('plugins/civic-widgets/'));
  check('no PHP warning or notice from the plugin', ours.length === 0, ours.slice(0, 3).join(' | '));
} catch (e) {
  check('the WordPress check ran to the end', false, e instanceof Error ? e.stack : String(e));
}
if (process.argv[3]) {
  try {
    const msSetup = JSON.parse(readFileSync(process.argv[3], 'utf8'));
    await multisiteCheck({ setup: msSetup, api, debugLog: join(dirname(process.argv[3]), 'debug.log'), browser, check, shot, submissions, restClient, login });
  } catch (e) {
    check('the multisite check ran to the end', false, e instanceof Error ? e.stack : String(e));
  }
}
await browser.close();
const passed = results.filter(Boolean).length;
console.log(`\n${passed} passed, ${results.length - passed} failed`);
process.exit(results.length - passed === 0 ? 0 : 1);
