import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define.js';
import type { CivicSurvey } from '../src/components/survey/survey.js';
import type { SurveyDefinitionInput } from '../src/api/schemas.js';
import { $, $$, backend, backendDown, backendUp, clearDeviceStorage, putContent, sql, textOf, uniqueId, until } from './support/helpers.js';

const t = (fr: string, en: string) => ({ fr, en });
const choice = (id: string, fr: string, en = fr) => ({ id, label: t(fr, en) });

/** A three-page survey with every question type and conditions. */
function fullSurvey(overrides: Partial<SurveyDefinitionInput> = {}): SurveyDefinitionInput {
  return {
    id: uniqueId('survey'),
    title: t('Consultation test', 'Test consultation'),
    pages: [
      {
        id: 'p1',
        title: t('Vous', 'You'),
        questions: [
          { id: 'intro', type: 'info', label: t('Bienvenue', 'Welcome') },
          { id: 'name', type: 'text', label: t('Pseudonyme', 'Nickname'), required: true, minLength: 2, maxLength: 20 },
          { id: 'cp', type: 'text', label: t('Code postal', 'Postcode'), pattern: '[0-9]{5}', patternMessage: t('Cinq chiffres.', 'Five digits.') },
          { id: 'mail', type: 'email', label: t('E-mail', 'E-mail') },
          { id: 'km', type: 'number', label: t('Kilomètres', 'Kilometres'), min: 0, max: 100, step: 0.5 },
          { id: 'day', type: 'date', label: t('Date', 'Date'), min: '2027-01-01', max: '2027-12-31' },
          { id: 'modes', type: 'multiple', label: t('Modes', 'Modes'), required: true, maxSelected: 2, other: true, options: [choice('pied', 'À pied', 'On foot'), choice('velo', 'Vélo', 'Bike'), choice('car', 'Voiture', 'Car')] },
          { id: 'bike-often', type: 'single', label: t('Fréquence vélo', 'Cycling frequency'), required: true, visibleIf: { question: 'modes', equals: 'velo' }, options: [choice('daily', 'Tous les jours', 'Daily'), choice('weekly', 'Chaque semaine', 'Weekly')] },
        ],
      },
      {
        id: 'p2',
        title: t('Avis', 'Opinion'),
        questions: [
          { id: 'district', type: 'dropdown', label: t('Quartier', 'District'), options: [choice('bourg', 'Bourg'), choice('gare', 'Gare', 'Station')] },
          { id: 'licence', type: 'yesno', label: t('Permis ?', 'Licence?') },
          { id: 'stars', type: 'scale', label: t('Satisfaction', 'Satisfaction'), min: 1, max: 5, display: 'stars', required: true },
          { id: 'rank', type: 'ranking', label: t('Priorités', 'Priorities'), options: [choice('a', 'Piste', 'Lane'), choice('b', 'Zone 30', '20 zone'), choice('c', 'Navette', 'Shuttle')] },
          { id: 'grid', type: 'matrix', label: t('Équipements', 'Facilities'), required: true, rows: [choice('light', 'Éclairage', 'Lighting'), choice('bench', 'Bancs', 'Benches')], columns: [choice('good', 'Bien', 'Good'), choice('bad', 'Mal', 'Poor')] },
          { id: 'more', type: 'textarea', label: t('Commentaire', 'Comment'), maxLength: 50 },
        ],
      },
      {
        id: 'p3',
        title: t('Fin', 'End'),
        visibleIf: { not: { question: 'licence', equals: false } },
        questions: [{ id: 'ok', type: 'consent', label: t('J’accepte', 'I agree'), required: true }],
      },
    ],
    ...overrides,
  };
}

async function mount(def: SurveyDefinitionInput, lang = 'en', attrs: { showResults?: boolean; print?: boolean } = {}): Promise<CivicSurvey> {
  const { url } = await backend();
  const id = await putContent('surveys', def);
  const el = await fixture<CivicSurvey>(html`<civic-survey endpoint=${url} survey-id=${id} lang=${lang} ?show-results=${attrs.showResults} ?print=${attrs.print}></civic-survey>`);
  await until(() => !!el.shadowRoot?.querySelector('form, .results, .paper-body, [role=alert], .draft, .message'), 'the survey to load');
  await el.updateComplete;
  return el;
}

async function type(el: CivicSurvey, selector: string, text: string) {
  const input = $(el, selector) as HTMLInputElement;
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  input.blur();
  await el.updateComplete;
}

async function click(el: CivicSurvey, selector: string) {
  const target = $(el, selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  target.click();
  await el.updateComplete;
}

async function next(el: CivicSurvey) {
  await click(el, '[part~=submit-button]');
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
}

const errorOf = (el: CivicSurvey, q: string) => textOf(el.shadowRoot, `#q-${q}-error`);

/** Answers page 1 validly (bike chosen, so the condition shows its question). */
async function fillPage1(el: CivicSurvey) {
  await type(el, '#q-name-input', 'Camille');
  await click(el, '#q-modes input[value=velo]');
  await click(el, '#q-bike-often input[value=daily]');
}

async function fillPage2(el: CivicSurvey) {
  await click(el, '#q-stars input[value="4"]');
  await click(el, '#q-grid input[name="grid.light"][value=good]');
  await click(el, '#q-grid input[name="grid.bench"][value=bad]');
}

async function responses(id: string) {
  return sql<{ payload: { answers: Record<string, unknown>; other?: Record<string, string> }; origin: string; status: string }>(
    `select payload, origin, status from submissions where kind = 'survey' and content_id = $1`,
    [id],
  );
}

describe('<civic-survey>', () => {
  beforeEach(async () => {
    await clearDeviceStorage();
    await backendUp();
  });

  it('shows the first page with its progress, labels, hints and required marks, accessible', async () => {
    const el = await mount(fullSurvey());
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Test consultation');
    expect(textOf(el.shadowRoot, '.progress-text')).to.equal('Page 1 of 3');
    expect(textOf(el.shadowRoot, '#page-title')).to.equal('You');
    expect(textOf(el.shadowRoot, 'label[for=q-name-input]')).to.equal('Nickname * (required)');
    expect(textOf(el.shadowRoot, '#q-modes-hint')).to.equal('Choose up to 2 answers.');
    expect(textOf(el.shadowRoot, '#q-km-hint')).to.equal('Between 0 and 100.');
    // The conditional question is hidden until its condition holds.
    expect($(el, '#q-bike-often')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows a conditional question when its condition holds and hides it again', async () => {
    const el = await mount(fullSurvey());
    await click(el, '#q-modes input[value=velo]');
    expect($(el, '#q-bike-often')).to.not.equal(null);
    await click(el, '#q-modes input[value=velo]');
    expect($(el, '#q-bike-often')).to.equal(null);
  });

  it('refuses to leave a page with problems: summary focused, links to each field, errors described, typed values kept', async () => {
    const el = await mount(fullSurvey());
    await type(el, '#q-cp-input', '123');
    setTimeout(() => next(el));
    const invalid = await oneEvent(el, 'civic-invalid');
    expect(invalid.detail.fields.map((f: { path: string[] }) => f.path[1])).to.deep.equal(['name', 'cp', 'modes']);
    await until(() => el.shadowRoot!.activeElement?.id === 'error-summary', 'focus on the summary');
    expect(textOf(el.shadowRoot, '#error-summary h3')).to.equal('There are 3 problems');
    expect($$(el, '#error-summary a').map((a) => a.textContent!.trim())).to.deep.equal(['Nickname — Answer this question.', 'Postcode — Five digits.', 'Modes — Answer this question.']);
    expect(errorOf(el, 'cp')).to.equal('Five digits.');
    expect($(el, '#q-cp-input')!.getAttribute('aria-describedby')).to.contain('q-cp-error');
    expect($(el, '#q-cp-input')!.getAttribute('aria-invalid')).to.equal('true');
    expect(($(el, '#q-cp-input') as HTMLInputElement).value).to.equal('123');
    expect(textOf(el.shadowRoot, '.progress-text')).to.equal('Page 1 of 3');
    await expect(el).to.be.accessible();
    // A link of the summary moves focus to its field.
    $$(el, '#error-summary a')[1]!.click();
    await until(() => el.shadowRoot!.activeElement?.id === 'q-cp-input', 'focus on the postcode');
  });

  it('checks every rule with a message in the resident’s language', async () => {
    const el = await mount(fullSurvey(), 'fr');
    const cases: Array<[string, string, string]> = [
      ['#q-name-input', 'A', 'Écrivez au moins 2 caractères.'],
      ['#q-name-input', 'A'.repeat(21), 'Écrivez 20 caractères au plus.'],
      ['#q-mail-input', 'pas-une-adresse', 'Saisissez une adresse e-mail comme nom@exemple.fr.'],
      ['#q-km-input', 'douze', 'Saisissez un nombre, par exemple 12.'],
      ['#q-km-input', '101', 'Saisissez 100 ou moins.'],
      ['#q-km-input', '-1', 'Saisissez 0 ou plus.'],
      ['#q-km-input', '1,2', 'Saisissez un multiple de 0,5.'],
      ['#q-day-input', '2026-12-31', 'Saisissez une date à partir du 1 janvier 2027.'],
    ];
    for (const [selector, value, message] of cases) {
      await type(el, selector, value);
      const q = selector.slice(3, -6);
      expect(errorOf(el, q), `${q} = ${value}`).to.equal(message);
    }
    await type(el, '#q-km-input', '1,5');
    expect(errorOf(el, 'km')).to.equal('');
    // Too many choices is shown at once.
    await click(el, '#q-modes input[value=pied]');
    await click(el, '#q-modes input[value=velo]');
    await click(el, '#q-modes input[value=car]');
    expect(errorOf(el, 'modes')).to.equal('Choisissez 2 réponses au plus.');
    await click(el, '#q-modes input[value=car]');
    // "Other" asks what it is.
    await click(el, '#q-modes input[value=pied]');
    await click(el, '#q-modes input[value=_other]');
    expect($(el, '#q-modes-other')).to.not.equal(null);
    setTimeout(() => next(el));
    await oneEvent(el, 'civic-invalid');
    expect(errorOf(el, 'modes')).to.equal('Précisez votre réponse « autre ».');
    await expect(el).to.be.accessible();
  });

  it('goes through the pages, skips a hidden page, reviews, and sends only visible answers, exactly once', async () => {
    const def = fullSurvey();
    const el = await mount(def);
    await fillPage1(el);
    await type(el, '#q-km-input', '12,5');
    await next(el);
    await until(() => textOf(el.shadowRoot, '#page-title') === 'Opinion', 'page 2');
    expect(el.shadowRoot!.activeElement?.id).to.equal('page-title');
    // Back keeps the answers.
    await click(el, 'button.back');
    expect(($(el, '#q-name-input') as HTMLInputElement).value).to.equal('Camille');
    await next(el);
    await fillPage2(el);
    await click(el, '#q-licence input[value=no]'); // hides page 3
    await until(() => textOf(el.shadowRoot, '.progress-text') === 'Page 2 of 2', 'page 3 hidden');
    expect(textOf(el.shadowRoot, '[part~=submit-button]')).to.equal('Review my answers');
    await next(el);
    await until(() => !!$(el, '#review-title'), 'review');
    const review = textOf(el.shadowRoot, '.review');
    expect(review).to.contain('Nickname Camille');
    expect(review).to.contain('Kilometres 12.5');
    expect(review).to.contain('Facilities Lighting: Good; Benches: Poor');
    expect(review).to.contain('Licence? No');
    await expect(el).to.be.accessible();
    // Change a bike answer: the conditional one goes away and is not sent.
    setTimeout(() => next(el));
    await oneEvent(el, 'civic-submitted');
    await until(() => textOf(el.shadowRoot, '[part~=status]').includes('Thank you'), 'thanks');
    await until(() => el.shadowRoot!.activeElement?.id === 'status', 'focus on the thanks');
    const rows = await responses(def.id);
    expect(rows).to.have.length(1);
    expect(rows[0]!.payload.answers).to.deep.equal({ name: 'Camille', modes: ['velo'], 'bike-often': 'daily', km: 12.5, stars: 4, grid: { light: 'good', bench: 'bad' }, licence: false });
    await expect(el).to.be.accessible();
  });

  it('never sends the answer of a question hidden after it was answered', async () => {
    const def = fullSurvey();
    const el = await mount(def);
    await fillPage1(el);
    await click(el, '#q-modes input[value=velo]'); // bike-often is hidden again, keeps its value
    await click(el, '#q-modes input[value=pied]');
    await next(el);
    await fillPage2(el);
    await click(el, '#q-licence input[value=no]');
    await next(el);
    setTimeout(() => next(el));
    await oneEvent(el, 'civic-submitted');
    const [row] = await responses(def.id);
    expect(row!.payload.answers).to.not.have.property('bike-often');
    expect(row!.payload.answers.modes).to.deep.equal(['pied']);
  });

  it('orders a ranking with the keyboard alone, announcing each move', async () => {
    const def = fullSurvey();
    const el = await mount(def);
    await fillPage1(el);
    await next(el);
    const down = $(el, '#rank-rank-a .down')!;
    down.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect($$(el, '.rank-label').map((x) => x.textContent)).to.deep.equal(['20 zone', 'Lane', 'Shuttle']);
    expect(textOf(el.shadowRoot, '#status')).to.equal('“Lane” is now in position 2 of 3.');
    await until(() => el.shadowRoot!.activeElement === $(el, '#rank-rank-a .down'), 'focus follows the item');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    // At the bottom the "down" button is disabled: focus moves to "up".
    await until(() => el.shadowRoot!.activeElement === $(el, '#rank-rank-a .up'), 'focus on up at the end');
    expect($$(el, '.rank-label').map((x) => x.textContent)).to.deep.equal(['20 zone', 'Shuttle', 'Lane']);
    await expect(el).to.be.accessible();
  });

  it('keeps a draft on the device and offers to resume or start over after a reload', async () => {
    const def = fullSurvey();
    const el = await mount(def);
    await type(el, '#q-name-input', 'Dominique');
    await click(el, '#q-modes input[value=car]');
    await new Promise((r) => setTimeout(r, 400)); // the draft is written 300 ms after typing
    el.remove();
    const { url } = await backend();
    const again = await fixture<CivicSurvey>(html`<civic-survey endpoint=${url} survey-id=${def.id} lang="en"></civic-survey>`);
    await until(() => !!again.shadowRoot?.querySelector('.draft'), 'the draft offer');
    expect(textOf(again.shadowRoot, '.draft')).to.contain('Your answers were kept on this device.');
    await expect(again).to.be.accessible();
    await click(again as CivicSurvey, '.draft .primary');
    expect(($(again, '#q-name-input') as HTMLInputElement).value).to.equal('Dominique');
    expect(($(again, '#q-modes input[value=car]') as HTMLInputElement).checked).to.equal(true);
    again.remove();
    // Starting over erases it.
    const third = await fixture<CivicSurvey>(html`<civic-survey endpoint=${url} survey-id=${def.id} lang="en"></civic-survey>`);
    await until(() => !!third.shadowRoot?.querySelector('.draft'), 'the draft offer again');
    await click(third as CivicSurvey, '.draft .secondary');
    expect(($(third, '#q-name-input') as HTMLInputElement).value).to.equal('');
    third.remove();
    const fourth = await fixture<CivicSurvey>(html`<civic-survey endpoint=${url} survey-id=${def.id} lang="en"></civic-survey>`);
    await until(() => !!fourth.shadowRoot?.querySelector('form'), 'a fresh form');
    expect($(fourth, '.draft')).to.equal(null);
  });

  it('offline: keeps the answers on the device, says so, and sends them exactly once when the server is back', async () => {
    const def = fullSurvey();
    const el = await mount(def);
    await fillPage1(el);
    await next(el);
    await fillPage2(el);
    await next(el);
    await click(el, '#q-ok input');
    await next(el);
    await until(() => !!$(el, '#review-title'), 'review');
    await backendDown();
    setTimeout(() => next(el));
    await oneEvent(el, 'civic-queued');
    await until(() => textOf(el.shadowRoot, '[part~=status]').includes('kept on this device'), 'queued message');
    await expect(el).to.be.accessible();
    expect(await responses(def.id)).to.have.length(0);
    await backendUp();
    window.dispatchEvent(new Event('online'));
    await oneEvent(el, 'civic-synced');
    await until(() => textOf(el.shadowRoot, '[part~=status]').includes('now been sent'), 'synced message');
    const rows = await responses(def.id);
    expect(rows).to.have.length(1);
    expect(rows[0]!.payload.answers.ok).to.equal(true);
  });

  it('one response per device: a second visit says it was already answered', async () => {
    const def = fullSurvey({ onePerDevice: true, pages: [{ id: 'p', questions: [{ id: 'q', type: 'yesno', label: t('Oui ?', 'Yes?'), required: true }] }] });
    const el = await mount(def);
    await click(el, '#q-q input[value=yes]');
    await next(el);
    setTimeout(() => next(el));
    await oneEvent(el, 'civic-submitted');
    el.remove();
    const { url } = await backend();
    const again = await fixture<CivicSurvey>(html`<civic-survey endpoint=${url} survey-id=${def.id} lang="en"></civic-survey>`);
    await until(() => textOf(again.shadowRoot, '[part~=status]').includes('already answered'), 'already answered');
    expect($(again, 'form')).to.equal(null);
    expect(await responses(def.id)).to.have.length(1);
  });

  it('asks for optional contact details only when the organiser asks, with the consent text and privacy link', async () => {
    const def = fullSurvey({
      contact: { consent: t('Pour vous recontacter.', 'To contact you again.'), privacyUrl: 'https://town.example/privacy' },
      pages: [{ id: 'p', questions: [{ id: 'q', type: 'text', label: t('Idée', 'Idea'), required: true }] }],
    });
    const el = await mount(def);
    expect(textOf(el.shadowRoot, '.contact legend')).to.equal('Your contact details (optional)');
    expect($(el, '.contact a')!.getAttribute('href')).to.equal('https://town.example/privacy');
    await type(el, '#q-q-input', 'Des bancs');
    await type(el, '#contact-email', 'camille@example.org');
    await next(el);
    setTimeout(() => next(el));
    await oneEvent(el, 'civic-submitted');
    const [row] = await responses(def.id);
    expect((row!.payload as { contact?: unknown }).contact).to.deep.equal({ email: 'camille@example.org' });
    const plain = await mount(fullSurvey());
    expect($(plain, '#contact-email')).to.equal(null);
  });

  it('shows published results as accessible charts, and a clear message while they are not published', async () => {
    const def = fullSurvey({ resultsPublished: true, pages: [{ id: 'p', questions: [
      { id: 'mode', type: 'single', label: t('Mode', 'Mode'), options: [choice('a', 'A'), choice('b', 'B')] },
      { id: 'note', type: 'scale', label: t('Note', 'Score'), min: 1, max: 5 },
      { id: 'idea', type: 'textarea', label: t('Idée', 'Idea'), publishText: true },
    ] }] });
    const { url } = await backend();
    await putContent('surveys', def);
    for (const answers of [{ mode: 'a', note: 4, idea: 'Plus de bancs' }, { mode: 'a', note: 2 }, { mode: 'b', note: 5 }]) {
      const res = await fetch(`${url}/surveys/${def.id}/responses`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': uniqueId('k') }, body: JSON.stringify({ answers }) });
      expect(res.status).to.equal(201);
    }
    const el = await fixture<CivicSurvey>(html`<civic-survey endpoint=${url} survey-id=${def.id} lang="en" show-results></civic-survey>`);
    await until(() => !!el.shadowRoot?.querySelector('.results'), 'results');
    expect(textOf(el.shadowRoot, '.total')).to.equal('3 responses');
    expect($$(el, '.result-question')[0]!.querySelector('.result-line')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('A 67% · 2');
    expect(textOf(el.shadowRoot, '.result-question:nth-of-type(2) .average')).to.equal('Average: 3.7');
    expect(textOf(el.shadowRoot, '.texts')).to.contain('Plus de bancs');
    await expect(el).to.be.accessible();
    const hidden = await mount(fullSurvey({ resultsPublished: false }), 'fr', { showResults: true });
    expect(textOf(hidden.shadowRoot, '[role=status]')).to.equal('Les résultats seront publiés par l’organisateur.');
  });

  it('reads an inline definition from a <script type="application/json"> child and posts to the endpoint', async () => {
    const { url } = await backend();
    const def = fullSurvey({ pages: [{ id: 'p', questions: [{ id: 'q', type: 'yesno', label: t('Oui ?', 'Yes?') }] }] });
    await putContent('surveys', def); // the backend accepts responses for it
    const el = await fixture<CivicSurvey>(html`<civic-survey endpoint=${url} lang="en"><script type="application/json">${JSON.stringify({ ...def, title: 'Inline title' })}</script></civic-survey>`);
    await until(() => !!el.shadowRoot?.querySelector('form'), 'inline form');
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Inline title');
    await click(el, '#q-q input[value=yes]');
    await next(el);
    setTimeout(() => next(el));
    await oneEvent(el, 'civic-submitted');
    expect(await responses(def.id)).to.have.length(1);
  });

  it('shows the organiser’s texts in the resident’s language, falling back sensibly', async () => {
    const def = fullSurvey({
      title: { fr: 'Votre avis', nl: 'Uw mening' },
      pages: [{ id: 'p', questions: [{ id: 'q', type: 'yesno', label: { fr: 'Faites-vous du vélo ?', nl: 'Fietst u?' } }] }],
    });
    const nl = await mount(def, 'nl-BE');
    expect(textOf(nl.shadowRoot, '[part~=title]')).to.equal('Uw mening');
    expect(textOf(nl.shadowRoot, '#q-q legend')).to.equal('Fietst u?');
    const de = await mount({ ...def, id: uniqueId('survey') }, 'de');
    expect(textOf(de.shadowRoot, '[part~=title]')).to.equal('Votre avis');
  });

  it('tells the webmaster what to fix: missing id, unknown id, broken inline JSON', async () => {
    const { url } = await backend();
    const missing = await fixture<CivicSurvey>(html`<civic-survey endpoint=${url} lang="en"></civic-survey>`);
    expect(textOf(missing.shadowRoot, '[role=alert]')).to.contain('survey-id');
    await expect(missing).to.be.accessible();
    const unknown = await fixture<CivicSurvey>(html`<civic-survey endpoint=${url} survey-id="nope-nope" lang="en"></civic-survey>`);
    await until(() => !!unknown.shadowRoot?.querySelector('[role=alert]'), 'unknown id alert');
    expect(textOf(unknown.shadowRoot, '[role=alert]')).to.contain('nope-nope');
    const broken = await fixture<CivicSurvey>(html`<civic-survey endpoint=${url} lang="en"><script type="application/json">{ "id": "x", </script></civic-survey>`);
    await until(() => !!broken.shadowRoot?.querySelector('[role=alert]'), 'broken JSON alert');
    expect(textOf(broken.shadowRoot, '[role=alert]')).to.contain('<script type="application/json">');
    await expect(broken).to.be.accessible();
    // Valid JSON the schema refuses: the form may show first (it renders before zod loads), then the
    // schema's word replaces it.
    const wrong = await fixture<CivicSurvey>(
      html`<civic-survey endpoint=${url} lang="en"><script type="application/json">${JSON.stringify({ id: 'wrong', title: 'T', pages: [{ id: 'p', questions: [{ id: 'q', type: 'bogus', label: 'Q' }] }] })}</script></civic-survey>`,
    );
    await until(() => !!wrong.shadowRoot?.querySelector('[role=alert]'), 'schema alert');
    expect(textOf(wrong.shadowRoot, '[role=alert]')).to.contain('pages.0.questions.0');
    expect(wrong.shadowRoot!.querySelector('form')).to.equal(null);
  });

  it('prints every page and question on paper: boxes, lines, conditions in words, how to send it back', async () => {
    const def = fullSurvey({ paper: { returnTo: t('Déposez-le en mairie.', 'Drop it at the town hall.') } });
    const el = await mount(def, 'en', { print: true });
    expect($$(el, '.paper-page')).to.have.length(3);
    expect($$(el, '.paper-q:not(.info)')).to.have.length(14);
    expect(textOf(el.shadowRoot, '.paper-page')).to.contain('Only if you answered “Bike” to “Modes”.');
    expect($$(el, '.paper-q')[7]!.querySelectorAll('.box').length).to.be.greaterThan(0);
    expect(textOf(el.shadowRoot, '.paper-return')).to.contain('Drop it at the town hall.');
    expect($(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
