/**
 * Assisted mode (`mode="assisted"`, docs/assisted.md) in Chromium against the real backend: every
 * widget flags its submissions as assisted with the mediator's code (read back from the database),
 * keeps nothing of the person on the device (IndexedDB read with idb-keyval), lets the next person
 * answer on the same device, clears the form after inactivity with an alert dialog, and sends later
 * what was queued offline, without showing it to the next person.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createStore, get, keys, set } from 'idb-keyval';
import '../src/define.js';
import type { CivicElement } from '../src/internal/civic-element.js';
import type { CivicResetEvent } from '../src/events/index.js';
import type { PetitionDefinitionInput, MapReportDefinitionInput, SurveyDefinitionInput } from '../src/api/schemas.js';
import { outbox, type OutboxEntry } from '../src/internal/outbox.js';
import { assistedCatalog } from '../src/internal/assisted.messages.js';
import { $, $$, backend, backendDown, backendUp, clearDeviceStorage, createVote, putContent, sql, textOf, uniqueId, until } from './support/helpers.js';

/** What is wrong with a table compared with English: keys, empty texts, arity, the arguments used. */
function compareTables(en: Record<string, unknown>, other: Record<string, unknown>, where: string): string[] {
  const problems: string[] = [];
  for (const k of Object.keys(en)) if (!(k in other)) problems.push(`${where}.${k}: missing`);
  for (const k of Object.keys(other)) if (!(k in en)) problems.push(`${where}.${k}: not in English`);
  for (const [k, a] of Object.entries(en)) {
    const b = other[k];
    if (b === undefined) continue;
    if (typeof a !== typeof b) problems.push(`${where}.${k}: ${typeof b}`);
    else if (typeof b === 'string' && !b.trim()) problems.push(`${where}.${k}: empty`);
    else if (typeof a === 'function' && typeof b === 'function') {
      if (a.length !== b.length) problems.push(`${where}.${k}: ${b.length} arguments, English ${a.length}`);
      const args = Array.from({ length: a.length }, (_, i) => `ARG${i}X`);
      const out = String((b as (...x: string[]) => string)(...args));
      for (const arg of args) if (!out.includes(arg)) problems.push(`${where}.${k}: does not use ${arg}`);
    }
  }
  return problems;
}

const kv = () => createStore('civic-widgets', 'kv');
/** What the device keeps, but the copies of definitions (nobody's). */
async function personalKeys(about = ''): Promise<string[]> {
  return ((await keys(kv())) as string[]).filter((k) => !k.startsWith('def:') && k.includes(about)).sort();
}

interface Row {
  origin: string;
  mediator: string | null;
  device_hash: string | null;
}
const rows = (kind: string, id: string) =>
  sql<Row>(`select origin, mediator, device_hash from submissions where kind = $1 and content_id = $2 order by created_at, id`, [kind, id]);

/** The widget of that tag now on the page (after a clearing, a fresh copy). */
const current = <T extends Element>(tag: string) => document.querySelector(tag) as T;

/** Real key presses (composed events the page sees, like a resident's). */
async function press(target: HTMLElement, key = 'Space'): Promise<void> {
  target.focus();
  await sendKeys({ press: key });
}

async function loaded(el: Element, selector = 'form'): Promise<void> {
  await until(() => !!el.shadowRoot?.querySelector(selector) && !el.shadowRoot.querySelector('[aria-busy="true"]'), `${el.localName} to show ${selector}`);
  await (el as CivicElement).updateComplete;
}

const bar = (el: Element) => el.shadowRoot!.querySelector<HTMLElement>('[part~="assisted"]');
const dialog = (el: Element) => el.shadowRoot!.querySelector<HTMLDialogElement>('dialog[role="alertdialog"]');

async function nextPerson<T extends Element>(el: T): Promise<T> {
  await until(() => !!bar(el), 'the assisted bar');
  const reset = oneEvent(el, 'civic-reset') as Promise<CivicResetEvent>;
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="assisted-next-button"]')!.click();
  const event = await reset;
  expect(event.detail.reason).to.equal('next-person');
  const fresh = event.detail.replacement as unknown as T;
  expect(fresh.isConnected).to.equal(true);
  expect(el.isConnected).to.equal(false);
  return fresh;
}

describe('assisted mode', () => {
  let url = '';
  beforeEach(async () => {
    await clearDeviceStorage();
    ({ url } = await backend());
  });
  afterEach(async () => {
    await backendUp();
  });

  it('vote: flagged assisted with the mediator code, nothing left on the device, the next person votes on the same device', async () => {
    const id = await createVote();
    const el = await fixture<CivicElement>(html`<civic-vote endpoint=${url} vote-id=${id} lang="en" mode="assisted" mediator="FS-Lyon-3"></civic-vote>`);
    await loaded(el);
    await until(() => !!bar(el), 'the assisted bar');
    expect(textOf(el.shadowRoot, '[part~="assisted"] .assisted-code')).to.equal('Mediator code: FS-Lyon-3');
    await expect(el).to.be.accessible();

    await press($(el, 'input[value="oui"]')!);
    const sent = oneEvent(el, 'civic-submitted');
    $(el, '[part~="submit-button"]')!.click();
    await sent;
    await el.updateComplete;
    expect(textOf(el.shadowRoot, '#status')).to.contain('Thank you');
    await until(async () => (await personalKeys()).length === 0, 'nothing of the voter on the device');

    const second = await nextPerson(el);
    await loaded(second);
    // A fresh form: no "already voted", nothing selected; focus at its top.
    expect($$(second, 'input[name="choice"]').some((i) => (i as HTMLInputElement).checked)).to.equal(false);
    await until(() => second.shadowRoot!.activeElement?.getAttribute('part') === 'title', 'focus on the title');
    await press($(second, 'input[value="non"]')!);
    const sent2 = oneEvent(second, 'civic-submitted');
    $(second, '[part~="submit-button"]')!.click();
    await sent2;

    expect(await rows('vote', id)).to.deep.equal([
      { origin: 'assisted', mediator: 'FS-Lyon-3', device_hash: null },
      { origin: 'assisted', mediator: 'FS-Lyon-3', device_hash: null },
    ]);
    await until(async () => (await personalKeys()).length === 0, 'nothing of the second voter either');
  });

  it('<civic-config mode="assisted">: every widget inside takes the mode (as its attribute), larger text and targets', async () => {
    const id = await createVote();
    const root = await fixture<HTMLElement>(html`<civic-config endpoint=${url} lang="en" mode="assisted" mediator="FS-Tours">
      <civic-vote vote-id=${id}></civic-vote>
      <civic-vote vote-id=${id} mode="standard"></civic-vote>
    </civic-config>`);
    const [assisted, standard] = [...root.querySelectorAll('civic-vote')] as CivicElement[];
    await loaded(assisted!);
    await loaded(standard!);
    expect(assisted!.getAttribute('mode')).to.equal('assisted');
    expect(assisted!.assisted).to.equal(true);
    expect(standard!.assisted).to.equal(false);
    expect(bar(standard!)).to.equal(null);
    const big = getComputedStyle(assisted!);
    expect(parseFloat(big.fontSize)).to.be.at.least(20);
    expect($(assisted!, '[part~="submit-button"]')!.getBoundingClientRect().height).to.be.at.least(56);
    expect($(assisted!, '.option')!.getBoundingClientRect().height).to.be.at.least(56);
    expect($(standard!, '[part~="submit-button"]')!.getBoundingClientRect().height).to.be.below(56);
    // A comment count takes no submission: no mediator's bar (its text is the page's link's).
    const threadId = await putContent('threads', { id: uniqueId('th'), title: 'Market Square' });
    const count = document.createElement('civic-comment-count') as CivicElement;
    count.setAttribute('thread-id', threadId);
    root.append(count);
    await until(() => !!count.shadowRoot?.textContent?.trim(), 'the count');
    await new Promise((r) => setTimeout(r, 200));
    expect(count.getAttribute('mode')).to.equal('assisted');
    expect(bar(count)).to.equal(null);
    // Removing the mode from <civic-config> takes it off the widgets that inherited it.
    root.removeAttribute('mode');
    await until(() => !assisted!.hasAttribute('mode'), 'the inherited mode to go');
    await assisted!.updateComplete;
    expect(bar(assisted!)).to.equal(null);
  });

  it('an unknown mode, reset-after or mediator code tells the webmaster what to fix', async () => {
    const id = await createVote();
    const el = await fixture<CivicElement>(html`<civic-vote endpoint=${url} vote-id=${id} lang="en" mode="asisted"></civic-vote>`);
    await until(() => !!$(el, '[role=alert]'), 'the configuration error');
    expect(textOf(el.shadowRoot, '[role=alert]')).to.contain('mode="asisted" of <civic-vote> is not a mode it knows (standard, assisted)');
    const fr = await fixture<CivicElement>(html`<civic-vote endpoint=${url} vote-id=${id} lang="fr" mode="assisted" reset-after="soon"></civic-vote>`);
    await until(() => !!$(fr, '[role=alert]'), 'the configuration error');
    expect(textOf(fr.shadowRoot, '[role=alert]')).to.contain('reset-after="soon" de <civic-vote> n’est pas un nombre de minutes');
    const long = await fixture<CivicElement>(html`<civic-vote endpoint=${url} vote-id=${id} lang="en" mode="assisted" mediator=${'x'.repeat(65)}></civic-vote>`);
    await until(() => !!$(long, '[role=alert]'), 'the configuration error');
    expect(textOf(long.shadowRoot, '[role=alert]')).to.contain('at most 64 characters');
    // <civic-map-report> knows modes of its own, and says so in its words.
    const map = await fixture<CivicElement>(html`<civic-map-report endpoint=${url} report-id="saint-aubin" lang="en" mode="map"></civic-map-report>`);
    await until(() => !!$(map, '[role=alert]'), 'the configuration error');
    expect(textOf(map.shadowRoot, '[role=alert]')).to.contain('The mode attribute is "map"');
    const assistedMap = await fixture<CivicElement>(html`<civic-map-report endpoint=${url} report-id="saint-aubin" lang="en" mode="assisted"></civic-map-report>`);
    await until(() => !!$(assistedMap, 'form'), 'the report form in assisted mode');
    expect(assistedMap.assisted).to.equal(true);
  });

  it('survey: no draft written nor offered, one-per-device waived, the draft an earlier visitor left is deleted once sent', async () => {
    const def: SurveyDefinitionInput = {
      id: uniqueId('survey'),
      title: 'Mobility',
      onePerDevice: true,
      pages: [
        { id: 'p1', questions: [{ id: 'name', type: 'text', label: 'Your first name', required: true }] },
        { id: 'p2', questions: [{ id: 'bike', type: 'yesno', label: 'Do you cycle?' }] },
      ],
    };
    const id = await putContent('surveys', def);
    // A draft typed on this browser before it became a terminal (standard mode).
    const leftover = `draft:survey|${url}|${id}`;
    await set(leftover, { answers: { name: 'Earlier visitor' }, other: {}, contact: {}, step: 1, savedAt: new Date().toISOString() }, kv());
    const el = await fixture<CivicElement>(html`<civic-config endpoint=${url} mode="assisted" mediator="FS-Tours"><civic-survey survey-id=${id} lang="en"></civic-survey></civic-config>`);
    const survey = el.querySelector('civic-survey') as CivicElement;
    await loaded(survey);
    await new Promise((r) => setTimeout(r, 300));
    expect(survey.shadowRoot!.querySelector('.draft'), 'no draft offered to the next person').to.equal(null);
    const input = $(survey, '#q-name-input') as HTMLInputElement;
    input.focus();
    await sendKeys({ type: 'Nadia' });
    await new Promise((r) => setTimeout(r, 600)); // longer than the draft's 300 ms debounce
    expect(await personalKeys(id)).to.deep.equal([leftover], 'nothing new written while typing');
    const submit = () => ($(current<CivicElement>('civic-survey'), '[part~="submit-button"]') as HTMLButtonElement).click();
    submit();
    await until(() => !!$(survey, 'input[value="true"], input[type=radio]'), 'page 2');
    await survey.updateComplete;
    const sent = oneEvent(survey, 'civic-submitted');
    submit(); // review
    await survey.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    if (!$(survey, '#status .success, .message.success')) submit();
    await sent;
    await until(async () => (await personalKeys(id)).length === 0, 'the earlier draft deleted once the response was accepted');

    const second = await nextPerson(survey);
    await loaded(second);
    expect(($(second, '#q-name-input') as HTMLInputElement).value).to.equal('');
    expect(await rows('survey', id)).to.deep.equal([{ origin: 'assisted', mediator: 'FS-Tours', device_hash: null }]);
  });

  it('petition: signed as assisted; no "signed" record kept; the next person signs too', async () => {
    const def: PetitionDefinitionInput = { id: uniqueId('pet'), title: 'Reopen the post office', summary: 'It must reopen.', profile: 'minimal' };
    const id = await putContent('petitions', def);
    const el = await fixture<CivicElement>(html`<civic-petition endpoint=${url} petition-id=${id} lang="en" mode="assisted" mediator="Médiathèque"></civic-petition>`);
    for (const [i, person] of [['Marie', 'marie@example.org'], ['Léo', 'leo@example.org']].entries()) {
      const widget = i === 0 ? el : await nextPerson(current<CivicElement>('civic-petition'));
      await loaded(widget);
      (widget as unknown as { shownAt: number }).shownAt = performance.now() - 10_000;
      for (const [field, value] of [['name', person[0]!], ['email', person[1]!]]) {
        const input = $(widget, `#f-${field}`) as HTMLInputElement;
        input.focus();
        await sendKeys({ type: value });
      }
      const sent = oneEvent(widget, 'civic-submitted');
      $(widget, '[part~="submit-button"]')!.click();
      await sent;
      await until(async () => (await personalKeys()).length === 0, 'no signed record on the device');
    }
    expect((await rows('petition', id)).map((r) => [r.origin, r.mediator])).to.deep.equal([['assisted', 'Médiathèque'], ['assisted', 'Médiathèque']]);
  });

  it('map-report: reported as assisted with the mediator code typed once in the bar (memory only)', async () => {
    const demo = (await (await fetch('/demo/content/map-reports/saint-aubin.json')).json()) as MapReportDefinitionInput & { kind?: string };
    delete demo.kind;
    const id = await putContent('map-reports', { ...demo, id: uniqueId('space') });
    const el = await fixture<CivicElement>(html`<civic-map-report endpoint=${url} report-id=${id} lang="en" mode="assisted"></civic-map-report>`);
    await loaded(el);
    await until(() => !!bar(el), 'the assisted bar');
    // The mediator types their code once, in the bar.
    const summary = $(el, '[part~="assisted"] summary')!;
    expect(summary.textContent!.trim()).to.equal('Mediator code: none');
    summary.click();
    const code = $(el, '#civic-assisted-code') as HTMLInputElement;
    code.focus();
    await sendKeys({ type: 'FS-Saint-Aubin' });
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[part~="assisted"] summary')!.textContent!.trim() === 'Mediator code: FS-Saint-Aubin', 'the code shown');
    expect(await personalKeys()).to.deep.equal([], 'the code is not written to the device');

    (el as unknown as { shownAt: number }).shownAt = performance.now() - 10_000;
    $(el, '#f-service-tag')!.click();
    const select = $(el, '#f-landmark') as HTMLSelectElement;
    select.value = 'mairie';
    select.dispatchEvent(new Event('change'));
    const description = $(el, '#f-description') as HTMLTextAreaElement;
    description.focus();
    await sendKeys({ type: 'A tag on the town hall wall.' });
    await (el as CivicElement).updateComplete;
    const sent = oneEvent(el, 'civic-submitted');
    $(el, '[part~="submit-button"]')!.click();
    await sent;
    expect(await rows('map-report', id)).to.deep.equal([{ origin: 'assisted', mediator: 'FS-Saint-Aubin', device_hash: null }]);
    await until(async () => (await personalKeys()).length === 0, 'nothing on the device');
    // The code stays for the session: the next person's widget still shows it.
    const second = await nextPerson(el);
    await until(() => !!bar(second), 'the bar of the fresh widget');
    expect($(second, '[part~="assisted"] summary')!.textContent!.trim()).to.equal('Mediator code: FS-Saint-Aubin');
  });

  it('comments: posted as assisted; no author name, draft or token kept on the device', async () => {
    const id = await putContent('threads', { id: uniqueId('th'), title: 'Market Square' });
    const el = await fixture<CivicElement>(html`<civic-comments endpoint=${url} thread-id=${id} lang="en" mode="assisted" mediator="FS-Lyon-3"></civic-comments>`);
    await until(() => !!el.shadowRoot?.querySelector('#top-body'), 'the comment form');
    for (const f of (el as unknown as { forms: Map<string, { shownAt: number }> }).forms.values()) f.shownAt = performance.now() - 20_000;
    ($(el, '#top-author') as HTMLInputElement).focus();
    await sendKeys({ type: 'Camille' });
    ($(el, '#top-body') as HTMLTextAreaElement).focus();
    await sendKeys({ type: 'More benches, please.' });
    await new Promise((r) => setTimeout(r, 600));
    expect(await personalKeys()).to.deep.equal([], 'no draft written while typing');
    const sent = oneEvent(el, 'civic-submitted');
    ($(el, '#form-top [part~=submit-button]') as HTMLButtonElement).click();
    await sent;
    const stored = await sql<{ origin: string; mediator: string | null; body: string }>(`select origin, mediator, body from comments where thread_id = $1`, [id]);
    expect(stored).to.deep.equal([{ origin: 'assisted', mediator: 'FS-Lyon-3', body: 'More benches, please.' }]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await personalKeys()).to.deep.equal([], 'no author name, token or draft');
    // The next person starts from an empty form (no name remembered).
    const second = await nextPerson(el);
    await until(() => !!second.shadowRoot?.querySelector('#top-author'), 'the fresh form');
    expect(($(second, '#top-author') as HTMLInputElement).value).to.equal('');
  });

  it('inactivity: an alert dialog warns, Continue keeps everything, then the form is cleared and focus goes to the top', async function () {
    this.timeout(40_000);
    // 4.8 s without input, then a 2.4 s warning: long enough for a loaded machine to check in between.
    const id = await createVote({ method: 'multiple' });
    const el = await fixture<CivicElement>(html`<civic-vote endpoint=${url} vote-id=${id} lang="fr" mode="assisted" reset-after="0.08"></civic-vote>`);
    await loaded(el);
    await until(() => !!bar(el), 'the assisted bar');

    await press($(el, 'input[value="oui"]')!);
    await until(() => !!dialog(el)?.open, 'the warning', 12_000);
    const d = dialog(el)!;
    expect(d.getAttribute('aria-modal')).to.equal('true');
    expect(textOf(el.shadowRoot, '#civic-assisted-warning-title')).to.equal('Êtes-vous toujours là\u00a0?');
    expect(textOf(el.shadowRoot, '#civic-assisted-warning-text')).to.match(/^Le formulaire sera effacé dans \d+\u00a0s, avec tout ce qui a été saisi\.$/);
    expect(el.shadowRoot!.activeElement?.id).to.equal('civic-assisted-continue');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' }); // Continue
    await until(() => !dialog(el), 'the warning to close');
    expect(($(el, 'input[value="oui"]') as HTMLInputElement).checked).to.equal(true);
    expect(el.isConnected).to.equal(true);

    // Nobody answers the second warning: cleared.
    const cleared = oneEvent(el, 'civic-reset') as Promise<CivicResetEvent>;
    await until(() => !!dialog(el)?.open || !el.isConnected, 'the second warning', 12_000);
    const reset = await cleared;
    expect(reset.detail.reason).to.equal('inactivity');
    const fresh = reset.detail.replacement as unknown as CivicElement;
    await loaded(fresh);
    expect($$(fresh, 'input[name="choice"]').some((i) => (i as HTMLInputElement).checked)).to.equal(false);
    await until(() => fresh.shadowRoot!.activeElement?.getAttribute('part') === 'title', 'focus on the title');
    expect(await rows('vote', id)).to.deep.equal([]);
    // The fresh copy is untouched: no warning, however long it stays, until someone acts again.
    await new Promise((r) => setTimeout(r, 5500));
    expect(dialog(fresh)).to.equal(null);
  });

  it('offline: queued with origin and mediator, hidden from the next person, sent when the server is back, then gone from the device', async () => {
    const id = await createVote();
    const el = await fixture<CivicElement>(html`<civic-vote endpoint=${url} vote-id=${id} lang="en" mode="assisted" mediator="FS-Lyon-3"></civic-vote>`);
    await loaded(el);
    await backendDown();
    await press($(el, 'input[value="nsp"]')!);
    const queued = oneEvent(el, 'civic-queued');
    $(el, '[part~="submit-button"]')!.click();
    await queued;
    const keysNow = await personalKeys();
    expect(keysNow.length).to.equal(1);
    expect(keysNow[0]).to.match(/^outbox:/);
    const entry = (await get(keysNow[0]!, kv())) as OutboxEntry;
    expect(entry.body).to.include({ origin: 'assisted', mediator: 'FS-Lyon-3' });

    // The next person: a fresh form, not the earlier person's queued choice.
    const second = await nextPerson(el);
    await loaded(second);
    expect(textOf(second.shadowRoot, '#status')).to.equal('');
    expect($$(second, 'input[name="choice"]').some((i) => (i as HTMLInputElement).checked)).to.equal(false);
    let told = false;
    second.addEventListener('civic-synced', () => (told = true));

    await backendUp();
    await outbox.flush(true);
    await until(async () => (await rows('vote', id)).length === 1, 'the queued ballot sent');
    expect(await rows('vote', id)).to.deep.equal([{ origin: 'assisted', mediator: 'FS-Lyon-3', device_hash: null }]);
    expect(await personalKeys()).to.deep.equal([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(told, 'the next person is not told about the earlier one').to.equal(false);
    expect($$(second, 'input[name="choice"]').some((i) => (i as HTMLInputElement).checked)).to.equal(false);
  });

  it('a page may cancel civic-reset and clear the form itself', async () => {
    const id = await createVote();
    const el = await fixture<CivicElement>(html`<civic-vote endpoint=${url} vote-id=${id} lang="en" mode="assisted"></civic-vote>`);
    await loaded(el);
    await until(() => !!bar(el), 'the assisted bar');
    el.addEventListener('civic-reset', (e) => e.preventDefault(), { once: true });
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="assisted-next-button"]')!.click();
    await new Promise((r) => setTimeout(r, 50));
    expect(el.isConnected).to.equal(true);
    expect(current('civic-vote')).to.equal(el);
  });

  it('its strings exist in every language of its table', () => {
    const en = assistedCatalog.done.get('en') as Record<string, unknown>;
    expect(compareTables(en, assistedCatalog.done.get('fr') as Record<string, unknown>, 'assisted.fr')).to.deep.equal([]);
    expect(Object.keys(assistedCatalog.lazy).sort()).to.deep.equal(['ar', 'ca', 'de', 'es', 'it', 'nl']);
  });

  it('its other languages load on demand and match English', async () => {
    const en = assistedCatalog.done.get('en') as Record<string, unknown>;
    for (const [lang, load] of Object.entries(assistedCatalog.lazy)) {
      const table = (await load()).default as Record<string, unknown>;
      expect(compareTables(en, table, `assisted.${lang}`), lang).to.deep.equal([]);
    }
  });
});
