/**
 * <civic-map-report print>: the report form from the reporting space's own definition on the live
 * backend — categories as boxes by group, lines to describe, where (address lines, landmarks, a
 * frame to draw the place), optional contact details, the personal-data notice, where to return
 * it, and a QR code that reads back as the online address.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { CivicMapReport } from '../src/components/map-report/map-report.js';
import type { MapReportDefinitionInput } from '../src/api/schemas.js';
import { backend, putContent, textOf, uniqueId } from './support/helpers.js';
import { decodeQr, paperShown } from './paper-support.js';

const space = (overrides: Partial<MapReportDefinitionInput> = {}) =>
  putContent<MapReportDefinitionInput>('map-reports', {
    id: uniqueId('space'),
    title: { fr: 'Signaler un problème', en: 'Report a problem' },
    description: { fr: 'Les services techniques répondent sous 5 jours.', en: 'The technical services answer within 5 days.' },
    map: { center: { lat: 47.39, long: 0.98 }, zoom: 15 },
    services: [
      { service_code: 'nid-de-poule', service_name: { fr: 'Nid-de-poule', en: 'Pothole' }, group: { fr: 'Voirie', en: 'Roads' }, description: { fr: 'Trou dans la chaussée.', en: 'A hole in the road.' } },
      { service_code: 'trottoir', service_name: { fr: 'Trottoir abîmé', en: 'Damaged pavement' }, group: { fr: 'Voirie', en: 'Roads' } },
      { service_code: 'lampadaire', service_name: { fr: 'Lampadaire en panne', en: 'Street light out' }, group: { fr: 'Éclairage', en: 'Lighting' } },
    ],
    landmarks: [
      { id: 'mairie', name: { fr: 'Mairie', en: 'Town hall' }, lat: 47.39, long: 0.98 },
      { id: 'gare', name: { fr: 'Gare', en: 'Station' }, lat: 47.392, long: 0.982 },
    ],
    paper: {
      returnTo: { fr: 'Boîte aux lettres de la mairie.', en: 'The town hall letterbox.' },
      privacy: {
        controller: { fr: 'Mairie de Saint-Aubin', en: 'Saint-Aubin town hall' },
        retention: { fr: 'Un an après le traitement.', en: 'One year after it is dealt with.' },
        contact: { fr: 'dpo@saint-aubin.example', en: 'dpo@saint-aubin.example' },
      },
    },
    ...overrides,
  });

async function form(id: string, lang = 'en'): Promise<CivicMapReport> {
  const { url } = await backend();
  const el = await fixture<CivicMapReport>(html`<civic-map-report endpoint=${url} report-id=${id} lang=${lang} print online-url="https://town.example/report?from=paper"></civic-map-report>`);
  await paperShown(el);
  return el;
}

const $ = (el: Element, s: string) => el.shadowRoot!.querySelector<HTMLElement>(s);
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];

describe('<civic-map-report print>: the report form', () => {
  it('prints the categories as boxes by group, lines, where (address, landmarks, a frame to draw), contact, the notice and a QR code', async () => {
    const el = await form(await space());
    expect(textOf(el.shadowRoot, '.paper-kind')).to.equal('Report form');
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Report a problem');
    const groups = $$(el, '[part~=sheet] .report-group');
    expect(groups.map((g) => textOf(g, '.paper-label'))).to.deep.equal(['Roads', 'Lighting']);
    const categories = $$(el, '[part~=sheet] .paper-choice');
    expect(categories.map((c) => c.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['Pothole A hole in the road.', 'Damaged pavement', 'Street light out']);
    expect(categories.every((c) => c.querySelector('.box'))).to.equal(true);
    const body = textOf(el.shadowRoot, '[part~=body]');
    expect(body).to.contain('What is the problem? Put a cross in one box.');
    expect(body).to.contain('Describe the problem').and.contain('Where is it?').and.contain('draw the place').and.contain('When did you see it?');
    expect(body).to.contain('Your contact details (optional)').and.contain('Name').and.contain('E-mail').and.contain('Phone');
    // Five lines to describe, two for the address, three for the contact details.
    expect($$(el, '.line')).to.have.length(10);
    expect($$(el, '.paper-choices.inline .paper-choice').map((c) => c.textContent!.trim())).to.deep.equal(['Town hall', 'Station']);
    expect($(el, '.report-sketch')).to.not.equal(null);
    const privacy = textOf(el.shadowRoot, '[part~=privacy]');
    expect(privacy).to.contain('What is kept: The description, the place, and the contact details you give.');
    expect(privacy).to.contain('Who is responsible: Saint-Aubin town hall').and.contain('How long: One year after it is dealt with.').and.contain('write to: dpo@saint-aubin.example');
    expect(textOf(el.shadowRoot, '.paper-return')).to.contain('The town hall letterbox.');
    expect(await decodeQr(el.shadowRoot!.querySelector<SVGSVGElement>('[part~=online] svg.qr')!)).to.equal('https://town.example/report?from=paper');
    expect(textOf(el.shadowRoot, '.paper-link')).to.equal('town.example/report?from=paper');
    expect($$(el, 'input, form, #map')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('in French, without landmarks, and the webmaster is told when the notice lacks retention and contact', async () => {
    const el = await form(await space({ landmarks: [], paper: { returnTo: 'Mairie' } }), 'fr');
    expect(textOf(el.shadowRoot, '.paper-kind')).to.equal('Formulaire de signalement');
    expect(textOf(el.shadowRoot, '[part~=body]')).to.contain('Où est-ce\u00a0?').and.not.contain('près d’un de ces lieux');
    expect($(el, '.paper-webmaster')!.textContent).to.contain('paper.privacy.retention');
    await expect(el).to.be.accessible();
  });
});
