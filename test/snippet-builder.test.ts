import { expect } from '@open-wc/testing';
import { autoload } from '../src/internal/autoload.js';
import { widgets as widgetCode } from '../src/internal/widgets.js';
import { mountSnippetBuilder, snippetFor, TARGETS, widgetsFrom, type Widget } from '../demo/snippets.js';
import { backend, createVote, textOf, until } from './support/helpers.js';

/** The snippet builder (demo/snippets.js): the code it gives works as pasted, and the page is accessible. */
describe('snippet builder', () => {
  let widgets: Widget[];
  const sri = { url: '/v9.9.9/civic-widgets.js', integrity: 'sha384-AbCdEf0123456789+/=' };
  const vote = () => widgets.find((w) => w.name === 'vote')!;

  before(async () => {
    widgets = widgetsFrom(await (await fetch('/custom-elements.json')).json());
    autoload(widgetCode);
  });

  it('reads every widget and its attributes from custom-elements.json (not <civic-config>), the identifier first', () => {
    expect(widgets.map((w) => w.name)).to.deep.equal(['comment-count', 'comments', 'map-report', 'petition', 'survey', 'vote']);
    for (const w of widgets) expect(w.attributes[0]!.name, w.name).to.match(/-id$/);
    const report = widgets.find((w) => w.name === 'map-report')!;
    expect(report.attributes.find((a) => a.name === 'mode')!.options).to.deep.equal(['report', 'list', 'assisted']);
    expect(widgets.find((w) => w.name === 'comments')!.attributes.find((a) => a.name === 'sort')!.options).to.deep.equal(['newest', 'oldest', 'supported']);
    expect(widgets.find((w) => w.name === 'survey')!.attributes.find((a) => a.name === 'show-results')!.type).to.equal('boolean');
  });

  it('the HTML code pins the versioned bundle with its integrity hash; defaults and empty options are left out', () => {
    const [script, tag] = snippetFor({ widget: vote(), values: { 'vote-id': 'velo', endpoint: 'https://p.example/api', 'heading-level': '2' }, target: 'html', base: 'https://p.example/', sri });
    expect(script!.code).to.equal(`<script type="module" src="https://p.example/v9.9.9/civic-widgets.js" integrity="${sri.integrity}" crossorigin="anonymous"></script>`);
    expect(tag!.code).to.equal('<civic-vote vote-id="velo" endpoint="https://p.example/api"></civic-vote>');
    const [bare] = snippetFor({ widget: vote(), values: {}, target: 'html', base: 'https://p.example', sri: undefined });
    expect(bare!.code).to.equal('<script type="module" src="https://p.example/civic-widgets.js" crossorigin="anonymous"></script>');
  });

  it('pasted as given, the tag form and the placeholder form both become a working poll (real backend)', async () => {
    const { url } = await backend();
    const id = await createVote();
    for (const target of ['html', 'placeholder'] as const) {
      const steps = snippetFor({ widget: vote(), values: { 'vote-id': id, endpoint: url }, lang: 'en', target, base: 'https://p.example', sri });
      const host = document.createElement('div');
      document.body.append(host);
      host.insertAdjacentHTML('beforeend', steps[1]!.code);
      await until(() => !!host.querySelector('civic-vote')?.shadowRoot?.querySelector('form'), `the poll from the ${target} code`);
      const el = host.querySelector('civic-vote')!;
      expect(el.getAttribute('vote-id'), target).to.equal(id);
      expect(el.getAttribute('lang'), target).to.equal('en');
      expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Should trees be planted on Market Square?');
      host.remove();
    }
  });

  it('escapes what is typed: an option value cannot break out of its attribute', () => {
    const [, tag] = snippetFor({ widget: vote(), values: { 'vote-id': '"><img src=x onerror=alert(1)>' }, target: 'html', base: 'https://p.example' });
    const probe = document.createElement('div');
    probe.innerHTML = tag!.code;
    expect(probe.querySelector('img')).to.equal(null);
    expect(probe.querySelector('civic-vote')!.getAttribute('vote-id')).to.equal('"><img src=x onerror=alert(1)>');
  });

  it('gives each CMS its form: WordPress shortcode and block, Drupal library, Joomla, SPIP model, TYPO3 TypoScript', () => {
    const survey = widgets.find((w) => w.name === 'survey')!;
    const values = { 'survey-id': 'mobilite-2027', endpoint: 'https://p.example/api', 'show-results': true };
    const code = (target: (typeof TARGETS)[number]) => snippetFor({ widget: survey, values, target, base: 'https://p.example', sri }).map((s) => s.code);
    expect(code('wordpress-shortcode')).to.deep.equal(['[civic_survey survey-id="mobilite-2027" endpoint="https://p.example/api" show-results="1"]']);
    const block = code('wordpress-block')[0]!;
    expect(block).to.match(/^<!-- wp:civic-widgets\/survey \{.*\} \/-->$/);
    expect(JSON.parse(block.slice(block.indexOf('{'), block.lastIndexOf('}') + 1))).to.deep.equal({ 'survey-id': 'mobilite-2027', endpoint: 'https://p.example/api', 'show-results': true });
    const [library, info, drupalText] = code('drupal');
    expect(library).to.contain('    https://p.example/v9.9.9/civic-widgets.js:\n      type: external');
    expect(library).to.contain('        type: module\n        integrity: sha384-AbCdEf0123456789+/=\n        crossorigin: anonymous');
    expect(info).to.equal('libraries:\n  - THEME/civic-widgets');
    expect(drupalText).to.equal('<div data-civic-widget="survey" data-survey-id="mobilite-2027" data-endpoint="https://p.example/api" data-show-results=""></div>');
    expect(code('joomla')[1]).to.contain("'type' => 'module',");
    const [, model, call] = code('spip');
    expect(model).to.contain('[ data-survey-id="(#ENV{survey_id}|attribut_html)"]');
    expect(call).to.equal('<civic_survey|survey_id=mobilite-2027|endpoint=https://p.example/api|show_results=true>');
    expect(code('typo3')[0]).to.contain('civicWidgets.type = module');
    expect(code('typo3')[0]).to.contain(`civicWidgets.integrity = ${sri.integrity}`);
    // A block comment must not contain "--": WordPress escapes it in attributes, so does the builder.
    expect(snippetFor({ widget: survey, values: { 'survey-id': 'a--b' }, target: 'wordpress-block', base: 'x' })[0]!.code).to.contain('a\\u002d\\u002db');
  });

  for (const ui of ['fr', 'en'] as const) {
    it(`the page (${ui}): labelled controls, axe-clean, code follows the choices, the copy is announced`, async () => {
      const root = document.createElement('div');
      document.body.append(root);
      mountSnippetBuilder(root, { manifest: await (await fetch('/custom-elements.json')).json(), sri, base: 'https://p.example', ui, initial: { widget: 'vote', values: { 'vote-id': 'velo' } } });
      await expect(root).to.be.accessible();
      const drupal = [...root.querySelectorAll<HTMLInputElement>('input[type=radio]')].find((r) => r.value === 'drupal')!;
      drupal.click();
      expect(root.querySelector('pre')!.textContent).to.contain('civic-widgets:\n  js:');
      expect(root.querySelectorAll('pre')).to.have.length(3);
      const id = root.querySelector<HTMLInputElement>('input[name="vote-id"]')!;
      id.value = 'nom-mediatheque';
      id.dispatchEvent(new Event('input'));
      expect(root.querySelectorAll('pre')[2]!.textContent).to.contain('data-vote-id="nom-mediatheque"');
      root.querySelector<HTMLButtonElement>('.sb-copy')!.click();
      const status = root.querySelector('[role=status]')!;
      await until(() => !!status.textContent, 'the copy announced');
      expect(status.textContent).to.match(ui === 'fr' ? /^(Copié|Copie impossible)/ : /^(Copied|Cannot copy here)/);
      await expect(root).to.be.accessible();
      root.remove();
    });
  }
});
