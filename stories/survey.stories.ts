import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { FIXTURE_ENDPOINT, NETWORK_ERROR, NEVER, deviceCopy } from './support/fixture-backend.js';
import { QUESTIONS, RESULTS, consultation, survey, surveyFixtures } from './support/survey-fixtures.js';
import { LIVE_ENDPOINT } from './support/live.js';
import { inShadow } from './support/in-widget.js';
import { argTypesFor, withTheming, manifestAttributes } from './support/arg-types.js';

type Handler = (event: Event) => void;

type SurveyArgs = {
  endpoint?: string;
  'survey-id'?: string;
  lang?: string;
  'heading-level'?: number;
  'show-results'?: boolean;
  print?: boolean;
  'online-url'?: string;
  onCivicLoad?: Handler;
  onCivicSubmit?: Handler;
  onCivicSubmitted?: Handler;
  onCivicQueued?: Handler;
  onCivicSynced?: Handler;
  onCivicInvalid?: Handler;
  onCivicError?: Handler;
};

/** One `<civic-survey>` exactly as a webmaster would write it; events go to the Actions panel. */
function surveyTag(a: SurveyArgs): TemplateResult {
  return html`<civic-survey
    ${manifestAttributes(a)}
    lang=${ifDefined(a.lang || undefined)}
    @civic-load=${ifDefined(a.onCivicLoad)}
    @civic-submit=${ifDefined(a.onCivicSubmit)}
    @civic-submitted=${ifDefined(a.onCivicSubmitted)}
    @civic-queued=${ifDefined(a.onCivicQueued)}
    @civic-synced=${ifDefined(a.onCivicSynced)}
    @civic-invalid=${ifDefined(a.onCivicInvalid)}
    @civic-error=${ifDefined(a.onCivicError)}
  ></civic-survey>`;
}

const meta = {
  title: 'Widgets/Survey',
  component: 'civic-survey',
  tags: ['autodocs'],
  render: (args) => surveyTag(args),
  args: { endpoint: LIVE_ENDPOINT, 'survey-id': 'mobilite-2027', lang: 'fr', 'heading-level': 2, 'show-results': false, print: false },
  argTypes: { ...argTypesFor('civic-survey') },
  decorators: [withTheming('civic-survey')],
  parameters: {
    docs: {
      description: {
        component:
          'A questionnaire with pages, conditions, a draft kept on the device, a review step, published results and a paper version. ' +
          '*Playground* talks to the live reference backend (`mobilite-2027`, the demo consultation); the other stories run on ' +
          'Storybook-only fixtures (`https://fixtures.civic.invalid/api`) so that each state holds still.',
      },
    },
  },
} satisfies Meta<SurveyArgs>;

export default meta;
type Story = StoryObj<SurveyArgs>;

const inWidget = <T extends Element = HTMLElement>(canvas: HTMLElement, selector: string, nth = 0): Promise<T> => inShadow<T>('civic-survey', canvas, selector, nth);

const fixture = (id: string, extra: Partial<SurveyArgs> = {}) => ({ endpoint: FIXTURE_ENDPOINT, 'survey-id': id, ...extra });

/** A story showing one question type alone. */
function typeStory(key: keyof typeof QUESTIONS & string): Story {
  const id = `fixture-type-${key}`;
  return { name: `Question types/${key}`, args: fixture(id), beforeEach: surveyFixtures({ [id]: { definition: survey(id, [QUESTIONS[key]!]) } }) };
}

/* ------------------------------------------------------------------ live */

/** The demo consultation on the live backend: every attribute as a control. */
export const Playground: Story = {};

/* ------------------------------------------------------------------ question types */

export const Text = typeStory('text');
export const LongText = typeStory('textarea');
export const Email = typeStory('email');
export const NumberQuestion = typeStory('number');
export const DateQuestion = typeStory('date');
export const SingleChoice = typeStory('single');
export const MultipleChoice = typeStory('multiple');
export const Dropdown = typeStory('dropdown');
export const OtherPleaseSpecify = typeStory('other');
export const YesNo = typeStory('yesno');
export const ScaleStars = typeStory('stars');
export const ScaleNumbers = typeStory('numbers');
export const Ranking = typeStory('ranking');
export const Matrix = typeStory('matrix');
export const Consent = typeStory('consent');
export const InformationBlock = typeStory('info');

/* ------------------------------------------------------------------ states */

export const Loading: Story = {
  name: 'States/Loading',
  args: fixture('fixture-loading'),
  beforeEach: surveyFixtures({ 'fixture-loading': { definition: NEVER } }),
};

/** "Next" with required questions empty: the error summary, focused, links to each field. */
export const ErrorSummary: Story = {
  name: 'States/ErrorSummary',
  args: fixture('fixture-errors'),
  beforeEach: surveyFixtures({ 'fixture-errors': { definition: consultation('fixture-errors') } }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    const summary = await inWidget(canvasElement, '#error-summary');
    await waitFor(() => expect((summary.getRootNode() as ShadowRoot).activeElement).toBe(summary));
  },
};

/** The condition: choosing "by bike" shows the cycling question. */
export const Condition: Story = {
  name: 'States/Condition',
  args: fixture('fixture-condition'),
  beforeEach: surveyFixtures({ 'fixture-condition': { definition: consultation('fixture-condition') } }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, '#q-modes input[value=velo]'));
    await inWidget(canvasElement, '#q-securite');
  },
};

/** The review step before sending, each answer with a "change" button. */
export const Review: Story = {
  name: 'States/Review',
  args: fixture('fixture-review', { lang: 'en' }),
  beforeEach: surveyFixtures({ 'fixture-review': { definition: survey('fixture-review', [QUESTIONS.single!, QUESTIONS.yesno!]) } }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, '#q-age input[value=b]'));
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await inWidget(canvasElement, '#review-title');
  },
};

/** Sent: thanks, and a link to the published results. */
export const Submitted: Story = {
  name: 'States/Submitted',
  args: fixture('fixture-submitted'),
  beforeEach: surveyFixtures({ 'fixture-submitted': { definition: survey('fixture-submitted', [QUESTIONS.yesno!], { resultsPublished: true }), results: RESULTS('fixture-submitted') } }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, '#q-permis input[value=yes]'));
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await waitFor(async () => expect((await inWidget(canvasElement, '#status')).textContent).toContain('Merci'));
  },
};

/** The server refuses an answer (its own check of the same rules): the error summary names the question. */
export const ServerRefused: Story = {
  name: 'States/ServerRefused',
  args: fixture('fixture-refused'),
  beforeEach: surveyFixtures({
    'fixture-refused': {
      definition: survey('fixture-refused', [QUESTIONS.yesno!]),
      response: {
        fixture: 'http-error',
        status: 400,
        body: { error: { code: 'validation', message: 'The answers are not valid.', fields: [{ path: ['answers', 'permis'], code: 'required', message: 'an answer is required' }] } },
      },
    },
  }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, '#q-permis input[value=yes]'));
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await inWidget(canvasElement, '#error-summary');
  },
};

/** No connection when sending: the answers are kept on the device and sent later. */
export const OfflineQueued: Story = {
  name: 'States/OfflineQueued',
  args: fixture('fixture-queued'),
  beforeEach: surveyFixtures({ 'fixture-queued': { definition: survey('fixture-queued', [QUESTIONS.yesno!]), response: NETWORK_ERROR } }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, '#q-permis input[value=no]'));
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await waitFor(async () => expect((await inWidget(canvasElement, '#status')).textContent).toContain('gardées sur cet appareil'));
  },
};

/** Back after a reload: resume or start over. */
export const DraftFound: Story = {
  name: 'States/DraftFound',
  args: fixture('fixture-draft'),
  beforeEach: surveyFixtures({ 'fixture-draft': { definition: consultation('fixture-draft'), device: { draft: { answers: { age: 'b', modes: ['velo'] } } } } }),
};

/** One response per device, already sent from this device. */
export const AlreadyAnswered: Story = {
  name: 'States/AlreadyAnswered',
  args: fixture('fixture-already'),
  beforeEach: surveyFixtures({ 'fixture-already': { definition: consultation('fixture-already', { onePerDevice: true }), device: { responded: true } } }),
};

/** Published results: bars with numbers, averages, a ranking, a table, published texts, by channel. */
export const Results: Story = {
  name: 'States/Results',
  args: fixture('fixture-results', { 'show-results': true }),
  beforeEach: surveyFixtures({ 'fixture-results': { definition: consultation('fixture-results'), results: RESULTS('fixture-results') } }),
};

export const ResultsNotPublished: Story = {
  name: 'States/ResultsNotPublished',
  args: fixture('fixture-results-hidden', { 'show-results': true }),
  beforeEach: surveyFixtures({ 'fixture-results-hidden': { definition: consultation('fixture-results-hidden', { resultsPublished: false }) } }),
};

/** The paper version (`print`): every page and question, boxes, lines, conditions in words. */
export const Paper: Story = {
  name: 'States/Paper',
  args: fixture('fixture-paper', { print: true, 'online-url': 'https://www.saint-aubin.example/consultation' }),
  beforeEach: surveyFixtures({ 'fixture-paper': { definition: consultation('fixture-paper') } }),
};

export const Closed: Story = {
  name: 'States/Closed',
  args: fixture('fixture-closed'),
  beforeEach: surveyFixtures({ 'fixture-closed': { definition: consultation('fixture-closed', { phase: 'closed', closesAt: '2026-04-30T22:00:00+02:00' }) } }),
};

/** Not open yet: the opening date, no questions. */
export const Scheduled: Story = {
  name: 'States/Scheduled',
  args: fixture('fixture-scheduled'),
  beforeEach: surveyFixtures({ 'fixture-scheduled': { definition: consultation('fixture-scheduled', { phase: 'scheduled', opensAt: '2026-06-01T08:00:00+02:00' }) } }),
};

/** The answers are on their way (the server never answers here). */
export const Submitting: Story = {
  name: 'States/Submitting',
  args: fixture('fixture-submitting'),
  beforeEach: surveyFixtures({ 'fixture-submitting': { definition: survey('fixture-submitting', [QUESTIONS.yesno!]), response: NEVER } }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, '#q-permis input[value=yes]'));
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await inWidget(canvasElement, '#review-title');
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await waitFor(async () => expect(await inWidget(canvasElement, '[part~="submit-button"]')).toHaveAttribute('aria-disabled', 'true'));
  },
};

/** The server cannot be reached when loading: a retry button. */
export const Unreachable: Story = {
  name: 'States/Unreachable',
  args: fixture('fixture-unreachable'),
  beforeEach: surveyFixtures({ 'fixture-unreachable': { definition: NETWORK_ERROR } }),
};

/** The server cannot be reached, but this device kept the survey from an earlier visit: the questions, with a note. */
export const OfflineCopy: Story = {
  name: 'States/OfflineCopy',
  args: fixture('fixture-offline-copy'),
  beforeEach: [surveyFixtures({ 'fixture-offline-copy': { definition: NETWORK_ERROR } }), deviceCopy('survey', 'fixture-offline-copy', consultation('fixture-offline-copy'))],
};

/** No `endpoint` and no `<civic-config>`: the widget tells the webmaster what to add. */
export const MissingEndpoint: Story = { name: 'States/MissingEndpoint', args: { endpoint: '', 'survey-id': 'mobilite-2027' } };

export const UnknownId: Story = {
  name: 'States/UnknownId',
  args: fixture('fixture-nope'),
  beforeEach: surveyFixtures({}),
};

export const MissingSurveyId: Story = { name: 'States/MissingSurveyId', args: { endpoint: FIXTURE_ENDPOINT, 'survey-id': '' } };

/* ------------------------------------------------------------------ languages */

export const English: Story = {
  name: 'Languages/English',
  args: fixture('fixture-english', { lang: 'en' }),
  beforeEach: surveyFixtures({ 'fixture-english': { definition: consultation('fixture-english') } }),
};
