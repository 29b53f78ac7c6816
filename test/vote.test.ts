import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define.js';
import type { CivicVote } from '../src/components/vote/vote.js';
import { outbox } from '../src/internal/outbox.js';
import { backend, backendDelay, backendDown, backendUp, clearDeviceStorage, createVote, sql, storedBallots, textOf, until } from './support/helpers.js';

async function poll(id: string, extra: { lang?: string } = {}): Promise<CivicVote> {
  const { url } = await backend();
  const el = await fixture<CivicVote>(html`<civic-vote endpoint=${url} vote-id=${id} lang=${extra.lang ?? 'fr'}></civic-vote>`);
  await until(() => !!el.shadowRoot?.querySelector('[part~=title], [role=alert]'), 'the poll to load');
  await el.updateComplete;
  return el;
}

const $ = (el: Element, s: string) => el.shadowRoot!.querySelector<HTMLElement>(s);
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];

async function choose(el: CivicVote, ...values: string[]) {
  for (const v of values) {
    $(el, `input[value="${v}"]`)!.click();
  }
  await el.updateComplete;
}

async function submit(el: CivicVote) {
  $(el, '[part~="submit-button"]')!.click();
  await el.updateComplete;
}

describe('<civic-vote> poll', () => {
  beforeEach(async () => {
    await clearDeviceStorage();
    await backendUp();
  });

  it('shows a loading state, then the question, options and hint, accessible in both', async () => {
    const { url } = await backend();
    const id = await createVote();
    const el = await fixture<CivicVote>(html`<civic-vote endpoint=${url} vote-id=${id} lang="fr"></civic-vote>`);
    expect(textOf(el.shadowRoot, '[role=status]')).to.contain('Chargement');
    await expect(el).to.be.accessible();
    await until(() => !!$(el, 'form'), 'form');
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Faut-il planter des arbres place du Marché ?');
    expect($$(el, 'input[type=radio]').map((i) => (i as HTMLInputElement).value)).to.deep.equal(['oui', 'non', 'nsp']);
    expect(textOf(el.shadowRoot, '#hint')).to.equal('Choisissez une réponse.');
    expect($(el, '[role=heading]')!.getAttribute('aria-level')).to.equal('2');
    await expect(el).to.be.accessible();
  });

  it('refuses an empty vote: error shown, described, focused, nothing sent', async () => {
    const id = await createVote();
    const el = await poll(id);
    setTimeout(() => submit(el));
    const invalid = await oneEvent(el, 'civic-invalid');
    expect(invalid.detail.fields[0].code).to.equal('required');
    await until(() => el.shadowRoot!.activeElement?.id === 'choice-error', 'focus on the error');
    expect(textOf(el.shadowRoot, '#choice-error')).to.equal('Choisissez une réponse.');
    expect($(el, 'fieldset')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, 'fieldset')!.getAttribute('aria-describedby')).to.contain('choice-error');
    await expect(el).to.be.accessible();
    expect(await storedBallots(id)).to.equal(0);
  });

  it('sends a single-choice vote, stores one ballot, shows and announces the results', async () => {
    const id = await createVote();
    const el = await poll(id);
    await choose(el, 'non');
    setTimeout(() => submit(el));
    const submitted = await oneEvent(el, 'civic-submitted');
    expect(submitted.detail.receipt.status).to.equal('accepted');
    await until(() => !!$(el, '.results'), 'results');
    expect(await storedBallots(id)).to.equal(1);
    expect(textOf(el.shadowRoot, '[role=status]')).to.contain('Merci, votre vote a bien été pris en compte.');
    expect(textOf(el.shadowRoot, '[role=status]')).to.contain('Non\u00a0: 100\u00a0% (1\u00a0vote)');
    expect(textOf(el.shadowRoot, '[role=status]')).to.contain('Oui\u00a0: 0\u00a0% (0\u00a0vote)');
    const lines = $$(el, '[part~=result]').map((li) => li.textContent!.replace(/[ \n]+/g, ' ').trim());
    expect(lines[1]).to.contain('Non (votre choix)');
    expect(lines[1]).to.contain('100\u00a0%');
    expect(lines[0]).to.contain('0\u00a0%');
    expect($$(el, '[part~=bar]').every((b) => b.getAttribute('aria-hidden') === 'true')).to.equal(true);
    await until(() => el.shadowRoot!.activeElement?.id === 'status', 'focus on the confirmation');
    await expect(el).to.be.accessible();
  });

  it('shows that it is sending while the network is slow, and ignores a second click', async () => {
    const id = await createVote();
    const el = await poll(id);
    await choose(el, 'oui');
    await backendDelay(800);
    try {
      await submit(el);
      await until(() => textOf(el.shadowRoot, '[part~=submit-button]') === 'Envoi en cours…', 'submitting state');
      expect($(el, '[part~=submit-button]')!.getAttribute('aria-disabled')).to.equal('true');
      await submit(el);
      await expect(el).to.be.accessible();
      await until(() => !!$(el, '.results'), 'results', 10000);
    } finally {
      await backendDelay(0);
    }
    expect(await storedBallots(id)).to.equal(1);
  });

  it('counts k-of-n choices and enforces the maximum before sending', async () => {
    const id = await createVote({
      method: 'multiple',
      minChoices: 1,
      maxChoices: 2,
      options: ['a', 'b', 'c', 'd'].map((o) => ({ id: o, label: `Option ${o}` })),
    });
    const el = await poll(id, { lang: 'en' });
    expect(textOf(el.shadowRoot, '#hint')).to.equal('Choose up to 2 answers.');
    await choose(el, 'a', 'b', 'c');
    expect(textOf(el.shadowRoot, '#choice-error')).to.equal('Choose at most 2 options.');
    await submit(el);
    expect(await storedBallots(id)).to.equal(0);
    await choose(el, 'c');
    expect($(el, '#choice-error')).to.equal(null);
    setTimeout(() => submit(el));
    await oneEvent(el, 'civic-submitted');
    const rows = await fetch(`${(await backend()).url}/votes/${id}/results?voter=x`).then((r) => r.status);
    expect(rows).to.equal(403); // after-vote: someone who has not voted does not see results
    await until(() => !!$(el, '.results'), 'results');
    const counts = $$(el, '[part~=result]').map((li) => /\b1 vote\b/.test(li.textContent!));
    expect(counts).to.deep.equal([true, true, false, false]);
  });

  it('with "review", shows the choice before sending: change it, then vote; nothing is sent before', async () => {
    const id = await createVote({
      review: true,
      method: 'multiple',
      maxChoices: 2,
      options: ['a', 'b', 'c'].map((o) => ({ id: o, label: `Option ${o}` })),
    });
    const el = await poll(id, { lang: 'en' });
    expect(textOf(el.shadowRoot, '[part~=submit-button]')).to.equal('Review my choice');
    await choose(el, 'a', 'c');
    await submit(el);
    await until(() => el.shadowRoot!.activeElement?.id === 'review-title', 'focus on the review heading');
    expect(textOf(el.shadowRoot, '#review-title')).to.equal('Review your choice');
    expect($$(el, '.review-list li').map((li) => li.textContent!.trim())).to.deep.equal(['Option a', 'Option c']);
    expect($(el, 'fieldset')).to.equal(null);
    expect(await storedBallots(id)).to.equal(0);
    await expect(el).to.be.accessible();
    // Change: back to the options, the choice kept, focus on the first chosen option.
    $(el, 'button.edit')!.click();
    await until(() => (el.shadowRoot!.activeElement as HTMLInputElement | null)?.value === 'a', 'focus on the first chosen option');
    expect($$(el, 'input:checked').map((i) => (i as HTMLInputElement).value)).to.deep.equal(['a', 'c']);
    await choose(el, 'c', 'b');
    await submit(el);
    await until(() => !!$(el, '.review-list'), 'the review step again');
    expect($$(el, '.review-list li').map((li) => li.textContent!.trim())).to.deep.equal(['Option a', 'Option b']);
    expect(await storedBallots(id)).to.equal(0);
    expect(textOf(el.shadowRoot, '.actions [part~=submit-button]')).to.equal('Vote');
    setTimeout(() => submit(el));
    const sent = await oneEvent(el, 'civic-submit');
    expect((sent.detail.payload as { choices: string[] }).choices).to.deep.equal(['a', 'b']);
    await until(() => !!$(el, '.results'), 'results');
    expect(await storedBallots(id)).to.equal(1);
  });

  it('with "review", works with the keyboard alone and in French', async () => {
    const id = await createVote({ review: true });
    const el = await poll(id);
    $(el, 'input[value="oui"]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement?.id === 'review-title', 'focus on the review heading');
    expect(textOf(el.shadowRoot, '#review-title')).to.equal('Vérifiez votre choix');
    expect(textOf(el.shadowRoot, '.review p')).to.equal('Vérifiez votre choix ci-dessous, puis confirmez votre vote. Vous pouvez encore le modifier.');
    expect($$(el, '.review-list li').map((li) => li.textContent!.trim())).to.deep.equal(['Non']);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Modifier mon choix');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.contain('submit-button');
    await sendKeys({ press: 'Enter' });
    await until(() => !!$(el, '.results'), 'results');
    expect(await storedBallots(id)).to.equal(1);
  });

  it('too many ballots from this network (429): says so and when it will be sent, not "no connection"; the vote is kept', async () => {
    const id = await createVote();
    const { url } = await backend();
    // One real ballot from this address, then the network's hourly window filled with copies of it.
    const first = await fetch(`${url}/votes/${id}/ballots`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ choices: ['oui'], deviceToken: `tok-${crypto.randomUUID()}` }),
    });
    expect(first.status).to.equal(201);
    await sql(
      `insert into submissions (id, kind, content_id, idempotency_key, payload_hash, payload, origin, status, ip_hash, device_hash, created_at)
       select id || '-' || g, kind, content_id, idempotency_key || '-' || g, payload_hash, payload, origin, status, ip_hash, null, created_at
         from submissions, generate_series(1, 10000) as g where kind = 'vote' and content_id = $1`,
      [id],
    );
    const el = await poll(id);
    await choose(el, 'non');
    setTimeout(() => submit(el));
    const queued = await oneEvent(el, 'civic-queued');
    expect(queued.detail.reason.failure).to.equal('rate_limited');
    await el.updateComplete;
    expect(textOf(el.shadowRoot, '[role=status]')).to.match(/^Beaucoup de votes arrivent de votre connexion en ce moment\. Le vôtre est enregistré sur cet appareil et sera envoyé automatiquement dans (59|60)\u00a0minutes environ\.$/);
    expect(textOf(el.shadowRoot, '[role=status]')).not.to.contain('Pas de connexion');
    expect((await outbox.pending()).filter((e) => e.contentId === id)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('lets the page cancel a vote through civic-submit', async () => {
    const id = await createVote();
    const el = await poll(id);
    el.addEventListener('civic-submit', (e) => e.preventDefault(), { once: true });
    await choose(el, 'oui');
    await submit(el);
    await new Promise((r) => setTimeout(r, 100));
    expect(await storedBallots(id)).to.equal(0);
    expect($(el, 'form')).to.exist;
  });

  it('remembers the vote on this device: a reload shows "already voted" and the results', async () => {
    const id = await createVote();
    const first = await poll(id);
    await choose(first, 'oui');
    setTimeout(() => submit(first));
    await oneEvent(first, 'civic-submitted');
    first.remove();
    const again = await poll(id);
    await until(() => !!$(again, '.results'), 'results after reload');
    expect(textOf(again.shadowRoot, '[role=status]')).to.contain('Vous avez déjà voté depuis cet appareil.');
    expect($(again, 'form')).to.equal(null);
    await expect(again).to.be.accessible();
  });

  it('hides results until closing when the organiser chose so', async () => {
    const id = await createVote({ resultsVisibility: 'after-close', closesAt: '2099-01-01T12:00:00+01:00' });
    const el = await poll(id);
    await choose(el, 'oui');
    setTimeout(() => submit(el));
    await oneEvent(el, 'civic-submitted');
    await el.updateComplete;
    expect($(el, '.results')).to.equal(null);
    expect(textOf(el.shadowRoot, '[part~=body]')).to.contain('Les résultats seront publiés à la clôture du vote, le 1 janvier 2099');
    await expect(el).to.be.accessible();
  });

  it('shows a poll that is not open yet, without a form', async () => {
    const el = await poll('consultation-2030');
    expect($(el, 'form')).to.equal(null);
    expect(textOf(el.shadowRoot, '[part~=hint]')).to.contain('Ouverture le 1 mars 2030');
    await expect(el).to.be.accessible();
  });

  it('shows a closed poll with its results and no form', async () => {
    const id = await createVote({ opensAt: '2020-01-01T00:00:00Z', closesAt: '2020-02-01T00:00:00Z' });
    const { url, adminToken } = await backend();
    const tally = await fetch(`${url}/admin/votes/${id}/tallies`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ origin: 'paper', ballots: [{ choices: ['oui'] }, { choices: ['oui'] }, { choices: ['non'] }] }),
    });
    expect(tally.ok, await tally.text()).to.equal(true);
    const el = await poll(id);
    await until(() => !!$(el, '.results'), 'results');
    expect($(el, 'form')).to.equal(null);
    expect(textOf(el.shadowRoot, '.total')).to.equal('3\u00a0votes');
    expect(textOf(el.shadowRoot, '[part~=hint]')).to.contain('Clos depuis le');
    await expect(el).to.be.accessible();
  });

  it('queues a vote when the backend cannot be reached, keeps it across a reload, and delivers it exactly once', async () => {
    const id = await createVote();
    const el = await poll(id);
    await choose(el, 'nsp');
    await backendDown();
    setTimeout(() => submit(el));
    const queued = await oneEvent(el, 'civic-queued');
    expect(queued.detail.reason.failure).to.equal('offline');
    await el.updateComplete;
    expect(textOf(el.shadowRoot, '[role=status]')).to.contain('enregistré sur cet appareil');
    expect(textOf(el.shadowRoot, '[part~=body] ul')).to.equal('Sans avis');
    expect(textOf(el.shadowRoot, '#choices-caption')).to.equal('Vos choix\u00a0:');
    await expect(el).to.be.accessible();
    // "Reload" while the backend is still down: a new element for the same poll shows the copy kept
    // on the device and the vote still waiting.
    el.remove();
    const again = await poll(id);
    await until(() => textOf(again.shadowRoot, '[role=status]').includes('enregistré sur cet appareil'), 'queued state after reload');
    expect(textOf(again.shadowRoot, '[part~=body]')).to.contain('Vous êtes hors connexion');
    expect(textOf(again.shadowRoot, '[part~=body] ul')).to.equal('Sans avis');
    await expect(again).to.be.accessible();
    expect(await storedBallots(id)).to.equal(0);
    // The backend comes back: the stored vote is sent once.
    await backendUp();
    const synced = oneEvent(again, 'civic-synced');
    await outbox.flush(true);
    await synced;
    await until(() => !!$(again, '.results'), 'results after sync');
    expect(textOf(again.shadowRoot, '[role=status]')).to.contain('a été envoyé et comptabilisé');
    expect(await storedBallots(id)).to.equal(1);
    // Flushing again sends nothing more.
    await outbox.flush(true);
    expect(await storedBallots(id)).to.equal(1);
    expect(await outbox.pending()).to.deep.equal([]);
  });

  it('works with the keyboard alone: arrows choose, Enter sends', async () => {
    const id = await createVote();
    const el = await poll(id);
    $(el, 'input[value="oui"]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(($(el, 'input[value="non"]') as HTMLInputElement).checked).to.equal(true);
    const done = oneEvent(el, 'civic-submitted');
    await sendKeys({ press: 'Enter' });
    await done;
    expect(await storedBallots(id)).to.equal(1);
  });
});

describe('<civic-vote> configuration errors tell the webmaster what to fix', () => {
  let errors: string[] = [];
  const original = console.error;
  beforeEach(() => {
    errors = [];
    console.error = (...a: unknown[]) => {
      errors.push(a.map(String).join(' '));
    };
  });
  afterEach(() => {
    console.error = original;
  });

  it('without endpoint', async () => {
    const el = await fixture<CivicVote>(html`<civic-vote vote-id="x" lang="fr"></civic-vote>`);
    expect(textOf(el.shadowRoot, '[role=alert]')).to.contain('n’a pas d’adresse de serveur. Ajoutez-lui endpoint=');
    expect(errors.join()).to.contain('<civic-vote>');
    await expect(el).to.be.accessible();
  });

  it('without vote-id, in English', async () => {
    const el = await fixture<CivicVote>(html`<civic-vote endpoint="https://example.org/api" lang="en"></civic-vote>`);
    expect(textOf(el.shadowRoot, '[role=alert]')).to.contain('has no vote-id attribute');
  });

  it('with an endpoint that is not a URL', async () => {
    const el = await fixture<CivicVote>(html`<civic-vote endpoint="ftp:/nope" vote-id="x" lang="en"></civic-vote>`);
    expect(textOf(el.shadowRoot, '[role=alert]')).to.contain('is not a valid URL');
  });

  it('with an unknown poll id', async () => {
    const el = await poll('does-not-exist');
    expect(textOf(el.shadowRoot, '[role=alert]')).to.contain('Le serveur ne connaît aucun contenu vote-id="does-not-exist"');
    expect(errors.join()).to.contain('does-not-exist');
    await expect(el).to.be.accessible();
  });

  it('with a server that cannot be reached, offering to retry', async () => {
    await backendDown();
    try {
      const { url } = await backend();
      const el = await fixture<CivicVote>(html`<civic-vote endpoint=${url} vote-id="velo-rue-principale" lang="fr"></civic-vote>`);
      const error = await oneEvent(el, 'civic-error');
      expect(error.detail.error.failure).to.equal('offline');
      await el.updateComplete;
      expect(textOf(el.shadowRoot, '[role=alert]')).to.contain('est injoignable');
      await backendUp();
      (el.shadowRoot!.querySelector('[role=alert] button') as HTMLButtonElement).click();
      await until(() => !!$(el, 'form'), 'form after retry');
    } finally {
      await backendUp();
    }
  });
});

describe('<civic-config> and language', () => {
  beforeEach(() => clearDeviceStorage());

  it('provides the endpoint to widgets inside it; an attribute on the widget wins', async () => {
    const { url } = await backend();
    const wrapper = await fixture(html`<civic-config endpoint=${url} lang="en">
      <civic-vote vote-id="velo-rue-principale"></civic-vote>
      <civic-vote vote-id="velo-rue-principale" endpoint="https://unreachable.invalid/api"></civic-vote>
    </civic-config>`);
    const [inside, own] = [...wrapper.querySelectorAll('civic-vote')] as CivicVote[];
    expect(inside.effectiveEndpoint).to.equal(url);
    expect(own.effectiveEndpoint).to.equal('https://unreachable.invalid/api');
    await until(() => !!inside.shadowRoot?.querySelector('form'), 'form');
    expect(textOf(inside.shadowRoot, '[part~=title]')).to.equal('Should Main Street get a cycle lane?');
  });

  it('resolves the language from the element, the closest [lang], then <html lang>, then French', async () => {
    const { url } = await backend();
    const html0 = document.documentElement.lang;
    try {
      document.documentElement.lang = 'en-GB';
      const wrap = await fixture(html`<div>
        <civic-vote id="a" endpoint=${url} vote-id="velo-rue-principale"></civic-vote>
        <section lang="fr"><civic-vote id="b" endpoint=${url} vote-id="velo-rue-principale"></civic-vote></section>
        <civic-vote id="c" lang="fr-BE" endpoint=${url} vote-id="velo-rue-principale"></civic-vote>
      </div>`);
      const [a, b, c] = ['a', 'b', 'c'].map((i) => wrap.querySelector(`#${i}`) as CivicVote);
      expect([a.resolvedLang, b.resolvedLang, c.resolvedLang]).to.deep.equal(['en-GB', 'fr', 'fr-BE']);
      document.documentElement.removeAttribute('lang');
      expect(a.resolvedLang).to.equal('fr');
      await until(() => !!c.shadowRoot?.querySelector('form'), 'form');
      expect(textOf(c.shadowRoot, '[part~=submit-button]')).to.equal('Voter');
    } finally {
      document.documentElement.lang = html0;
    }
  });

  it('follows a change of the page language', async () => {
    const { url } = await backend();
    const wrap = await fixture(html`<div lang="fr"><civic-vote endpoint=${url} vote-id="velo-rue-principale"></civic-vote></div>`);
    const el = wrap.querySelector('civic-vote') as CivicVote;
    await until(() => !!el.shadowRoot?.querySelector('form'), 'form');
    wrap.setAttribute('lang', 'en');
    await until(() => textOf(el.shadowRoot, '[part~=submit-button]') === 'Vote', 'English button');
  });

  it('lays out right to left for Arabic', async () => {
    const el = await fixture<CivicVote>(html`<civic-vote lang="ar" vote-id="x"></civic-vote>`);
    expect(el.resolvedDir).to.equal('rtl');
    expect(el.shadowRoot!.querySelector('[part~=base]')!.getAttribute('dir')).to.equal('rtl');
  });

  it('registers each tag once even when the bundle is loaded twice', async () => {
    const { CivicVote } = await import('../src/components/vote/vote.js');
    expect(() => CivicVote.define()).not.to.throw();
    expect(customElements.get('civic-vote')).to.equal(CivicVote);
  });
});
