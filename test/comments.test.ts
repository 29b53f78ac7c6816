import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/components/comments/index.js';
import type { CivicComments } from '../src/components/comments/comments.js';
import type { CommentReceipt, ThreadDefinitionInput } from '../src/api/schemas.js';
import { $, $$, backend, backendDelay, backendDown, backendUp, clearDeviceStorage, putContent, sql, textOf, uniqueId, until } from './support/helpers.js';

/* ------------------------------------------------------------------ helpers */

async function createThread(extra: Partial<ThreadDefinitionInput> = {}): Promise<string> {
  return putContent('threads', { id: uniqueId('th'), title: { fr: 'Réaménagement de la place du Marché', en: 'Redesigning Market Square' }, ...extra });
}

/** Another device, through the API (20 s of form filling: not taken for a bot). */
async function post(threadId: string, body: string, extra: Record<string, unknown> = {}, device = 'other-device-0123456789'): Promise<CommentReceipt> {
  const { url } = await backend();
  const res = await fetch(`${url}/threads/${threadId}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ author: 'Nadia', body, deviceToken: device, fillMs: 20_000, ...extra }),
  });
  if (res.status !== 201) throw new Error(`post: ${res.status} ${await res.text()}`);
  return (await res.json()) as CommentReceipt;
}

async function admin(method: string, path: string, body?: unknown): Promise<Response> {
  const { url, adminToken } = await backend();
  return fetch(`${url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function mount(id: string, lang = 'en', attrs: { sort?: string; pageSize?: number; commentId?: string; refresh?: number } = {}): Promise<CivicComments> {
  const { url } = await backend();
  const el = await fixture<CivicComments>(
    html`<civic-comments endpoint=${url} thread-id=${id} lang=${lang} sort=${attrs.sort ?? 'newest'} page-size=${attrs.pageSize ?? 20} comment-id=${attrs.commentId ?? ''}
      refresh-interval=${attrs.refresh ?? 30}></civic-comments>`,
  );
  await until(() => !!el.shadowRoot?.querySelector('.comments, [role=alert]') && !el.shadowRoot.querySelector('.spinner'), 'the thread to load');
  await el.updateComplete;
  backdate(el);
  return el;
}

/** A resident takes more than the minimum form-fill time. */
function backdate(el: CivicComments): void {
  for (const f of (el as unknown as { forms: Map<string, { shownAt: number }> }).forms.values()) f.shownAt = performance.now() - 20_000;
}

/** Authors of the top-level comments, in order. */
const authors = (el: Element) => $$(el, '.comments > li > article .author').map((a) => a.textContent);

async function type(el: CivicComments, selector: string, value: string): Promise<void> {
  const input = $(el, selector) as HTMLInputElement | HTMLTextAreaElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('blur'));
  await el.updateComplete;
}

async function write(el: CivicComments, body: string, author = 'Marie', form = 'top'): Promise<void> {
  backdate(el);
  await type(el, `#${form}-author`, author);
  await type(el, `#${form}-body`, body);
}

async function publish(el: CivicComments, form = 'top'): Promise<void> {
  ($(el, `#form-${form} [part~=submit-button]`) as HTMLButtonElement).click();
  await el.updateComplete;
}

const stored = (threadId: string) => sql<{ body: string; status: string; parent_id: string | null }>(`select body, status, parent_id from comments where thread_id = $1 order by created_at`, [threadId]);

/* ------------------------------------------------------------------ tests */

describe('<civic-comments>', () => {
  beforeEach(async () => {
    await clearDeviceStorage();
    await backendUp();
    await backendDelay(0);
    history.replaceState(null, '', location.pathname);
  });

  it('shows the title, the count, the form and the empty state, accessible (loading too)', async () => {
    const id = await createThread();
    const { url } = await backend();
    const el = await fixture<CivicComments>(html`<civic-comments endpoint=${url} thread-id=${id} lang="fr"></civic-comments>`);
    expect($(el, '[role=status]')!.textContent).to.contain('Chargement');
    await expect(el).to.be.accessible();
    await until(() => !!$(el, '.comments'), 'loaded');
    expect(textOf(el.shadowRoot, '[part~=title]')).to.equal('Réaménagement de la place du Marché');
    expect(textOf(el.shadowRoot, '[part~=count]')).to.equal('Aucun commentaire pour l’instant');
    expect(textOf(el.shadowRoot, '.empty')).to.contain('Aucun commentaire');
    expect(!!$(el, '#top-author'), 'present').to.equal(true);
    expect(!!$(el, '#top-body'), 'present').to.equal(true);
    const hp = $(el, '#top-website') as HTMLInputElement;
    expect(hp.tabIndex).to.equal(-1);
    expect(hp.getAttribute('autocomplete')).to.equal('off');
    expect(!!hp.closest('[aria-hidden=true]'), 'present').to.equal(true);
    expect(textOf(el.shadowRoot, '#top-body-count')).to.equal('Encore 4\u202f000\u00a0caractères');
    await expect(el).to.be.accessible();
  });

  it('threads replies to the thread’s depth: three inline, the rest on demand, no reply button at the deepest level', async () => {
    const id = await createThread({ maxDepth: 3 });
    const a = await post(id, 'Premier avis');
    const replies = [];
    for (let i = 1; i <= 5; i++) replies.push(await post(id, `Réponse ${i}`, { parentId: a.id, author: `R${i}` }));
    const deep = await post(id, 'Réponse à la réponse 1', { parentId: replies[0]!.id, author: 'Deep' });
    const el = await mount(id);
    const first = $(el, '.comments > li')!;
    expect([...first.querySelectorAll(':scope > .replies > li > article .author')].map((x) => x.textContent)).to.deep.equal(['R1', 'R2', 'R3']);
    const more = [...first.querySelectorAll<HTMLButtonElement>(':scope > [part~=more-button]')].find((b) => b.textContent!.includes('more'))!;
    expect(more.textContent!.trim()).to.equal('Show 2 more replies');
    more.click();
    await until(() => first.querySelectorAll(':scope > .replies > li').length === 5, 'the other replies');
    expect(el.shadowRoot!.activeElement?.id).to.equal(`comment-${replies[3]!.id}`);
    // The depth-3 reply, under R1 (inline or on demand), has no reply button.
    const r1 = $(el, `#comment-${replies[0]!.id}`)!.parentElement!;
    const show = r1.querySelector<HTMLButtonElement>(':scope > [part~=more-button]');
    if (show) show.click();
    await until(() => !!$(el, `#comment-${deep.id}`), 'the deepest reply');
    expect(!!$(el, `#comment-${deep.id} .reply-button`), 'absent').to.equal(false);
    expect(!!$(el, `#comment-${replies[0]!.id} .reply-button`), 'present').to.equal(true);
    expect($(el, `#comment-${replies[0]!.id}`)!.closest('ol')!.getAttribute('aria-label')).to.equal('Replies to Nadia');
    expect(textOf(el.shadowRoot, '[part~=count]')).to.equal('7 comments');
    await expect(el).to.be.accessible();
  });

  it('sorts newest, oldest and most supported with a native select', async () => {
    const id = await createThread();
    const one = await post(id, 'un', { author: 'One' });
    await post(id, 'deux', { author: 'Two' });
    await post(id, 'trois', { author: 'Three' });
    const { url } = await backend();
    for (const d of ['support-device-0000000001', 'support-device-0000000002']) {
      const r = await fetch(`${url}/threads/${id}/comments/${one.id}/support`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ deviceToken: d }) });
      expect(r.status).to.equal(200);
    }
    const el = await mount(id);
    expect(authors(el)).to.deep.equal(['Three', 'Two', 'One']);
    const select = $(el, '#sort') as HTMLSelectElement;
    expect(select.labels![0]!.textContent).to.equal('Sort');
    for (const [sort, order] of [['oldest', ['One', 'Two', 'Three']], ['supported', ['One', 'Three', 'Two']], ['newest', ['Three', 'Two', 'One']]] as const) {
      select.value = sort;
      select.dispatchEvent(new Event('change'));
      await until(() => JSON.stringify(authors(el)) === JSON.stringify(order), `sorted ${sort}`);
      expect(el.getAttribute('sort')).to.equal(sort);
    }
    expect(textOf(el.shadowRoot, `#comment-${one.id} .support-button`)).to.equal('Support · 2 supports');
  });

  it('pages through 45 comments 20 at a time ("show more" keeps focus on the first new one), rendering only what is loaded', async () => {
    const id = await createThread();
    const seeded = await admin('POST', `/admin/threads/${id}/seed`, { count: 45, replies: 0 });
    expect(seeded.status).to.be.oneOf([200, 201]);
    const el = await mount(id, 'en', { pageSize: 20 });
    expect($$(el, '.comments > li').length).to.equal(20);
    const more = () => $(el, '.comments ~ [part~=more-button]') as HTMLButtonElement | null;
    expect(more()!.textContent!.trim()).to.equal('Show more comments (25 not shown yet)');
    await expect(el).to.be.accessible();
    more()!.click();
    await until(() => $$(el, '.comments > li').length === 40, 'the second page');
    const ids = $$(el, '.comments > li > article').map((a) => a.id);
    expect(new Set(ids).size).to.equal(40);
    expect(el.shadowRoot!.activeElement?.id).to.equal(ids[20]);
    expect(more()!.textContent).to.contain('5 not shown');
    more()!.click();
    await until(() => $$(el, '.comments > li').length === 45, 'the last page');
    expect(!!more(), 'absent').to.equal(false);
    // Newest first, across pages.
    const stamps = $$(el, '.comments > li > article time').map((t) => Date.parse(t.getAttribute('datetime')!));
    expect([...stamps].sort((x, y) => y - x)).to.deep.equal(stamps);
  });

  it('deep links (attribute and #comment-<id>) show the comment highlighted with its ancestors, and a way back to the whole thread', async () => {
    const id = await createThread();
    const a = await post(id, 'Le sujet', { author: 'Top' });
    const r = await post(id, 'La réponse visée', { author: 'Target', parentId: a.id });
    await post(id, 'Un autre fil', { author: 'Other' });
    const el = await mount(id, 'en', { commentId: r.id });
    expect(textOf(el.shadowRoot, '.focus-note')).to.contain('You are viewing one comment');
    expect($$(el, 'article .author').map((x) => x.textContent)).to.deep.equal(['Top', 'Target']);
    const target = $(el, `#comment-${r.id}`)!;
    expect(target.classList.contains('highlight')).to.equal(true);
    expect(target.getAttribute('aria-current')).to.equal('true');
    await until(() => el.shadowRoot!.activeElement === target, 'focus on the linked comment');
    await expect(el).to.be.accessible();
    ($$(el, 'button').find((b) => b.textContent === 'Show all the comments') as HTMLButtonElement).click();
    await until(() => authors(el).length === 2, 'the whole thread');
    expect(authors(el)).to.deep.equal(['Other', 'Top']);
    el.remove();

    history.replaceState(null, '', `${location.pathname}#comment-${encodeURIComponent(r.id)}`);
    const byHash = await mount(id, 'fr');
    expect($(byHash, `#comment-${r.id}`)!.classList.contains('highlight')).to.equal(true);
    ($$(byHash, 'button').find((b) => b.textContent === 'Voir tous les commentaires') as HTMLButtonElement).click();
    await until(() => authors(byHash).length === 2, 'the whole thread');
    expect(location.hash).to.equal('');
    // A permalink followed on the page highlights a loaded comment.
    location.hash = `comment-${encodeURIComponent(a.id)}`;
    await until(() => !!$(byHash, `#comment-${a.id}.highlight`), 'highlighted by the permalink');
    history.replaceState(null, '', location.pathname);
  });

  it('publishes a comment: it appears first with "(you)", the name is kept for next time, stored once; accessible at each step', async () => {
    const id = await createThread();
    await post(id, 'Déjà là', { author: 'Before' });
    const el = await mount(id);
    await write(el, 'Bonne idée.\n\nMais les livraisons ? https://example.org/plan', 'Marie');
    await backendDelay(400);
    setTimeout(() => publish(el));
    await until(() => textOf(el.shadowRoot, '#form-top [part~=submit-button]') === 'Sending…', 'sending');
    await expect(el).to.be.accessible();
    const submitted = await oneEvent(el, 'civic-submitted');
    await backendDelay(0);
    expect(submitted.detail.receipt.status).to.equal('accepted');
    await until(() => authors(el)[0] === 'Marie', 'the new comment first');
    const mine = $(el, `#comment-${submitted.detail.receipt.id}`)!;
    expect(mine.querySelector('.meta')!.textContent).to.contain('(you)');
    expect(mine.querySelectorAll('.text p').length).to.equal(2);
    const link = mine.querySelector('.text a') as HTMLAnchorElement;
    expect(link.href).to.equal('https://example.org/plan');
    expect(link.rel).to.equal('nofollow ugc noopener');
    expect(link.target).to.equal('_blank');
    expect(mine.querySelector('.text')!.textContent).to.equal('Bonne idée.\n\nMais les livraisons ? https://example.org/plan');
    expect(textOf(el.shadowRoot, '[role=status]')).to.equal('Your comment is published.');
    await until(() => el.shadowRoot!.activeElement === mine, 'focus on the new comment');
    expect(($(el, '#top-body') as HTMLTextAreaElement).value).to.equal('');
    expect(textOf(el.shadowRoot, '[part~=count]')).to.equal('2 comments');
    await expect(el).to.be.accessible();
    expect((await stored(id)).map((r) => r.body)).to.deep.equal(['Déjà là', 'Bonne idée.\n\nMais les livraisons ? https://example.org/plan']);
    el.remove();
    const again = await mount(id);
    expect(($(again, '#top-author') as HTMLInputElement).value).to.equal('Marie');
    expect($(again, `#comment-${submitted.detail.receipt.id} .meta`)!.textContent).to.contain('(you)');
  });

  it('a failed submit lists the problems in a focused summary; the counter and the server’s word rules speak French', async () => {
    const id = await createThread({ maxLength: 20 });
    const el = await mount(id, 'fr');
    setTimeout(() => publish(el));
    const invalid = await oneEvent(el, 'civic-invalid');
    expect(invalid.detail.fields.map((f: { path: string[] }) => f.path[0])).to.deep.equal(['body', 'author']);
    await until(() => el.shadowRoot!.activeElement?.id === 'top-summary', 'focus on the summary');
    expect(textOf(el.shadowRoot, '#top-summary')).to.contain('Votre commentaire\u00a0: Écrivez votre commentaire.');
    expect($(el, '#top-body')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#top-body')!.getAttribute('aria-describedby')).to.equal('top-body-error top-body-hint top-body-count');
    await expect(el).to.be.accessible();
    await write(el, 'x'.repeat(23), 'Jeanne');
    expect(textOf(el.shadowRoot, '#top-body-count')).to.equal('3\u00a0caractères de trop');
    expect(textOf(el.shadowRoot, '#top-body-error')).to.equal('Écrivez 20\u00a0caractères au plus.');
    ($(el, '#top-notify') as HTMLInputElement).click();
    await el.updateComplete;
    await type(el, '#top-email', 'pas-une-adresse');
    expect(textOf(el.shadowRoot, '#top-email-error')).to.equal('Indiquez une adresse électronique au format nom@exemple.fr.');
    ($(el, '#top-notify') as HTMLInputElement).click();
    await el.updateComplete;
    expect(!!$(el, '#top-email'), 'absent').to.equal(false);
    // A word the moderators reject: the server's field code, in the widget's words.
    expect((await admin('PUT', '/admin/moderation/rules', { words: [{ pattern: 'arnaque*', action: 'reject' }] })).status).to.equal(200);
    try {
      await type(el, '#top-body', 'Une arnaque !');
      setTimeout(() => publish(el));
      await oneEvent(el, 'civic-error');
      await until(() => el.shadowRoot!.activeElement?.id === 'top-summary', 'focus on the summary');
      expect(textOf(el.shadowRoot, '#top-summary')).to.contain('Ce texte enfreint les règles de cette discussion.');
      expect(($(el, '#top-body') as HTMLTextAreaElement).value).to.equal('Une arnaque !');
      await expect(el).to.be.accessible();
    } finally {
      await admin('PUT', '/admin/moderation/rules', { words: [] });
    }
    expect(await stored(id)).to.deep.equal([]);
  });

  it('moderation: a held comment shows to its author as awaiting moderation, to nobody else', async () => {
    const id = await createThread({ moderation: 'pre' });
    const el = await mount(id);
    await write(el, 'À relire, merci.');
    setTimeout(() => publish(el));
    const submitted = await oneEvent(el, 'civic-submitted');
    expect(submitted.detail.receipt.status).to.equal('pending');
    await until(() => textOf(el.shadowRoot, '[role=status]') === 'Thank you: your comment will appear once a moderator has approved it.', 'the message');
    const mine = `#comment-${submitted.detail.receipt.id}`;
    expect(textOf(el.shadowRoot, `${mine} .note`)).to.contain('Awaiting moderation');
    expect(!!$(el, `${mine} .reply-button`), 'absent').to.equal(false);
    expect(!!$(el, `${mine} .support-button`), 'absent').to.equal(false);
    await expect(el).to.be.accessible();
    el.remove();
    const again = await mount(id);
    expect(textOf(again.shadowRoot, `${mine} .note`)).to.contain('Awaiting moderation');
    const { url } = await backend();
    const other = (await (await fetch(`${url}/threads/${id}/comments`)).json()) as { comments: unknown[] };
    expect(other.comments).to.deep.equal([]);
    expect(textOf(again.shadowRoot, '[part~=count]')).to.equal('No comments yet');
  });

  it('live: a new comment waits behind "1 new comment" without moving the list; supports and removals apply in place', async () => {
    const id = await createThread();
    const first = await post(id, 'Premier', { author: 'First' });
    const el = await mount(id);
    await until(() => (el as unknown as { events?: { readyState: number } }).events?.readyState === 1, 'the event stream');
    const top = $(el, '.comments')!.getBoundingClientRect().top;
    const fresh = await post(id, 'Tout neuf', { author: 'Fresh' });
    await until(() => textOf(el.shadowRoot, '.fresh') === 'Show 1 new comment', 'the new comment button');
    expect(authors(el)).to.deep.equal(['First']);
    expect($(el, '.comments')!.getBoundingClientRect().top).to.equal(top);
    expect(textOf(el.shadowRoot, '[part~=count]')).to.equal('2 comments');
    await expect(el).to.be.accessible();
    ($(el, '.fresh button') as HTMLButtonElement).click();
    await until(() => authors(el)[0] === 'Fresh', 'inserted on request');
    await until(() => el.shadowRoot!.activeElement?.id === `comment-${fresh.id}`, 'focus on it');
    expect(textOf(el.shadowRoot, '.fresh')).to.equal('');
    // A live reply to a loaded comment: behind its own button.
    await post(id, 'Une réponse', { author: 'Replier', parentId: first.id });
    await until(() => textOf(el.shadowRoot, `#comment-${first.id} ~ [part~=more-button]`) === 'Show 1 new reply', 'the new reply button');
    // Another device supports: the count changes in place.
    const { url } = await backend();
    await fetch(`${url}/threads/${id}/comments/${first.id}/support`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ deviceToken: 'live-support-device-0001' }) });
    await until(() => textOf(el.shadowRoot, `#comment-${first.id} .support-button`) === 'Support · 1 support', 'the support in place');
    // Its author deletes the new comment: it goes.
    const del = await fetch(`${url}/threads/${id}/comments/${fresh.id}?device=other-device-0123456789`, { method: 'DELETE' });
    expect(del.status).to.equal(204);
    await until(() => !$(el, `#comment-${fresh.id}`), 'the deleted comment gone');
    el.remove();
    expect((el as unknown as { events?: unknown }).events).to.equal(undefined);
  });

  it('edits and deletes its own comment within the window, with the deadline shown; after it the server says so', async () => {
    const id = await createThread({ editWindowSeconds: 900 });
    const el = await mount(id);
    await write(el, 'Première version');
    setTimeout(() => publish(el));
    const { detail } = await oneEvent(el, 'civic-submitted');
    const sel = `#comment-${detail.receipt.id}`;
    await until(() => el.shadowRoot!.activeElement === $(el, sel), 'focus on the new comment');
    expect(!!$(el, `${sel} .edit-button`), 'present').to.equal(true);
    expect(textOf(el.shadowRoot, `${sel} .note`)).to.match(/^You can edit or delete it until .+ \((14|15) minutes left\)\.$/);
    ($(el, `${sel} .edit-button`) as HTMLButtonElement).click();
    await until(() => el.shadowRoot!.activeElement?.id === `edit-${detail.receipt.id}`, 'focus in the editor');
    await expect(el).to.be.accessible();
    await type(el, `#edit-${detail.receipt.id}`, 'Version corrigée');
    ($(el, `${sel} .edit-form [type=submit]`) as HTMLButtonElement).click();
    await until(() => textOf(el.shadowRoot, `${sel} .text`) === 'Version corrigée', 'the edited text');
    expect(textOf(el.shadowRoot, `${sel} .edited`)).to.equal('(edited)');
    expect((await stored(id))[0]!.body).to.equal('Version corrigée');
    ($(el, `${sel} .delete-button`) as HTMLButtonElement).click();
    await until(() => el.shadowRoot!.activeElement?.classList.contains('confirm-delete') === true, 'focus on the confirmation');
    expect(textOf(el.shadowRoot, `${sel} [role=group]`)).to.contain('Delete this comment for good?');
    await expect(el).to.be.accessible();
    ($(el, `${sel} .confirm-delete`) as HTMLButtonElement).click();
    await until(() => !$(el, sel), 'deleted');
    expect(textOf(el.shadowRoot, '[role=status]')).to.equal('Your comment is deleted.');
    expect((await stored(id))[0]!.status).to.equal('deleted');

    // A window of 0: no edit or delete buttons; a short one: the server refuses once it is over.
    const none = await createThread({ editWindowSeconds: 0 });
    const el0 = await mount(none);
    await write(el0, 'Définitif');
    setTimeout(() => publish(el0));
    const r0 = await oneEvent(el0, 'civic-submitted');
    await until(() => !!$(el0, `#comment-${r0.detail.receipt.id}`), 'shown');
    expect(!!$(el0, `#comment-${r0.detail.receipt.id} .edit-button`), 'absent').to.equal(false);
    const short = await createThread({ editWindowSeconds: 2 });
    const el2 = await mount(short);
    await write(el2, 'Vite');
    setTimeout(() => publish(el2));
    const r2 = await oneEvent(el2, 'civic-submitted');
    const sel2 = `#comment-${r2.detail.receipt.id}`;
    await until(() => !!$(el2, `${sel2} .edit-button`), 'the edit button');
    // So little time left that the "More time" warning has replaced the note.
    expect(textOf(el2.shadowRoot, `${sel2} .note`)).to.contain('in less than a minute');
    ($(el2, `${sel2} .edit-button`) as HTMLButtonElement).click();
    await el2.updateComplete;
    await new Promise((r) => setTimeout(r, 2500));
    await type(el2, `#edit-${r2.detail.receipt.id}`, 'Trop tard');
    ($(el2, `${sel2} .edit-form [type=submit]`) as HTMLButtonElement).click();
    await until(() => textOf(el2.shadowRoot, `${sel2} [role=alert]`) === 'The time to edit or delete this comment is over.', 'the refusal');
    expect((await stored(short))[0]!.body).to.equal('Vite');
  });

  it('supports (+1) per device with aria-pressed, kept after a reload', async () => {
    const id = await createThread();
    const c = await post(id, 'À soutenir');
    const el = await mount(id);
    const button = () => $(el, `#comment-${c.id} .support-button`) as HTMLButtonElement;
    expect(button().getAttribute('aria-pressed')).to.equal('false');
    button().click();
    await until(() => button().getAttribute('aria-pressed') === 'true' && textOf(el.shadowRoot, `#comment-${c.id} .support-button`) === 'Support · 1 support', 'supported');
    await new Promise((r) => setTimeout(r, 100));
    expect((await sql(`select 1 from comment_supports where comment_id = $1`, [c.id])).length).to.equal(1);
    await expect(el).to.be.accessible();
    el.remove();
    const again = await mount(id);
    const b2 = $(again, `#comment-${c.id} .support-button`) as HTMLButtonElement;
    expect(b2.getAttribute('aria-pressed')).to.equal('true');
    b2.click();
    await until(() => b2.getAttribute('aria-pressed') === 'false' && b2.textContent!.trim() === 'Support', 'unsupported');
    await until(async () => (await sql(`select 1 from comment_supports where comment_id = $1`, [c.id])).length === 0, 'the support removed');
  });

  it('stances: for / against / neutral on top-level comments, counted in the header', async () => {
    const id = await createThread({ stances: true });
    await post(id, 'Pour', { stance: 'for' });
    const el = await mount(id, 'fr');
    expect(textOf(el.shadowRoot, '[part~=count]')).to.equal('1\u00a0commentaire · 1\u00a0pour, 0\u00a0contre, 0\u00a0neutre');
    expect($$(el, 'input[name=stance]').map((i) => (i as HTMLInputElement).value)).to.deep.equal(['', 'for', 'against', 'neutral']);
    ($(el, 'input[name=stance][value=against]') as HTMLInputElement).click();
    await write(el, 'Je suis contre.');
    setTimeout(() => publish(el));
    const { detail } = await oneEvent(el, 'civic-submitted');
    await until(() => textOf(el.shadowRoot, `#comment-${detail.receipt.id} .badge`) === 'Contre', 'the badge');
    await until(() => textOf(el.shadowRoot, '[part~=count]').includes('1\u00a0contre'), 'the stance counts');
    // Replies carry no stance.
    ($(el, `#comment-${detail.receipt.id} .reply-button`) as HTMLButtonElement).click();
    await until(() => !!$(el, '#reply-body'), 'the reply form');
    expect(!!$(el, '#form-reply input[name=stance]'), 'absent').to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('reports through a dialog: Escape closes it and focus returns; a reason is required; at the threshold the comment goes', async () => {
    const id = await createThread({ flagThreshold: 1 });
    const c = await post(id, 'Publicité !');
    const el = await mount(id);
    await until(() => (el as unknown as { events?: { readyState: number } }).events?.readyState === 1, 'the event stream');
    const flag = () => $(el, `#comment-${c.id} .flag-button`) as HTMLButtonElement;
    flag().focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!($(el, '#flag-dialog') as HTMLDialogElement | null)?.open, 'the dialog');
    expect(textOf(el.shadowRoot, '#flag-title')).to.equal('Report this comment');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, '#flag-dialog'), 'closed');
    await until(() => el.shadowRoot!.activeElement === flag(), 'focus back on the button');
    flag().click();
    await until(() => !!($(el, '#flag-dialog') as HTMLDialogElement | null)?.open, 'the dialog again');
    ($(el, '#flag-dialog [type=submit]') as HTMLButtonElement).click();
    await until(() => textOf(el.shadowRoot, '#flag-dialog [role=alert]') === 'This answer is required.', 'the reason required');
    ($(el, '#flag-dialog input[value=spam]') as HTMLInputElement).click();
    await type(el, '#flag-detail', 'Lien commercial');
    ($(el, '#flag-dialog [type=submit]') as HTMLButtonElement).click();
    await until(() => !$(el, '#flag-dialog'), 'sent and closed');
    const rows = await sql<{ reason: string; detail: string }>(`select reason, detail from comment_flags where comment_id = $1`, [c.id]);
    expect(rows).to.deep.equal([{ reason: 'spam', detail: 'Lien commercial' }]);
    // Threshold 1: hidden at once, removed live from the list.
    await until(() => !$(el, `#comment-${c.id}`), 'the hidden comment gone');
  });

  it('a report below the threshold: the button says "Reported" and a thank-you note shows', async () => {
    const id = await createThread({ flagThreshold: 3 });
    const c = await post(id, 'Hors sujet');
    const el = await mount(id, 'fr');
    ($(el, `#comment-${c.id} .flag-button`) as HTMLButtonElement).click();
    await until(() => !!($(el, '#flag-dialog') as HTMLDialogElement | null)?.open, 'the dialog');
    ($(el, '#flag-dialog input[value=off_topic]') as HTMLInputElement).click();
    ($(el, '#flag-dialog [type=submit]') as HTMLButtonElement).click();
    await until(() => textOf(el.shadowRoot, `#comment-${c.id} .flag-button`) === 'Signalé', 'reported');
    expect($(el, `#comment-${c.id} .flag-button`)!.getAttribute('aria-disabled')).to.equal('true');
    expect(textOf(el.shadowRoot, `#comment-${c.id} [role=status]`)).to.equal('Merci\u00a0: les modérateurs vont examiner ce commentaire.');
    await until(() => el.shadowRoot!.activeElement === $(el, `#comment-${c.id} .flag-button`), 'focus back');
    await expect(el).to.be.accessible();
  });

  it('offline: the comment shows "waiting to be sent", then reaches the server once and shows "sent"', async () => {
    const id = await createThread();
    const el = await mount(id);
    await write(el, 'Écrit dans le train');
    // The connection drops (a real refused connection, not a mock).
    await backendDown();
    setTimeout(() => publish(el));
    const queued = await oneEvent(el, 'civic-queued');
    expect(queued.detail.reason.failure).to.equal('offline');
    await until(() => textOf(el.shadowRoot, '.queued .note') === 'Waiting to be sent: there is no connection. It is saved on this device and will be sent automatically.', 'waiting');
    expect(textOf(el.shadowRoot, '.queued .text')).to.equal('Écrit dans le train');
    expect(textOf(el.shadowRoot, '[role=status]')).to.contain('saved on this device');
    await expect(el).to.be.accessible();
    expect(await stored(id)).to.deep.equal([]);
    setTimeout(() => void backendUp());
    const synced = await oneEvent(el, 'civic-synced');
    const sel = `#comment-${synced.detail.receipt.id}`;
    await until(() => !!$(el, sel) && !$(el, '.queued'), 'sent in place');
    expect(textOf(el.shadowRoot, `${sel} .note`)).to.contain('Sent.');
    expect(textOf(el.shadowRoot, '[role=status]')).to.equal('Your comment saved on this device has been sent.');
    await expect(el).to.be.accessible();
    expect((await stored(id)).map((r) => r.body)).to.deep.equal(['Écrit dans le train']);
  });

  it('keeps the text being written on the device until it is sent (reply drafts too)', async () => {
    const id = await createThread();
    const c = await post(id, 'Sujet');
    const el = await mount(id);
    await type(el, '#top-body', 'Un brouillon');
    ($(el, `#comment-${c.id} .reply-button`) as HTMLButtonElement).click();
    await until(() => el.shadowRoot!.activeElement?.id === 'reply-body', 'focus in the reply');
    await type(el, '#reply-body', 'Une réponse en cours');
    await new Promise((r) => setTimeout(r, 400));
    el.remove();
    const again = await mount(id);
    expect(($(again, '#top-body') as HTMLTextAreaElement).value).to.equal('Un brouillon');
    ($(again, `#comment-${c.id} .reply-button`) as HTMLButtonElement).click();
    await until(() => ($(again, '#reply-body') as HTMLTextAreaElement | null)?.value === 'Une réponse en cours', 'the reply draft');
    await write(again, 'Un brouillon', 'Léa');
    setTimeout(() => publish(again));
    await oneEvent(again, 'civic-submitted');
    again.remove();
    const third = await mount(id);
    expect(($(third, '#top-body') as HTMLTextAreaElement).value).to.equal('');
  });

  it('keyboard only: reply opens under the comment with focus in it, cancel returns focus, publish the reply', async () => {
    const id = await createThread();
    const c = await post(id, 'Une question ?', { author: 'Asker' });
    const el = await mount(id);
    const reply = $(el, `#comment-${c.id} .reply-button`) as HTMLButtonElement;
    expect(reply.getAttribute('aria-label')).to.equal('Reply to Asker');
    reply.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement?.id === 'reply-body', 'focus in the reply');
    expect(reply.getAttribute('aria-expanded')).to.equal('true');
    expect(textOf(el.shadowRoot, '#reply-title')).to.equal('Your reply to Asker');
    await sendKeys({ type: 'Une réponse' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Léa' });
    await expect(el).to.be.accessible();
    const cancel = $$(el, '#form-reply button').find((b) => b.textContent === 'Cancel')!;
    cancel.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.shadowRoot!.activeElement === $(el, `#comment-${c.id} .reply-button`), 'focus back on reply');
    await sendKeys({ press: 'Enter' });
    await until(() => ($(el, '#reply-body') as HTMLTextAreaElement | null)?.value === 'Une réponse', 'the text kept');
    backdate(el);
    ($(el, '#form-reply [part~=submit-button]') as HTMLButtonElement).focus();
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const { detail } = await oneEvent(el, 'civic-submitted');
    await until(() => $(el, `#comment-${detail.receipt.id}`)?.closest('ol')?.classList.contains('replies') === true, 'the reply under the comment');
    await until(() => !$(el, '#form-reply'), 'the reply form closed');
    expect((await stored(id)).map((r) => r.parent_id)).to.deep.equal([null, c.id]);
  });

  it('closed and scheduled threads: reading only', async () => {
    const closed = await createThread({ closesAt: new Date(Date.now() - 60_000).toISOString() });
    const el = await mount(closed, 'fr');
    expect(!!$(el, 'form'), 'absent').to.equal(false);
    expect(textOf(el.shadowRoot, '[part~=body] .message')).to.equal('Cette discussion est close\u00a0: on ne peut plus y ajouter de commentaire.');
    expect(textOf(el.shadowRoot, '.closing')).to.contain('Clos depuis le');
    await expect(el).to.be.accessible();
  });

  it('configuration problems are shown to the webmaster: no thread-id, an unknown thread, an unreachable server', async () => {
    const { url } = await backend();
    const none = await fixture<CivicComments>(html`<civic-comments endpoint=${url} lang="en"></civic-comments>`);
    expect(textOf(none.shadowRoot, '[role=alert]')).to.contain('has no thread-id attribute');
    await expect(none).to.be.accessible();
    const unknown = await fixture<CivicComments>(html`<civic-comments endpoint=${url} thread-id="nope-nope" lang="en"></civic-comments>`);
    setTimeout(() => undefined);
    await until(() => !!$(unknown, '[role=alert]'), 'the error');
    expect(textOf(unknown.shadowRoot, '[role=alert]')).to.contain('thread-id="nope-nope"');
    await expect(unknown).to.be.accessible();
    await backendDown();
    const down = await fixture<CivicComments>(html`<civic-comments endpoint=${url} thread-id="any-thread" lang="en"></civic-comments>`);
    await until(() => !!$(down, '[role=alert]'), 'the error', 20_000);
    expect($(down, '[role=alert] button')!.textContent).to.equal('Try again');
    await expect(down).to.be.accessible();
    await backendUp();
  });

  it('<civic-comment-count>: every count of the page in one request', async () => {
    const a = await createThread();
    const b = await createThread();
    await post(a, 'un');
    await post(a, 'deux');
    const { url } = await backend();
    performance.clearResourceTimings();
    const list = await fixture(html`<ul lang="fr">
      <li><civic-comment-count endpoint=${url} thread-id=${a}></civic-comment-count></li>
      <li><civic-comment-count endpoint=${url} thread-id=${b}></civic-comment-count></li>
      <li><civic-comment-count endpoint=${url} thread-id=${a}></civic-comment-count></li>
      <li><civic-comment-count endpoint=${url} thread-id="inconnu-0"></civic-comment-count></li>
    </ul>`);
    const counts = () => [...list.querySelectorAll('civic-comment-count')].map((c) => c.shadowRoot?.textContent?.trim() ?? '');
    await until(() => counts().every(Boolean), 'the counts');
    expect(counts()).to.deep.equal(['2\u00a0commentaires', 'Aucun commentaire', '2\u00a0commentaires', 'Aucun commentaire']);
    const requests = performance.getEntriesByType('resource').filter((e) => e.name.includes('/threads/counts'));
    expect(requests.length).to.equal(1);
    await expect(list).to.be.accessible();
  });
});
