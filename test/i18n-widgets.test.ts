/**
 * Each widget in a language loaded on demand, against the live backend: the fallback at once, the
 * language once its chunks arrived, right-to-left for Arabic, and a chunk that cannot be fetched
 * (offline) keeping the fallback without errors until the connection returns.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/define.js';
import type { CivicElement } from '../src/internal/civic-element.js';
import { $, backend, clearDeviceStorage, createVote, textOf, until } from './support/helpers.js';

/** Makes the requests whose URL matches `pattern` fail as on a lost connection (null: they go through again). */
const failRequests = (pattern: string | null) => executeServerCommand('fail-requests', pattern);

const base = (el: Element) => $(el, '[part~=base]');
const text = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');

beforeEach(clearDeviceStorage);

describe('languages loaded on demand', () => {
  // First in this file: nothing of Dutch is loaded yet.
  it('offline, a widget keeps the fallback language without errors, and speaks Dutch when the connection returns', async () => {
    const errors: string[] = [];
    const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push(String('reason' in e ? e.reason : e.message));
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onError);
    // The Dutch chunks cannot be fetched (the network refuses them, as when the connection drops).
    await failRequests('/(locales|messages)/([a-z]+\\.)?nl\\.(js|ts)');
    try {
      // No endpoint: the configuration message needs only the core's strings, no server.
      const el = await fixture<CivicElement>(html`<civic-petition lang="nl" petition-id="x"></civic-petition>`);
      expect(text(el)).to.contain('This widget is not configured correctly');
      await new Promise((r) => setTimeout(r, 300));
      expect(text(el)).to.contain('This widget is not configured correctly');
      expect(base(el)!.getAttribute('lang')).to.equal('en');
      await failRequests(null);
      dispatchEvent(new Event('online'));
      await until(() => text(el).includes('Deze widget is niet goed ingesteld'), 'Dutch after the connection returned');
      expect(base(el)!.getAttribute('lang')).to.equal('nl');
      expect(errors).to.deep.equal([]);
    } finally {
      await failRequests(null);
      removeEventListener('error', onError);
      removeEventListener('unhandledrejection', onError);
    }
  });

  it('<civic-vote lang="nl-BE">: Dutch once its chunk arrived', async () => {
    const { url } = await backend();
    const id = await createVote();
    const el = await fixture<CivicElement>(html`<civic-vote endpoint=${url} vote-id=${id} lang="nl-BE"></civic-vote>`);
    await until(() => textOf(el.shadowRoot, 'button[type=submit]') === 'Stemmen', 'the Dutch submit button');
    expect(base(el)!.getAttribute('lang')).to.equal('nl');
    expect(base(el)!.getAttribute('dir')).to.equal('ltr');
    expect(text(el)).to.contain('Kies één antwoord.');
  });
});
