import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../src/define.js';
import type { CivicPetition } from '../src/components/petition/petition.js';
import type { PetitionDefinitionInput } from '../src/api/schemas.js';
import { backend, backendDown, backendUp, clearDeviceStorage, sql, textOf, uniqueId, until } from './support/helpers.js';

async function createPetition(overrides: Partial<PetitionDefinitionInput> = {}): Promise<string> {
  const { url, adminToken } = await backend();
  const id = overrides.id ?? uniqueId('pet');
  const def: PetitionDefinitionInput = {
    id,
    title: { fr: 'Pour la réouverture du bureau de poste', en: 'Reopen the post office' },
    summary: { fr: 'Le bureau de poste du centre doit rouvrir.', en: 'The town-centre post office must reopen.' },
    body: { fr: 'Premier paragraphe.\n\nSecond paragraphe.', en: 'First paragraph.\n\nSecond paragraph.' },
    addressee: { fr: 'Monsieur le Maire', en: 'The Mayor' },
    profile: 'standard',
    goal: 500,
    thresholds: [{ count: 300, label: { fr: 'le conseil municipal en débat', en: 'the council debates it' } }],
    ...overrides,
  };
  const res = await fetch(`${url}/admin/petitions/${id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(def),
  });
  if (!res.ok) throw new Error(`createPetition: ${res.status} ${await res.text()}`);
  return id;
}

async function mount(id: string, lang = 'fr', refresh = 30): Promise<CivicPetition> {
  const { url } = await backend();
  const el = await fixture<CivicPetition>(html`<civic-petition endpoint=${url} petition-id=${id} lang=${lang} refresh-interval=${refresh}></civic-petition>`);
  await until(() => !!el.shadowRoot?.querySelector('[part~=title], [role=alert]'), 'the petition to load');
  await el.updateComplete;
  // A resident takes more than the minimum form-fill time.
  (el as unknown as { shownAt: number }).shownAt = performance.now() - 10_000;
  return el;
}

const $ = (el: Element, s: string) => el.shadowRoot!.querySelector<HTMLElement>(s);

async function type(el: CivicPetition, values: Record<string, string | boolean>) {
  for (const [name, v] of Object.entries(values)) {
    const input = $(el, `#f-${name}`) as HTMLInputElement;
    if (typeof v === 'boolean') {
      if (input.checked !== v) input.click();
    } else {
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('blur'));
    }
  }
  await el.updateComplete;
}

const standard = (email: string) => ({ firstName: 'Marie', lastName: 'Dupont', email, postcode: '37000', town: 'Tours' });

async function submit(el: CivicPetition) {
  $(el, '[part~="submit-button"]')!.click();
  await el.updateComplete;
}

async function statuses(id: string): Promise<string[]> {
  const rows = await sql<{ status: string }>(`select status from submissions where kind = 'petition' and content_id = $1 order by status`, [id]);
  return rows.map((r) => r.status);
}

async function confirmLink(email: string): Promise<string> {
  let link = '';
  await until(async () => {
    const rows = await sql<{ body: string }>(`select body from dev_mails where recipient = $1 order by created_at desc limit 1`, [email]);
    link = /https?:\/\/\S+\/confirm\?token=\S+/.exec(rows[0]?.body ?? '')?.[0] ?? '';
    return !!link;
  }, 'the confirmation mail');
  return link;
}

describe('<civic-petition>', () => {
  beforeEach(async () => {
    await clearDeviceStorage();
    await backendUp();
    history.replaceState(null, '', location.pathname);
  });

  it('shows the text, addressee, goal, count, thresholds and the standard form, accessible', async () => {
    const id = await createPetition({ closesAt: new Date(Date.now() + 86400_000 * 30).toISOString() });
    const el = await mount(id);
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Pour la réouverture du bureau de poste');
    expect(textOf(el.shadowRoot, '.header')).to.contain('Adressée à\u00a0: Monsieur le Maire');
    expect(textOf(el.shadowRoot, '.header')).to.contain('Signature possible jusqu’au');
    expect(textOf(el.shadowRoot, '[part~=count]')).to.equal('0\u00a0signature sur 500');
    expect(textOf(el.shadowRoot, '.thresholds')).to.contain('300 le conseil municipal en débat');
    expect($(el, 'details')!.hasAttribute('open')).to.equal(false);
    expect($(el, 'details')!.querySelectorAll('p').length).to.equal(2);
    expect([...el.shadowRoot!.querySelectorAll('input:not([tabindex="-1"])')].map((i) => (i as HTMLInputElement).name)).to.deep.equal(['firstName', 'lastName', 'email', 'postcode', 'town']);
    const hp = $(el, '#f-website') as HTMLInputElement;
    expect(hp.getAttribute('autocomplete')).to.equal('off');
    expect(hp.closest('[aria-hidden=true]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('a failed submit lists every problem in a focused summary, links focus the fields, nothing is sent or lost', async () => {
    const id = await createPetition();
    const el = await mount(id);
    await type(el, { firstName: 'Marie', email: 'pas-une-adresse', postcode: '#' });
    setTimeout(() => submit(el));
    const invalid = await oneEvent(el, 'civic-invalid');
    expect(invalid.detail.fields.map((f: { path: string[] }) => f.path[0])).to.deep.equal(['lastName', 'email', 'postcode', 'town']);
    await until(() => el.shadowRoot!.activeElement?.id === 'error-summary', 'focus on the summary');
    expect(textOf(el.shadowRoot, '#error-summary')).to.contain('Veuillez corriger les 4 réponses suivantes');
    expect(textOf(el.shadowRoot, '#err-email')).to.equal('Indiquez une adresse électronique au format nom@exemple.fr.');
    expect($(el, '#f-email')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#f-email')!.getAttribute('aria-describedby')).to.equal('hint-email err-email');
    await expect(el).to.be.accessible();
    ($(el, '#error-summary a[href="#f-town"]') as HTMLAnchorElement).click();
    expect(el.shadowRoot!.activeElement?.id).to.equal('f-town');
    expect(($(el, '#f-firstName') as HTMLInputElement).value).to.equal('Marie');
    expect(await statuses(id)).to.deep.equal([]);
  });

  it('signs: "check your mailbox", the mailed link counts it, the page comes back "counted" with sharing, the count updates live', async () => {
    const id = await createPetition({ publicNames: true });
    const el = await mount(id, 'fr', 1);
    const email = `${uniqueId('m')}@example.fr`;
    await type(el, standard(email));
    ($(el, 'input[name=publicName][value=initial]') as HTMLInputElement).click();
    setTimeout(() => submit(el));
    const submitted = await oneEvent(el, 'civic-submitted');
    expect(submitted.detail.receipt.status).to.equal('pending');
    await until(() => el.shadowRoot!.activeElement?.id === 'status', 'focus on the status');
    expect(textOf(el.shadowRoot, '[role=status]')).to.contain(`nous avons envoyé un message à ${email}`);
    expect($(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
    expect(await statuses(id)).to.deep.equal(['pending']);
    const stored = await sql<{ payload: Record<string, unknown> }>(`select payload from submissions where content_id = $1`, [id]);
    expect(stored[0]!.payload.publicName).to.equal('initial');
    expect(stored[0]!.payload.returnUrl).to.contain(location.origin);

    const link = await confirmLink(email);
    await fetch(link, { mode: 'no-cors' });
    await until(() => textOf(el.shadowRoot, '[part~=count]').startsWith('1\u00a0signature'), 'the live count');
    expect(await statuses(id)).to.deep.equal(['accepted']);

    el.remove();
    history.replaceState(null, '', `${location.pathname}?civic-confirmed=${encodeURIComponent(id)}`);
    const back = await mount(id);
    await until(() => textOf(back.shadowRoot, '[role=status]').includes('votre signature est comptée'), 'counted');
    expect($(back, '[part~=share] button')!.textContent).to.contain('Copier le lien');
    await expect(back).to.be.accessible();
    // A reload without the parameter remembers it.
    back.remove();
    history.replaceState(null, '', location.pathname);
    const again = await mount(id);
    expect(textOf(again.shadowRoot, '[role=status]')).to.contain('votre signature est comptée');
  });

  it('public names: a confirmed "initial" signer shows as "Marie D." under the count, never the e-mail; the list follows the count', async () => {
    const id = await createPetition({ publicNames: true });
    const { url } = await backend();
    const signAndConfirm = async (fields: Record<string, string>) => {
      const res = await fetch(`${url}/petitions/${id}/signatures`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ ...fields, fillMs: 20_000 }),
      });
      expect(res.status).to.equal(201);
      await fetch(await confirmLink(fields.email!), { mode: 'no-cors' });
    };
    const email = `${uniqueId('n')}@example.fr`;
    await signAndConfirm({ ...standard(email), publicName: 'initial' });
    const el = await mount(id, 'fr', 1);
    await until(() => textOf(el.shadowRoot, '[part~=signers]').includes('Marie D.'), 'the signer\'s name');
    expect(textOf(el.shadowRoot, '[part~=signers]')).not.to.contain('Dupont');
    expect(textOf(el.shadowRoot, '[part~=signers]')).not.to.contain(email);
    expect(textOf(el.shadowRoot, '#signers')).to.equal('Dernières signatures');
    await expect(el).to.be.accessible();
    await signAndConfirm({ ...standard(`${uniqueId('n')}@example.fr`), firstName: 'Paul', lastName: 'Martin', publicName: 'full' });
    await until(() => textOf(el.shadowRoot, '[part~=signers] li').startsWith('Paul Martin'), 'the new signer first');
  });

  it('live count by server-sent events: a signature confirmed through the API shows without reload or polling', async () => {
    const id = await createPetition();
    const { url } = await backend();
    const el = await mount(id, 'fr', 3600);
    await until(() => (el as unknown as { events?: EventSource }).events?.readyState === EventSource.OPEN, 'the event stream');
    const email = `${uniqueId('s')}@example.fr`;
    const res = await fetch(`${url}/petitions/${id}/signatures`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ ...standard(email), fillMs: 20_000 }),
    });
    expect(res.status).to.equal(201);
    expect(textOf(el.shadowRoot, '[part~=count]')).to.match(/^0\u00a0signature/);
    await fetch(await confirmLink(email), { mode: 'no-cors' });
    await until(() => textOf(el.shadowRoot, '[part~=count]').startsWith('1\u00a0signature'), 'the count pushed by the server');
    await expect(el).to.be.accessible();
    el.remove();
    expect((el as unknown as { events?: EventSource }).events).to.equal(undefined);
  });

  it('a petition with a proof of work: the widget solves the server challenge and the signature is received', async () => {
    const id = await createPetition({ pow: { difficulty: 10 } });
    const el = await mount(id);
    const email = `${uniqueId('w')}@example.fr`;
    await type(el, standard(email));
    const submit$ = oneEvent(el, 'civic-submit');
    setTimeout(() => submit(el));
    const sent = await submit$;
    const pow = (sent.detail.payload as { pow?: { challenge: string; nonce: string } }).pow;
    expect(pow?.challenge).to.be.a('string');
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${pow!.challenge}:${pow!.nonce}`)));
    expect(hash[0]).to.equal(0);
    expect(hash[1]! < 64).to.equal(true);
    await until(() => textOf(el.shadowRoot, '[role=status]').includes(email), 'check your mailbox');
    expect(await statuses(id)).to.deep.equal(['pending']);
  });

  it('without EventSource the count is polled', async () => {
    const id = await createPetition();
    const { url, adminToken } = await backend();
    const saved = window.EventSource;
    (window as { EventSource?: unknown }).EventSource = undefined;
    try {
      const el = await mount(id, 'fr', 1);
      await fetch(`${url}/admin/petitions/${id}/paper`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ count: 7 }),
      });
      await until(() => textOf(el.shadowRoot, '[part~=count]').startsWith('7\u00a0signatures'), 'the polled count');
    } finally {
      window.EventSource = saved;
    }
  });

  it('too many signatures from this connection: 429 shown as a clear message, the signature kept on the device', async () => {
    const id = await createPetition();
    const { url } = await backend();
    // Ten quick bot signatures from the same address fill the burst window (they are not counted).
    for (let i = 0; i < 10; i++) {
      await fetch(`${url}/petitions/${id}/signatures`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ email: `bot${i}@spam.example`, website: 'x' }),
      });
    }
    const el = await mount(id);
    await type(el, standard(`${uniqueId('r')}@example.fr`));
    setTimeout(() => submit(el));
    const queued = await oneEvent(el, 'civic-queued');
    expect(queued.detail.reason.failure).to.equal('rate_limited');
    await el.updateComplete;
    expect(textOf(el.shadowRoot, '[role=status]')).to.match(/Beaucoup de signatures arrivent de votre connexion en ce moment\. La vôtre est enregistrée sur cet appareil et sera envoyée automatiquement dans \d+\u00a0secondes?\./);
    await expect(el).to.be.accessible();
    expect(await statuses(id)).to.deep.equal(Array(10).fill('rejected'));
  });

  it('offline: queued with the draft kept, sent when the connection returns', async () => {
    const id = await createPetition({ profile: 'minimal' });
    const el = await mount(id, 'en');
    expect([...el.shadowRoot!.querySelectorAll('label[for]')].map((l) => l.textContent!.trim())).to.deep.equal(['Name or pseudonym', 'Email address', 'Leave this field empty']);
    const email = `${uniqueId('o')}@example.org`;
    await type(el, { name: 'Marie D.', email });
    await backendDown();
    setTimeout(() => submit(el));
    const queued = await oneEvent(el, 'civic-queued');
    expect(queued.detail.reason.failure).to.equal('offline');
    await el.updateComplete;
    expect(textOf(el.shadowRoot, '[role=status]')).to.contain('Your signature is saved on this device');
    await expect(el).to.be.accessible();
    await backendUp();
    const synced = oneEvent(el, 'civic-synced');
    window.dispatchEvent(new Event('online'));
    await synced;
    await until(() => textOf(el.shadowRoot, '[role=status]').includes(`we sent a message to ${email}`), 'check your mailbox');
    expect(await statuses(id)).to.deep.equal(['pending']);
  });

  it('formal profile (CGCT L.1112-16): elector and declaration boxes are required', async () => {
    const id = await createPetition({ profile: 'formal' });
    const el = await mount(id);
    expect([...el.shadowRoot!.querySelectorAll('input:not([tabindex="-1"])')].map((i) => (i as HTMLInputElement).name)).to.deep.equal(['elector', 'firstName', 'lastName', 'address', 'postcode', 'town', 'email', 'declaration']);
    const email = `${uniqueId('f')}@example.fr`;
    await type(el, { ...standard(email), address: '3 rue des Lilas' });
    await submit(el);
    await until(() => !!$(el, '#error-summary'), 'summary');
    expect(textOf(el.shadowRoot, '#err-elector')).to.equal('Cochez cette case pour signer.');
    expect(textOf(el.shadowRoot, '#err-declaration')).to.equal('Cochez cette case pour signer.');
    await expect(el).to.be.accessible();
    await type(el, { elector: true, declaration: true });
    setTimeout(() => submit(el));
    await oneEvent(el, 'civic-submitted');
    expect(await statuses(id)).to.deep.equal(['pending']);
  });

  it('a form sent faster than a human can is answered like the others but not counted', async () => {
    const id = await createPetition();
    const el = await mount(id);
    (el as unknown as { shownAt: number }).shownAt = performance.now();
    await type(el, standard(`${uniqueId('fast')}@example.fr`));
    setTimeout(() => submit(el));
    await oneEvent(el, 'civic-submitted');
    expect(await statuses(id)).to.deep.equal(['rejected']);
    const flags = await sql<{ flag: string }>(`select flag from petition_signatures where petition_id = $1`, [id]);
    expect(flags[0]!.flag).to.equal('too_fast');
  });

  it('closed and answered: the official response and the final count, no form; goal reached; paper split', async () => {
    const { url, adminToken } = await backend();
    const id = await createPetition({
      goal: 100,
      thresholds: [{ count: 100, label: { fr: 'le conseil municipal en débat', en: 'the council debates it' } }],
      closesAt: new Date(Date.now() - 3600_000).toISOString(),
      response: { text: { fr: 'Le conseil a voté la réouverture.', en: 'The council voted to reopen.' }, date: new Date().toISOString() },
    });
    await fetch(`${url}/admin/petitions/${id}/paper`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ count: 120 }) });
    const el = await mount(id);
    expect(textOf(el.shadowRoot, '[part~=response]')).to.contain('Réponse officielle');
    expect(textOf(el.shadowRoot, '[part~=response]')).to.contain('Le conseil a voté la réouverture.');
    expect(textOf(el.shadowRoot, '[part~=count]')).to.contain('120\u00a0signatures sur 100');
    expect(textOf(el.shadowRoot, '[part~=count]')).to.contain('dont 0 en ligne et 120 sur papier');
    expect(textOf(el.shadowRoot, '.thresholds')).to.contain('(atteint)');
    expect(textOf(el.shadowRoot, '[part~=body]')).to.contain('Cette pétition est close');
    expect($(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();

    const open = await createPetition({ goal: 100 });
    await fetch(`${url}/admin/petitions/${open}/paper`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ count: 100 }) });
    const reached = await mount(open, 'en');
    expect(textOf(reached.shadowRoot, '[part~=body]')).to.contain('The goal has been reached. You can still sign.');
    expect($(reached, 'form')).to.exist;
    await expect(reached).to.be.accessible();
  });

  it('tells the webmaster about a missing petition-id or an unknown petition', async () => {
    const { url } = await backend();
    const el = await fixture<CivicPetition>(html`<civic-petition endpoint=${url} lang="en"></civic-petition>`);
    expect(textOf(el.shadowRoot, '[role=alert]')).to.contain('petition-id');
    const unknown = await fixture<CivicPetition>(html`<civic-petition endpoint=${url} petition-id="nope" lang="en"></civic-petition>`);
    await until(() => !!unknown.shadowRoot!.querySelector('[role=alert]'), 'error');
    expect(textOf(unknown.shadowRoot, '[role=alert]')).to.contain('petition-id="nope"');
    await expect(unknown).to.be.accessible();
  });
});
