import type { ReactiveController } from 'lit';
import { asApiError, errorMessage, toErrorInfo, type ApiErrorInfo, type SchemaSource } from '../api/client.js';
import { paths, type Kind } from '../api/resources.js';
import type { Receipt } from '../api/schemas/common.js';
import type { z } from 'zod/mini';
import { CivicErrorEvent, CivicInvalidEvent, CivicQueuedEvent, CivicSubmitEvent, CivicSubmittedEvent, CivicSyncedEvent } from '../events/index.js';
import { outbox, type OutboxEntry, type OutboxNotice } from './outbox.js';
import { randomToken } from './storage.js';
import type { CivicElement } from './civic-element.js';

export type SubmitState = 'idle' | 'submitting' | 'submitted' | 'queued' | 'error';

export interface SubmitOptions<R extends Receipt> {
  kind: Kind;
  /** The schema of the server's receipt for this kind. */
  receipt: SchemaSource<z.ZodMiniType<R>>;
  /** The content the submission belongs to (vote id, survey id...). */
  contentId: () => string | undefined;
  /** Called when the server acknowledged, directly or later from the outbox. */
  onAccepted?: (receipt: R, payload: unknown, fromQueue: boolean) => void | Promise<void>;
  /** Called when a queued submission was refused later (closed meanwhile...): restore the form from `payload`. */
  onRejected?: (error: ApiErrorInfo, payload: unknown) => void;
}

type Host = CivicElement;

/**
 * Sends a payload, or keeps it in the outbox when it cannot be sent now, and tells the widget and
 * the page what happened (civic-submit, civic-submitted, civic-queued, civic-synced, civic-error).
 * The widget validates before calling `submit`; the controller never loses the payload.
 */
export class SubmitController<R extends Receipt = Receipt> implements ReactiveController {
  state: SubmitState = 'idle';
  receipt?: R;
  error?: ApiErrorInfo;
  /** True when the last acknowledgement came from the outbox (the resident had been told it was queued). */
  fromQueue = false;
  private unsubscribe?: () => void;
  /** Assisted mode: the outbox entries this widget queued (the person in front of it); others are earlier people's. */
  private readonly mine = new Set<string>();

  constructor(
    private readonly host: Host,
    private readonly options: SubmitOptions<R>,
  ) {
    host.addController(this);
    outbox.registerReceipt(options.kind, options.receipt);
  }

  hostConnected(): void {
    outbox.start();
    this.unsubscribe = outbox.subscribe((n) => void this.onNotice(n));
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }

  /** Puts the controller in `queued` state when this content has a submission waiting on the device. */
  async restoreQueued(): Promise<unknown | undefined> {
    const contentId = this.options.contentId();
    const endpoint = this.endpoint;
    // Assisted mode: what waits there is an earlier person's; it is sent without being shown.
    if (!contentId || !endpoint || this.host.assisted) return undefined;
    const waiting = await outbox.pending({ kind: this.options.kind, contentId, endpoint });
    const last = waiting.at(-1);
    if (!last) return undefined;
    this.set('queued');
    return last.body;
  }

  /** This content's entries waiting in the outbox; in assisted mode only those this widget queued. */
  async waiting(): Promise<OutboxEntry[]> {
    const contentId = this.options.contentId();
    const endpoint = this.endpoint;
    if (!contentId || !endpoint) return [];
    const all = await outbox.pending({ kind: this.options.kind, contentId, endpoint });
    return this.host.assisted ? all.filter((e) => this.mine.has(e.key)) : all;
  }

  /** The translated sentence for the current error. */
  message(): string {
    return this.error ? errorMessage(this.host.l, this.error) : '';
  }

  async submit(payload: unknown): Promise<void> {
    const contentId = this.options.contentId();
    const endpoint = this.endpoint;
    const client = this.host.client;
    if (!contentId || !endpoint || !client || this.state === 'submitting') return;
    const { kind } = this.options;
    // Assisted mode: flagged as such, with the mediator's code (kept in the outbox entry too).
    const channel = this.host.channel();
    if (channel && payload && typeof payload === 'object') payload = { ...payload, ...channel };

    if (!this.host.dispatchEvent(new CivicSubmitEvent({ kind, contentId, payload }))) return;

    const key = randomToken();
    const path = paths.submissions(kind, contentId);
    this.error = undefined;
    this.set('submitting');
    try {
      const receipt = (await client.post(path, payload, this.options.receipt, { idempotencyKey: key }));
      await this.accept(receipt, payload, false);
    } catch (e) {
      const error = asApiError(e);
      const info = toErrorInfo(error);
      if (error.retryable) {
        await outbox.add({ key, kind, contentId, endpoint: client.base, path, body: payload, lastError: info });
        this.mine.add(key);
        this.error = info;
        this.set('queued');
        this.host.dispatchEvent(new CivicQueuedEvent({ kind, contentId, idempotencyKey: key, reason: info }));
      } else {
        this.fail(info);
      }
    }
  }

  /** Back to the form (after an error the resident corrects, or "vote again" flows). */
  reset(): void {
    this.error = undefined;
    this.receipt = undefined;
    this.set('idle');
  }

  private get endpoint(): string | undefined {
    return this.host.client?.base;
  }

  private async accept(receipt: R, payload: unknown, fromQueue: boolean): Promise<void> {
    this.receipt = receipt;
    this.fromQueue = fromQueue;
    this.error = undefined;
    await this.options.onAccepted?.(receipt, payload, fromQueue);
    this.set('submitted');
    const contentId = this.options.contentId() ?? '';
    const Event = fromQueue ? CivicSyncedEvent : CivicSubmittedEvent;
    this.host.dispatchEvent(new Event({ kind: this.options.kind, contentId, receipt }));
  }

  private fail(info: ApiErrorInfo, payload?: unknown): void {
    this.error = info;
    this.set('error');
    const { kind } = this.options;
    if (info.failure === 'validation' && info.fields?.length) {
      this.host.dispatchEvent(new CivicInvalidEvent({ kind, fields: info.fields.map(({ path, code }) => ({ path, code })) }));
    }
    this.host.dispatchEvent(new CivicErrorEvent({ kind, error: info, message: this.message() }));
    if (payload !== undefined) this.options.onRejected?.(info, payload);
  }

  private async onNotice(notice: OutboxNotice): Promise<void> {
    const { entry } = notice;
    if (entry.kind !== this.options.kind || entry.contentId !== this.options.contentId() || entry.endpoint !== this.endpoint) return;
    if (this.host.assisted && !this.mine.has(entry.key)) return;
    if (notice.type === 'synced') await this.accept(notice.receipt as R, entry.body, true);
    else if (notice.type === 'rejected') this.fail(notice.error, entry.body);
    else {
      this.error = notice.error;
      this.host.requestUpdate();
    }
  }

  private set(state: SubmitState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
