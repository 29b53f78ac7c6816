/**
 * <civic-vote> with the keyboard alone (single choice and k of n): real key presses through the
 * browser (Tab, Shift+Tab, arrows, Space, Enter), never a synthetic click. Asserts the focus order
 * as Chromium names each stop, a visible focus at every stop, what the live regions say after each
 * step, the ballot stored by the live backend, and Chromium's accessibility tree in each state.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { CivicVote } from '../src/components/vote/vote.js';
import { backend, clearDeviceStorage, createVote, sql, until, $ } from './support/helpers.js';
import { announced, axGet, axTree, deepActive, focused, focusIndicator, press, stop, tab, type FocusStop } from './support/a11y.js';

async function mount(id: string, lang = 'en'): Promise<CivicVote> {
  const { url } = await backend();
  const wrap = await fixture<HTMLDivElement>(html`<div>
    <a href="#before" id="before">Before the poll</a>
    <civic-vote endpoint=${url} vote-id=${id} lang=${lang}></civic-vote>
    <a href="#after" id="after">After the poll</a>
  </div>`);
  const el = wrap.querySelector('civic-vote')!;
  await until(() => !!el.shadowRoot?.querySelector('form, [role=alert]'), 'the poll to load');
  await el.updateComplete;
  (wrap.querySelector('#before') as HTMLElement).focus();
  return el;
}

async function choices(id: string): Promise<string[][]> {
  const rows = await sql<{ payload: { choices: string[] } | string }>(`select payload from submissions where kind = 'vote' and content_id = $1`, [id]);
  return rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload).choices);
}

/** Tab, then check the focus is visible where it landed. */
async function next(back = false): Promise<FocusStop> {
  const s = await tab(back);
  const f = focusIndicator();
  expect(f.visible, `focus visible on ${stop(s)}: ${f.what}`).to.equal(true);
  return s;
}

describe('<civic-vote> with the keyboard alone', () => {
  beforeEach(() => clearDeviceStorage());

  it('single choice: Tab into the group, arrows to choose, Tab to the button, Enter; the thanks and the results are announced', async () => {
    const id = await createVote();
    const el = await mount(id);
    const tree = await axTree('civic-vote');
    const region = axGet(tree, 'region', 'Should trees be planted on Market Square?');
    axGet(region, 'heading', 'Should trees be planted on Market Square?');
    const group = axGet(tree, 'group', 'Should trees be planted on Market Square?');
    expect(group.description).to.equal('Choose one answer.');
    expect(['Yes', 'No', 'No opinion'].map((n) => axGet(group, 'radio', n).props['checked'])).to.deep.equal(['false', 'false', 'false']);
    expect(axGet(tree, 'status').props['live']).to.equal('polite');

    // Into the radio group: the first option, nothing chosen yet.
    expect(stop(await next())).to.equal('radio "Yes"');
    // Enter in an empty group submits the form: the error is announced and focused, nothing sent.
    await press('Enter');
    await until(() => deepActive()?.id === 'choice-error', 'focus on the error');
    expect(announced(el)).to.equal('');
    expect(deepActive()!.textContent).to.equal('Choose one answer.');
    const invalid = await axTree('civic-vote');
    const bad = axGet(invalid, 'group', 'Should trees be planted on Market Square?');
    expect(bad.props['invalid']).to.equal('true');
    expect(bad.description).to.contain('Choose one answer.');
    expect(await choices(id)).to.deep.equal([]);

    // From the error, Tab goes back into the group; the arrows choose.
    expect(stop(await next())).to.equal('radio "Yes"');
    await press('ArrowDown');
    expect(stop(await focused())).to.equal('radio "No"');
    expect(($(el, 'input[value=non]') as HTMLInputElement).checked).to.equal(true);
    // The error goes away once the rule holds.
    expect($(el, '#choice-error')).to.equal(null);
    expect(stop(await next())).to.equal('button "Vote"');
    expect(stop(await next(true))).to.equal('radio "No"');
    expect(stop(await next())).to.equal('button "Vote"');
    await press('Enter');
    await until(() => !!$(el, '.results'), 'the results');
    await until(() => deepActive()?.id === 'status', 'focus on the confirmation');
    expect(announced(el)).to.match(/^Thank you, your vote has been counted\. Results — Yes: 0% \(0 votes\) ; No: 100% \(1 vote\) ; No opinion: 0% \(0 votes\)/);
    expect(await choices(id)).to.deep.equal([['non']]);

    const done = await axTree('civic-vote');
    const status = axGet(done, 'status');
    expect(status.name === '' || status.name.startsWith('Thank you')).to.equal(true);
    // The results: a figure with its caption and one list item per option.
    expect(axGet(axGet(done, 'figure'), 'list').children.map((c) => c.role)).to.deep.equal(['listitem', 'listitem', 'listitem']);
    expect($(el, 'figcaption')!.textContent).to.equal('Results');
    // Tab leaves the widget for the page: no trap.
    expect(stop(await tab())).to.equal('link "After the poll"');
  });

  it('k of n: Space ticks boxes, the rule is announced when broken, Enter sends two choices', async () => {
    const id = await createVote({
      method: 'multiple',
      minChoices: 1,
      maxChoices: 2,
      options: ['a', 'b', 'c'].map((o) => ({ id: o, label: `Option ${o.toUpperCase()}` })),
    });
    const el = await mount(id);
    const order: string[] = [];
    for (let i = 0; i < 4; i++) order.push(stop(await next()));
    expect(order).to.deep.equal(['checkbox "Option A"', 'checkbox "Option B"', 'checkbox "Option C"', 'button "Vote"']);
    // Back to A, B and C, ticking all three: the third breaks the rule at once.
    for (let i = 0; i < 3; i++) await next(true);
    await press('Space');
    await next();
    await press('Space');
    await next();
    await press('Space');
    await until(() => !!$(el, '#choice-error'), 'the rule shown');
    expect($(el, '#choice-error')!.textContent).to.equal('Choose at most 2 options.');
    const tree = await axTree('civic-vote');
    const group = axGet(tree, 'group');
    expect(group.props['invalid']).to.equal('true');
    expect(group.description).to.contain('Choose at most 2 options.');
    expect(axGet(group, 'checkbox', 'Option C').props['checked']).to.equal('true');
    await press('Space');
    expect($(el, '#choice-error')).to.equal(null);
    expect(stop(await next())).to.equal('button "Vote"');
    await press('Enter');
    await until(() => !!$(el, '.results'), 'the results');
    expect(announced(el)).to.contain('Thank you, your vote has been counted.');
    expect(await choices(id)).to.deep.equal([['a', 'b']]);
  });
});
