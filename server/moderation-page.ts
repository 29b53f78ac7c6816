/**
 * The moderation page of the reference backend: `GET /admin/moderation` (HTML), its script and its
 * style, static files from server/moderation/. The page asks for the admin token (kept in the
 * tab's sessionStorage, never a cookie) and calls the moderation API with it. Its CSP allows only
 * its own script, style and API: no inline script, no third party.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const DIR = fileURLToPath(new URL('./moderation/', import.meta.url));

export const MODERATION_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const FILES = [
  ['/admin/moderation', 'moderation.html', 'text/html; charset=utf-8'],
  ['/admin/moderation.js', 'moderation.js', 'text/javascript; charset=utf-8'],
  ['/admin/moderation.css', 'moderation.css', 'text/css; charset=utf-8'],
] as const;

export async function registerModerationPage(app: FastifyInstance): Promise<void> {
  for (const [url, file, type] of FILES) {
    const body = await readFile(DIR + file);
    app.get(url, async (_request, reply) =>
      reply
        .type(type)
        .header('Content-Security-Policy', MODERATION_CSP)
        .header('Cache-Control', 'no-cache')
        .header('X-Frame-Options', 'DENY')
        .header('X-Robots-Tag', 'noindex')
        .send(body));
  }
}
