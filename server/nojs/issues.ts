/**
 * The field messages of the forms without JavaScript: the survey widget's own (one wording per
 * language for the same rule), plus what only a plain form needs. Its own module, so that the
 * server's locale files can use it without importing the message tables that import them.
 */
import type { SurveyMessages } from '../../src/components/survey/survey.messages.js';

type Shared = Omit<SurveyMessages['issue'], 'requiredRow' | 'consent'>;
/** What only a plain form says: a box to tick, a text with no counter, a ranking by selects, a value of the wrong shape. */
interface FormOnly {
  checkbox: string;
  too_long_plain: string;
  ranking: string;
  invalid_format: string;
}
export type FieldIssues = Shared & FormOnly;

export function fieldIssues(survey: Pick<SurveyMessages, 'issue'>, own: FormOnly & Partial<Shared>): FieldIssues {
  const { requiredRow: _row, consent: _consent, ...shared } = survey.issue;
  return { ...shared, ...own };
}
