/**
 * Easy-read mode (docs/easy-read.md) in every widget, on the real backend: with `easy-read` (on the
 * widget or on <civic-config>) the interface speaks plain language in French and English, the
 * organiser's easy-read texts (`fr-x-falc`, `en-x-easy`) replace the normal ones, pictograms stand
 * beside the main actions and messages; without it, nothing changes. Screenshots at 320 px of each
 * widget in easy-read mode, French and English, land in .tmp/easy-read/.
 */
import { expect, fixture, oneEvent } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../src/define.js';
import type { CivicVote } from '../src/components/vote/vote.js';
import type { CivicPetition } from '../src/components/petition/petition.js';
import type { CivicSurvey } from '../src/components/survey/survey.js';
import type { CivicMapReport } from '../src/components/map-report/map-report.js';
import type { CivicComments } from '../src/components/comments/comments.js';
import type { CivicConfig } from '../src/components/config/config.js';
import { outbox } from '../src/internal/outbox.js';
import { $, $$, backend, backendDown, backendUp, clearDeviceStorage, createVote, putContent, storedBallots, textOf, uniqueId, until } from './support/helpers.js';

type Lang = 'fr' | 'en';
const LANGS: Lang[] = ['fr', 'en'];

/** A demo definition (demo/content/…) under a fresh id. */
async function demo(path: string): Promise<Record<string, unknown>> {
  const { kind: _kind, ...def } = (await (await fetch(`/demo/content/${path}.json`)).json()) as Record<string, unknown>;
  return { ...def, id: uniqueId(path.split('/')[0]!.replace(/s$/, '')) };
}

/** Mounts `markup` (one widget, or a <civic-config> around one) and waits for `ready`. */
async function mount<T extends HTMLElement>(markup: string, ready: (el: T) => boolean): Promise<T> {
  const root = await fixture<HTMLElement>(markup);
  const el = (root.localName === 'civic-config' ? root.firstElementChild : root) as T;
  await until(() => ready(el), `${el.localName} to show its easy-read words`);
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  // A resident takes more than the minimum form-fill time.
  if ('shownAt' in el) (el as unknown as { shownAt: number }).shownAt = performance.now() - 10_000;
  return el;
}

/** The pictograms shown, by name; each must be hidden from assistive technologies. */
function pictograms(el: Element, within = ''): string[] {
  const found = $$(el, `${within} svg.pictogram`.trim());
  for (const p of found) expect(p.getAttribute('aria-hidden'), 'a pictogram is decorative').to.equal('true');
  return found.map((p) => [...p.classList].find((c) => c !== 'pictogram')!);
}

/** A screenshot of the page at 320 px, for a person to look at (.tmp/easy-read/<name>.png). */
async function shoot(name: string, el: Element): Promise<void> {
  await setViewport({ width: 320, height: 640 });
  el.scrollIntoView();
  await new Promise((r) => setTimeout(r, 100));
  await executeServerCommand('page-screenshot', { path: `easy-read/${name}.png`, fullPage: true });
  await setViewport({ width: 800, height: 600 });
}

const body = (el: Element) => textOf(el.shadowRoot, '[part~=base]');

describe('easy-read mode', () => {
  beforeEach(() => clearDeviceStorage());

  it('loads the easy-read tables only for a widget in easy-read mode, and follows the attribute both ways', async () => {
    const easyChunks = () => performance.getEntriesByType('resource').filter((e) => /\/easy\/[\w-]+\.(fr|en)\.(ts|js)/.test(e.name)).length;
    const id = await createVote();
    const { url } = await backend();
    const el = await mount<CivicVote>(`<civic-vote endpoint="${url}" vote-id="${id}" lang="fr"></civic-vote>`, (v) => !!$(v, 'form'));
    expect(textOf(el.shadowRoot, '#hint')).to.equal('Choisissez une réponse.');
    expect(easyChunks(), 'no easy-read chunk for a page without easy-read').to.equal(0);
    expect(pictograms(el)).to.deep.equal([]);
    el.easyRead = true;
    await until(() => textOf(el.shadowRoot, '#hint') === 'Choisissez 1\u00a0réponse.', 'the easy-read words');
    expect(easyChunks()).to.be.greaterThan(0);
    expect(textOf(el.shadowRoot, '[part~=submit-button]')).to.equal('Envoyer mon vote');
    expect(pictograms(el)).to.deep.equal(['help', 'send']);
    el.easyRead = false;
    await el.updateComplete;
    expect(textOf(el.shadowRoot, '#hint')).to.equal('Choisissez une réponse.');
    expect(textOf(el.shadowRoot, '[part~=submit-button]')).to.equal('Voter');
    expect(pictograms(el)).to.deep.equal([]);
  });

  for (const lang of LANGS) {
    const fr = lang === 'fr';

    it(`<civic-vote> (${lang}): plain words, the organiser's easy-read texts, pictograms; a vote counted and said so plainly`, async () => {
      const def = await demo('votes/velo-rue-principale');
      await putContent('votes', def);
      const { url } = await backend();
      const tag = (easy: boolean) => `<civic-vote endpoint="${url}" vote-id="${def['id']}" lang="${lang}" ${easy ? 'easy-read' : ''}></civic-vote>`;
      // Without easy-read: the normal words and texts.
      const normal = await mount<CivicVote>(tag(false), (v) => !!$(v, 'form'));
      expect(textOf(normal.shadowRoot, '[part~=title]')).to.equal(fr ? 'Faut-il une piste cyclable rue Principale ?' : 'Should Main Street get a cycle lane?');
      expect(textOf(normal.shadowRoot, '[part~=submit-button]')).to.equal(fr ? 'Voter' : 'Vote');
      normal.remove();
      const el = await mount<CivicVote>(tag(true), (v) => textOf(v.shadowRoot, '#hint') === (fr ? 'Choisissez 1\u00a0réponse.' : 'Choose 1 answer.'));
      expect(el.hasAttribute('easy-read')).to.equal(true);
      expect(textOf(el.shadowRoot, '[part~=title]')).to.equal(fr ? 'Voulez-vous une piste pour les vélos rue Principale ?' : 'Do you want a bike lane on Main Street?');
      expect(textOf(el.shadowRoot, '.description')).to.equal(
        fr ? 'La mairie va refaire la rue Principale en 2027. Elle veut savoir ce que vous pensez. Ensuite, elle choisira.' : 'The town will redo Main Street in 2027. The town wants to know what you think. Then the town will choose.',
      );
      for (const text of fr
        ? ['Oui, une piste à part, loin des voitures', 'Il y aura moins de places pour garer les voitures.', 'Oui, une ligne peinte sur la route', 'Non, ne rien changer']
        : ['Yes, a bike lane away from the cars', 'There will be fewer places to park cars.', 'Yes, a line painted on the road', 'No, change nothing'])
        expect(textOf(el.shadowRoot, '[part~=field]')).to.contain(text);
      expect(textOf(el.shadowRoot, '[part~=submit-button]')).to.equal(fr ? 'Envoyer mon vote' : 'Send my vote');
      expect(pictograms(el)).to.deep.equal(['help', 'send']);
      await expect(el).to.be.accessible();
      // Sending without a choice: the plain error.
      $(el, '[part~=submit-button]')!.click();
      await el.updateComplete;
      expect(textOf(el.shadowRoot, '#choice-error')).to.equal(fr ? 'Choisissez 1\u00a0réponse.' : 'Choose 1 answer.');
      await shoot(`vote-${lang}`, el);
      ($(el, 'input[value="bande-peinte"]') as HTMLInputElement).click();
      setTimeout(() => $(el, '[part~=submit-button]')!.click());
      await oneEvent(el, 'civic-submitted');
      await until(() => !!$(el, '.results'), 'the results');
      expect(textOf(el.shadowRoot, '[role=status] .message p')).to.equal(fr ? 'Merci. Votre vote est compté.' : 'Thank you. Your vote is counted.');
      expect(pictograms(el, '[role=status]')).to.deep.equal(['success']);
      expect(textOf(el.shadowRoot, '.results')).to.contain(fr ? '1\u00a0personne a voté' : '1 person voted');
      expect(textOf(el.shadowRoot, '.results')).to.contain(fr ? 'Oui, une ligne peinte sur la route (vous avez choisi ceci)' : 'Yes, a line painted on the road (you chose this)');
      // What the live region announces.
      expect(textOf(el.shadowRoot, '[role=status]')).to.contain(fr ? 'Oui, une ligne peinte sur la route\u00a0: 1\u00a0vote. Cela fait 100' : 'Yes, a line painted on the road: 1 vote. That is 100');
      expect(await storedBallots(def['id'] as string)).to.equal(1);
      await expect(el).to.be.accessible();
    });

    it(`<civic-petition> (${lang}): plain words and the organiser's easy-read text; errors and the confirmation said plainly`, async () => {
      const def = await demo('petitions/bureau-de-poste');
      await putContent('petitions', { ...def, closesAt: '2099-12-31T22:00:00Z' } as { id?: string });
      const { url } = await backend();
      const el = await mount<CivicPetition>(`<civic-petition endpoint="${url}" petition-id="${def['id']}" lang="${lang}" easy-read></civic-petition>`, (p) =>
        textOf(p.shadowRoot, '[part~=form] [part~=hint]') === (fr ? 'Vous devez remplir toutes les cases.' : 'You must fill in all the boxes.'),
      );
      expect(textOf(el.shadowRoot, '[part~=title]')).to.equal(fr ? 'Nous voulons que la poste du village ouvre à nouveau' : 'We want the village post office to open again');
      expect(body(el)).to.contain(fr ? 'La poste du village est fermée depuis mars.' : 'The village post office closed in March.');
      expect(body(el)).to.contain(fr ? 'les élus rencontrent des personnes qui ont signé' : 'councillors meet some people who signed');
      expect(body(el)).to.contain(fr ? 'Votre adresse e-mail' : 'Your email address');
      expect(pictograms(el)).to.deep.equal(['help', 'send']);
      await expect(el).to.be.accessible();
      $(el, '[part~=submit-button]')!.click();
      await el.updateComplete;
      await until(() => !!$(el, '#error-summary'), 'the error summary');
      expect(textOf(el.shadowRoot, '#error-summary h4')).to.equal(fr ? 'Quelque chose ne va pas' : 'Something is wrong');
      expect(textOf(el.shadowRoot, '#err-email')).to.equal(fr ? 'Écrivez votre adresse e-mail.' : 'Write your email address.');
      expect(pictograms(el, '#error-summary')).to.deep.equal(['error']);
      await expect(el).to.be.accessible();
      await shoot(`petition-${lang}`, el);
      const values: Record<string, string> = { firstName: 'Marie', lastName: 'Dupont', email: `${uniqueId('m')}@example.org`, postcode: '37000', town: 'Tours' };
      for (const [name, v] of Object.entries(values)) {
        const input = $(el, `#f-${name}`) as HTMLInputElement;
        input.value = v;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      await el.updateComplete;
      setTimeout(() => $(el, '[part~=submit-button]')!.click());
      await oneEvent(el, 'civic-submitted');
      await until(() => textOf(el.shadowRoot, '[role=status]').length > 0, 'the confirmation');
      expect(textOf(el.shadowRoot, '[role=status]')).to.contain(fr ? 'Encore une étape. Nous avons envoyé un e-mail à' : 'One more step. We sent an email to');
      expect(textOf(el.shadowRoot, '[role=status]')).to.contain(fr ? 'Cliquez sur le lien dans l’e-mail.' : 'Click the link in it.');
      expect(pictograms(el, '[role=status]')).to.deep.equal(['success']);
      await expect(el).to.be.accessible();
    });

    it(`<civic-survey> (${lang}): plain words and the organiser's easy-read questions; a missing answer said plainly`, async () => {
      const def = await demo('surveys/mobilite-2027');
      await putContent('surveys', def);
      const { url } = await backend();
      const el = await mount<CivicSurvey>(`<civic-survey endpoint="${url}" survey-id="${def['id']}" lang="${lang}" easy-read></civic-survey>`, (s) =>
        textOf(s.shadowRoot, '[part~=submit-button]') === (fr ? 'Page suivante' : 'Next page'),
      );
      expect(textOf(el.shadowRoot, '[part~=title]')).to.equal(fr ? 'Comment vous déplacez-vous à Saint-Aubin ? Donnez votre avis.' : 'How do you travel in Saint-Aubin? Tell us what you think.');
      expect(body(el)).to.contain(fr ? 'Répondre prend environ 8 minutes.' : 'Answering takes about 8 minutes.');
      expect(body(el)).to.contain(fr ? 'Personne ne saura qui a répondu.' : 'Nobody will know who answered.');
      expect(body(el)).to.contain(fr ? 'Pourquoi vous ne faites pas plus de vélo ?' : 'Why do you not cycle more?');
      // A text the organiser gave no easy-read variant keeps its normal wording.
      expect(body(el)).to.contain(fr ? 'Quel âge avez-vous ?' : 'How old are you?');
      expect(body(el)).to.contain(fr ? 'Vous devez répondre aux questions avec une étoile *.' : 'You must answer the questions with a star *.');
      expect(pictograms(el)).to.include('help');
      await expect(el).to.be.accessible();
      $(el, '[part~=submit-button]')!.click();
      await until(() => !!$(el, '#error-summary'), 'the error summary');
      expect(textOf(el.shadowRoot, '#error-summary h3')).to.match(fr ? /^Il y a \d+\u00a0erreurs?$/ : /^There (is|are) \d+ mistakes?$/);
      expect(textOf(el.shadowRoot, '#error-summary')).to.contain(fr ? 'Répondez à cette question.' : 'Answer this question.');
      expect(pictograms(el, '#error-summary')).to.deep.equal(['error']);
      await expect(el).to.be.accessible();
      await shoot(`survey-${lang}`, el);
    });

    it(`<civic-map-report> (${lang}): plain words for the form, its hints and its errors`, async () => {
      const def = await demo('map-reports/saint-aubin');
      await putContent('map-reports', def);
      const { url } = await backend();
      const el = await mount<CivicMapReport>(
        `<civic-map-report endpoint="${url}" report-id="${def['id']}" lang="${lang}" tile-url="/demo/tiles/{z}/{x}/{y}.svg" tile-max-zoom="16" geocoder="" easy-read></civic-map-report>`,
        (m) => textOf(m.shadowRoot, '[part~=submit-button]') === (fr ? 'Envoyer mon signalement' : 'Send my report'),
      );
      expect(body(el)).to.contain(fr ? 'Quel est le problème\u00a0?' : 'What is the problem?');
      expect(body(el)).to.contain(fr ? 'Utiliser ma position' : 'Use my position');
      expect(body(el)).to.contain(fr ? 'Comment vous contacter, si vous voulez' : 'How to contact you, if you want');
      expect(pictograms(el)).to.include.members(['help', 'send']);
      await until(() => !!$(el, '#map.leaflet-container'), 'the map');
      await expect(el).to.be.accessible();
      $(el, '[part~=submit-button]')!.click();
      await until(() => !!$(el, '#error-summary'), 'the error summary');
      expect(textOf(el.shadowRoot, '#error-summary')).to.contain(fr ? 'Changez ces' : 'Please change these');
      expect(textOf(el.shadowRoot, '#error-summary')).to.contain(fr ? 'Choisissez le type de problème.' : 'Choose the kind of problem.');
      expect(pictograms(el, '#error-summary')).to.deep.equal(['error']);
      await expect(el).to.be.accessible();
      await shoot(`map-report-${lang}`, el);
    });

    it(`<civic-comments> and <civic-comment-count> (${lang}): plain words; a comment published and said so plainly`, async () => {
      const id = await putContent('threads', { id: uniqueId('th'), title: { fr: 'La place du Marché', en: 'Market Square', 'fr-x-falc': 'Que faire de la place du Marché ?', 'en-x-easy': 'What should we do with Market Square?' } });
      const { url } = await backend();
      const count = await mount<HTMLElement>(`<civic-comment-count endpoint="${url}" thread-id="${id}" lang="${lang}" easy-read></civic-comment-count>`, (c) =>
        (c.shadowRoot?.textContent ?? '').includes(fr ? 'Pas encore de commentaire' : 'No comments yet'),
      );
      count.remove();
      const el = await mount<CivicComments>(`<civic-comments endpoint="${url}" thread-id="${id}" lang="${lang}" easy-read></civic-comments>`, (c) =>
        textOf(c.shadowRoot, '[part~=submit-button]') === (fr ? 'Envoyer mon commentaire' : 'Send my comment'),
      );
      for (const f of (el as unknown as { forms: Map<string, { shownAt: number }> }).forms.values()) f.shownAt = performance.now() - 20_000;
      expect(textOf(el.shadowRoot, '[part~=title]')).to.equal(fr ? 'Que faire de la place du Marché ?' : 'What should we do with Market Square?');
      expect(textOf(el.shadowRoot, '[part~=count]')).to.equal(fr ? 'Pas encore de commentaire' : 'No comments yet');
      expect(body(el)).to.contain(fr ? 'Écrire un commentaire' : 'Write a comment');
      expect(body(el)).to.contain(fr ? 'Votre nom ou un surnom' : 'Your name or a made-up name');
      expect(pictograms(el)).to.deep.equal(['help', 'send']);
      await expect(el).to.be.accessible();
      $(el, '[part~=submit-button]')!.click();
      await until(() => !!$(el, '#top-summary'), 'the error summary');
      expect(textOf(el.shadowRoot, '#top-summary')).to.contain(fr ? 'Écrivez votre commentaire.' : 'Write your comment.');
      await shoot(`comments-${lang}`, el);
      for (const [name, v] of [
        ['body', fr ? 'Il faut plus de bancs.' : 'We need more benches.'],
        ['author', 'Marie'],
      ] as const) {
        const input = $(el, `#top-${name}`) as HTMLInputElement;
        input.value = v;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      await el.updateComplete;
      setTimeout(() => $(el, '[part~=submit-button]')!.click());
      await oneEvent(el, 'civic-submitted');
      await until(() => textOf(el.shadowRoot, '[role=status]').length > 0, 'the announcement');
      expect(textOf(el.shadowRoot, '[role=status]')).to.equal(fr ? 'Votre commentaire est en ligne.' : 'Your comment is online.');
      expect(textOf(el.shadowRoot, '[part~=count]')).to.equal(fr ? '1\u00a0commentaire' : '1 comment');
      await expect(el).to.be.accessible();
    });

    it(`ranked and budget ballots (${lang}): the hints, buttons and explanations in plain words`, async () => {
      const { url } = await backend();
      const ranked = await createVote({
        method: 'ranked',
        ranking: { count: 'irv' },
        options: [
          { id: 'a', label: { fr: 'Parc', en: 'Park' } },
          { id: 'b', label: { fr: 'Bancs', en: 'Benches' } },
          { id: 'c', label: { fr: 'Arbres', en: 'Trees' } },
        ],
      });
      const r = await mount<CivicVote>(`<civic-vote endpoint="${url}" vote-id="${ranked}" lang="${lang}" easy-read></civic-vote>`, (v) =>
        textOf(v.shadowRoot, '[part~=form]').includes(fr ? 'Faites votre liste.' : 'Make your list.'),
      );
      expect(textOf(r.shadowRoot, '[part~=form]')).to.contain(fr ? 'Votre liste est vide.' : 'Your list is empty.');
      expect(textOf(r.shadowRoot, '[part~=submit-button]')).to.equal(fr ? 'Envoyer mon vote' : 'Send my vote');
      await expect(r).to.be.accessible();
      await shoot(`vote-ranked-${lang}`, r);
      r.remove();
      const def = await demo('votes/budget-2027');
      await putContent('votes', def);
      const b = await mount<CivicVote>(`<civic-vote endpoint="${url}" vote-id="${def['id']}" lang="${lang}" easy-read></civic-vote>`, (v) =>
        textOf(v.shadowRoot, '[part~=form]').includes(fr ? 'Choisissez les projets que vous voulez.' : 'Choose the projects you want.'),
      );
      expect(textOf(b.shadowRoot, '[part~=form]')).to.contain(fr ? 'Ajouter à mon choix' : 'Add to my choice');
      expect(textOf(b.shadowRoot, '[part~=form]')).to.contain(fr ? 'Vérifier mon choix' : 'Check my choice');
      await expect(b).to.be.accessible();
      await shoot(`vote-budget-${lang}`, b);
    });
  }

  it('<civic-config easy-read> switches every widget inside, shown as their attribute, and back', async () => {
    const id = await createVote();
    const { url } = await backend();
    const vote = await mount<CivicVote>(`<civic-config easy-read endpoint="${url}" lang="en"><civic-vote vote-id="${id}"></civic-vote></civic-config>`, (v) =>
      textOf(v.shadowRoot, '#hint') === 'Choose 1 answer.',
    );
    expect(vote.hasAttribute('easy-read')).to.equal(true);
    expect(textOf(vote.shadowRoot, '[part~=submit-button]')).to.equal('Send my vote');
    const config = vote.parentElement as CivicConfig;
    config.easyRead = false;
    await until(() => textOf(vote.shadowRoot, '#hint') === 'Choose one answer.', 'the normal words');
    expect(vote.hasAttribute('easy-read')).to.equal(false);
    expect(pictograms(vote)).to.deep.equal([]);
    config.easyRead = true;
    await until(() => textOf(vote.shadowRoot, '#hint') === 'Choose 1 answer.', 'the easy-read words again');
    expect(vote.hasAttribute('easy-read')).to.equal(true);
  });

  it('says plainly that a vote is kept on the device while offline, with the offline pictogram, then sends it', async () => {
    const id = await createVote();
    const { url } = await backend();
    const el = await mount<CivicVote>(`<civic-vote endpoint="${url}" vote-id="${id}" lang="fr" easy-read></civic-vote>`, (v) => textOf(v.shadowRoot, '#hint') === 'Choisissez 1\u00a0réponse.');
    ($(el, 'input[value="oui"]') as HTMLInputElement).click();
    await backendDown();
    try {
      setTimeout(() => $(el, '[part~=submit-button]')!.click());
      await oneEvent(el, 'civic-queued');
      await el.updateComplete;
      expect(textOf(el.shadowRoot, '[role=status]')).to.equal('Vous n’avez pas internet en ce moment. Votre vote est gardé sur cet appareil. Il partira quand internet revient.');
      expect(pictograms(el, '[role=status]')).to.deep.equal(['offline']);
      await expect(el).to.be.accessible();
    } finally {
      await backendUp();
    }
    const synced = oneEvent(el, 'civic-synced');
    await outbox.flush(true);
    await synced;
    await until(() => textOf(el.shadowRoot, '[role=status]').startsWith('Votre vote est envoyé. Il est compté.'), 'the plain confirmation');
    expect(await storedBallots(id)).to.equal(1);
  });

  it('assisted mode and easy-read together: the inactivity warning in plain words, the mediator’s bar in its own', async function () {
    this.timeout(30_000);
    const id = await createVote();
    const { url } = await backend();
    // 4.8 s without input, then the warning.
    const el = await mount<CivicVote>(`<civic-vote endpoint="${url}" vote-id="${id}" lang="fr" mode="assisted" reset-after="0.08" easy-read></civic-vote>`, (v) => textOf(v.shadowRoot, '#hint') === 'Choisissez 1\u00a0réponse.');
    await until(() => !!$(el, '[part~=assisted]'), 'the mediator’s bar');
    expect(textOf(el.shadowRoot, '[part~=assisted]')).to.contain('Personne suivante');
    ($(el, 'input[value="oui"]') as HTMLInputElement).click();
    await until(() => !!$(el, '#civic-assisted-warning-title'), 'the warning', 12_000);
    expect(textOf(el.shadowRoot, '#civic-assisted-warning-title')).to.equal('Êtes-vous encore là\u00a0?');
    expect(textOf(el.shadowRoot, '#civic-assisted-warning-text')).to.match(/^Dans \d+\u00a0secondes, le formulaire sera vidé\. Tout ce que vous avez écrit sera effacé\.$/);
    expect(textOf(el.shadowRoot, '#civic-assisted-continue')).to.equal('Je suis encore là');
    await expect(el).to.be.accessible();
    $(el, '#civic-assisted-continue')!.click();
    await until(() => !$(el, '#civic-assisted-warning-title'), 'the warning to close');
    expect(($(el, 'input[value="oui"]') as HTMLInputElement).checked).to.equal(true);
  });

  it('keeps the normal words in a language without easy-read tables (Dutch), and French or English where asked', async () => {
    const def = await demo('votes/velo-rue-principale');
    await putContent('votes', def);
    const { url } = await backend();
    const el = await mount<CivicVote>(`<civic-vote endpoint="${url}" vote-id="${def['id']}" lang="nl" easy-read></civic-vote>`, (v) => textOf(v.shadowRoot, '#hint') === 'Kies één antwoord.');
    expect(textOf(el.shadowRoot, '[part~=submit-button]')).to.equal('Stemmen');
    // The organiser wrote no Dutch: the text falls back to French, in its easy-read variant.
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Voulez-vous une piste pour les vélos rue Principale ?');
    expect(pictograms(el)).to.deep.equal(['help', 'send']);
  });
});
