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
  target.scrollIntoView({ block: 'center' });
  await new Promise((r) => requestAnimationFrame(r));
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

describe('<civic-map-report>: the four ways to say where', () => {
  beforeEach(async () => {
    await clearDeviceStorage();
    await backendUp();
    await setOffline(false);
  });

  it('map: a real click drops the pin, the live text says where, the report stores that point', async () => {
    const id = await createSpace();
    const el = await mount(id);
    const map = await mapReady(el);
    await fillBasics(el);
    await clickAt(map, 30, -20);
    await until(() => !!$(el, '.civic-pin'), 'the pin');
    expect(textOf(el.shadowRoot, '#place')).to.match(/^Pin placed — about \d+\u00a0m [a-z-]+ of [A-Z].+ — 47\.\d{5}, 0\.9\d{4}$/);
    expect($(el, '#place')!.getAttribute('role')).to.equal('status');
    await submitAndWait(el);
    const [r] = await stored(id);
    expect(r!.service_code).to.equal('lampadaire');
    expect(r!.lat).to.be.closeTo(47.39, 0.01);
    expect(r!.long).to.be.closeTo(0.98, 0.01);
    expect(textOf(el.shadowRoot, '#status')).to.equal(`Thank you! Your report no. ${r!.number} has been received.`);
    expect(el.shadowRoot!.activeElement?.id).to.equal('status');
    await expect(el).to.be.accessible();
  });

  it('map by keyboard: Enter drops the pin at the centre, arrows move it, + and - zoom, and the place is read out', async () => {
    const id = await createSpace();
    const el = await mount(id);
    const map = await mapReady(el);
    map.focus();
    expect(el.shadowRoot!.activeElement).to.equal(map);
    await sendKeys({ press: 'Enter' });
    await until(() => !!$(el, '.civic-pin'), 'the pin at the centre');
    const first = { ...(el as unknown as { where: { lat: number; long: number } }).where };
    expect(first.lat).to.be.closeTo(47.39, 0.0005);
    expect(first.long).to.be.closeTo(0.98, 0.0005);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    const moved = (el as unknown as { where: { lat: number; long: number } }).where;
    expect(moved.long).to.be.greaterThan(first.long);
    expect(moved.lat).to.be.lessThan(first.lat);
    await until(() => textOf(el.shadowRoot, '#place').startsWith('Pin placed'), 'the live text after a pause');
    const zoomBefore = Number(/\/(\d+)\/\d+\/\d+\.svg$/.exec(($(el, '#map img.leaflet-tile') as HTMLImageElement).src)?.[1]);
    await sendKeys({ press: '+' });
    await until(() => $$(el, '#map img.leaflet-tile').some((t) => (t as HTMLImageElement).src.includes(`/${zoomBefore + 1}/`)), 'tiles of the next zoom');
    await sendKeys({ press: '-' });
    expect(el.shadowRoot!.activeElement).to.equal(map);
    await expect(el).to.be.accessible();
  });

  it('my location: the browser’s geolocation (allowed) places the pin; refused, a clear message', async () => {
    const id = await createSpace();
    const el = await mount(id);
    await mapReady(el);
    await fillBasics(el);
    expect(await executeServerCommand('set-geolocation', { lat: 47.3911, long: 0.9825, accuracy: 12 })).to.equal(true);
    await click(el, '#locate');
    await until(() => textOf(el.shadowRoot, '#place').startsWith('Your position'), 'the position');
    expect(textOf(el.shadowRoot, '#place')).to.equal('Your position (to within about 12\u00a0m) — at Market square — 47.39110, 0.98250');
    await submitAndWait(el);
    const [r] = await stored(id);
    expect([r!.lat, r!.long]).to.deep.equal([47.3911, 0.9825]);

    const el2 = await mount(id);
    await executeServerCommand('set-geolocation', null);
    await click(el2, '#locate');
    await until(() => !!$(el2, '#geo-error'), 'the refusal message');
    expect(textOf(el2.shadowRoot, '#geo-error')).to.contain('does not allow this site to know your position');
    expect($(el2, '#geo-error')!.getAttribute('role')).to.equal('alert');
    await expect(el2).to.be.accessible();
  });

  it('address: suggestions from the configured geocoder (a stand-in), debounced, as a combobox; choosing one places the pin', async () => {
    await executeServerCommand('geocoder-places', [
      { label: '4 Rue des Écoles 37999 Saint-Aubin-sur-Loire', lat: 47.3921, long: 0.9768 },
      { label: '12 Rue des Écoles 37999 Saint-Aubin-sur-Loire', lat: 47.3936, long: 0.9787 },
      { label: '1 Rue des Écoles 75005 Paris', lat: 48.849, long: 2.35 },
    ]);
    const id = await createSpace();
    const el = await mount(id, { geocoder: '/test-geocoder/search?q={query}' });
    await fillBasics(el);
    const input = $(el, '#f-address') as HTMLInputElement;
    expect(input.getAttribute('role')).to.equal('combobox');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    input.focus();
    await sendKeys({ type: 'rue des é' }); // 9 key presses, quicker than the debounce
    await until(() => input.getAttribute('aria-expanded') === 'true', 'the suggestions');
    const asked = await executeServerCommand<string[], undefined>('geocoder-requests');
    expect(asked).to.deep.equal(['rue des é']); // one request, after the pause, none for the first keys
    // The Paris address is outside the town's bounds: left out.
    expect($$(el, '#suggestions [role=option]').map((o) => o.textContent?.trim())).to.deep.equal([
      '4 Rue des Écoles 37999 Saint-Aubin-sur-Loire',
      '12 Rue des Écoles 37999 Saint-Aubin-sur-Loire',
    ]);
    expect(textOf(el.shadowRoot, '.combobox [role=status]')).to.equal('2 addresses found. Use the up and down arrows to choose one.');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).to.equal('suggestion-1');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(input.value).to.equal('12 Rue des Écoles 37999 Saint-Aubin-sur-Loire');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(textOf(el.shadowRoot, '#place')).to.match(/^Address: 12 Rue des Écoles 37999 Saint-Aubin-sur-Loire — about \d+\u00a0m north-east of Jules-Ferry school — 47\.39360, 0\.97870$/);
    await submitAndWait(el);
    const [r] = await stored(id);
    expect([r!.lat, r!.long, r!.address_string]).to.deep.equal([47.3936, 0.9787, '12 Rue des Écoles 37999 Saint-Aubin-sur-Loire']);
  });

  it('address without a geocoder: no request to anyone, the text is sent as the address', async () => {
    const id = await createSpace();
    const el = await mount(id, { tiles: null });
    const before = performance.getEntriesByType('resource').length;
    await fillBasics(el);
    await type(el, '#f-address', 'Devant la boulangerie, place du Marché');
    await submitAndWait(el);
    const [r] = await stored(id);
    expect([r!.lat, r!.long, r!.address_string]).to.deep.equal([null, null, 'Devant la boulangerie, place du Marché']);
    const { url } = await backend();
    const foreign = performance
      .getEntriesByType('resource')
      .slice(before)
      .map((e) => new URL(e.name))
      .filter((u) => u.origin !== location.origin && u.origin !== new URL(url).origin);
    expect(foreign.map((u) => u.href)).to.deep.equal([]);
  });

  it('landmark: a place from the native list is enough; the server copies its position and address', async () => {
    const id = await createSpace();
    const el = await mount(id, { lang: 'fr' });
    await fillBasics(el, 'Le lampadaire devant la mairie est éteint.');
    const select = $(el, '#f-landmark') as HTMLSelectElement;
    select.value = 'mairie';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(textOf(el.shadowRoot, '#place')).to.equal('Lieu\u00a0: Mairie, 1 place de la Mairie, 37999 Saint-Aubin-sur-Loire');
    await submitAndWait(el);
    const [r] = await stored(id);
    expect([r!.lat, r!.long, r!.address_string]).to.deep.equal([47.3904, 0.9802, '1 place de la Mairie, 37999 Saint-Aubin-sur-Loire']);
    expect(textOf(el.shadowRoot, '#status')).to.equal(`Merci\u00a0! Votre signalement n°\u00a0${r!.number} est bien reçu.`);
  });

  it('e-mail updates: the checkbox needs an address; with one, the receipt says a confirmation link was mailed', async () => {
    const id = await createSpace();
    const el = await mount(id, { tiles: null });
    await fillBasics(el);
    await type(el, '#f-address', 'Rue des Écoles');
    await click(el, '#f-subscribe');
    await submit(el);
    await until(() => !!$(el, '#err-email'), 'the e-mail error');
    expect(textOf(el.shadowRoot, '#err-email')).to.equal('Enter your e-mail address to receive updates, or untick “Send me updates”.');
    const email = `${uniqueId('resident')}@example.org`;
    await type(el, '#f-email', email);
    await submitAndWait(el);
    expect(textOf(el.shadowRoot, '#status')).to.contain('To get e-mail updates, open the link we just sent you.');
    await until(async () => (await sql(`select 1 from dev_mails where recipient = $1`, [email])).length === 1, 'the confirmation mail');
    const [r] = await stored(id);
    const payload = await storedPayload(r!.submission_id);
    expect(payload.subscribe).to.equal(true);
  });

  it('refuses a pin outside the town’s bounds before sending', async () => {
    const id = await createSpace();
    const el = await mount(id);
    await fillBasics(el);
    await executeServerCommand('set-geolocation', { lat: 48.8566, long: 2.3522 });
    await click(el, '#locate');
    await until(() => textOf(el.shadowRoot, '#place').includes('outside'), 'the out-of-bounds text');
    await submit(el);
    await until(() => !!$(el, '#error-summary'), 'the summary');
    expect(textOf(el.shadowRoot, '#err-location')).to.contain('outside the area the town looks after');
    expect(await stored(id)).to.deep.equal([]);
  });
});

/* ------------------------------------------------------------------ photos */

/** A JPEG as a phone writes it: 2400 x 1800 px with an EXIF block holding GPS coordinates and a description. */
async function jpegWithGps(): Promise<File> {
  const canvas = new OffscreenCanvas(2400, 1800);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#4a7'; // a street, more or less
  ctx.fillRect(0, 0, 2400, 1800);
  ctx.fillStyle = '#222';
  ctx.fillRect(600, 900, 1200, 300);
  const jpeg = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
  // TIFF (little endian): IFD0 = ImageDescription + GPSInfo pointer; GPS IFD = N 47°23'24", E 0°58'48".
  const desc = 'SECRET-GPS-MARKER\0';
  const bytes: number[] = [];
  const u16 = (v: number) => bytes.push(v & 255, v >> 8);
  const u32 = (v: number) => bytes.push(v & 255, (v >> 8) & 255, (v >> 16) & 255, (v >>> 24) & 255);
  bytes.push(0x49, 0x49); u16(42); u32(8);
  const ifd0 = 8, ifd0Size = 2 + 2 * 12 + 4, descAt = ifd0 + ifd0Size, gpsAt = descAt + desc.length;
  u16(2);
  u16(0x010e); u16(2); u32(desc.length); u32(descAt);
  u16(0x8825); u16(4); u32(1); u32(gpsAt);
  u32(0);
  for (const c of desc) bytes.push(c.charCodeAt(0));
  const gpsSize = 2 + 4 * 12 + 4, rationals = gpsAt + gpsSize;
  u16(4);
  u16(1); u16(2); u32(2); bytes.push(78, 0, 0, 0); // GPSLatitudeRef "N"
  u16(2); u16(5); u32(3); u32(rationals); // GPSLatitude
  u16(3); u16(2); u32(2); bytes.push(69, 0, 0, 0); // GPSLongitudeRef "E"
  u16(4); u16(5); u32(3); u32(rationals + 24); // GPSLongitude
  u32(0);
  for (const [num, den] of [[47, 1], [23, 1], [24, 1], [0, 1], [58, 1], [48, 1]]) (u32(num!), u32(den!));
  const exif = [...'Exif\0\0'].map((c) => c.charCodeAt(0)).concat(bytes);
  const segment = [0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 255, ...exif];
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, 2));
  out.set(segment, 2);
  out.set(jpeg.subarray(2), 2 + segment.length);
  return new File([out], 'street.jpg', { type: 'image/jpeg' });
}

const contains = (haystack: Uint8Array, needle: string) => {
  const n = [...needle].map((c) => c.charCodeAt(0));
  outer: for (let i = 0; i + n.length <= haystack.length; i++) {
    for (let j = 0; j < n.length; j++) if (haystack[i + j] !== n[j]) continue outer;
    return true;
  }
  return false;
};

function dataUrlBytes(url: string): Uint8Array {
  const bin = atob(url.slice(url.indexOf(',') + 1));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function addFiles(el: CivicMapReport, files: File[]): Promise<void> {
  const input = $(el, '#f-photos') as HTMLInputElement;
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  input.files = dt.files;
  input.dispatchEvent(new Event('change'));
  await until(() => (el as unknown as { busy: string }).busy !== 'photos', 'the photos to be prepared');
  await el.updateComplete;
}

describe('<civic-map-report>: photos', () => {
  beforeEach(async () => {
    await clearDeviceStorage();
    await backendUp();
    await setOffline(false);
  });

  it('a phone JPEG with GPS EXIF goes in; the widget sends it resized without metadata, and what the backend serves has none', async () => {
    const original = await jpegWithGps();
    const raw = new Uint8Array(await original.arrayBuffer());
    expect(contains(raw, 'Exif')).to.equal(true);
    expect(contains(raw, 'SECRET-GPS-MARKER')).to.equal(true);

    const id = await createSpace();
    const el = await mount(id);
    await fillBasics(el);
    await click(el, '#f-landmark'); // keeps the focus somewhere sensible
    const select = $(el, '#f-landmark') as HTMLSelectElement;
    select.value = 'ecole';
    select.dispatchEvent(new Event('change'));
    await addFiles(el, [original]);
    expect($$(el, '[part~=photo]').length).to.equal(1);
    const preview = $(el, '[part~=photo] img') as HTMLImageElement;
    expect(preview.alt).to.equal('Photo 1 of your report');
    expect([preview.getAttribute('width'), preview.getAttribute('height')]).to.deep.equal(['1600', '1200']);
    expect(textOf(el.shadowRoot, '.photos [role=status]')).to.equal('Photo added. 1 of 3.');
    await type(el, `#${$(el, '[part~=photo] input')!.id}`, 'The dark lamp post at the school gate');
    expect(preview.alt).to.equal('The dark lamp post at the school gate');
    await expect(el).to.be.accessible();

    setTimeout(() => void submit(el));
    const submitted = await oneEvent(el, 'civic-submit');
    const media = (submitted.detail.payload as { media: string[]; description: string }).media;
    expect(media).to.have.length(1);
    expect(media[0]!.startsWith('data:image/jpeg;base64,')).to.equal(true);
    const sent = dataUrlBytes(media[0]!);
    expect(contains(sent, 'Exif')).to.equal(false);
    expect(contains(sent, 'SECRET-GPS-MARKER')).to.equal(false);
    expect((submitted.detail.payload as { description: string }).description).to.equal('The light in front of the school is out since Monday.\n\nPhoto 1: The dark lamp post at the school gate');
    await oneEvent(el, 'civic-submitted');

    const [r] = await stored(id);
    expect(r!.media_ids).to.have.length(1);
    const { url } = await backend();
    const report = await (await fetch(`${url}/map-reports/${id}/requests/${r!.number}`)).json();
    expect(report.media_urls).to.have.length(1);
    const res = await fetch(report.media_urls[0]);
    expect(res.headers.get('content-type')).to.equal('image/jpeg');
    const served = new Uint8Array(await res.arrayBuffer());
    expect([served[0], served[1]]).to.deep.equal([0xff, 0xd8]);
    expect(contains(served, 'Exif')).to.equal(false);
    expect(contains(served, 'SECRET-GPS-MARKER')).to.equal(false);
    const bitmap = await createImageBitmap(new Blob([served]));
    expect([bitmap.width, bitmap.height]).to.deep.equal([1600, 1200]);
  });

  it('up to maxPhotos; a file that is not an image is refused with its name; remove buttons move the focus sensibly', async () => {
    const id = await createSpace({ maxPhotos: 2 });
    const el = await mount(id);
    const png = async (colour: string) => {
      const c = new OffscreenCanvas(300, 200);
      const ctx = c.getContext('2d')!;
      ctx.fillStyle = colour;
      ctx.fillRect(0, 0, 300, 200);
      return new File([await c.convertToBlob({ type: 'image/png' })], `${colour}.png`, { type: 'image/png' });
    };
    await addFiles(el, [new File(['not an image'], 'notes.txt', { type: 'text/plain' })]);
    expect(textOf(el.shadowRoot, '.photos [role=status]')).to.equal('“notes.txt” is not a photo this browser can read (JPEG, PNG, WebP…).');
    await addFiles(el, [await png('red'), await png('blue'), await png('green')]);
    expect($$(el, '[part~=photo]').length).to.equal(2);
    expect(textOf(el.shadowRoot, '.photos [role=status]')).to.equal('2 photos added. 2 of 2. Only 2 photos can be added.');
    expect($(el, '#choose-photos')).to.equal(null);
    expect(textOf(el.shadowRoot, '.photos')).to.contain('You have added the 2 photos this form accepts.');
    await expect(el).to.be.accessible();
    const firstRemove = $$(el, '.photo .remove')[0]!;
    expect(firstRemove.textContent?.trim()).to.equal('Remove photo 1');
    firstRemove.click();
    await until(() => $$(el, '[part~=photo]').length === 1, 'one photo left');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Remove photo 1');
    (el.shadowRoot!.activeElement as HTMLElement).click();
    await until(() => el.shadowRoot!.activeElement?.id === 'choose-photos', 'focus on "choose photos"');
    expect(textOf(el.shadowRoot, '.photos [role=status]')).to.equal('Photo 1 removed.');
  });
});

/* ------------------------------------------------------------------ duplicates, offline */

/** A report made straight through the API (another resident). */
async function existingReport(spaceId: string, body: Record<string, unknown>): Promise<string> {
  const { url } = await backend();
  const res = await fetch(`${url}/map-reports/${spaceId}/requests`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `k-${uniqueId('key')}-0123456789` },
    body: JSON.stringify({ description: 'Already reported', fillMs: 10_000, ...body }),
  });
  if (!res.ok) throw new Error(`existingReport: ${res.status} ${await res.text()}`);
  return (await res.json()).service_request_id;
}

describe('<civic-map-report>: duplicates and offline', () => {
  beforeEach(async () => {
    await clearDeviceStorage();
    await backendUp();
    await setOffline(false);
  });

  it('“is it one of these?”: open reports of the same category nearby; supporting one creates no duplicate', async () => {
    const id = await createSpace();
    const near = await existingReport(id, { service_code: 'lampadaire', lat: 47.3922, long: 0.9769, attribute: { panne: 'eteint' }, description: 'Lampadaire éteint devant l’école' });
    await existingReport(id, { service_code: 'lampadaire', lat: 47.3866, long: 0.9864, attribute: { panne: 'eteint' } }); // the stadium: too far
    await existingReport(id, { service_code: 'depot-sauvage', lat: 47.3921, long: 0.9768 }); // another category
    const el = await mount(id);
    await fillBasics(el);
    const select = $(el, '#f-landmark') as HTMLSelectElement;
    select.value = 'ecole';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await submit(el);
    await until(() => !!$(el, '#nearby-title'), 'the nearby step');
    await until(() => el.shadowRoot!.activeElement?.id === 'nearby-title', 'focus on its heading');
    expect(textOf(el.shadowRoot, '#nearby-title')).to.equal('Is it one of these?');
    const items = $$(el, '.nearby [part~=report]');
    expect(items.length).to.equal(1);
    expect(textOf(items[0], '.report-title')).to.equal(`No. ${near}: Street light out`);
    expect(textOf(items[0], '.meta')).to.match(/^New Reported on .* \d+\u00a0m away$/);
    await expect(el).to.be.accessible();
    ($$(el, '.nearby button').find((b) => b.textContent?.includes('add my support')) as HTMLButtonElement).click();
    await until(() => textOf(el.shadowRoot, '#status').includes('support'), 'the support message');
    expect($$(el, '#status p').map((p) => p.textContent?.trim())).to.deep.equal([`Thank you: your support was added to report no. ${near}.`, '1 resident supports it.']);
    expect(el.shadowRoot!.activeElement?.id).to.equal('status');
    await expect(el).to.be.accessible();
    const rows = await stored(id);
    expect(rows.length).to.equal(3);
    expect(rows.find((r) => r.number === near)!.supports).to.equal(1);
  });

  it('“none of these”: the report is sent anyway, once', async () => {
    const id = await createSpace();
    await existingReport(id, { service_code: 'lampadaire', lat: 47.3922, long: 0.9769, attribute: { panne: 'eteint' } });
    const el = await mount(id);
    await fillBasics(el);
    const select = $(el, '#f-landmark') as HTMLSelectElement;
    select.value = 'ecole';
    select.dispatchEvent(new Event('change'));
    await submit(el);
    await until(() => !!$(el, '#send-anyway'), 'the nearby step');
    setTimeout(() => $(el, '#send-anyway')!.click());
    await oneEvent(el, 'civic-submitted');
    expect((await stored(id)).length).to.equal(2);
  });

  it('no connection: the report and its photo are queued on the device, then sent exactly once when the server answers again', async () => {
    const id = await createSpace();
    const el = await mount(id);
    await fillBasics(el);
    await type(el, '#f-address', 'Rue des Écoles');
    await addFiles(el, [await jpegWithGps()]);
    // The connection is refused (a real network failure, not a mock); the browser's own offline
    // emulation would also cut the test runner's connection to this page.
    await backendDown();
    setTimeout(() => void submit(el));
    const queued = await oneEvent(el, 'civic-queued');
    expect(queued.detail.reason.failure).to.equal('offline');
    await el.updateComplete;
    expect(textOf(el.shadowRoot, '#status')).to.contain('Your report and its photos are kept on this device');
    await until(() => el.shadowRoot!.activeElement?.id === 'status', 'focus on the status');
    await expect(el).to.be.accessible();
    expect(await stored(id)).to.deep.equal([]);
    // Kept across a reload: a new widget on the same page finds it waiting.
    const again = await mount(id);
    expect(textOf(again.shadowRoot, '#status')).to.contain('kept on this device');
    await backendUp();
    window.dispatchEvent(new Event('online'));
    await oneEvent(el, 'civic-synced');
    await el.updateComplete;
    expect(textOf(el.shadowRoot, '#status')).to.contain('Your report kept on this device has now been sent.');
    await expect(el).to.be.accessible();
    await new Promise((r) => setTimeout(r, 500));
    const rows = await stored(id);
    expect(rows.length).to.equal(1);
    expect(rows[0]!.media_ids.length).to.equal(1);
  });

  it('refused later: a queued report the server no longer accepts comes back as it was, with the reason', async () => {
    const id = await createSpace();
    const el = await mount(id, { tiles: null });
    await fillBasics(el, 'Written on the train.');
    await type(el, '#f-address', 'Place du Marché');
    await backendDown();
    setTimeout(() => void submit(el));
    await oneEvent(el, 'civic-queued');
    await backendUp();
    // Meanwhile the town closed reporting here.
    await putContent('map-reports', { ...demo!, id, closesAt: '2020-01-01T00:00:00Z', opensAt: '2019-01-01T00:00:00Z' });
    window.dispatchEvent(new Event('online'));
    const error = await oneEvent(el, 'civic-error');
    expect(error.detail.error.failure).to.equal('closed');
    await until(() => !!$(el, '#error-summary'), 'the form back with the reason');
    expect(textOf(el.shadowRoot, '#error-summary')).to.contain('Your report kept on this device could not be sent');
    expect(($(el, '#f-description') as HTMLTextAreaElement).value).to.equal('Written on the train.');
    expect(($(el, '#f-address') as HTMLInputElement).value).to.equal('Place du Marché');
    expect(($(el, '#f-service-lampadaire') as HTMLInputElement).checked).to.equal(true);
    await expect(el).to.be.accessible();
    expect(await stored(id)).to.deep.equal([]);
  });

  it('server unreachable while sending: queued, retried with the same key, stored once', async () => {
    const id = await createSpace();
    const el = await mount(id, { tiles: null });
    await fillBasics(el);
    await type(el, '#f-address', 'Place du Marché');
    await backendDown();
    setTimeout(() => void submit(el));
    await oneEvent(el, 'civic-queued');
    await backendUp();
    window.dispatchEvent(new Event('online'));
    await oneEvent(el, 'civic-synced');
    const rows = await stored(id);
    expect(rows.length).to.equal(1);
    expect(rows[0]!.address_string).to.equal('Place du Marché');
  });
});

/* ------------------------------------------------------------------ states */

describe('<civic-map-report>: states and configuration', () => {
  beforeEach(async () => {
    await clearDeviceStorage();
    await backendUp();
  });

  it('tells the webmaster what to fix: missing id, bad center, bounds, zoom, tile URL, geocoder, mode', async () => {
    const { url } = await backend();
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'report-id'],
      [{ 'report-id': 'x', center: '47.39' }, 'The center attribute is "47.39"'],
      [{ 'report-id': 'x', bounds: '1,2,3' }, 'The bounds attribute is "1,2,3"'],
      [{ 'report-id': 'x', zoom: '40' }, 'The zoom attribute is "40"'],
      [{ 'report-id': 'x', 'tile-url': 'https://tiles.example/map.png' }, 'The tile-url attribute is "https://tiles.example/map.png"'],
      [{ 'report-id': 'x', geocoder: 'javascript:alert(1)' }, 'The geocoder attribute is "javascript:alert(1)"'],
      [{ 'report-id': 'x', mode: 'map' }, 'The mode attribute is "map"'],
    ];
    for (const [attrs, expected] of cases) {
      const el = document.createElement('civic-map-report');
      el.setAttribute('endpoint', url);
      el.setAttribute('lang', 'en');
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      const host = await fixture(html`<div></div>`);
      host.append(el);
      await el.updateComplete;
      expect(textOf(el.shadowRoot, '.config-error'), JSON.stringify(attrs)).to.contain(expected);
    }
    await expect(document.querySelector('civic-map-report')!).to.be.accessible();
  });

  it('unknown id: the webmaster’s message; server down at first load: a retry button', async () => {
    const el = await mount('no-such-space');
    expect(textOf(el.shadowRoot, '[role=alert]')).to.contain('report-id');
    await expect(el).to.be.accessible();
    await backendDown();
    const id = uniqueId('never-loaded');
    const down = await mount(id);
    expect($(down, '[role=alert] button')!.textContent?.trim()).to.equal('Try again');
    await expect(down).to.be.accessible();
    await backendUp();
  });

  it('loading, submitting and closed states are accessible', async () => {
    const id = await createSpace();
    const { url } = await backend();
    const el = await fixture<CivicMapReport>(html`<civic-map-report endpoint=${url} report-id=${id} lang="en"></civic-map-report>`);
    await expect(el).to.be.accessible(); // loading
    await until(() => !!$(el, 'form'), 'the form');
    (el as unknown as { shownAt: number }).shownAt = performance.now() - 10_000;
    await fillBasics(el);
    await type(el, '#f-address', 'Place du Marché');
    await executeServerCommand('backend-delay', 1500);
    setTimeout(() => void submit(el));
    await oneEvent(el, 'civic-submit');
    await el.updateComplete;
    expect($(el, '[part~=submit-button]')!.getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible(); // submitting
    await oneEvent(el, 'civic-submitted');
    await executeServerCommand('backend-delay', 0);

    const closed = await createSpace({ opensAt: '2020-01-01T00:00:00Z', closesAt: '2021-01-01T00:00:00Z' });
    const c = await mount(closed);
    expect(textOf(c.shadowRoot, '[part~=body]')).to.contain('Reporting is closed here.');
    expect($(c, 'form')).to.equal(null);
    await expect(c).to.be.accessible();
  });

  it('speaks French', async () => {
    const id = await createSpace();
    const el = await mount(id, { lang: 'fr' });
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Signaler un problème dans la commune');
    expect(textOf(el.shadowRoot, '#services > legend')).to.equal('Quel est le problème\u00a0? *(obligatoire)');
    expect(textOf(el.shadowRoot, '#locate')).to.equal('Utiliser ma position');
    await mapReady(el);
    expect($(el, '.leaflet-control-zoom-in')!.getAttribute('aria-label')).to.equal('Zoomer');
    expect($(el, '.leaflet-top.leaflet-left .leaflet-control-zoom'), 'zoom at the top left').to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('in Arabic the map is not mirrored but its controls are: zoom at the top right, credits at the bottom left', async () => {
    const id = await createSpace();
    const el = await mount(id, { lang: 'ar' });
    await mapReady(el);
    expect(getComputedStyle($(el, '#map')!).direction).to.equal('rtl');
    expect($(el, '.leaflet-top.leaflet-right .leaflet-control-zoom'), 'zoom at the top right').to.not.equal(null);
    expect($(el, '.leaflet-bottom.leaflet-left .leaflet-control-attribution'), 'credits at the bottom left').to.not.equal(null);
    const zoom = $(el, '.leaflet-control-zoom')!.getBoundingClientRect();
    const map = $(el, '#map')!.getBoundingClientRect();
    expect(map.right - zoom.right, 'near the right edge').to.be.below(30);
    expect($(el, '.leaflet-control-zoom-in')!.getAttribute('aria-label')).to.equal('تكبير');
    await expect(el).to.be.accessible();
  });
});

/* ------------------------------------------------------------------ keyboard only */

describe('<civic-map-report>: keyboard only', () => {
  beforeEach(async () => {
    await clearDeviceStorage();
    await backendUp();
  });

  async function tabTo(el: CivicMapReport, predicate: (active: Element | null) => boolean, what: string): Promise<void> {
    for (let i = 0; i < 40; i++) {
      if (predicate(el.shadowRoot!.activeElement)) return;
      await sendKeys({ press: 'Tab' });
    }
    throw new Error(`Tab never reached ${what}`);
  }

  it('a whole report without the mouse and without the map: category, question, landmark, description, send', async () => {
    const id = await createSpace();
    const { url } = await backend();
    const wrapper = await fixture<HTMLElement>(html`<div><button id="before">before</button><civic-map-report endpoint=${url} report-id=${id} lang="en" tile-url=${TILES} tile-max-zoom="16"></civic-map-report></div>`);
    const el = wrapper.querySelector('civic-map-report') as CivicMapReport;
    await until(() => !!$(el, 'form'), 'the form');
    (el as unknown as { shownAt: number }).shownAt = performance.now() - 10_000;
    (wrapper.querySelector('#before') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('f-service-nid-de-poule');
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('f-service-lampadaire');
    expect(($(el, '#f-service-lampadaire') as HTMLInputElement).checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect((el.shadowRoot!.activeElement as HTMLInputElement).name).to.equal('f-attr-panne');
    await sendKeys({ press: 'Space' });
    await tabTo(el, (a) => a?.id === 'f-landmark', 'the landmark list');
    await sendKeys({ press: 'ArrowDown' }); // "Town hall"
    await el.updateComplete;
    expect(textOf(el.shadowRoot, '#place')).to.equal('Place: Town hall, 1 place de la Mairie, 37999 Saint-Aubin-sur-Loire');
    await tabTo(el, (a) => a?.id === 'f-description', 'the description');
    await sendKeys({ type: 'Street light out at the town hall.' });
    await tabTo(el, (a) => a?.getAttribute('part') === 'submit-button', 'the send button');
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    await oneEvent(el, 'civic-submitted');
    const [r] = await stored(id);
    expect([r!.service_code, r!.lat, r!.long, r!.description]).to.deep.equal(['lampadaire', 47.3904, 0.9802, 'Street light out at the town hall.']);
    expect(((await storedPayload(r!.submission_id)).attribute as Record<string, string>).panne).to.equal('eteint');
    await until(() => el.shadowRoot!.activeElement?.id === 'status', 'focus on the confirmation');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('again');
  });
});

/* ------------------------------------------------------------------ list mode */

async function postUpdate(spaceId: string, rid: string, body: { status?: string; text?: string }): Promise<void> {
  const { url, adminToken } = await backend();
  const res = await fetch(`${url}/admin/map-reports/${spaceId}/requests/${rid}/updates`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`postUpdate: ${res.status} ${await res.text()}`);
}

describe('<civic-map-report mode="list">', () => {
  beforeEach(async () => {
    await clearDeviceStorage();
    await backendUp();
  });

  it('lists the public reports with status, updates and photos; markers on the map; filters by status and category', async () => {
    const id = await createSpace();
    const photo = new OffscreenCanvas(64, 48);
    photo.getContext('2d')!.fillRect(0, 0, 64, 48);
    const bytes = new Uint8Array(await (await photo.convertToBlob({ type: 'image/jpeg' })).arrayBuffer());
    const media = `data:image/jpeg;base64,${btoa(String.fromCharCode(...bytes))}`;
    const a = await existingReport(id, { service_code: 'lampadaire', lat: 47.3922, long: 0.9769, attribute: { panne: 'eteint' }, description: 'Lampadaire éteint', media: [media] });
    const b = await existingReport(id, { service_code: 'nid-de-poule', lat: 47.3866, long: 0.9864, attribute: { taille: 'grand' }, description: 'Trou devant le stade' });
    await existingReport(id, { service_code: 'tag', address_string: 'Mur de la salle des fêtes', description: 'Tag' });
    await postUpdate(id, a, { status: 'in_progress', text: 'Intervention prévue jeudi.' });
    await postUpdate(id, b, { status: 'fixed' });
    const el = await mount(id, { mode: 'list' });
    await until(() => $$(el, '.reports [part~=report]').length === 3, 'three reports');
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Reported problems and their follow-up');
    expect(textOf(el.shadowRoot, '.count')).to.equal('3 reports');
    const first = $(el, `.reports article[aria-labelledby="r-${a}"]`)!;
    expect(textOf(first, '.report-title')).to.equal(`No. ${a}: Street light out`);
    expect(textOf(first, '.badge')).to.equal('In progress');
    expect(textOf(first, '.updates summary')).to.equal('The town’s update');
    expect(textOf(first, '.updates li')).to.contain('Status: In progress. Intervention prévue jeudi.');
    const img = first.querySelector('.report-photos img') as HTMLImageElement;
    expect(img.alt).to.equal(`Photo 1 of report no. ${a}`);
    expect(new URL(img.src).pathname).to.match(/\/api\/media\/[\w-]+$/);
    await until(() => img.complete && img.naturalWidth === 64, 'the photo served by the backend');
    const map = await mapReady(el);
    await until(() => Number(map.dataset.markers) >= 1, 'markers');
    expect(textOf(el.shadowRoot, '.map-block')).to.contain('Some reports were made with an address only');
    await expect(el).to.be.accessible();

    const status = $(el, '#f-filter-status') as HTMLSelectElement;
    status.value = 'fixed';
    status.dispatchEvent(new Event('change'));
    await until(() => textOf(el.shadowRoot, '.count') === '1 report', 'the filtered count');
    await until(() => $$(el, '.reports [part~=report]').length === 1, 'one report');
    expect(textOf(el.shadowRoot, '.reports .report-title')).to.equal(`No. ${b}: Pothole, damaged road`);
    status.value = '';
    status.dispatchEvent(new Event('change'));
    const service = $(el, '#f-filter-service') as HTMLSelectElement;
    service.value = 'tag';
    service.dispatchEvent(new Event('change'));
    await until(() => textOf(el.shadowRoot, '.count') === '1 report', 'the category filter');
    await until(() => textOf(el.shadowRoot, '.reports .address') === 'Mur de la salle des fêtes', 'the tag report');
    await expect(el).to.be.accessible();
  });

  it('a marker opens its report above the list (focus on it); “show on the map” highlights the marker', async () => {
    const id = await createSpace();
    const a = await existingReport(id, { service_code: 'arbre', lat: 47.3904, long: 0.9802, description: 'Branche cassée' });
    const el = await mount(id, { mode: 'list' });
    const map = await mapReady(el);
    await until(() => map.dataset.markers === '1', 'the marker');
    const marker = $(el, '.leaflet-marker-icon.civic-marker')!;
    await clickAt(marker);
    await until(() => el.shadowRoot!.activeElement?.id === 'selected-title', 'focus on the selected report');
    expect(textOf(el.shadowRoot, '.selected .report-title')).to.equal(`No. ${a}: Dangerous tree or branch`);
    await until(() => !!$(el, '.leaflet-marker-icon.civic-marker.selected'), 'the marker highlighted');
    await expect(el).to.be.accessible();
    ($$(el, '.selected button').find((b) => b.textContent?.trim() === 'Close') as HTMLButtonElement).click();
    await until(() => el.shadowRoot!.activeElement?.id === 'list-title', 'focus back on the list');
    expect($(el, '.leaflet-marker-icon.civic-marker.selected')).to.equal(null);
    ($$(el, '.reports button').find((b) => b.textContent?.trim() === 'Show on the map') as HTMLButtonElement).click();
    await until(() => !!$(el, '.leaflet-marker-icon.civic-marker.selected'), 'the marker highlighted from the list');
  });

  it('clusters markers: two dozen reports in one spot are one marker with their count, which zooms in when clicked', async () => {
    const id = await createSpace();
    await Promise.all(
      // 24: under the server's limit of reports per network per hour (CIVIC_REPORT_IP_LIMIT, 30).
      Array.from({ length: 24 }, (_, i) =>
        existingReport(id, { service_code: 'depot-sauvage', lat: 47.3911 + (i % 6) * 0.00004, long: 0.9825 + Math.floor(i / 6) * 0.00004, description: `Dépôt ${i}` }),
      ),
    );
    const el = await mount(id, { mode: 'list' });
    const map = await mapReady(el);
    await until(() => !!$(el, '.civic-cluster'), 'a cluster');
    expect(map.dataset.markers).to.equal('1');
    expect(textOf(el.shadowRoot, '.civic-cluster')).to.equal('24');
    expect($(el, '.civic-cluster')!.getAttribute('title')).to.equal('24 reports here: zoom in');
    const measures = performance.getEntriesByName('civic-map-report:markers');
    expect(measures.length).to.be.greaterThan(0);
    await clickAt($(el, '.civic-cluster')!);
    await until(() => Number(map.dataset.markers) > 1, 'the cluster split after zooming in');
  });
});
