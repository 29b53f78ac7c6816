/**
 * civic-widgets: every class, type and event, without registering any tag.
 * Import `civic-widgets/define` (or a widget's own entry) to register the tags.
 */
export { CivicElement } from './internal/civic-element.js';
export { CivicConfig } from './components/config/config.js';
export { CivicVote } from './components/vote/vote.js';
export { CivicPetition } from './components/petition/petition.js';
export { CivicSurvey } from './components/survey/survey.js';
export { CivicComments } from './components/comments/comments.js';
export { CivicCommentCount } from './components/comments/count.js';
export { CivicMapReport } from './components/map-report/map-report.js';
export * from './api/survey-rules.js';
export * from './events/index.js';
export * from './api/schemas.js';
export { ApiClient, ApiError, type ApiErrorInfo, type ApiFailure } from './api/client.js';
export { registerLocale, availableLocales } from './i18n/localize.js';
export type { Messages, MessageKey } from './i18n/translations/en.js';
