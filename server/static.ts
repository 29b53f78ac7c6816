/**
 * Serves demo/ at `/` and the built bundle (top-level files of dist/ and its lazily loaded
 * dist/chunks/) with cross-origin headers; the same bundle under `/v<version>/` (version of
 * package.json), cached for a year, for snippets pinned with Subresource Integrity; the manifest
 * (`/custom-elements.json`) for the snippet builder; and the demo pages `csp*.html` under a strict
 * Content-Security-Policy with Trusted Types.
 */
import { readFileSync } from 'node:fs';
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

/**
 * The policy of the demo pages `csp*.html`: what a locked-down municipal site sends. Every widget
 * must work under it (scripts/csp-check.mjs counts the violations in Chromium).
 */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; require-trusted-types-for 'script'";

/** The version in `<root>/package.json`, or undefined when there is none. */
function versionOf(root: string): string | undefined {
  try {
    const v = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown }).version;
    return typeof v === 'string' && /^[0-9A-Za-z.+-]+$/.test(v) ? v : undefined;
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
  const version = versionOf(staticRoot);

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
    // The versioned bundle: /v0.1.0/civic-widgets.js and /v0.1.0/chunks/*.js, the same files as
    // below, cached for a year: a new release has a new path (and the snippet a new integrity hash).
    const versioned = /^v([^/]+)\/(.*)$/.exec(rel);
    if (versioned && /^[0-9]/.test(versioned[1]!)) {
      const [, asked, inner] = versioned as unknown as [string, string, string];
      if (!version || asked !== version) {
        throw new ApiError(404, 'not_found', version ? `This backend serves version ${version} of the bundle: use /v${version}/civic-widgets.js (or /civic-widgets.js for the latest).` : 'This backend has no package.json version: use /civic-widgets.js.');
      }
      if (/^(civic-widgets\.js(\.map)?|chunks\/[^/]+\.(m?js|map))$/.test(inner)) {
        const file = await fileIn(distDir, inner);
        if (file) return send(reply, file, true, true);
      }
      throw new ApiError(404, 'not_found', `/v${version}/${inner} is not part of the bundle (or not built yet: run \`npm run build\`).`);
    }
    // The manifest (attributes of every widget), read by the snippet builder.
    if (rel === 'custom-elements.json') {
      const file = await fileIn(staticRoot, rel);
      if (file) return send(reply, file, true);
    }
    // The bundle: every file at the top of dist/, and the lazily loaded chunks in dist/chunks/.
    const chunk = /^chunks\/[^/]+\.(m?js|map)$/.test(rel);
    if (rel && (chunk || !rel.includes('/')) && (/\.(m?js|map|css)$/.test(rel) || rel === 'civic-widgets.sri.json')) {
      const file = await fileIn(distDir, rel);
      if (file) return send(reply, file, true, chunk);
      if (rel.startsWith('civic-widgets')) {
        throw new ApiError(404, 'not_found', `${rel} is not built yet: run \`npm run build\` to create dist/${rel}.`);
      }
    }
    const target = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
    const file = await fileIn(demoDir, target);
    if (file) {
      if (/^csp[^/]*\.html$/.test(target)) reply.header('Content-Security-Policy', STRICT_CSP);
      return send(reply, file, false);
    }
    throw new ApiError(404, 'not_found', `No file /${rel} (demo/ is served at /, the bundle from dist/).`);
  });
}
