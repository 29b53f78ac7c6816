/**
 * <civic-petition print>: the signature sheet from the petition's own definition on the live
 * backend — its text, the profile's fields as columns, numbered lines, the personal-data notice,
 * where to return it, and a QR code that reads back as the online address.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { CivicPetition } from '../src/components/petition/petition.js';
import type { PetitionDefinitionInput } from '../src/api/schemas.js';
import { putContent, backend, textOf, uniqueId, until } from './support/helpers.js';
import { decodeQr, paperShown } from './paper-support.js';

const PAPER = {
  returnTo: { fr: 'À l’accueil de la mairie avant le 30 juin.', en: 'To the town hall reception by 30 June.' },
  organiser: { fr: 'Association Village, 5 rue des Écoles', en: 'Village Association, 5 rue des Écoles' },
  privacy: {
    retention: { fr: 'Six mois après la remise de la pétition.', en: 'Six months after the petition is handed over.' },
    contact: { fr: 'donnees@village.example', en: 'data@village.example' },
  },
};

function petition(overrides: Partial<PetitionDefinitionInput> = {}): Promise<string> {
  return putContent<PetitionDefinitionInput>('petitions', {
    id: uniqueId('pet'),
    title: { fr: 'Rouvrir le bureau de poste', en: 'Reopen the post office' },
    summary: { fr: 'Le bureau de poste doit rouvrir.', en: 'The post office must reopen.' },
    body: { fr: 'Premier paragraphe.\n\nSecond paragraphe.', en: 'First paragraph.\n\nSecond paragraph.' },
    addressee: { fr: 'Monsieur le Maire', en: 'The Mayor' },
    profile: 'standard',
    closesAt: '2099-06-30T20:00:00+02:00',
    paper: PAPER,
    ...overrides,
  });
}

async function sheet(id: string, lang = 'en', attrs: { lines?: number; online?: string } = {}): Promise<CivicPetition> {
  const { url } = await backend();
  const el = await fixture<CivicPetition>(
    html`<civic-petition endpoint=${url} petition-id=${id} lang=${lang} print print-lines=${attrs.lines ?? 25} online-url=${attrs.online ?? 'https://town.example/petitions/post-office'}></civic-petition>`,
  );
  await paperShown(el);
  return el;
}

const $ = (el: Element, s: string) => el.shadowRoot!.querySelector<HTMLElement>(s);
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];
const headers = (el: Element) => $$(el, '[part~=sheet] thead th').map((th) => th.textContent!.trim());

describe('<civic-petition print>: the signature sheet', () => {
  it('prints the text, the standard profile as columns, 12 numbered lines, the notice, where to return it, and a QR code of the online address', async () => {
    const el = await sheet(await petition(), 'en', { lines: 12 });
    expect(textOf(el.shadowRoot, '.paper-kind')).to.equal('Signature sheet');
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Reopen the post office');
    expect(textOf(el.shadowRoot, '[part~=header]')).to.contain('Addressed to: The Mayor').and.contain('Sign until June 30, 2099');
    expect(textOf(el.shadowRoot, '.petition-text')).to.contain('The post office must reopen.').and.contain('Second paragraph.');
    expect(headers(el)).to.deep.equal(['No.', 'Last name', 'First name', 'Postcode', 'Town', 'Email address (optional)', 'Signature']);
    const rows = $$(el, '[part~=sheet] tbody tr');
    expect(rows).to.have.length(12);
    expect(rows.map((r) => r.querySelector('th[scope=row]')!.textContent!.trim())).to.deep.equal(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    expect(rows.every((r) => r.querySelectorAll('td').length === 6)).to.equal(true);
    // The footer row repeats on every printed page, with the title and the short link.
    expect(textOf(el.shadowRoot, '[part~=sheet] tfoot')).to.contain('Reopen the post office').and.contain('town.example/petitions/post-office');

    const privacy = textOf(el.shadowRoot, '[part~=privacy]');
    expect(privacy).to.contain('Your personal data');
    expect(privacy).to.contain('What is kept: Last name, First name, Postcode, Town, Email address (optional), Signature');
    expect(privacy).to.contain('hand the petition to: The Mayor');
    expect(privacy).to.contain('How long: Six months after the petition is handed over.');
    expect(privacy).to.contain('write to: data@village.example');
    expect(privacy).to.contain('Who is responsible: Village Association');
    expect(textOf(el.shadowRoot, '.paper-return')).to.contain('Where to return this sheet').and.contain('To the town hall reception by 30 June.');
    expect($(el, '.paper-webmaster')).to.equal(null);

    const qr = el.shadowRoot!.querySelector<SVGSVGElement>('[part~=online] svg.qr')!;
    expect(qr.getAttribute('role')).to.equal('img');
    expect(qr.getAttribute('viewBox')).to.match(/^0 0 \d+ \d+$/);
    expect(await decodeQr(qr)).to.equal('https://town.example/petitions/post-office');
    expect(textOf(el.shadowRoot, '.paper-link')).to.equal('town.example/petitions/post-office');
    // Nothing of the online form: no input, no live count.
    expect($$(el, 'input, form, [part~=count]')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('follows the profile: minimal (name and e-mail), formal (address, the declaration above the lines), in French', async () => {
    const minimal = await sheet(await petition({ profile: 'minimal' }), 'en', { lines: 3 });
    expect(headers(minimal)).to.deep.equal(['No.', 'Name or pseudonym', 'Email address (optional)', 'Signature']);
    expect($$(minimal, '[part~=sheet] tbody tr')).to.have.length(3);
    expect(textOf(minimal.shadowRoot, '.paper-howto')).not.to.contain('electoral roll');

    const formal = await sheet(await petition({ profile: 'formal' }), 'fr', { lines: 5 });
    expect(headers(formal)).to.deep.equal(['N°', 'Nom', 'Prénom', 'Adresse complète (numéro et voie)', 'Code postal', 'Commune', 'Adresse électronique (facultatif)', 'Signature']);
    expect(textOf(formal.shadowRoot, '.paper-kind')).to.equal('Feuille de signatures');
    expect(textOf(formal.shadowRoot, '.paper-howto')).to.contain('inscrite sur la liste électorale de la commune');
    expect(textOf(formal.shadowRoot, '[part~=privacy]')).to.contain('Combien de temps\u00a0:');
    expect(await decodeQr(formal.shadowRoot!.querySelector<SVGSVGElement>('svg.qr')!)).to.equal('https://town.example/petitions/post-office');
    await expect(formal).to.be.accessible();
  });

  it('links back to this page without online-url, and tells the webmaster (on screen only) what the notice lacks', async () => {
    const el = await sheet(await petition({ paper: { returnTo: 'Town hall' } }), 'en', { lines: 2, online: '' });
    const here = location.href.split('#')[0]!;
    expect(await decodeQr(el.shadowRoot!.querySelector<SVGSVGElement>('svg.qr')!)).to.equal(here);
    const note = $(el, '.paper-webmaster')!;
    expect(note.classList.contains('screen-only')).to.equal(true);
    expect(note.textContent).to.contain('paper.privacy.retention').and.contain('paper.privacy.contact');
    await expect(el).to.be.accessible();
  });

  it('at 320 px the lines scroll sideways in a focusable group instead of squeezing the columns', async () => {
    const { url } = await backend();
    const box = await fixture<HTMLDivElement>(
      html`<div style="width:320px"><civic-petition endpoint=${url} petition-id=${await petition()} lang="en" print print-lines="3"></civic-petition></div>`,
    );
    const el = box.querySelector('civic-petition')!;
    await paperShown(el);
    const wrap = $(el, '.paper-table-wrap')!;
    expect(wrap.scrollWidth).to.be.greaterThan(wrap.clientWidth);
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    expect(wrap.tabIndex).to.equal(0);
    expect(wrap.getAttribute('role')).to.equal('group');
    expect($$(el, '[part~=sheet] thead th').every((th) => th.getBoundingClientRect().width >= 40)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('switches to the sheet while the browser prints, and back after', async () => {
    const { url } = await backend();
    const id = await petition();
    const el = await fixture<CivicPetition>(html`<civic-petition endpoint=${url} petition-id=${id} lang="en"></civic-petition>`);
    await until(() => !!$(el, 'form'), 'the online form');
    dispatchEvent(new Event('beforeprint'));
    await paperShown(el);
    expect($(el, 'form')).to.equal(null);
    expect($$(el, '[part~=sheet] tbody tr')).to.have.length(25);
    // On screen, the print button is only for a page made to be printed (the `print` attribute).
    expect($(el, '.actions.screen-only button')).to.equal(null);
    dispatchEvent(new Event('afterprint'));
    await until(() => !!$(el, 'form'), 'the online form again');
    expect($(el, '.paper')).to.equal(null);
  });
});

describe('the printed versions’ strings (src/internal/paper.messages.ts) in every language', () => {
  it('have the English keys, no empty text, and functions that use each of their arguments', async () => {
    const { paperCatalog } = await import('../src/internal/paper.messages.js');
    const en = paperCatalog.get('en') as Record<string, unknown>;
    const problems: string[] = [];
    const langs = Object.keys(paperCatalog.lazy);
    expect(langs).to.include.members(['nl', 'de', 'es', 'it', 'ca', 'ar']);
    const tables: Array<[string, Record<string, unknown>]> = [['fr', paperCatalog.get('fr') as Record<string, unknown>]];
    for (const lang of langs) tables.push([lang, (await paperCatalog.lazy[lang]!()).default as Record<string, unknown>]);
    for (const [lang, table] of tables) {
      for (const key of Object.keys(en)) if (!(key in table)) problems.push(`${lang}.${key}: missing`);
      for (const key of Object.keys(table)) if (!(key in en)) problems.push(`${lang}.${key}: not in English`);
      for (const [key, value] of Object.entries(table)) {
        const english = en[key];
        if (typeof value !== typeof english) problems.push(`${lang}.${key}: ${typeof value} where English has ${typeof english}`);
        else if (typeof value === 'string' && !value.trim()) problems.push(`${lang}.${key}: empty`);
        else if (typeof value === 'function') {
          const f = value as (...a: unknown[]) => string;
          if (f.length !== (english as () => string).length) problems.push(`${lang}.${key}: ${f.length} arguments, English ${(english as () => string).length}`);
          // Numbers in the "other" plural category everywhere (Arabic included), text otherwise.
          const a = Array.from({ length: f.length }, (_, i) => (key.startsWith('vote') && !['voteBudget', 'voteBudgetMin'].includes(key) ? 7102 + 1000 * i : `A${i}`));
          const base = f(...a);
          if (!base.trim()) problems.push(`${lang}.${key}: empty`);
          a.forEach((_, i) => {
            const b = [...a];
            b[i] = typeof b[i] === 'number' ? 17102 + 1000 * i : `Z${i}`;
            if (f(...b) === base) problems.push(`${lang}.${key}: argument ${i + 1} unused`);
          });
        }
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('an Arabic sheet is laid out right to left, in Arabic once its strings have loaded', async () => {
    const el = await sheet(await petition(), 'ar', { lines: 2 });
    await until(() => textOf(el.shadowRoot, '.paper-kind') === 'ورقة التوقيعات', 'the Arabic strings');
    expect($(el, '.base.paper')!.getAttribute('dir')).to.equal('rtl');
    expect(headers(el).at(-1)).to.equal('التوقيع');
    await expect(el).to.be.accessible();
  });
});
