/** Part of the protocol: see src/api/schemas.ts. */
import { z } from 'zod/mini';
import { Channel, DateTime, Id, LocalizedText, PaperInfo, Receipt, Served, Timing, Token } from './common.js';

/* ------------------------------------------------------------------ map report (Open311 GeoReport v2 names) */

/**
 * Open311 datatypes of a service attribute (an extra question a category asks):
 * `string` (one line), `text` (several lines), `number`, `datetime` (ISO 8601; a date alone is
 * fine), `singlevaluelist` (one of `values`), `multivaluelist` (some of `values`).
 */
export const AttributeDatatype = z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']);
export type AttributeDatatype = z.infer<typeof AttributeDatatype>;

/** An Open311 service definition attribute (`GET services/{code}.json` lists them). */
export const ServiceAttribute = z.object({
  /** `false`: an information text shown to the resident, nothing to answer. Default `true`. */
  variable: z.optional(z.boolean()),
  code: Id,
  datatype: AttributeDatatype,
  required: z.boolean(),
  /** The question, shown as the field's label. */
  description: LocalizedText,
  /** A hint shown under the field ("in metres", "as written on the lamp post"). */
  datatype_description: z.optional(LocalizedText),
  /** Display order (ascending); the array order when absent. */
  order: z.optional(z.int()),
  /** For the list datatypes: the choices (`key` is what is sent). */
  values: z.optional(z.array(z.object({ key: z.string().check(z.minLength(1), z.maxLength(100)), name: LocalizedText }))),
});
export type ServiceAttribute = z.infer<typeof ServiceAttribute>;

/** A category residents report in: an Open311 service. */
export const ReportService = z.object({
  service_code: Id,
  service_name: LocalizedText,
  description: z.optional(LocalizedText),
  /** The heading categories are grouped under ("Voirie", "Éclairage public"). */
  group: z.optional(LocalizedText),
  /** Open311: whether the service has attributes. Default: `attributes` is non-empty. */
  metadata: z.optional(z.boolean()),
  /** Open311: `realtime` (default), `batch` or `blackbox`. */
  type: z.optional(z.enum(['realtime', 'batch', 'blackbox'])),
  keywords: z.optional(z.string()),
  attributes: z.optional(z.array(ServiceAttribute)),
  /** Extension: who handles these reports (Open311 `agency_responsible` of each request). */
  agency_responsible: z.optional(z.string().check(z.maxLength(200))),
  /** Extension: a notice shown with the category and given as Open311 `service_notice`. */
  service_notice: z.optional(LocalizedText),
});
export type ReportService = z.infer<typeof ReportService>;

/** A place residents can pick instead of a point on the map ("Mairie", "École Jules-Ferry"). */
export const Landmark = z.object({
  id: Id,
  name: LocalizedText,
  lat: z.number().check(z.gte(-90), z.lte(90)),
  long: z.number().check(z.gte(-180), z.lte(180)),
  /** A postal address, copied to the report's `address_string`. */
  address: z.optional(z.string().check(z.maxLength(500))),
});
export type Landmark = z.infer<typeof Landmark>;

export const LatLong = z.object({ lat: z.number().check(z.gte(-90), z.lte(90)), long: z.number().check(z.gte(-180), z.lte(180)) });
export type LatLong = z.infer<typeof LatLong>;

/**
 * Where the map opens. Tiles, attribution and the geocoder are widget attributes, not server data.
 * `bounds` (optional) keeps the map and pins inside the town; reports outside are refused
 * (`out_of_bounds` at `["lat"]`).
 */
export const MapView = z.object({
  center: LatLong,
  zoom: z.int().check(z.minimum(1), z.maximum(20)),
  bounds: z.optional(z.object({ south: z.number(), west: z.number(), north: z.number(), east: z.number() })),
});
export type MapView = z.infer<typeof MapView>;

/** What the organiser writes: a reporting space with its categories. */
export const MapReportDefinitionInput = z.object({
  id: Id,
  title: LocalizedText,
  /** An introduction shown above the form. */
  description: z.optional(LocalizedText),
  services: z.array(ReportService).check(z.minLength(1)),
  landmarks: z.optional(z.array(Landmark)),
  /** Photos per report (default 3, 0: no photos). Each at most `CIVIC_PHOTO_MAX_BYTES` (3 MiB). */
  maxPhotos: z.optional(z.int().check(z.minimum(0), z.maximum(10))),
  map: MapView,
  /** Metres around a new report within which open reports of the same category are shown as possible duplicates (default 150). */
  nearbyRadius: z.optional(z.int().check(z.minimum(10), z.maximum(5000))),
  /** Whether reporters may show their name on the public list (`publicName`). Default `false`. */
  publicNames: z.optional(z.boolean()),
  /** The language Open311 answers and e-mails use for `LocalizedText` when the request names none (default `fr`). */
  lang: z.optional(z.string().check(z.maxLength(35))),
  /** The report form on paper (`<civic-map-report print>`): where it goes back, who organises, the personal-data notice. */
  paper: z.optional(PaperInfo),
  ...Timing,
});
export type MapReportDefinitionInput = z.input<typeof MapReportDefinitionInput>;
/** What `GET /map-reports/{id}` answers. */
export const MapReportDefinition = z.object({ ...MapReportDefinitionInput.shape, ...Served });
export type MapReportDefinition = z.infer<typeof MapReportDefinition>;

/**
 * `POST /map-reports/{id}/requests`. A location is required: `lat` + `long`, or `landmark`, or
 * `address_string` (any one is enough; a landmark fills the other two).
 */
export const ReportSubmission = z.object({
  service_code: Id,
  lat: z.optional(z.number().check(z.gte(-90), z.lte(90))),
  long: z.optional(z.number().check(z.gte(-180), z.lte(180))),
  address_string: z.optional(z.string().check(z.maxLength(500))),
  /** Extension: the id of one of the definition's landmarks. */
  landmark: z.optional(Id),
  description: z.string().check(z.trim(), z.minLength(1), z.maxLength(4000)),
  email: z.optional(z.email()),
  first_name: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  last_name: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  phone: z.optional(z.string().check(z.maxLength(40))),
  /** Answers to the service's attributes, by attribute code (a list for `multivaluelist`). */
  attribute: z.optional(z.record(z.string(), z.union([z.string().check(z.maxLength(4000)), z.number(), z.array(z.string().check(z.maxLength(100)))]))),
  /**
   * Photos as `data:` URLs (JPEG, PNG or WebP), already resized and stripped of metadata by the
   * widget; the server checks the bytes, strips metadata again and serves them at `media_url`.
   */
  media: z.optional(z.array(z.string()).check(z.maxLength(10))),
  /** Extension: how the name appears on the public list, when the definition allows `publicNames`. Default `none`. */
  publicName: z.optional(z.enum(['none', 'initial', 'full'])),
  /** Extension: mail me when the status changes (needs `email`; double opt-in). */
  subscribe: z.optional(z.boolean()),
  /** The widget's language (BCP 47): mails are written in it where possible. */
  lang: z.optional(z.string().check(z.maxLength(35))),
  /** The page the report was made on: the subscription confirmation page links back to it. */
  returnUrl: z.optional(z.string().check(z.maxLength(2000), z.regex(/^https?:\/\//))),
  /** Honeypot: a field humans never see. Must stay empty. */
  website: z.optional(z.string()),
  /** Milliseconds between the form being shown and sent. */
  fillMs: z.optional(z.int()),
  ...Channel,
});
export type ReportSubmission = z.infer<typeof ReportSubmission>;

/** What `POST /map-reports/{id}/requests` answers (201, or 200 with `duplicate: true` on a replay). */
export const ReportReceipt = z.object({
  ...Receipt.shape,
  /** The report's public number, as in Open311 (`"1042"`). */
  service_request_id: z.string(),
  /** Open311: given instead of an id when the id is not known yet (never by the reference backend). */
  token: z.optional(z.string()),
  /** `pending` when `subscribe` was asked: a confirmation e-mail is on its way. */
  subscription: z.optional(z.enum(['pending'])),
});
export type ReportReceipt = z.infer<typeof ReportReceipt>;

/**
 * The lifecycle of a report. Open311 `status` is `open` for the first three and `closed` for
 * `fixed` and `not_ours` (not the town's responsibility: passed on to the right body).
 */
export const ReportStatus = z.enum(['open', 'acknowledged', 'in_progress', 'fixed', 'not_ours']);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** A public update posted by the town: a text, a status change, or both. */
export const ReportUpdate = z.object({
  date: DateTime,
  status: z.optional(ReportStatus),
  text: z.optional(z.string()),
});
export type ReportUpdate = z.infer<typeof ReportUpdate>;

/** `POST /admin/map-reports/{id}/requests/{rid}/updates`: at least one of `status` and `text`. */
export const ReportUpdateInput = z.object({
  status: z.optional(ReportStatus),
  text: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(4000))),
});
export type ReportUpdateInput = z.infer<typeof ReportUpdateInput>;

/**
 * One report as the public sees it: never an e-mail, a phone number or a device; `name` only when
 * the reporter chose `publicName` (and the definition allows it).
 */
export const PublicReport = z.object({
  service_request_id: z.string(),
  service_code: z.string(),
  status: ReportStatus,
  description: z.string(),
  /** `null` for a report made with an address only (Open311 allows it); such reports are not on the map. */
  lat: z.nullable(z.number()),
  long: z.nullable(z.number()),
  address_string: z.optional(z.string()),
  requested_datetime: DateTime,
  updated_datetime: DateTime,
  /** The first photo (Open311), then every photo. Absolute URLs under `/media/{id}`. */
  media_url: z.optional(z.string()),
  media_urls: z.array(z.string()),
  /** Residents who said "me too" (`POST .../support`). */
  supports: z.int(),
  name: z.optional(z.string()),
  updates: z.array(ReportUpdate),
  /** Metres from the `lat`/`long` of the query, when one was given. */
  distance: z.optional(z.number()),
});
export type PublicReport = z.infer<typeof PublicReport>;

/** A map marker: what `GET .../requests?fields=min` lists (for 1,000+ markers; reports without coordinates are left out). */
export const ReportMarker = z.object({
  service_request_id: z.string(),
  service_code: z.string(),
  status: ReportStatus,
  lat: z.number(),
  long: z.number(),
});
export type ReportMarker = z.infer<typeof ReportMarker>;

/** `GET /map-reports/{id}/requests`: newest first, or nearest first when `lat`/`long` are given. */
export const ReportList = z.object({ requests: z.array(PublicReport), total: z.int() });
export type ReportList = z.infer<typeof ReportList>;
export const ReportMarkerList = z.object({ requests: z.array(ReportMarker), total: z.int() });
export type ReportMarkerList = z.infer<typeof ReportMarkerList>;

/** `POST /map-reports/{id}/requests/{rid}/support`: one support per device and report. */
export const SupportSubmission = z.object({ deviceToken: Token });
export type SupportSubmission = z.infer<typeof SupportSubmission>;
export const SupportReceipt = z.object({ supports: z.int(), duplicate: z.boolean() });
export type SupportReceipt = z.infer<typeof SupportReceipt>;
