import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { FIXTURE_ENDPOINT, NETWORK_ERROR, NEVER, deviceCopy, httpError } from './support/fixture-backend.js';
import { GEOCODER_URL, TILE_URL, mapReportFixtures, reports, space } from './support/map-report-fixtures.js';
import { LIVE_ENDPOINT, liveDecorator, liveLoader } from './support/live.js';
import { inShadow } from './support/in-widget.js';
import { argTypesFor, withTheming, manifestAttributes } from './support/arg-types.js';

type Handler = (event: Event) => void;

/** Attributes as a webmaster writes them, and the manifest's event actions. */
type MapReportArgs = {
  endpoint?: string;
  'report-id'?: string;
  mode?: 'report' | 'list';
  lang?: string;
  'heading-level'?: number;
  center?: string;
  zoom?: number;
  bounds?: string;
  'tile-url'?: string;
  'tile-attribution'?: string;
  'tile-max-zoom'?: number;
  geocoder?: string;
  onCivicLoad?: Handler;
  onCivicSubmit?: Handler;
  onCivicSubmitted?: Handler;
  onCivicQueued?: Handler;
  onCivicSynced?: Handler;
  onCivicInvalid?: Handler;
  onCivicError?: Handler;
};

/** One `<civic-map-report>` exactly as a webmaster would write it; events go to the Actions panel. */
function mapReport(a: MapReportArgs): TemplateResult {
  return html`<civic-map-report
    ${manifestAttributes(a)}
    lang=${ifDefined(a.lang || undefined)}
    @civic-load=${ifDefined(a.onCivicLoad)}
    @civic-submit=${ifDefined(a.onCivicSubmit)}
    @civic-submitted=${ifDefined(a.onCivicSubmitted)}
    @civic-queued=${ifDefined(a.onCivicQueued)}
    @civic-synced=${ifDefined(a.onCivicSynced)}
    @civic-invalid=${ifDefined(a.onCivicInvalid)}
    @civic-error=${ifDefined(a.onCivicError)}
  ></civic-map-report>`;
}

const TILES = { 'tile-url': TILE_URL, 'tile-max-zoom': 16, 'tile-attribution': 'Plan de démonstration de Saint-Aubin-sur-Loire' };

const meta = {
  title: 'Widgets/Map report',
  component: 'civic-map-report',
  tags: ['autodocs'],
  render: (args) => mapReport(args),
  args: { endpoint: LIVE_ENDPOINT, 'report-id': 'saint-aubin', mode: 'report', lang: 'fr', 'heading-level': 2, ...TILES },
  argTypes: { ...argTypesFor('civic-map-report'),
    zoom: { control: { type: 'number', min: 1, max: 20, step: 1 } },
    'tile-max-zoom': { control: { type: 'number', min: 1, max: 22, step: 1 } },
    'tile-url': { description: '`osm`, `ign-plan` or a URL template. The stories use the local tiles of demo/tiles.' },
    geocoder: { description: '`ban`, `nominatim`, a URL with `{query}`, or nothing (no address search, no third-party request).' } },
  decorators: [withTheming('civic-map-report')],
  parameters: {
    docs: {
      description: {
        component:
          'Street-problem reports: a category and its questions, where it is (map pin, my location, address, landmark: any one), photos ' +
          'resized on the device without their metadata, contact and e-mail updates, "is it one of these?" before sending. `mode="list"` ' +
          'shows the public reports on a clustered map and in a filtered list. *Playground* and *Live list* talk to the live reference ' +
          'backend; the other stories run on Storybook-only fixtures (`https://fixtures.civic.invalid/api`). Every map uses the local ' +
          'tiles of `demo/tiles`: no story asks a tile server on the internet.',
      },
    },
  },
} satisfies Meta<MapReportArgs>;

export default meta;
type Story = StoryObj<MapReportArgs>;

/** An element of the widget's shadow root, once it is rendered. */
const inWidget = <T extends Element = HTMLElement>(canvas: HTMLElement, selector: string, nth = 0): Promise<T> => inShadow<T>('civic-map-report', canvas, selector, nth);

const fixture = (id: string, extra: Partial<MapReportArgs> = {}) => ({ endpoint: FIXTURE_ENDPOINT, 'report-id': id, ...TILES, ...extra });

/** Category, question, landmark and description, as a resident would fill them. */
async function fill(canvas: HTMLElement): Promise<void> {
  await userEvent.click(await inWidget(canvas, '#f-service-lampadaire'));
  await userEvent.click(await inWidget(canvas, 'input[name="f-attr-panne"][value="eteint"]'));
  await userEvent.selectOptions(await inWidget<HTMLSelectElement>(canvas, '#f-landmark'), 'mairie');
  await userEvent.type(await inWidget(canvas, '#f-description'), 'Le lampadaire devant la mairie est éteint.');
  // The form-fill time a person takes (the server stores faster forms as robots).
  (canvas.querySelector('civic-map-report') as unknown as { shownAt: number }).shownAt = performance.now() - 10_000;
}

async function send(canvas: HTMLElement): Promise<void> {
  await userEvent.click(await inWidget(canvas, '[part~="submit-button"]'));
}

/* ------------------------------------------------------------------ live */

/** The demo space on the live reference backend: every attribute as a control. */
export const Playground: Story = { loaders: [liveLoader], decorators: [liveDecorator] };

/** The public list of the live backend's reports. */
export const LiveList: Story = { name: 'Live list', args: { mode: 'list' }, loaders: [liveLoader], decorators: [liveDecorator] };

/* ------------------------------------------------------------------ reporting */

/** The form as it first shows: grouped categories, the map (local tiles), the other ways to say where. */
export const Ready: Story = {
  name: 'Report/Ready',
  args: fixture('fixture-ready'),
  beforeEach: mapReportFixtures({ 'fixture-ready': { definition: space('fixture-ready') } }),
};

/** A category with its own questions: information text, single and multiple choice, number, date. */
export const CategoryQuestions: Story = {
  name: 'Report/CategoryQuestions',
  args: fixture('fixture-questions', { lang: 'en' }),
  beforeEach: mapReportFixtures({ 'fixture-questions': { definition: space('fixture-questions') } }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, '#f-service-nid-de-poule'));
    await inWidget(canvasElement, '#f-attr-profondeur');
  },
};

/** The pin dropped by the keyboard: focus the map, Enter, then arrows; the place in words below. */
export const PinByKeyboard: Story = {
  name: 'Report/PinByKeyboard',
  args: fixture('fixture-pin', { lang: 'en' }),
  beforeEach: mapReportFixtures({ 'fixture-pin': { definition: space('fixture-pin') } }),
  play: async ({ canvasElement }) => {
    const map = await inWidget(canvasElement, '#map.leaflet-container');
    map.focus();
    await userEvent.keyboard('{Enter}{ArrowRight}{ArrowRight}{ArrowUp}');
    await waitFor(async () => expect((await inWidget(canvasElement, '#place')).textContent).toContain('Pin placed'), { timeout: 3000 });
  },
};

/** Without `tile-url`: a plain background with the town's landmarks (no request to any tile server). */
export const PlainBackground: Story = {
  name: 'Report/PlainBackground',
  args: fixture('fixture-plain', { 'tile-url': '', 'tile-attribution': '' }),
  beforeEach: mapReportFixtures({ 'fixture-plain': { definition: space('fixture-plain') } }),
};

/** Address suggestions from a configured geocoder (a stand-in here), as a combobox. */
export const AddressSuggestions: Story = {
  name: 'Report/AddressSuggestions',
  args: fixture('fixture-address', { geocoder: GEOCODER_URL }),
  beforeEach: mapReportFixtures({ 'fixture-address': { definition: space('fixture-address') } }),
  play: async ({ canvasElement }) => {
    await userEvent.type(await inWidget(canvasElement, '#f-address'), 'rue des');
    await inWidget(canvasElement, '#suggestions:not([hidden]) [role=option]');
  },
};

/** "Send" with nothing filled in: the error summary, focused, links to each field. */
export const ErrorSummary: Story = {
  name: 'Report/ErrorSummary',
  args: fixture('fixture-errors'),
  beforeEach: mapReportFixtures({ 'fixture-errors': { definition: space('fixture-errors') } }),
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await inWidget(canvasElement, '#error-summary');
  },
};

/** The server refused the place (outside the town's bounds), shown at the location field. */
export const ServerRefused: Story = {
  name: 'Report/ServerRefused',
  args: fixture('fixture-refused'),
  beforeEach: mapReportFixtures({
    'fixture-refused': {
      definition: space('fixture-refused'),
      receipt: { fixture: 'http-error', status: 400, body: { error: { code: 'validation', message: 'Outside the bounds.', fields: [{ path: ['lat'], code: 'out_of_bounds', message: 'out of bounds' }] } } },
    },
  }),
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    await send(canvasElement);
    await inWidget(canvasElement, '#err-location');
  },
};

/** "Is it one of these?": open reports of the same category nearby, each with "add my support". */
export const Nearby: Story = {
  name: 'Report/Nearby',
  args: fixture('fixture-nearby'),
  beforeEach: mapReportFixtures({
    'fixture-nearby': {
      definition: space('fixture-nearby'),
      reports: [
        { ...reports(1)[0]!, service_code: 'lampadaire', status: 'acknowledged', lat: 47.3906, long: 0.9805, supports: 2, updates: [{ date: '2026-04-28T11:00:00+02:00', status: 'acknowledged', text: 'Transmis au SIEIL.' }] },
      ],
    },
  }),
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    await send(canvasElement);
    await inWidget(canvasElement, '#nearby-title');
  },
};

/** The resident supported an existing report instead of creating a duplicate. */
export const Supported: Story = {
  name: 'Report/Supported',
  args: fixture('fixture-supported'),
  beforeEach: mapReportFixtures({
    'fixture-supported': { definition: space('fixture-supported'), reports: [{ ...reports(1)[0]!, service_code: 'lampadaire', status: 'open', lat: 47.3905, long: 0.9803, supports: 3 }] },
  }),
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    await send(canvasElement);
    await userEvent.click(await inWidget(canvasElement, '.nearby .report button'));
    await waitFor(async () => expect((await inWidget(canvasElement, '#status')).textContent).toContain('soutien'));
  },
};

/** Sent, with e-mail updates asked: the number, and "open the link we sent you". */
export const Submitted: Story = {
  name: 'Report/Submitted',
  args: fixture('fixture-submitted'),
  beforeEach: mapReportFixtures({ 'fixture-submitted': { definition: space('fixture-submitted') } }),
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    await userEvent.type(await inWidget(canvasElement, '#f-email'), 'marie@example.fr');
    await userEvent.click(await inWidget(canvasElement, '#f-subscribe'));
    await send(canvasElement);
    await waitFor(async () => expect((await inWidget(canvasElement, '#status')).textContent).toContain('1043'));
  },
};

/** Sending takes a while (a slow connection). */
export const Submitting: Story = {
  name: 'Report/Submitting',
  args: fixture('fixture-submitting'),
  beforeEach: mapReportFixtures({ 'fixture-submitting': { definition: space('fixture-submitting'), receipt: NEVER } }),
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    await send(canvasElement);
    await waitFor(async () => expect((await inWidget(canvasElement, '[part~="submit-button"]')).getAttribute('aria-disabled')).toBe('true'));
  },
};

/** No connection when sending: the report and its photos are kept on the device. */
export const OfflineQueued: Story = {
  name: 'Report/OfflineQueued',
  args: fixture('fixture-queued'),
  beforeEach: mapReportFixtures({ 'fixture-queued': { definition: space('fixture-queued'), receipt: NETWORK_ERROR } }),
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    await send(canvasElement);
    await waitFor(async () => expect((await inWidget(canvasElement, '#status')).textContent).toContain('gardés sur cet appareil'));
  },
};

/** Back later: a report kept on this device from an earlier visit waits to be sent. */
export const QueuedFromEarlierVisit: Story = {
  name: 'Report/QueuedFromEarlierVisit',
  args: fixture('fixture-earlier', { lang: 'en' }),
  beforeEach: mapReportFixtures({
    'fixture-earlier': { definition: space('fixture-earlier'), receipt: NETWORK_ERROR, queued: { service_code: 'trottoir', landmark: 'ecole', description: 'Dalle descellée devant l’école.' } },
  }),
};

/** Too many reports from this network: kept on the device, sent after the wait. */
export const RateLimited: Story = {
  name: 'Report/RateLimited',
  args: fixture('fixture-rate'),
  beforeEach: mapReportFixtures({ 'fixture-rate': { definition: space('fixture-rate'), receipt: httpError(429, 'rate_limited', 'Too many requests.', { 'Retry-After': '120' }) } }),
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    await send(canvasElement);
    await waitFor(async () => expect((await inWidget(canvasElement, '#status')).textContent).toContain('2\u00a0minutes'));
  },
};

/** Reporting has closed. */
export const Closed: Story = {
  name: 'Report/Closed',
  args: fixture('fixture-closed'),
  beforeEach: mapReportFixtures({ 'fixture-closed': { definition: space('fixture-closed', { phase: 'closed', closesAt: '2026-03-31T23:59:00+02:00' }) } }),
};

/* ------------------------------------------------------------------ list mode */

/** The public reports: a clustered map and the list with statuses and the town's updates, filters. */
export const List: Story = {
  name: 'List/Reports',
  args: fixture('fixture-list', { mode: 'list' }),
  beforeEach: mapReportFixtures({ 'fixture-list': { definition: space('fixture-list'), reports: reports(60) } }),
};

/** 1,000 reports: the markers are clustered, the list shows 20 at a time. */
export const ThousandReports: Story = {
  name: 'List/ThousandReports',
  args: fixture('fixture-thousand', { mode: 'list', lang: 'en' }),
  beforeEach: mapReportFixtures({ 'fixture-thousand': { definition: space('fixture-thousand'), reports: reports(1000) } }),
};

/** A filter that matches nothing. */
export const ListEmpty: Story = {
  name: 'List/Empty',
  args: fixture('fixture-empty', { mode: 'list' }),
  beforeEach: mapReportFixtures({ 'fixture-empty': { definition: space('fixture-empty'), reports: [] } }),
};

/** The list cannot be loaded (no connection): a message and "try again". */
export const ListUnavailable: Story = {
  name: 'List/Unavailable',
  args: fixture('fixture-list-down', { mode: 'list' }),
  beforeEach: mapReportFixtures({ 'fixture-list-down': { definition: space('fixture-list-down'), list: NETWORK_ERROR } }),
};

/* ------------------------------------------------------------------ loading and errors */

export const Loading: Story = {
  name: 'States/Loading',
  args: fixture('fixture-loading'),
  beforeEach: mapReportFixtures({ 'fixture-loading': { definition: NEVER } }),
};

/** The server cannot be reached and nothing was kept on the device: a message and "try again". */
export const LoadError: Story = {
  name: 'States/LoadError',
  args: fixture('fixture-unreachable'),
  beforeEach: mapReportFixtures({ 'fixture-unreachable': { definition: NETWORK_ERROR } }),
};

/** A wrong `report-id`: the webmaster is told what to fix. */
export const UnknownId: Story = {
  name: 'States/UnknownId',
  args: fixture('no-such-space'),
  beforeEach: mapReportFixtures({}),
};

/** The server cannot be reached, but this device kept the definition from an earlier visit: shown with a note. */
export const OfflineCopy: Story = {
  name: 'States/OfflineCopy',
  args: fixture('fixture-offline-copy'),
  beforeEach: [mapReportFixtures({ 'fixture-offline-copy': { definition: NETWORK_ERROR } }), deviceCopy('map-report', 'fixture-offline-copy', space('fixture-offline-copy'))],
};

/** Not open yet: the opening date, no form. */
export const Scheduled: Story = {
  name: 'States/Scheduled',
  args: fixture('fixture-scheduled'),
  beforeEach: mapReportFixtures({ 'fixture-scheduled': { definition: space('fixture-scheduled', { phase: 'scheduled', opensAt: '2026-06-01T08:00:00+02:00' }) } }),
};

/** A wrong attribute (here `center`): the webmaster is told what to fix. */
export const ConfigError: Story = {
  name: 'States/ConfigError',
  args: fixture('fixture-config', { center: '47.39' }),
  beforeEach: mapReportFixtures({ 'fixture-config': { definition: space('fixture-config') } }),
};

/* ------------------------------------------------------------------ theming */

/** Only `--civic-*` custom properties and `::part()`. */
export const Theming: Story = {
  args: fixture('fixture-theme'),
  beforeEach: mapReportFixtures({ 'fixture-theme': { definition: space('fixture-theme') } }),
  render: (args) => html`<style>
      .themed {
        --civic-color-primary: #7c2d12;
        --civic-radius: 0;
        --civic-font-family: Georgia, serif;
        --civic-map-report-map-height: 14rem;
      }
      .themed::part(map) {
        border-color: #7c2d12;
      }
    </style>
    <div class="themed">${mapReport(args)}</div>`,
};
