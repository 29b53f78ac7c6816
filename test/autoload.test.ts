import { expect } from '@open-wc/testing';
import { autoload } from '../src/internal/autoload.js';
import { widgets } from '../src/internal/widgets.js';
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
});
