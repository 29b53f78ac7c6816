/**
 * A two-page survey with the keyboard alone: real key presses only. Radio buttons with the arrow
 * keys, checkboxes with Space, a 1–5 scale with the arrow keys, a select, a ranking with its
 * buttons, a text area, consent; the error summary and its links; Next (focus on the new page's
 * heading), the review step, Send. Focus order and visible focus at every stop, what the live
 * regions say, the answers stored by the backend, Chromium's tree in each state.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { CivicSurvey } from '../src/components/survey/survey.js';
import type { SurveyDefinitionInput } from '../src/api/schemas.js';
import { backend, clearDeviceStorage, putContent, sql, uniqueId, until, $ } from './support/helpers.js';
import { announced, axGet, axTree, deepActive, here, press, startBefore, tabTo, tabVisibly, typeKeys } from './support/a11y.js';

const t = (en: string) => ({ fr: en, en });
const choice = (id: string, en: string) => ({ id, label: t(en) });

function survey(): SurveyDefinitionInput {
  return {
    id: uniqueId('kb-survey'),
    title: t('Getting around town'),
    pages: [
      {
        id: 'p1',
        title: t('Your habits'),
        questions: [
          { id: 'mode', type: 'single', required: true, label: t('How do you come to the centre?'), options: [choice('foot', 'On foot'), choice('bike', 'By bike'), choice('car', 'By car')] },
          { id: 'days', type: 'multiple', label: t('Which days?'), options: [choice('mon', 'Monday'), choice('sat', 'Saturday')] },
          { id: 'safety', type: 'scale', required: true, label: t('How safe is cycling?'), min: 1, max: 5 },
          { id: 'district', type: 'dropdown', label: t('District'), options: [choice('centre', 'Centre'), choice('station', 'Station')] },
        ],
      },
      {
        id: 'p2',
        title: t('Your opinion'),
        questions: [
          { id: 'rank', type: 'ranking', label: t('Priorities'), options: [choice('lane', 'Bike lanes'), choice('zone', '20 zone'), choice('bus', 'Shuttle')] },
          { id: 'more', type: 'textarea', label: t('Anything else?'), maxLength: 200 },
          { id: 'ok', type: 'consent', required: true, label: t('I agree that my answers are used for this survey.') },
        ],
      },
    ],
  };
}

async function mount(): Promise<{ el: CivicSurvey; id: string }> {
  const { url } = await backend();
  const id = await putContent('surveys', survey());
  const wrap = await fixture<HTMLDivElement>(html`<div>
    <a href="#before" id="before">Before the survey</a>
    <civic-survey endpoint=${url} survey-id=${id} lang="en"></civic-survey>
    <a href="#after" id="after">After the survey</a>
  </div>`);
  const el = wrap.querySelector('civic-survey')!;
  await until(() => !!el.shadowRoot?.querySelector('form'), 'the survey form');
  startBefore(wrap);
  return { el, id };
}

async function stored(id: string): Promise<Array<Record<string, unknown>>> {
  const rows = await sql<{ payload: { answers: Record<string, unknown> } | string }>(`select payload from submissions where kind = 'survey' and content_id = $1`, [id]);
  return rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload).answers);
}

describe('<civic-survey> with the keyboard alone', () => {
  beforeEach(() => clearDeviceStorage());

  it('answers two pages, goes through the error summary and the review, sends', async () => {
    const { el, id } = await mount();
    const tree = await axTree('civic-survey');
    axGet(tree, 'region', 'Getting around town');
    axGet(tree, 'heading', 'Your habits');
    axGet(tree, 'progressbar', 'Page 1 of 2');
    const mode = axGet(tree, 'group', 'How do you come to the centre? (required)');
    expect(mode.children.filter((c) => c.role === 'radio').map((c) => c.name)).to.deep.equal(['On foot', 'By bike', 'By car']);
    axGet(tree, 'group', 'How safe is cycling? (required)');
    axGet(tree, 'combobox', 'District');

    // Enter on the first radio button sends the page: the summary takes the focus.
    expect(await tabVisibly()).to.equal('radio "On foot"');
    await press('Enter');
    await until(() => deepActive()?.id === 'error-summary', 'focus on the error summary');
    expect(announced(el)).to.contain('There are 2 problems');
    const invalid = await axTree('civic-survey');
    const bad = axGet(invalid, 'group', 'How do you come to the centre? (required)');
    expect(bad.props['invalid']).to.equal('true');
    expect(bad.description).to.contain('Answer this question.');

    // The summary's first link leads to the question; the arrow keys choose.
    expect(await tabVisibly()).to.match(/^link "How do you come to the centre\?/);
    await press('Enter');
    expect(await here()).to.equal('radio "On foot"');
    await press('ArrowDown');
    expect(await here()).to.equal('radio "By bike"');
    expect(($(el, 'input[name=mode][value=bike]') as HTMLInputElement).checked).to.equal(true);
    // A checkbox with Space, the next one left alone.
    expect(await tabVisibly()).to.equal('checkbox "Monday"');
    await press('Space');
    expect(await tabVisibly()).to.equal('checkbox "Saturday"');
    // The scale: one stop for the group, the arrow keys pick the value.
    expect(await tabVisibly()).to.equal('radio "1"');
    await press('ArrowRight');
    await press('ArrowRight');
    await press('ArrowRight');
    expect(await here()).to.equal('radio "4"');
    // The select: an arrow key picks the first district.
    expect(await tabVisibly()).to.equal('combobox "District"');
    await press('ArrowDown');
    expect(await tabVisibly()).to.equal('button "Next"');
    await press('Enter');
    await until(() => deepActive()?.id === 'page-title', 'focus on the new page');
    expect(await here()).to.equal('heading "Your opinion"');
    axGet(await axTree('civic-survey'), 'progressbar', 'Page 2 of 2');

    // The ranking: the first item's "up" is disabled, so the first stop is its "down".
    expect(await tabVisibly()).to.equal('button "Move “Bike lanes” down"');
    await press('Enter');
    await until(() => announced(el).includes('“Bike lanes” is now in position 2 of 3.'), 'the move announced');
    expect(await here()).to.equal('button "Move “Bike lanes” down"');
    // Once moved, the order is an answer: no "I agree with this order" button any more.
    const rest = await tabTo('textbox "Anything else?"');
    expect(rest).to.deep.equal(['button "Move “Shuttle” up"', 'textbox "Anything else?"']);
    await typeKeys('More benches in the shade.');
    expect(announced(el)).to.not.contain('characters'); // the counter speaks only near the limit
    expect(await tabVisibly()).to.equal('checkbox "I agree that my answers are used for this survey. (required)"');
    await press('Space');
    expect(await tabVisibly()).to.equal('button "Back"');
    expect(await tabVisibly()).to.equal('button "Review my answers"');
    await press('Enter');
    await until(() => deepActive()?.id === 'review-title', 'focus on the review');
    expect(await here()).to.equal('heading "Check your answers before sending"');
    const review = await axTree('civic-survey');
    axGet(review, 'button', 'Change the answer to “How do you come to the centre?”');
    await tabTo('button "Send my answers"');
    await press('Enter');
    await until(() => deepActive()?.id === 'status', 'focus on the thanks', 10000);
    expect(announced(el)).to.contain('Thank you! Your answers have been received.');
    const [answers] = await stored(id);
    expect(answers).to.deep.include({ mode: 'bike', days: ['mon'], safety: 4, district: 'centre', rank: ['zone', 'lane', 'bus'], more: 'More benches in the shade.', ok: true });
  });
});
