/**
 * Taking part in a discussion with the keyboard alone: real key presses only. Write a comment,
 * choose a position with the arrow keys, a name, Publish; open the reply form of another comment
 * (its button says expanded), reply, close; support a comment (pressed); open the report dialog
 * and leave it with Escape (the focus comes back to its button); the comment count inside the
 * page's own link. Focus order and visible focus at every stop, what the live regions say, what
 * the backend stored, Chromium's tree.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { CivicComments } from '../src/components/comments/comments.js';
import { backend, clearDeviceStorage, putContent, sql, uniqueId, until, $ } from './support/helpers.js';
import { announced, axFind, axGet, axTree, deepActive, here, press, startBefore, tabTo, tabVisibly, typeKeys } from './support/a11y.js';

async function thread(): Promise<string> {
  const { url } = await backend();
  const id = await putContent('threads', { id: uniqueId('kb-th'), title: { fr: 'Place du Marché', en: 'Market Square' }, stances: true, moderation: 'none' });
  const res = await fetch(`${url}/threads/${id}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ author: 'Nadia', body: 'More trees, please.', deviceToken: 'other-device-0123456789', fillMs: 20_000, stance: 'for' }),
  });
  if (res.status !== 201) throw new Error(`seed comment: ${res.status}`);
  return id;
}

/** The residents of these tests take their time: no form is taken for a bot's. */
function slowHands(el: CivicComments): void {
  for (const f of (el as unknown as { forms: Map<string, { shownAt: number }> }).forms.values()) f.shownAt = performance.now() - 20_000;
}

async function mount(id: string): Promise<CivicComments> {
  const { url } = await backend();
  const wrap = await fixture<HTMLDivElement>(html`<div>
    <a href="#before" id="before">Before the discussion</a>
    <civic-comments endpoint=${url} thread-id=${id} lang="en"></civic-comments>
    <a href="#after" id="after">After the discussion</a>
  </div>`);
  const el = wrap.querySelector('civic-comments')!;
  await until(() => !!el.shadowRoot?.querySelector('form') && !!el.shadowRoot!.querySelector('article.comment'), 'the thread');
  slowHands(el);
  startBefore(wrap);
  return el;
}

const rows = (id: string) => sql<{ author: string; body: string; stance: string | null; parent_id: string | null; status: string; supports: number }>(
  `select author, body, stance, parent_id, status, supports from comments where thread_id = $1 order by created_at`,
  [id],
);

describe('<civic-comments> with the keyboard alone', () => {
  beforeEach(() => clearDeviceStorage());

  it('writes, takes a position, publishes; replies; supports; opens and leaves the report dialog with Escape', async () => {
    const id = await thread();
    const el = await mount(id);
    const tree = await axTree('civic-comments');
    axGet(tree, 'region', 'Market Square');
    axGet(tree, 'form', 'Add a comment');
    const body = axGet(tree, 'textbox', 'Your comment');
    expect(body.description).to.contain('Plain text: leave a blank line between paragraphs.');
    axGet(tree, 'group', 'Your position (optional)');
    const list = axGet(tree, 'list', 'Comments');
    axGet(list, 'article', 'Nadia');
    expect(axGet(list, 'button', 'Reply to Nadia').props['expanded']).to.equal(undefined);
    expect(axGet(list, 'button', 'Support').props['pressed']).to.equal('false');
    expect(axGet(list, 'button', 'Report').props['hasPopup']).to.equal('dialog');

    // The form, in order.
    expect(await tabVisibly()).to.equal('textbox "Your comment"');
    await typeKeys('A fountain for the hot days.');
    expect(await tabVisibly()).to.equal('radio "No position"');
    await press('ArrowDown');
    expect(await here()).to.equal('radio "For"');
    expect(await tabVisibly()).to.equal('textbox "Your name or a pseudonym"');
    await typeKeys('Claire');
    expect(await tabVisibly()).to.equal('checkbox "Tell me by email when someone replies"');
    expect(await tabVisibly()).to.equal('button "Publish"');
    await press('Enter');
    await until(() => announced(el).includes('Your comment is published.'), 'the publication announced');
    // The focus goes to the new comment, named by its author.
    await until(() => deepActive()?.localName === 'article', 'focus on the new comment');
    expect(await here()).to.equal('article "Claire"');
    await until(async () => (await rows(id)).length === 2, 'the comment stored');
    expect((await rows(id))[1]).to.deep.include({ author: 'Claire', body: 'A fountain for the hot days.', stance: 'for', status: 'accepted', parent_id: null });

    // Reply to Nadia: the button says its form is open; the focus goes into the form.
    await tabTo('button "Reply to Nadia"');
    await press('Enter');
    await until(() => deepActive()?.id === 'reply-body', 'focus in the reply form');
    slowHands(el);
    expect(await here()).to.equal('textbox "Your reply"');
    expect(axGet(await axTree('civic-comments'), 'button', 'Reply to Nadia').props['expanded']).to.equal(true);
    axGet(await axTree('civic-comments'), 'form', 'Your reply to Nadia');
    await typeKeys('Yes, and benches in the shade.');
    await tabTo('button "Publish the reply"');
    await press('Enter');
    await until(async () => (await rows(id)).length === 3, 'the reply stored');
    const reply = (await rows(id))[2]!;
    expect(reply).to.deep.include({ author: 'Claire', body: 'Yes, and benches in the shade.', status: 'accepted' });
    expect(reply.parent_id).to.be.a('string');
    await until(() => !$(el, '#form-reply'), 'the reply form closed');

    // Support Nadia's comment with Space: the button is pressed.
    await tabTo('button "Support"', 40, true);
    const nadia = deepActive()!.closest('article')!;
    expect(nadia.querySelector('.author')!.textContent).to.equal('Nadia');
    await press('Space');
    await until(() => deepActive()?.getAttribute('aria-pressed') === 'true', 'pressed');
    expect(await here()).to.match(/^button "Support/);
    await until(async () => (await rows(id))[0]!.supports === 1, 'the support stored');

    // The report dialog: opened with Enter, the focus inside, Escape closes it and gives the focus back.
    expect(await tabVisibly()).to.equal('button "Report"');
    await press('Enter');
    await until(() => !!(el.shadowRoot!.querySelector('#flag-dialog') as HTMLDialogElement | null)?.open, 'the dialog');
    await until(() => !!deepActive()?.closest('dialog'), 'focus in the dialog');
    const dialog = axGet(await axTree('civic-comments'), 'dialog', 'Report this comment');
    expect(dialog.props['modal']).to.equal(true);
    expect(dialog.description).to.equal('Tell the moderators what is wrong. The author is not told who reported it.');
    expect(await here()).to.equal('radio "Spam or advertising"');
    await press('Escape');
    await until(() => !el.shadowRoot!.querySelector('#flag-dialog'), 'the dialog closed');
    await until(() => deepActive()?.classList.contains('flag-button') === true, 'focus back on "Report"');
    expect(await here()).to.equal('button "Report"');
    expect(axFind(await axTree('civic-comments'), 'dialog')).to.equal(undefined);
  });

  it('an empty comment: the summary is focused, its links lead to the fields', async () => {
    const id = await thread();
    const el = await mount(id);
    await tabTo('button "Publish"');
    await press('Enter');
    await until(() => deepActive()?.id === 'top-summary', 'focus on the summary');
    expect(announced(el)).to.contain('There is a problem');
    const body = axGet(await axTree('civic-comments'), 'textbox', 'Your comment');
    expect(body.props['invalid']).to.equal('true');
    expect(body.description).to.contain('Write your comment.');
    expect(await tabVisibly()).to.equal('link "Your comment: Write your comment."');
    await press('Enter');
    expect(await here()).to.equal('textbox "Your comment"');
    expect((await rows(id)).length).to.equal(1);
  });

  it('<civic-comment-count>: read as part of the page’s link, which Enter follows', async () => {
    const id = await thread();
    const { url } = await backend();
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <a href="#before" id="before">Before</a>
      <p><a href="#discussion" id="link">Discussion about Market Square — <civic-comment-count endpoint=${url} thread-id=${id} lang="en"></civic-comment-count></a></p>
    </div>`);
    const count = wrap.querySelector('civic-comment-count')!;
    await until(() => !!count.shadowRoot?.querySelector('[part=count]'), 'the count');
    startBefore(wrap);
    expect(await tabVisibly()).to.equal('link "Discussion about Market Square — 1 comment"');
    // The count adds no stop of its own.
    expect(count.shadowRoot!.querySelectorAll('a, button, [tabindex]').length).to.equal(0);
    await press('Enter');
    expect(location.hash).to.equal('#discussion');
    history.replaceState(null, '', location.pathname + location.search);
  });
});
