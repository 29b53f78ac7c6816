import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define.js';
import type { CivicVote } from '../src/components/vote/vote.js';
import { backend, clearDeviceStorage, createVote, sql, textOf, until, mountVote, $, $$ } from './support/helpers.js';

const OPTIONS = [
  { id: 'velo', label: { fr: 'Piste cyclable', en: 'Bike lane' } },
  { id: 'parc', label: { fr: 'Parc', en: 'Park' } },
  { id: 'bancs', label: { fr: 'Bancs', en: 'Benches' } },
  { id: 'fontaine', label: { fr: 'Fontaine', en: 'Fountain' } },
  { id: 'arbres', label: { fr: 'Arbres', en: 'Trees' } },
];

const ranking = (el: Element) => $$(el, '.rank-item').map((li) => li.dataset['id']);
const live = (el: Element) => textOf(el.shadowRoot, '#form-live');

async function add(el: CivicVote, ...ids: string[]) {
  for (const id of ids) {
    $(el, `.unranked [data-id="${id}"]`)!.click();
    await el.updateComplete;
  }
}

async function storedChoices(id: string): Promise<string[]> {
  const rows = await sql<{ payload: { choices: string[] } | string }>(`select payload from submissions where kind = 'vote' and content_id = $1`, [id]);
  const p = rows[0]?.payload;
  return (typeof p === 'string' ? JSON.parse(p) : p)?.choices ?? [];
}

describe('<civic-vote> ranked', () => {
  beforeEach(() => clearDeviceStorage());

  it('ranks with buttons, announces each move, and stores the ranking best first', async () => {
    const id = await createVote({ method: 'ranked', options: OPTIONS, ranking: { count: 'both' } });
    const el = await mountVote(id);
    expect(textOf(el.shadowRoot, '#hint')).to.contain('Rank up to 5 options.');
    await expect(el).to.be.accessible();
    await add(el, 'velo', 'parc', 'bancs');
    expect(ranking(el)).to.deep.equal(['velo', 'parc', 'bancs']);
    expect(live(el)).to.equal('Benches added at position 3.');
    $(el, '.rank-item[data-id="bancs"] .up')!.click();
    await el.updateComplete;
    expect(ranking(el)).to.deep.equal(['velo', 'bancs', 'parc']);
    expect(live(el)).to.equal('Benches moved to position 2 of 3.');
    await until(() => el.shadowRoot!.activeElement === $(el, '.rank-item[data-id="bancs"] .up'), 'focus follows the moved option');
    $(el, '.rank-item[data-id="velo"] .down')!.click();
    await el.updateComplete;
    expect(ranking(el)).to.deep.equal(['bancs', 'velo', 'parc']);
    expect($(el, '.rank-item[data-id="bancs"] .up')!.hasAttribute('disabled')).to.equal(true);
    $(el, '.rank-item[data-id="parc"] .remove')!.click();
    await el.updateComplete;
    expect(ranking(el)).to.deep.equal(['bancs', 'velo']);
    expect(live(el)).to.equal('Park removed from your ranking.');
    await expect(el).to.be.accessible();
    setTimeout(() => $(el, '[part~=submit-button]')!.click());
    await oneEvent(el, 'civic-submitted');
    expect(await storedChoices(id)).to.deep.equal(['bancs', 'velo']);
    await until(() => !!$(el, '.results'), 'results');
    expect(textOf(el.shadowRoot, '.results')).to.contain('Your ranking');
    await expect(el).to.be.accessible();
  });

  it('moves a focused option with the arrow keys, in French', async () => {
    const id = await createVote({ method: 'ranked', options: OPTIONS });
    const el = await mountVote(id, 'fr');
    await add(el, 'velo', 'parc', 'bancs', 'fontaine', 'arbres');
    expect($$(el, '.unranked-item')).to.have.length(0);
    $(el, '.rank-item[data-id="velo"]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(ranking(el)).to.deep.equal(['parc', 'velo', 'bancs', 'fontaine', 'arbres']);
    expect(live(el)).to.equal('Piste cyclable déplacé en position 2 sur 5.');
    await until(() => el.shadowRoot!.activeElement === $(el, '.rank-item[data-id="velo"]'), 'focus stays on the moved option');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(ranking(el)).to.deep.equal(['parc', 'bancs', 'fontaine', 'velo', 'arbres']);
    // From a button of the item too, and the focus stays on that button.
    $(el, '.rank-item[data-id="arbres"] .remove')!.focus();
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(ranking(el)).to.deep.equal(['parc', 'bancs', 'fontaine', 'arbres', 'velo']);
    await until(() => el.shadowRoot!.activeElement === $(el, '.rank-item[data-id="arbres"] .remove'), 'focus on the same button');
    // Enter sends.
    $(el, '[part~=submit-button]')!.focus();
    const done = oneEvent(el, 'civic-submitted');
    await sendKeys({ press: 'Enter' });
    await done;
    expect(await storedChoices(id)).to.deep.equal(['parc', 'bancs', 'fontaine', 'arbres', 'velo']);
  });

  it('enforces how many options to rank: at least, and no more than', async () => {
    const id = await createVote({ method: 'ranked', options: OPTIONS, minChoices: 2, maxChoices: 3 });
    const el = await mountVote(id);
    expect(textOf(el.shadowRoot, '#hint')).to.contain('Rank 2 to 3 options.');
    await add(el, 'velo');
    setTimeout(() => $(el, '[part~=submit-button]')!.click());
    await oneEvent(el, 'civic-invalid');
    await until(() => el.shadowRoot!.activeElement?.id === 'choice-error', 'focus on the error');
    expect(textOf(el.shadowRoot, '#choice-error')).to.equal('Rank at least 2 options.');
    await expect(el).to.be.accessible();
    await add(el, 'parc');
    expect($(el, '#choice-error')).to.equal(null);
    await add(el, 'bancs');
    expect($$(el, '.unranked .add').every((b) => b.hasAttribute('disabled'))).to.equal(true);
    expect(ranking(el)).to.deep.equal(['velo', 'parc', 'bancs']);
  });

  it('shows instant-runoff rounds and Borda scores, each explained', async () => {
    const id = await createVote({ method: 'ranked', options: OPTIONS.slice(0, 3), ranking: { count: 'both' } });
    // Four other voters first, through the API; with this widget's ballot, round 1: Bike lane 2, Park 2,
    // Benches 1 (eliminated, its ballot goes to Bike lane); round 2: Bike lane 3 of 5 wins.
    const { url } = await backend();
    for (const [i, choices] of [['velo', 'parc'], ['parc', 'velo'], ['parc', 'velo'], ['bancs', 'velo']].entries()) {
      const res = await fetch(`${url}/votes/${id}/ballots`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `ranked-results-key-${i}-${id}` },
        body: JSON.stringify({ choices, deviceToken: `ranked-results-device-${i}-${id}` }),
      });
      expect(res.status).to.be.oneOf([200, 201]);
    }
    const first = await mountVote(id);
    await add(first, 'velo', 'bancs');
    setTimeout(() => $(first, '[part~=submit-button]')!.click());
    await oneEvent(first, 'civic-submitted');
    // The server reuses rule results for up to 2 s: come back later, as this device that voted.
    await new Promise((r) => setTimeout(r, 2100));
    const el = await mountVote(id);
    await until(() => !!$(el, '.results'), 'results');
    expect(textOf(el.shadowRoot, '[role=status]')).to.contain('You have already voted');
    const text = textOf(el.shadowRoot, '.results');
    expect(text).to.contain('5 votes');
    expect(text).to.contain('At each round the option with the fewest first choices is eliminated');
    const rounds = $$(el, '.rounds tbody tr').map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim());
    expect(rounds).to.have.length(2);
    expect(rounds[0]).to.contain('Bike lane: 2').and.contain('Park: 2').and.contain('Benches: 1');
    expect(textOf(el.shadowRoot, '.rounds tbody tr td:nth-child(3)')).to.equal('Benches');
    expect(rounds[1]).to.contain('Bike lane: 3');
    expect(textOf(el.shadowRoot, '.irv .winner')).to.equal('Winner: Bike lane');
    expect($(el, '.rounds th[scope=col]')).to.not.equal(null);
    expect(textOf(el.shadowRoot, '.borda')).to.contain('Borda count');
    expect(textOf(el.shadowRoot, '.borda-order li')).to.contain('Bike lane');
    await expect(el).to.be.accessible();
  });
});
