/**
 * The forms without JavaScript in Chromium, against the live backend: the fallback the backend
 * serves is the form while the widget's code has not run, and disappears once it runs (no <slot>
 * in any shadow root); it also works on its own, submitted for real from an iframe whose sandbox
 * forbids scripts. The widget's code is imported only in the middle of this file, on purpose.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { upgradePlaceholder } from '../src/internal/autoload.js';
import { widgets as widgetCode } from '../src/internal/widgets.js';
import { backend, createVote, putContent, sql, uniqueId, until } from './support/helpers.js';

async function fallback(kind: string, id: string, lang = 'en'): Promise<string> {
  const { url } = await backend();
  const res = await fetch(`${url}/forms/${kind}/${encodeURIComponent(id)}?lang=${lang}`);
  expect(res.status).to.equal(200);
  return res.text();
}

/** Rendered and with a box: what a resident sees (and what Chromium puts in the accessibility tree). */
const shown = (el: Element | null | undefined) => !!el && el.checkVisibility() && el.getClientRects().length > 0;

async function mountInFrame(srcdoc: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  // Forms allowed, scripts not: same origin only so that the test can fill the fields from outside.
  frame.setAttribute('sandbox', 'allow-forms allow-same-origin');
  frame.style.cssText = 'width:640px;height:900px';
  const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  frame.srcdoc = `<!doctype html><html><body><noscript><p id="scripting-off">off</p></noscript>${srcdoc}</body></html>`;
  document.body.append(frame);
  await loaded;
  return frame;
}

async function submitInFrame(frame: HTMLIFrameElement, button: HTMLElement): Promise<void> {
  const navigated = new Promise((r) => frame.addEventListener('load', r, { once: true }));
  button.click();
  await navigated;
}

describe('the form without JavaScript', () => {
  let voteId: string;
  before(async () => {
    voteId = await createVote();
  });

  it('is the form while the widget’s code has not run', async () => {
    const { url } = await backend();
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.innerHTML = `<civic-vote endpoint="${url}" vote-id="${voteId}">${await fallback('vote', voteId)}</civic-vote>`;
    expect(customElements.get('civic-vote')).to.equal(undefined);
    const form = host.querySelector('civic-vote [data-civic-fallback] form');
    expect(shown(form)).to.equal(true);
    expect(shown(host.querySelector('input[type=radio][value=oui]'))).to.equal(true);
    expect(shown(host.querySelector('[name=website]')), 'the honeypot is hidden without any stylesheet').to.equal(false);
    await expect(host).to.be.accessible();
  });

  it('disappears once the widget runs (tag and placeholder), and other content of the placeholder stays', async () => {
    const { url } = await backend();
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    // Two different votes: two widgets of one vote would be two landmarks with one name.
    const other = await createVote({ title: { fr: 'Quel nom pour la médiathèque ?', en: 'Which name for the library?' } });
    host.innerHTML = `<civic-vote endpoint="${url}" vote-id="${voteId}" lang="en">${await fallback('vote', voteId)}</civic-vote>
      <div data-civic-widget="vote" data-endpoint="${url}" data-vote-id="${other}" data-lang="en">${await fallback('vote', other)}<p class="cms-note">Note from the CMS</p></div>`;
    const { CivicVote } = await import('../src/components/vote/vote.js');
    CivicVote.define();
    upgradePlaceholder(widgetCode, host.querySelector('[data-civic-widget]')!);
    const widgets = [...host.querySelectorAll('civic-vote')];
    expect(widgets.length).to.equal(2);
    for (const w of widgets) {
      await until(() => !!w.shadowRoot?.querySelector('form'), 'the widget to show its form');
      expect(w.shadowRoot!.querySelector('slot')).to.equal(null);
      const fb = w.querySelector(':scope > [data-civic-fallback]');
      expect(fb, 'the fallback is inside the widget').to.not.equal(null);
      for (const el of fb!.querySelectorAll('form, input, button, label, h2')) expect(shown(el), `${el.localName} hidden`).to.equal(false);
      expect(shown(w.shadowRoot!.querySelector('form'))).to.equal(true);
    }
    expect(host.querySelector('[data-civic-widget] > [data-civic-fallback]')).to.equal(null);
    expect(shown(host.querySelector('.cms-note'))).to.equal(true);
    await expect(host).to.be.accessible();
  });

  it('a vote submitted for real from a frame without scripts lands as a ballot', async () => {
    const frame = await mountInFrame(await fallback('vote', voteId, 'fr'));
    const doc = frame.contentDocument!;
    expect(doc.getElementById('scripting-off'), 'scripts are off in the frame').to.not.equal(null);
    (doc.querySelector('input[name=choice][value=non]') as HTMLInputElement).checked = true;
    await submitInFrame(frame, doc.querySelector('button[type=submit]')!);
    expect(frame.contentDocument, 'the frame now shows the backend’s page').to.equal(null);
    const rows = await sql<{ payload: { choices: string[] }; origin: string }>(`select payload, origin from submissions where kind = 'vote' and content_id = $1`, [voteId]);
    expect(rows.map((r) => r.payload.choices)).to.deep.equal([['non']]);
    frame.remove();
  });

  it('a map report with a photo taken from a canvas, posted as multipart/form-data', async () => {
    const { url } = await backend();
    const res = await fetch(`${url}/map-reports/saint-aubin`);
    const space = (await res.json()) as Record<string, unknown>;
    const id = await putContent('map-reports', { ...space, id: uniqueId('space'), phase: undefined, serverTime: undefined });
    const frame = await mountInFrame(await fallback('map-report', id, 'fr'));
    const doc = frame.contentDocument!;
    (doc.querySelector('input[name=service_code][value=tag]') as HTMLInputElement).checked = true;
    (doc.querySelector('textarea[name=description]') as HTMLTextAreaElement).value = 'Un tag sur le mur de l’école';
    (doc.querySelector('input[name=address_string]') as HTMLInputElement).value = '3 rue de l’École';
    const canvas = document.createElement('canvas');
    canvas.width = 32;
    canvas.height = 24;
    canvas.getContext('2d')!.fillRect(0, 0, 16, 12);
    const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/jpeg', 0.8));
    const files = new DataTransfer();
    files.items.add(new File([blob], 'mur.jpg', { type: 'image/jpeg' }));
    (doc.querySelector('input[type=file][name=media]') as HTMLInputElement).files = files.files;
    await submitInFrame(frame, doc.querySelector('button[type=submit]')!);
    const rows = await sql<{ service_code: string; address_string: string; n: number }>(
      `select r.service_code, r.address_string, cardinality(r.media_ids) as n from map_reports r where r.space_id = $1`, [id],
    );
    expect(rows.map((r) => [r.service_code, r.address_string, Number(r.n)])).to.deep.equal([['tag', '3 rue de l’École', 1]]);
    frame.remove();
  });
});
