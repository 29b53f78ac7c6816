/** Part of the protocol: see src/api/schemas.ts. */
import { z } from 'zod/mini';
import { DateTime, Id, LocalizedText, Served, Timing } from './common.js';

/* ------------------------------------------------------------------ comments */

export const ThreadDefinitionInput = z.object({
  id: Id,
  title: z.optional(LocalizedText),
  moderation: z._default(z.enum(['none', 'pre', 'first']), 'none'),
  maxDepth: z._default(z.int().check(z.minimum(1), z.maximum(6)), 2),
  stances: z._default(z.boolean(), false),
  maxLength: z._default(z.int().check(z.minimum(10), z.maximum(20000)), 4000),
  editWindowSeconds: z._default(z.int(), 900),
  ...Timing,
});
export type ThreadDefinitionInput = z.input<typeof ThreadDefinitionInput>;
export const ThreadDefinition = z.object({ ...ThreadDefinitionInput.shape, ...Served, count: z.int() });
export type ThreadDefinition = z.infer<typeof ThreadDefinition>;

export const Stance = z.enum(['for', 'against', 'neutral']);

export const Comment = z.object({
  id: z.string(),
  parentId: z.nullable(z.string()),
  author: z.string(),
  body: z.string(),
  createdAt: DateTime,
  official: z.boolean(),
  supports: z.int(),
  stance: z.optional(z.nullable(Stance)),
});
export type Comment = z.infer<typeof Comment>;

export const CommentPage = z.object({
  comments: z.array(Comment),
  nextCursor: z.nullable(z.string()),
  total: z.int(),
});
export type CommentPage = z.infer<typeof CommentPage>;

export const CommentSubmission = z.object({
  author: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  body: z.string().check(z.trim(), z.minLength(1), z.maxLength(20000)),
  parentId: z.optional(z.nullable(z.string())),
  email: z.optional(z.email()),
  stance: z.optional(Stance),
  website: z.optional(z.string()),
  fillMs: z.optional(z.int()),
});
export type CommentSubmission = z.infer<typeof CommentSubmission>;
