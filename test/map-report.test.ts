import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../src/define.js';
import type { CivicMapReport } from '../src/components/map-report/map-report.js';
import type { MapReportDefinitionInput } from '../src/api/schemas.js';
import { $, $$, backend, backendDown, backendUp, clearDeviceStorage, putContent, setOffline, sql, textOf, uniqueId, until } from './support/helpers.js';

/* ------------------------------------------------------------------ content and mounting */

const TILES = '/demo/tiles/{z}/{x}/{y}.svg';
let demo: MapReportDefinitionInput | undefined;

/** The demo's reporting space (demo/content/map-reports/saint-aubin.json) under a fresh id. */
async function createSpace(overrides: Partial<MapReportDefinitionInput> = {}): Promise<string> {
  if (!demo) {
    const { kind: _kind, ...def } = (await (await fetch('/demo/content/map-reports/saint-aubin.json')).json()) as MapReportDefinitionInput & { kind: string };
    demo = def;
  }
  return putContent('map-reports', { ...demo, id: uniqueId('space'), ...overrides });
}

interface MountOptions {
  lang?: string;
  mode?: 'report' | 'list';
  geocoder?: string;
  tiles?: string | null;
}

async function mount(id: string, o: MountOptions = {}): Promise<CivicMapReport> {
  const { url } = await backend();
  const tiles = o.tiles === undefined ? TILES : (o.tiles ?? undefined);
  const el = await fixture<CivicMapReport>(html`<civic-map-report
    endpoint=${url}
    report-id=${id}
    lang=${o.lang ?? 'en'}
    mode=${o.mode ?? 'report'}
    tile-url=${tiles ?? ''}
    tile-max-zoom="16"
    geocoder=${o.geocoder ?? ''}
  ></civic-map-report>`);
  await until(() => !!el.shadowRoot?.querySelector('form, [role=alert], .reports, .message'), 'the widget to load');
  await el.updateComplete;
  // A resident takes more than the minimum form-fill time.
  (el as unknown as { shownAt: number }).shownAt = performance.now() - 10_000;
  return el;
}

/** Waits until Leaflet is on the page with its tiles loaded. */
async function mapReady(el: CivicMapReport, tiles = true): Promise<HTMLElement> {
  await until(() => !!$(el, '#map.leaflet-container'), 'the map chunk');
  if (tiles) await until(() => $$(el, '#map img.leaflet-tile-loaded').length >= 4, 'the local tiles');
  return $(el, '#map')!;
}

async function type(el: CivicMapReport, selector: string, value: string): Promise<void> {
  const input = $(el, selector) as HTMLInputElement | HTMLTextAreaElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  input.dispatchEvent(new Event('blur'));
  await el.updateComplete;
}

async function click(el: CivicMapReport, selector: string): Promise<void> {
  const target = $(el, selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  target.click();
  await el.updateComplete;
}

async function chooseService(el: CivicMapReport, code: string): Promise<void> {
  await click(el, `#f-service-${code}`);
}

/** A real click in the middle of an element (through the browser, not a synthetic event). */
async function clickAt(target: Element, dx = 0, dy = 0): Promise<void> {
  const r = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2 + dx), Math.round(r.top + r.height / 2 + dy)] });
}

interface StoredReport {
  submission_id: string;
  number: string;
  service_code: string;
  status: string;
  lat: number | null;
  long: number | null;
  address_string: string | null;
  description: string;
  media_ids: string[];
  supports: number;
  listed: boolean;
}

async function stored(spaceId: string): Promise<StoredReport[]> {
  return sql<StoredReport>(`select submission_id, number::text as number, service_code, status, lat, long, address_string, description, media_ids, supports, listed from map_reports where space_id = $1 order by number`, [spaceId]);
}

async function storedPayload(submissionId: string): Promise<Record<string, unknown>> {
  const rows = await sql<{ payload: Record<string, unknown> }>(`select payload from submissions where id = $1`, [submissionId]);
  return rows[0]?.payload ?? {};
}

/** Fills what every report needs but the location. */
async function fillBasics(el: CivicMapReport, description = 'The light in front of the school is out since Monday.'): Promise<void> {
  await chooseService(el, 'lampadaire');
  await click(el, 'input[name="f-attr-panne"][value="eteint"]');
  await type(el, '#f-description', description);
}

async function submit(el: CivicMapReport): Promise<void> {
  await click(el, '[part~="submit-button"]');
}

/** Submits and waits for the receipt; goes through the "is it one of these?" step if it shows. */
async function submitAndWait(el: CivicMapReport): Promise<void> {
  setTimeout(() => void submit(el));
  await oneEvent(el, 'civic-submitted');
  await el.updateComplete;
}

/* ------------------------------------------------------------------ tests */

describe('<civic-map-report>: reporting', () => {
  beforeEach(async () => {
    await clearDeviceStorage();
    await backendUp();
    await setOffline(false);
  });

  it('shows grouped categories with their descriptions, the location ways and the local map; accessible while the map loads and once it is there', async () => {
    const id = await createSpace();
    const el = await mount(id);
    await expect(el).to.be.accessible();
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Report a problem in town');
    const groups = $$(el, 'fieldset.group legend').map((l) => l.textContent?.trim());
    expect(groups).to.deep.equal(['Roads', 'Street lighting', 'Cleanliness', 'Parks and green spaces']);
    const pothole = $(el, '#f-service-nid-de-poule') as HTMLInputElement;
    expect(pothole.getAttribute('aria-describedby')).to.equal('desc-nid-de-poule');
    expect(textOf(el.shadowRoot, '#desc-nid-de-poule')).to.equal('A hole, crack or sunken patch in the road.');
    // The form works before the map: the landmark list and the address field are there.
    expect($$(el, '#f-landmark option').length).to.equal(7);
    expect($(el, '#f-address')!.getAttribute('role')).to.equal(null); // no geocoder configured: a plain field
    const map = await mapReady(el);
    expect(map.getAttribute('role')).to.equal('application');
    expect(map.getAttribute('tabindex')).to.equal('0');
    const tile = $(el, '#map img.leaflet-tile') as HTMLImageElement;
    expect(new URL(tile.src).pathname).to.match(/^\/demo\/tiles\/1[3-6]\/\d+\/\d+\.svg$/);
    expect(tile.alt).to.equal('');
    expect(textOf(el.shadowRoot, '.leaflet-control-attribution')).to.contain('Leaflet');
    await expect(el).to.be.accessible();
  });

  it('asks the category’s own questions: information text, single and multiple choice, number, date, text', async () => {
    const id = await createSpace();
    const el = await mount(id);
    await chooseService(el, 'nid-de-poule');
    expect(textOf(el.shadowRoot, '.message.info')).to.contain('If the hole endangers traffic');
    expect($$(el, 'input[name="f-attr-taille"][type=radio]').length).to.equal(3);
    expect($$(el, 'input[name="f-attr-gene"][type=checkbox]').length).to.equal(4);
    expect(($(el, '#f-attr-profondeur') as HTMLInputElement).inputMode).to.equal('decimal');
    expect(($(el, '#f-attr-depuis') as HTMLInputElement).type).to.equal('date');
    expect($(el, '#f-attr-details')!.localName).to.equal('textarea');
    expect(textOf(el.shadowRoot, '#hint-attr-profondeur')).to.equal('In centimetres');
    await type(el, '#f-attr-profondeur', 'deep');
    expect(textOf(el.shadowRoot, '#err-attr-profondeur')).to.equal('Enter a number, for example 12.');
    await expect(el).to.be.accessible();
  });

  it('a failed submit lists every problem in a focused summary whose links reach the fields; nothing is sent', async () => {
    const id = await createSpace();
    const el = await mount(id);
    setTimeout(() => void submit(el));
    const invalid = await oneEvent(el, 'civic-invalid');
    expect(invalid.detail.fields.map((f: { path: string[] }) => f.path.join('.'))).to.deep.equal(['service_code', 'lat', 'description']);
    await until(() => el.shadowRoot!.activeElement?.id === 'error-summary', 'focus on the summary');
    expect(textOf(el.shadowRoot, '#error-summary')).to.contain('What is the problem?: Choose the kind of problem.');
    await expect(el).to.be.accessible();
    ($(el, '#error-summary a[href="#f-description"]') as HTMLAnchorElement).click();
    expect(el.shadowRoot!.activeElement?.id).to.equal('f-description');
    await chooseService(el, 'lampadaire');
    await submit(el);
    expect(textOf(el.shadowRoot, '#err-attr-panne')).to.equal('Choose an answer.');
    expect(await stored(id)).to.deep.equal([]);
  });
});
