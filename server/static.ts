/**
 * Serves demo/ at `/` and the built bundle (top-level files of dist/ and its lazily loaded
 * dist/chunks/) with cross-origin headers.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError } from './errors.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** `rel` resolved inside `dir`, or undefined when it escapes or is not a file. */
async function fileIn(dir: string, rel: string): Promise<string | undefined> {
  const root = resolve(dir);
  const full = resolve(root, normalize(rel).replace(/^([/\\])+/, ''));
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  try {
    return (await stat(full)).isFile() ? full : undefined;
  } catch {
    return undefined;
  }
}

async function send(reply: FastifyReply, file: string, crossOrigin: boolean, immutable = false): Promise<FastifyReply> {
  const body = await readFile(file);
  reply.type(TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
  if (crossOrigin) {
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    // Chunks carry a content hash in their name: they never change. The entry does.
    reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
  } else {
    reply.header('Cache-Control', 'no-cache');
  }
  return reply.send(body);
}

export function registerStatic(app: FastifyInstance, staticRoot: string): void {
  const demoDir = join(staticRoot, 'demo');
  const distDir = join(staticRoot, 'dist');

  app.get('/*', async (request, reply) => {
    const raw = (request.params as { '*': string })['*'] ?? '';
    let rel: string;
    try {
      rel = decodeURIComponent(raw);
    } catch {
      throw new ApiError(400, 'bad_request', 'The path is not valid percent-encoding.');
    }
    if (rel.startsWith('api/') || rel === 'api') {
      throw new ApiError(404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}. See /api/openapi.json for the routes.`);
    }
    // The bundle: every file at the top of dist/, and the lazily loaded chunks in dist/chunks/.
    const chunk = /^chunks\/[^/]+\.(m?js|map)$/.test(rel);
    if (rel && (chunk || !rel.includes('/')) && /\.(m?js|map|css)$/.test(rel)) {
      const file = await fileIn(distDir, rel);
      if (file) return send(reply, file, true, chunk);
      if (rel.startsWith('civic-widgets')) {
        throw new ApiError(404, 'not_found', `${rel} is not built yet: run \`npm run build\` to create dist/${rel}.`);
      }
    }
    const target = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
    const file = await fileIn(demoDir, target);
    if (file) return send(reply, file, false);
    throw new ApiError(404, 'not_found', `No file /${rel} (demo/ is served at /, the bundle from dist/).`);
  });
}
