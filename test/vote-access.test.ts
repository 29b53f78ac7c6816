import { expect, oneEvent } from '@open-wc/testing';
import '../src/define.js';
import type { CivicVote } from '../src/components/vote/vote.js';
import { backend, clearDeviceStorage, createVote, sql, textOf, until, mountVote, $ } from './support/helpers.js';


async function type(el: CivicVote, value: string) {
  const input = $(el, '#code') as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

async function send(el: CivicVote) {
  $(el, 'input[value="oui"]')!.click();
  await el.updateComplete;
  $(el, '[part~=submit-button]')!.click();
}

async function issueCodes(id: string, count: number, district?: string): Promise<string[]> {
  const { url, adminToken } = await backend();
  const res = await fetch(`${url}/admin/votes/${id}/codes`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ count, district }),
  });
  expect(res.status, await res.clone().text()).to.equal(201);
  return ((await res.json()) as { codes: string[] }).codes;
}

describe('<civic-vote> invitation codes', () => {
  beforeEach(() => clearDeviceStorage());

  it('asks for the code, shows the server refusals next to the field, and votes once per code', async () => {
    const id = await createVote({ access: 'codes' });
    const [code] = await issueCodes(id, 1);
    const el = await mountVote(id);
    const input = $(el, '#code') as HTMLInputElement;
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(textOf(el.shadowRoot, 'label[for=code]')).to.equal('Invitation code');
    await expect(el).to.be.accessible();
    // Empty: refused before sending, focus on the field.
    await send(el);
    await until(() => el.shadowRoot!.activeElement?.id === 'code', 'focus on the code');
    expect(textOf(el.shadowRoot, '#code-error')).to.equal('Enter your invitation code.');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('code-error');
    await expect(el).to.be.accessible();
    // Unknown code: the server's refusal, at the field.
    await type(el, 'NOT-A-CODE-123');
    expect($(el, '#code-error')).to.equal(null);
    $(el, '[part~=submit-button]')!.click();
    await until(() => !!$(el, '#code-error'), 'the server refusal');
    expect(textOf(el.shadowRoot, '#code-error')).to.equal('This code is not valid. Check it and try again.');
    await until(() => el.shadowRoot!.activeElement?.id === 'code', 'focus on the code');
    // The real code votes.
    await type(el, code!);
    setTimeout(() => $(el, '[part~=submit-button]')!.click());
    await oneEvent(el, 'civic-submitted');
    const rows = await sql<{ n: number }>(`select count(*)::int as n from submissions where kind = 'vote' and content_id = $1`, [id]);
    expect(rows[0]!.n).to.equal(1);
    // Another device, same code: already used.
    await clearDeviceStorage();
    const other = await mountVote(id);
    await type(other, code!);
    await send(other);
    await until(() => !!$(other, '#code-error'), 'the code is used');
    expect(textOf(other.shadowRoot, '#code-error')).to.equal('This code has already been used to vote.');
    await expect(other).to.be.accessible();
  });
});

describe('<civic-vote> district codes in a budget', () => {
  beforeEach(() => clearDeviceStorage());

  it('brings the resident back from the review to the code field when the code is for another district', async () => {
    const id = await createVote({
      method: 'budget',
      access: 'codes',
      budget: { total: 50000, rule: 'greedy' },
      districts: [
        { id: 'centre', label: 'Centre' },
        { id: 'nord', label: 'Nord' },
      ],
      options: [
        { id: 'parc', label: 'Parc', cost: 30000, district: 'centre' },
        { id: 'bancs', label: 'Bancs', cost: 5000, district: 'nord' },
      ],
    });
    const [code] = await issueCodes(id, 1, 'nord');
    const el = await mountVote(id, 'fr');
    await type(el, code!);
    ($(el, '.project[data-id="parc"] .toggle') as HTMLButtonElement).click();
    await el.updateComplete;
    $(el, '[part~=submit-button]')!.click();
    await until(() => !!$(el, '#review-title'), 'review');
    expect($(el, '#code')).to.equal(null);
    $(el, '[part~=submit-button]')!.click();
    await until(() => !!$(el, '#code-error'), 'the refusal at the code field');
    expect(textOf(el.shadowRoot, '#code-error')).to.equal('Ce code est celui d’un autre quartier\u00a0: certains des projets choisis n’en font pas partie.');
    await until(() => el.shadowRoot!.activeElement?.id === 'code', 'focus on the code');
    expect(($(el, '#code') as HTMLInputElement).value).to.equal(code);
    await expect(el).to.be.accessible();
    // A project of the code's district: counted.
    ($(el, '.project[data-id="parc"] .toggle') as HTMLButtonElement).click();
    ($(el, '.project[data-id="bancs"] .toggle') as HTMLButtonElement).click();
    await el.updateComplete;
    $(el, '[part~=submit-button]')!.click();
    await until(() => !!$(el, '#review-title'), 'review');
    setTimeout(() => $(el, '[part~=submit-button]')!.click());
    await oneEvent(el, 'civic-submitted');
  });
});

describe('<civic-vote> eligibility questions', () => {
  beforeEach(() => clearDeviceStorage());

  it('asks the questions before the options, requires the answers, and sends them with the ballot', async () => {
    const id = await createVote({
      eligibility: [
        { id: 'habitant', label: { fr: 'J’habite la commune', en: 'I live in the town' }, type: 'yesno', mustBeYes: true, required: true },
        {
          id: 'age',
          label: { fr: 'Tranche d’âge', en: 'Age bracket' },
          type: 'choice',
          required: true,
          options: [
            { id: 'moins-18', label: { fr: 'Moins de 18 ans', en: 'Under 18' } },
            { id: '18-64', label: { fr: '18 à 64 ans', en: '18 to 64' } },
            { id: '65-plus', label: { fr: '65 ans et plus', en: '65 and over' } },
          ],
        },
      ],
    });
    const el = await mountVote(id, 'fr');
    const questions = $(el, '.eligibility')!;
    expect(textOf(questions, 'legend')).to.equal('Avant de voter');
    // Before the options.
    expect(questions.compareDocumentPosition($(el, 'input[value="oui"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    await expect(el).to.be.accessible();
    await send(el);
    await until(() => el.shadowRoot!.activeElement?.id === 'q-habitant', 'focus on the first question');
    expect(textOf(el.shadowRoot, '#err-habitant')).to.equal('Seules les personnes qui remplissent cette condition peuvent voter.');
    expect(textOf(el.shadowRoot, '#err-age')).to.equal('Répondez à cette question.');
    expect($(el, '#q-age')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    $(el, '#q-habitant')!.click();
    $(el, 'input[name="q-age"][value="65-plus"]')!.click();
    await el.updateComplete;
    expect($(el, '#err-habitant')).to.equal(null);
    expect($(el, '#err-age')).to.equal(null);
    setTimeout(() => $(el, '[part~=submit-button]')!.click());
    await oneEvent(el, 'civic-submitted');
    const rows = await sql<{ payload: unknown }>(`select payload from submissions where kind = 'vote' and content_id = $1`, [id]);
    const p = rows[0]!.payload;
    const payload = (typeof p === 'string' ? JSON.parse(p) : p) as { eligibility?: Record<string, unknown> };
    const stored = payload.eligibility ?? (await sql<{ eligibility: unknown }>(`select payload -> 'eligibility' as eligibility from submissions where content_id = $1`, [id]))[0]?.eligibility;
    expect(stored).to.deep.equal({ habitant: true, age: '65-plus' });
  });
});
