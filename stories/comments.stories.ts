import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { FIXTURE_ENDPOINT, NETWORK_ERROR, NEVER, deviceCopy, httpError } from './support/fixture-backend.js';
import { CONVERSATION, commentsFixtures, thread, type FixtureComment } from './support/comments-fixtures.js';
import { LIVE_ENDPOINT, liveDecorator, liveLoader } from './support/live.js';
import { inShadow } from './support/in-widget.js';
import { argTypesFor, withTheming, manifestAttributes } from './support/arg-types.js';

type Handler = (event: Event) => void;

/** Attributes as a webmaster writes them, and the manifest's event actions. */
type CommentsArgs = {
  endpoint?: string;
  'thread-id'?: string;
  lang?: string;
  sort?: string;
  'page-size'?: number;
  'comment-id'?: string;
  'heading-level'?: number;
  'refresh-interval'?: number;
  onCivicLoad?: Handler;
  onCivicSubmit?: Handler;
  onCivicSubmitted?: Handler;
  onCivicQueued?: Handler;
  onCivicSynced?: Handler;
  onCivicInvalid?: Handler;
  onCivicError?: Handler;
};

/** One `<civic-comments>` exactly as a webmaster would write it; events go to the Actions panel. */
function comments(a: CommentsArgs): TemplateResult {
  return html`<civic-comments
    ${manifestAttributes(a)}
    lang=${ifDefined(a.lang || undefined)}
    @civic-load=${ifDefined(a.onCivicLoad)}
    @civic-submit=${ifDefined(a.onCivicSubmit)}
    @civic-submitted=${ifDefined(a.onCivicSubmitted)}
    @civic-queued=${ifDefined(a.onCivicQueued)}
    @civic-synced=${ifDefined(a.onCivicSynced)}
    @civic-invalid=${ifDefined(a.onCivicInvalid)}
    @civic-error=${ifDefined(a.onCivicError)}
  ></civic-comments>`;
}

const meta = {
  title: 'Widgets/Comments',
  component: 'civic-comments',
  tags: ['autodocs'],
  render: (args) => comments(args),
  args: { endpoint: LIVE_ENDPOINT, 'thread-id': 'place-du-marche', lang: 'fr', sort: 'newest', 'page-size': 20, 'heading-level': 2, 'refresh-interval': 30 },
  argTypes: { ...argTypesFor('civic-comments'),
    // typed by an alias (CommentSort) in the manifest: the values are said here
    sort: { control: 'inline-radio', options: ['newest', 'oldest', 'supported'] },
    'page-size': { control: { type: 'number', min: 1, max: 100, step: 1 } },
    'refresh-interval': { control: { type: 'number', min: 0, step: 5 } } },
  decorators: [withTheming('civic-comments')],
  parameters: {
    docs: {
      description: {
        component:
          'A discussion thread: replies, sorting, pages, deep links, live updates, supports, stances, reports, editing within a window, offline. ' +
          '*Playground* talks to the live reference backend that `npm run storybook` mounts at `/api` (`place-du-marche`, the demo debate); ' +
          'the other stories run on Storybook-only fixtures (`https://fixtures.civic.invalid/api`) so that each state holds still, ' +
          'a 10,000-comment thread included.',
      },
    },
  },
} satisfies Meta<CommentsArgs>;

export default meta;
type Story = StoryObj<CommentsArgs>;

const inWidget = <T extends Element = HTMLElement>(canvas: HTMLElement, selector: string, nth = 0): Promise<T> => inShadow<T>('civic-comments', canvas, selector, nth);

/** Fixture stories do not poll unless they show live updates. */
const fixture = (id: string, extra: Partial<CommentsArgs> = {}) => ({ endpoint: FIXTURE_ENDPOINT, 'thread-id': id, 'refresh-interval': 0, ...extra });

/** Types a comment as a resident would, well after the minimum form-fill time. */
async function writeComment(canvas: HTMLElement, body: string, author = 'Camille'): Promise<void> {
  await userEvent.type(await inWidget<HTMLTextAreaElement>(canvas, '#top-body'), body);
  const name = await inWidget<HTMLInputElement>(canvas, '#top-author');
  await userEvent.clear(name);
  await userEvent.type(name, author);
  const el = canvas.querySelector('civic-comments') as unknown as { forms: Map<string, { shownAt: number }> };
  for (const f of el.forms.values()) f.shownAt = performance.now() - 30_000;
}

/* ------------------------------------------------------------------ live */

/** The demo debate on the live backend: every attribute as a control. */
export const Playground: Story = { loaders: [liveLoader], decorators: [liveDecorator] };

/* ------------------------------------------------------------------ reading */

/** A conversation: paragraphs, a link, replies (three shown, "show 2 more"), the town hall's official answer, supports. */
export const Conversation: Story = {
  name: 'Reading/Conversation',
  args: fixture('fixture-conversation'),
  beforeEach: commentsFixtures({ 'fixture-conversation': { definition: thread('fixture-conversation'), comments: CONVERSATION } }),
};

/** The same conversation in English. */
export const ConversationEnglish: Story = {
  name: 'Reading/Conversation (English)',
  args: fixture('fixture-conversation-en', { lang: 'en' }),
  beforeEach: commentsFixtures({ 'fixture-conversation-en': { definition: thread('fixture-conversation-en'), comments: CONVERSATION } }),
};

/** Stances (for / against / neutral) on top-level comments, counted under the title; the form asks for one. */
export const Stances: Story = {
  name: 'Reading/Stances',
  args: fixture('fixture-stances'),
  beforeEach: commentsFixtures({ 'fixture-stances': { definition: thread('fixture-stances', { stances: true }), comments: CONVERSATION } }),
};

/** Most supported first. */
export const MostSupported: Story = {
  name: 'Reading/Most supported',
  args: fixture('fixture-supported', { sort: 'supported' }),
  beforeEach: commentsFixtures({ 'fixture-supported': { definition: thread('fixture-supported'), comments: CONVERSATION } }),
};

/** 10,000 comments: only the first page is fetched and rendered; "show more" fetches the next. */
export const TenThousandComments: Story = {
  name: 'Reading/10,000 comments',
  args: fixture('fixture-10000'),
  beforeEach: commentsFixtures({ 'fixture-10000': { definition: thread('fixture-10000'), comments: 10_000 } }),
  play: async ({ canvasElement }) => {
    const more = await inWidget<HTMLButtonElement>(canvasElement, '.comments ~ [part~=more-button]');
    await expect(more.textContent).toContain('non affichés');
  },
};

/** Empty: an invitation to write the first comment. */
export const Empty: Story = {
  name: 'Reading/Empty',
  args: fixture('fixture-empty'),
  beforeEach: commentsFixtures({ 'fixture-empty': { definition: thread('fixture-empty') } }),
};

/** A deep link (`comment-id`, `#comment-<id>` or `?civic-comment=<id>`): the comment highlighted with the one it answers. */
export const DeepLink: Story = {
  name: 'Reading/Deep link',
  args: fixture('fixture-deep', { 'comment-id': 'c1r2' }),
  beforeEach: commentsFixtures({ 'fixture-deep': { definition: thread('fixture-deep'), comments: CONVERSATION } }),
};

/** Placeholders: a comment deleted by its author and one hidden by moderators keep their replies. */
export const Placeholders: Story = {
  name: 'Reading/Deleted and hidden',
  args: fixture('fixture-placeholders'),
  beforeEach: commentsFixtures({
    'fixture-placeholders': {
      definition: thread('fixture-placeholders'),
      comments: CONVERSATION.map((c): FixtureComment => (c.id === 'c1' ? { ...c, status: 'deleted' } : c.id === 'c2' ? { ...c, status: 'removed' } : c)),
    },
  }),
};

/** New comments arrive (here every 3 s, by polling the fixture) behind a button that never moves the list. */
export const NewComments: Story = {
  name: 'Reading/New comments arriving',
  args: fixture('fixture-growing', { 'refresh-interval': 3 }),
  beforeEach: commentsFixtures({ 'fixture-growing': { definition: thread('fixture-growing'), comments: CONVERSATION, growing: true } }),
};

/* ------------------------------------------------------------------ writing */

/** The device wrote a comment a few minutes ago: "you", the deadline to edit or delete it, the buttons. */
export const MineEditable: Story = {
  name: 'Writing/Own comment (edit window)',
  args: fixture('fixture-mine'),
  beforeEach: commentsFixtures({
    'fixture-mine': {
      definition: thread('fixture-mine'),
      comments: [...CONVERSATION, { id: 'm1', parentId: null, author: 'Camille', ago: 3, body: 'Mon avis, que je peux encore corriger.', mine: true, supported: false }],
      device: { token: true, author: 'Camille' },
    },
  }),
};

/** Published at once (moderation `none`): the new comment first, focused, "you". */
export const Published: Story = {
  name: 'Writing/Published',
  args: fixture('fixture-published'),
  beforeEach: commentsFixtures({ 'fixture-published': { definition: thread('fixture-published'), comments: CONVERSATION } }),
  play: async ({ canvasElement }) => {
    await writeComment(canvasElement, 'Pensez aussi aux poussettes.');
    await userEvent.click(await inWidget(canvasElement, '#form-top [part~=submit-button]'));
    await waitFor(async () => expect((await inWidget(canvasElement, '[part~=status]')).textContent).toContain('publié'));
  },
};

/** Moderation `pre`: the author sees the comment with "awaiting moderation"; nobody else does. */
export const AwaitingModeration: Story = {
  name: 'Writing/Awaiting moderation',
  args: fixture('fixture-pending'),
  beforeEach: commentsFixtures({ 'fixture-pending': { definition: thread('fixture-pending', { moderation: 'pre' }), comments: CONVERSATION, post: 'pending' } }),
  play: async ({ canvasElement }) => {
    await writeComment(canvasElement, 'Un avis à relire.');
    await userEvent.click(await inWidget(canvasElement, '#form-top [part~=submit-button]'));
    await waitFor(async () => expect((await inWidget(canvasElement, '.comment .note.warning')).textContent).toContain('modération'));
  },
};

/** Publish with nothing written: the error summary, focused, links to each field. */
export const ErrorSummary: Story = {
  name: 'Writing/Error summary',
  args: fixture('fixture-errors'),
  beforeEach: commentsFixtures({ 'fixture-errors': { definition: thread('fixture-errors', { maxLength: 40 }), comments: CONVERSATION } }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, '#form-top [part~=submit-button]'));
    await inWidget(canvasElement, '#top-summary');
  },
};

/** A text over the thread's limit: the live counter says by how much. */
export const TooLong: Story = {
  name: 'Writing/Too long',
  args: fixture('fixture-long'),
  beforeEach: commentsFixtures({ 'fixture-long': { definition: thread('fixture-long', { maxLength: 40 }), device: { draft: 'Un avis bien trop long pour cette discussion de quarante caractères.' } } }),
};

/** A reply form under a comment, with a draft kept on the device. */
export const Reply: Story = {
  name: 'Writing/Reply',
  args: fixture('fixture-reply'),
  beforeEach: commentsFixtures({ 'fixture-reply': { definition: thread('fixture-reply'), comments: CONVERSATION, device: { author: 'Lucas' } } }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, '#comment-c3 .reply-button'));
    await inWidget(canvasElement, '#reply-body');
  },
};

/** Sending… (the server takes its time). */
export const Submitting: Story = {
  name: 'Writing/Sending',
  args: fixture('fixture-sending'),
  beforeEach: commentsFixtures({ 'fixture-sending': { definition: thread('fixture-sending'), comments: CONVERSATION, post: NEVER } }),
  play: async ({ canvasElement }) => {
    await writeComment(canvasElement, 'Un avis qui part.');
    await userEvent.click(await inWidget(canvasElement, '#form-top [part~=submit-button]'));
  },
};

/** No connection: the comment is kept on the device and shown as waiting to be sent. */
export const OfflineQueued: Story = {
  name: 'Writing/Offline (waiting to be sent)',
  args: fixture('fixture-offline'),
  beforeEach: commentsFixtures({ 'fixture-offline': { definition: thread('fixture-offline'), comments: CONVERSATION, post: NETWORK_ERROR } }),
  play: async ({ canvasElement }) => {
    await writeComment(canvasElement, 'Écrit dans le train, sans réseau.');
    await userEvent.click(await inWidget(canvasElement, '#form-top [part~=submit-button]'));
    await inWidget(canvasElement, '.queued');
  },
};

/** Comments written on an earlier visit without a connection, still waiting (a top-level one and a reply). */
export const QueuedFromEarlierVisit: Story = {
  name: 'Writing/Waiting from an earlier visit',
  args: fixture('fixture-queued'),
  beforeEach: commentsFixtures({
    'fixture-queued': {
      definition: thread('fixture-queued'),
      comments: CONVERSATION,
      device: { token: true, queued: [{ author: 'Camille', body: 'Écrit hier soir, sans réseau.' }, { author: 'Camille', body: 'Merci pour la réponse !', parentId: 'c1' }] },
    },
  }),
};

/** Too many comments from this network: refused with a wait (kept on the device, sent later). */
export const RateLimited: Story = {
  name: 'Writing/Rate limited',
  args: fixture('fixture-rate'),
  beforeEach: commentsFixtures({ 'fixture-rate': { definition: thread('fixture-rate'), comments: CONVERSATION, post: httpError(429, 'rate_limited', 'Too many comments.', { 'Retry-After': '120' }) } }),
  play: async ({ canvasElement }) => {
    await writeComment(canvasElement, 'Encore un avis.');
    await userEvent.click(await inWidget(canvasElement, '#form-top [part~=submit-button]'));
  },
};

/** The report dialog, opened on a comment (Escape closes it; focus returns to the button). */
export const ReportDialog: Story = {
  name: 'Writing/Report dialog',
  args: fixture('fixture-report'),
  beforeEach: commentsFixtures({ 'fixture-report': { definition: thread('fixture-report'), comments: CONVERSATION } }),
  play: async ({ canvasElement }) => {
    await userEvent.click(await inWidget(canvasElement, '#comment-c3 .flag-button'));
    await inWidget(canvasElement, '#flag-dialog');
  },
};

/* ------------------------------------------------------------------ thread states */

export const Closed: Story = {
  name: 'States/Closed',
  args: fixture('fixture-closed'),
  beforeEach: commentsFixtures({ 'fixture-closed': { definition: thread('fixture-closed', { phase: 'closed', closesAt: '2026-04-30T22:00:00+02:00' }), comments: CONVERSATION } }),
};

export const Scheduled: Story = {
  name: 'States/Scheduled',
  args: fixture('fixture-scheduled'),
  beforeEach: commentsFixtures({ 'fixture-scheduled': { definition: thread('fixture-scheduled', { phase: 'scheduled', opensAt: '2026-06-01T08:00:00+02:00' }) } }),
};

export const Loading: Story = {
  name: 'States/Loading',
  args: fixture('fixture-loading'),
  beforeEach: commentsFixtures({ 'fixture-loading': { definition: NEVER } }),
};

/** The thread loads but its comments cannot: the form still works, the list offers to try again. */
export const ListUnavailable: Story = {
  name: 'States/Comments unavailable',
  args: fixture('fixture-list-down'),
  beforeEach: commentsFixtures({ 'fixture-list-down': { definition: thread('fixture-list-down'), pages: httpError(503, 'server_error', 'Down for maintenance.') } }),
};

export const LoadError: Story = {
  name: 'States/Server unreachable',
  args: fixture('fixture-down'),
  beforeEach: commentsFixtures({ 'fixture-down': { definition: NETWORK_ERROR } }),
};

export const UnknownId: Story = {
  name: 'States/Unknown thread',
  args: fixture('fixture-nope'),
};

/** The server cannot be reached, but this device kept the definition from an earlier visit: shown with a note. */
export const OfflineCopy: Story = {
  name: 'States/OfflineCopy',
  args: fixture('fixture-offline-copy'),
  beforeEach: [commentsFixtures({ 'fixture-offline-copy': { definition: NETWORK_ERROR } }), deviceCopy('comments', 'fixture-offline-copy', thread('fixture-offline-copy'))],
};

export const ConfigError: Story = {
  name: 'States/Configuration error',
  args: { endpoint: FIXTURE_ENDPOINT, 'thread-id': '' },
};

/* ------------------------------------------------------------------ counts and theming */

/** `<civic-comment-count>` on a listing page: every count in one request. */
export const CommentCount: Story = {
  name: 'Comment count (listing page)',
  beforeEach: commentsFixtures({
    'fixture-count-a': { definition: thread('fixture-count-a'), comments: CONVERSATION },
    'fixture-count-b': { definition: thread('fixture-count-b'), comments: 1 },
    'fixture-count-c': { definition: thread('fixture-count-c') },
  }),
  render: () => html`<ul lang="fr" style="font:16px/1.6 system-ui,sans-serif">
    <li><a href="#">Réaménager la place du Marché</a> · <civic-comment-count endpoint=${FIXTURE_ENDPOINT} thread-id="fixture-count-a"></civic-comment-count></li>
    <li><a href="#">Une piste cyclable rue Principale</a> · <civic-comment-count endpoint=${FIXTURE_ENDPOINT} thread-id="fixture-count-b"></civic-comment-count></li>
    <li><a href="#">Le nom de la médiathèque</a> · <civic-comment-count endpoint=${FIXTURE_ENDPOINT} thread-id="fixture-count-c"></civic-comment-count></li>
  </ul>`,
};

/** `<civic-comment-count>` without `thread-id`: the webmaster is told what to add, in place of the count. */
export const CommentCountConfigError: Story = {
  name: 'Comment count/Configuration error',
  render: () => html`<p lang="fr" style="font:16px/1.6 system-ui,sans-serif"><a href="#">Un article</a> · <civic-comment-count endpoint=${FIXTURE_ENDPOINT}></civic-comment-count></p>`,
};

/** Themed only through `--civic-*` tokens and `::part()`. */
export const Theming: Story = {
  args: fixture('fixture-theme'),
  beforeEach: commentsFixtures({ 'fixture-theme': { definition: thread('fixture-theme', { stances: true }), comments: CONVERSATION } }),
  render: (args) => html`<style>
      .themed {
        --civic-color-primary: #7c2d12;
        --civic-color-surface-alt: #fff7ed;
        --civic-comments-official-color: #166534;
        --civic-radius: 0;
        --civic-font-family: Georgia, serif;
      }
      .themed civic-comments::part(comment) {
        border-inline-start: 3px solid #fed7aa;
      }
    </style>
    <div class="themed">${comments(args)}</div>`,
};
