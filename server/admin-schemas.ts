/** Request bodies that only the admin API uses (not part of the widget protocol in src/api). */
import { z } from 'zod/mini';
import { Id, SurveyResponse } from '../src/api/schemas.js';

/**
 * `POST /admin/votes/{id}/tallies`: paper or booth ballots typed in by the organiser, either one
 * by one (every method; required for ranked votes) or as counts per option with the number of
 * ballots (single, multiple, budget: counted in `options` and the greedy rule, not in IRV, Borda, MES).
 */
export const TallySubmission = z.union([
  z.object({
    origin: z.enum(['paper', 'booth']),
    ballots: z.array(z.object({ choices: z.array(Id).check(z.minLength(1), z.maxLength(200)) })).check(z.minLength(1), z.maxLength(10000)),
  }),
  z.object({
    origin: z.enum(['paper', 'booth']),
    counts: z.record(Id, z.int().check(z.gte(0), z.lte(10_000_000))),
    ballots: z.int().check(z.gte(1), z.lte(10_000_000)),
  }),
]);
export type TallySubmission = z.infer<typeof TallySubmission>;

/**
 * `POST /admin/surveys/{id}/paper`: responses typed in from paper forms, each checked like a web
 * response (answers, and the "please specify" texts of "other" choices).
 */
export const PaperResponses = z.object({
  responses: z.array(z.object({ answers: SurveyResponse.shape.answers, other: SurveyResponse.shape.other })).check(z.minLength(1), z.maxLength(5000)),
});
export type PaperResponses = z.infer<typeof PaperResponses>;
