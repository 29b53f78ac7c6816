/**
 * Map reports in the reference backend: street problems reported as Open311 service requests,
 * with photos, "me too" supports, public updates, e-mail updates (double opt-in), the Open311
 * GeoReport v2 API (open311.ts) and forwarding to another Open311 server (forward.ts).
 * Registered by app.ts; the definition itself is served by app.ts's generic GET.
 *
 * - A report is a `submissions` row (idempotency, payload with the contact data, `accepted` or
 *   `rejected` for the honeypot) plus a `map_reports` row (what lists and maps query) whose
 *   sequence number is the public Open311 `service_request_id`.
 * - Photos arrive as `data:` URLs (JSON) or files (multipart); their type is read from the bytes
 *   and their metadata cut out again (photos.ts) before they are stored in `media`.
 * - Nobody's e-mail, phone, IP or device appears in a public answer; the name only when the
 *   reporter chose it and the definition allows it.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import {
  ReportStatus, ReportSubmission, ReportUpdateInput, SupportSubmission,
  type FieldIssue, type LocalizedText, type PublicReport, type ReportReceipt, type ReportService, type ReportUpdate,
  type MapReportDefinitionInput,
} from '../src/api/schemas.js';
import { MAP_REPORT_BODY_LIMIT } from './app.js';
import type { Db } from './db.js';
import { ApiError, validationError } from './errors.js';
import { escapeHtml, mailerFromEnv, type Mailer } from './mail.js';
import { pickLang } from './i18n.js';
import { serverTexts } from './locales/index.js';
import { localText, page, publicNameOf, type PetitionContext } from './petitions.js';
import { canonicalJson, hmac, INSERT_SUBMISSION, NETWORK_ORIGINS, phaseOf, takeChannel, toIso, type Definition } from './store.js';
import { cleanPhoto, dataUrlSize, decodeDataUrl, type PhotoType } from './photos.js';
import { createForwarder, type ForwardOptions, type Forwarder } from './forward.js';
import { registerOpen311, type Open311Options } from './open311.js';

export interface MapReportOptions {
  /** Where mail goes; default: the petitions' mailer, else SMTP_URL, else the dev_mails table. */
  mailer?: Mailer;
  /** Base URL of links and photo URLs (`https://town.example`); default CIVIC_PUBLIC_URL, else the request's host. */
  publicUrl?: string;
  /** Largest photo, in bytes after base64 decoding (CIVIC_PHOTO_MAX_BYTES, 3 MiB). */
  photoMaxBytes?: number;
  /** Forms sent faster than this (ms) are stored `rejected` (default 3000). */
  minFillMs?: number;
  /** Web reports per hashed IP per space per rolling hour (CIVIC_REPORT_IP_LIMIT, 30). */
  ipHourLimit?: number;
  /** The Open311 GeoReport v2 API (open311.ts). */
  open311?: Open311Options;
  /** Forwarding of every accepted report to an external Open311 endpoint (forward.ts). */
  forward?: ForwardOptions;
  /** The clock (tests). */
  now?: () => Date;
}

declare module './app.js' {
  interface AppOptions {
    /** Map-report settings (server/map-reports.ts). */
    mapReports?: MapReportOptions;
  }
}

export type MapReportContext = PetitionContext & { hashDevice(token: string): string };

export const DEFAULT_PHOTO_MAX_BYTES = 3 * 1024 * 1024;
export const DEFAULT_MAX_PHOTOS = 3;
export const DEFAULT_NEARBY_RADIUS = 150;
const CLOSED: ReadonlySet<string> = new Set(['fixed', 'not_ours']);

export type MapReportDef = Definition & Omit<MapReportDefinitionInput, 'opensAt' | 'closesAt'>;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/* ------------------------------------------------------------------ rules */

/** The attribute answers checked against the service's datatypes, normalised (numbers as numbers, lists as arrays). */
export function attributeIssues(service: ReportService, answers: Record<string, unknown> | undefined): { issues: FieldIssue[]; values: Record<string, string | number | string[]> } {
  const issues: FieldIssue[] = [];
  const values: Record<string, string | number | string[]> = {};
  const attrs = (service.attributes ?? []).filter((a) => a.variable !== false);
  const known = new Set(attrs.map((a) => a.code));
  for (const code of Object.keys(answers ?? {})) {
    if (!known.has(code)) issues.push({ path: ['attribute', code], code: 'unknown_field', message: `"attribute.${code}" is not a question of service "${service.service_code}"` });
  }
  for (const a of attrs) {
    const at = ['attribute', a.code];
    const name = `"attribute.${a.code}"`;
    const raw = answers?.[a.code];
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);
    if (empty) {
      if (a.required) issues.push({ path: at, code: 'required', message: `${name} is required by service "${service.service_code}"` });
      continue;
    }
    const keys = new Set((a.values ?? []).map((v) => v.key));
    switch (a.datatype) {
      case 'number': {
        const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
        if (!Number.isFinite(n)) issues.push({ path: at, code: 'invalid_type', message: `${name} must be a number` });
        else values[a.code] = n;
        break;
      }
      case 'datetime': {
        const ok = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw.trim()) && !Number.isNaN(Date.parse(raw.trim()));
        if (!ok) issues.push({ path: at, code: 'invalid_format', message: `${name} must be an ISO 8601 date (2026-11-21) or date-time` });
        else values[a.code] = (raw as string).trim();
        break;
      }
      case 'string':
      case 'text': {
        const max = a.datatype === 'string' ? 500 : 4000;
        if (typeof raw !== 'string' && typeof raw !== 'number') issues.push({ path: at, code: 'invalid_type', message: `${name} must be of type string` });
        else if (String(raw).trim().length > max) issues.push({ path: at, code: 'too_big', message: `${name} must be at most ${max} characters` });
        else values[a.code] = String(raw).trim();
        break;
      }
      case 'singlevaluelist': {
        if (typeof raw !== 'string') issues.push({ path: at, code: 'invalid_type', message: `${name} must be one key` });
        else if (!keys.has(raw)) issues.push({ path: at, code: 'unknown_option', message: `${name} must be one of ${[...keys].join(', ')}` });
        else values[a.code] = raw;
        break;
      }
      case 'multivaluelist': {
        const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : null;
        if (!list) issues.push({ path: at, code: 'invalid_type', message: `${name} must be a list of keys` });
        else if (list.some((k) => !keys.has(String(k)))) issues.push({ path: at, code: 'unknown_option', message: `${name} may only hold ${[...keys].join(', ')}` });
        else if (new Set(list).size !== list.length) issues.push({ path: at, code: 'duplicate', message: `${name} lists a key twice` });
        else values[a.code] = list.map(String);
        break;
      }
    }
  }
  return { issues, values };
}

/** The report as it will be stored: location resolved from a landmark, attributes normalised. */
export interface CheckedReport {
  service: ReportService;
  lat: number | null;
  long: number | null;
  address: string | null;
  attribute: Record<string, string | number | string[]>;
}

/** Checks a report against its space (category, location, bounds, attributes, photo count). */
export function reportIssues(def: MapReportDef, p: ReportSubmission & { media_url?: string }): { issues: FieldIssue[]; checked?: CheckedReport } {
  const issues: FieldIssue[] = [];
  const service = def.services.find((s) => s.service_code === p.service_code);
  if (!service) {
    issues.push({ path: ['service_code'], code: 'unknown_option', message: `"service_code" "${p.service_code}" is not a category of "${def.id}" (${def.services.map((s) => s.service_code).join(', ')})` });
  }
  let lat = p.lat ?? null;
  let long = p.long ?? null;
  let address = p.address_string?.trim() || null;
  if (p.landmark !== undefined) {
    const lm = (def.landmarks ?? []).find((l) => l.id === p.landmark);
    if (!lm) issues.push({ path: ['landmark'], code: 'unknown_option', message: `"landmark" "${p.landmark}" is not a landmark of "${def.id}"` });
    else {
      if (lat === null && long === null) {
        lat = lm.lat;
        long = lm.long;
      }
      address ??= lm.address ?? localText(lm.name, def.lang ?? 'fr');
    }
  }
  if ((lat === null) !== (long === null)) {
    const missing = lat === null ? 'lat' : 'long';
    issues.push({ path: [missing], code: 'required', message: `"${missing}" is required with "${missing === 'lat' ? 'long' : 'lat'}"` });
  } else if (lat === null && !address) {
    issues.push({ path: ['lat'], code: 'required', message: 'A location is required: "lat" and "long", a "landmark" or an "address_string"' });
  }
  const b = def.map.bounds;
  if (b && lat !== null && long !== null && (lat < b.south || lat > b.north || long < b.west || long > b.east)) {
    issues.push({ path: ['lat'], code: 'out_of_bounds', message: `The location ${lat}, ${long} is outside the area of "${def.id}" (${b.south}..${b.north}, ${b.west}..${b.east})` });
  }
  if (p.subscribe && !p.email) issues.push({ path: ['email'], code: 'required', message: '"email" is required to receive updates ("subscribe": true)' });
  const maxPhotos = def.maxPhotos ?? DEFAULT_MAX_PHOTOS;
  if ((p.media?.length ?? 0) > maxPhotos) {
    issues.push({ path: ['media'], code: 'too_many', message: `"media" holds ${p.media!.length} photos; "${def.id}" accepts at most ${maxPhotos}` });
  }
  let attribute: Record<string, string | number | string[]> = {};
  if (service) {
    const a = attributeIssues(service, p.attribute as Record<string, unknown> | undefined);
    issues.push(...a.issues);
    attribute = a.values;
  }
  if (issues.length || !service) return { issues };
  return { issues, checked: { service, lat, long, address, attribute } };
}

/** Metres between two points (haversine on the mean Earth radius). */
export function distanceM(lat1: number, long1: number, lat2: number, long2: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(long2 - long1) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The same in SQL, from the report columns to ($lat, $long). */
const distanceSql = (latP: string, longP: string) =>
  `(2 * 6371008.8 * asin(least(1, sqrt(power(sin(radians(r.lat - ${latP}) / 2), 2) + cos(radians(${latP})) * cos(radians(r.lat)) * power(sin(radians(r.long - ${longP}) / 2), 2)))))`;

/* ------------------------------------------------------------------ texts of mails and pages */

const en = {
  confirmSubject: (n: string) => `Confirm updates on report #${n}`,
  confirmBody: (n: string, title: string, confirm: string) =>
    `Hello,\n\nYou asked to be told by e-mail how your report #${n} ("${title}") progresses. To confirm, open this link:\n${confirm}\n\nIf you did not ask for anything, ignore this message: without confirmation you will receive nothing.\n`,
  updateSubject: (n: string, status: string) => `Report #${n}: ${status}`,
  updateBody: (n: string, status: string, text: string, unsubscribe: string) =>
    `Hello,\n\nThere is news about your report #${n}.\n\nStatus: ${status}\n${text ? `\n${text}\n` : ''}\nTo stop receiving these messages:\n${unsubscribe}\n`,
  confirmed: 'Thank you, you will be told by e-mail how this report progresses.',
  invalid: 'This link is not valid (any more).',
  unsubscribeAsk: 'Stop receiving e-mails about this report?',
  unsubscribeButton: 'Unsubscribe',
  unsubscribed: 'Done: you will receive no more e-mails about this report.',
  report: (n: string) => `Report #${n}`,
  status: { open: 'new', acknowledged: 'acknowledged', in_progress: 'in progress', fixed: 'fixed', not_ours: 'not the town’s responsibility' },
};
export type ReportTexts = typeof en;

const fr: ReportTexts = {
  confirmSubject: (n) => `Confirmez le suivi du signalement n°\u00a0${n}`,
  confirmBody: (n, title, confirm) =>
    `Bonjour,\n\nVous avez demandé à être prévenu(e) par e-mail de l’avancement de votre signalement n°\u00a0${n} («\u00a0${title}\u00a0»). Pour confirmer, ouvrez ce lien\u00a0:\n${confirm}\n\nSi vous n’avez rien demandé, ignorez ce message\u00a0: sans confirmation, vous ne recevrez rien.\n`,
  updateSubject: (n, status) => `Signalement n°\u00a0${n}\u00a0: ${status}`,
  updateBody: (n, status, text, unsubscribe) =>
    `Bonjour,\n\nDu nouveau sur votre signalement n°\u00a0${n}.\n\nÉtat\u00a0: ${status}\n${text ? `\n${text}\n` : ''}\nPour ne plus recevoir ces messages\u00a0:\n${unsubscribe}\n`,
  confirmed: 'Merci, vous serez prévenu(e) par e-mail de l’avancement de ce signalement.',
  invalid: 'Ce lien n’est pas (ou plus) valable.',
  unsubscribeAsk: 'Ne plus recevoir d’e-mails sur ce signalement\u00a0?',
  unsubscribeButton: 'Me désabonner',
  unsubscribed: 'C’est fait\u00a0: vous ne recevrez plus d’e-mails sur ce signalement.',
  report: (n) => `Signalement n°\u00a0${n}`,
  status: { open: 'nouveau', acknowledged: 'pris en compte', in_progress: 'en cours', fixed: 'résolu', not_ours: 'hors compétence de la commune' },
};

const TEXTS = serverTexts('report', en, fr);

/* ------------------------------------------------------------------ rows */

interface ReportRow {
  submission_id: string;
  space_id: string;
  number: string;
  service_code: string;
  status: ReportStatus;
  lat: number | null;
  long: number | null;
  address_string: string | null;
  description: string;
  public_name: string | null;
  media_ids: string[];
  supports: number;
  requested_at: Date;
  updated_at: Date;
  distance?: number | null;
}

interface UpdateRow {
  report_id: string;
  status: ReportStatus | null;
  body: string | null;
  created_at: Date;
}

const REPORT_COLUMNS = `r.submission_id, r.space_id, r.number::text AS number, r.service_code, r.status, r.lat, r.long, r.address_string,
  r.description, r.public_name, r.media_ids, r.supports, r.requested_at, r.updated_at`;

export interface ListQuery {
  service_code?: string;
  status?: string;
  lat?: string;
  long?: string;
  radius?: string;
  bbox?: string;
  limit?: string;
  fields?: string;
}

/** What open311.ts and forward.ts use of this module. */
export interface MapReportService {
  /** The space Open311 serves: `CIVIC_OPEN311_SPACE`, else the first map-report space by id. */
  open311Space(): Promise<MapReportDef | undefined>;
  /** Stores a report (already parsed with `ReportSubmission`); answers the receipt and whether it is new. */
  createReport(input: CreateInput): Promise<{ receipt: ReportReceipt; created: boolean }>;
  /** Reports of a space with their latest update text, for Open311 `GET requests.json`. */
  open311Rows(spaceId: string, where: { ids?: string[]; codes?: string[]; statuses?: string[]; start?: string; end?: string; limit: number }): Promise<Array<ReportRow & { status_notes: string | null; payload: Record<string, unknown> }>>;
  mediaUrl(base: string, mediaId: string): string;
  base(request?: FastifyRequest): string;
}

interface CreateInput {
  def: MapReportDef;
  key: string;
  payload: ReportSubmission & { media_url?: string; address_id?: string };
  ip: string;
  request: FastifyRequest;
}

/* ------------------------------------------------------------------ the routes */


/**
 * Reads one `attribute[code]` (or `attribute[code][]`) form pair, as Open311 forms send a service
 * question's answer, into `attribute`; a repeated code becomes a list. False for any other key.
 */
export function addAttributePair(attribute: Record<string, string | string[]>, key: string, value: string): boolean {
  const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
  if (!m) return false;
  const prev = attribute[m[1]!];
  if (m[2] || prev !== undefined) attribute[m[1]!] = [...(prev === undefined ? [] : Array.isArray(prev) ? prev : [prev]), value];
  else attribute[m[1]!] = value;
  return true;
}

export async function registerMapReports(app: FastifyInstance, ctx: MapReportContext): Promise<MapReportService> {
  const { db, salt } = ctx;
  const mo = ctx.options.mapReports ?? {};
  const env = process.env;
  const now = mo.now ?? (() => new Date());
  const mailer = mo.mailer ?? ctx.options.petitions?.mailer ?? mailerFromEnv(db);
  const publicUrl = (mo.publicUrl ?? ctx.options.petitions?.publicUrl ?? env.CIVIC_PUBLIC_URL ?? '').replace(/\/+$/, '');
  const photoMaxBytes = mo.photoMaxBytes ?? (Number(env.CIVIC_PHOTO_MAX_BYTES) || DEFAULT_PHOTO_MAX_BYTES);
  const minFillMs = mo.minFillMs ?? 3000;
  const ipHourLimit = mo.ipHourLimit ?? (Number(env.CIVIC_REPORT_IP_LIMIT) || 30);

  const base = (request?: FastifyRequest) => publicUrl || (request ? `${request.protocol}://${request.host}` : '');
  const mediaUrl = (b: string, id: string) => `${b}/api/media/${id}`;
  const loadSpace = async (id: string) => (await ctx.loadDefinition('map-report', id)) as MapReportDef;

  const forwarder: Forwarder | undefined = mo.forward?.url ? createForwarder(db, mo.forward, { log: app.log, now, mediaUrl: (id) => (publicUrl ? mediaUrl(publicUrl, id) : undefined) }) : undefined;

  /* ---------------------------------------------------------- reading */

  async function updatesOf(ids: string[]): Promise<Map<string, ReportUpdate[]>> {
    const out = new Map<string, ReportUpdate[]>();
    if (!ids.length) return out;
    const { rows } = await db.query<UpdateRow>(
      'SELECT report_id, status, body, created_at FROM map_report_updates WHERE report_id = ANY($1::text[]) ORDER BY created_at, id',
      [ids],
    );
    for (const r of rows) {
      const u: ReportUpdate = { date: toIso(r.created_at) };
      if (r.status) u.status = r.status;
      if (r.body) u.text = r.body;
      const list = out.get(r.report_id) ?? [];
      list.push(u);
      out.set(r.report_id, list);
    }
    return out;
  }

  function toPublic(r: ReportRow, updates: ReportUpdate[], b: string): PublicReport {
    const urls = r.media_ids.map((id) => mediaUrl(b, id));
    const out: PublicReport = {
      service_request_id: r.number,
      service_code: r.service_code,
      status: r.status,
      description: r.description,
      lat: r.lat,
      long: r.long,
      requested_datetime: toIso(r.requested_at),
      updated_datetime: toIso(r.updated_at),
      media_urls: urls,
      supports: r.supports,
      updates,
    };
    if (r.address_string) out.address_string = r.address_string;
    if (urls[0]) out.media_url = urls[0];
    if (r.public_name) out.name = r.public_name;
    if (r.distance !== undefined && r.distance !== null) out.distance = Math.round(r.distance * 10) / 10;
    return out;
  }

  async function oneReport(spaceId: string, rid: string): Promise<ReportRow> {
    if (!/^\d{1,18}$/.test(rid)) throw new ApiError(404, 'not_found', `No report "${rid}" in "${spaceId}": report ids are numbers.`);
    const { rows } = await db.query<ReportRow>(
      `SELECT ${REPORT_COLUMNS} FROM map_reports r WHERE r.space_id = $1 AND r.number = $2::bigint AND r.listed`,
      [spaceId, rid],
    );
    if (!rows[0]) throw new ApiError(404, 'not_found', `No report "${rid}" in "${spaceId}".`);
    return rows[0];
  }

  /* ---------------------------------------------------------- storing */

  interface StoredPhoto {
    id: string;
    type: PhotoType;
    bytes: Buffer;
  }

  /** Decodes, checks and cleans every photo: 413 for one too big, 415 for one that is not an image. */
  function checkPhotos(media: string[]): StoredPhoto[] {
    const tooBig = media.findIndex((m) => dataUrlSize(m) > photoMaxBytes);
    if (tooBig >= 0) {
      throw new ApiError(413, 'payload_too_large', `Photo ${tooBig + 1} is larger than ${photoMaxBytes} bytes: resize it (the widget sends at most 1600 px).`, [
        { path: ['media', tooBig], code: 'too_big', message: `"media.${tooBig}" is larger than ${photoMaxBytes} bytes` },
      ]);
    }
    const out: StoredPhoto[] = [];
    const bad: FieldIssue[] = [];
    media.forEach((m, i) => {
      const bytes = decodeDataUrl(m);
      const clean = bytes && bytes.length <= photoMaxBytes ? cleanPhoto(bytes) : undefined;
      if (!clean) bad.push({ path: ['media', i], code: 'invalid_format', message: `"media.${i}" is not a base64 data: URL of a JPEG, PNG or WebP image` });
      else out.push({ id: randomBytes(16).toString('base64url'), type: clean.type, bytes: clean.bytes });
    });
    if (bad.length) {
      throw new ApiError(415, 'unsupported_media_type', `${bad[0]!.message} (the type is read from the bytes, not from the declared type).`, bad);
    }
    return out;
  }

  async function ipWindow(spaceId: string, ipHash: string, at: Date): Promise<{ n: number; oldest: Date | null }> {
    const { rows } = await db.query<{ n: number; oldest: Date | null }>(
      `SELECT count(*)::int AS n, min(created_at) AS oldest FROM (
         SELECT created_at FROM submissions
          WHERE kind = 'map-report' AND content_id = $1 AND ip_hash = $2 AND origin IN ${NETWORK_ORIGINS} AND created_at > $3::text::timestamptz
          ORDER BY created_at LIMIT $4::bigint) AS w`,
      [spaceId, ipHash, new Date(at.getTime() - 3600_000).toISOString(), ipHourLimit],
    );
    return rows[0]!;
  }

  interface PriorRow {
    id: string;
    payload_hash: string;
    status: string;
    created_at: Date;
    number: string;
  }
  async function prior(q: Db, spaceId: string, key: string): Promise<PriorRow | undefined> {
    const { rows } = await q.query<PriorRow>(
      `SELECT s.id, s.payload_hash, s.status, s.created_at, r.number::text AS number FROM submissions s
         JOIN map_reports r ON r.submission_id = s.id
        WHERE s.kind = 'map-report' AND s.content_id = $1 AND s.idempotency_key = $2`,
      [spaceId, key],
    );
    return rows[0];
  }

  const receiptOf = (row: PriorRow, duplicate: boolean, p: ReportSubmission): ReportReceipt => {
    const r: ReportReceipt = { id: row.id, receivedAt: toIso(row.created_at), duplicate, status: 'accepted', service_request_id: row.number };
    if (p.subscribe && p.email) r.subscription = 'pending';
    return r;
  };

  async function createReport({ def, key, payload, ip, request }: CreateInput): Promise<{ receipt: ReportReceipt; created: boolean }> {
    const payloadHash = hmac(salt, `payload:${canonicalJson(payload)}`);
    const conflict = () => new ApiError(409, 'conflict', 'This Idempotency-Key was already used for a different report: use a new key for new data.');
    const existing = await prior(db, def.id, key);
    if (existing) {
      if (existing.payload_hash !== payloadHash) throw conflict();
      return { receipt: receiptOf(existing, true, payload), created: false };
    }
    const at = now();
    const phase = phaseOf(def, at);
    if (phase === 'scheduled') throw new ApiError(409, 'not_open', `Reports on "${def.id}" open at ${def.opensAt}.`);
    if (phase === 'closed') throw new ApiError(409, 'closed', `Reports on "${def.id}" closed at ${def.closesAt}.`);

    const { issues, checked } = reportIssues(def, payload);
    if (issues.length || !checked) throw validationError(issues, 'The report');
    const honeypot = typeof payload.website === 'string' && payload.website.trim() !== '';
    const tooFast = typeof payload.fillMs === 'number' && payload.fillMs < minFillMs;
    const rejected = honeypot || tooFast;
    const photos = checkPhotos(payload.media ?? []);

    const ipHash = ctx.hashIp(ip);
    const w = await ipWindow(def.id, ipHash, at);
    if (w.n >= ipHourLimit) {
      const retryAfter = Math.max(1, Math.ceil(((w.oldest ? new Date(w.oldest).getTime() : at.getTime()) + 3600_000 - at.getTime()) / 1000));
      throw new ApiError(429, 'rate_limited', `Too many reports from this network on "${def.id}": retry in ${retryAfter} s.`, undefined, retryAfter);
    }

    const publicName = def.publicNames
      ? publicNameOf({ publicName: payload.publicName, firstName: payload.first_name, lastName: payload.last_name }) || null
      : null;
    const stored: Record<string, unknown> = { ...payload, attribute: checked.attribute, media: rejected ? [] : photos.map((p) => p.id) };
    if (checked.lat !== null) {
      stored.lat = checked.lat;
      stored.long = checked.long;
    }
    if (checked.address) stored.address_string = checked.address;
    delete stored.website;
    const channel = takeChannel(payload, stored, 'The report');

    const id = randomUUID();
    const subToken = payload.subscribe && payload.email && !rejected ? randomBytes(24).toString('base64url') : undefined;
    const lang = pickLang(payload.lang, request.headers['accept-language']);
    const outcome = await db.transaction(async (tx) => {
      const { rows } = await tx.query(INSERT_SUBMISSION, [
        id, 'map-report', def.id, key, payloadHash, JSON.stringify(stored), channel.origin, rejected ? 'rejected' : 'accepted', ipHash, null, at.toISOString(), channel.mediator,
      ]);
      if (!rows[0]) return { row: await prior(tx, def.id, key), created: false };
      const { rows: rep } = await tx.query<{ number: string }>(
        `INSERT INTO map_reports (submission_id, space_id, service_code, lat, long, address_string, description, public_name, media_ids, listed, requested_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10, $11::text::timestamptz, $11::text::timestamptz) RETURNING number::text AS number`,
        [id, def.id, checked.service.service_code, checked.lat, checked.long, checked.address, payload.description, publicName,
          rejected ? [] : photos.map((p) => p.id), !rejected, at.toISOString()],
      );
      if (!rejected) {
        for (const p of photos) {
          await tx.query('INSERT INTO media (id, report_id, content_type, size, bytes) VALUES ($1, $2, $3, $4, $5)', [p.id, id, p.type, p.bytes.length, p.bytes]);
        }
        if (subToken) {
          await tx.query(
            'INSERT INTO map_report_subscriptions (id, report_id, email, lang, token_hash) VALUES ($1, $2, $3, $4, $5)',
            [randomUUID(), id, payload.email!.trim().toLowerCase(), lang, sha256(subToken)],
          );
        }
        if (forwarder) await tx.query('INSERT INTO open311_forward (report_id, next_attempt_at) VALUES ($1, $2::text::timestamptz)', [id, at.toISOString()]);
      }
      return { row: { id, payload_hash: payloadHash, status: rejected ? 'rejected' : 'accepted', created_at: at, number: rep[0]!.number } as PriorRow, created: true };
    });
    if (!outcome.row) throw new ApiError(409, 'conflict', 'The report was stored concurrently: retry with the same Idempotency-Key.');
    if (!outcome.created) {
      if (outcome.row.payload_hash !== payloadHash) throw conflict();
      return { receipt: receiptOf(outcome.row, true, payload), created: false };
    }
    if (subToken) {
      const t = TEXTS[lang];
      const confirm = `${base(request)}/api/map-reports/${encodeURIComponent(def.id)}/subscription/confirm?token=${subToken}&lang=${lang}`;
      try {
        await mailer.send({ to: payload.email!, lang, subject: t.confirmSubject(outcome.row.number), text: t.confirmBody(outcome.row.number, localText(def.title, lang), confirm) });
      } catch (err) {
        request.log.error({ err: (err as Error).message }, 'map-report subscription mail not sent');
      }
    }
    if (forwarder && !rejected) forwarder.kick();
    return { receipt: receiptOf(outcome.row, false, payload), created: true };
  }

  /* ---------------------------------------------------------- the form bodies: JSON, multipart */

  /** A form (multipart, Open311 form-encoded) as a `ReportSubmission`-shaped object: numbers parsed, `attribute[code]` gathered. */
  function formToReport(pairs: Array<[string, string]>, files: string[] = []): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const attribute: Record<string, string | string[]> = {};
    for (const [k, v] of pairs) {
      if (addAttributePair(attribute, k, v)) continue;
      if (v === '') continue;
      if (k === 'lat' || k === 'long' || k === 'fillMs') {
        const n = Number(v);
        out[k] = /^\s*-?\d+(\.\d+)?\s*$/.test(v) && Number.isFinite(n) ? n : v;
      } else if (k === 'subscribe') out[k] = v === 'true' || v === 'on' || v === '1';
      else out[k] = v;
    }
    if (Object.keys(attribute).length) out.attribute = attribute;
    if (files.length) out.media = files;
    return out;
  }

  async function readMultipart(request: FastifyRequest): Promise<{ body: Record<string, unknown>; key?: string }> {
    const pairs: Array<[string, string]> = [];
    const files: string[] = [];
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer();
          if (part.fieldname === 'media' && bytes.length) files.push(`data:application/octet-stream;base64,${bytes.toString('base64')}`);
        } else pairs.push([part.fieldname, String(part.value)]);
      }
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new ApiError(413, 'payload_too_large', `A photo is larger than ${photoMaxBytes} bytes: resize it.`);
      }
      throw err;
    }
    const key = pairs.find(([k]) => k === 'idempotency_key')?.[1];
    return { body: formToReport(pairs.filter(([k]) => k !== 'idempotency_key'), files), ...(key ? { key } : {}) };
  }

  /* ---------------------------------------------------------- public routes */

  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: photoMaxBytes, files: 10, fields: 200, fieldSize: 100_000 } });

    scope.post<{ Params: { id: string } }>('/api/map-reports/:id/requests', { bodyLimit: MAP_REPORT_BODY_LIMIT }, async (request, reply) => {
      let body: unknown = request.body;
      let formKey: string | undefined;
      if (request.isMultipart()) {
        const form = await readMultipart(request);
        body = form.body;
        formKey = form.key;
        if (formKey && !request.headers['idempotency-key']) request.headers['idempotency-key'] = formKey;
      }
      const key = ctx.idempotencyKey(request);
      const def = await loadSpace(request.params.id);
      if (!request.isMultipart()) ctx.requireJson(request);
      const payload = ctx.parseBody('map-report', ReportSubmission, body, 'The report') as ReportSubmission;
      const { receipt, created } = await createReport({ def, key, payload, ip: request.ip, request });
      return reply.status(created ? 201 : 200).send(receipt);
    });
  });

  app.get<{ Params: { id: string }; Querystring: ListQuery }>('/api/map-reports/:id/requests', async (request, reply) => {
    const def = await loadSpace(request.params.id);
    const q = request.query;
    const params: unknown[] = [def.id];
    const where = ['r.space_id = $1', 'r.listed'];
    const bad = (field: string, message: string) => validationError([{ path: [field], code: 'invalid_value', message }], 'The query');
    const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

    const codes = list(q.service_code);
    if (codes.length) {
      params.push(codes);
      where.push(`r.service_code = ANY($${params.length}::text[])`);
    }
    const statuses = list(q.status).flatMap((s) => (s === 'open' ? ['open', 'acknowledged', 'in_progress'] : s === 'closed' ? ['fixed', 'not_ours'] : [s]));
    if (statuses.length) {
      const wrong = statuses.find((s) => !ReportStatus.safeParse(s).success);
      if (wrong) throw bad('status', `"status" "${wrong}" is not one of open, closed, ${ReportStatus.options.join(', ')}`);
      params.push([...new Set(statuses)]);
      where.push(`r.status = ANY($${params.length}::text[])`);
    }
    if (q.bbox !== undefined) {
      const b = q.bbox.split(',').map(Number);
      if (b.length !== 4 || b.some((n) => !Number.isFinite(n))) throw bad('bbox', '"bbox" must be west,south,east,north in degrees');
      params.push(b[0], b[1], b[2], b[3]);
      const n = params.length;
      where.push(`r.long >= $${n - 3}::float8 AND r.lat >= $${n - 2}::float8 AND r.long <= $${n - 1}::float8 AND r.lat <= $${n}::float8`);
    }
    let distance = 'NULL::float8';
    let order = 'r.requested_at DESC, r.number DESC';
    if (q.lat !== undefined || q.long !== undefined) {
      const lat = Number(q.lat);
      const long = Number(q.long);
      if (!Number.isFinite(lat) || !Number.isFinite(long) || Math.abs(lat) > 90 || Math.abs(long) > 180) throw bad('lat', '"lat" and "long" must be given together, in degrees');
      const radius = q.radius === undefined ? (def.nearbyRadius ?? DEFAULT_NEARBY_RADIUS) : Number(q.radius);
      if (!Number.isFinite(radius) || radius <= 0 || radius > 50_000) throw bad('radius', '"radius" must be a number of metres between 1 and 50000');
      params.push(lat, long);
      const latP = `$${params.length - 1}::float8`;
      const longP = `$${params.length}::float8`;
      // A box first (uses the position index), then the exact distance.
      const dLat = radius / 111_000;
      const dLong = radius / (111_000 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
      params.push(lat - dLat, lat + dLat, long - dLong, long + dLong, radius);
      const n = params.length;
      where.push(`r.lat BETWEEN $${n - 4}::float8 AND $${n - 3}::float8 AND r.long BETWEEN $${n - 2}::float8 AND $${n - 1}::float8`);
      distance = distanceSql(latP, longP);
      where.push(`${distance} <= $${n}::float8`);
      order = 'distance, r.number DESC';
    }
    const min = q.fields === 'min';
    if (q.fields !== undefined && !min) throw bad('fields', '"fields" may only be "min"');
    if (min) where.push('r.lat IS NOT NULL');
    const limit = q.limit === undefined ? (min ? 5000 : 100) : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 5000) throw bad('limit', '"limit" must be an integer from 1 to 5000');
    params.push(limit);
    const columns = min ? 'r.number::text AS number, r.service_code, r.status, r.lat, r.long' : REPORT_COLUMNS;
    const { rows } = await db.query<ReportRow & { total: number }>(
      `SELECT ${columns}, ${distance} AS distance, count(*) OVER ()::int AS total
         FROM map_reports r WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}::int`,
      params,
    );
    const total = rows[0]?.total ?? 0;
    reply.header('Cache-Control', 'no-store');
    if (min) {
      return { requests: rows.map((r) => ({ service_request_id: r.number, service_code: r.service_code, status: r.status, lat: r.lat, long: r.long })), total };
    }
    const updates = await updatesOf(rows.map((r) => r.submission_id));
    const b = base(request);
    return { requests: rows.map((r) => toPublic(r, updates.get(r.submission_id) ?? [], b)), total };
  });

  app.get<{ Params: { id: string; rid: string } }>('/api/map-reports/:id/requests/:rid', async (request, reply) => {
    const def = await loadSpace(request.params.id);
    const row = await oneReport(def.id, request.params.rid);
    const updates = await updatesOf([row.submission_id]);
    reply.header('Cache-Control', 'no-store');
    return toPublic(row, updates.get(row.submission_id) ?? [], base(request));
  });

  app.post<{ Params: { id: string; rid: string } }>('/api/map-reports/:id/requests/:rid/support', async (request, reply) => {
    const def = await loadSpace(request.params.id);
    ctx.requireJson(request);
    const body = ctx.parseBody(null, SupportSubmission, request.body, 'The support') as SupportSubmission;
    const row = await oneReport(def.id, request.params.rid);
    const deviceHash = ctx.hashDevice(body.deviceToken);
    const result = await db.transaction(async (tx) => {
      const { rows: added } = await tx.query(
        `INSERT INTO map_report_supports (report_id, device_hash, created_at) VALUES ($1, $2, $3::text::timestamptz) ON CONFLICT DO NOTHING RETURNING report_id`,
        [row.submission_id, deviceHash, now().toISOString()],
      );
      const { rows } = await tx.query<{ supports: number }>(
        added.length
          ? 'UPDATE map_reports SET supports = supports + 1 WHERE submission_id = $1 RETURNING supports'
          : 'SELECT supports FROM map_reports WHERE submission_id = $1',
        [row.submission_id],
      );
      return { supports: rows[0]!.supports, duplicate: added.length === 0 };
    });
    return reply.status(result.duplicate ? 200 : 201).send(result);
  });

  app.get<{ Params: { mediaId: string } }>('/api/media/:mediaId', async (request, reply) => {
    const mid = request.params.mediaId;
    const { rows } = /^[A-Za-z0-9_-]{10,64}$/.test(mid)
      ? await db.query<{ content_type: string; bytes: Uint8Array }>(
          `SELECT m.content_type, m.bytes FROM media m JOIN map_reports r ON r.submission_id = m.report_id WHERE m.id = $1 AND r.listed`,
          [mid],
        )
      : { rows: [] };
    if (!rows[0]) throw new ApiError(404, 'not_found', `No photo "${mid}" on this server.`);
    const bytes = Buffer.from(rows[0].bytes);
    return reply
      .header('Cache-Control', 'public, max-age=31536000, immutable')
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .type(rows[0].content_type)
      .send(bytes);
  });

  /* ---------------------------------------------------------- e-mail updates: confirm, unsubscribe */

  interface SubRow {
    id: string;
    report_id: string;
    lang: string;
    confirmed_at: Date | null;
    unsubscribed_at: Date | null;
    number: string;
  }
  async function subByToken(spaceId: string, token: unknown): Promise<SubRow | undefined> {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{16,128}$/.test(token)) return undefined;
    const { rows } = await db.query<SubRow>(
      `SELECT s.id, s.report_id, s.lang, s.confirmed_at, s.unsubscribed_at, r.number::text AS number
         FROM map_report_subscriptions s JOIN map_reports r ON r.submission_id = s.report_id
        WHERE s.token_hash = $1 AND r.space_id = $2`,
      [sha256(token), spaceId],
    );
    return rows[0];
  }
  const sendPage = (reply: FastifyReply, status: number, html: string) =>
    reply.status(status).header('Cache-Control', 'no-store').header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'").type('text/html; charset=utf-8').send(html);

  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    type Req = { Params: { id: string }; Querystring: { token?: string; lang?: string } };

    scope.get<Req>('/api/map-reports/:id/subscription/confirm', async (request, reply) => {
      const def = await loadSpace(request.params.id);
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const t = TEXTS[lang];
      const sub = await subByToken(def.id, request.query.token);
      if (!sub || sub.unsubscribed_at) return sendPage(reply, 404, page(lang, localText(def.title, lang), t.invalid));
      if (!sub.confirmed_at) await db.query('UPDATE map_report_subscriptions SET confirmed_at = $2::text::timestamptz WHERE id = $1', [sub.id, now().toISOString()]);
      return sendPage(reply, 200, page(lang, t.report(sub.number), t.confirmed));
    });

    // GET only asks (mail scanners follow links); the form POSTs.
    scope.get<Req>('/api/map-reports/:id/subscription/unsubscribe', async (request, reply) => {
      const def = await loadSpace(request.params.id);
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const t = TEXTS[lang];
      const sub = await subByToken(def.id, request.query.token);
      if (!sub) return sendPage(reply, 404, page(lang, localText(def.title, lang), t.invalid));
      if (sub.unsubscribed_at) return sendPage(reply, 200, page(lang, t.report(sub.number), t.unsubscribed));
      const form = `<form method="post" action="unsubscribe?lang=${lang}"><input type="hidden" name="token" value="${escapeHtml(String(request.query.token))}"><button type="submit">${escapeHtml(t.unsubscribeButton)}</button></form>`;
      return sendPage(reply, 200, page(lang, t.report(sub.number), t.unsubscribeAsk, form));
    });

    scope.post<Req & { Body: { token?: string } }>('/api/map-reports/:id/subscription/unsubscribe', async (request, reply) => {
      const def = await loadSpace(request.params.id);
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const t = TEXTS[lang];
      const sub = await subByToken(def.id, (request.body as { token?: unknown } | undefined)?.token);
      if (!sub) return sendPage(reply, 404, page(lang, localText(def.title, lang), t.invalid));
      if (!sub.unsubscribed_at) await db.query('UPDATE map_report_subscriptions SET unsubscribed_at = $2::text::timestamptz WHERE id = $1', [sub.id, now().toISOString()]);
      return sendPage(reply, 200, page(lang, t.report(sub.number), t.unsubscribed));
    });
  });

  /* ---------------------------------------------------------- admin */

  async function mailSubscribers(request: FastifyRequest, def: MapReportDef, row: ReportRow, status: ReportStatus, text: string | undefined): Promise<number> {
    const { rows } = await db.query<{ id: string; email: string; lang: string }>(
      'SELECT id, email, lang FROM map_report_subscriptions WHERE report_id = $1 AND confirmed_at IS NOT NULL AND unsubscribed_at IS NULL ORDER BY created_at',
      [row.submission_id],
    );
    let sent = 0;
    for (const s of rows) {
      const lang = pickLang(s.lang);
      const t = TEXTS[lang];
      // A fresh unsubscribe secret per mail; only its hash is kept (the confirmation link dies with it).
      const token = randomBytes(24).toString('base64url');
      await db.query('UPDATE map_report_subscriptions SET token_hash = $2 WHERE id = $1', [s.id, sha256(token)]);
      const unsubscribe = `${base(request)}/api/map-reports/${encodeURIComponent(def.id)}/subscription/unsubscribe?token=${token}&lang=${lang}`;
      try {
        await mailer.send({ to: s.email, lang, subject: t.updateSubject(row.number, t.status[status]), text: t.updateBody(row.number, t.status[status], text ?? '', unsubscribe) });
        sent++;
      } catch (err) {
        request.log.error({ err: (err as Error).message }, 'map-report update mail not sent');
      }
    }
    return sent;
  }

  await app.register(async (admin) => {
    admin.addHook('onRequest', async (request) => ctx.requireAdmin(request));

    admin.post<{ Params: { id: string; rid: string } }>('/api/admin/map-reports/:id/requests/:rid/updates', async (request, reply) => {
      const def = await loadSpace(request.params.id);
      ctx.requireJson(request);
      const body = ctx.parseBody(null, ReportUpdateInput, request.body, 'The update') as ReportUpdateInput;
      if (!body.status && !body.text) throw validationError([{ path: ['text'], code: 'required', message: 'send "status", "text" or both' }], 'The update');
      const row = await oneReport(def.id, request.params.rid);
      const at = now().toISOString();
      const { rows } = await db.transaction(async (tx) => {
        await tx.query('INSERT INTO map_report_updates (id, report_id, status, body, created_at) VALUES ($1, $2, $3, $4, $5::text::timestamptz)', [
          randomUUID(), row.submission_id, body.status ?? null, body.text ?? null, at,
        ]);
        return tx.query<ReportRow>(
          `UPDATE map_reports r SET status = coalesce($2, r.status), updated_at = $3::text::timestamptz WHERE r.submission_id = $1 RETURNING ${REPORT_COLUMNS}`,
          [row.submission_id, body.status ?? null, at],
        );
      });
      const updated = rows[0]!;
      const mailed = await mailSubscribers(request, def, updated, updated.status, body.text);
      const updates = await updatesOf([updated.submission_id]);
      return reply.status(201).header('X-Mails-Sent', String(mailed)).send(toPublic(updated, updates.get(updated.submission_id) ?? [], base(request)));
    });

    admin.get<{ Params: { id: string } }>('/api/admin/map-reports/:id/requests', async (request) => {
      const def = await loadSpace(request.params.id);
      const { rows } = await db.query<ReportRow & { payload: Record<string, unknown>; sub_status: string; listed: boolean; f_state: string | null; f_attempts: number | null; f_remote_id: string | null; f_remote_token: string | null; f_error: string | null; f_next: Date | null; f_sent: Date | null; subscribers: number }>(
        `SELECT ${REPORT_COLUMNS}, r.listed, s.payload, s.status AS sub_status,
                f.state AS f_state, f.attempts AS f_attempts, f.remote_id AS f_remote_id, f.remote_token AS f_remote_token,
                f.last_error AS f_error, f.next_attempt_at AS f_next, f.sent_at AS f_sent,
                (SELECT count(*)::int FROM map_report_subscriptions m WHERE m.report_id = r.submission_id AND m.confirmed_at IS NOT NULL AND m.unsubscribed_at IS NULL) AS subscribers
           FROM map_reports r JOIN submissions s ON s.id = r.submission_id LEFT JOIN open311_forward f ON f.report_id = r.submission_id
          WHERE r.space_id = $1 ORDER BY r.number DESC`,
        [def.id],
      );
      const updates = await updatesOf(rows.map((r) => r.submission_id));
      const b = base(request);
      return {
        items: rows.map((r) => {
          const { media: _m, ...contact } = r.payload;
          const item: Record<string, unknown> = {
            ...toPublic(r, updates.get(r.submission_id) ?? [], b),
            id: r.submission_id, listed: r.listed, submissionStatus: r.sub_status, payload: contact, subscribers: r.subscribers,
          };
          if (r.f_state) {
            item.forward = {
              state: r.f_state, attempts: r.f_attempts,
              ...(r.f_remote_id ? { remoteId: r.f_remote_id } : {}), ...(r.f_remote_token ? { remoteToken: r.f_remote_token } : {}),
              ...(r.f_error ? { lastError: r.f_error } : {}),
              ...(r.f_state === 'pending' && r.f_next ? { nextAttemptAt: toIso(r.f_next) } : {}),
              ...(r.f_sent ? { sentAt: toIso(r.f_sent) } : {}),
            };
          }
          return item;
        }),
      };
    });
  });

  /* ---------------------------------------------------------- Open311, forwarding */

  async function open311Space(): Promise<MapReportDef | undefined> {
    const wanted = mo.open311?.space ?? env.CIVIC_OPEN311_SPACE;
    if (wanted) return loadSpace(wanted);
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM content WHERE kind = 'map-report' ORDER BY id LIMIT 1`);
    return rows[0] ? loadSpace(rows[0].id) : undefined;
  }

  const service: MapReportService = {
    open311Space,
    createReport,
    mediaUrl,
    base,
    async open311Rows(spaceId, w) {
      const params: unknown[] = [spaceId];
      const where = ['r.space_id = $1', 'r.listed'];
      if (w.ids) {
        params.push(w.ids.filter((x) => /^\d{1,18}$/.test(x)));
        where.push(`r.number = ANY($${params.length}::bigint[])`);
      } else {
        if (w.codes?.length) {
          params.push(w.codes);
          where.push(`r.service_code = ANY($${params.length}::text[])`);
        }
        if (w.statuses?.length) {
          params.push(w.statuses);
          where.push(`r.status = ANY($${params.length}::text[])`);
        }
        if (w.start) {
          params.push(w.start);
          where.push(`r.requested_at >= $${params.length}::text::timestamptz`);
        }
        if (w.end) {
          params.push(w.end);
          where.push(`r.requested_at <= $${params.length}::text::timestamptz`);
        }
      }
      params.push(w.limit);
      const { rows } = await db.query<ReportRow & { status_notes: string | null; payload: Record<string, unknown> }>(
        `SELECT ${REPORT_COLUMNS}, s.payload,
                (SELECT u.body FROM map_report_updates u WHERE u.report_id = r.submission_id AND u.body IS NOT NULL ORDER BY u.created_at DESC, u.id DESC LIMIT 1) AS status_notes
           FROM map_reports r JOIN submissions s ON s.id = r.submission_id
          WHERE ${where.join(' AND ')} ORDER BY r.requested_at DESC, r.number DESC LIMIT $${params.length}::int`,
        params,
      );
      return rows;
    },
  };

  await registerOpen311(app, ctx, service, mo.open311 ?? {});
  if (forwarder) {
    app.addHook('onReady', async () => forwarder.start());
    app.addHook('onClose', async () => forwarder.stop());
  }
  return service;
}

export { CLOSED as CLOSED_STATUSES };
export type { ReportRow };
/** A localized text in the space's language, for Open311 answers. */
export const textIn = (v: LocalizedText | undefined, lang: string): string | null => (v === undefined ? null : localText(v, lang) || null);
