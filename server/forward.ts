/**
 * Forwarding of map reports to an external Open311 GeoReport v2 endpoint.
 *
 * The queue is the `open311_forward` table, filled in the transaction that stores a report, so a
 * crash or a restart loses nothing. A job claims due rows with a lease (so two instances never send
 * the same row at once), POSTs each report form-encoded to `{url}/requests.json` and keeps the
 * remote `service_request_id` (or `token`). Failures are retried with exponential backoff: network
 * errors, timeouts, 5xx, 408, 429 and malformed answers forever (the remote will come back), other
 * 4xx answers up to `maxClientErrors` attempts, then the row is marked `failed` for the admin.
 *
 * Delivery is at least once: if the process dies after the remote stored a report but before the
 * answer was recorded, the report is sent again when the lease expires (Open311 has no idempotency key).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './db.js';

export interface ForwardOptions {
  /** The remote endpoint's base URL (`https://open311.example/v2`): reports go to `{url}/requests.json`. */
  url: string;
  apiKey?: string;
  jurisdictionId?: string;
  /** How often the queue is read (ms, default 15 000); a new report also wakes the job at once. */
  intervalMs?: number;
  /** First retry delay (ms, default 30 000), doubled after each failure up to `maxBackoffMs` (1 h). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Per request (ms, default 10 000). */
  timeoutMs?: number;
  /** Attempts after which a 4xx answer (other than 408/429) gives up (default 5). */
  maxClientErrors?: number;
}

export interface Forwarder {
  start(): void;
  stop(): Promise<void>;
  /** Run soon (a report was just queued). */
  kick(): void;
  /** One pass over the due rows; resolves with how many were tried. */
  runOnce(): Promise<number>;
}

interface Env {
  log: FastifyBaseLogger;
  now: () => Date;
  /** The public URL of a stored photo, when CIVIC_PUBLIC_URL is known. */
  mediaUrl: (id: string) => string | undefined;
}

interface Claimed {
  report_id: string;
  attempts: number;
  payload: Record<string, unknown>;
  service_code: string;
  lat: number | null;
  long: number | null;
  address_string: string | null;
  description: string;
  media_ids: string[];
}

/** The Open311 form of a stored report. */
export function open311Form(r: Omit<Claimed, 'report_id' | 'attempts'>, opts: Pick<ForwardOptions, 'apiKey' | 'jurisdictionId'>, mediaUrl: (id: string) => string | undefined): URLSearchParams {
  const f = new URLSearchParams();
  const p = r.payload;
  if (opts.jurisdictionId) f.set('jurisdiction_id', opts.jurisdictionId);
  if (opts.apiKey) f.set('api_key', opts.apiKey);
  f.set('service_code', r.service_code);
  if (r.lat !== null && r.long !== null) {
    f.set('lat', String(r.lat));
    f.set('long', String(r.long));
  }
  if (r.address_string) f.set('address_string', r.address_string);
  if (typeof p.address_id === 'string') f.set('address_id', p.address_id);
  for (const k of ['email', 'first_name', 'last_name', 'phone'] as const) if (typeof p[k] === 'string' && p[k]) f.set(k, p[k] as string);
  f.set('description', r.description);
  const media = r.media_ids[0] ? mediaUrl(r.media_ids[0]) : typeof p.media_url === 'string' ? p.media_url : undefined;
  if (media) f.set('media_url', media);
  const attrs = (p.attribute ?? {}) as Record<string, unknown>;
  for (const [code, v] of Object.entries(attrs)) {
    if (Array.isArray(v)) for (const x of v) f.append(`attribute[${code}][]`, String(x));
    else f.set(`attribute[${code}]`, String(v));
  }
  return f;
}

class Retry extends Error {
  constructor(message: string, readonly permanent = false) {
    super(message);
  }
}

export function createForwarder(db: Db, opts: ForwardOptions, env: Env): Forwarder {
  const url = `${opts.url.replace(/\/+$/, '')}/requests.json`;
  const intervalMs = opts.intervalMs ?? 15_000;
  const backoffMs = opts.backoffMs ?? 30_000;
  const maxBackoffMs = opts.maxBackoffMs ?? 3600_000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxClientErrors = opts.maxClientErrors ?? 5;
  const leaseMs = Math.max(60_000, timeoutMs * 3);

  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = true;

  async function send(row: Claimed): Promise<{ id?: string; token?: string }> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: open311Form(row, opts, env.mediaUrl).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      throw new Retry(`network: ${e.name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message)}`);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      let detail = text.slice(0, 300);
      try {
        const j = JSON.parse(text) as Array<{ description?: string }>;
        if (Array.isArray(j) && j[0]?.description) detail = j[0].description;
      } catch {
        /* not JSON */
      }
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      throw new Retry(`HTTP ${res.status}: ${detail}`, permanent);
    }
    let first: { service_request_id?: unknown; token?: unknown } | undefined;
    try {
      const j = JSON.parse(text) as unknown;
      first = (Array.isArray(j) ? j[0] : j) as typeof first;
    } catch {
      throw new Retry(`malformed answer: ${text.slice(0, 120)}`);
    }
    const id = first?.service_request_id;
    const token = first?.token;
    if ((typeof id !== 'string' && typeof id !== 'number') && typeof token !== 'string') throw new Retry('the answer has neither service_request_id nor token');
    return { ...(id !== undefined && id !== null ? { id: String(id) } : {}), ...(typeof token === 'string' ? { token } : {}) };
  }

  async function pass(): Promise<number> {
    const at = env.now();
    const { rows } = await db.query<{ report_id: string; attempts: number }>(
      `UPDATE open311_forward f SET attempts = f.attempts + 1, next_attempt_at = $2::text::timestamptz
        WHERE f.report_id IN (SELECT report_id FROM open311_forward WHERE state = 'pending' AND next_attempt_at <= $1::text::timestamptz
                               ORDER BY next_attempt_at LIMIT 20 FOR UPDATE SKIP LOCKED)
        RETURNING f.report_id, f.attempts`,
      [at.toISOString(), new Date(at.getTime() + leaseMs).toISOString()],
    );
    for (const c of rows) {
      const { rows: data } = await db.query<Claimed>(
        `SELECT r.submission_id AS report_id, s.payload, r.service_code, r.lat, r.long, r.address_string, r.description, r.media_ids
           FROM map_reports r JOIN submissions s ON s.id = r.submission_id WHERE r.submission_id = $1`,
        [c.report_id],
      );
      if (!data[0]) {
        await db.query(`UPDATE open311_forward SET state = 'failed', last_error = 'the report no longer exists' WHERE report_id = $1`, [c.report_id]);
        continue;
      }
      try {
        const r = await send({ ...data[0], attempts: c.attempts });
        await db.query(
          `UPDATE open311_forward SET state = 'sent', remote_id = $2, remote_token = $3, last_error = NULL, sent_at = $4::text::timestamptz WHERE report_id = $1`,
          [c.report_id, r.id ?? null, r.token ?? null, env.now().toISOString()],
        );
        env.log.info({ report: c.report_id, remote: r.id ?? r.token, attempts: c.attempts }, 'map report forwarded');
      } catch (err) {
        const e = err instanceof Retry ? err : new Retry((err as Error).message);
        const giveUp = e.permanent && c.attempts >= maxClientErrors;
        const delay = Math.min(maxBackoffMs, backoffMs * 2 ** Math.min(30, c.attempts - 1));
        await db.query(
          `UPDATE open311_forward SET state = $2, last_error = $3, next_attempt_at = $4::text::timestamptz WHERE report_id = $1`,
          [c.report_id, giveUp ? 'failed' : 'pending', e.message.slice(0, 500), new Date(env.now().getTime() + delay).toISOString()],
        );
        env.log.warn({ report: c.report_id, attempts: c.attempts, err: e.message, giveUp }, 'map report forwarding failed');
      }
    }
    return rows.length;
  }

  function runOnce(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          const n = await pass();
          total += n;
          if (n === 20) again = true; // a full batch: more may be due
        } while (again && !stopped);
      } catch (err) {
        env.log.error({ err: (err as Error).message }, 'map report forwarding job failed');
      } finally {
        running = undefined;
      }
      return total;
    })();
    return running;
  }

  return {
    start() {
      stopped = false;
      timer = setInterval(() => void runOnce(), intervalMs);
      timer.unref();
      void runOnce();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
    kick() {
      if (!stopped) setImmediate(() => void runOnce());
    },
    runOnce,
  };
}
