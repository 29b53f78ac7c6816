import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { FIXTURE_ENDPOINT, NETWORK_ERROR, NEVER, deviceCopy, httpError, petitionFixtures } from './support/fixture-backend.js';
import { RESPONSE, count, postOffice, signedRecord, standardSignature, withProfile } from './support/petition-fixtures.js';
import { LIVE_ENDPOINT, liveDecorator, liveLoader } from './support/live.js';
import { inShadow } from './support/in-widget.js';
import { argTypesFor, withTheming, manifestAttributes } from './support/arg-types.js';

type Handler = (event: Event) => void;

/** Attributes as a webmaster writes them, and the manifest's event actions. */
type PetitionArgs = {
  endpoint?: string;
  'petition-id'?: string;
  lang?: string;
  'heading-level'?: number;
  'refresh-interval'?: number;
  onCivicLoad?: Handler;
  onCivicSubmit?: Handler;
  onCivicSubmitted?: Handler;
  onCivicQueued?: Handler;
  onCivicSynced?: Handler;
  onCivicInvalid?: Handler;
  onCivicError?: Handler;
};

/** One `<civic-petition>` exactly as a webmaster would write it; events go to the Actions panel. */
function petition(a: PetitionArgs): TemplateResult {
  return html`<civic-petition
    ${manifestAttributes(a)}
    lang=${ifDefined(a.lang || undefined)}
    @civic-load=${ifDefined(a.onCivicLoad)}
    @civic-submit=${ifDefined(a.onCivicSubmit)}
    @civic-submitted=${ifDefined(a.onCivicSubmitted)}
    @civic-queued=${ifDefined(a.onCivicQueued)}
    @civic-synced=${ifDefined(a.onCivicSynced)}
    @civic-invalid=${ifDefined(a.onCivicInvalid)}
    @civic-error=${ifDefined(a.onCivicError)}
  ></civic-petition>`;
}

const meta = {
  title: 'Widgets/Petition',
  component: 'civic-petition',
  tags: ['autodocs'],
  render: (args) => petition(args),
  args: { endpoint: LIVE_ENDPOINT, 'petition-id': 'bureau-de-poste', lang: 'fr', 'heading-level': 2 },
  argTypes: { ...argTypesFor('civic-petition') },
  decorators: [withTheming('civic-petition')],
  parameters: {
    docs: {
      description: {
        component:
          'A petition with double opt-in. *Playground* talks to the live reference backend that `npm run storybook` mounts at `/api` ' +
          '(confirmation mails are shown on its `/api/dev/mails` page); the other stories run on Storybook-only fixtures ' +
          '(`https://fixtures.civic.invalid/api`) so that each state holds still.',
      },
    },
  },
} satisfies Meta<PetitionArgs>;

export default meta;
type Story = StoryObj<PetitionArgs>;

/** An element of the widget's shadow root, once it is rendered. */
const inWidget = <T extends Element = HTMLElement>(canvas: HTMLElement, selector: string, nth = 0): Promise<T> => inShadow<T>('civic-petition', canvas, selector, nth);

/** Fills the standard profile's fields. */
async function fillStandard(canvas: HTMLElement): Promise<void> {
  const s = standardSignature();
  for (const f of ['firstName', 'lastName', 'email', 'postcode', 'town'] as const) await userEvent.type(await inWidget<HTMLInputElement>(canvas, `#f-${f}`), s[f]!);
}

const fixture = (id: string) => ({ endpoint: FIXTURE_ENDPOINT, 'petition-id': id });

/* ------------------------------------------------------------------ live */

/** Every attribute as a control, against the live backend (`bureau-de-poste`). */
export const Playground: Story = { loaders: [liveLoader], decorators: [liveDecorator] };

/* ------------------------------------------------------------------ fixtures: open, by profile */

/** Minimal profile: a name or pseudonym and an e-mail address. */
export const OpenMinimal: Story = {
  name: 'Open/Minimal',
  args: fixture('fixture-minimal'),
  beforeEach: petitionFixtures({ 'fixture-minimal': { definition: withProfile('fixture-minimal', 'minimal') } }),
};

/** Standard profile: first name, last name, e-mail, postcode, town, and how the name appears publicly. */
export const OpenStandard: Story = {
  name: 'Open/Standard',
  args: fixture('fixture-standard'),
  beforeEach: petitionFixtures({ 'fixture-standard': { definition: withProfile('fixture-standard', 'standard') } }),
};

/** Formal local petition (CGCT L.1112-16): elector of the commune, full address, a declaration. */
export const OpenFormal: Story = {
  name: 'Open/Formal',
  args: fixture('fixture-formal'),
  beforeEach: petitionFixtures({ 'fixture-formal': { definition: withProfile('fixture-formal', 'formal') } }),
};

/* ------------------------------------------------------------------ fixtures: states */

/** The goal is reached while the petition is still open. */
export const GoalReached: Story = {
  name: 'States/GoalReached',
  args: fixture('fixture-goal'),
  beforeEach: petitionFixtures({ 'fixture-goal': { definition: postOffice('fixture-goal', { count: count(468, 61) }) } }),
};

/** Closed: the count stays, the form goes. */
export const Closed: Story = {
  name: 'States/Closed',
  args: fixture('fixture-closed'),
  beforeEach: petitionFixtures({ 'fixture-closed': { definition: postOffice('fixture-closed', { phase: 'closed', closesAt: '2026-04-30T22:00:00+02:00' }) } }),
};

/** Closed and answered: the organiser's official response in the widget. */
export const Answered: Story = {
  name: 'States/Answered',
  args: fixture('fixture-answered'),
  beforeEach: petitionFixtures({
    'fixture-answered': { definition: postOffice('fixture-answered', { phase: 'closed', closesAt: '2026-04-30T22:00:00+02:00', count: count(548, 64), response: RESPONSE }) },
  }),
};

/** Signing with nothing filled in: the error summary, focused, lists every field. */
export const ValidationError: Story = {
  name: 'States/ValidationError',
  args: fixture('fixture-validation'),
  beforeEach: petitionFixtures({ 'fixture-validation': { definition: postOffice('fixture-validation') } }),
  play: async ({ canvasElement }) => {
    await userEvent.type(await inWidget(canvasElement, '#f-email'), 'camille@');
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    const summary = await inWidget(canvasElement, '#error-summary');
    await waitFor(() => expect((summary.getRootNode() as ShadowRoot).activeElement).toBe(summary));
    await expect(await inWidget(canvasElement, '#f-email')).toHaveAttribute('aria-invalid', 'true');
  },
};

/** Just signed: "check your mailbox to confirm" (the play function signs). */
export const CheckYourMailbox: Story = {
  name: 'States/CheckYourMailbox',
  args: fixture('fixture-mailbox'),
  beforeEach: petitionFixtures({ 'fixture-mailbox': { definition: postOffice('fixture-mailbox') } }),
  play: async ({ canvasElement }) => {
    await fillStandard(canvasElement);
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    const status = await inWidget(canvasElement, '#status');
    await waitFor(() => expect(status.textContent).toContain('camille.martin@example.org'));
  },
};

/** Back from the e-mail link: counted, with copy-link and the browser's own share. */
export const Confirmed: Story = {
  name: 'States/Confirmed',
  args: fixture('fixture-confirmed'),
  beforeEach: petitionFixtures({
    'fixture-confirmed': { definition: postOffice('fixture-confirmed', { count: count(272, 41) }), device: { signed: signedRecord('confirmed') } },
  }),
};

/** No connection when the resident signed: the signature is kept on the device. */
export const OfflineQueued: Story = {
  name: 'States/OfflineQueued',
  args: fixture('fixture-queued'),
  beforeEach: petitionFixtures({ 'fixture-queued': { definition: postOffice('fixture-queued'), signature: NETWORK_ERROR, device: { queued: standardSignature() } } }),
};

/** Too many signatures from this network: a clear message; the signature waits on the device. */
export const RateLimited: Story = {
  name: 'States/RateLimited',
  args: fixture('fixture-rate-limited'),
  beforeEach: petitionFixtures({
    'fixture-rate-limited': {
      definition: postOffice('fixture-rate-limited'),
      signature: httpError(429, 'rate_limited', 'Too many signatures from this network.', { 'Retry-After': '120' }),
    },
  }),
  play: async ({ canvasElement }) => {
    await fillStandard(canvasElement);
    await userEvent.click(await inWidget(canvasElement, '[part~="submit-button"]'));
    await inWidget(canvasElement, '#status .warning');
  },
};

/** The server knows no such petition: a message for the webmaster, no retry. */
export const UnknownId: Story = {
  name: 'States/UnknownId',
  args: fixture('fixture-unknown'),
  beforeEach: petitionFixtures({ 'fixture-unknown': { definition: httpError(404, 'not_found', 'No petition with id "fixture-unknown".') } }),
};

/** The server cannot be reached (network down, wrong host, CORS): a retry button. */
export const Unreachable: Story = {
  name: 'States/Unreachable',
  args: fixture('fixture-unreachable'),
  beforeEach: petitionFixtures({ 'fixture-unreachable': { definition: NETWORK_ERROR } }),
};

/** The server cannot be reached, but this device kept the petition from an earlier visit: the form, with a note. */
export const OfflineCopy: Story = {
  name: 'States/OfflineCopy',
  args: fixture('fixture-offline-copy'),
  beforeEach: [petitionFixtures({ 'fixture-offline-copy': { definition: NETWORK_ERROR } }), deviceCopy('petition', 'fixture-offline-copy', postOffice('fixture-offline-copy'))],
};

/** Not open yet: the count and the text, the opening date, no form. */
export const Scheduled: Story = {
  name: 'States/Scheduled',
  args: fixture('fixture-scheduled'),
  beforeEach: petitionFixtures({
    'fixture-scheduled': { definition: postOffice('fixture-scheduled', { phase: 'scheduled', opensAt: '2026-06-01T08:00:00+02:00', count: count(0, 0) }) },
  }),
};

/** The signature is on its way (the server never answers here). */
export const Submitting: Story = {
  name: 'States/Submitting',
  args: fixture('fixture-submitting'),
  beforeEach: petitionFixtures({ 'fixture-submitting': { definition: postOffice('fixture-submitting'), signature: NEVER } }),
  play: async ({ canvasElement }) => {
    await fillStandard(canvasElement);
    const button = await inWidget(canvasElement, '[part~="submit-button"]');
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute('aria-disabled', 'true'));
  },
};

/** Signed from this device earlier, the e-mail link not yet followed: "check your mailbox", sign again. */
export const PendingFromEarlierVisit: Story = {
  name: 'States/PendingFromEarlierVisit',
  args: fixture('fixture-pending'),
  beforeEach: petitionFixtures({ 'fixture-pending': { definition: postOffice('fixture-pending'), device: { signed: signedRecord('pending') } } }),
};

/** No `endpoint` and no `<civic-config>`: the widget tells the webmaster what to add. */
export const MissingEndpoint: Story = {
  name: 'States/MissingEndpoint',
  args: { endpoint: '', 'petition-id': 'bureau-de-poste' },
};

/** No `petition-id`. */
export const MissingPetitionId: Story = {
  name: 'States/MissingPetitionId',
  args: { endpoint: FIXTURE_ENDPOINT, 'petition-id': '' },
};

/** The definition never arrives. */
export const Loading: Story = {
  name: 'States/Loading',
  args: fixture('fixture-loading'),
  beforeEach: petitionFixtures({ 'fixture-loading': { definition: NEVER } }),
};
