/** Part of the protocol: see src/api/schemas.ts. */
import { z } from 'zod/mini';
import { Id, LocalizedText, Served, Timing } from './common.js';

/* ------------------------------------------------------------------ map report (Open311 GeoReport v2 names) */

export const ReportService = z.object({
  service_code: Id,
  service_name: LocalizedText,
  description: z.optional(LocalizedText),
  group: z.optional(LocalizedText),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.optional(z.string()),
  attributes: z.optional(
    z.array(
      z.object({
        code: Id,
        datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
        required: z.boolean(),
        description: LocalizedText,
        values: z.optional(z.array(z.object({ key: z.string(), name: LocalizedText }))),
      }),
    ),
  ),
});
export type ReportService = z.infer<typeof ReportService>;

/** What `GET /map-reports/{id}` answers: a reporting space with its categories. */
export const MapReportDefinitionInput = z.object({
  id: Id,
  title: LocalizedText,
  services: z.array(ReportService).check(z.minLength(1)),
  landmarks: z.optional(z.array(z.object({ id: Id, name: LocalizedText, lat: z.number(), long: z.number() }))),
  maxPhotos: z.optional(z.int().check(z.minimum(0), z.maximum(10))),
  ...Timing,
});
export type MapReportDefinitionInput = z.input<typeof MapReportDefinitionInput>;
export const MapReportDefinition = z.object({ ...MapReportDefinitionInput.shape, ...Served });
export type MapReportDefinition = z.infer<typeof MapReportDefinition>;

export const ReportSubmission = z.object({
  service_code: Id,
  lat: z.optional(z.number().check(z.gte(-90), z.lte(90))),
  long: z.optional(z.number().check(z.gte(-180), z.lte(180))),
  address_string: z.optional(z.string().check(z.maxLength(500))),
  description: z.string().check(z.trim(), z.minLength(1), z.maxLength(4000)),
  email: z.optional(z.email()),
  first_name: z.optional(z.string().check(z.maxLength(200))),
  last_name: z.optional(z.string().check(z.maxLength(200))),
  attribute: z.optional(z.record(z.string(), z.union([z.string(), z.array(z.string())]))),
  /** Photos as data: URLs (JPEG/PNG/WebP), already resized and stripped of metadata by the widget. */
  media: z.optional(z.array(z.string()).check(z.maxLength(10))),
});
export type ReportSubmission = z.infer<typeof ReportSubmission>;
