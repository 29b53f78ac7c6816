/**
 * Forms without JavaScript (issue #9): every widget's plain HTML fallback, and the pages that
 * answer it. Registered by app.ts.
 *
 * - `GET /api/forms/<kind>/<id>` answers the fallback form as an HTML fragment (to carry inside the
 *   widget's tag or placeholder, where the widget's shadow root hides it once the script runs),
 *   `?format=page` as a whole page, `?format=snippet` as the tag with the fallback inside, ready
 *   to paste (`&placeholder=1`: the filter-proof `<div data-civic-widget>` form).
 * - `POST /api/forms/<kind>/<id>` (application/x-www-form-urlencoded, or multipart/form-data for
 *   map-report photos) answers a whole page: the confirmation, or the form again with an error
 *   summary at the top, each message at its field, and everything typed kept.
 *
 * The form is turned into the JSON the widget sends and handed to the JSON route itself
 * (`app.inject`, with the resident's IP): the same validation, idempotency, phases, honeypots,
 * minimum fill times, per-network limits, double opt-in and stored rows, with no second copy of
 * any of them. Reads (definitions, comment pages) go through the public JSON routes the same way.
 * Without JavaScript nothing is kept on the device: votes and comments, whose protocol needs a
 * device token, get one derived from the submission's idempotency key (so "one per device" cannot
 * hold; the per-network limits of the JSON routes do).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { paths, Token, type ApiErrorBody, type CommentPage, type FieldIssue, type Kind } from '../../src/api/schemas.js';
import { formatDateTime } from '../../src/i18n/plural.js';
import type { AppOptions } from '../app.js';
import { ApiError } from '../errors.js';
import { returnLink } from '../mail.js';
import { DEFAULT_PHOTO_MAX_BYTES } from '../map-reports.js';
import { langAttrs, pickLang, type Lang } from '../i18n.js';
import { hmac } from '../store.js';
import { comments } from './comments.js';
import { errorSummary, esc, FormValues, honeypot, pageShell, renderCtx, type RenderCtx, type Upload } from './html.js';
import type { ApiBody, NoJsKind, Served } from './kind.js';
import { mapReportKind } from './map-report.js';
import { NOJS_TEXTS } from './messages.js';
import { petition } from './petition.js';
import { survey } from './survey.js';
import { vote } from './vote.js';

export interface NoJsOptions {
  /** Base URL of the backend as residents reach it (`https://town.example`), for form actions and the stylesheet; default CIVIC_PUBLIC_URL, else the request's host. */
  publicUrl?: string;
}

declare module '../app.js' {
  interface AppOptions {
    /** Forms without JavaScript (server/nojs). */
    nojs?: NoJsOptions;
  }
}

export interface NoJsContext {
  salt: string;
  options: AppOptions;
}

export const FORMS_PATH = '/api/forms';
const CSS = readFileSync(new URL('./nojs.css', import.meta.url), 'utf8');
/** Kinds whose protocol carries a honeypot (`website`); for the others a filled honeypot is answered like a success and nothing is sent. */
const HONEYPOT_KINDS: ReadonlySet<Kind> = new Set(['petition', 'map-report', 'comments']);
const FORMATS = ['fragment', 'page', 'snippet'] as const;
type Format = (typeof FORMATS)[number];

type Query = { lang?: string; format?: string; return?: string; reply?: string; cursor?: string; placeholder?: string };
type Params = { kind: string; id: string };

const validReturn = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= 2000 && /^https?:\/\/[^\s]+$/.test(v) ? v : undefined);

export async function registerNoJs(app: FastifyInstance, ctx: NoJsContext): Promise<void> {
  const env = process.env;
  const publicUrl = (ctx.options.nojs?.publicUrl ?? env.CIVIC_PUBLIC_URL ?? '').replace(/\/+$/, '');
  const photoMaxBytes = ctx.options.mapReports?.photoMaxBytes ?? (Number(env.CIVIC_PHOTO_MAX_BYTES) || DEFAULT_PHOTO_MAX_BYTES);
  const KINDS_BY_NAME: Record<string, NoJsKind> = {
    vote: vote as unknown as NoJsKind,
    survey: survey as unknown as NoJsKind,
    petition: petition as unknown as NoJsKind,
    'map-report': mapReportKind(photoMaxBytes) as unknown as NoJsKind,
    comments: comments as unknown as NoJsKind,
  };
  const base = (request: FastifyRequest) => publicUrl || `${request.protocol}://${request.host}`;
  const formUrl = (request: FastifyRequest, kind: Kind, id: string) => `${base(request)}${FORMS_PATH}/${kind}/${encodeURIComponent(id)}`;
  const cssUrl = (request: FastifyRequest) => `${base(request)}${FORMS_PATH}/nojs.css`;

  /* ---------------------------------------------------------- the JSON API, in process */

  /** Calls a public JSON route as the resident (same IP, host and language). */
  async function callApi(request: FastifyRequest, method: 'GET' | 'POST', url: string, body?: ApiBody, key?: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const headers: Record<string, string> = {};
    for (const h of ['host', 'x-forwarded-host', 'x-forwarded-proto', 'accept-language', 'user-agent']) {
      const v = request.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    if (key) headers['idempotency-key'] = key;
    let payload: string | Buffer | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      const boundary = `----civic-nojs-${randomUUID()}`;
      headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
      payload = encodeMultipart(boundary, body.multipart.pairs, body.multipart.files);
    }
    const res = await app.inject({ method, url, headers, remoteAddress: request.ip, ...(payload !== undefined ? { payload } : {}) });
    let parsed: Record<string, unknown> = {};
    try {
      parsed = res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {};
    } catch {
      parsed = {};
    }
    return { status: res.statusCode, body: parsed };
  }

  const resourceUrl = (kind: Kind, id: string) => `/api${paths.definition(kind, id)}`;

  async function definition(request: FastifyRequest, kind: Kind, id: string): Promise<Served | ApiErrorBody['error']> {
    const res = await callApi(request, 'GET', resourceUrl(kind, id));
    if (res.status === 200) return res.body as Served;
    return (res.body as ApiErrorBody).error ?? { code: 'server_error', message: `GET ${resourceUrl(kind, id)}: ${res.status}` };
  }

  function kindOf(name: string): NoJsKind {
    const k = KINDS_BY_NAME[name];
    if (!k) throw new ApiError(404, 'not_found', `No form for "${name}": use ${Object.keys(KINDS_BY_NAME).join(', ')} (${FORMS_PATH}/<kind>/<id>).`);
    return k;
  }

  /* ---------------------------------------------------------- hidden fields: key and start time */

  const tsMac = (ms: number) => hmac(ctx.salt, `nojs-ts:${ms}`).slice(0, 16);
  const stamp = () => {
    const ms = Date.now();
    return `${ms}.${tsMac(ms)}`;
  };
  /** Milliseconds since a form served by this server was shown (undefined: none, or forged). */
  function fillMsOf(v: string): number | undefined {
    const [msText, mac] = v.split('.');
    const ms = Number(msText);
    if (!mac || !Number.isSafeInteger(ms) || tsMac(ms) !== mac) return undefined;
    const elapsed = Date.now() - ms;
    return elapsed >= 0 && elapsed < 7 * 24 * 3600_000 ? elapsed : undefined;
  }
  const deviceTokenOf = (key: string) => `nojs-${hmac(ctx.salt, `nojs-device:${key}`).slice(0, 40)}`;

  /* ---------------------------------------------------------- rendering */

  interface FormOptions {
    kind: NoJsKind;
    def: Served;
    c: RenderCtx;
    action: string;
    returnUrl?: string;
    /** Served by this server and posted back here (adds the idempotency key and the start time). */
    stamped: boolean;
  }

  /** The form, or why it cannot be used (scheduled, closed, needs JavaScript). */
  function formHtml(o: FormOptions): string {
    const { kind, def, c } = o;
    const closed = unavailable(c, kind, def);
    if (closed) return `<p class="civic-nojs-notice" role="status">${esc(closed)}</p>`;
    const fields = kind.fields(c, def);
    const enctype = kind.multipart?.(def) ? ' enctype="multipart/form-data"' : '';
    const hidden = [
      `<input type="hidden" name="lang" value="${c.lang}">`,
      o.returnUrl ? `<input type="hidden" name="return" value="${esc(o.returnUrl)}">` : '',
      o.stamped ? `<input type="hidden" name="_key" value="${esc(Token.safeParse(c.values.get('_key')).success ? c.values.get('_key') : randomUUID())}"><input type="hidden" name="_ts" value="${esc(c.values.get('_ts') || stamp())}">` : '',
    ].join('');
    return `<form class="civic-nojs-form" method="post" action="${esc(o.action)}"${enctype} novalidate>${hidden}${fields}${honeypot(c)}<p class="civic-nojs-actions"><button type="submit">${esc(kind.submitLabel(c.t, def, c.values))}</button></p></form>`;
  }

  function unavailable(c: RenderCtx, kind: NoJsKind, def: Served): string | undefined {
    if (def.phase === 'scheduled') return c.t.scheduled(def.opensAt ? formatDateTime(c.lang, def.opensAt) : '');
    if (def.phase === 'closed') return def.closesAt ? c.t.closedOn(formatDateTime(c.lang, def.closesAt)) : c.t.closed;
    return kind.blocked?.(def, c.t);
  }

  const heading = (level: 1 | 2, text: string, c: RenderCtx) => `<h${level} id="${c.id('title')}">${esc(text)}</h${level}>`;

  function backLink(c: RenderCtx, returnUrl: string | undefined, id: string): string {
    const href = returnLink(returnUrl, ctx.options.allowedOrigins, 'civic-sent', id);
    return href ? `<p class="civic-nojs-back"><a href="${esc(href)}">${esc(c.t.back)}</a></p>` : '';
  }

  const sendPage = (reply: FastifyReply, status: number, html: string) =>
    reply
      .status(status)
      .header('Cache-Control', 'no-store')
      .header('Content-Security-Policy', "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'")
      .type('text/html; charset=utf-8')
      .send(html);

  function simplePage(reply: FastifyReply, request: FastifyRequest, status: number, lang: Lang, title: string, message: string) {
    return sendPage(reply, status, pageShell(lang, title, `<h1>${esc(title)}</h1><p class="civic-nojs-notice" role="status">${esc(message)}</p>`, cssUrl(request)));
  }

  /** The thread page's list, and where "Reply" and "Older comments" lead. */
  async function threadList(request: FastifyRequest, c: RenderCtx, def: Served, cursor: string | undefined, returnUrl: string | undefined): Promise<string> {
    const q = new URLSearchParams({ limit: '20' });
    if (cursor) q.set('cursor', cursor);
    const res = await callApi(request, 'GET', `/api${paths.submissions('comments', def.id)}?${q}`);
    if (res.status !== 200) return '';
    const page = res.body as unknown as CommentPage;
    const link = (extra: Record<string, string>) => {
      const p = new URLSearchParams({ format: 'page', lang: c.lang, ...(returnUrl ? { return: returnUrl } : {}), ...extra });
      return `${formUrl(request, 'comments', def.id)}?${p}`;
    };
    return comments.list(c, def as never, page, (cid) => `${link({ reply: cid })}#${c.id('title')}`, page.nextCursor ? link({ cursor: page.nextCursor }) : undefined);
  }

  /* ---------------------------------------------------------- routes */

  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, new FormValues([...new URLSearchParams(body as string)]));
    });
    await scope.register(multipart, { limits: { fileSize: photoMaxBytes, files: 10, fields: 500, fieldSize: 100_000 }, throwFileSizeLimit: false });

    scope.get(`${FORMS_PATH}/nojs.css`, async (_request, reply) =>
      reply.header('Cache-Control', 'public, max-age=3600').type('text/css; charset=utf-8').send(CSS));

    // Reads and writes count against the rate limits inside, on the JSON routes they call.
    scope.get<{ Params: Params; Querystring: Query }>(`${FORMS_PATH}/:kind/:id`, { config: { rateLimit: false } }, async (request, reply) => {
      const kind = kindOf(request.params.kind);
      const format: Format = (FORMATS as readonly string[]).includes(request.query.format ?? '') ? (request.query.format as Format) : 'fragment';
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const t = NOJS_TEXTS[lang];
      const def = await definition(request, kind.kind, request.params.id);
      if (!('phase' in def)) {
        if (format === 'page') return simplePage(reply, request, def.code === 'not_found' ? 404 : 503, lang, t.notFound, def.code === 'not_found' ? t.notFound : t.serverError);
        throw new ApiError(def.code === 'not_found' ? 404 : 503, def.code, def.message);
      }
      const returnUrl = validReturn(request.query.return);
      const prefix = `civic-${kind.kind}-${def.id}-`;
      const replyTo = kind.kind === 'comments' && format === 'page' && typeof request.query.reply === 'string' ? request.query.reply : undefined;
      const c = renderCtx(lang, t, new FormValues(replyTo ? [['parentId', replyTo]] : []), new Map(), prefix);
      const action = formUrl(request, kind.kind, def.id);

      if (format === 'page') {
        let title = kind.title(c, def);
        let intro = kind.intro(c, def);
        if (replyTo) {
          const parent = await callApi(request, 'GET', `/api${paths.comment(def.id, replyTo)}`);
          const cm = (parent.body as { comment?: { author: string; body: string } }).comment;
          if (parent.status !== 200 || !cm) return simplePage(reply, request, 404, lang, title, t.comments.unknownParent);
          title = t.comments.replyTitle(cm.author);
          intro = `<blockquote class="civic-nojs-quote"><p><strong>${esc(cm.author)}</strong></p>${cm.body.split(/\n\s*\n/).map((p) => `<p>${esc(p)}</p>`).join('')}</blockquote>`;
        }
        const form = formHtml({ kind, def, c, action, returnUrl, stamped: true });
        const list = kind.kind === 'comments' ? await threadList(request, c, def, request.query.cursor, returnUrl) : '';
        return sendPage(reply, 200, pageShell(lang, title, `${heading(1, title, c)}${intro}${form}${list}`, cssUrl(request)));
      }

      let fragment = `<div class="civic-nojs" data-civic-fallback ${langAttrs(lang)}><link rel="stylesheet" href="${esc(cssUrl(request))}">${heading(2, kind.title(c, def), c)}${kind.intro(c, def)}${formHtml({ kind, def, c, action, returnUrl, stamped: false })}`;
      if (kind.kind === 'comments') {
        const p = new URLSearchParams({ format: 'page', lang, ...(returnUrl ? { return: returnUrl } : {}) });
        fragment += `<p><a href="${esc(`${action}?${p}`)}">${esc(t.comments.read)}</a></p>`;
      }
      fragment += '</div>';
      reply.header('Cache-Control', 'no-store');
      if (format === 'fragment') return reply.type('text/html; charset=utf-8').send(fragment);

      const endpoint = `${base(request)}/api`;
      const attributes: Array<[string, string]> = [['endpoint', endpoint], [kind.attribute, def.id], ...(request.query.lang ? [['lang', lang] as [string, string]] : [])];
      const placeholder = request.query.placeholder === '1' || request.query.placeholder === 'true';
      const open = placeholder
        ? `<div data-civic-widget="${kind.kind}"${attributes.map(([k, v]) => ` data-${k}="${esc(v)}"`).join('')}>`
        : `<civic-${kind.kind}${attributes.map(([k, v]) => ` ${k}="${esc(v)}"`).join('')}>`;
      const close = placeholder ? '</div>' : `</civic-${kind.kind}>`;
      const snippet = `<script type="module" src="${esc(base(request))}/civic-widgets.js"></script>\n${open}\n${fragment}\n${close}\n`;
      return reply.type('text/plain; charset=utf-8').send(snippet);
    });

    scope.post<{ Params: Params; Querystring: Query }>(`${FORMS_PATH}/:kind/:id`, { config: { rateLimit: false } }, async (request, reply) => {
      const kind = kindOf(request.params.kind);
      const { values, tooBig } = await readForm(request, photoMaxBytes);
      const lang = pickLang(values.get('lang') || request.query.lang, request.headers['accept-language']);
      const t = NOJS_TEXTS[lang];
      const def = await definition(request, kind.kind, request.params.id);
      if (!('phase' in def)) return simplePage(reply, request, def.code === 'not_found' ? 404 : 503, lang, def.code === 'not_found' ? t.notFound : t.serverError, def.code === 'not_found' ? t.notFound : t.serverError);
      const c = renderCtx(lang, t, values, new Map(), `civic-${kind.kind}-${def.id}-`);
      const title = kind.title(c, def);
      const returnUrl = validReturn(values.get('return')) ?? validReturn(request.headers.referer);
      const action = formUrl(request, kind.kind, def.id);

      const again = (status: number, general: string[] = []) => {
        // The fields first: they name themselves for the summary, which comes first on the page.
        const form = formHtml({ kind, def, c, action, returnUrl, stamped: true });
        const summary = errorSummary(c, general).replace('tabindex="-1"', 'tabindex="-1" autofocus');
        const pageTitle = summary ? `${t.errorSummaryTitle} — ${title}` : title;
        return sendPage(reply, status, pageShell(lang, pageTitle, `${summary}${heading(1, title, c)}${kind.intro(c, def)}${form}`, cssUrl(request)));
      };

      if (unavailable(c, kind, def)) return again(409);
      if (tooBig) {
        const m = kind.issue(c, def, { path: ['media'], code: 'too_big', message: '' });
        if (m?.field) c.errors.set(m.field, m.message);
        return again(413);
      }

      kind.precheck?.(c, def);
      if (c.errors.size) return again(400);

      const key = Token.safeParse(values.get('_key')).success ? values.get('_key') : randomUUID();
      const website = values.get('website');
      const fillMs = fillMsOf(values.get('_ts'));
      const extras = { lang, deviceToken: deviceTokenOf(key), ...(returnUrl ? { returnUrl } : {}), ...(fillMs !== undefined ? { fillMs } : {}), ...(HONEYPOT_KINDS.has(kind.kind) ? { website } : {}) };
      const done = (receipt: Record<string, unknown>) =>
        sendPage(reply, 201, pageShell(lang, title, `${heading(1, title, c)}${kind.confirmation(c, def, receipt, values)}${backLink(c, returnUrl, def.id)}`, cssUrl(request)));

      // A filled honeypot on a kind whose protocol has none: answered like a success, nothing sent.
      if (!HONEYPOT_KINDS.has(kind.kind) && website.trim() !== '') return done({});

      const url = `/api${paths.submissions(kind.kind, def.id)}`;
      const res = await callApi(request, 'POST', url, kind.payload(values, def, extras), key);
      if (res.status === 200 || res.status === 201) return done(res.body);

      const error = (res.body as ApiErrorBody).error ?? { code: 'server_error' as const, message: '' };
      const general: string[] = [];
      const place = (issue: FieldIssue) => {
        const m = kind.issue(c, def, issue);
        if (m?.field) {
          if (!c.errors.has(m.field)) c.errors.set(m.field, m.message);
        } else if (m) general.push(m.message);
        return Boolean(m);
      };
      for (const f of error.fields ?? []) if (!place(f)) general.push(t.refused);
      if (!error.fields?.length && !place({ path: [], code: error.code, message: error.message })) {
        if (error.code === 'closed' || error.code === 'not_open') {
          const closed = error.code === 'closed' ? t.closed : t.scheduled('');
          return simplePage(reply, request, 409, lang, title, closed);
        }
        if (error.code === 'rate_limited') {
          reply.header('Retry-After', String(error.retryAfter ?? 60));
          general.push(t.rateLimited(error.retryAfter ?? 60));
        } else if (error.code === 'already_submitted') general.push(t.alreadySubmitted);
        else if (error.code === 'conflict') general.push(t.conflict);
        else if (res.status >= 500) general.push(t.serverError);
        else general.push(t.refused);
      }
      return again(res.status, [...new Set(general)]);
    });
  });
}

/** The posted form: url-encoded pairs, or multipart fields and files (a file over the limit is dropped and reported). */
async function readForm(request: FastifyRequest, maxBytes: number): Promise<{ values: FormValues; tooBig: boolean }> {
  if (request.body instanceof FormValues) return { values: request.body, tooBig: false };
  if (!request.isMultipart()) {
    throw new ApiError(415, 'unsupported_media_type', `Unsupported Content-Type "${request.headers['content-type'] ?? ''}": post the form as application/x-www-form-urlencoded or multipart/form-data.`);
  }
  const pairs: Array<[string, string]> = [];
  const files: Upload[] = [];
  let tooBig = false;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.file.truncated || bytes.length > maxBytes) tooBig = true;
      else if (bytes.length) files.push({ field: part.fieldname, filename: part.filename, bytes });
    } else pairs.push([part.fieldname, String(part.value)]);
  }
  return { values: new FormValues(pairs, files), tooBig };
}

/** A multipart/form-data body (RFC 7578): text fields, then files. */
export function encodeMultipart(boundary: string, pairs: ReadonlyArray<readonly [string, string]>, files: readonly Upload[]): Buffer {
  const quote = (s: string) => s.replace(/["\r\n\\]/g, (ch) => encodeURIComponent(ch));
  const chunks: Buffer[] = [];
  for (const [name, value] of pairs) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(f.field)}"; filename="${quote(f.filename || 'photo')}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8'));
    chunks.push(f.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
