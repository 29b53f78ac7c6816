/**
 * A participatory budget with the keyboard alone: filter with the arrow keys in a select, add and
 * remove projects with Enter and Space, a project that no longer fits refused and explained,
 * review, change, send. Real key presses only; focus order and visible focus at every stop; what
 * the live region says after each step; the ballot stored; Chromium's accessibility tree.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { CivicVote } from '../src/components/vote/vote.js';
import type { VoteDefinitionInput } from '../src/api/schemas.js';
import { backend, clearDeviceStorage, createVote, sql, until, $ } from './support/helpers.js';
import { announced, axGet, axTree, deepActive, here, press, startBefore, tabTo, tabVisibly } from './support/a11y.js';

const BUDGET: Partial<VoteDefinitionInput> = {
  method: 'budget',
  title: { fr: 'Budget participatif 2027', en: 'Participatory budget 2027' },
  budget: { total: 100000, currency: 'EUR', minShare: 0.5, rule: 'both' },
  categories: [
    { id: 'nature', label: { fr: 'Nature', en: 'Nature' } },
    { id: 'mobilite', label: { fr: 'Mobilité', en: 'Transport' } },
  ],
  options: [
    { id: 'parc', label: { fr: 'Parc', en: 'Park' }, cost: 60000, category: 'nature' },
    { id: 'velo', label: { fr: 'Piste cyclable', en: 'Bike lane' }, cost: 28000, category: 'mobilite' },
    { id: 'arbres', label: { fr: 'Arbres', en: 'Trees' }, cost: 30000, category: 'nature' },
  ],
};

async function mount(id: string): Promise<CivicVote> {
  const { url } = await backend();
  const wrap = await fixture<HTMLDivElement>(html`<div>
    <a href="#before" id="before">Before the poll</a>
    <civic-vote endpoint=${url} vote-id=${id} lang="en"></civic-vote>
    <a href="#after" id="after">After the poll</a>
  </div>`);
  const el = wrap.querySelector('civic-vote')!;
  await until(() => !!el.shadowRoot?.querySelector('form .budget'), 'the budget form');
  startBefore(wrap);
  return el;
}

async function stored(id: string): Promise<string[][]> {
  const rows = await sql<{ payload: { choices: string[] } | string }>(`select payload from submissions where kind = 'vote' and content_id = $1`, [id]);
  return rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload).choices);
}

const live = (el: Element) => (el.shadowRoot!.querySelector('#form-live')!.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<civic-vote> participatory budget, with the keyboard alone', () => {
  beforeEach(() => clearDeviceStorage());

  it('filters, adds, is refused what does not fit, reviews, changes and sends', async () => {
    const id = await createVote(BUDGET);
    const el = await mount(id);

    const tree = await axTree('civic-vote');
    const group = axGet(tree, 'group', 'Participatory budget 2027');
    expect(group.description).to.contain('€100,000');
    const meter = axGet(tree, 'progressbar', /chosen out of/);
    expect(meter.name).to.equal('€0 chosen out of €100,000. €100,000 left.');
    axGet(tree, 'combobox', 'Category');
    const projects = axGet(tree, 'list', '3 projects');
    expect(projects.children.length).to.equal(3);
    axGet(projects, 'heading', 'Park');

    // The filter: arrow keys in the select, the number of projects shown is announced.
    expect(await tabVisibly()).to.equal('combobox "Category"');
    await press('ArrowDown');
    await until(() => live(el) === '2 of 3 projects shown', 'the filter announced');
    expect(el.shadowRoot!.querySelectorAll('.project').length).to.equal(2);
    await press('ArrowUp');
    await until(() => live(el) === '3 projects', 'all projects again');

    // Add the park with Enter: the button becomes "Remove Park" and keeps the focus.
    expect(await tabVisibly()).to.equal('button "Add Park"');
    await press('Enter');
    await until(() => live(el) === 'Park added. €40,000 left.', 'addition announced');
    expect(await here()).to.equal('button "Remove Park"');
    const spent = axGet(await axTree('civic-vote'), 'progressbar', /chosen out of/);
    expect(spent.name).to.equal('€60,000 chosen out of €100,000. €40,000 left.');

    // The trees no longer fit: the button says why, and pressing it adds nothing.
    expect(await tabVisibly()).to.equal('button "Add Bike lane"');
    await press('Space');
    await until(() => live(el) === 'Bike lane added. €12,000 left.', 'second addition announced');
    const trees = axGet(await axTree('civic-vote'), 'button', 'Add Trees');
    expect(trees.description).to.equal('Not enough budget left: €12,000 left, this costs €30,000.');
    expect(trees.props['disabled']).to.equal(true); // aria-disabled: announced as unavailable, still in the Tab order
    expect(await tabVisibly()).to.equal('button "Add Trees"');
    await press('Enter');
    await until(() => live(el) === 'Not enough budget left: €12,000 left, this costs €30,000.', 'refusal announced');
    expect($(el, '.project[data-id="arbres"]')!.classList.contains('chosen')).to.equal(false);

    // Review: the focus goes to the review's heading; change, then review again and send.
    expect(await tabVisibly()).to.equal('button "Review my choice"');
    await press('Enter');
    await until(() => !!$(el, '.review'), 'the review');
    expect(await here()).to.equal('heading "Review your choice"');
    const review = await axTree('civic-vote');
    const list = axGet(axGet(review, 'region', 'Review your choice'), 'list');
    expect(list.children.length).to.equal(2);
    expect(await tabVisibly()).to.equal('button "Change my choice"');
    await press('Enter');
    await until(() => !!$(el, '.budget'), 'back to the projects');
    expect(deepActive()?.id).to.equal('projects-caption');
    await tabTo('button "Review my choice"');
    await press('Enter');
    await until(() => !!$(el, '.review'), 'the review again');
    await tabTo('button "Vote"');
    await press('Enter');
    await until(() => !!$(el, '.results'), 'the results');
    await until(() => deepActive()?.id === 'status', 'focus on the confirmation');
    expect(announced(el)).to.contain('Thank you, your vote has been counted.');
    expect(await stored(id)).to.deep.equal([['parc', 'velo']]);
  });

  it('refuses too small a share: the error is focused and tied to the group', async () => {
    const id = await createVote(BUDGET);
    await mount(id);
    await tabTo('button "Add Bike lane"');
    await press('Enter');
    await tabTo('button "Review my choice"');
    await press('Enter');
    await until(() => deepActive()?.id === 'choice-error', 'focus on the error');
    expect(deepActive()!.textContent).to.equal('Choose projects worth at least €50,000 in total.');
    const group = axGet(await axTree('civic-vote'), 'group', 'Participatory budget 2027');
    expect(group.props['invalid']).to.equal('true');
    expect(group.description).to.contain('Choose projects worth at least €50,000 in total.');
    expect(await stored(id)).to.deep.equal([]);
  });
});
