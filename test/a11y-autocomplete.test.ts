/**
 * RGAA 11.13 / WCAG 1.3.5: every field that asks for the resident's own data says its purpose with
 * `autocomplete`, so that browsers and assistive tools can fill or explain it; nothing else is
 * autofilled into a field with another meaning. In Chromium, on the live backend.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import { backend, clearDeviceStorage, putContent, uniqueId, until } from './support/helpers.js';
import { WIDGETS, mountCase } from './support/a11y-widgets.js';

/** id → autocomplete of every visible field in the shadow root (the honeypot is left out). */
function purposes(el: Element): Record<string, string | null> {
  return Object.fromEntries(
    [...el.shadowRoot!.querySelectorAll('input:not([type=radio]):not([type=checkbox]):not([type=file]):not([tabindex="-1"]), textarea, select')]
      .filter((e) => !e.closest('[aria-hidden="true"]'))
      .map((e) => [e.id, e.getAttribute('autocomplete')]),
  );
}

describe('the purpose of personal fields (autocomplete)', () => {
  beforeEach(() => clearDeviceStorage());

  it('petition, every profile', async () => {
    const { url } = await backend();
    const expected = {
      minimal: { 'f-name': 'nickname', 'f-email': 'email' },
      standard: { 'f-firstName': 'given-name', 'f-lastName': 'family-name', 'f-email': 'email', 'f-postcode': 'postal-code', 'f-town': 'address-level2' },
      formal: { 'f-firstName': 'given-name', 'f-lastName': 'family-name', 'f-address': 'street-address', 'f-postcode': 'postal-code', 'f-town': 'address-level2', 'f-email': 'email' },
    } as const;
    for (const [profile, fields] of Object.entries(expected)) {
      const id = await putContent('petitions', { id: uniqueId('pet'), title: { fr: 'T', en: 'T' }, summary: { fr: 'S', en: 'S' }, profile });
      const el = await fixture(html`<civic-petition endpoint=${url} petition-id=${id} lang="en"></civic-petition>`);
      await until(() => !!el.shadowRoot?.querySelector('form'), 'the form');
      expect(purposes(el), profile).to.deep.equal(fields);
    }
  });

  it('survey: the optional contact details and an e-mail question', async () => {
    const el = await mountCase(WIDGETS.find((w) => w.name === 'survey-all-questions')!, 'en');
    const p = purposes(el);
    expect(p).to.deep.include({ 'contact-name': 'name', 'contact-email': 'email' });
    const { url } = await backend();
    const id = await putContent('surveys', {
      id: uniqueId('ac-survey'),
      title: { fr: 'T', en: 'T' },
      pages: [{ id: 'p', questions: [{ id: 'mail', type: 'email', label: { fr: 'Courriel', en: 'E-mail' } }, { id: 'town', type: 'text', label: { fr: 'Ville préférée', en: 'Favourite town' } }] }],
    });
    const s = await fixture(html`<civic-survey endpoint=${url} survey-id=${id} lang="en"></civic-survey>`);
    await until(() => !!s.shadowRoot?.querySelector('form'), 'the survey');
    // An e-mail question asks for an address: email. A free text question is not the resident's data: off.
    expect(purposes(s)).to.deep.include({ 'q-mail-input': 'email', 'q-town-input': 'off' });
  });

  it('map report: the contact details; the address is a place, not the resident’s', async () => {
    const el = await mountCase(WIDGETS.find((w) => w.name === 'map-report')!, 'en');
    expect(purposes(el)).to.deep.include({ 'f-firstName': 'given-name', 'f-lastName': 'family-name', 'f-email': 'email', 'f-address': 'street-address', 'f-description': null });
  });

  it('comments: the name shown with the comment and the e-mail for updates', async () => {
    const el = await mountCase(WIDGETS.find((w) => w.name === 'comments')!, 'en');
    (el.shadowRoot!.querySelector('#top-notify') as HTMLInputElement).click();
    await until(() => !!el.shadowRoot!.querySelector('#top-email'), 'the e-mail field');
    expect(purposes(el)).to.deep.include({ 'top-author': 'nickname', 'top-email': 'email' });
  });
});
