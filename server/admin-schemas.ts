/** Request bodies that only the admin API uses (not part of the widget protocol in src/api). */
import { z } from 'zod/mini';
import { Id } from '../src/api/schemas.js';

/** `POST /admin/votes/{id}/tallies`: paper or booth ballots typed in by the organiser. */
export const TallySubmission = z.object({
  origin: z.enum(['paper', 'booth']),
  ballots: z.array(z.object({ choices: z.array(Id).check(z.minLength(1), z.maxLength(200)) })).check(z.minLength(1), z.maxLength(10000)),
});
export type TallySubmission = z.infer<typeof TallySubmission>;
