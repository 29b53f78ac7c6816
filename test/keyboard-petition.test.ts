/**
 * Signing a petition with the keyboard alone (the formal profile: text fields and two checkboxes):
 * real key presses only. The full text opens and closes with Enter; an empty form sends the focus
 * to the error summary, whose links lead to the fields; typing, Space on the boxes, Enter on
 * "Sign"; the "check your mail" message is focused and announced; the signature is stored pending.
 * Focus order and visible focus at every stop; Chromium's tree (expanded, required, invalid).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { CivicPetition } from '../src/components/petition/petition.js';
import { backend, clearDeviceStorage, putContent, sql, uniqueId, until, $ } from './support/helpers.js';
import { announced, axFind, axGet, axTree, deepActive, here, press, startBefore, tabTo, tabVisibly, typeKeys } from './support/a11y.js';

async function mount(): Promise<{ el: CivicPetition; id: string }> {
  const { url } = await backend();
  const id = await putContent('petitions', {
    id: uniqueId('pet'),
    title: { fr: 'Pour la réouverture du bureau de poste', en: 'Reopen the post office' },
    summary: { fr: 'Le bureau de poste du centre doit rouvrir.', en: 'The town-centre post office must reopen.' },
    body: { fr: 'Premier paragraphe.\n\nSecond paragraphe.', en: 'First paragraph.\n\nSecond paragraph.' },
    addressee: { fr: 'Monsieur le Maire', en: 'The Mayor' },
    profile: 'formal',
    goal: 500,
  });
  const wrap = await fixture<HTMLDivElement>(html`<div>
    <a href="#before" id="before">Before the petition</a>
    <civic-petition endpoint=${url} petition-id=${id} lang="en"></civic-petition>
    <a href="#after" id="after">After the petition</a>
  </div>`);
  const el = wrap.querySelector('civic-petition')!;
  await until(() => !!el.shadowRoot?.querySelector('form'), 'the petition form');
  // A resident takes more than the minimum form-fill time (the server refuses faster "signers").
  (el as unknown as { shownAt: number }).shownAt = performance.now() - 10_000;
  startBefore(wrap);
  return { el, id };
}

async function statuses(id: string): Promise<string[]> {
  const rows = await sql<{ status: string }>(`select status from submissions where kind = 'petition' and content_id = $1`, [id]);
  return rows.map((r) => r.status);
}

const ELECTOR = 'I am registered on the electoral roll of the commune';
const DECLARATION = 'I declare on my honour that the information above is accurate';

describe('<civic-petition> with the keyboard alone', () => {
  beforeEach(() => clearDeviceStorage());

  it('reads the full text, is led from the error summary to each field, signs', async () => {
    const { el, id } = await mount();
    const tree = await axTree('civic-petition');
    axGet(tree, 'region', 'Reopen the post office');
    const form = axGet(tree, 'form');
    for (const name of ['First name', 'Last name', 'Full address (number and street)', 'Postcode', 'Town', 'Email address']) {
      expect(axGet(form, 'textbox', name).props['required'], name).to.equal(true);
    }
    expect(axGet(form, 'textbox', 'Email address').description).to.equal('We send you a link to confirm your signature. Your address is never published.');
    // A checkbox has no "required" state in ARIA: the form says it before the first field.
    axGet(form, 'checkbox', ELECTOR);
    expect($(el, 'form [part~=hint]')!.textContent).to.equal('All fields are required.');
    // The purpose of each personal field, for the browser's autofill (RGAA 11.13).
    const purpose = Object.fromEntries([...el.shadowRoot!.querySelectorAll('form input[autocomplete]')].map((i) => [i.id, i.getAttribute('autocomplete')]));
    expect(purpose).to.deep.include({ 'f-firstName': 'given-name', 'f-lastName': 'family-name', 'f-address': 'street-address', 'f-postcode': 'postal-code', 'f-town': 'address-level2', 'f-email': 'email' });
    // The honeypot is out of the tree and out of the Tab order.
    expect(axFind(tree, 'textbox', /website|Leave/i)).to.equal(undefined);

    // The full text: a disclosure, opened and closed with Enter.
    const summary = await tabVisibly();
    expect(summary).to.match(/^(DisclosureTriangle|button) "Read the full text"$/);
    expect(axGet(await axTree('civic-petition'), summary.split(' ')[0]!, 'Read the full text').props['expanded']).to.equal(undefined);
    await press('Enter');
    expect(($(el, 'details') as HTMLDetailsElement).open).to.equal(true);
    expect(axGet(await axTree('civic-petition'), summary.split(' ')[0]!, 'Read the full text').props['expanded']).to.equal(true);
    await press('Enter');
    expect(($(el, 'details') as HTMLDetailsElement).open).to.equal(false);

    // The whole Tab order of the form, then Enter on "Sign" with nothing filled in.
    const order = await tabTo('button "Sign"');
    expect(order).to.deep.equal([
      `checkbox "${ELECTOR}"`,
      'textbox "First name"',
      'textbox "Last name"',
      'textbox "Full address (number and street)"',
      'textbox "Postcode"',
      'textbox "Town"',
      'textbox "Email address"',
      `checkbox "${DECLARATION}"`,
      'button "Sign"',
    ]);
    await press('Enter');
    await until(() => deepActive()?.id === 'error-summary', 'focus on the error summary');
    expect(announced(el)).to.contain('There is a problem Please correct the following 8 answers:');
    const invalid = axGet(await axTree('civic-petition'), 'form');
    const first = axGet(invalid, 'textbox', 'First name');
    expect(first.props['invalid']).to.equal('true');
    expect(first.description).to.equal('This answer is required.');
    expect(axGet(invalid, 'checkbox', ELECTOR).description).to.equal('Tick this box to sign.');
    expect(await statuses(id)).to.deep.equal([]);

    // The summary's first link leads to the box; Space ticks it and its error goes.
    expect(await tabVisibly()).to.equal(`link "${ELECTOR}: Tick this box to sign."`);
    await press('Enter');
    expect(await here()).to.equal(`checkbox "${ELECTOR}"`);
    await press('Space');
    await until(() => !$(el, '#err-elector'), 'the box error gone');
    const typed: Array<[string, string]> = [
      ['First name', 'Marie'],
      ['Last name', 'Dupont'],
      ['Full address (number and street)', '3 rue des Lilas'],
      ['Postcode', '37000'],
      ['Town', 'Tours'],
      ['Email address', 'marie.keyboard@example.org'],
    ];
    for (const [label, value] of typed) {
      expect(await tabVisibly()).to.equal(`textbox "${label}"`);
      await typeKeys(value);
    }
    expect(await tabVisibly()).to.equal(`checkbox "${DECLARATION}"`);
    await press('Space');
    expect(await tabVisibly()).to.equal('button "Sign"');
    await press('Enter');
    await until(() => deepActive()?.id === 'status', 'focus on the confirmation', 15000);
    expect(announced(el)).to.contain('Almost done: we sent a message to marie.keyboard@example.org.');
    expect(await statuses(id)).to.deep.equal(['pending']);
    const done = await axTree('civic-petition');
    expect(axGet(done, 'status').props['focused']).to.equal(true);
    expect(axFind(done, 'form')).to.equal(undefined);
  });
});
