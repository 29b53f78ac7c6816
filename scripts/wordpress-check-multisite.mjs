// The multisite part of the WordPress check, called by scripts/wordpress-check.mjs with its browser and
// helpers, after scripts/wordpress-check.sh has set up the network (scripts/wordpress-check-multisite.php):
// a subdirectory network on port 80, the plugin network-activated, a second site /quartier/ whose
// administrator is not a super admin (so has no unfiltered_html, as on every multisite).
// - prints the PHP-side checks;
// - the site's administrator sets the site's endpoint on Settings → Civic widgets (each site its own);
// - as that administrator (REST API, application password), publishes a post with a shortcode, one with
//   a block, and one with a pasted <civic-vote> + <script>, which must be emptied on save;
// - in headless Chromium: both widget posts render their widget from the plugin's copy of the bundle,
//   a vote on each arrives at the backend (one more ballot each), the pasted post has no widget and
//   loads no code, no page error; no PHP warning or notice from the plugin in the network's debug.log.
import { existsSync, readFileSync } from 'node:fs';

/**
 * @param {object} o
 * @param {{ network: string, site: string, wpVersion: string, siteAdmin: { login: string, password: string, appPassword: string }, checks: { name: string, ok: boolean, detail: string }[] }} o.setup
 *   what wordpress-check-multisite.php setup printed
 * @param {string} o.api the backend's API base URL
 * @param {string} o.debugLog the network's WP_DEBUG_LOG
 * @param {import('playwright-core').Browser} o.browser
 * @param {(name: string, ok: unknown, detail?: unknown) => void} o.check
 * @param {(target: unknown, name: string, options?: object, forDocs?: boolean) => Promise<void>} o.shot
 * @param {(kind: string, id: string) => Promise<number>} o.submissions
 * @param {(siteUrl: string, user: { login: string, appPassword: string }) => (route: string, body?: object) => Promise<any>} o.restClient
 * @param {(ctx: import('playwright-core').BrowserContext, user: { login: string, password: string }, siteUrl: string) => Promise<import('playwright-core').Page>} o.login
 */
export async function multisiteCheck({ setup, api, debugLog, browser, check, shot, submissions, restClient, login }) {
  const { site, siteAdmin } = setup;
  const m = (name) => `multisite: ${name}`;
  console.log(`\nWordPress ${setup.wpVersion} multisite on ${setup.network}, site ${site}, its administrator "${siteAdmin.login}"`);
  for (const c of setup.checks) check(m(`PHP: ${c.name}`), c.ok, c.detail);

  const ballots = {
    shortcode: await submissions('votes', 'velo-rue-principale'),
    block: await submissions('votes', 'fete-du-village'),
  };

  // Settings → Civic widgets of the second site, as its administrator.
  const adminContext = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const admin = await login(adminContext, siteAdmin, site);
  await admin.goto(`${site}/wp-admin/options-general.php?page=civic-widgets`);
  await admin.fill('#civic_widgets_endpoint', api);
  await admin.locator('#submit').click();
  await admin.waitForLoadState('load');
  const saved = await admin.locator('#civic_widgets_endpoint').inputValue();
  const updated = (await admin.locator('.notice-success, .updated').allTextContents()).join(' ');
  check(m("the site's administrator (not a super admin) sets the site's endpoint on its own settings page"), saved === api && /saved/i.test(updated), `${saved} | ${updated}`);
  await adminContext.close();

  // The site administrator's posts, through the REST API.
  const wp = restClient(site, siteAdmin);
  const publish = (title, content) => wp('/wp/v2/posts', { title, content, status: 'publish' });
  const shortcodeContent = '<!-- wp:shortcode -->\n[civic_vote vote-id="velo-rue-principale"]\n<!-- /wp:shortcode -->';
  const blockContent = '<!-- wp:civic-widgets/vote {"vote-id":"fete-du-village","lang":"fr"} /-->';
  const shortcodePost = await publish('Multisite: a poll in a shortcode', `<!-- wp:paragraph -->\n<p>The neighbourhood site asks.</p>\n<!-- /wp:paragraph -->\n\n${shortcodeContent}`);
  const blockPost = await publish('Multisite: a poll as a block', blockContent);
  const pastedPost = await publish(
    'Multisite: pasted markup',
    `<civic-vote endpoint="${api}" vote-id="velo-rue-principale"></civic-vote><script type="module" src="${api.replace(/\/api$/, '')}/civic-widgets.js"></script>`,
  );
  const raw = async (post) => (await wp(`/wp/v2/posts/${post.id}?context=edit`)).content?.raw ?? '';
  const pastedRaw = await raw(pastedPost);
  check(m("the site administrator's pasted <civic-vote> and <script> are emptied on save"), !pastedRaw.includes('<civic-vote') && !pastedRaw.includes('<script'), pastedRaw);
  const shortcodeRaw = await raw(shortcodePost);
  const blockRaw = await raw(blockPost);
  check(m("the site administrator's shortcode and block are saved as written"), shortcodeRaw.includes(shortcodeContent) && blockRaw.includes(blockContent), `${shortcodeRaw} | ${blockRaw}`);

  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const tab = await context.newPage();
  const errors = [];
  const code = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  tab.on('console', (msg) => msg.type() === 'error' && !msg.text().startsWith('Failed to load resource') && errors.push(msg.text()));
  tab.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`));
  tab.on('request', (r) => /civic-widgets\.js|\/chunks\//.test(r.url()) && code.push(r.url()));
  const inShadow = (host, selector) => tab.locator(host).locator(selector);
  const vote = '[data-civic-widget="vote"] civic-vote';

  // The shortcode post: the site's endpoint (set above), the page's language.
  const shortcodeHtml = await (await fetch(shortcodePost.link)).text();
  const placeholder = shortcodeHtml.match(/<div data-civic-widget="vote"[^>]*>/)?.[0] ?? '';
  check(m("the shortcode renders the placeholder with the site's endpoint"), placeholder.includes('data-vote-id="velo-rue-principale"') && placeholder.includes(`data-endpoint="${api}"`), placeholder || shortcodeHtml.slice(0, 300));
  await tab.goto(shortcodePost.link);
  await inShadow(vote, 'form').waitFor({ timeout: 20000 });
  const title1 = (await inShadow(vote, '[part~=title]').first().textContent())?.trim();
  check(m(`the shortcode post on ${new URL(site).pathname} shows the poll (shadow DOM)`), title1 === 'Should Main Street get a cycle lane?', title1);
  await shot(tab, 'multisite-shortcode-page', {}, false);
  await inShadow(vote, 'input[value="bande-peinte"]').check();
  await inShadow(vote, '[part~=submit-button]').click();
  await inShadow(vote, '.results').waitFor({ timeout: 20000 });
  check(m('a vote from the shortcode post arrives at the backend, once'), (await submissions('votes', 'velo-rue-principale')) === ballots.shortcode + 1);

  // The block post: in French (lang from the block).
  await tab.goto(blockPost.link);
  await inShadow(vote, 'form').waitFor({ timeout: 20000 });
  const title2 = (await inShadow(vote, '[part~=title]').first().textContent())?.trim();
  check(m('the block post shows the poll in French (lang from the block)'), title2 === 'Fête du village : quelles animations ?', title2);
  await shot(tab, 'multisite-block-page', {}, false);
  await inShadow(vote, 'input[value="bal-populaire"]').check();
  await inShadow(vote, '[part~=submit-button]').click();
  await inShadow(vote, '.results').waitFor({ timeout: 20000 });
  check(m('a vote from the block post arrives at the backend, once'), (await submissions('votes', 'fete-du-village')) === ballots.block + 1);

  const pluginAssets = new URL('/wp-content/plugins/civic-widgets/assets/', setup.network).href;
  const sitePluginAssets = `${site}/wp-content/plugins/civic-widgets/assets/`;
  const fromPlugin = code.filter((u) => u.startsWith(pluginAssets) || u.startsWith(sitePluginAssets));
  check(m("the widgets' code comes from the network's copy of the plugin"), code.length >= 3 && fromPlugin.length === code.length, code.filter((u) => !fromPlugin.includes(u)).join(' '));

  // The pasted post: nothing left to run.
  code.length = 0;
  await tab.goto(pastedPost.link);
  await tab.waitForLoadState('networkidle');
  const pastedHtml = await tab.content();
  check(
    m('the pasted post has no widget and loads no widget code'),
    pastedHtml.includes('Multisite: pasted markup') && (await tab.locator('civic-vote').count()) === 0 && code.length === 0,
    `civic-vote: ${await tab.locator('civic-vote').count()}, code: ${code.join(' ')}`,
  );
  check(m('no page error on the published posts'), errors.length === 0, errors.join(' | '));
  await context.close();

  const log = existsSync(debugLog) ? readFileSync(debugLog, 'utf8') : '';
  const ours = log.split('\n').filter((l) => l.includes('plugins/civic-widgets/'));
  check(m('no PHP warning or notice from the plugin'), ours.length === 0, ours.slice(0, 3).join(' | '));
}
