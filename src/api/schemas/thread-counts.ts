/** Part of the protocol: see src/api/schemas.ts. What `GET /threads/counts?ids=…` answers. */
import { z } from 'zod/mini';

export const ThreadCounts = z.object({ counts: z.record(z.string(), z.int()) });
export type ThreadCounts = z.infer<typeof ThreadCounts>;
