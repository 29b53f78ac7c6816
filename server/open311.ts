/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over one map-report space, under
 * `/api/open311/v2/`: services.json, services/{code}.json, requests.json (GET and POST),
 * requests/{id}.json. JSON only. Errors are Open311's: `[{ "code": 404, "description": "…" }]`
 * with the same HTTP status.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ReportSubmission, Token, type FieldIssue, type ReportService } from '../src/api/schemas.js';
import { ApiError } from './errors.js';
import { mapIssues } from './errors.js';
import { toIso } from './store.js';
import type { MapReportContext, MapReportDef, MapReportService } from './map-reports.js';
import { CLOSED_STATUSES, addAttributePair, textIn } from './map-reports.js';

export interface Open311Options {
  /** The map-report space served (CIVIC_OPEN311_SPACE; default the first by id). */
  space?: string;
  /** When set, every call must carry this `jurisdiction_id` (CIVIC_OPEN311_JURISDICTION). */
  jurisdictionId?: string;
  /** When set, `POST requests.json` needs one of these `api_key`s (CIVIC_OPEN311_API_KEYS, comma list). */
  apiKeys?: string[];
}

type Pairs = Array<[string, string]>;

/** Open311 request fields read from a form; the rest is ignored (device_id, account_id are not kept). */
const FORM_FIELDS = new Set(['service_code', 'lat', 'long', 'address_string', 'address_id', 'email', 'first_name', 'last_name', 'phone', 'description', 'media_url']);

export function formToOpen311(pairs: Pairs): { body: Record<string, unknown>; jurisdiction?: string; apiKey?: string } {
  const body: Record<string, unknown> = {};
  const attribute: Record<string, string | string[]> = {};
  let jurisdiction: string | undefined;
  let apiKey: string | undefined;
  for (const [k, v] of pairs) {
    if (k === 'jurisdiction_id') jurisdiction = v;
    else if (k === 'api_key') apiKey = v;
    if (addAttributePair(attribute, k, v)) continue;
    if (!FORM_FIELDS.has(k) || v === '') continue;
    if (k === 'lat' || k === 'long') body[k] = /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v;
    else body[k] = v;
  }
  if (Object.keys(attribute).length) body.attribute = attribute;
  return { body, ...(jurisdiction !== undefined ? { jurisdiction } : {}), ...(apiKey !== undefined ? { apiKey } : {}) };
}

export async function registerOpen311(app: FastifyInstance, ctx: MapReportContext, svc: MapReportService, opts: Open311Options): Promise<void> {
  const env = process.env;
  const jurisdictionId = opts.jurisdictionId ?? (env.CIVIC_OPEN311_JURISDICTION || undefined);
  const apiKeys = opts.apiKeys ?? (env.CIVIC_OPEN311_API_KEYS ? env.CIVIC_OPEN311_API_KEYS.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

  const fail = (status: number, description: string) => new ApiError(status, status === 404 ? 'not_found' : status === 403 ? 'unauthorized' : 'bad_request', description);

  function checkJurisdiction(value: unknown): void {
    if (!jurisdictionId) return;
    if (value === undefined || value === '') throw fail(400, `jurisdiction_id is required: this endpoint serves "${jurisdictionId}".`);
    if (value !== jurisdictionId) throw fail(404, `jurisdiction_id "${String(value)}" is not served here ("${jurisdictionId}" is).`);
  }
  function checkFormat(format: string): void {
    if (format !== 'json') throw fail(400, `Format "${format}" is not supported: use .json (this server does not produce XML).`);
  }
  async function space(request: FastifyRequest): Promise<MapReportDef> {
    const def = await svc.open311Space();
    if (!def) throw fail(404, 'No map-report space on this server: create one (kind "map-report") or set CIVIC_OPEN311_SPACE.');
    void request;
    return def;
  }
  const langOf = (request: FastifyRequest, def: MapReportDef) => {
    const q = (request.query as { lang?: unknown }).lang;
    return typeof q === 'string' && /^[a-z]{2,3}$/.test(q) ? q : (def.lang ?? 'fr');
  };

  function serviceOf(def: MapReportDef, code: string): ReportService {
    const s = def.services.find((x) => x.service_code === code);
    if (!s) throw fail(404, `service_code "${code}" not found.`);
    return s;
  }

  await app.register(async (scope) => {
    scope.setErrorHandler((err: Error & { statusCode?: number; code?: string }, request, reply) => {
      let status = 500;
      let description = `Unexpected server error (request ${request.id}).`;
      if (err instanceof ApiError) {
        status = err.statusCode;
        description = err.fields?.length ? err.fields.map((f) => f.message).join('; ') : err.message;
        if (err.retryAfter !== undefined) reply.header('Retry-After', String(err.retryAfter));
      } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        status = err.statusCode;
        description = err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'Send the request form-encoded (application/x-www-form-urlencoded) as in GeoReport v2.' : err.message;
      } else request.log.error({ err }, 'unexpected error (open311)');
      return reply.status(status).type('application/json; charset=utf-8').send([{ code: status, description }]);
    });
    scope.setNotFoundHandler((request, reply) =>
      reply.status(404).send([{ code: 404, description: `No Open311 method ${request.method} ${request.url.split('?')[0]}.` }]),
    );
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, { pairs: Array.from(new URLSearchParams(body as string)) });
    });

    type Q = { Querystring: Record<string, string | undefined> };

    scope.get<Q & { Params: { format: string } }>('/services.:format', async (request) => {
      checkFormat(request.params.format);
      checkJurisdiction(request.query.jurisdiction_id);
      const def = await space(request);
      const lang = langOf(request, def);
      return def.services.map((s) => ({
        service_code: s.service_code,
        service_name: textIn(s.service_name, lang),
        description: textIn(s.description, lang),
        metadata: s.metadata ?? (s.attributes ?? []).length > 0,
        type: s.type ?? 'realtime',
        keywords: s.keywords ?? null,
        group: textIn(s.group, lang),
      }));
    });

    scope.get<Q & { Params: { service_code: string; format: string } }>('/services/:service_code.:format', async (request) => {
      checkFormat(request.params.format);
      checkJurisdiction(request.query.jurisdiction_id);
      const def = await space(request);
      const lang = langOf(request, def);
      const s = serviceOf(def, request.params.service_code);
      return {
        service_code: s.service_code,
        attributes: (s.attributes ?? []).map((a, i) => ({
          variable: a.variable ?? true,
          code: a.code,
          datatype: a.datatype,
          required: a.required,
          datatype_description: textIn(a.datatype_description, lang),
          order: a.order ?? i + 1,
          description: textIn(a.description, lang),
          ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: textIn(v.name, lang) })) } : {}),
        })).sort((a, b) => a.order - b.order),
      };
    });

    scope.post<{ Params: { format: string }; Querystring: Record<string, string | undefined> }>('/requests.:format', { bodyLimit: 64 * 1024 }, async (request, reply) => {
      checkFormat(request.params.format);
      const raw = request.body as { pairs?: Pairs } | Record<string, unknown> | undefined;
      if (!raw) throw fail(400, 'The request has no body: send the fields form-encoded.');
      const pairs: Pairs = 'pairs' in raw && Array.isArray(raw.pairs)
        ? (raw.pairs as Pairs)
        : Object.entries(raw).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, String(x)] as [string, string]) : typeof v === 'object' && v !== null ? Object.entries(v).map(([c, x]) => [`attribute[${c}]`, String(x)] as [string, string]) : [[k, String(v)] as [string, string]]));
      const form = formToOpen311(pairs);
      checkJurisdiction(form.jurisdiction ?? request.query.jurisdiction_id);
      if (apiKeys && (!form.apiKey || !apiKeys.includes(form.apiKey))) throw fail(403, form.apiKey ? 'api_key is not valid.' : 'api_key is required.');
      const def = await space(request);
      if (typeof form.body.service_code !== 'string') throw fail(400, 'service_code is required.');
      serviceOf(def, form.body.service_code);
      const { media_url: mediaUrl, address_id: addressId, ...rest } = form.body as { media_url?: string; address_id?: string };
      if (mediaUrl !== undefined && !/^https?:\/\/\S+$/.test(mediaUrl)) throw fail(400, 'media_url must be an http(s) URL.');
      const parsed = ReportSubmission.safeParse(rest);
      if (!parsed.success) {
        const fields: FieldIssue[] = mapIssues(parsed.error.issues as Parameters<typeof mapIssues>[0], rest);
        throw fail(400, fields.map((f) => f.message.replace(/"([a-z_]+)"/, '$1')).join('; '));
      }
      const header = request.headers['idempotency-key'];
      const key = typeof header === 'string' && Token.safeParse(header).success ? header : `open311-${randomUUID()}`;
      const payload = { ...parsed.data, ...(mediaUrl ? { media_url: mediaUrl } : {}), ...(addressId ? { address_id: addressId } : {}) };
      const { receipt, created } = await svc.createReport({ def, key, payload, ip: request.ip, request });
      const s = serviceOf(def, parsed.data.service_code);
      return reply.status(created ? 201 : 200).send([
        { service_request_id: receipt.service_request_id, service_notice: textIn(s.service_notice, langOf(request, def)), account_id: null },
      ]);
    });

    async function listRequests(request: FastifyRequest, where: Parameters<MapReportService['open311Rows']>[1]) {
      const def = await space(request);
      const lang = langOf(request, def);
      const rows = await svc.open311Rows(def.id, where);
      const b = svc.base(request);
      return rows.map((r) => {
        const s = def.services.find((x) => x.service_code === r.service_code);
        const media = r.media_ids[0] ? svc.mediaUrl(b, r.media_ids[0]) : typeof r.payload.media_url === 'string' ? r.payload.media_url : null;
        return {
          service_request_id: r.number,
          status: CLOSED_STATUSES.has(r.status) ? 'closed' : 'open',
          status_notes: r.status_notes,
          service_name: s ? textIn(s.service_name, lang) : null,
          service_code: r.service_code,
          description: r.description,
          agency_responsible: s?.agency_responsible ?? null,
          service_notice: s ? textIn(s.service_notice, lang) : null,
          requested_datetime: toIso(r.requested_at),
          updated_datetime: toIso(r.updated_at),
          expected_datetime: null,
          address: r.address_string,
          address_id: typeof r.payload.address_id === 'string' ? r.payload.address_id : null,
          zipcode: null,
          lat: r.lat,
          long: r.long,
          media_url: media,
          detailed_status: r.status,
        };
      });
    }

    const isoDate = (name: string, v: string | undefined) => {
      if (v === undefined || v === '') return undefined;
      if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(v) || Number.isNaN(Date.parse(v))) {
        throw fail(400, `${name} must be an ISO 8601 date-time (2010-04-14T06:37:38-08:00).`);
      }
      return new Date(v).toISOString();
    };

    scope.get<Q & { Params: { format: string } }>('/requests.:format', async (request, reply) => {
      checkFormat(request.params.format);
      const q = request.query;
      checkJurisdiction(q.jurisdiction_id);
      const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      reply.header('Cache-Control', 'no-store');
      if (q.service_request_id) return listRequests(request, { ids: list(q.service_request_id), limit: 1000 });
      const statuses = list(q.status);
      const wrong = statuses.find((s) => s !== 'open' && s !== 'closed');
      if (wrong) throw fail(400, `status must be open or closed, not "${wrong}".`);
      let start = isoDate('start_date', q.start_date);
      const end = isoDate('end_date', q.end_date);
      // The spec's default: a span of 90 days (or the first 1000 requests, whichever is smaller).
      if (!start && !end) start = new Date(Date.now() - 90 * 24 * 3600_000).toISOString();
      else if (!start && end) start = new Date(Date.parse(end) - 90 * 24 * 3600_000).toISOString();
      return listRequests(request, {
        codes: list(q.service_code),
        statuses: statuses.flatMap((s) => (s === 'open' ? ['open', 'acknowledged', 'in_progress'] : ['fixed', 'not_ours'])),
        ...(start ? { start } : {}), ...(end ? { end } : {}),
        limit: 1000,
      });
    });

    scope.get<Q & { Params: { service_request_id: string; format: string } }>('/requests/:service_request_id.:format', async (request, reply) => {
      checkFormat(request.params.format);
      checkJurisdiction(request.query.jurisdiction_id);
      const found = await listRequests(request, { ids: [request.params.service_request_id], limit: 1 });
      if (!found.length) throw fail(404, `service_request_id "${request.params.service_request_id}" not found.`);
      reply.header('Cache-Control', 'no-store');
      return found;
    });
  }, { prefix: '/api/open311/v2' });

  void ctx;
}
