/**
 * <civic-vote print>: paper ballots from the votes' own definitions on the live backend — one box,
 * k of n, a ranking, a participatory budget with its projects' costs and limits, an invitation
 * code and eligibility questions — with where to put the ballot and a QR code that reads back as
 * the online address.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { CivicVote } from '../src/components/vote/vote.js';
import type { VoteDefinitionInput } from '../src/api/schemas.js';
import { backend, createVote, textOf } from './support/helpers.js';
import { decodeQr, paperShown } from './paper-support.js';

async function ballot(id: string, lang = 'en', online = 'https://town.example/vote'): Promise<CivicVote> {
  const { url } = await backend();
  const el = await fixture<CivicVote>(html`<civic-vote endpoint=${url} vote-id=${id} lang=${lang} print online-url=${online}></civic-vote>`);
  await paperShown(el);
  return el;
}

const $ = (el: Element, s: string) => el.shadowRoot!.querySelector<HTMLElement>(s);
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];
const howTo = (el: Element) => textOf(el.shadowRoot, '.paper-howto');

const projects: VoteDefinitionInput['options'] = [
  { id: 'pistes', label: { fr: 'Pistes cyclables', en: 'Cycle lanes' }, description: { fr: 'Vers les écoles.', en: 'To the schools.' }, cost: 38000 },
  { id: 'abris', label: { fr: 'Abris vélos', en: 'Bike shelters' }, cost: 9500 },
  { id: 'verger', label: { fr: 'Verger partagé', en: 'Shared orchard' }, cost: 12000 },
];

describe('<civic-vote print>: the paper ballot', () => {
  it('a poll with one answer: one box per option, "one box only", where to put it, a QR code of the online address', async () => {
    const id = await createVote({ paper: { returnTo: { fr: 'Dans l’urne de la mairie.', en: 'In the ballot box at the town hall.' } } });
    const el = await ballot(id);
    expect(textOf(el.shadowRoot, '.paper-kind')).to.equal('Paper ballot');
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Should trees be planted on Market Square?');
    expect(howTo(el)).to.contain('Put a cross in one box only.').and.contain('cannot be counted').and.contain('Do not write your name');
    const options = $$(el, '[part~=sheet] .paper-choice');
    expect(options.map((o) => o.textContent!.trim())).to.deep.equal(['Yes', 'No', 'No opinion']);
    expect(options.every((o) => o.querySelector('.box:not(.wide)'))).to.equal(true);
    expect(textOf(el.shadowRoot, '.paper-return')).to.contain('Where to put your ballot').and.contain('In the ballot box at the town hall.');
    // An anonymous ballot: no personal-data notice unless the vote asks questions.
    expect($(el, '[part~=privacy]')).to.equal(null);
    expect(await decodeQr(el.shadowRoot!.querySelector<SVGSVGElement>('[part~=online] svg.qr')!)).to.equal('https://town.example/vote');
    expect($$(el, 'input, form')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('k of n and a ranking say how many boxes, and the ranking has boxes for numbers', async () => {
    const multiple = await ballot(await createVote({ method: 'multiple', minChoices: 2, maxChoices: 3, options: [1, 2, 3, 4].map((n) => ({ id: `o${n}`, label: `Option ${n}` })) }), 'fr');
    expect(howTo(multiple)).to.contain('Mettez une croix dans 2 à 3\u00a0cases.');
    const upTo = await ballot(await createVote({ method: 'multiple', maxChoices: 2 }));
    expect(howTo(upTo)).to.contain('Put a cross in 2 boxes at most.');
    const ranked = await ballot(await createVote({ method: 'ranked', maxChoices: 2, options: [1, 2, 3, 4].map((n) => ({ id: `r${n}`, label: `Site ${n}` })) }));
    expect(howTo(ranked)).to.contain('Write 1 in the box of your first choice').and.contain('Rank 2 choices at most.');
    expect($$(ranked, '[part~=sheet] .box.wide')).to.have.length(4);
    await expect(ranked).to.be.accessible();
  });

  it('a participatory budget: each project with its cost, the total not to exceed, the minimum, a box for the total', async () => {
    const id = await createVote({ method: 'budget', options: projects, budget: { total: 50000, currency: 'EUR', minShare: 0.5, rule: 'greedy' } });
    const el = await ballot(id);
    expect(howTo(el)).to.contain('the total must not be more than €50,000.').and.contain('The total must be at least €25,000.');
    const rows = $$(el, '[part~=sheet] tbody tr');
    expect(rows).to.have.length(3);
    expect(rows.map((r) => [r.querySelector('th')!.textContent!.replace(/\s+/g, ' ').trim(), r.querySelector('.num')!.textContent!.trim()])).to.deep.equal([
      ['Cycle lanes To the schools.', '€38,000'],
      ['Bike shelters', '€9,500'],
      ['Shared orchard', '€12,000'],
    ]);
    expect(rows.every((r) => r.querySelector('.box'))).to.equal(true);
    expect($$(el, '[part~=sheet] thead th').map((th) => th.textContent!.trim())).to.deep.equal(['My choice', 'Project', 'Cost']);
    expect(textOf(el.shadowRoot, '.budget-total')).to.equal('Total of the projects I chose:');
    await expect(el).to.be.accessible();

    const fr = await ballot(id, 'fr');
    expect(howTo(fr)).to.contain('le total ne doit pas dépasser 50\u202f000\u00a0€');
    expect(textOf(fr.shadowRoot, '[part~=sheet] tbody tr .num')).to.equal('38\u202f000\u00a0€');
  });

  it('an invitation code and eligibility questions come first, with the personal-data notice', async () => {
    const id = await createVote({
      access: 'codes',
      eligibility: [
        { id: 'habitant', label: { fr: 'J’habite la commune', en: 'I live in the town' }, type: 'yesno', required: true, mustBeYes: true },
        { id: 'age', label: { fr: 'Votre âge', en: 'Your age' }, type: 'choice', options: [{ id: 'moins-25', label: 'Under 25' }, { id: 'plus-25', label: '25 or over' }] },
      ],
      paper: { organiser: 'Town hall', privacy: { retention: 'Until the results are published.' } },
    });
    const el = await ballot(id);
    const questions = textOf(el.shadowRoot, '.ballot-questions');
    expect(questions).to.contain('Your invitation code').and.contain('I live in the town').and.contain('Yes').and.contain('Your age').and.contain('25 or over');
    const privacy = textOf(el.shadowRoot, '[part~=privacy]');
    expect(privacy).to.contain('Your answers to the questions at the top').and.contain('How long: Until the results are published.').and.contain('write to: Town hall');
    await expect(el).to.be.accessible();
  });
});
