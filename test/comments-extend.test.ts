/**
 * More time to edit one's own comment (WCAG 2.2.1 Timing adjustable, RGAA 13.1), in Chromium against
 * the real backend: the warning when 2 minutes or less are left, in a polite live region, under the
 * comment and inside its edit form; "More time" with the keyboard alone; the later deadline shown
 * and announced; the text being edited kept; offline, and no extension left.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../src/components/comments/index.js';
import type { CivicComments } from '../src/components/comments/comments.js';
import type { ThreadDefinitionInput } from '../src/api/schemas.js';
import { $, backend, backendDown, backendUp, clearDeviceStorage, putContent, sql, textOf, uniqueId, until } from './support/helpers.js';
import { announced, here, press, tabVisibly, typeKeys } from './support/a11y.js';

async function createThread(extra: Partial<ThreadDefinitionInput> = {}): Promise<string> {
  return putContent('threads', { id: uniqueId('ext'), title: { fr: 'Place du Marché', en: 'Market Square' }, ...extra });
}

async function mount(id: string, lang = 'en'): Promise<CivicComments> {
  const { url } = await backend();
  const el = await fixture<CivicComments>(html`<civic-comments endpoint=${url} thread-id=${id} lang=${lang}></civic-comments>`);
  await until(() => !!el.shadowRoot?.querySelector('.comments') && !el.shadowRoot.querySelector('.spinner'), 'the thread to load');
  await el.updateComplete;
  // The resident takes more than the minimum form-fill time.
  for (const f of (el as unknown as { forms: Map<string, { shownAt: number }> }).forms.values()) f.shownAt = performance.now() - 20_000;
  return el;
}

/** Publishes a comment from the widget (this device is its author); returns its id. */
async function publishOwn(el: CivicComments, body: string): Promise<string> {
  for (const [sel, value] of [['#top-author', 'Marie'], ['#top-body', body]] as const) {
    const input = $(el, sel) as HTMLInputElement | HTMLTextAreaElement;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  await el.updateComplete;
  setTimeout(() => ($(el, '#form-top [part~=submit-button]') as HTMLButtonElement).click());
  const { detail } = await oneEvent(el, 'civic-submitted');
  await until(() => !!$(el, `#comment-${detail.receipt.id}`), 'the comment shown');
  return detail.receipt.id;
}

const row = async (cid: string) =>
  (await sql<{ created_at: string; edit_until: string | null; edit_extensions: number; body: string }>('select created_at, edit_until, edit_extensions, body from comments where id = $1', [cid]))[0]!;

const noteOf = (el: CivicComments, sel: string) => textOf(el.shadowRoot, `${sel} .extend .note`);

describe('<civic-comments>: more time to edit (WCAG 2.2.1)', () => {
  beforeEach(() => clearDeviceStorage());

  it('warns with 2 minutes or less left; "More time" with the keyboard moves the deadline, says so, and keeps the text being edited', async () => {
    const id = await createThread({ editWindowSeconds: 100 });
    const el = await mount(id);
    const cid = await publishOwn(el, 'Première version');
    const sel = `#comment-${cid}`;

    // A window shorter than 2 minutes: the warning at once, in a polite live region, with its button.
    await until(() => !!$(el, `${sel} .extend-button`), 'the warning');
    expect(noteOf(el, sel)).to.match(/^Your time to edit this comment ends at .+ \(in 1 minute\)\.$/);
    expect($(el, `${sel} .extend`)!.getAttribute('aria-live')).to.equal('polite');
    const button = $(el, `${sel} .extend-button`) as HTMLButtonElement;
    expect(button.localName).to.equal('button');
    expect(button.getAttribute('aria-describedby')).to.equal(`extend-note-${cid}`);
    const box = button.getBoundingClientRect();
    expect(box.width).to.be.at.least(44);
    expect(box.height).to.be.at.least(44);
    // It replaces the note that was there before (one sentence about the deadline, not two).
    expect([...el.shadowRoot!.querySelectorAll(`${sel} p.note`)].map((p) => p.id)).to.deep.equal([`extend-note-${cid}`]);
    expect(textOf(el.shadowRoot, `#extend-note-${cid}`)).to.match(/^Your time to edit this comment ends at .+ \(in 1 minute\)\.$/);
    await expect(el).to.be.accessible();

    // Editing: the warning is inside the form too, and describes the text area.
    ($(el, `${sel} .edit-button`) as HTMLButtonElement).click();
    await until(() => el.shadowRoot!.activeElement?.id === `edit-${cid}`, 'focus in the editor');
    expect(!!$(el, `${sel} .edit-form .extend .extend-button`)).to.equal(true);
    expect($(el, `#edit-${cid}`)!.getAttribute('aria-describedby')).to.contain(`extend-note-${cid}`);
    await press('Control+A');
    await typeKeys('Texte en cours de correction');
    const textarea = () => $(el, `#edit-${cid}`) as HTMLTextAreaElement;
    expect(textarea().value).to.equal('Texte en cours de correction');

    // Keyboard alone: Tab to "More time", Enter.
    expect(await tabVisibly()).to.equal('button "More time"');
    await press('Enter');
    await until(() => announced(el).includes('You have 2 more minutes to edit this comment'), 'the extension announced');
    expect(noteOf(el, sel)).to.match(/^You have 2 more minutes to edit this comment \(until .+\)\. You can ask for more time 9 more times\.$/);
    expect(await here(), 'the focus stays on the button').to.equal('button "More time"');
    expect(textarea().value, 'the text being edited is kept').to.equal('Texte en cours de correction');
    const r = await row(cid);
    expect(r.edit_extensions).to.equal(1);
    expect(Date.parse(r.edit_until!) - Date.parse(r.created_at)).to.be.greaterThan(100_000);
    expect(r.body).to.equal('Première version');
    await expect(el).to.be.accessible();

    // Then Save, still from the keyboard: the text typed before the extension is what is stored.
    expect(await tabVisibly()).to.equal('button "Save"');
    await press('Enter');
    await until(() => textOf(el.shadowRoot, `${sel} .text`) === 'Texte en cours de correction', 'the edited text');
    expect((await row(cid)).body).to.equal('Texte en cours de correction');
    // The block stays with what the extension gave (no countdown announced every minute).
    expect(noteOf(el, sel)).to.match(/^You have 2 more minutes/);
    await expect(el).to.be.accessible();
  });

  it('offline: a translated message and the text kept; the last extension says none is left and the button stays focusable (French)', async () => {
    const id = await createThread({ editWindowSeconds: 100 });
    const el = await mount(id, 'fr');
    const cid = await publishOwn(el, 'Brouillon');
    const sel = `#comment-${cid}`;
    await until(() => !!$(el, `${sel} .extend-button`), 'the warning');
    expect(noteOf(el, sel)).to.match(/^Le délai pour modifier ce commentaire se termine à .+ \(dans 1\u00a0minute\)\.$/);
    expect(textOf(el.shadowRoot, `${sel} .extend-button`)).to.equal('Plus de temps');
    ($(el, `${sel} .edit-button`) as HTMLButtonElement).click();
    await until(() => el.shadowRoot!.activeElement?.id === `edit-${cid}`, 'focus in the editor');
    const textarea = $(el, `#edit-${cid}`) as HTMLTextAreaElement;
    textarea.value = 'Écrit hors connexion';
    textarea.dispatchEvent(new Event('input', { bubbles: true }));

    await backendDown();
    try {
      ($(el, `${sel} .extend-button`) as HTMLButtonElement).click();
      await until(() => textOf(el.shadowRoot, `${sel} [role=alert]`) !== '', 'the offline message');
      expect(textOf(el.shadowRoot, `${sel} [role=alert]`)).to.equal(
        'Pas de connexion\u00a0: le temps supplémentaire n’a pas pu être demandé. Votre texte est conservé ici\u00a0; réessayez quand la connexion sera revenue.',
      );
      expect(($(el, `#edit-${cid}`) as HTMLTextAreaElement).value).to.equal('Écrit hors connexion');
    } finally {
      await backendUp();
    }
    expect((await row(cid)).edit_extensions).to.equal(0);
    await expect(el).to.be.accessible();

    // Nine already used (elsewhere): this one is the last.
    await sql('update comments set edit_extensions = 9 where id = $1', [cid]);
    const button = $(el, `${sel} .extend-button`) as HTMLButtonElement;
    button.focus();
    button.click();
    await until(() => noteOf(el, sel).startsWith('Vous avez maintenant 2\u00a0minutes pour modifier ce commentaire'), 'the last extension');
    expect(noteOf(el, sel)).to.match(/Vous ne pouvez plus demander de temps supplémentaire\.$/);
    expect(textOf(el.shadowRoot, `${sel} [role=alert]`), 'the offline message gone').to.equal('');
    expect(button.isConnected && button.getAttribute('aria-disabled')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(button);
    expect(($(el, `#edit-${cid}`) as HTMLTextAreaElement).value).to.equal('Écrit hors connexion');
    button.click();
    await new Promise((r) => setTimeout(r, 300));
    expect((await row(cid)).edit_extensions, 'no request once none is left').to.equal(10);
    await expect(el).to.be.accessible();
  });

  it('a 15-minute window: the note only, then the warning once 2 minutes are left; the server refusing an 11th says none is left', async () => {
    const id = await createThread({ editWindowSeconds: 900 });
    const el = await mount(id);
    const cid = await publishOwn(el, 'Quinze minutes');
    const sel = `#comment-${cid}`;
    expect(textOf(el.shadowRoot, `${sel} p.note`)).to.match(/^You can edit or delete it until .+ \((14|15) minutes left\)\.$/);
    expect(!!$(el, `${sel} .extend-button`)).to.equal(false);
    // The live region is there, empty, before the warning arrives.
    expect($(el, `${sel} .extend`)!.getAttribute('aria-live')).to.equal('polite');
    expect(textOf(el.shadowRoot, `${sel} .extend`)).to.equal('');

    // 13 minutes later (the row made older, as time passing), read again by the same device.
    await sql(`update comments set created_at = created_at - interval '790 seconds' where id = $1`, [cid]);
    el.remove();
    const again = await mount(id);
    await until(() => !!$(again, `${sel} .extend-button`), 'the warning');
    expect(noteOf(again, sel)).to.match(/^Your time to edit this comment ends at .+ \(in 1 minute\)\.$/);

    // Ten extensions used meanwhile on the server: the eleventh is refused, and said so.
    await sql('update comments set edit_extensions = 10 where id = $1', [cid]);
    ($(again, `${sel} .extend-button`) as HTMLButtonElement).click();
    await until(() => textOf(again.shadowRoot, `${sel} [role=alert]`) === 'You cannot ask for more time again.', 'the refusal');
    expect($(again, `${sel} .extend-button`)!.getAttribute('aria-disabled')).to.equal('true');
    expect(noteOf(again, sel)).to.match(/\. You cannot ask for more time again\.$/);
    await expect(again).to.be.accessible();
  });
});
