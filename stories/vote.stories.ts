import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { FIXTURE_ENDPOINT, NETWORK_ERROR, NEVER, deviceCopy, httpError, voteFixtures } from './support/fixture-backend.js';
import {
  budgetResults,
  budgetVote,
  codesVote,
  eligibilityVote,
  multiplePoll,
  multipleResults,
  rankedResults,
  rankedVote,
  receiptWith,
  singlePoll,
  singleResults,
  votedRecord,
} from './support/vote-fixtures.js';
import { LIVE_ENDPOINT, liveDecorator, liveLoader } from './support/live.js';
import { inShadow } from './support/in-widget.js';
import { argTypesFor, withTheming, manifestAttributes } from './support/arg-types.js';
import { THEMES, scopeTheme, type ThemeName } from './themes/index.js';

/* ------------------------------------------------------------------ args and render */

type Handler = (event: Event) => void;

/** Attributes as a webmaster writes them, the manifest's event actions; tokens and parts (argTypesFor) too. */
type VoteArgs = {
  endpoint?: string;
  'vote-id'?: string;
  lang?: string;
  'heading-level'?: number;
  onCivicLoad?: Handler;
  onCivicSubmit?: Handler;
  onCivicSubmitted?: Handler;
  onCivicQueued?: Handler;
  onCivicSynced?: Handler;
  onCivicInvalid?: Handler;
  onCivicError?: Handler;
} & { [tokenOrPart: string]: unknown };

/** One `<civic-vote>` exactly as a webmaster would write it; events go to the Actions panel. */
function vote(args: VoteArgs, overrides: Partial<VoteArgs> = {}): TemplateResult {
  const a = { ...args, ...overrides };
  return html`<civic-vote
    ${manifestAttributes(a)}
    lang=${ifDefined(a.lang || undefined)}
    @civic-load=${ifDefined(a.onCivicLoad)}
    @civic-submit=${ifDefined(a.onCivicSubmit)}
    @civic-submitted=${ifDefined(a.onCivicSubmitted)}
    @civic-queued=${ifDefined(a.onCivicQueued)}
    @civic-synced=${ifDefined(a.onCivicSynced)}
    @civic-invalid=${ifDefined(a.onCivicInvalid)}
    @civic-error=${ifDefined(a.onCivicError)}
  ></civic-vote>`;
}

const meta = {
  title: 'Widgets/Vote',
  component: 'civic-vote',
  tags: ['autodocs'],
  render: (args) => vote(args),
  args: {
    endpoint: LIVE_ENDPOINT,
    'vote-id': 'velo-rue-principale',
    lang: 'fr',
    'heading-level': 2,
  },
  argTypes: argTypesFor('civic-vote'),
  decorators: [withTheming('civic-vote')],
  parameters: {
    docs: {
      description: {
        component:
          'The reference widget. Stories marked *live* talk to the real reference backend that `npm run storybook` mounts at `/api`; ' +
          '*States* stories run on Storybook-only fixtures (`https://fixtures.civic.invalid/api`) so that each state holds still.',
      },
    },
  },
} satisfies Meta<VoteArgs>;

export default meta;
type Story = StoryObj<VoteArgs>;

/** Stories against the live backend at /api. */
const live = { loaders: [liveLoader], decorators: [liveDecorator] } satisfies Partial<Story>;

/* ------------------------------------------------------------------ play helpers */

/** An element of the (first) widget's shadow root, once it is rendered. */
const inWidget = <T extends Element = HTMLElement>(canvas: HTMLElement, selector: string, nth = 0): Promise<T> => inShadow<T>('civic-vote', canvas, selector, nth);

/* ------------------------------------------------------------------ live: the normal flow */

/** Every attribute as a control, against the live backend. Try `fete-du-village`, `nom-mediatheque`, `consultation-2030`, or an unknown id. */
export const Playground: Story = { ...live };

/** One answer among three (`velo-rue-principale`, live). Voting shows the results. */
export const SingleChoice: Story = { ...live, args: { 'vote-id': 'velo-rue-principale' } };

/** One or two answers among five (`fete-du-village`, live): choosing a third shows the rule at once. */
export const MultipleChoice: Story = { ...live, args: { 'vote-id': 'fete-du-village' } };

/** A closed poll shows its results to everyone (`nom-mediatheque`, live). */
export const Closed: Story = { ...live, args: { 'vote-id': 'nom-mediatheque' } };

/** A scheduled poll announces its opening date, without a form (`consultation-2030`, live). */
export const NotYetOpen: Story = { ...live, args: { 'vote-id': 'consultation-2030' } };

/** `lang="en"`: interface and the organiser's texts in English (live). */
export const English: Story = { ...live, args: { 'vote-id': 'velo-rue-principale', lang: 'en' } };

/**
 * Votes for real on the live backend: picks "painted lane" and sends the ballot (once per device;
 * "Forget this device" below the widget lets you vote again).
 */
export const VoteForReal: Story = {
  ...live,
  args: { 'vote-id': 'velo-rue-principale' },
  play: async ({ canvasElement, loaded }) => {
    if (!loaded.live) return;
    await inWidget(canvasElement, '[part~="title"]');
    const input = canvasElement.querySelector('civic-vote')?.shadowRoot?.querySelector<HTMLInputElement>('input[value="bande-peinte"]');
    if (!input) return; // already voted from this device: the widget shows the results instead
    await userEvent.click(input);
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await inWidget(canvasElement, '[part~="results"]');
  },
};

/** Two polls configured once by a `<civic-config endpoint lang>` around them (live). */
export const WithConfig: Story = {
  ...live,
  args: { endpoint: LIVE_ENDPOINT, lang: 'fr' },
  argTypes: { 'vote-id': { table: { disable: true } } },
  render: (args) => html`<div style="display:grid;gap:1.5rem">
    <civic-config endpoint=${ifDefined(args.endpoint || undefined)} lang=${ifDefined(args.lang || undefined)}>
      ${vote({ 'heading-level': args['heading-level'] }, { 'vote-id': 'velo-rue-principale' })}
      ${vote({ 'heading-level': args['heading-level'] }, { 'vote-id': 'fete-du-village' })}
    </civic-config>
  </div>`,
};

/** `<civic-config endpoint lang>` around two polls, on fixtures (the static build's twin of *WithConfig*). */
export const WithConfigFixture: Story = {
  name: 'With config (fixtures)',
  args: { lang: 'en' },
  argTypes: { 'vote-id': { table: { disable: true } }, endpoint: { table: { disable: true } } },
  beforeEach: voteFixtures({
    'fixture-config-a': { definition: singlePoll('fixture-config-a'), results: singleResults('fixture-config-a') },
    'fixture-config-b': { definition: multiplePoll('fixture-config-b'), results: multipleResults('fixture-config-b') },
  }),
  render: (args) => html`<civic-config endpoint=${FIXTURE_ENDPOINT} lang=${ifDefined(args.lang || undefined)}>
    <div style="display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fit,minmax(min(18rem,100%),1fr));align-items:start">
      ${vote({ 'heading-level': args['heading-level'] }, { 'vote-id': 'fixture-config-a' })}
      ${vote({ 'heading-level': args['heading-level'] }, { 'vote-id': 'fixture-config-b' })}
    </div>
  </civic-config>`,
};

/* ------------------------------------------------------------------ fixtures: languages */

/**
 * `lang="ar"`: right to left. The poll's texts are in Arabic; there is no Arabic interface catalogue
 * yet, so the widget's own strings fall back to English.
 */
export const Arabic: Story = {
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-arabic', lang: 'ar' },
  beforeEach: voteFixtures({ 'fixture-arabic': { definition: singlePoll('fixture-arabic'), results: singleResults('fixture-arabic') } }),
};

/* ------------------------------------------------------------------ fixtures: states */

/** The definition never arrives. */
export const Loading: Story = {
  name: 'States/Loading',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-loading' },
  beforeEach: voteFixtures({ 'fixture-loading': { definition: NEVER } }),
};

/** The server knows no such poll: a message for the webmaster, no retry. */
export const UnknownId: Story = {
  name: 'States/UnknownId',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-unknown' },
  beforeEach: voteFixtures({ 'fixture-unknown': { definition: httpError(404, 'not_found', 'No vote with id "fixture-unknown".') } }),
};

/** Closed: no form, the results for everyone (the fixture twin of the live *Closed*). */
export const ClosedFixture: Story = {
  name: 'States/Closed',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-closed' },
  beforeEach: voteFixtures({
    'fixture-closed': {
      definition: singlePoll('fixture-closed', { phase: 'closed', closesAt: '2026-04-30T18:00:00+02:00' }),
      results: { ...singleResults('fixture-closed'), phase: 'closed' },
    },
  }),
};

/** Not open yet: the opening date, no form (the fixture twin of the live *NotYetOpen*). */
export const Scheduled: Story = {
  name: 'States/Scheduled',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-scheduled' },
  beforeEach: voteFixtures({
    'fixture-scheduled': { definition: singlePoll('fixture-scheduled', { phase: 'scheduled', opensAt: '2026-06-01T08:00:00+02:00' }) },
  }),
};

/** Too many ballots from this network (429): the ballot waits on the device, and the message says so and when it will be sent. */
export const RateLimited: Story = {
  name: 'States/RateLimited',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-rate-limited' },
  beforeEach: voteFixtures({
    'fixture-rate-limited': {
      definition: singlePoll('fixture-rate-limited'),
      ballot: httpError(429, 'rate_limited', 'Too many ballots from this network.', { 'Retry-After': '120' }),
    },
  }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, 'input[value="non"]'));
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await inWidget(canvasElement, '#status .warning');
  },
};

/** `review: true` in the definition: "Review my choice" shows what will be sent, with "Change my choice" and "Vote" (RGAA 11.12). */
export const Review: Story = {
  name: 'States/Review',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-review' },
  beforeEach: voteFixtures({ 'fixture-review': { definition: singlePoll('fixture-review', { review: true }), results: singleResults('fixture-review') } }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, 'input[value="non"]'));
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await inWidget(canvasElement, '.review-list');
  },
};

/** The server cannot be reached (network down, wrong host, CORS): a retry button. */
export const Unreachable: Story = {
  name: 'States/Unreachable',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-unreachable' },
  beforeEach: voteFixtures({ 'fixture-unreachable': { definition: NETWORK_ERROR } }),
};

/** The server cannot be reached, but this device kept the poll from an earlier visit: the form, with a note; a vote waits on the device. */
export const OfflineCopy: Story = {
  name: 'States/OfflineCopy',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-offline-copy' },
  beforeEach: [voteFixtures({ 'fixture-offline-copy': { definition: NETWORK_ERROR } }), deviceCopy('vote', 'fixture-offline-copy', singlePoll('fixture-offline-copy'))],
};

/** No `endpoint` and no `<civic-config>`: the widget tells the webmaster what to add. */
export const MissingEndpoint: Story = {
  name: 'States/MissingEndpoint',
  args: { endpoint: '', 'vote-id': 'velo-rue-principale' },
};

/** No `vote-id`. */
export const MissingVoteId: Story = {
  name: 'States/MissingVoteId',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': '' },
};

/** An `endpoint` that is not an http(s) URL. */
export const InvalidEndpoint: Story = {
  name: 'States/InvalidEndpoint',
  args: { endpoint: 'ftp://town.example/api', 'vote-id': 'velo-rue-principale' },
};

/** Submitting without choosing: the rule is shown and focused. */
export const ValidationError: Story = {
  name: 'States/ValidationError',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-validation' },
  beforeEach: voteFixtures({ 'fixture-validation': { definition: multiplePoll('fixture-validation') } }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    const error = await inWidget(canvasElement, '#choice-error');
    await waitFor(() => expect((error.getRootNode() as ShadowRoot).activeElement).toBe(error));
    await expect(await inWidget(canvasElement, 'fieldset')).toHaveAttribute('aria-invalid', 'true');
  },
};

/** The ballot is on its way (the server never answers here). */
export const Submitting: Story = {
  name: 'States/Submitting',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-submitting' },
  beforeEach: voteFixtures({ 'fixture-submitting': { definition: singlePoll('fixture-submitting'), ballot: NEVER } }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, 'input[value="non"]'));
    const button = await inWidget(canvasElement, '[part~="submit-button"]');
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute('aria-disabled', 'true'));
  },
};

/** No connection when the resident voted: the ballot is kept on the device and will be sent later. */
export const OfflineQueued: Story = {
  name: 'States/OfflineQueued',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-queued' },
  beforeEach: voteFixtures({
    'fixture-queued': {
      definition: multiplePoll('fixture-queued'),
      ballot: NETWORK_ERROR,
      device: { queued: { choices: ['feu-artifice', 'cinema-plein-air'] } },
    },
  }),
};

/** Just voted: thanks, and the results as a bar chart (the play function votes). */
export const Submitted: Story = {
  name: 'States/Submitted',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-submitted' },
  beforeEach: voteFixtures({
    'fixture-submitted': {
      definition: singlePoll('fixture-submitted'),
      results: singleResults('fixture-submitted'),
      ballot: receiptWith({ ...singleResults('fixture-submitted'), ballots: 234, options: [{ id: 'piste-separee', count: 129 }, { id: 'bande-peinte', count: 64 }, { id: 'non', count: 41 }] }),
    },
  }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, 'input[value="piste-separee"]'));
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await inWidget(canvasElement, '[part~="results"]');
    // Focus moves to the live message (inside the shadow root: document.activeElement is the host).
    const status = await inWidget(canvasElement, '#status');
    await waitFor(() => expect((status.getRootNode() as ShadowRoot).activeElement).toBe(status));
  },
};

/** This device voted before: "already voted", its choice marked in the results. */
export const AlreadyVoted: Story = {
  name: 'States/AlreadyVoted',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-already-voted' },
  beforeEach: voteFixtures({
    'fixture-already-voted': {
      definition: singlePoll('fixture-already-voted'),
      results: singleResults('fixture-already-voted'),
      device: { voted: votedRecord(['bande-peinte']) },
    },
  }),
};

/** Voted on a poll whose results are published after closing (the server answers 403 results_hidden). */
export const ResultsHidden: Story = {
  name: 'States/ResultsHidden',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-results-hidden' },
  beforeEach: voteFixtures({
    'fixture-results-hidden': {
      definition: singlePoll('fixture-results-hidden', { resultsVisibility: 'after-close' }),
      results: httpError(403, 'results_hidden', 'Results are shown after the vote closes.'),
      device: { voted: votedRecord(['piste-separee']) },
    },
  }),
};

/* ------------------------------------------------------------------ theming */

const themeFixtures = voteFixtures({
  'fixture-theme-form': { definition: singlePoll('fixture-theme-form'), results: singleResults('fixture-theme-form') },
  'fixture-theme-results': {
    definition: multiplePoll('fixture-theme-results'),
    results: multipleResults('fixture-theme-results'),
    device: { voted: votedRecord(['feu-artifice', 'cinema-plein-air']) },
  },
});

/** The form and the results side by side (tokens and parts come from the controls, see withTheming). */
function renderPair(args: VoteArgs): TemplateResult {
  return html`<div style="display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fit,minmax(min(18rem,100%),1fr));align-items:start">
    ${vote(args, { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-theme-form' })}
    ${vote(args, { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-theme-results' })}
  </div>`;
}

/** One of stories/themes/*.css on this story only, with the page colours it is meant for. */
function renderWithTheme(name: ThemeName) {
  return (args: VoteArgs, { id }: StoryContext): TemplateResult => {
    const theme = THEMES[name];
    const scope = `[data-theme-scope='${id}']`;
    return html`<style .textContent=${scopeTheme(theme.css, scope)}></style>
      <div data-theme-scope=${id} style=${styleMap({ padding: '1.5rem', background: theme.page.background ?? '', color: theme.page.color ?? '' })}>${renderPair(args)}</div>`;
  };
}

/** Tokens and parts as controls (the *Tokens* and *Parts* groups): a town's own colours, rounder corners, its font. */
export const Theming: Story = {
  render: renderPair,
  beforeEach: themeFixtures,
  args: {
    '--civic-color-primary': '#0f766e',
    '--civic-color-surface-alt': '#ecfdf5',
    '--civic-vote-bar-color': '#14b8a6',
    '--civic-vote-track-color': '#d1fae5',
    '--civic-radius': '0.75rem',
    '--civic-font-family': "'Trebuchet MS', 'Segoe UI', system-ui, sans-serif",
    '--civic-focus-ring': '3px solid #f59e0b',
    'submit-button': 'text-transform: uppercase; letter-spacing: 0.04em; padding-inline: 2rem;',
    base: 'box-shadow: 0 1px 2px rgb(0 0 0 / 0.06), 0 4px 16px rgb(15 118 110 / 0.12); border-color: #99f6e4;',
  },
};

/** stories/themes/dark.css on a dark page. The controls still apply on top of it. */
export const ThemeDark: Story = {
  name: 'Theming/Dark',
  render: renderWithTheme('dark'),
  beforeEach: themeFixtures,
};

/** stories/themes/dsfr.css: close to the French state design system (DSFR). */
export const ThemeDsfr: Story = {
  name: 'Theming/DSFR',
  render: renderWithTheme('dsfr'),
  beforeEach: themeFixtures,
};

/* ------------------------------------------------------------------ fixtures: ranked, budget, codes, eligibility (issue 5) */

/** Ranked voting: add options in order of preference, move them with the buttons or the arrow keys; each move is announced. */
export const Ranked: Story = {
  name: 'Ranked',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-ranked' },
  beforeEach: voteFixtures({ 'fixture-ranked': { definition: rankedVote('fixture-ranked'), results: rankedResults('fixture-ranked') } }),
  play: async ({ canvasElement }) => {
    (await inWidget(canvasElement, '.unranked [data-id="parc"]')).click();
    (await inWidget(canvasElement, '.unranked [data-id="velo"]')).click();
    (await inWidget(canvasElement, '.rank-item[data-id="velo"] .up')).click();
    const live = await inWidget(canvasElement, '#form-live');
    await waitFor(() => expect(live.textContent).toContain('position 1'));
  },
};

/** Ranked results: instant-runoff rounds and Borda scores, each explained in plain words; ballots by origin. */
export const RankedResults: Story = {
  name: 'Ranked results',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-ranked-results' },
  beforeEach: voteFixtures({
    'fixture-ranked-results': {
      definition: rankedVote('fixture-ranked-results'),
      results: rankedResults('fixture-ranked-results'),
      device: { voted: votedRecord(['velo', 'parc', 'halle']) },
    },
  }),
};

/** A participatory budget: cards, filters, a running total that never exceeds the budget. */
export const Budget: Story = {
  name: 'Budget',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-budget' },
  beforeEach: voteFixtures({ 'fixture-budget': { definition: budgetVote('fixture-budget'), results: budgetResults('fixture-budget') } }),
  play: async ({ canvasElement }) => {
    (await inWidget(canvasElement, '.project[data-id="kiosque"] .toggle')).click();
    (await inWidget(canvasElement, '.project[data-id="arbres"] .toggle')).click();
    // 20 000 € left: the garden (45 000 €) does not fit, and says why.
    await inWidget(canvasElement, '#why-jardin');
  },
};

/** The review step: chosen projects and the total, then confirm or change. */
export const BudgetReview: Story = {
  name: 'Budget review',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-budget-review' },
  beforeEach: voteFixtures({ 'fixture-budget-review': { definition: budgetVote('fixture-budget-review'), results: budgetResults('fixture-budget-review') } }),
  play: async ({ canvasElement }) => {
    (await inWidget(canvasElement, '.project[data-id="jardin"] .toggle')).click();
    (await inWidget(canvasElement, '.project[data-id="arbres"] .toggle')).click();
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await inWidget(canvasElement, '#review-title');
  },
};

/** Budget results: projects funded by the most-votes rule and by equal shares, explained; votes per project. */
export const BudgetResults: Story = {
  name: 'Budget results',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-budget-results' },
  beforeEach: voteFixtures({
    'fixture-budget-results': {
      definition: budgetVote('fixture-budget-results'),
      results: budgetResults('fixture-budget-results'),
      device: { voted: votedRecord(['arbres', 'jardin', 'boite-livres']) },
    },
  }),
};

/** A private space: the invitation code field; the server's refusal shows next to it. */
export const Codes: Story = {
  name: 'Invitation codes',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-codes' },
  beforeEach: voteFixtures({
    'fixture-codes': {
      definition: codesVote('fixture-codes'),
      ballot: { fixture: 'http-error', status: 400, body: { error: { code: 'validation', message: 'invalid code', fields: [{ path: ['code'], code: 'invalid_code', message: 'this invitation code is not valid for this vote' }] } } },
    },
  }),
};

/** Eligibility questions before the options; the answers are required. */
export const Eligibility: Story = {
  name: 'Eligibility questions',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-eligibility' },
  beforeEach: voteFixtures({ 'fixture-eligibility': { definition: eligibilityVote('fixture-eligibility'), results: singleResults('fixture-eligibility') } }),
};
