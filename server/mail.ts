/**
 * Outgoing mail of the reference backend (petition confirmation links).
 *
 * - `SMTP_URL` set (`smtp://user:pass@host:587`, `smtps://…`): sent through nodemailer, from
 *   `MAIL_FROM` (default `civic-widgets <no-reply@localhost>`).
 * - unset: kept in the `dev_mails` table and listed on `GET /api/dev/mails` — for the demo and
 *   local development only (anyone who can open that page can confirm any signature).
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Db } from './db.js';
import { langAttrs, type Lang } from './i18n.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The language it is written in: its Content-Language, and `lang`/`dir` of its HTML version. */
  lang?: Lang;
}

export interface Mailer {
  readonly kind: 'smtp' | 'database' | 'memory';
  send(mail: Mail): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_FROM = 'civic-widgets <no-reply@localhost>';

export function smtpMailer(url: string, from = DEFAULT_FROM): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send(m) {
      await transport.sendMail({
        from, to: m.to, subject: m.subject, text: m.text,
        ...(m.lang ? { html: mailHtml(m.text, m.lang), headers: { 'Content-Language': m.lang } } : {}),
      });
    },
    async close() {
      transport.close();
    },
  };
}

/** Mails stored in `dev_mails`, shown by `GET /api/dev/mails`. */
export function databaseMailer(db: Db): Mailer {
  return {
    kind: 'database',
    async send(m) {
      await db.query('INSERT INTO dev_mails (id, recipient, subject, body) VALUES ($1, $2, $3, $4)', [randomUUID(), m.to, m.subject, m.text]);
    },
    async close() {},
  };
}

/** Mails kept in an array (benchmarks, tests that read links without SMTP). */
export function memoryMailer(): Mailer & { sent: Mail[] } {
  const sent: Mail[] = [];
  return {
    kind: 'memory',
    sent,
    async send(m) {
      sent.push(m);
    },
    async close() {},
  };
}

export function mailerFromEnv(db: Db, env: NodeJS.ProcessEnv = process.env): Mailer {
  return env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.MAIL_FROM || DEFAULT_FROM) : databaseMailer(db);
}

/**
 * The page a resident came from, as a URL to link back to (with `param=value` added), when it is
 * http(s) and an allowed origin; undefined otherwise, so that no link points anywhere else.
 */
export function returnLink(url: string | null | undefined, allowedOrigins: string[] | '*' | undefined, param: string, value: string): string | undefined {
  if (!url) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || (Array.isArray(allowedOrigins) && !allowedOrigins.includes(u.origin))) return undefined;
  u.searchParams.set(param, value);
  return u.href;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Escaped text with its http(s) links made clickable (links are matched after escaping). */
function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[A-Za-z0-9.:/_\-?=%~+]+(?:&amp;[A-Za-z0-9._\-=%~+]+)*/g, (url) => `<a href="${url}">${url}</a>`);
}

/**
 * The HTML version of a plain-text mail: the same text, links clickable, in an element that says
 * its language and direction (an Arabic mail reads right to left in every client).
 */
export function mailHtml(text: string, lang: Lang): string {
  return `<!doctype html>
<html ${langAttrs(lang)}><head><meta charset="utf-8"></head>
<body><div ${langAttrs(lang)} style="white-space:pre-wrap;font-family:sans-serif">${linkify(escapeHtml(text))}</div></body></html>`;
}

/** The HTML listing of `GET /api/dev/mails`, newest first. */
export async function devMailsPage(db: Db, limit = 50): Promise<string> {
  const { rows } = await db.query<{ recipient: string; subject: string; body: string; created_at: Date }>(
    'SELECT recipient, subject, body, created_at FROM dev_mails ORDER BY created_at DESC, id LIMIT $1',
    [limit],
  );
  const items = rows
    .map(
      (r) => `<article>
  <h2 dir="auto">${escapeHtml(r.subject)}</h2>
  <p class="meta">To: ${escapeHtml(r.recipient)} · ${escapeHtml(new Date(r.created_at).toISOString())}</p>
  <pre dir="auto">${linkify(escapeHtml(r.body))}</pre>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>Outgoing mail (development)</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;color:#1f2328}
article{border:1px solid #6b7280;border-radius:.375rem;padding:0 1rem;margin:1rem 0}.meta{color:#4b5563}
pre{white-space:pre-wrap;overflow-wrap:anywhere}a{color:#1d4ed8}.warn{border-inline-start:4px solid #92400e;padding:.5rem 1rem;background:#f3f4f6}</style></head>
<body><main>
<h1>Outgoing mail (development)</h1>
<p class="warn">No SMTP server is configured (<code>SMTP_URL</code>): mail is kept here instead of being sent. For the demo and local development only.</p>
${items || '<p>No mail yet.</p>'}
</main></body></html>`;
}
