import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { asApiError, type ApiClient } from '../../api/client.js';
import { ThreadCounts } from '../../api/schemas/thread-counts.js';
import { paths } from '../../api/resources.js';
import { CivicElement, defineOnce, warnWebmaster } from '../../internal/civic-element.js';
import { countCatalog } from './count.messages.js';

/** The most ids the server takes in one `GET /threads/counts`. */
const MAX_IDS = 100;

interface Batch {
  client: ApiClient;
  waiting: Map<string, Array<(n: number | Error) => void>>;
}

const batches = new Map<string, Batch>();
const known = new Map<string, Promise<number>>();

/** Sends every count asked for during this task in as few requests as possible (one per 100 ids and endpoint). */
function flush(): void {
  for (const [base, batch] of batches) {
    batches.delete(base);
    const ids = [...batch.waiting.keys()];
    for (let i = 0; i < ids.length; i += MAX_IDS) {
      const slice = ids.slice(i, i + MAX_IDS);
      batch.client.get(paths.threadCounts(slice), ThreadCounts).then(
        ({ counts }) => slice.forEach((id) => batch.waiting.get(id)!.forEach((done) => done(counts[id] ?? 0))),
        (e: unknown) => slice.forEach((id) => batch.waiting.get(id)!.forEach((done) => done(asApiError(e)))),
      );
    }
  }
}

/** The visible comments of a thread, batched with every other count of the page. */
export function threadCount(client: ApiClient, id: string): Promise<number> {
  const key = `${client.base}|${id}`;
  let p = known.get(key);
  if (!p) {
    p = new Promise<number>((resolve, reject) => {
      if (!batches.size) setTimeout(flush);
      let batch = batches.get(client.base);
      if (!batch) batches.set(client.base, (batch = { client, waiting: new Map() }));
      const list = batch.waiting.get(id) ?? [];
      list.push((n) => (n instanceof Error ? reject(n) : resolve(n)));
      batch.waiting.set(id, list);
    });
    // A failed count is asked again by the next element that wants it.
    p.catch(() => known.delete(key));
    known.set(key, p);
  }
  return p;
}

/**
 * The number of comments of a thread, for listing pages ("12 comments" under each project). Every
 * count of a page is fetched in one request (`GET /threads/counts?ids=…`), however many elements
 * ask. Put it inside your own link to the page of the discussion.
 *
 * @summary "12 comments": the size of a discussion, for listing pages.
 * @tagname civic-comment-count
 *
 * @csspart count - The text.
 *
 * @cssproperty --civic-color-text - Text colour.
 */
export class CivicCommentCount extends CivicElement {
  static override styles = [
    ...CivicElement.styles,
    css`
      /* Inside the page's own link: its colour and font, not the widgets' text colour. */
      :host {
        display: inline;
        color: inherit;
        font: inherit;
      }
    `,
  ];
  protected readonly kind = 'comments' as const;
  protected readonly idAttribute = 'thread-id';
  protected override readonly submits = false;
  protected get contentId(): string | undefined {
    return this.threadId?.trim();
  }

  /** The thread's identifier on the server. */
  @property({ attribute: 'thread-id', reflect: true }) threadId?: string;

  @state() private count?: number;
  private asked?: string;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const client = this.client;
    const id = this.contentId;
    const key = client && id ? `${client.base}|${id}` : undefined;
    if (!key || key === this.asked) return;
    this.asked = key;
    this.count = undefined;
    threadCount(client!, id!).then(
      (n) => {
        if (this.asked === key) this.count = n;
      },
      (e: unknown) => {
        this.asked = undefined;
        warnWebmaster(this.tag, `the comment count of thread "${id}" could not be read (${asApiError(e).message}).`, this);
      },
    );
  }

  override render() {
    const problem = this.configProblem() ?? this.requireAttribute('thread-id', this.threadId);
    if (problem) return this.renderConfigError(problem);
    if (this.count === undefined) return nothing;
    return html`<span part="count" lang=${this.l.lang} dir=${this.resolvedDir}>${countCatalog.get(this.l).count(this.count)}</span>`;
  }

  static define(tag = 'civic-comment-count'): void {
    defineOnce(tag, this);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'civic-comment-count': CivicCommentCount;
  }
}
