/**
 * A ranked poll with the keyboard alone: real key presses only (Tab, Shift+Tab, Enter, Space, arrow
 * keys). Focus order as Chromium names each stop, a visible focus at every stop, each move
 * announced in the live region, the ranking stored best first, Chromium's accessibility tree.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { CivicVote } from '../src/components/vote/vote.js';
import { backend, clearDeviceStorage, createVote, sql, until, $ } from './support/helpers.js';
import { announced, axGet, axTree, deepActive, here, press, startBefore, tabTo, tabVisibly } from './support/a11y.js';

const OPTIONS = [
  { id: 'velo', label: { fr: 'Piste cyclable', en: 'Bike lane' } },
  { id: 'parc', label: { fr: 'Parc', en: 'Park' } },
  { id: 'bancs', label: { fr: 'Bancs', en: 'Benches' } },
  { id: 'fontaine', label: { fr: 'Fontaine', en: 'Fountain' } },
];

async function mount(id: string): Promise<CivicVote> {
  const { url } = await backend();
  const wrap = await fixture<HTMLDivElement>(html`<div>
    <a href="#before" id="before">Before the poll</a>
    <civic-vote endpoint=${url} vote-id=${id} lang="en"></civic-vote>
    <a href="#after" id="after">After the poll</a>
  </div>`);
  const el = wrap.querySelector('civic-vote')!;
  await until(() => !!el.shadowRoot?.querySelector('form .ranked'), 'the ranked form');
  startBefore(wrap);
  return el;
}

async function stored(id: string): Promise<string[][]> {
  const rows = await sql<{ payload: { choices: string[] } | string }>(`select payload from submissions where kind = 'vote' and content_id = $1`, [id]);
  return rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload).choices);
}

const live = (el: Element) => (el.shadowRoot!.querySelector('#form-live')!.textContent ?? '').trim();

describe('<civic-vote> ranked, with the keyboard alone', () => {
  beforeEach(() => clearDeviceStorage());

  it('adds with Enter and Space, reorders with the buttons and the arrow keys, removes, sends', async () => {
    const id = await createVote({ method: 'ranked', options: OPTIONS, maxChoices: 3 });
    const el = await mount(id);

    const tree = await axTree('civic-vote');
    const group = axGet(tree, 'group', 'Should trees be planted on Market Square?');
    expect(group.description).to.contain('Add the options to your ranking in order of preference');
    expect(group.description).to.contain('the up and down arrow keys move it');
    axGet(tree, 'list', 'Your ranking');
    const unranked = axGet(tree, 'list', 'Not ranked yet');
    expect(unranked.children.length).to.equal(4);
    axGet(unranked, 'button', 'Add Bike lane');

    // The first stop is the first option to add; Enter adds it and the focus goes to the next one.
    expect(await tabVisibly()).to.equal('button "Add Bike lane"');
    await press('Enter');
    await until(() => live(el) === 'Bike lane added at position 1.', 'first addition announced');
    expect(await here()).to.equal('button "Add Park"');
    await press('Space');
    await until(() => live(el) === 'Park added at position 2.', 'second addition announced');
    expect(await here()).to.equal('button "Add Benches"');
    await press('Enter');
    await until(() => live(el) === 'Benches added at position 3.', 'third addition announced');
    // Three is the maximum: the focus goes to the last ranked option, the "Add" buttons are disabled.
    expect(deepActive()).to.equal($(el, '.rank-item[data-id="bancs"]'));
    expect(await here()).to.equal('listitem "Benches — position 3 of 3"');
    const full = await axTree('civic-vote');
    expect(axGet(full, 'button', 'Add Fountain').props['disabled']).to.equal(true);

    // Shift+Tab walks back through the ranking: Benches' own buttons are not in front of it, Park's are.
    expect(await tabVisibly(true)).to.equal('button "Remove Park from my ranking"');
    expect(await tabVisibly(true)).to.equal('button "Move Park down"');
    await press('Enter');
    await until(() => live(el) === 'Park moved to position 3 of 3.', 'move announced');
    // At the bottom its "down" button is disabled: the focus goes to the item itself.
    expect(deepActive()).to.equal($(el, '.rank-item[data-id="parc"]'));
    expect(await here()).to.equal('listitem "Park — position 3 of 3"');
    // The arrow keys move the focused item.
    await press('ArrowUp');
    await until(() => live(el) === 'Park moved to position 2 of 3.', 'arrow move announced');
    await press('ArrowUp');
    await until(() => live(el) === 'Park moved to position 1 of 3.', 'second arrow move announced');
    expect([...el.shadowRoot!.querySelectorAll<HTMLElement>('.rank-item')].map((li) => li.dataset['id'])).to.deep.equal(['parc', 'velo', 'bancs']);
    expect(await here()).to.equal('listitem "Park — position 1 of 3"');

    // Remove Benches with its button; the focus goes to a neighbour, the removal is announced.
    await tabTo('button "Remove Benches from my ranking"');
    await press('Enter');
    await until(() => live(el) === 'Benches removed from your ranking.', 'removal announced');
    expect(deepActive()).to.equal($(el, '.rank-item[data-id="velo"]'));

    // Then on to the button and send.
    const stops = await tabTo('button "Vote"');
    expect(stops.filter((s) => s.startsWith('button "Add')).length).to.equal(2);
    await press('Enter');
    await until(() => !!$(el, '.results'), 'the results');
    await until(() => deepActive()?.id === 'status', 'focus on the confirmation');
    expect(announced(el)).to.contain('Thank you, your vote has been counted.');
    expect(await stored(id)).to.deep.equal([['parc', 'velo']]);
    const done = await axTree('civic-vote');
    axGet(done, 'heading', 'Instant-runoff count');
    axGet(done, 'table');
    axGet(done, 'list', 'Your ranking');
  });

  it('announces a missing ranking and puts the focus on the error', async () => {
    const id = await createVote({ method: 'ranked', options: OPTIONS, minChoices: 2 });
    await mount(id);
    await tabTo('button "Vote"');
    await press('Enter');
    await until(() => deepActive()?.id === 'choice-error', 'focus on the error');
    expect(deepActive()!.textContent).to.equal('Rank at least 2 options.');
    const tree = await axTree('civic-vote');
    const group = axGet(tree, 'group', 'Should trees be planted on Market Square?');
    expect(group.props['invalid']).to.equal('true');
    expect(group.description).to.contain('Rank at least 2 options.');
    expect(await stored(id)).to.deep.equal([]);
  });
});
