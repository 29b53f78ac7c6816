/** What each widget kind gives the pages without JavaScript (server/nojs/<kind>.ts). */
import type { FieldIssue, Kind } from '../../src/api/schemas.js';
import type { Lang } from '../i18n.js';
import type { NoJsTexts } from './messages.js';
import type { FormValues, RenderCtx, Upload } from './html.js';

/** What the form adds to every submission, whatever the kind. */
export interface Extras {
  lang: Lang;
  /** The page the resident came from (hidden `return` field), when it is http(s). */
  returnUrl?: string;
  /** The honeypot, as typed. */
  website?: string;
  /** Milliseconds between the form being served and posted, when the form was served by this server. */
  fillMs?: number;
  /**
   * A device token for the kinds whose protocol requires one (votes, comments): without JavaScript
   * nothing is kept on the device, so it is derived from the submission's idempotency key (each
   * form served is a new "device"; the per-network limits apply).
   */
  deviceToken: string;
}

/** The body for the JSON route: JSON, or (map reports, with photos) multipart pairs and files. */
export type ApiBody = { json: Record<string, unknown> } | { multipart: { pairs: Array<[string, string]>; files: Upload[] } };

/** A served definition, as `GET /api/<kind>s/<id>` answers it. */
export type Served = Record<string, unknown> & { id: string; phase: 'scheduled' | 'open' | 'closed'; opensAt?: string | null; closesAt?: string | null };

export interface NoJsKind<D extends Served = Served> {
  kind: Kind;
  /** The widget's id attribute (`vote-id`), for the snippet. */
  attribute: string;
  /** Forms with files post multipart/form-data. */
  multipart?(def: D): boolean;
  /** Why this content cannot be answered without JavaScript (shown instead of the form). */
  blocked?(def: D, t: NoJsTexts): string | undefined;
  title(c: RenderCtx, def: D): string;
  /** What comes between the title and the form (description, counts...). */
  intro(c: RenderCtx, def: D): string;
  fields(c: RenderCtx, def: D): string;
  submitLabel(t: NoJsTexts, def: D, values: FormValues): string;
  /**
   * What only this form asks for, checked before the JSON route is called (vote: the "I have
   * checked my choice" box of a poll with a review step): sets `c.errors`; a form with errors is
   * shown again and nothing is sent.
   */
  precheck?(c: RenderCtx, def: D): void;
  /** The JSON route's body: the same payload the widget sends. */
  payload(values: FormValues, def: D, extras: Extras): ApiBody;
  /**
   * Where a problem the JSON route reported goes (a field name of this form) and what it says.
   * Also asked for refusals without a field (`path: []`, `code`: the error code); undefined: a
   * general message is shown instead.
   */
  issue(c: RenderCtx, def: D, issue: FieldIssue): { field?: string; message: string } | undefined;
  /** The confirmation, from the JSON route's receipt. */
  confirmation(c: RenderCtx, def: D, receipt: Record<string, unknown>, values: FormValues): string;
}
