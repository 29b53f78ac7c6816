import type { z } from 'zod/mini';
import type { FieldIssue } from './schemas/common.js';
import { IDEMPOTENCY_HEADER } from './resources.js';

/**
 * A schema, or the promise of one: a widget passes `import('…/schemas/x.js').then((m) => m.X)` so
 * that zod and its schemas load while the request travels, not before the first render.
 */
export type SchemaSource<S extends z.ZodMiniType> = S | Promise<S>;
import type { MessageKey } from '../i18n/translations/en.js';
import type { Localizer } from '../i18n/localize.js';

/**
 * How a request failed, in the few classes a widget reacts to differently. `retryable` failures
 * (offline, timeout, rate limit, 5xx) go to the outbox; the others are shown to the resident.
 */
export type ApiFailure =
  | 'offline'
  | 'timeout'
  | 'rate_limited'
  | 'validation'
  | 'not_found'
  | 'closed'
  | 'not_open'
  | 'already_submitted'
  | 'results_hidden'
  | 'conflict'
  | 'too_large'
  | 'unauthorized'
  | 'bad_request'
  | 'server'
  | 'bad_response'
  /** An optional part of the widget (a lazily loaded chunk) could not be fetched. */
  | 'missing_part';

/** Plain data about a failure, safe to put in an event or in IndexedDB. */
export interface ApiErrorInfo {
  failure: ApiFailure;
  status?: number;
  /** The server's error code when it sent one. */
  code?: string;
  /** Seconds, from Retry-After. */
  retryAfter?: number;
  fields?: FieldIssue[];
  /** The server's or the browser's own (English) message, for developers and the console. */
  detail?: string;
}

const RETRYABLE: ReadonlySet<ApiFailure> = new Set(['offline', 'timeout', 'rate_limited', 'server']);

export class ApiError extends Error implements ApiErrorInfo {
  readonly failure: ApiFailure;
  readonly status?: number;
  readonly code?: string;
  readonly retryAfter?: number;
  readonly fields?: FieldIssue[];
  readonly detail?: string;

  constructor(info: ApiErrorInfo) {
    super(`${info.failure}${info.status ? ` (${info.status})` : ''}${info.detail ? `: ${info.detail}` : ''}`);
    this.name = 'ApiError';
    this.failure = info.failure;
    this.status = info.status;
    this.code = info.code;
    this.retryAfter = info.retryAfter;
    this.fields = info.fields;
    this.detail = info.detail;
  }

  get retryable(): boolean {
    return isRetryable(this);
  }

  toJSON(): ApiErrorInfo {
    return toErrorInfo(this);
  }
}

export function isRetryable(info: ApiErrorInfo): boolean {
  return RETRYABLE.has(info.failure);
}

export function toErrorInfo(e: ApiErrorInfo): ApiErrorInfo {
  const { failure, status, code, retryAfter, fields, detail } = e;
  return { failure, status, code, retryAfter, fields, detail };
}

/** Turns anything thrown into an ApiError (fetch's TypeError means the network is down). */
export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof DOMException && e.name === 'TimeoutError') return new ApiError({ failure: 'timeout' });
  if (e instanceof TypeError) return new ApiError({ failure: 'offline', detail: e.message });
  return new ApiError({ failure: 'server', detail: e instanceof Error ? e.message : String(e) });
}

/** The translated sentence for a failure. */
export function errorMessage(l: Localizer, e: ApiErrorInfo): string {
  if (e.failure === 'rate_limited') return l.t('error.rate_limited', Math.max(1, Math.ceil(e.retryAfter ?? 60)));
  return l.t(`error.${e.failure}` as MessageKey & `error.${Exclude<ApiFailure, 'rate_limited'>}`);
}

const CODE_TO_FAILURE: Record<string, ApiFailure> = {
  validation: 'validation',
  bad_request: 'bad_request',
  unauthorized: 'unauthorized',
  not_found: 'not_found',
  not_open: 'not_open',
  closed: 'closed',
  already_submitted: 'already_submitted',
  results_hidden: 'results_hidden',
  conflict: 'conflict',
  payload_too_large: 'too_large',
  unsupported_media_type: 'bad_request',
  rate_limited: 'rate_limited',
  server_error: 'server',
};

function failureFromStatus(status: number): ApiFailure {
  if (status === 429) return 'rate_limited';
  if (status === 404) return 'not_found';
  if (status === 413) return 'too_large';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 409) return 'conflict';
  if (status >= 500 || status === 408) return 'server';
  return 'bad_request';
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Milliseconds before the request is abandoned as a timeout (default: the client's). */
  timeoutMs?: number;
  idempotencyKey?: string;
  /**
   * The answer to this very request, already on its way (a GET civic-widgets.js started while the
   * widget's code was downloading): used instead of fetching; if it failed, the request is sent.
   */
  response?: Promise<Response>;
}

/** An open server-sent event stream. */
export interface EventStream {
  readonly url: string;
  /** As EventSource's: 0 connecting, 1 open, 2 closed. */
  readonly readyState: number;
  close(): void;
}

export interface ClientOptions {
  /** Default timeout, 15 s: a slow 3G connection still gets its answer. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The one way widgets talk to a backend: JSON over fetch, a timeout on every request, an
 * AbortSignal honoured, every answer parsed with its zod schema, every failure classified.
 */
export class ApiClient {
  readonly base: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(endpoint: string, options: ClientOptions = {}) {
    this.base = normalizeEndpoint(endpoint);
    this.timeoutMs = options.timeoutMs ?? 15000;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  get<S extends z.ZodMiniType>(path: string, schema: SchemaSource<S>, options: RequestOptions = {}): Promise<z.infer<S>> {
    return this.request('GET', path, undefined, schema, options);
  }

  post<S extends z.ZodMiniType>(path: string, body: unknown, schema: SchemaSource<S>, options: RequestOptions = {}): Promise<z.infer<S>> {
    return this.request('POST', path, body, schema, options);
  }

  patch<S extends z.ZodMiniType>(path: string, body: unknown, schema: SchemaSource<S>, options: RequestOptions = {}): Promise<z.infer<S>> {
    return this.request('PATCH', path, body, schema, options);
  }

  /** DELETE, with an optional JSON body; a `204 No Content` answer parses as `null`. */
  delete<S extends z.ZodMiniType>(path: string, body: unknown, schema: SchemaSource<S>, options: RequestOptions = {}): Promise<z.infer<S>> {
    return this.request('DELETE', path, body, schema, options);
  }

  /**
   * Server-sent events at `path`: each `event` whose data parses as JSON with `schema` goes to
   * `onData`; the first error (a stream that cannot open, or broke) closes it and calls `onError`.
   * Undefined when the browser has no EventSource.
   */
  events<S extends z.ZodMiniType>(path: string, event: string, schema: S, onData: (data: z.infer<S>) => void, onError: () => void): EventStream | undefined {
    return this.eventStream(path, { [event]: schema }, { [event]: onData }, onError);
  }

  /**
   * One stream, several event types (a thread's `comment`, `update`, `remove`, `count`): `schemas`
   * maps each event name to the schema of its data, `handlers` to its callback. Same rules as `events`.
   */
  eventStream<M extends Record<string, z.ZodMiniType>>(
    path: string,
    schemas: M | Promise<M>,
    handlers: { [K in keyof M]?: (data: z.infer<M[K]>) => void },
    onError: () => void,
  ): EventStream | undefined {
    if (typeof EventSource !== 'function') return undefined;
    const source = new EventSource(this.base + path);
    for (const event of Object.keys(handlers)) {
      const onData = handlers[event] as ((data: unknown) => void) | undefined;
      if (!onData) continue;
      source.addEventListener(event, async (e) => {
        let data: unknown;
        try {
          data = JSON.parse((e as MessageEvent<string>).data);
        } catch {
          return;
        }
        // Every listener awaits the same promise: events keep their order.
        const schema = (await schemas)[event];
        const parsed = schema?.safeParse(data);
        if (parsed?.success) onData(parsed.data);
      });
    }
    source.addEventListener('error', () => {
      source.close();
      onError();
    });
    return { url: source.url, close: () => source.close(), get readyState() { return source.readyState; } };
  }

  private async request<S extends z.ZodMiniType>(method: string, path: string, body: unknown, schemaSource: SchemaSource<S>, options: RequestOptions): Promise<z.infer<S>> {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.idempotencyKey) headers[IDEMPOTENCY_HEADER] = options.idempotencyKey;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new ApiError({ failure: 'offline' });

    let response: Response;
    const send = () =>
      this.fetchImpl(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        credentials: 'omit',
        referrerPolicy: 'strict-origin-when-cross-origin',
      });
    try {
      response = await (options.response ? options.response.catch(send) : send());
    } catch (e) {
      if (options.signal?.aborted) throw e; // the caller cancelled: not a failure to report
      if (timeout.aborted) throw new ApiError({ failure: 'timeout' });
      throw asApiError(e);
    }

    let json: unknown;
    try {
      json = response.status === 204 ? null : await response.json();
    } catch (e) {
      if (options.signal?.aborted) throw e;
      if (timeout.aborted) throw new ApiError({ failure: 'timeout' });
      if (!response.ok) throw new ApiError({ failure: failureFromStatus(response.status), status: response.status, retryAfter: parseRetryAfter(response.headers.get('Retry-After')) });
      throw new ApiError({ failure: 'bad_response', status: response.status, detail: 'The answer is not JSON.' });
    }

    if (!response.ok) {
      const { ApiErrorBody } = await import('./schemas/common.js');
      const parsed = ApiErrorBody.safeParse(json);
      const retryAfter = parseRetryAfter(response.headers.get('Retry-After')) ?? (parsed.success ? parsed.data.error.retryAfter : undefined);
      if (!parsed.success) throw new ApiError({ failure: failureFromStatus(response.status), status: response.status, retryAfter });
      const err = parsed.data.error;
      throw new ApiError({
        failure: CODE_TO_FAILURE[err.code] ?? failureFromStatus(response.status),
        status: response.status,
        code: err.code,
        retryAfter,
        fields: err.fields,
        detail: err.message,
      });
    }

    const schema = await schemaSource;
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const { prettifyError } = await import('./schemas/common.js');
      throw new ApiError({ failure: 'bad_response', status: response.status, detail: prettifyError(parsed.error) });
    }
    return parsed.data;
  }
}

/** Accepts `https://town.example/api` or `/api` (relative to the page); drops a trailing slash. Throws on nonsense. */
export function normalizeEndpoint(endpoint: string): string {
  const trimmed = endpoint.trim();
  if (!trimmed) throw new TypeError('empty endpoint');
  const url = new URL(trimmed, typeof location === 'undefined' ? undefined : location.href);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`unsupported protocol ${url.protocol}`);
  return url.href.replace(/\/+$/, '');
}
