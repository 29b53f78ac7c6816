import type { Receipt } from '../api/schemas/common.js';
import type { Kind } from '../api/resources.js';
import type { ApiErrorInfo } from '../api/client.js';

/*
 * One small Event class per custom event. All bubble and are composed, so a page can listen on
 * `document` whatever shadow root the widget sits in.
 */

const init = { bubbles: true, composed: true } as const;

export interface SubmitDetail {
  kind: Kind;
  contentId: string;
  payload: unknown;
}

/** Fired before sending; cancel it (`preventDefault()`) to stop the submission. */
export class CivicSubmitEvent extends Event {
  static readonly type = 'civic-submit';
  constructor(readonly detail: SubmitDetail) {
    super(CivicSubmitEvent.type, { ...init, cancelable: true });
  }
}

export interface ReceiptDetail {
  kind: Kind;
  contentId: string;
  receipt: Receipt;
}

/** The server acknowledged the submission. */
export class CivicSubmittedEvent extends Event {
  static readonly type = 'civic-submitted';
  constructor(readonly detail: ReceiptDetail) {
    super(CivicSubmittedEvent.type, init);
  }
}

/** The submission could not be sent now; it is kept on the device and will be retried. */
export class CivicQueuedEvent extends Event {
  static readonly type = 'civic-queued';
  constructor(readonly detail: { kind: Kind; contentId: string; idempotencyKey: string; reason: ApiErrorInfo }) {
    super(CivicQueuedEvent.type, init);
  }
}

/** A submission that had been queued on the device reached the server. */
export class CivicSyncedEvent extends Event {
  static readonly type = 'civic-synced';
  constructor(readonly detail: ReceiptDetail) {
    super(CivicSyncedEvent.type, init);
  }
}

/** What the resident entered does not pass validation (before sending, or as the server said). */
export class CivicInvalidEvent extends Event {
  static readonly type = 'civic-invalid';
  constructor(readonly detail: { kind: Kind; fields: Array<{ path: Array<string | number>; code: string }> }) {
    super(CivicInvalidEvent.type, init);
  }
}

/** Loading, configuration or submission failed. `error.code` is stable; `message` is translated. */
export class CivicErrorEvent extends Event {
  static readonly type = 'civic-error';
  constructor(readonly detail: { kind: Kind; error: ApiErrorInfo; message: string }) {
    super(CivicErrorEvent.type, init);
  }
}

/** The widget's definition was loaded and rendered. */
export class CivicLoadEvent extends Event {
  static readonly type = 'civic-load';
  constructor(readonly detail: { kind: Kind; contentId: string; definition: unknown }) {
    super(CivicLoadEvent.type, init);
  }
}

/**
 * Assisted mode: the form is about to be cleared for the next person (after inactivity, or the
 * mediator's "Next person"). The widget then replaces itself with a fresh copy, `replacement`
 * (same attributes and children): listeners added to the old element are not on the copy. Cancel
 * the event (`preventDefault()`) to clear the form yourself (a framework that owns the element).
 */
export class CivicResetEvent extends Event {
  static readonly type = 'civic-reset';
  constructor(readonly detail: { kind: Kind; contentId: string; reason: 'inactivity' | 'next-person'; replacement: HTMLElement }) {
    super(CivicResetEvent.type, { ...init, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'civic-submit': CivicSubmitEvent;
    'civic-submitted': CivicSubmittedEvent;
    'civic-queued': CivicQueuedEvent;
    'civic-synced': CivicSyncedEvent;
    'civic-invalid': CivicInvalidEvent;
    'civic-error': CivicErrorEvent;
    'civic-load': CivicLoadEvent;
    'civic-reset': CivicResetEvent;
  }
}
