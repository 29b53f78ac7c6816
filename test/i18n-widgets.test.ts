/**
 * Each widget in a language loaded on demand, against the live backend: the fallback at once, the
 * language once its chunks arrived, right-to-left for Arabic, and a chunk that cannot be fetched
 * (offline) keeping the fallback without errors until the connection returns.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/define.js';
import type { CivicElement } from '../src/internal/civic-element.js';
import { $, $$, backend, clearDeviceStorage, createVote, putContent, textOf, uniqueId, until } from './support/helpers.js';

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

  it('<civic-vote lang="de">: the poll, its rule and its results in German', async () => {
    const { url } = await backend();
    const id = await createVote();
    const el = await fixture<CivicElement>(html`<civic-vote endpoint=${url} vote-id=${id} lang="de"></civic-vote>`);
    await until(() => textOf(el.shadowRoot, 'button[type=submit]') === 'Abstimmen', 'the German submit button');
    expect(text(el)).to.contain('Wählen Sie eine Antwort.');
    expect(base(el)!.getAttribute('lang')).to.equal('de');
    $(el, 'input[type=radio]')!.click();
    $(el, 'button[type=submit]')!.click();
    await until(() => text(el).includes('Vielen Dank, Ihre Stimme wurde gezählt.'), 'the German thanks');
    expect(text(el)).to.contain('1 Stimme');
  });

  it('<civic-vote> budget in Spanish and ranked in Catalan: the lazily loaded renderers speak the language too', async () => {
    const { url } = await backend();
    const budget = await createVote({
      method: 'budget',
      budget: { total: 100000, currency: 'EUR', rule: 'greedy' },
      options: [
        { id: 'parc', label: { fr: 'Parc', en: 'Park' }, cost: 60000 },
        { id: 'bancs', label: { fr: 'Bancs', en: 'Benches' }, cost: 5000 },
      ],
    });
    const es = await fixture<CivicElement>(html`<civic-vote endpoint=${url} vote-id=${budget} lang="es"></civic-vote>`);
    await until(() => text(es).includes('Elija los proyectos que quiere financiar'), 'the Spanish budget hint');
    expect($$(es, '.project .toggle').map((b) => b.textContent?.replace(/\s+/g, ' ').trim())).to.deep.equal(['Añadir Parc', 'Añadir Bancs']);
    const ranked = await createVote({ method: 'ranked' });
    const ca = await fixture<CivicElement>(html`<civic-vote endpoint=${url} vote-id=${ranked} lang="ca"></civic-vote>`);
    await until(() => text(ca).includes('Afegeixi les opcions a la seva classificació'), 'the Catalan ranking hint');
    expect(text(ca)).to.contain('Encara no ha classificat cap opció.');
    expect(textOf(ca.shadowRoot, 'button[type=submit]')).to.equal('Vota');
  });

  it('<civic-survey lang="ar">: right to left, Arabic interface, the organiser’s French kept in its own direction', async () => {
    const { url } = await backend();
    const id = await putContent('surveys', {
      id: uniqueId('survey'),
      title: { fr: 'Votre avis compte ?', en: 'Your opinion?' },
      pages: [
        { id: 'p1', title: { fr: 'Vous' }, questions: [{ id: 'q1', type: 'multiple', label: { fr: 'Modes ?' }, required: true, maxSelected: 2, options: [{ id: 'a', label: { fr: 'À pied' } }, { id: 'b', label: { fr: 'Vélo' } }, { id: 'c', label: { fr: 'Bus' } }] }] },
        { id: 'p2', title: { fr: 'Fin' }, questions: [{ id: 'q2', type: 'text', label: { fr: 'Autre chose ?' } }] },
      ],
    });
    const el = await fixture<CivicElement>(html`<civic-survey endpoint=${url} survey-id=${id} lang="ar"></civic-survey>`);
    await until(() => text(el).includes('الصفحة 1 من 2'), 'the Arabic page counter');
    expect(base(el)!.getAttribute('dir')).to.equal('rtl');
    expect(base(el)!.getAttribute('lang')).to.equal('ar');
    expect(getComputedStyle(base(el)!).direction).to.equal('rtl');
    // 2 is the Arabic dual: "إجابتين", not "2 إجابات".
    expect(text(el)).to.contain('يمكنك اختيار إجابتين كحد أقصى.');
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('\u2068Votre avis compte ?\u2069');
  });

  it('<civic-comments lang="es"> and <civic-comment-count lang="nl">', async () => {
    const { url } = await backend();
    const id = await putContent('threads', { id: uniqueId('th'), title: { fr: 'Place du Marché', en: 'Market Square' } });
    const el = await fixture<CivicElement>(html`<civic-comments endpoint=${url} thread-id=${id} lang="es"></civic-comments>`);
    await until(() => text(el).includes('Todavía no hay comentarios'), 'the Spanish empty thread');
    expect(text(el)).to.contain('Añadir un comentario');
    expect($$(el, 'button[type=submit]').map((b) => b.textContent?.trim())).to.include('Publicar');
    const count = await fixture<CivicElement>(html`<civic-comment-count endpoint=${url} thread-id=${id} lang="nl"></civic-comment-count>`);
    await until(() => textOf(count.shadowRoot, '[part=count]') === 'Geen reacties', 'the Dutch count');
    expect($(count, '[part=count]')!.getAttribute('lang')).to.equal('nl');
  });

  it('<civic-petition lang="it">: the petition and its form in Italian', async () => {
    const { url } = await backend();
    const id = await putContent('petitions', {
      id: uniqueId('pet'),
      title: { fr: 'Rouvrir la poste', en: 'Reopen the post office' },
      summary: { fr: 'La poste doit rouvrir.', en: 'The post office must reopen.' },
      profile: 'standard',
      goal: 500,
    });
    const el = await fixture<CivicElement>(html`<civic-petition endpoint=${url} petition-id=${id} lang="it"></civic-petition>`);
    await until(() => text(el).includes('Firmare la petizione'), 'the Italian form title');
    expect(text(el)).to.contain('0 firme su 500');
    expect(textOf(el.shadowRoot, 'button[type=submit]')).to.equal('Firma');
  });

  it('<civic-map-report lang="ca">: the report form in Catalan', async () => {
    const { url } = await backend();
    const { kind: _kind, ...demo } = (await (await fetch('/demo/content/map-reports/saint-aubin.json')).json()) as Record<string, unknown>;
    const id = await putContent('map-reports', { ...demo, id: uniqueId('space') });
    const el = await fixture<CivicElement>(html`<civic-map-report endpoint=${url} report-id=${id} lang="ca" tile-url="/demo/tiles/{z}/{x}/{y}.svg"></civic-map-report>`);
    await until(() => text(el).includes('Quin és el problema?'), 'the Catalan form');
    expect(textOf(el.shadowRoot, '[part~=submit-button]')).to.equal('Envia el meu avís');
    expect(base(el)!.getAttribute('lang')).to.equal('ca');
  });
});
