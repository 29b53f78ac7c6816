/**
 * The civic-widgets protocol, written once.
 *
 * Every definition a widget reads (GET) and every payload it posts (POST) is described here with
 * `zod/mini`. The browser widgets parse server answers with these schemas; the reference backend
 * (server/) validates requests with the very same objects and publishes them as OpenAPI 3.1.
 * docs/protocol.md explains the protocol for people writing their own backend.
 *
 * Conventions:
 * - JSON field names are camelCase, except the map-report resources, which keep the Open311
 *   GeoReport v2 names (`service_code`, `lat`, `long`, `address_string`, ...).
 * - Every POST that creates something carries an `Idempotency-Key` header; the server stores the
 *   submission once however many times it arrives and answers the same receipt again.
 * - Errors always have the shape of {@link ApiErrorBody}.
 */

export * from './schemas/common.js';
export * from './schemas/vote.js';
export * from './schemas/survey.js';
export * from './schemas/petition.js';
export * from './schemas/map-report.js';
export * from './schemas/comments.js';
export * from './schemas/thread-counts.js';
export * from './resources.js';
import { RESOURCES } from './resources.js';
import { Receipt } from './schemas/common.js';
import { BallotReceipt, BallotSubmission, VoteDefinition, VoteDefinitionInput } from './schemas/vote.js';
import { SurveyDefinition, SurveyDefinitionInput, SurveyResponse } from './schemas/survey.js';
import { PetitionDefinition, PetitionDefinitionInput, SignatureSubmission } from './schemas/petition.js';
import { MapReportDefinition, MapReportDefinitionInput, ReportReceipt, ReportSubmission } from './schemas/map-report.js';
import { CommentReceipt, CommentSubmission, ThreadDefinition, ThreadDefinitionInput } from './schemas/comments.js';

/** Every kind with its schemas: what the organiser writes, what GET answers, what POST carries and answers. */
export const KINDS = {
  vote: { ...RESOURCES.vote, input: VoteDefinitionInput, definition: VoteDefinition, submission: BallotSubmission, receipt: BallotReceipt },
  survey: { ...RESOURCES.survey, input: SurveyDefinitionInput, definition: SurveyDefinition, submission: SurveyResponse, receipt: Receipt },
  petition: { ...RESOURCES.petition, input: PetitionDefinitionInput, definition: PetitionDefinition, submission: SignatureSubmission, receipt: Receipt },
  'map-report': { ...RESOURCES['map-report'], input: MapReportDefinitionInput, definition: MapReportDefinition, submission: ReportSubmission, receipt: ReportReceipt },
  comments: { ...RESOURCES.comments, input: ThreadDefinitionInput, definition: ThreadDefinition, submission: CommentSubmission, receipt: CommentReceipt },
} as const;
