/**
 * Reporting a problem with the keyboard alone: real key presses only. The accessible path does not
 * need the map: the kind of problem with the arrow keys, a place from the list or an address from
 * the suggestions (a combobox: arrows, Escape, Enter), the description, Enter on "Send". The map is
 * an enhancement that also works from the keyboard (Enter drops the pin, the arrows move it, the
 * place is put into words in a live region). Focus order and visible focus at every stop, what the
 * live regions say, the report stored, Chromium's tree (radio group, combobox expanded state and
 * active option, the map's role and name).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/define.js';
import type { CivicMapReport } from '../src/components/map-report/map-report.js';
import type { MapReportDefinitionInput } from '../src/api/schemas.js';
import { backend, clearDeviceStorage, putContent, sql, uniqueId, until, $ } from './support/helpers.js';
import { announced, axAll, axGet, axTree, deepActive, here, press, startBefore, tabTo, tabVisibly, typeKeys } from './support/a11y.js';

let demo: MapReportDefinitionInput | undefined;
async function space(): Promise<string> {
  if (!demo) {
    const { kind: _kind, ...def } = (await (await fetch('/demo/content/map-reports/saint-aubin.json')).json()) as MapReportDefinitionInput & { kind: string };
    demo = def;
  }
  return putContent('map-reports', { ...demo, id: uniqueId('kb-space') });
}

async function mount(geocoder = ''): Promise<{ el: CivicMapReport; id: string }> {
  const { url } = await backend();
  const id = await space();
  const wrap = await fixture<HTMLDivElement>(html`<div>
    <a href="#before" id="before">Before the form</a>
    <civic-map-report endpoint=${url} report-id=${id} lang="en" tile-url="/demo/tiles/{z}/{x}/{y}.svg" tile-max-zoom="16" geocoder=${geocoder}></civic-map-report>
    <a href="#after" id="after">After the form</a>
  </div>`);
  const el = wrap.querySelector('civic-map-report')!;
  await until(() => !!el.shadowRoot?.querySelector('form'), 'the report form');
  await until(() => !!el.shadowRoot!.querySelector('#map.leaflet-container'), 'the map');
  (el as unknown as { shownAt: number }).shownAt = performance.now() - 10_000;
  startBefore(wrap);
  return { el, id };
}

interface Row {
  service_code: string;
  lat: number | null;
  long: number | null;
  address_string: string | null;
  description: string;
}
const stored = (id: string) => sql<Row>(`select service_code, lat, long, address_string, description from map_reports where space_id = $1`, [id]);
const place = (el: Element) => (el.shadowRoot!.querySelector('#place')!.textContent ?? '').trim();

/** From the first kind of problem: the arrow keys walk the kinds (one radio group across the headings). */
async function chooseKind(steps: number, expected: string): Promise<void> {
  expect(await tabVisibly()).to.equal('radio "Pothole, damaged road"');
  for (let i = 0; i < steps; i++) await press('ArrowDown');
  expect(await here()).to.equal(`radio "${expected}"`);
}

describe('<civic-map-report> with the keyboard alone', () => {
  beforeEach(() => clearDeviceStorage());

  it('the path without the map: a kind, a place from the list, a description, Send', async () => {
    const { el, id } = await mount();
    const tree = await axTree('civic-map-report');
    // The star after the legend is hidden from screen readers, who hear "(required)" instead.
    const kinds = axGet(tree, 'group', 'What is the problem? (required)');
    axGet(tree, 'group', 'Where is it? (required)');
    expect(axGet(tree, 'textbox', 'Describe the problem').props['required']).to.equal(true);
    // One radio group of every kind, in sub-groups named by their heading.
    expect(axAll(kinds, (n) => n.role === 'radio').length).to.equal(8);
    expect(axAll(kinds, (n) => n.role === 'group' && n !== kinds).map((g) => g.name)).to.deep.equal(['Roads', 'Street lighting', 'Cleanliness', 'Parks and green spaces']);
    const map = axGet(tree, 'application', 'Map to place the pin');
    expect(map.description).to.contain('the arrow keys move the pin');

    await chooseKind(1, 'Damaged pavement');
    // Past the map and its zoom buttons, the location button and the address field, to the list of places.
    const stops = await tabTo('combobox "Or choose a place from the list"');
    expect(stops).to.include('application "Map to place the pin"');
    expect(stops).to.include('button "Use my location"');
    expect(stops).to.include('textbox "Address or description of the place"');
    await press('ArrowDown');
    await until(() => place(el).startsWith('Place: Town hall'), 'the place in words');
    expect(announced(el)).to.contain('Place: Town hall');
    expect(await tabVisibly()).to.equal('textbox "Describe the problem"');
    await typeKeys('The kerb is broken in front of the town hall.');
    const send = await tabTo('button "Send my report"');
    expect(send).to.include('button "Choose photos"');
    expect(send).to.include('textbox "E-mail address"');
    await press('Enter');
    await until(() => deepActive()?.id === 'status', 'focus on the receipt', 15000);
    expect(announced(el)).to.match(/Thank you! Your report no\. \d+ has been received\./);
    const [r] = await stored(id);
    expect(r!.service_code).to.equal('trottoir');
    expect(r!.description).to.equal('The kerb is broken in front of the town hall.');
  });

  it('an empty report: the summary takes the focus, its links lead to each field', async () => {
    const { el, id } = await mount();
    await tabTo('button "Send my report"');
    await press('Enter');
    await until(() => deepActive()?.id === 'error-summary', 'focus on the summary');
    expect(announced(el)).to.contain('Choose the kind of problem.');
    const tree = await axTree('civic-map-report');
    const description = axGet(tree, 'textbox', 'Describe the problem');
    expect(description.props['invalid']).to.equal('true');
    expect(description.props['required']).to.equal(true);
    expect(description.description).to.contain('Describe the problem.');
    expect(await tabVisibly()).to.match(/^link "What is the problem\?/);
    await press('Enter');
    expect(await here()).to.equal('radio "Pothole, damaged road"');
    expect(await stored(id)).to.deep.equal([]);
  });

  it('the address combobox: suggestions with the arrow keys, Escape closes them, Enter chooses', async () => {
    await executeServerCommand('geocoder-places', [
      { label: '4 Rue des Écoles 37999 Saint-Aubin-sur-Loire', lat: 47.3921, long: 0.9768 },
      { label: '12 Rue des Écoles 37999 Saint-Aubin-sur-Loire', lat: 47.3936, long: 0.9787 },
    ]);
    const { el, id } = await mount('/test-geocoder/search?q={query}');
    await chooseKind(2, 'Damaged sign or road marking');
    await tabTo('combobox "Address or description of the place"');
    await typeKeys('rue des é');
    await until(() => $(el, '#f-address')!.getAttribute('aria-expanded') === 'true', 'the suggestions');
    expect(announced(el)).to.contain('2 addresses found. Use the up and down arrows to choose one.');
    let combo = axGet(await axTree('civic-map-report'), 'combobox', 'Address or description of the place');
    expect(combo.props['expanded']).to.equal(true);
    await press('ArrowDown');
    combo = axGet(await axTree('civic-map-report'), 'combobox', 'Address or description of the place');
    expect(combo.props['activedescendant'] ?? $(el, '#f-address')!.getAttribute('aria-activedescendant')).to.exist;
    const listbox = axGet(await axTree('civic-map-report'), 'listbox', 'Suggested addresses');
    expect(axGet(listbox, 'option', '4 Rue des Écoles 37999 Saint-Aubin-sur-Loire').props['selected']).to.equal(true);
    // Escape closes the list, the text stays; the down arrow opens it again.
    await press('Escape');
    combo = axGet(await axTree('civic-map-report'), 'combobox', 'Address or description of the place');
    expect(combo.props['expanded'] ?? false).to.equal(false);
    expect(($(el, '#f-address') as HTMLInputElement).value).to.equal('rue des é');
    await press('ArrowDown');
    await press('ArrowDown');
    await press('Enter');
    await until(() => place(el).startsWith('Address: 12 Rue des Écoles'), 'the address in words');
    expect(announced(el)).to.contain('Address: 12 Rue des Écoles 37999 Saint-Aubin-sur-Loire');
    await tabTo('textbox "Describe the problem"');
    await typeKeys('The stop sign is bent.');
    await tabTo('button "Send my report"');
    await press('Enter');
    await until(() => deepActive()?.id === 'status', 'focus on the receipt', 15000);
    const [r] = await stored(id);
    expect([r!.service_code, r!.lat, r!.long, r!.address_string]).to.deep.equal(['panneau', 47.3936, 0.9787, '12 Rue des Écoles 37999 Saint-Aubin-sur-Loire']);
  });

  it('the map from the keyboard: Enter drops the pin, the arrows move it, the place is said in words', async () => {
    const { el, id } = await mount();
    await chooseKind(1, 'Damaged pavement');
    await tabTo('application "Map to place the pin"');
    expect(place(el)).to.equal('No place chosen yet.');
    await press('Enter');
    await until(() => place(el).startsWith('Pin placed'), 'the pin in words');
    const first = place(el);
    await press('ArrowRight');
    await press('ArrowRight');
    // The live text waits for a pause in the key presses, then says the new place.
    await until(() => place(el) !== first && place(el).startsWith('Pin placed'), 'the moved pin in words');
    expect(announced(el)).to.contain(place(el));
    await tabTo('textbox "Describe the problem"');
    await typeKeys('Loose paving stones.');
    await tabTo('button "Send my report"');
    await press('Enter');
    await until(() => deepActive()?.id === 'status', 'focus on the receipt', 15000);
    const [r] = await stored(id);
    expect(r!.lat).to.be.a('number');
    expect(r!.long).to.be.a('number');
  });
});
