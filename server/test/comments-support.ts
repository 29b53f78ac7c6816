/** Helpers shared by the comment tests (server). */
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { CommentPage, CommentReceipt, type Comment, type ThreadDefinitionInput } from '../../src/api/schemas.js';
import type { Db } from '../db.js';
import { auth, key, putContent } from './helpers.js';

/** What helpers' resetDb leaves: mails and the word rules. */
export async function resetComments(db: Db): Promise<void> {
  await db.query(`TRUNCATE dev_mails`);
  await db.query(`DELETE FROM settings WHERE key = 'comment_rules'`);
}

export function thread(id: string, extra: Partial<ThreadDefinitionInput> = {}): ThreadDefinitionInput {
  return { id, title: { fr: 'Réaménagement de la place', en: 'Redesigning the square' }, ...extra };
}

export async function putThread(app: FastifyInstance, id: string, extra: Partial<ThreadDefinitionInput> = {}): Promise<void> {
  await putContent(app, 'threads', thread(id, extra) as { id: string });
}

export interface PostOpts {
  idem?: string;
  ip?: string;
}

/** POST a comment; `device` is the device token. */
export function postComment(app: FastifyInstance, threadId: string, body: Record<string, unknown>, opts: PostOpts = {}) {
  return app.inject({
    method: 'POST',
    url: `/api/threads/${threadId}/comments`,
    headers: { 'idempotency-key': opts.idem ?? key() },
    payload: { author: 'Camille', ...body },
    ...(opts.ip ? { remoteAddress: opts.ip } : {}),
  });
}

/** Posts and returns the receipt (asserting 201). */
export async function comment(app: FastifyInstance, threadId: string, device: string, body: string, extra: Record<string, unknown> = {}, opts: PostOpts = {}): Promise<CommentReceipt> {
  const res = await postComment(app, threadId, { body, deviceToken: device, ...extra }, opts);
  assert.equal(res.statusCode, 201, res.body);
  return CommentReceipt.parse(res.json());
}

export async function getPage(app: FastifyInstance, url: string): Promise<CommentPage> {
  const res = await app.inject(url);
  assert.equal(res.statusCode, 200, res.body);
  return CommentPage.parse(res.json());
}

export const bodies = (cs: Comment[]) => cs.map((c) => c.body);

export async function official(app: FastifyInstance, threadId: string, body: string, parentId?: string) {
  return app.inject({ method: 'POST', url: `/api/admin/threads/${threadId}/comments`, headers: auth, payload: { author: 'La mairie', body, ...(parentId ? { parentId } : {}) } });
}

export async function moderate(app: FastifyInstance, cid: string, action: 'approve' | 'reject' | 'hide' | 'restore', reason?: string) {
  const res = await app.inject({ method: 'POST', url: `/api/admin/comments/${cid}/${action}`, headers: auth, payload: reason ? { reason } : {} });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}
