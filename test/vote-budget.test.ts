import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define.js';
import type { CivicVote } from '../src/components/vote/vote.js';
import type { VoteDefinitionInput } from '../src/api/schemas.js';
import { backend, clearDeviceStorage, createVote, sql, textOf, until, mountVote, $, $$ } from './support/helpers.js';

/** 100 000 € to share; at least half must be spent. */
const BUDGET: Partial<VoteDefinitionInput> = {
  method: 'budget',
  title: { fr: 'Budget participatif 2027', en: 'Participatory budget 2027' },
  budget: { total: 100000, currency: 'EUR', minShare: 0.5, rule: 'both' },
  categories: [
    { id: 'nature', label: { fr: 'Nature', en: 'Nature' } },
    { id: 'mobilite', label: { fr: 'Mobilité', en: 'Transport' } },
  ],
  districts: [
    { id: 'centre', label: { fr: 'Centre', en: 'Centre' } },
    { id: 'nord', label: { fr: 'Nord', en: 'North' } },
  ],
  options: [
    { id: 'parc', label: { fr: 'Parc', en: 'Park' }, description: { fr: 'Un parc.', en: 'A park.' }, cost: 60000, category: 'nature', district: 'centre', image: { src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', alt: { fr: 'Pelouse et arbres', en: 'Lawn and trees' } } },
    { id: 'velo', label: { fr: 'Piste cyclable', en: 'Bike lane' }, cost: 28000, category: 'mobilite', district: 'nord' },
    { id: 'arbres', label: { fr: 'Arbres', en: 'Trees' }, cost: 30000, category: 'nature', district: 'nord' },
    { id: 'bancs', label: { fr: 'Bancs', en: 'Benches' }, cost: 5000, category: 'mobilite', district: 'centre' },
  ],
};

const toggle = (el: Element, id: string) => $(el, `.project[data-id="${id}"] .toggle`) as HTMLButtonElement;
const shown = (el: Element) => $$(el, '.project').map((p) => p.dataset['id']);

async function click(el: CivicVote, id: string) {
  toggle(el, id).click();
  await el.updateComplete;
}

async function storedPayload(id: string): Promise<{ choices: string[]; eligibility?: Record<string, unknown> }> {
  const rows = await sql<{ payload: unknown }>(`select payload from submissions where kind = 'vote' and content_id = $1 and origin = 'web'`, [id]);
  const p = rows[0]?.payload;
  return (typeof p === 'string' ? JSON.parse(p) : p) as { choices: string[] };
}

describe('<civic-vote> participatory budget', () => {
  beforeEach(() => clearDeviceStorage());

  it('shows project cards with costs, a running total, and never lets the budget be exceeded', async () => {
    const id = await createVote(BUDGET);
    const el = await mountVote(id, 'fr');
    expect(shown(el)).to.deep.equal(['parc', 'velo', 'arbres', 'bancs']);
    const park = $(el, '.project[data-id="parc"]')!;
    expect(textOf(park, '.cost')).to.match(/^60\s000\u00a0€$/);
    expect(park.querySelector('img')!.getAttribute('alt')).to.equal('Pelouse et arbres');
    expect(textOf(park, '.meta')).to.equal('Nature · Centre');
    expect(textOf(el.shadowRoot, '#hint')).to.contain('Utilisez au moins 50\u202f000\u00a0€ (50\u00a0% du budget).');
    await expect(el).to.be.accessible();

    await click(el, 'parc');
    const progress = $(el, 'progress') as HTMLProgressElement;
    expect(progress.value).to.equal(60000);
    expect(progress.max).to.equal(100000);
    expect(textOf(el.shadowRoot, '#spent-label')).to.contain('Reste 40\u202f000\u00a0€.');
    expect(textOf(el.shadowRoot, '#form-live')).to.equal('Parc ajouté. Reste 40\u202f000\u00a0€.');
    await click(el, 'velo');
    // 12 000 € left: the trees (30 000 €) do not fit.
    const trees = toggle(el, 'arbres');
    expect(trees.getAttribute('aria-disabled')).to.equal('true');
    expect(textOf(el.shadowRoot, '#why-arbres')).to.equal('Budget restant insuffisant\u00a0: il reste 12\u202f000\u00a0€, ce projet coûte 30\u202f000\u00a0€.');
    expect(trees.getAttribute('aria-describedby')).to.equal('why-arbres');
    await click(el, 'arbres');
    expect(progress.value).to.equal(88000);
    expect($(el, '.project[data-id="arbres"]')!.classList.contains('chosen')).to.equal(false);
    expect(toggle(el, 'bancs').getAttribute('aria-disabled')).to.equal('false');
    await expect(el).to.be.accessible();
    // Removing a project frees the budget.
    await click(el, 'velo');
    expect(toggle(el, 'arbres').getAttribute('aria-disabled')).to.equal('false');
    expect(textOf(el.shadowRoot, '#form-live')).to.equal('Piste cyclable retiré. Reste 40\u202f000\u00a0€.');
  });

  it('filters by category and district, and enforces the minimum share before the review', async () => {
    const id = await createVote(BUDGET);
    const el = await mountVote(id);
    const category = $(el, '#filter-category') as HTMLSelectElement;
    const district = $(el, '#filter-district') as HTMLSelectElement;
    category.value = 'nature';
    category.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(shown(el)).to.deep.equal(['parc', 'arbres']);
    expect(textOf(el.shadowRoot, '#projects-caption')).to.equal('2 of 4 projects shown');
    district.value = 'nord';
    district.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(shown(el)).to.deep.equal(['arbres']);
    await expect(el).to.be.accessible();
    await click(el, 'arbres');
    category.value = '';
    category.dispatchEvent(new Event('change'));
    district.value = '';
    district.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(shown(el)).to.have.length(4);
    // 30 000 € of the 50 000 € minimum.
    setTimeout(() => $(el, '[part~=submit-button]')!.click());
    await oneEvent(el, 'civic-invalid');
    await until(() => el.shadowRoot!.activeElement?.id === 'choice-error', 'focus on the error');
    expect(textOf(el.shadowRoot, '#choice-error')).to.equal('Choose projects worth at least €50,000 in total.');
    expect($(el, '#review-title')).to.equal(null);
    await expect(el).to.be.accessible();
    await click(el, 'velo');
    expect($(el, '#choice-error')).to.equal(null);
  });

  it('reviews the choice before sending: focus on the review, back to edit, confirm, results under both rules', async () => {
    const id = await createVote(BUDGET);
    const el = await mountVote(id);
    await click(el, 'parc');
    await click(el, 'bancs');
    $(el, '[part~=submit-button]')!.click();
    await until(() => el.shadowRoot!.activeElement?.id === 'review-title', 'focus on the review heading');
    expect(textOf(el.shadowRoot, '#review-title')).to.equal('Review your choice');
    expect($$(el, '.review-list li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['Park €60,000', 'Benches €5,000']);
    expect(textOf(el.shadowRoot, '.review-total')).to.equal('Total: €65,000 chosen out of €100,000.');
    expect($(el, '.projects')).to.equal(null);
    await expect(el).to.be.accessible();
    // Back to the list, choices kept.
    $(el, '.edit')!.click();
    await until(() => el.shadowRoot!.activeElement?.id === 'projects-caption', 'focus back on the list');
    expect($(el, '.project[data-id="parc"]')!.classList.contains('chosen')).to.equal(true);
    await click(el, 'arbres');
    // Keyboard: Enter on the review button, then on the confirm button.
    $(el, '[part~=submit-button]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!$(el, '#review-title'), 'review');
    $(el, '[part~=submit-button]')!.focus();
    const done = oneEvent(el, 'civic-submitted');
    await sendKeys({ press: 'Enter' });
    await done;
    expect((await storedPayload(id)).choices).to.deep.equal(['parc', 'bancs', 'arbres']);
    await until(() => !!$(el, '.results'), 'results');
    expect(textOf(el.shadowRoot, '.results')).to.contain('Projects are taken in order of votes');
    if ($(el, '.rule.mes')) expect(textOf(el.shadowRoot, '.rule.mes')).to.contain('The budget is shared equally between the voters.');
    expect(textOf(el.shadowRoot, '.rule.greedy .funded')).to.contain('Park');
    expect(textOf(el.shadowRoot, '.rule.votes')).to.contain('Park (your choice)');
    await expect(el).to.be.accessible();
  });

  it('shows the results of a closed budget by rule, with ballots by origin', async () => {
    const id = await createVote({ ...BUDGET, opensAt: '2020-01-01T00:00:00Z', closesAt: '2020-02-01T00:00:00Z' });
    const { url, adminToken } = await backend();
    const tally = await fetch(`${url}/admin/votes/${id}/tallies`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ origin: 'paper', ballots: [{ choices: ['parc', 'bancs'] }, { choices: ['velo', 'arbres'] }, { choices: ['parc'] }] }),
    });
    expect(tally.ok, await tally.text()).to.equal(true);
    const el = await mountVote(id);
    await until(() => !!$(el, '.results'), 'results');
    expect($(el, 'form')).to.equal(null);
    // Greedy: Park (2 votes, 60 000), Benches (1, 5 000), Bike lane (1, 28 000): 93 000; Trees no longer fit.
    expect(textOf(el.shadowRoot, '.rule.greedy .funded')).to.contain('Park').and.contain('Benches').and.not.contain('Trees');
    expect(textOf(el.shadowRoot, '.rule.greedy .total')).to.contain('spent out of €100,000');
    const rows = $$(el, '.origins tr').map((tr) => [...tr.children].map((c) => c.textContent!.trim()).join(' '));
    expect(rows).to.deep.equal(['Origin Ballots', 'Total 3', 'Paper 3']);
    await expect(el).to.be.accessible();
  });
});
