import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task, TaskStatus } from '@lit/task';
import { asApiError, errorMessage, toErrorInfo, type ApiClient, type ApiErrorInfo, type EventStream } from '../../api/client.js';
import type { CommentContext, CommentPage, CommentReceipt, ThreadDefinition, Comment, CommentRemoval, CommentSort, CommentSubmission, FlagReason, Stance, ThreadCount } from '../../api/schemas/comments.js';
import { isEmailAddress, paths } from '../../api/resources.js';
import { CivicElement, defineOnce } from '../../internal/civic-element.js';
import { SubmitController } from '../../internal/submit-controller.js';
import { pictogram } from '../../internal/pictograms.js';
import type { OutboxEntry } from '../../internal/outbox.js';
import { deviceToken, randomToken } from '../../internal/storage.js';
import { RetryWhileOffline, loadDefinition } from '../../internal/definitions.js';
import { CivicInvalidEvent, CivicLoadEvent } from '../../events/index.js';
import { commentsMessages, type CommentsMessages } from './comments.messages.js';
import { commentsStyles } from './comments.styles.js';
import { fieldStyles } from '../../styles/form.styles.js';

/**
 * The thread's zod schemas, loaded on first use: they arrive while the first request travels, so
 * zod is never evaluated before the first render.
 */
const schemas = () => import('../../api/schemas/comments.js').then(async (m) => ({ ...m, NoContent: (await import('../../api/schemas/common.js')).NoContent }));
import { renderBody } from './linkify.js';

/** The form under the header; reply forms are keyed by the id of the comment they answer. */
const TOP = '';
type Field = 'author' | 'email' | 'body';
const FIELDS: Field[] = ['body', 'author', 'email'];
const SORTS: CommentSort[] = ['newest', 'oldest', 'supported'];
const STANCES: Stance[] = ['for', 'against', 'neutral'];
const REASONS: FlagReason[] = ['spam', 'abuse', 'off_topic', 'personal_data', 'other'];

interface FormState {
  author: string;
  email: string;
  /** The resident wants an e-mail when someone replies (the e-mail field shows). */
  notify: boolean;
  body: string;
  stance?: Stance;
  touched: Set<Field>;
  /** A submit was tried: every problem shows, in the summary too. */
  showAll: boolean;
  /** performance.now() when the form was first shown (the minimum form-fill time). */
  shownAt: number;
  /** What the server refused. */
  error?: ApiErrorInfo;
}

/** What the device keeps of a form while it is being written. */
interface Draft {
  author?: string;
  email?: string;
  notify?: boolean;
  body: string;
  stance?: Stance;
  savedAt: string;
}

/** One level of the conversation: the top-level comments, or the direct replies of a comment. */
interface Branch {
  ids: string[];
  /** Visible comments at this level, as the server last said (top-level comments only; replies use the parent's `replyCount`). */
  total: number;
  /** Where the next page starts; `null`: everything is here; `undefined`: the first page is still to fetch. */
  cursor: string | null | undefined;
  /** Comments that arrived live, shown when the reader asks (the "N new" button). */
  fresh: string[];
  loading?: boolean;
  error?: ApiErrorInfo;
}

/** What the reader is doing with one comment. */
interface Ui {
  editing?: string;
  confirmDelete?: boolean;
  busy?: boolean;
  /** Why the last action on it failed. */
  message?: string;
  /** What the last action on it did (a report sent). */
  notice?: string;
  /** A request for more time to edit is travelling. */
  extending?: boolean;
  /** What the last request for more time gave (minutes, extensions left): shown until the next warning is due. */
  extended?: string;
}

/** The "more time" warning shows when this much of the edit window is left (WCAG 2.2.1 asks for at least 20 s). */
const EXTEND_WARNING_MS = 120_000;

/** A comment waiting in the outbox. */
interface Queued {
  key: string;
  body: CommentSubmission;
  /** Why it waits: no connection, or too many comments from this network. */
  rateLimited: boolean;
}

const queuedOf = (e: OutboxEntry): Queued => ({ key: e.key, body: e.body as CommentSubmission, rateLimited: e.lastError?.failure === 'rate_limited' });

interface Loaded {
  definition: ThreadDefinition;
  offline: boolean;
}

/** What the first read found: the first page, or a deep link's comment with its ancestors. */
interface Initial {
  page?: CommentPage;
  context?: CommentContext;
  error?: ApiErrorInfo;
  /** The `comment-id` attribute names a comment the server does not show. */
  missing: boolean;
}

/**
 * A debate thread: top-level comments and replies (to the thread's depth), sorted newest, oldest or
 * most supported, with the organiser's official replies marked. Only the first page is fetched and
 * rendered (cursor pagination from the server, "show more"), so a thread of 10,000 comments opens as
 * fast as one of ten. New comments arrive live (server-sent events) behind a "N new comments"
 * button that never moves what the reader is reading; supports, edits and deletions are applied in
 * place. Residents write without an account: a display name kept on the device, an optional e-mail
 * for reply notifications, a stance when the organiser enables them; their device may edit or
 * delete a comment for a while, support comments and report them. Text is plain text: paragraphs,
 * line breaks and links, never HTML. Works offline: a comment that cannot be sent is kept on the
 * device, shown as waiting, and sent when the connection returns.
 *
 * A deep link — `comment-id`, `#comment-<id>` in the page address, or `?civic-comment=<id>` from a
 * notification mail — opens that comment with the comments it answers, highlighted.
 *
 * @summary A discussion thread residents read, answer, support and report, without an account.
 * @tagname civic-comments
 *
 * @event civic-load - The thread was loaded. `detail: { kind, contentId, definition }`.
 * @event civic-submit - Before a comment is sent; cancelable. `detail: { kind, contentId, payload }`.
 * @event civic-submitted - The server received a comment (published, or waiting for a moderator). `detail: { kind, contentId, receipt }`.
 * @event civic-queued - No connection: the comment is kept on the device. `detail: { kind, contentId, idempotencyKey, reason }`.
 * @event civic-synced - A comment kept on the device reached the server. `detail: { kind, contentId, receipt }`.
 * @event civic-invalid - A comment form has missing or invalid fields. `detail: { kind, fields }`.
 * @event civic-error - Loading or sending failed, or the configuration is wrong. `detail: { kind, error, message }`.
 *
 * @csspart base - The frame around the widget.
 * @csspart header - Title, count and dates.
 * @csspart title - The thread's title.
 * @csspart count - The number of comments (and stances).
 * @csspart body - Everything below the header.
 * @csspart form - The comment form and each reply form.
 * @csspart field - One field (label, hint, error, input).
 * @csspart label - A field's label.
 * @csspart hint - A hint, a note, a date.
 * @csspart error - An error message or the error summary.
 * @csspart submit-button - The publish buttons.
 * @csspart status - The live message (published, awaiting moderation, kept on this device).
 * @csspart list - The list of top-level comments.
 * @csspart comment - One comment.
 * @csspart comment-text - The text of a comment.
 * @csspart reply-button - The "reply" button of a comment.
 * @csspart more-button - "Show more comments", "show replies", "N new comments".
 *
 * @cssproperty --civic-comments-official-color - Mark of the organiser's official comments (default: --civic-color-primary).
 * @cssproperty --civic-comments-highlight-color - Background of a comment opened by a link (default: #fef3c7).
 * @cssproperty --civic-color-primary - Main colour: buttons, links.
 * @cssproperty --civic-color-on-primary - Text on the main colour.
 * @cssproperty --civic-color-text - Text colour.
 * @cssproperty --civic-color-muted - Secondary text.
 * @cssproperty --civic-color-surface - Background.
 * @cssproperty --civic-color-surface-alt - Background of messages and official comments.
 * @cssproperty --civic-color-border - Frame, separators and field borders.
 * @cssproperty --civic-color-danger - Errors, "against".
 * @cssproperty --civic-color-warning - "Waiting" notes and the highlighted comment's outline.
 * @cssproperty --civic-color-success - Confirmation messages, "for".
 * @cssproperty --civic-font-family - Font.
 * @cssproperty --civic-font-size - Base font size.
 * @cssproperty --civic-radius - Corner radius.
 * @cssproperty --civic-space-s - Small spacing.
 * @cssproperty --civic-space-m - Medium spacing.
 * @cssproperty --civic-space-l - Large spacing.
 * @cssproperty --civic-focus-ring - Focus outline (default: 3px solid #ea580c).
 * @cssproperty --civic-target-size - Minimum size of touch targets (default: 2.75rem).
 * @cssproperty --civic-color-scheme - `light` or `dark`: the colour scheme of native controls.
 */
export class CivicComments extends CivicElement {
  static override styles = [...CivicElement.styles, fieldStyles, commentsStyles];
  protected readonly kind = 'comments' as const;
  protected readonly idAttribute = 'thread-id';
  protected get contentId(): string | undefined {
    return this.threadId?.trim();
  }

  /** The thread's identifier on the server. */
  @property({ attribute: 'thread-id', reflect: true }) threadId?: string;

  /** The order of top-level comments: `newest`, `oldest` or `supported`. The reader can change it. */
  @property({ reflect: true }) sort: CommentSort = 'newest';

  /** Top-level comments fetched per page (1-100). */
  @property({ attribute: 'page-size', type: Number }) pageSize = 20;

  /** Open this comment (with the comments it answers) instead of the first page. */
  @property({ attribute: 'comment-id' }) commentId?: string;

  /** Level of the thread's heading in the page outline (1-6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /**
   * Live updates: while the server's event stream is open, changes arrive as they happen; without
   * it, the first page is read again every this many seconds while the widget is visible. 0: no
   * live updates.
   */
  @property({ attribute: 'refresh-interval', type: Number }) refreshInterval = 30;

  /* ------------------------------------------------------------ state */

  /** Every comment loaded, by id, without its `replies` (those are in `branches`). */
  private byId = new Map<string, Comment>();
  private top: Branch = { ids: [], total: 0, cursor: undefined, fresh: [] };
  private branches = new Map<string, Branch>();
  private ui = new Map<string, Ui>();
  private forms = new Map<string, FormState>();
  private queued: Queued[] = [];
  /** Ids of comments that reached the server from the outbox (shown "sent"). */
  private sent = new Set<string>();
  /** The comment opened by a deep link, with its ancestors (top-level first); `undefined`: the whole thread. */
  private focusChain?: string[];
  private focusMissing = false;
  /** A comment to highlight (deep link, permalink). */
  private highlighted?: string;
  @state() private replyingTo?: string;
  @state() private flagging?: string;
  @state() private flagReason?: FlagReason;
  @state() private flagError?: string;
  @state() private announcement = '';
  /** The visible count and stances from the live stream (newer than the definition's). */
  @state() private liveCount?: ThreadCount;
  @state() private tick = 0;

  private token?: string;
  /** The thread (scope) the forms belong to. */
  private formsFor?: string;
  /** Server clock minus device clock (ms), from the definition's `serverTime`. */
  private skew = 0;
  private listAbort?: AbortController;
  private focusAfter?: string;
  private saveTimer?: ReturnType<typeof setTimeout>;
  private ticker?: ReturnType<typeof setInterval>;
  private poller?: ReturnType<typeof setInterval>;
  private events?: EventStream;
  private eventsFailed = false;
  private visible = true;
  private observer?: IntersectionObserver;
  private readonly onVisibility = () => this.syncLive();
  private readonly onHash = () => void this.openFromLocation(true);

  private get m(): CommentsMessages {
    return commentsMessages(this.l);
  }

  private readonly submitter = new SubmitController<CommentReceipt>(this, {
    kind: 'comments',
    receipt: schemas().then((m) => m.CommentReceipt),
    contentId: () => this.contentId,
    onAccepted: (receipt, payload, fromQueue) => this.accepted(receipt, payload as CommentSubmission, fromQueue),
    onRejected: (error, payload) => this.rejectedLater(error, payload as CommentSubmission),
  });

  private readonly loader = new Task(this, {
    args: () => [this.client, this.contentId] as const,
    task: async ([client, id], { signal }) => {
      if (!client || !id) return undefined;
      return this.load(client, id, signal);
    },
  });

  private readonly offlineRetry = new RetryWhileOffline(this, () => void this.loader.run());

  private scope(client: ApiClient, id: string): string {
    return `comments|${client.base}|${id}`;
  }

  private get def(): ThreadDefinition | undefined {
    return this.loader.value?.definition;
  }

  /* ------------------------------------------------------------ loading */

  private async load(client: ApiClient, id: string, signal: AbortSignal): Promise<Loaded> {
    const scope = this.scope(client, id);
    const target = this.deepLinkTarget();
    // What the device keeps (IndexedDB) is read while the first page travels. A reader's device has
    // no token for this thread (it is made when the device first acts): its first page goes at once,
    // without one; a device that acted here reads it with its token (its own comments awaiting
    // moderation, its supports and reports).
    const device = Promise.all([
      this.deviceStore.get<string>(`token:${scope}`),
      this.deviceStore.get<string>(`comments-author|${client.base}`),
      this.submitter.waiting(),
      this.deviceStore.get<Draft>(`draft:${scope}|${TOP}`),
    ]);
    const anonymous = this.fetchInitial(client, id, target, undefined, signal);
    anonymous.catch(() => undefined);
    const [loaded, [token, author, queued, draft], initial] = await Promise.all([
      loadDefinition(client, 'comments', id, schemas().then((m) => m.ThreadDefinition), signal),
      device,
      device.then(([t]) => (t ? this.fetchInitial(client, id, target, t, signal) : anonymous)),
    ]);
    this.token = token;
    this.applyInitial(initial);
    this.skew = Date.parse(loaded.definition.serverTime) - Date.now();
    this.liveCount = undefined;
    this.queued = queued.map(queuedOf);
    // Loaded again (the connection came back, another thread): what is being typed for this thread stays.
    if (this.formsFor !== scope) this.forms.clear();
    this.formsFor = scope;
    if (!this.forms.has(TOP)) this.forms.set(TOP, this.newForm(author, draft));
    this.dispatchEvent(new CivicLoadEvent({ kind: 'comments', contentId: id, definition: loaded.definition }));
    return loaded;
  }

  /** This device's token for the thread, made the first time it acts (posts, supports, reports). */
  private async ensureToken(): Promise<string | undefined> {
    const client = this.client;
    const id = this.contentId;
    if (!this.token && client && id) this.token = await deviceToken(this.scope(client, id), this.deviceStore);
    return this.token;
  }

  /** The comment a deep link asks for: the attribute, `#comment-<id>`, or `?civic-comment=<id>`. */
  private deepLinkTarget(): { id: string; fromPage: boolean } | undefined {
    const own = this.commentId?.trim();
    if (own) return { id: own, fromPage: false };
    const hash = /^#comment-(.+)$/.exec(location.hash)?.[1];
    const id = hash ? decodeURIComponent(hash) : new URLSearchParams(location.search).get('civic-comment');
    return id ? { id, fromPage: true } : undefined;
  }

  private readQuery(extra: Record<string, string | undefined> = {}, token = this.token): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
    if (token) q.set('device', token);
    return `?${q}`;
  }

  /** The order in force (`newest` when the attribute says something else). */
  private get order(): CommentSort {
    return SORTS.includes(this.sort) ? this.sort : 'newest';
  }

  private get limit(): string {
    return String(Math.min(100, Math.max(1, Math.round(this.pageSize) || 20)));
  }

  /**
   * The first page, or the deep-linked comment and its ancestors. A comment the server does not
   * know may be another thread's (a page with several threads): the first page then.
   */
  private async fetchInitial(client: ApiClient, id: string, target: { id: string; fromPage: boolean } | undefined, token: string | undefined, signal: AbortSignal): Promise<Initial> {
    let missing = false;
    try {
      if (target) {
        try {
          return { context: await client.get(paths.comment(id, target.id) + this.readQuery({}, token), schemas().then((m) => m.CommentContext), { signal }), missing };
        } catch (e) {
          if (asApiError(e).failure !== 'not_found') throw e;
          missing = !target.fromPage;
        }
      }
      return { page: await client.get(paths.submissions('comments', id) + this.readQuery({ sort: this.order, limit: this.limit }, token), schemas().then((m) => m.CommentPage), { signal }), missing };
    } catch (e) {
      if (signal.aborted) throw e;
      return { error: toErrorInfo(asApiError(e)), missing };
    }
  }

  private applyInitial(initial: Initial): void {
    this.reset();
    this.focusMissing = initial.missing;
    if (initial.context) this.showContext(initial.context);
    else if (initial.page) this.applyPage(this.top, initial.page);
    else this.top.error = initial.error;
  }

  private reset(): void {
    this.byId = new Map();
    this.top = { ids: [], total: 0, cursor: undefined, fresh: [] };
    this.branches = new Map();
    this.ui = new Map();
    this.focusChain = undefined;
    this.focusMissing = false;
    this.highlighted = undefined;
  }

  /** Keeps a comment and, recursively, its inline replies; returns its id. */
  private ingest(c: Comment): string {
    const { replies, ...rest } = c;
    const old = this.byId.get(c.id);
    // Device fields are absent from live events: keep what the device's own reads said.
    this.byId.set(c.id, old ? { ...rest, mine: rest.mine ?? old.mine, supported: rest.supported ?? old.supported, flagged: rest.flagged ?? old.flagged, editableUntil: rest.editableUntil ?? old.editableUntil, editExtensionsLeft: rest.editExtensionsLeft ?? old.editExtensionsLeft } : rest);
    if (replies) {
      const branch = this.branches.get(c.id);
      const ids = replies.map((r) => this.ingest(r));
      if (!branch) this.branches.set(c.id, { ids, total: c.replyCount, cursor: c.repliesCursor ?? null, fresh: [] });
    }
    return c.id;
  }

  /** Fetches the next page of a level (top-level comments, or the replies of `parentId`) and appends it. */
  private async fetchPage(client: ApiClient, threadId: string, branch: Branch, parentId: string | undefined, signal?: AbortSignal): Promise<string[]> {
    branch.loading = true;
    branch.error = undefined;
    this.requestUpdate();
    try {
      const path = parentId ? paths.comment(threadId, parentId, 'replies') : paths.submissions('comments', threadId);
      const query = this.readQuery({ sort: parentId ? undefined : this.order, cursor: branch.cursor ?? undefined, limit: this.limit });
      return this.applyPage(branch, await client.get(path + query, schemas().then((m) => m.CommentPage), { signal }), parentId);
    } catch (e) {
      if (signal?.aborted) throw e;
      branch.error = toErrorInfo(asApiError(e));
      return [];
    } finally {
      branch.loading = false;
      this.requestUpdate();
    }
  }

  /** Appends a page to a level; returns the ids it added. */
  private applyPage(branch: Branch, page: CommentPage, parentId?: string): string[] {
    const known = new Set(branch.ids);
    const added = page.comments.map((c) => this.ingest(c)).filter((cid) => !known.has(cid));
    branch.ids = [...branch.ids, ...added];
    branch.cursor = page.nextCursor;
    branch.total = page.total;
    if (parentId) {
      const parent = this.byId.get(parentId);
      if (parent) this.byId.set(parentId, { ...parent, replyCount: Math.max(page.total, branch.ids.length) });
    }
    return added;
  }

  private showContext(ctx: CommentContext): void {
    const chain = [...ctx.ancestors.map((a) => this.ingest({ ...a, replies: undefined })), this.ingest(ctx.comment)];
    this.focusChain = chain;
    this.highlighted = ctx.comment.id;
    this.focusAfter = ctx.comment.id;
  }

  /** `#comment-<id>` changed (a permalink was followed): highlight it, or open it with its context. */
  private async openFromLocation(fromHash: boolean): Promise<void> {
    const target = this.deepLinkTarget();
    const client = this.client;
    const id = this.contentId;
    if (!target || !client || !id || this.loader.status !== TaskStatus.COMPLETE) return;
    if (this.renderRoot.querySelector(`#comment-${CSS.escape(target.id)}`)) {
      this.highlighted = target.id;
      this.focusAfter = target.id;
      this.requestUpdate();
      return;
    }
    if (!fromHash) return;
    this.listAbort?.abort();
    const abort = (this.listAbort = new AbortController());
    try {
      this.applyInitial(await this.fetchInitial(client, id, target, this.token, abort.signal));
    } catch {
      /* replaced by a newer request */
    }
    this.requestUpdate();
  }

  /** Leaves a deep link for the whole thread. */
  private async showAll(): Promise<void> {
    const hash = /^#comment-/.test(location.hash);
    const query = new URLSearchParams(location.search);
    if (hash || query.has('civic-comment')) {
      query.delete('civic-comment');
      const search = query.toString();
      history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}`);
    }
    this.commentId = undefined;
    await this.reloadList();
    await this.focusAfterRender('#list-title');
  }

  private async reloadList(): Promise<void> {
    const client = this.client;
    const id = this.contentId;
    if (!client || !id) return;
    this.listAbort?.abort();
    const abort = (this.listAbort = new AbortController());
    this.reset();
    try {
      await this.fetchPage(client, id, this.top, undefined, abort.signal);
    } catch {
      /* replaced by a newer request */
    }
  }

  private async more(branch: Branch, parentId?: string): Promise<void> {
    const client = this.client;
    const id = this.contentId;
    if (!client || !id || branch.loading) return;
    const added = await this.fetchPage(client, id, branch, parentId);
    if (added[0]) await this.focusComment(added[0]);
  }

  /** Shows the replies of a comment that came without them (deeper levels). */
  private async openReplies(parentId: string): Promise<void> {
    let branch = this.branches.get(parentId);
    if (!branch) this.branches.set(parentId, (branch = { ids: [], total: 0, cursor: undefined, fresh: [] }));
    await this.more(branch, parentId);
  }

  /** Inserts the comments that arrived live in a level, and moves focus to the first of them. */
  private async showFresh(branch: Branch, parentId?: string): Promise<void> {
    const fresh = branch.fresh.filter((cid) => this.byId.has(cid) && !branch.ids.includes(cid));
    branch.fresh = [];
    if (parentId || this.order === 'newest') branch.ids = parentId ? [...branch.ids, ...fresh] : [...fresh.reverse(), ...branch.ids];
    else branch.ids = [...branch.ids, ...fresh];
    this.requestUpdate();
    const first = parentId || this.order !== 'newest' ? fresh[0] : fresh[fresh.length - 1];
    if (first) await this.focusComment(first);
  }

  private async focusComment(id: string): Promise<void> {
    this.focusAfter = id;
    this.requestUpdate();
    await this.updateComplete;
  }

  /* ------------------------------------------------------------ live */

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof IntersectionObserver !== 'undefined') {
      this.observer = new IntersectionObserver((entries) => {
        this.visible = entries.some((e) => e.isIntersecting);
        this.syncLive();
      });
      this.observer.observe(this);
    }
    document.addEventListener('visibilitychange', this.onVisibility);
    addEventListener('hashchange', this.onHash);
    // The edit windows' countdowns.
    this.ticker = setInterval(() => {
      if ([...this.byId.values()].some((c) => this.editable(c))) this.tick++;
    }, 15_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    document.removeEventListener('visibilitychange', this.onVisibility);
    removeEventListener('hashchange', this.onHash);
    clearInterval(this.ticker);
    this.stopLive();
    this.flushDraft();
  }

  /**
   * The thread's event stream while the widget is loaded, on screen and in a visible tab; polling of
   * the first page instead when the stream cannot open (old server, proxy).
   */
  private syncLive(): void {
    const client = this.client;
    const id = this.contentId;
    const want =
      !!client && !!id && this.isConnected && this.visible && document.visibilityState !== 'hidden' && this.refreshInterval > 0 &&
      this.loader.status === TaskStatus.COMPLETE && !!this.loader.value && !this.loader.value.offline;
    const path = want ? paths.events('comments', id!) : '';
    if (this.events && (!want || this.events.url !== new URL(client!.base + path, location.href).href)) this.stopLive();
    if (!want) return this.stopPolling();
    if (!this.eventsFailed && !this.events) {
      this.events = client!.eventStream(
        path,
        schemas().then((m) => m.THREAD_EVENTS),
        {
          comment: (c) => this.onLiveComment(c),
          update: (c) => this.onLiveUpdate(c),
          remove: (r) => this.onLiveRemove(r),
          count: (c) => (this.liveCount = c),
        },
        () => {
          this.eventsFailed = true;
          this.events = undefined;
          this.syncLive();
        },
      );
      if (!this.events) this.eventsFailed = true;
    }
    if (this.eventsFailed && !this.poller) this.poller = setInterval(() => void this.poll(), this.refreshInterval * 1000);
  }

  private stopLive(): void {
    this.events?.close();
    this.events = undefined;
    this.stopPolling();
  }

  private stopPolling(): void {
    clearInterval(this.poller);
    this.poller = undefined;
  }

  /** Without the event stream: the count, and the newest comments behind the "new comments" button. */
  private async poll(): Promise<void> {
    const client = this.client;
    const id = this.contentId;
    if (!client || !id || this.loader.status !== TaskStatus.COMPLETE) return;
    try {
      const page = await client.get(paths.submissions('comments', id) + this.readQuery({ sort: 'newest', limit: '20' }), schemas().then((m) => m.CommentPage));
      const since = Date.parse(this.def?.serverTime ?? '') || 0;
      for (const c of [...page.comments].reverse()) {
        if (this.byId.has(c.id)) this.onLiveUpdate(c);
        else if (Date.parse(c.createdAt) > since) this.onLiveComment(c);
      }
      const def = await client.get(paths.definition('comments', id), schemas().then((m) => m.ThreadDefinition));
      this.liveCount = { count: def.count, stanceCounts: def.stanceCounts };
    } catch {
      /* the next tick tries again */
    }
  }

  private onLiveComment(c: Comment): void {
    if (this.byId.has(c.id)) return this.onLiveUpdate(c);
    if (c.parentId === null) {
      this.ingest(c);
      // Kept behind the button; the list moves only when the reader asks.
      if (!this.focusChain) this.top.fresh.push(c.id);
      this.top.total++;
    } else {
      const parent = this.byId.get(c.parentId);
      if (!parent) return;
      this.ingest(c);
      let branch = this.branches.get(c.parentId);
      if (!branch) this.branches.set(c.parentId, (branch = { ids: [], total: 0, cursor: undefined, fresh: [] }));
      if (branch.cursor === undefined && parent.replyCount > branch.ids.length) {
        // Its earlier replies are not loaded either: "show replies" will fetch them all.
        this.byId.set(parent.id, { ...parent, replyCount: parent.replyCount + 1 });
      } else {
        branch.fresh.push(c.id);
        this.byId.set(parent.id, { ...parent, replyCount: Math.max(parent.replyCount, branch.ids.length + branch.fresh.length) });
      }
    }
    this.requestUpdate();
  }

  private onLiveUpdate(c: Comment): void {
    if (!this.byId.has(c.id)) return;
    const { replies: _, ...rest } = c;
    this.ingest(rest);
    this.requestUpdate();
  }

  private onLiveRemove(r: CommentRemoval): void {
    if (!this.byId.has(r.id)) return;
    this.byId.delete(r.id);
    const branch = r.parentId === null ? this.top : this.branches.get(r.parentId);
    if (branch) {
      if (branch.ids.includes(r.id) || branch.fresh.includes(r.id)) branch.total = Math.max(0, branch.total - 1);
      branch.ids = branch.ids.filter((x) => x !== r.id);
      branch.fresh = branch.fresh.filter((x) => x !== r.id);
    }
    const parent = r.parentId ? this.byId.get(r.parentId) : undefined;
    if (parent) this.byId.set(parent.id, { ...parent, replyCount: Math.max(0, parent.replyCount - 1) });
    if (this.focusChain?.includes(r.id)) this.focusChain = this.focusChain.slice(0, this.focusChain.indexOf(r.id));
    this.requestUpdate();
  }

  /* ------------------------------------------------------------ lifecycle */

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sort') && changed.get('sort') !== undefined && this.loader.status === TaskStatus.COMPLETE) void this.reloadList();
    if (changed.has('commentId') && changed.get('commentId') !== undefined && this.commentId) void this.openFromLocation(true);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('refreshInterval')) this.stopPolling();
    this.syncLive();
    if (this.loader.status === TaskStatus.ERROR) this.reportLoadError(this.loader.error);
    this.offlineRetry.schedule(this.loader.status === TaskStatus.COMPLETE && !!this.loader.value?.offline);
    const top = this.forms.get(TOP);
    if (top && !top.shownAt && this.renderRoot.querySelector('#form-top')) top.shownAt = performance.now();
    if (this.focusAfter) {
      const el = this.renderRoot.querySelector<HTMLElement>(`#comment-${CSS.escape(this.focusAfter)}`);
      if (el) {
        this.focusAfter = undefined;
        el.scrollIntoView({ block: 'nearest' });
        el.focus({ preventScroll: true });
      }
    }
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#flag-dialog');
    if (dialog && this.flagging && !dialog.open) dialog.showModal();
  }

  /* ------------------------------------------------------------ rendering */

  override render() {
    const problem = this.configProblem() ?? this.requireAttribute('thread-id', this.threadId);
    if (problem) return this.renderConfigError(problem);
    return this.loader.render({
      initial: () => this.renderLoading(),
      pending: () => (this.loader.value ? this.renderThread(this.loader.value) : this.renderLoading()),
      error: (e) => this.renderLoadError(e, () => void this.loader.run()),
      complete: (loaded) => (loaded ? this.renderThread(loaded) : this.renderLoading()),
    });
  }

  private level(depth: number): number {
    return Math.min(6, Math.max(1, this.headingLevel + depth));
  }

  private renderThread({ definition: def, offline }: Loaded) {
    const l = this.l;
    const m = this.m;
    const count = this.liveCount ?? def;
    const stances = def.stances ? count.stanceCounts : undefined;
    return html`<section part="base" class="base" aria-labelledby="title" dir=${this.resolvedDir} lang=${l.lang}>
      <div part="header" class="header">
        <div part="title" class="title" role="heading" aria-level=${this.level(0)} id="title">${l.text(def.title) || m.heading}</div>
        <p part="count" class="count"><strong>${m.count(count.count)}</strong>${stances ? html` · ${m.stanceCounts(stances.for, stances.against, stances.neutral)}` : nothing}</p>
        ${this.renderDates(def)}
      </div>
      <div part="body">
        ${offline ? html`<p class="message warning" part="hint">${pictogram(l, 'offline')}${l.t('offlineCopy')}</p>` : nothing}
        <div part="status" class="live" role="status" tabindex="-1" id="status">${this.announcement ? html`<p class="message success">${this.announcement}</p>` : nothing}</div>
        ${def.phase === 'open' ? this.renderForm(def, TOP) : html`<p class="message" part="hint">${def.phase === 'closed' ? m.closedNote : m.scheduledNote}</p>`}
        ${this.focusChain ? this.renderFocus(def, this.focusChain) : this.renderList(def)}
      </div>
      ${this.flagging ? this.renderFlagDialog() : nothing}
    </section>`;
  }

  private renderList(def: ThreadDefinition) {
    const m = this.m;
    const top = this.top;
    const queuedTop = this.queued.filter((q) => !q.body.parentId);
    const empty = !top.ids.length && !queuedTop.length && !top.loading && !top.error && top.cursor !== undefined;
    const fresh = top.fresh.length;
    return html`<div class="toolbar">
        <h3 class="visually-hidden" id="list-title" tabindex="-1">${m.commentsList}</h3>
        <label for="sort">${m.sortLabel}</label>
        <select id="sort" .value=${live(this.order)} @change=${(e: Event) => (this.sort = (e.target as HTMLSelectElement).value as CommentSort)}>
          ${SORTS.map((s) => html`<option value=${s} ?selected=${s === this.order}>${m.sort[s]}</option>`)}
        </select>
      </div>
      ${this.focusMissing ? html`<p class="message warning" role="alert">${m.focusMissing}</p>` : nothing}
      <div class="fresh" aria-live="polite">${fresh ? html`<button part="more-button" type="button" class="secondary more" @click=${() => this.showFresh(top)}>${m.newComments(fresh)}</button>` : nothing}</div>
      ${empty ? html`<p class="hint empty">${m.empty}</p>` : nothing}
      <ol part="list" class="comments" aria-labelledby="list-title">
        ${queuedTop.map((q) => this.renderQueued(q))}
        ${repeat(top.ids, (id) => id, (id) => this.renderItem(def, id))}
      </ol>
      ${this.renderBranchEnd(top, top.total - top.ids.length - top.fresh.length, () => this.more(top))}`;
  }

  /** "Show more", a spinner, or the error with a retry, at the end of a level. */
  private renderBranchEnd(branch: Branch, left: number, more: () => void, label = this.m.more(Math.max(0, left))) {
    if (branch.loading) return html`<p class="hint" role="status"><span class="spinner" aria-hidden="true"></span> ${this.l.t('loading')}</p>`;
    if (branch.error)
      return html`<div class="message danger" role="alert"><p>${this.m.loadFailed} ${errorMessage(this.l, branch.error)}</p>
        <button type="button" class="secondary" @click=${more}>${this.l.t('retry')}</button></div>`;
    if (branch.cursor === null || (branch.cursor === undefined && left <= 0)) return nothing;
    return html`<button part="more-button" type="button" class="secondary more" @click=${more}>${label}</button>`;
  }

  private renderFocus(def: ThreadDefinition, chain: string[]) {
    const m = this.m;
    const nest = (i: number): TemplateResult => this.renderItem(def, chain[i]!, i < chain.length - 1 ? html`<ol class="replies">${nest(i + 1)}</ol>` : undefined);
    return html`<div class="message focus-note" part="hint">
        <p>${m.focusNote}</p>
        <button type="button" class="secondary" @click=${() => this.showAll()}>${m.focusBack}</button>
      </div>
      <h3 class="visually-hidden" id="list-title" tabindex="-1">${m.commentsList}</h3>
      <ol part="list" class="comments" aria-labelledby="list-title">${chain.length ? nest(0) : nothing}</ol>`;
  }

  /** One comment in its list item: the comment, its reply form, its replies (or `inner`, a deep link's next step). */
  private renderItem(def: ThreadDefinition, id: string, inner?: TemplateResult): TemplateResult {
    const c = this.byId.get(id);
    if (!c) return html``;
    const ui = this.ui.get(id);
    return html`<li>
      ${guard([c, ui, def, this.l.lang, c.mine ? this.tick : 0, this.sent.has(id), this.highlighted === id, this.replyingTo === id], () => this.renderComment(def, c, ui))}
      ${this.replyingTo === id ? this.renderForm(def, id) : nothing} ${inner ?? this.renderReplies(def, c)}
    </li>`;
  }

  private renderReplies(def: ThreadDefinition, c: Comment) {
    const m = this.m;
    const branch = this.branches.get(c.id);
    const queued = this.queued.filter((q) => q.body.parentId === c.id);
    const loaded = branch?.ids.length ?? 0;
    const fresh = branch?.fresh.length ?? 0;
    const left = c.replyCount - loaded - fresh;
    if (!loaded && !queued.length && !fresh && left <= 0) return nothing;
    const more = () => (branch ? this.more(branch, c.id) : this.openReplies(c.id));
    const label = loaded ? m.moreReplies(left) : m.showReplies(left);
    return html`<ol class="replies" aria-label=${m.repliesTo(this.authorOf(c))}>
        ${branch ? repeat(branch.ids, (id) => id, (id) => this.renderItem(def, id)) : nothing} ${queued.map((q) => this.renderQueued(q))}
      </ol>
      ${fresh ? html`<button part="more-button" type="button" class="secondary more" @click=${() => this.showFresh(branch!, c.id)}>${m.newReplies(fresh)}</button>` : nothing}
      ${left > 0 ? this.renderBranchEnd(branch ?? { ids: [], total: 0, cursor: undefined, fresh: [] }, left, more, label) : nothing}`;
  }

  private authorOf(c: Comment): string {
    return c.author || (c.status === 'removed' ? this.m.removed : this.m.deleted);
  }

  private editable(c: Comment): boolean {
    return !!c.mine && !!c.editableUntil && c.status !== 'deleted' && Date.parse(c.editableUntil) > Date.now() + this.skew;
  }

  private renderComment(def: ThreadDefinition, c: Comment, ui: Ui | undefined) {
    const m = this.m;
    const l = this.l;
    const cls = ['comment', c.official ? 'official' : '', this.highlighted === c.id ? 'highlight' : ''].join(' ');
    if (c.status === 'deleted' || c.status === 'removed') {
      return html`<article part="comment" class="${cls} placeholder" id="comment-${c.id}" tabindex="-1"><p class="note">${c.status === 'removed' ? m.removed : m.deleted}</p></article>`;
    }
    const open = def.phase === 'open';
    const accepted = c.status === 'accepted';
    const editable = this.editable(c);
    const minutes = editable ? Math.floor((Date.parse(c.editableUntil!) - Date.now() - this.skew) / 60_000) : 0;
    const extend = this.extendOffer(c, ui);
    return html`<article part="comment" class=${cls} id="comment-${c.id}" tabindex="-1" aria-labelledby="author-${c.id}" aria-current=${this.highlighted === c.id ? 'true' : nothing}>
      <p class="meta">
        <span class="author" id="author-${c.id}">${c.author}</span>${c.mine ? html` <span class="hint">(${m.you})</span>` : nothing}
        ${c.official ? html`<span class="badge official">${m.official}</span>` : nothing}
        ${c.stance ? html`<span class="badge ${c.stance}">${m.stance[c.stance]}</span>` : nothing}
        <a href="#comment-${encodeURIComponent(c.id)}" aria-label=${`${m.permalink(c.author)}, ${l.dateTime(c.createdAt)}`}><time datetime=${c.createdAt}>${l.dateTime(c.createdAt)}</time></a>
        ${c.editedAt ? html`<span class="edited">(${m.edited})</span>` : nothing}
      </p>
      ${ui?.editing !== undefined ? this.renderEdit(def, c, ui.editing) : html`<div part="comment-text" class="text">${renderBody(c.body)}</div>`}
      ${c.status === 'pending' ? html`<p class="note warning">${m.pending}</p>` : nothing}
      ${this.sent.has(c.id) ? html`<p class="note">${m.sent}</p>` : nothing}
      ${editable && ui?.editing === undefined && !extend ? html`<p class="note">${m.editableUntil(this.deadlineTime(c), minutes)}</p>` : nothing}
      ${editable && ui?.editing === undefined ? this.renderExtend(c, ui, extend) : nothing}
      ${ui?.message ? html`<p class="note warning" role="alert">${ui.message}</p>` : nothing}
      ${ui?.notice ? html`<p class="note" role="status">${ui.notice}</p>` : nothing}
      ${ui?.confirmDelete
        ? html`<div class="actions" role="group" aria-labelledby="confirm-${c.id}">
            <p id="confirm-${c.id}" class="note warning">${m.confirmDelete}</p>
            <button type="button" class="primary confirm-delete" @click=${() => this.deleteComment(c)} aria-disabled=${ui.busy ? 'true' : 'false'}>${m.yesDelete}</button>
            <button type="button" class="secondary" @click=${() => this.setUi(c.id, { confirmDelete: false }, `#comment-${CSS.escape(c.id)} .delete-button`)}>${m.cancel}</button>
          </div>`
        : ui?.editing === undefined
          ? html`<div class="actions">
              ${open && accepted && c.depth < def.maxDepth
                ? html`<button part="reply-button" type="button" class="secondary reply-button" aria-expanded=${this.replyingTo === c.id ? 'true' : 'false'} @click=${() => this.toggleReply(c.id)}
                    aria-label=${m.replyTo(c.author)}>${m.reply}</button>`
                : nothing}
              ${accepted
                ? html`<button type="button" class="secondary support-button" aria-pressed=${c.supported ? 'true' : 'false'} @click=${() => this.toggleSupport(c)}>
                    ${m.support}${c.supports ? html` <span aria-hidden="true">·</span> <span class="supports">${m.supports(c.supports)}</span>` : nothing}
                  </button>`
                : nothing}
              ${accepted && !c.mine
                ? html`<button type="button" class="secondary flag-button" aria-haspopup="dialog" aria-disabled=${c.flagged ? 'true' : 'false'} @click=${() => !c.flagged && this.openFlag(c.id)}>${c.flagged ? m.flagged : m.flag}</button>`
                : nothing}
              ${editable
                ? html`<button type="button" class="secondary edit-button" @click=${() => this.startEdit(c)}>${m.edit}</button>
                    <button type="button" class="secondary delete-button" @click=${() => this.setUi(c.id, { confirmDelete: true, message: undefined }, `#comment-${CSS.escape(c.id)} .confirm-delete`)}>${m.delete}</button>`
                : nothing}
            </div>`
          : nothing}
    </article>`;
  }

  private renderQueued(q: Queued) {
    const m = this.m;
    return html`<li>
      <article part="comment" class="comment queued" id="queued-${q.key}" tabindex="-1">
        <p class="meta"><span class="author">${q.body.author}</span> <span class="hint">(${m.you})</span></p>
        <div part="comment-text" class="text">${renderBody(q.body.body)}</div>
        <p class="note warning">${q.rateLimited ? m.waitingRateLimited : m.waiting}</p>
      </article>
    </li>`;
  }

  /* ------------------------------------------------------------ the forms */

  private newForm(author?: string, draft?: Draft): FormState {
    return { author: draft?.author ?? author ?? '', email: draft?.email ?? '', notify: draft?.notify ?? !!draft?.email, body: draft?.body ?? '', stance: draft?.stance, touched: new Set(), showAll: false, shownAt: 0 };
  }

  private problemOf(def: ThreadDefinition, f: FormState, field: Field): string | undefined {
    const e = this.m.error;
    if (field === 'author') return !f.author.trim() ? e.nameRequired : f.author.trim().length > 80 ? e.nameTooLong : undefined;
    if (field === 'email') return !f.notify ? undefined : !f.email.trim() ? e.emailRequired : !isEmailAddress(f.email.trim()) ? e.email : undefined;
    const body = f.body.trim();
    if (!body) return e.bodyRequired;
    return [...body].length > def.maxLength ? e.tooLong(def.maxLength) : undefined;
  }

  /** What the server refused, by field (and '' for the form as a whole). */
  private serverProblems(f: FormState): Map<string, string> {
    const out = new Map<string, string>();
    const error = f.error;
    if (!error) return out;
    const e = this.m.error;
    for (const issue of error.fields ?? []) {
      const name = String(issue.path[0] ?? '');
      const text =
        issue.code === 'not_allowed' ? e.notAllowed
        : issue.code === 'too_big' && name === 'body' ? e.tooLong(this.def?.maxLength ?? 0)
        : issue.code === 'unknown_parent' ? e.unknownParent
        : issue.code === 'too_deep' ? e.tooDeep
        : name === 'email' ? e.email
        : this.l.t('field.invalid');
      out.set(FIELDS.includes(name as Field) ? name : '', text);
    }
    if (!error.fields?.length) out.set('', errorMessage(this.l, error));
    return out;
  }

  private shownProblem(def: ThreadDefinition, f: FormState, field: Field, server: Map<string, string>): string | undefined {
    const own = this.problemOf(def, f, field);
    if (own && (f.showAll || f.touched.has(field))) return own;
    return server.get(field);
  }

  private renderForm(def: ThreadDefinition, key: string) {
    const f = this.forms.get(key);
    if (!f) return nothing;
    const m = this.m;
    const l = this.l;
    const p = key === TOP ? 'top' : 'reply';
    const parent = key === TOP ? undefined : this.byId.get(key);
    const server = this.serverProblems(f);
    const problems = FIELDS.map((field) => [field, this.shownProblem(def, f, field, server)] as const).filter(([, x]) => x);
    const general = server.get('');
    const busy = this.submitter.state === 'submitting' && this.sending === key;
    const left = def.maxLength - [...f.body].length;
    const field = (name: Field, label: string, input: TemplateResult, hint?: string, after?: TemplateResult) => {
      const problem = this.shownProblem(def, f, name, server);
      return html`<div part="field" class="field">
        <label part="label" for="${p}-${name}">${label}</label>
        ${hint ? html`<p part="hint" class="hint" id="${p}-${name}-hint">${hint}</p>` : nothing}
        ${problem ? html`<p part="error" class="error" id="${p}-${name}-error">${problem}</p>` : nothing} ${input} ${after ?? nothing}
      </div>`;
    };
    const described = (name: Field, ...more: string[]) =>
      [this.shownProblem(def, f, name, server) ? `${p}-${name}-error` : '', ...more].filter(Boolean).join(' ') || nothing;
    const invalid = (name: Field) => (this.shownProblem(def, f, name, server) ? 'true' : 'false');
    return html`<form part="form" class=${key === TOP ? 'comment-form' : 'reply-form'} id="form-${p}" novalidate aria-labelledby="${p}-title" @submit=${(e: SubmitEvent) => this.onSubmit(e, def, key)}>
      <h3 class="form-title" id="${p}-title">${parent ? m.replyFormTitle(parent.author) : m.formTitle}</h3>
      ${(f.showAll || server.size) && (problems.length || general)
        ? html`<div part="error" class="error-summary" role="alert" tabindex="-1" id="${p}-summary">
            <p>${pictogram(l, 'error')}<strong>${m.errorsTitle}</strong></p>
            ${general ? html`<p>${general}</p>` : nothing}
            ${problems.length
              ? html`<ul>
                  ${problems.map(([name, text]) => html`<li><a href="#${p}-${name}" @click=${(e: Event) => this.focusField(e, `#${p}-${name}`)}>${l.t('fieldError', this.labelOf(name, key), text ?? '')}</a></li>`)}
                </ul>`
              : nothing}
          </div>`
        : nothing}
      ${field(
        'body',
        key === TOP ? m.body : m.replyBody,
        html`<textarea id="${p}-body" name="body" rows="5" .value=${live(f.body)} aria-invalid=${invalid('body')} aria-describedby=${described('body', `${p}-body-hint`, `${p}-body-count`)}
          @input=${(e: Event) => this.onInput(key, 'body', (e.target as HTMLTextAreaElement).value)} @blur=${() => this.onBlur(key, 'body')}></textarea>`,
        m.bodyHint,
        html`<p class="counter ${left < 0 ? 'over' : ''}" id="${p}-body-count">${left >= 0 ? m.charsLeft(left) : m.charsOver(-left)}</p>
          <p class="visually-hidden" aria-live="polite">${left < 0 ? m.charsOver(-left) : left <= 50 ? m.charsLeft(left) : ''}</p>`,
      )}
      ${key === TOP && def.stances ? this.renderStances(f) : nothing}
      ${field(
        'author',
        m.name,
        html`<input id="${p}-author" name="author" type="text" autocomplete="nickname" maxlength="200" .value=${live(f.author)} aria-invalid=${invalid('author')}
          aria-describedby=${described('author', `${p}-author-hint`)} @input=${(e: Event) => this.onInput(key, 'author', (e.target as HTMLInputElement).value)} @blur=${() => this.onBlur(key, 'author')} />`,
        m.nameHint,
      )}
      <div part="field" class="field">
        <label part="option" class="option">
          <input id="${p}-notify" type="checkbox" .checked=${live(f.notify)} @change=${(e: Event) => this.patchForm(key, { notify: (e.target as HTMLInputElement).checked, error: undefined })} />
          <span>${m.notify}</span>
        </label>
      </div>
      ${f.notify
        ? html`<div id="${p}-email-field">
            ${field(
              'email',
              m.email,
              html`<input id="${p}-email" name="email" type="email" autocomplete="email" inputmode="email" spellcheck="false" .value=${live(f.email)} aria-invalid=${invalid('email')}
                aria-describedby=${described('email', `${p}-email-hint`)} @input=${(e: Event) => this.onInput(key, 'email', (e.target as HTMLInputElement).value)} @blur=${() => this.onBlur(key, 'email')} />`,
              m.emailHint,
            )}
          </div>`
        : nothing}
      <div class="visually-hidden" aria-hidden="true">
        <label for="${p}-website">${m.honeypot}</label>
        <input id="${p}-website" name="website" type="text" tabindex="-1" autocomplete="off" .value=${''} />
      </div>
      <p part="hint" class="hint">${pictogram(l, 'help')}${m.draftNote}</p>
      <div class="actions">
        <button part="submit-button" class="primary" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span> ${l.t('submitting')}` : html`${pictogram(l, 'send')}${key === TOP ? m.publish : m.publishReply}`}
        </button>
        ${key === TOP ? nothing : html`<button type="button" class="secondary" @click=${() => this.toggleReply(key)}>${m.cancel}</button>`}
      </div>
    </form>`;
  }

  private renderStances(f: FormState) {
    const m = this.m;
    return html`<fieldset part="field" class="field">
      <legend>${m.stanceLegend}</legend>
      <div class="stances">
        ${[undefined, ...STANCES].map(
          (s) => html`<label part="option" class="option">
            <input type="radio" name="stance" value=${s ?? ''} .checked=${live(f.stance === s)} @change=${() => this.patchForm(TOP, { stance: s })} />
            <span>${s ? m.stance[s] : m.stanceNone}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  private labelOf(field: Field, key: string): string {
    const m = this.m;
    return field === 'author' ? m.name : field === 'email' ? m.email : key === TOP ? m.body : m.replyBody;
  }

  private focusField(e: Event, selector: string): void {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Replaces a form's state (and saves the draft soon). */
  private patchForm(key: string, patch: Partial<FormState>): void {
    const f = this.forms.get(key);
    if (!f) return;
    this.forms.set(key, { ...f, ...patch });
    this.scheduleDraft(key);
    this.requestUpdate();
  }

  private onInput(key: string, field: Field, value: string): void {
    this.patchForm(key, { [field]: value, error: undefined });
  }

  private onBlur(key: string, field: Field): void {
    const f = this.forms.get(key);
    if (f && !f.touched.has(field) && f[field] !== '') this.patchForm(key, { touched: new Set(f.touched).add(field) });
  }

  private async toggleReply(id: string): Promise<void> {
    const closing = this.replyingTo === id;
    this.flushDraft();
    this.replyingTo = closing ? undefined : id;
    if (closing) {
      await this.focusAfterRender(`#comment-${CSS.escape(id)} .reply-button`);
      return;
    }
    const client = this.client;
    if (client && this.contentId && !this.forms.has(id)) {
      const [draft, author] = await Promise.all([
        this.deviceStore.get<Draft>(`draft:${this.scope(client, this.contentId)}|${id}`),
        this.deviceStore.get<string>(`comments-author|${client.base}`),
      ]);
      this.forms.set(id, this.newForm(this.forms.get(TOP)?.author || author, draft));
    }
    const f = this.forms.get(id);
    if (f && !f.shownAt) f.shownAt = performance.now();
    this.requestUpdate();
    await this.focusAfterRender('#reply-body');
  }

  /* ------------------------------------------------------------ sending */

  /** The form whose comment is being sent. */
  private sending?: string;

  private async onSubmit(e: SubmitEvent, def: ThreadDefinition, key: string): Promise<void> {
    e.preventDefault();
    const f = this.forms.get(key);
    const p = key === TOP ? 'top' : 'reply';
    if (!f || this.submitter.state === 'submitting') return;
    const invalid = FIELDS.filter((field) => this.problemOf(def, f, field));
    if (invalid.length) {
      this.patchForm(key, { showAll: true, error: undefined });
      this.dispatchEvent(new CivicInvalidEvent({ kind: 'comments', fields: invalid.map((field) => ({ path: [field], code: field === 'email' ? 'invalid_format' : f[field].trim() ? 'too_big' : 'required' })) }));
      await this.focusAfterRender(`#${p}-summary`);
      return;
    }
    const form = e.target as HTMLFormElement;
    const token = await this.ensureToken();
    if (!token) return;
    const payload: CommentSubmission = {
      author: f.author.trim(),
      body: f.body.trim(),
      parentId: key === TOP ? null : key,
      deviceToken: token,
      website: form.querySelector<HTMLInputElement>('[name=website]')?.value ?? '',
      fillMs: Math.max(0, Math.round(performance.now() - (f.shownAt || performance.now()))),
      lang: this.l.lang,
    };
    if (f.notify && f.email.trim()) payload.email = f.email.trim();
    if (key === TOP && def.stances && f.stance) payload.stance = f.stance;
    if (/^https?:/.test(location.protocol)) payload.returnUrl = this.returnUrl();
    this.sending = key;
    this.announcement = '';
    await this.submitter.submit(payload);
    const s = this.submitter.state;
    this.sending = undefined;
    if (s === 'error') {
      this.patchForm(key, { error: this.submitter.error, showAll: true });
      this.submitter.reset();
      await this.focusAfterRender(`#${p}-summary`);
      return;
    }
    if (s !== 'submitted' && s !== 'queued') return;
    const { receipt, error } = this.submitter;
    this.submitter.reset();
    this.forms.set(key, this.newForm(payload.author));
    if (key !== TOP) this.replyingTo = undefined;
    const client = this.client!;
    const saved = Promise.all([this.deviceStore.set(`comments-author|${client.base}`, payload.author), this.eraseDraft(key)]);
    if (s === 'queued') {
      this.announcement = error?.failure === 'rate_limited' ? this.m.rateLimited(Math.max(1, Math.ceil(error.retryAfter ?? 60))) : this.m.queued;
      await this.refreshQueued();
      const q = this.queued.find((x) => x.body.body === payload.body && x.body.parentId === payload.parentId);
      if (q) await this.focusAfterRender(`#queued-${CSS.escape(q.key)}`);
    } else {
      this.announcement = receipt?.status === 'pending' ? this.m.awaiting : this.m.published;
      if (receipt) await this.focusComment(receipt.comment.id);
    }
    await saved;
  }

  private returnUrl(): string {
    const u = new URL(location.href);
    u.hash = '';
    u.searchParams.delete('civic-comment');
    return u.href.slice(0, 2000);
  }

  private async refreshQueued(): Promise<void> {
    const client = this.client;
    const id = this.contentId;
    if (!client || !id) return;
    this.queued = (await this.submitter.waiting()).map(queuedOf);
    this.requestUpdate();
  }

  /** The server has the comment (now, or later from the outbox): show it where it belongs. */
  private async accepted(receipt: CommentReceipt, payload: CommentSubmission, fromQueue: boolean): Promise<void> {
    const c = { ...receipt.comment, mine: true };
    const known = this.byId.has(c.id);
    this.ingest(c);
    const parentId = c.parentId;
    const branch = parentId === null ? this.top : (this.branches.get(parentId) ?? { ids: [], total: 0, cursor: null, fresh: [] });
    if (parentId !== null) this.branches.set(parentId, branch);
    const wasFresh = branch.fresh.includes(c.id);
    branch.fresh = branch.fresh.filter((x) => x !== c.id);
    if (!branch.ids.includes(c.id)) {
      // The author sees their comment at once: first of the top-level ones, or last of the replies.
      branch.ids = parentId === null ? [c.id, ...branch.ids] : [...branch.ids, c.id];
      if (!known && !wasFresh) branch.total++;
      const parent = parentId ? this.byId.get(parentId) : undefined;
      if (parent) this.byId.set(parent.id, { ...parent, replyCount: Math.max(parent.replyCount, branch.ids.length + branch.fresh.length) });
    }
    if (fromQueue) {
      this.sent.add(c.id);
      const same = JSON.stringify(payload);
      this.queued = this.queued.filter((q) => JSON.stringify(q.body) !== same);
      this.announcement = this.m.synced;
      await this.refreshQueued();
    }
    this.requestUpdate();
  }

  /** A comment kept on the device was refused later (thread closed meanwhile...): back in its form. */
  private rejectedLater(error: ApiErrorInfo, payload: CommentSubmission): void {
    const same = JSON.stringify(payload);
    this.queued = this.queued.filter((q) => JSON.stringify(q.body) !== same);
    const key = payload.parentId && this.byId.has(payload.parentId) ? payload.parentId : TOP;
    const f = this.newForm(payload.author, { body: payload.body, email: payload.email, stance: payload.stance, savedAt: '' });
    this.forms.set(key, { ...f, error, showAll: true });
    if (key !== TOP) this.replyingTo = key;
    this.announcement = this.m.rejectedLater(errorMessage(this.l, error));
    this.submitter.reset();
    this.requestUpdate();
  }

  /* ------------------------------------------------------------ drafts */

  private draftTimers = new Set<string>();

  private scheduleDraft(key: string): void {
    this.draftTimers.add(key);
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flushDraft(), 300);
  }

  /** Writes the pending drafts now (also when a reply form closes and when the widget leaves the page). */
  private flushDraft(): void {
    clearTimeout(this.saveTimer);
    const client = this.client;
    const id = this.contentId;
    if (!client || !id) return;
    for (const key of this.draftTimers) {
      const f = this.forms.get(key);
      const storageKey = `draft:${this.scope(client, id)}|${key}`;
      if (!f || !f.body.trim()) void this.deviceStore.del(storageKey);
      else void this.deviceStore.set(storageKey, { author: f.author, email: f.email, notify: f.notify, body: f.body, stance: f.stance, savedAt: new Date().toISOString() } satisfies Draft);
    }
    this.draftTimers.clear();
  }

  private async eraseDraft(key: string): Promise<void> {
    this.draftTimers.delete(key);
    const client = this.client;
    const id = this.contentId;
    if (client && id) await this.deviceStore.del(`draft:${this.scope(client, id)}|${key}`);
  }

  /* ------------------------------------------------------------ actions on a comment */

  private setUi(id: string, patch: Partial<Ui>, focus?: string): void {
    const next = { ...this.ui.get(id), ...patch };
    this.ui.set(id, next);
    this.requestUpdate();
    if (focus) void this.focusAfterRender(focus);
  }

  private replace(id: string, patch: Partial<Comment>): void {
    const c = this.byId.get(id);
    if (c) this.byId.set(id, { ...c, ...patch });
    this.requestUpdate();
  }

  /** The sentence for an action that failed. */
  private actionError(e: unknown): string {
    const error = asApiError(e);
    if (error.code === 'edit_window_closed') return this.m.editWindowClosed;
    if (error.code === 'forbidden') return this.m.forbidden;
    if (error.failure === 'not_found') return this.m.gone;
    if (error.failure === 'validation') return this.serverProblems({ ...this.newForm(), error: toErrorInfo(error) }).values().next().value ?? errorMessage(this.l, error);
    return errorMessage(this.l, error);
  }

  private async toggleSupport(c: Comment): Promise<void> {
    const client = this.client;
    const id = this.contentId;
    const ui = this.ui.get(c.id);
    const token = await this.ensureToken();
    if (!client || !id || !token || ui?.busy) return;
    const want = !c.supported;
    this.setUi(c.id, { busy: true, message: undefined });
    this.replace(c.id, { supported: want, supports: Math.max(0, c.supports + (want ? 1 : -1)) });
    try {
      const path = paths.comment(id, c.id, 'support');
      const body = { deviceToken: token };
      const r = want ? await client.post(path, body, schemas().then((m) => m.SupportState), { idempotencyKey: randomToken() }) : await client.delete(path, body, schemas().then((m) => m.SupportState));
      this.replace(c.id, { supported: r.supported, supports: r.supports });
      this.setUi(c.id, { busy: false });
    } catch (e) {
      this.replace(c.id, { supported: c.supported, supports: c.supports });
      this.setUi(c.id, { busy: false, message: this.actionError(e) });
    }
  }

  /* ------------------------------------------------------------ more time to edit (WCAG 2.2.1) */

  /** The deadline of the edit window, on the device's clock, as the reader's language writes a time. */
  private deadlineTime(c: Comment): string {
    return new Intl.DateTimeFormat(this.l.lang, { timeStyle: 'short' }).format(new Date(Date.parse(c.editableUntil!) - this.skew));
  }

  /**
   * Whether the author is offered more time: their comment is editable, the server extends windows
   * (`editExtensionsLeft`), and 2 minutes or less are left — or they already asked, so the block
   * (and the button that has the focus) stays until the window ends.
   */
  private extendOffer(c: Comment, ui: Ui | undefined): boolean {
    if (!this.editable(c) || c.editExtensionsLeft === undefined) return false;
    return !!ui?.extended || Date.parse(c.editableUntil!) - Date.now() - this.skew <= EXTEND_WARNING_MS;
  }

  /**
   * The polite live region of the warning and its "More time" button (under the comment, or in its
   * edit form): there, empty, as long as the comment is editable, so that the warning is announced
   * when it arrives.
   */
  private renderExtend(c: Comment, ui: Ui | undefined, offer: boolean) {
    if (c.editExtensionsLeft === undefined) return nothing;
    return html`<div class="extend" aria-live="polite">${offer ? this.renderExtendOffer(c, ui) : nothing}</div>`;
  }

  private renderExtendOffer(c: Comment, ui: Ui | undefined) {
    const m = this.m;
    const leftMs = Date.parse(c.editableUntil!) - Date.now() - this.skew;
    const none = c.editExtensionsLeft === 0;
    // After an extension: what it gave, unchanged (a countdown would be announced every minute) until
    // the next warning, at 2 minutes left, or half the window when it is shorter than 4 minutes.
    const again = Math.min(EXTEND_WARNING_MS, (this.def?.editWindowSeconds ?? 0) * 500);
    const text = ui?.extended && leftMs > again ? ui.extended : `${m.editEndsSoon(this.deadlineTime(c), Math.floor(leftMs / 60_000))}${none ? ` ${m.noMoreTime}` : ''}`;
    return html`<p class="note warning" part="hint" id="extend-note-${c.id}">${text}</p>
      <button type="button" class="secondary extend-button" aria-describedby="extend-note-${c.id}" aria-disabled=${ui?.extending || none ? 'true' : 'false'} @click=${() => this.extendWindow(c.id)}>${m.moreTime}</button>`;
  }

  private async extendWindow(cid: string): Promise<void> {
    const client = this.client;
    const id = this.contentId;
    const c = this.byId.get(cid);
    const ui = this.ui.get(cid);
    if (!client || !id || !this.token || !c || ui?.extending || c.editExtensionsLeft === 0) return;
    this.setUi(cid, { extending: true, message: undefined });
    try {
      const updated = await client.post(paths.comment(id, cid, 'extend'), { deviceToken: this.token }, schemas().then((m) => m.Comment), { idempotencyKey: randomToken() });
      // Only the deadline and what is left change: the text being edited stays in `ui.editing`.
      this.replace(cid, { editableUntil: updated.editableUntil, editExtensionsLeft: updated.editExtensionsLeft });
      const m = this.m;
      const now = this.byId.get(cid)!;
      const minutes = Math.round((Date.parse(now.editableUntil!) - Date.now() - this.skew) / 60_000);
      const left = now.editExtensionsLeft ?? 0;
      this.setUi(cid, { extending: false, extended: `${m.moreTimeGiven(minutes, this.deadlineTime(now))} ${left ? m.moreTimeLeft(left) : m.noMoreTime}` });
    } catch (err) {
      const error = asApiError(err);
      if (error.code === 'conflict') this.replace(cid, { editExtensionsLeft: 0 });
      const message =
        error.failure === 'offline' || error.failure === 'timeout' ? this.m.moreTimeOffline
        : error.code === 'conflict' ? this.m.noMoreTime
        : this.actionError(err);
      this.setUi(cid, { extending: false, message });
    }
  }

  private startEdit(c: Comment): void {
    this.setUi(c.id, { editing: c.body, message: undefined }, `#edit-${CSS.escape(c.id)}`);
  }

  private renderEdit(def: ThreadDefinition, c: Comment, text: string) {
    const m = this.m;
    const left = def.maxLength - [...text].length;
    const ui = this.ui.get(c.id);
    const busy = ui?.busy;
    const extend = this.extendOffer(c, ui);
    return html`<form class="edit-form" novalidate @submit=${(e: SubmitEvent) => this.saveEdit(e, def, c)}>
      <div part="field" class="field">
        <label part="label" for="edit-${c.id}">${m.editBody}</label>
        <textarea id="edit-${c.id}" rows="5" .value=${live(text)} aria-describedby=${extend ? `edit-count-${c.id} extend-note-${c.id}` : `edit-count-${c.id}`} @input=${(e: Event) => this.setUi(c.id, { editing: (e.target as HTMLTextAreaElement).value })}></textarea>
        <p class="counter ${left < 0 ? 'over' : ''}" id="edit-count-${c.id}">${left >= 0 ? m.charsLeft(left) : m.charsOver(-left)}</p>
      </div>
      ${this.renderExtend(c, ui, extend)}
      <div class="actions">
        <button class="primary" type="submit" aria-disabled=${busy ? 'true' : 'false'}>${busy ? html`<span class="spinner" aria-hidden="true"></span> ${this.l.t('submitting')}` : m.save}</button>
        <button class="secondary" type="button" @click=${() => this.setUi(c.id, { editing: undefined, message: undefined }, `#comment-${CSS.escape(c.id)} .edit-button`)}>${m.cancel}</button>
      </div>
    </form>`;
  }

  private async saveEdit(e: SubmitEvent, def: ThreadDefinition, c: Comment): Promise<void> {
    e.preventDefault();
    const client = this.client;
    const id = this.contentId;
    const ui = this.ui.get(c.id);
    const body = ui?.editing?.trim() ?? '';
    if (!client || !id || !this.token || ui?.busy) return;
    if (!body || [...body].length > def.maxLength) {
      this.setUi(c.id, { message: body ? this.m.error.tooLong(def.maxLength) : this.m.error.bodyRequired });
      return;
    }
    this.setUi(c.id, { busy: true, message: undefined });
    try {
      const updated = await client.patch(paths.comment(id, c.id), { body, deviceToken: this.token }, schemas().then((m) => m.Comment));
      this.ingest({ ...updated, mine: true });
      this.setUi(c.id, { busy: false, editing: undefined }, `#comment-${CSS.escape(c.id)}`);
    } catch (err) {
      this.setUi(c.id, { busy: false, message: this.actionError(err) });
    }
  }

  private async deleteComment(c: Comment): Promise<void> {
    const client = this.client;
    const id = this.contentId;
    if (!client || !id || !this.token || this.ui.get(c.id)?.busy) return;
    this.setUi(c.id, { busy: true });
    try {
      await client.delete(paths.comment(id, c.id), { deviceToken: this.token }, schemas().then((m) => m.NoContent));
      if (c.replyCount > 0) this.replace(c.id, { status: 'deleted', author: '', body: '' });
      else this.onLiveRemove({ id: c.id, parentId: c.parentId });
      this.ui.delete(c.id);
      this.announcement = this.m.deletedDone;
      await this.focusAfterRender('#status');
    } catch (err) {
      this.setUi(c.id, { busy: false, confirmDelete: false, message: this.actionError(err) });
    }
  }

  /* ------------------------------------------------------------ reports */

  private openFlag(id: string): void {
    this.flagging = id;
    this.flagReason = undefined;
    this.flagError = undefined;
  }

  private closeFlag(): void {
    const id = this.flagging;
    this.renderRoot.querySelector<HTMLDialogElement>('#flag-dialog')?.close();
    this.flagging = undefined;
    if (id) void this.focusAfterRender(`#comment-${CSS.escape(id)} .flag-button`);
  }

  private renderFlagDialog() {
    const m = this.m;
    return html`<dialog id="flag-dialog" aria-labelledby="flag-title" aria-describedby="flag-intro" @close=${() => this.flagging && this.closeFlag()} @cancel=${(e: Event) => (e.preventDefault(), this.closeFlag())}>
      <form novalidate @submit=${(e: SubmitEvent) => this.sendFlag(e)}>
        <h3 id="flag-title">${m.flagTitle}</h3>
        <p id="flag-intro" class="hint">${m.flagIntro}</p>
        ${this.flagError ? html`<p part="error" class="error" role="alert">${this.flagError}</p>` : nothing}
        <fieldset part="field" class="field">
          <legend>${m.flagReason}</legend>
          ${REASONS.map(
            (r) => html`<label part="option" class="option">
              <input type="radio" name="reason" value=${r} .checked=${live(this.flagReason === r)} @change=${() => ((this.flagReason = r), (this.flagError = undefined))} />
              <span>${m.flagReasons[r]}</span>
            </label>`,
          )}
        </fieldset>
        <div part="field" class="field">
          <label part="label" for="flag-detail">${m.flagDetail}</label>
          <textarea id="flag-detail" name="detail" rows="3" maxlength="500"></textarea>
        </div>
        <div class="actions">
          <button class="primary" type="submit">${m.flagSend}</button>
          <button class="secondary" type="button" @click=${() => this.closeFlag()}>${m.cancel}</button>
        </div>
      </form>
    </dialog>`;
  }

  private async sendFlag(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const client = this.client;
    const id = this.contentId;
    const cid = this.flagging;
    // Read before any await: a finished event no longer has a target inside a shadow root.
    const detail = (e.target as HTMLFormElement).querySelector<HTMLTextAreaElement>('#flag-detail')?.value.trim();
    if (!this.flagReason) {
      this.flagError = this.l.t('field.required');
      await this.focusAfterRender('#flag-dialog input[name=reason]');
      return;
    }
    const token = await this.ensureToken();
    if (!client || !id || !cid || !token) return;
    try {
      await client.post(paths.comment(id, cid, 'flags'), { reason: this.flagReason, ...(detail ? { detail } : {}), deviceToken: token }, schemas().then((m) => m.FlagState), { idempotencyKey: randomToken() });
      this.replace(cid, { flagged: true });
      this.setUi(cid, { notice: this.m.flagThanks });
      this.closeFlag();
    } catch (err) {
      this.flagError = this.actionError(err);
    }
  }

  static define(tag = 'civic-comments'): void {
    defineOnce(tag, this);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'civic-comments': CivicComments;
  }
}
