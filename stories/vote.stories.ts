import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { ArgTypes, Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { FIXTURE_ENDPOINT, NETWORK_ERROR, NEVER, httpError, voteFixtures } from './support/fixture-backend.js';
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

/* ------------------------------------------------------------------ args and render */

type Handler = (event: Event) => void;

/** Attributes as a webmaster writes them, the manifest's event actions, and the theming knobs. */
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
  /** Theming stories: CSS for `civic-vote::part(submit-button)` and `::part(base)`. */
  submitButtonPart?: string;
  basePart?: string;
  /** Theming stories: the page behind the widgets, and its `color-scheme` (native radios and checkboxes follow it). */
  background?: string;
  colorScheme?: 'light' | 'dark' | '';
} & { [token: `--civic-${string}`]: unknown };

/** One `<civic-vote>` exactly as a webmaster would write it; events go to the Actions panel. */
function vote(args: VoteArgs, overrides: Partial<VoteArgs> = {}): TemplateResult {
  const a = { ...args, ...overrides };
  return html`<civic-vote
    endpoint=${ifDefined(a.endpoint || undefined)}
    vote-id=${ifDefined(a['vote-id'] || undefined)}
    heading-level=${ifDefined(a['heading-level'] ?? undefined)}
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
  argTypes: {
    endpoint: { control: 'text', table: { category: 'attributes' } },
    'vote-id': { control: 'text', table: { category: 'attributes' } },
    'heading-level': { control: { type: 'number', min: 1, max: 6, step: 1 }, table: { category: 'attributes' } },
    lang: {
      control: 'select',
      options: ['fr', 'en', 'ar', ''],
      description: 'Global HTML attribute. The widget speaks its own `lang`, else the closest `[lang]`, `<civic-config lang>`, `<html lang>`, French.',
      table: { category: 'attributes', type: { summary: 'string' } },
    },
    submitButtonPart: { table: { disable: true } },
    basePart: { table: { disable: true } },
    background: { table: { disable: true } },
    colorScheme: { table: { disable: true } },
  },
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

/** The server cannot be reached (network down, wrong host, CORS): a retry button. */
export const Unreachable: Story = {
  name: 'States/Unreachable',
  args: { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-unreachable' },
  beforeEach: voteFixtures({ 'fixture-unreachable': { definition: NETWORK_ERROR } }),
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

/** Every public token (from the class JSDoc `@cssproperty`), in the order of the manifest. */
const TOKENS = [
  '--civic-color-primary',
  '--civic-color-on-primary',
  '--civic-color-text',
  '--civic-color-muted',
  '--civic-color-surface',
  '--civic-color-surface-alt',
  '--civic-color-border',
  '--civic-color-danger',
  '--civic-color-success',
  '--civic-vote-bar-color',
  '--civic-vote-track-color',
  '--civic-font-family',
  '--civic-font-size',
  '--civic-radius',
  '--civic-space-s',
  '--civic-space-m',
  '--civic-space-l',
  '--civic-focus-ring',
  '--civic-target-size',
] as const;

const themingArgTypes: Partial<ArgTypes<VoteArgs>> = {
  ...Object.fromEntries(
    TOKENS.map((t) => [t, { control: /color/.test(t) ? 'color' : 'text', table: { category: 'css custom properties' } }]),
  ),
  submitButtonPart: { name: '::part(submit-button)', control: 'text', description: 'CSS applied to `civic-vote::part(submit-button)`.', table: { disable: false, category: 'css shadow parts' } },
  basePart: { name: '::part(base)', control: 'text', description: 'CSS applied to `civic-vote::part(base)`.', table: { disable: false, category: 'css shadow parts' } },
  background: { control: 'color', description: 'The host page behind the widgets (not a widget token).', table: { disable: false, category: 'page' } },
  colorScheme: {
    name: 'color-scheme',
    control: 'inline-radio',
    options: ['', 'light', 'dark'],
    description: 'The host page’s `color-scheme`: inherited into the widgets, it themes native radio buttons and checkboxes.',
    table: { disable: false, category: 'page' },
  },
  'vote-id': { table: { disable: true } },
  endpoint: { table: { disable: true } },
};

const themeFixtures = voteFixtures({
  'fixture-theme-form': { definition: singlePoll('fixture-theme-form'), results: singleResults('fixture-theme-form') },
  'fixture-theme-results': {
    definition: multiplePoll('fixture-theme-results'),
    results: multipleResults('fixture-theme-results'),
    device: { voted: votedRecord(['feu-artifice', 'cinema-plein-air']) },
  },
});

/** The form and the results side by side, themed with tokens on a wrapper and `::part()` rules in a `<style>`. */
function renderThemed(args: VoteArgs, { id }: StoryContext): TemplateResult {
  const tokens = Object.fromEntries(Object.entries(args).filter(([k, v]) => k.startsWith('--civic-') && typeof v === 'string' && v.trim())) as Record<string, string>;
  const scope = `[data-theme-demo='${id}']`;
  const css = [
    args.submitButtonPart ? `${scope} civic-vote::part(submit-button) { ${args.submitButtonPart} }` : '',
    args.basePart ? `${scope} civic-vote::part(base) { ${args.basePart} }` : '',
  ].join('\n');
  const page = {
    ...(args.background ? { background: args.background, padding: '1.5rem' } : {}),
    ...(args.colorScheme ? { colorScheme: args.colorScheme } : {}),
  };
  return html`<style .textContent=${css}></style>
    <div data-theme-demo=${id} style=${styleMap({ ...tokens, ...page, display: 'grid', gap: '1.5rem', gridTemplateColumns: 'repeat(auto-fit, minmax(18rem, 1fr))', alignItems: 'start' })}>
      ${vote(args, { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-theme-form' })}
      ${vote(args, { endpoint: FIXTURE_ENDPOINT, 'vote-id': 'fixture-theme-results' })}
    </div>`;
}

/** Tokens and parts as controls: a town's own colours, rounder corners, its font. */
export const Theming: Story = {
  render: renderThemed,
  beforeEach: themeFixtures,
  argTypes: themingArgTypes,
  args: {
    '--civic-color-primary': '#0f766e',
    '--civic-color-surface-alt': '#ecfdf5',
    '--civic-vote-bar-color': '#14b8a6',
    '--civic-vote-track-color': '#d1fae5',
    '--civic-radius': '0.75rem',
    '--civic-font-family': "'Trebuchet MS', 'Segoe UI', system-ui, sans-serif",
    '--civic-focus-ring': '3px solid #f59e0b',
    submitButtonPart: 'text-transform: uppercase; letter-spacing: 0.04em; padding-inline: 2rem;',
    basePart: 'box-shadow: 0 1px 2px rgb(0 0 0 / 0.06), 0 4px 16px rgb(15 118 110 / 0.12); border-color: #99f6e4;',
  },
};

/** A dark theme: every colour token set, the page dark too, with `color-scheme: dark` for the native radio buttons. */
export const ThemeDark: Story = {
  name: 'Theming/Dark',
  render: renderThemed,
  beforeEach: themeFixtures,
  argTypes: themingArgTypes,
  parameters: { backgrounds: { disable: true } },
  args: {
    background: '#0b1220',
    colorScheme: 'dark',
    '--civic-color-primary': '#93c5fd',
    '--civic-color-on-primary': '#0b1220',
    '--civic-color-text': '#e5e7eb',
    '--civic-color-muted': '#a1a1aa',
    '--civic-color-surface': '#111827',
    '--civic-color-surface-alt': '#1f2937',
    '--civic-color-border': '#4b5563',
    '--civic-color-danger': '#fca5a5',
    '--civic-color-success': '#86efac',
    '--civic-vote-bar-color': '#60a5fa',
    '--civic-vote-track-color': '#374151',
    '--civic-focus-ring': '3px solid #fbbf24',
  },
};

/**
 * Close to the French state design system (DSFR): blue France #000091, square corners, Marianne
 * when the site has it (system fonts otherwise), DSFR focus ring.
 */
export const ThemeDsfr: Story = {
  name: 'Theming/DSFR',
  render: renderThemed,
  beforeEach: themeFixtures,
  argTypes: themingArgTypes,
  args: {
    '--civic-color-primary': '#000091',
    '--civic-color-on-primary': '#ffffff',
    '--civic-color-text': '#161616',
    '--civic-color-muted': '#666666',
    '--civic-color-surface': '#ffffff',
    '--civic-color-surface-alt': '#f6f6f6',
    '--civic-color-border': '#dddddd',
    '--civic-color-danger': '#ce0500',
    '--civic-color-success': '#18753c',
    '--civic-vote-bar-color': '#000091',
    '--civic-vote-track-color': '#e3e3fd',
    '--civic-font-family': "Marianne, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    '--civic-radius': '0',
    '--civic-focus-ring': '2px solid #0a76f6',
    submitButtonPart: 'font-weight: 500;',
    basePart: 'border-bottom: 3px solid #000091;',
  },
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
