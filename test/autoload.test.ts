import { expect } from '@open-wc/testing';
import { autoload } from '../src/internal/autoload.js';
import { DEFINITIONS, definitionUrl, prefetchDefinitions, widgets } from '../src/internal/widgets.js';
import { ApiClient } from '../src/api/client.js';
import { paths, type Kind } from '../src/api/resources.js';
import '../src/define.js';
import { backend, putContent, textOf, uniqueId, until } from './support/helpers.js';

/** The one-file bundle's loader: tags and CMS-proof placeholders, now and added later. */
describe('autoload (what civic-widgets.js does on a page)', () => {
  before(() => autoload(widgets));

  async function surveyId(): Promise<string> {
    return putContent('surveys', {
      id: uniqueId('survey'),
      title: { fr: 'Placeholder', en: 'Placeholder' },
      pages: [{ id: 'p', questions: [{ id: 'q', type: 'yesno', label: { fr: 'Oui ?', en: 'Yes?' } }] }],
    });
  }

  it('upgrades a data-civic-widget placeholder added by a CMS into the widget, data-* as attributes', async () => {
    const { url } = await backend();
    const id = await surveyId();
    const div = document.createElement('div');
    div.setAttribute('data-civic-widget', 'survey');
    div.setAttribute('data-endpoint', url);
    div.setAttribute('data-survey-id', id);
    div.setAttribute('data-lang', 'en');
    document.body.append(div);
    await until(() => !!div.querySelector('civic-survey')?.shadowRoot?.querySelector('form'), 'the survey inside the placeholder');
    const el = div.querySelector('civic-survey')!;
    expect(el.getAttribute('survey-id')).to.equal(id);
    expect(el.getAttribute('endpoint')).to.equal(url);
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Placeholder');
    expect(div.querySelectorAll('civic-survey')).to.have.length(1);
    div.remove();
  });

  it('says in the placeholder and in the console when the widget name is unknown', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => errors.push(a.join(' '));
    const div = document.createElement('div');
    div.setAttribute('data-civic-widget', 'sondage');
    div.setAttribute('lang', 'fr');
    document.body.append(div);
    try {
      await until(() => !!div.querySelector('[role=alert]'), 'the alert in the placeholder');
    } finally {
      console.error = original;
    }
    expect(textOf(div, '[role=alert]')).to.contain('data-civic-widget="sondage" ne désigne aucun module');
    expect(textOf(div, '[role=alert]')).to.contain('survey');
    expect(String(errors[0])).to.contain('sondage');
    div.remove();
  });

  it('defines a widget tag written in the page after the script ran', async () => {
    const { url } = await backend();
    const id = await surveyId();
    document.body.insertAdjacentHTML('beforeend', `<section id="later"><civic-survey endpoint="${url}" survey-id="${id}" lang="en"></civic-survey></section>`);
    const el = document.querySelector('#later civic-survey')!;
    await until(() => !!el.shadowRoot?.querySelector('form'), 'the later survey');
    document.querySelector('#later')!.remove();
  });

  it('knows where each widget reads its definition: its id attribute and the client’s path, for tags and placeholders', () => {
    const endpoint = 'https://town.example/api/';
    const id = 'a b/é';
    expect(Object.keys(DEFINITIONS).sort()).to.deep.equal(['civic-comments', 'civic-map-report', 'civic-petition', 'civic-survey', 'civic-vote']);
    for (const tag of Object.keys(DEFINITIONS)) {
      const el = document.createElement(tag) as unknown as HTMLElement & { idAttribute: string; kind: Kind };
      expect(DEFINITIONS[tag]![0], tag).to.equal(el.idAttribute);
      const expected = new ApiClient(endpoint).base + paths.definition(el.kind, id);
      el.setAttribute('endpoint', endpoint);
      el.setAttribute(el.idAttribute, ` ${id} `);
      expect(definitionUrl(el), tag).to.equal(expected);
      const div = document.createElement('div');
      div.setAttribute('data-civic-widget', tag.slice(6));
      div.setAttribute('data-endpoint', endpoint);
      div.setAttribute(`data-${el.idAttribute}`, id);
      expect(definitionUrl(div), `placeholder ${tag}`).to.equal(expected);
      // Inside <civic-config endpoint>; with an inline definition, nothing to fetch.
      const config = document.createElement('civic-config');
      config.setAttribute('endpoint', endpoint);
      const inner = document.createElement(tag);
      inner.setAttribute(el.idAttribute, id);
      config.append(inner);
      expect(definitionUrl(inner), `${tag} in civic-config`).to.equal(expected);
      inner.insertAdjacentHTML('beforeend', '<script type="application/json">{}</script>');
      expect(definitionUrl(inner)).to.equal(undefined);
    }
  });

  it('the definition civic-widgets.js asks for while the code downloads is the one the widget uses: one GET', async () => {
    const { url } = await backend();
    const id = await surveyId();
    const box = document.createElement('section');
    box.innerHTML = `<civic-survey endpoint="${url}" survey-id="${id}" lang="en"></civic-survey>`;
    const el = box.querySelector('civic-survey')!;
    const href = definitionUrl(el)!;
    prefetchDefinitions(box);
    const early = (globalThis as unknown as Record<symbol, Map<string, unknown>>)[Symbol.for('civic-widgets.definitions')]!;
    expect(early.has(href), 'asked for').to.equal(true);
    document.body.append(box);
    await until(() => !!el.shadowRoot?.querySelector('form'), 'the survey');
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Placeholder');
    expect(early.has(href), 'taken by the widget').to.equal(false);
    expect(performance.getEntriesByName(href).length, 'GET requests for the definition').to.equal(1);
    box.remove();
  });
});
