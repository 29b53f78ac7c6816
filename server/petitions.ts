/**
 * Petitions in the reference backend: signatures with double opt-in, fraud resistance without a
 * CAPTCHA, paper signatures, retention and the organiser's exports. Registered by app.ts.
 *
 * - A signature is stored `pending` and a mail with a secret link is sent; it counts (`accepted`)
 *   once the link is followed. One signature per normalised e-mail (trimmed, lower-cased; dots and
 *   `+tags` are kept: they may be distinct mailboxes) and petition. Signing again with the same
 *   address answers exactly like a first signature (no way to learn who signed) and mails the link
 *   again (or an "already counted" note), at most once every {@link RESEND_AFTER_MS}.
 * - Honeypot filled, or the form sent faster than `minFillMs`: answered like any other, stored
 *   `rejected` with a flag, no mail, never counted.
 * - Rate limits per hashed IP and per e-mail domain, per petition, over a burst window (1 min) and
 *   a sustained one (1 h): 429 with Retry-After. Counted from stored rows, so they hold across
 *   restarts and instances (not exact under concurrent requests on PostgreSQL: a few may pass).
 * - Admin: bursts per minute and IP hash / domain, bulk invalidation, paper signatures, CSV export
 *   of confirmed signatures (profile fields only), per-signer export and erasure.
 * - Retention: personal data erased `retentionMonths` after the close (at start, then daily).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PaperSignatures, SignatureSubmission, type Kind, type LocalizedText, type PetitionProfile } from '../src/api/schemas.js';
import type { AppOptions } from './app.js';
import type { Db } from './db.js';
import { ApiError, validationError } from './errors.js';
import { eventStreams, sseFrame } from './sse.js';
import { devMailsPage, escapeHtml, mailerFromEnv, returnLink, type Mailer } from './mail.js';
import { langAttrs, pickLang, type Lang } from './i18n.js';
import { serverTexts } from './locales/index.js';
import { acceptedCount, canonicalJson, csvCell, hmac, INSERT_SUBMISSION, NETWORK_ORIGINS, phaseOf, takeChannel, toIso, type Definition } from './store.js';
import type { FieldIssue, Receipt } from '../src/api/schemas.js';

export interface PetitionLimits {
  /** Signatures per hashed IP per petition per minute / per hour. */
  ipBurst: number;
  ipHour: number;
  /** Signatures per e-mail domain per petition per minute / per hour. */
  domainBurst: number;
  domainHour: number;
}

export interface PetitionOptions {
  /** Where mail goes; default: SMTP_URL, else the dev_mails table. */
  mailer?: Mailer;
  /** Base URL of the links in mails (`https://town.example`); default CIVIC_PUBLIC_URL, else the request's host. */
  publicUrl?: string;
  /** Months after the close before personal data is erased (CIVIC_PETITION_RETENTION_MONTHS, 6). */
  retentionMonths?: number;
  /** Forms sent faster than this (ms) are not counted (CIVIC_PETITION_MIN_FILL_MS, 3000). */
  minFillMs?: number;
  limits?: Partial<PetitionLimits>;
  /** Serve GET /api/dev/mails (default: when mail is kept in the database and NODE_ENV is not production). */
  devMails?: boolean;
  /** Milliseconds between two heartbeat comments on `GET /api/petitions/:id/events` (25 000). */
  heartbeatMs?: number;
  /** The clock (tests). */
  now?: () => Date;
}

declare module './app.js' {
  interface AppOptions {
    /** Petition settings (server/petitions.ts). */
    petitions?: PetitionOptions;
  }
}

/** What app.ts hands over: its database, salt and request helpers. */
export interface PetitionContext {
  db: Db;
  salt: string;
  options: AppOptions;
  hashIp(ip: string): string;
  loadDefinition(kind: Kind, id: string): Promise<Definition>;
  parseBody(kind: Kind | null, schema: { safeParse(v: unknown): unknown }, body: unknown, what?: string): unknown;
  idempotencyKey(request: FastifyRequest): string;
  requireJson(request: FastifyRequest): void;
  requireAdmin(request: FastifyRequest): void;
}

export const DEFAULT_LIMITS: PetitionLimits = { ipBurst: 10, ipHour: 100, domainBurst: 100, domainHour: 2000 };
export const RESEND_AFTER_MS = 2 * 60_000;
const DAY_MS = 24 * 3600_000;

interface PetitionDef extends Definition {
  title: LocalizedText;
  profile: PetitionProfile;
  publicNames?: boolean;
  pow?: { difficulty: number };
}

/** Leading zero bits of a hash. */
export function zeroBits(hash: Uint8Array): number {
  let n = 0;
  for (const byte of hash) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}

/** How long a proof-of-work challenge stays valid. */
export const POW_TTL_MS = 10 * 60_000;

/** The fields each profile asks for, in CSV order; `required` ones are checked by the server. */
export const PROFILE_FIELDS: Record<PetitionProfile, { fields: string[]; required: string[] }> = {
  // The server asks only the e-mail in the minimal profile (the widget asks a name or pseudonym too).
  minimal: { fields: ['name', 'email'], required: [] },
  standard: { fields: ['firstName', 'lastName', 'email', 'postcode', 'town'], required: ['firstName', 'lastName', 'postcode', 'town'] },
  formal: {
    fields: ['elector', 'firstName', 'lastName', 'address', 'postcode', 'town', 'email', 'declaration'],
    required: ['elector', 'firstName', 'lastName', 'address', 'postcode', 'town', 'declaration'],
  },
};

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function profileIssues(def: PetitionDef, p: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const f of PROFILE_FIELDS[def.profile].required) {
    const v = p[f];
    const missing = f === 'elector' || f === 'declaration' ? v !== true : typeof v !== 'string' || v.trim() === '';
    if (missing) issues.push({ path: [f], code: 'required', message: `"${f}" is required by the ${def.profile} profile` });
  }
  if (typeof p.postcode === 'string' && p.postcode.trim() && !/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/.test(p.postcode.trim())) {
    issues.push({ path: ['postcode'], code: 'invalid_format', message: '"postcode" is not a postcode' });
  }
  return issues;
}

/** Only what the profile asks (and the public-name choice where allowed) is stored. */
function storedFields(def: PetitionDef, p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of PROFILE_FIELDS[def.profile].fields) {
    const v = p[f];
    if (typeof v === 'string' ? v.trim() !== '' : v !== undefined) out[f] = typeof v === 'string' ? v.trim() : v;
  }
  out.email = normalizeEmail(String(p.email));
  if (def.publicNames && typeof p.publicName === 'string') out.publicName = p.publicName;
  if (typeof p.returnUrl === 'string') out.returnUrl = p.returnUrl; // not personal: the page it was signed on
  return out;
}

/**
 * How a signer appears publicly: `full` the name as given; `initial` the first name and the
 * initial of the last name ("Marie D."; for the minimal profile's single `name`, its first word
 * and the initial of its last word, or the pseudonym as typed if one word); '' for anything else.
 */
export function publicNameOf(p: Record<string, unknown>): string {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : '');
  const choice = p.publicName;
  if (choice !== 'initial' && choice !== 'full') return '';
  let first = str(p.firstName);
  let last = str(p.lastName);
  if (!first && !last) {
    const words = str(p.name).split(' ').filter(Boolean);
    if (words.length < 2) return words[0] ?? '';
    first = choice === 'full' ? words.slice(0, -1).join(' ') : words[0]!;
    last = words.at(-1)!;
  }
  if (choice === 'full' || !last) return [first, last].filter(Boolean).join(' ');
  const initial = `${Array.from(last)[0]!.toLocaleUpperCase()}.`;
  return first ? `${first} ${initial}` : initial;
}

/* ------------------------------------------------------------------ texts of mails and pages */

const en = {
  confirmSubject: (t: string) => `Confirm your signature: ${t}`,
  confirmBody: (t: string, confirm: string, withdraw: string) =>
    `Hello,\n\nTo have your signature of the petition "${t}" counted, confirm it by opening this link:\n${confirm}\n\nIf you did not sign this petition, ignore this message: nothing is counted without confirmation.\n\nTo withdraw your signature while the petition is open:\n${withdraw}\n`,
  alreadySubject: (t: string) => `Your signature is already counted: ${t}`,
  alreadyBody: (t: string, withdraw: string) =>
    `Hello,\n\nSomeone (probably you) signed the petition "${t}" again with this address. Your signature was already counted: nothing changes.\n\nTo withdraw your signature while the petition is open:\n${withdraw}\n`,
  counted: 'Thank you, your signature is counted.',
  alreadyCounted: 'Your signature was already counted.',
  closed: 'This petition is closed: the signature could not be counted.',
  invalid: 'This link is not valid (any more). You can sign again from the petition’s page.',
  withdrawAsk: 'Do you want to withdraw your signature?',
  withdrawButton: 'Withdraw my signature',
  withdrawn: 'Your signature has been withdrawn.',
  back: 'Back to the petition',
  petition: 'Petition',
};
export type PetitionTexts = typeof en;

const fr: PetitionTexts = {
  confirmSubject: (t) => `Confirmez votre signature\u00a0: ${t}`,
  confirmBody: (t, confirm, withdraw) =>
    `Bonjour,\n\nPour que votre signature de la pétition «\u00a0${t}\u00a0» soit comptée, confirmez-la en ouvrant ce lien\u00a0:\n${confirm}\n\nSi vous n’avez pas signé cette pétition, ignorez ce message\u00a0: sans confirmation, rien n’est compté.\n\nPour retirer votre signature tant que la pétition est ouverte\u00a0:\n${withdraw}\n`,
  alreadySubject: (t) => `Votre signature est déjà comptée\u00a0: ${t}`,
  alreadyBody: (t, withdraw) =>
    `Bonjour,\n\nQuelqu’un (sans doute vous) a de nouveau signé la pétition «\u00a0${t}\u00a0» avec cette adresse. Votre signature était déjà comptée\u00a0: rien ne change.\n\nPour retirer votre signature tant que la pétition est ouverte\u00a0:\n${withdraw}\n`,
  counted: 'Merci, votre signature est comptée.',
  alreadyCounted: 'Votre signature était déjà comptée.',
  closed: 'Cette pétition est close\u00a0: la signature n’a pas pu être prise en compte.',
  invalid: 'Ce lien n’est pas (ou plus) valable. Vous pouvez signer de nouveau depuis la page de la pétition.',
  withdrawAsk: 'Voulez-vous retirer votre signature\u00a0?',
  withdrawButton: 'Retirer ma signature',
  withdrawn: 'Votre signature a été retirée.',
  back: 'Retour à la pétition',
  petition: 'Pétition',
};

const TEXTS = serverTexts('petition', en, fr);

export function localText(v: LocalizedText | undefined, lang: string): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  return v[lang] ?? v.fr ?? v.en ?? Object.values(v)[0] ?? '';
}

export function page(lang: Lang, title: string, message: string, extra = ''): string {
  return `<!doctype html>
<html ${langAttrs(lang)}>
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
p.msg{border-inline-start:4px solid #166534;background:#f3f4f6;padding:.75rem 1rem}a{color:#1d4ed8}
button{font:inherit;min-height:2.75rem;padding:.5rem 1.25rem;border-radius:.375rem;border:2px solid #1d4ed8;background:#1d4ed8;color:#fff;font-weight:600;cursor:pointer}
:focus-visible{outline:3px solid #ea580c;outline-offset:2px}</style></head>
<body><main><h1><bdi>${escapeHtml(title)}</bdi></h1>
<p class="msg" role="status">${escapeHtml(message)}</p>
${extra}
</main></body></html>`;
}

/* ------------------------------------------------------------------ retention */

/** Months after `iso`, as a calendar does it (31 Jan + 1 month = 3 Mar is fine for retention). */
function addMonths(iso: string, months: number): Date {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * Erases the personal data of signatures of every petition closed more than `months` ago: the
 * payload becomes `{}`, the e-mail and IP hashes and the domain go; statuses (so counts) stay.
 */
export async function runRetention(db: Db, months: number, now = new Date()): Promise<{ petitions: string[]; erased: number }> {
  const { rows } = await db.query<{ id: string; closes_at: string | null }>(
    `SELECT id, definition->>'closesAt' AS closes_at FROM content WHERE kind = 'petition' AND definition->>'closesAt' IS NOT NULL`,
  );
  const due = rows.filter((r) => r.closes_at && addMonths(r.closes_at, months).getTime() <= now.getTime()).map((r) => r.id);
  let erased = 0;
  for (const id of due) {
    erased += await db.transaction(async (tx) => {
      const { rows: done } = await tx.query(
        `UPDATE submissions SET payload = '{}'::jsonb, payload_hash = 'erased', device_hash = NULL, ip_hash = NULL
          WHERE kind = 'petition' AND content_id = $1 AND (payload <> '{}'::jsonb OR device_hash IS NOT NULL OR ip_hash IS NOT NULL)
          RETURNING id`,
        [id],
      );
      await tx.query(`UPDATE petition_signatures SET email_domain = NULL, erased_at = $2::text::timestamptz WHERE petition_id = $1 AND erased_at IS NULL`, [id, now.toISOString()]);
      return done.length;
    });
  }
  // Signatures of deleted petitions.
  await db.query(`DELETE FROM petition_signatures ps WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s.id = ps.submission_id)`);
  return { petitions: due, erased };
}

/* ------------------------------------------------------------------ the routes */

interface SignatureRow {
  id: string;
  payload_hash: string;
  status: string;
  created_at: Date;
  mailed_at: Date | null;
}

export async function registerPetitions(app: FastifyInstance, ctx: PetitionContext): Promise<void> {
  const { db, salt } = ctx;
  const po = ctx.options.petitions ?? {};
  const env = process.env;
  const now = po.now ?? (() => new Date());
  const mailer = po.mailer ?? mailerFromEnv(db);
  const publicUrl = (po.publicUrl ?? env.CIVIC_PUBLIC_URL ?? '').replace(/\/+$/, '');
  const retentionMonths = po.retentionMonths ?? (Number(env.CIVIC_PETITION_RETENTION_MONTHS) || 6);
  const minFillMs = po.minFillMs ?? (Number(env.CIVIC_PETITION_MIN_FILL_MS) || 3000);
  const limits: PetitionLimits = { ...DEFAULT_LIMITS, ...po.limits };
  const devMails = po.devMails ?? (mailer.kind === 'database' && env.NODE_ENV !== 'production');
  const emailHash = (email: string) => hmac(salt, `email:${normalizeEmail(email)}`);

  if (mailer.kind === 'database') {
    app.log.warn(`SMTP_URL is not set: petition mails are kept in the database${devMails ? ' and shown at /api/dev/mails (demo only: anyone can read them)' : ''}`);
  }

  const base = (request: FastifyRequest) => publicUrl || `${request.protocol}://${request.host}`;

  /* ---------------------------------------------------------- live count: server-sent events */

  /**
   * Open `GET /api/petitions/:id/events` streams, by petition. When a signature of this petition is
   * confirmed, withdrawn, invalidated or added on paper through this app instance, every stream
   * gets an event `count` with the SignatureCount. Changes made through another instance are not
   * seen here: widgets also poll, less often.
   */
  const streams = eventStreams(app, po.heartbeatMs ?? 25_000);
  const countEvent = (count: unknown) => sseFrame('count', count);
  async function publish(petitionId: string): Promise<void> {
    if (!streams.listening(petitionId)) return;
    try {
      streams.send(petitionId, countEvent(await acceptedCount(db, 'petition', petitionId)));
    } catch (err) {
      app.log.error({ err: (err as Error).message }, 'petition count event failed');
    }
  }

  app.get<{ Params: { id: string } }>('/api/petitions/:id/events', async (request, reply) => {
    const def = await ctx.loadDefinition('petition', request.params.id);
    streams.open(request, reply, def.id, countEvent(await acceptedCount(db, 'petition', def.id)));
  });

  async function sendLinks(request: FastifyRequest, def: PetitionDef, submissionId: string, to: string, lang: Lang, already: boolean): Promise<void> {
    const token = randomBytes(24).toString('base64url');
    const t = TEXTS[lang];
    const title = localText(def.title, lang);
    const root = `${base(request)}/api/petitions/${encodeURIComponent(def.id)}`;
    const confirm = `${root}/confirm?token=${token}&lang=${lang}`;
    const withdraw = `${root}/withdraw?token=${token}&lang=${lang}`;
    await db.query('UPDATE petition_signatures SET token_hash = $2 WHERE submission_id = $1', [submissionId, sha256(token)]);
    try {
      await mailer.send(
        already
          ? { to, lang, subject: t.alreadySubject(title), text: t.alreadyBody(title, withdraw) }
          : { to, lang, subject: t.confirmSubject(title), text: t.confirmBody(title, confirm, withdraw) },
      );
    } catch (err) {
      request.log.error({ err: (err as Error).message }, 'petition mail not sent');
      throw new ApiError(503, 'server_error', 'The confirmation mail could not be sent: retry later with the same Idempotency-Key.', undefined, 30);
    }
    await db.query('UPDATE petition_signatures SET mailed_at = $2::text::timestamptz WHERE submission_id = $1', [submissionId, now().toISOString()]);
  }

  /** Count and oldest time of rows in a window, reading at most `limit` rows. */
  async function windowOf(sql: string, params: unknown[], since: Date, limit: number): Promise<{ n: number; oldest: Date | null }> {
    const { rows } = await db.query<{ n: number; oldest: Date | null }>(
      `SELECT count(*)::int AS n, min(created_at) AS oldest FROM (${sql} AND created_at > $${params.length + 1}::text::timestamptz ORDER BY created_at LIMIT $${params.length + 2}::bigint) AS w`,
      [...params, since.toISOString(), limit],
    );
    return rows[0]!;
  }

  async function checkLimits(petitionId: string, ipHash: string, domain: string, at: Date): Promise<void> {
    const checks: Array<[string, unknown[], number, number, string]> = [
      [`SELECT created_at FROM submissions WHERE kind = 'petition' AND content_id = $1 AND ip_hash = $2 AND origin IN ${NETWORK_ORIGINS}`, [petitionId, ipHash], 60_000, limits.ipBurst, 'this network'],
      [`SELECT created_at FROM submissions WHERE kind = 'petition' AND content_id = $1 AND ip_hash = $2 AND origin IN ${NETWORK_ORIGINS}`, [petitionId, ipHash], 3600_000, limits.ipHour, 'this network'],
      [`SELECT created_at FROM petition_signatures WHERE petition_id = $1 AND email_domain = $2`, [petitionId, domain], 60_000, limits.domainBurst, `e-mail domain ${domain}`],
      [`SELECT created_at FROM petition_signatures WHERE petition_id = $1 AND email_domain = $2`, [petitionId, domain], 3600_000, limits.domainHour, `e-mail domain ${domain}`],
    ];
    for (const [sql, params, windowMs, limit, what] of checks) {
      const w = await windowOf(sql, params, new Date(at.getTime() - windowMs), limit);
      if (w.n >= limit) {
        const until = (w.oldest ? new Date(w.oldest).getTime() : at.getTime()) + windowMs;
        const retryAfter = Math.max(1, Math.ceil((until - at.getTime()) / 1000));
        throw new ApiError(429, 'rate_limited', `Too many signatures from ${what} for this petition: retry in ${retryAfter} s.`, undefined, retryAfter);
      }
    }
  }

  const receipt = (row: { id: string; created_at: Date | string }, duplicate: boolean): Receipt => ({
    id: row.id, receivedAt: toIso(row.created_at), duplicate, status: 'pending',
  });

  /* ---------------------------------------------------------- public names: the latest signers */

  app.get<{ Params: { id: string }; Querystring: { limit?: string } }>('/api/petitions/:id/signers', async (request) => {
    const def = (await ctx.loadDefinition('petition', request.params.id)) as PetitionDef;
    if (def.publicNames !== true) return { signers: [], total: 0 };
    const limit = Math.min(100, Math.max(1, Math.trunc(Number(request.query.limit)) || 20));
    // Accepted online signatures only (web or assisted): confirmed, not withdrawn nor invalidated; erased ones have no payload.
    const where = `FROM submissions s LEFT JOIN petition_signatures ps ON ps.submission_id = s.id
      WHERE s.kind = 'petition' AND s.content_id = $1 AND s.origin IN ${NETWORK_ORIGINS} AND s.status = 'accepted' AND s.payload->>'publicName' IN ('initial', 'full')`;
    const [{ rows }, { rows: counted }] = await Promise.all([
      db.query<{ payload: Record<string, unknown>; at: Date }>(
        `SELECT s.payload, coalesce(ps.confirmed_at, s.created_at) AS at ${where} ORDER BY at DESC, s.id DESC LIMIT $2::int`,
        [def.id, limit],
      ),
      db.query<{ n: number }>(`SELECT count(*)::int AS n ${where}`, [def.id]),
    ]);
    const signers = rows
      .map((r) => ({ name: publicNameOf(r.payload), at: toIso(r.at).slice(0, 10) }))
      .filter((x) => x.name !== '');
    return { signers, total: counted[0]?.n ?? 0 };
  });

  /* ---------------------------------------------------------- proof of work (optional, per petition) */

  // Stateless challenges (`expires.random.mac`), each accepted once per instance until it expires.
  const usedChallenges = new Map<string, number>();
  const powMac = (petitionId: string, difficulty: number, expires: number, rand: string) => hmac(salt, `pow:${petitionId}:${difficulty}:${expires}:${rand}`).slice(0, 32);

  app.get<{ Params: { id: string } }>('/api/petitions/:id/challenge', async (request, reply) => {
    const def = (await ctx.loadDefinition('petition', request.params.id)) as PetitionDef;
    if (!def.pow) throw new ApiError(404, 'not_found', `Petition "${def.id}" asks for no proof of work.`);
    const expires = now().getTime() + POW_TTL_MS;
    const rand = randomBytes(12).toString('base64url');
    reply.header('Cache-Control', 'no-store');
    return { challenge: `${expires}.${rand}.${powMac(def.id, def.pow.difficulty, expires, rand)}`, difficulty: def.pow.difficulty, expiresAt: new Date(expires).toISOString() };
  });

  /** Why a proof of work is refused (undefined: valid). */
  function powProblem(def: PetitionDef, pow: SignatureSubmission['pow']): string | undefined {
    if (!def.pow) return undefined;
    if (!pow) return 'this petition asks for a proof of work: GET /petitions/{id}/challenge, then send pow: { challenge, nonce }';
    const [expiresText, rand, mac] = pow.challenge.split('.');
    const expires = Number(expiresText);
    if (!rand || !mac || !Number.isFinite(expires) || powMac(def.id, def.pow.difficulty, expires, rand) !== mac) return 'unknown challenge';
    if (expires < now().getTime()) return 'expired challenge: ask for a new one';
    if (usedChallenges.has(pow.challenge)) return 'challenge already used: ask for a new one';
    if (zeroBits(createHash('sha256').update(`${pow.challenge}:${pow.nonce}`).digest()) < def.pow.difficulty) return 'the nonce does not solve the challenge';
    return undefined;
  }

  function usePow(pow: SignatureSubmission['pow']): void {
    if (!pow) return;
    const t = now().getTime();
    if (usedChallenges.size > 10_000) for (const [c, exp] of usedChallenges) if (exp < t) usedChallenges.delete(c);
    usedChallenges.set(pow.challenge, Number(pow.challenge.split('.')[0]));
  }

  /* ---------------------------------------------------------- POST signatures */

  app.post<{ Params: { id: string } }>('/api/petitions/:id/signatures', async (request, reply) => {
    const key = ctx.idempotencyKey(request);
    const def = (await ctx.loadDefinition('petition', request.params.id)) as PetitionDef;
    ctx.requireJson(request);
    const payload = ctx.parseBody('petition', SignatureSubmission, request.body, 'The signature') as SignatureSubmission & Record<string, unknown>;
    const payloadHash = hmac(salt, `payload:${canonicalJson(payload)}`);
    const lang = pickLang(payload.lang, request.headers['accept-language']);
    const email = normalizeEmail(payload.email);

    // A replay answers the stored receipt (and sends the mail that failed the first time).
    const { rows: prior } = await db.query<SignatureRow>(
      `SELECT s.id, s.payload_hash, s.status, s.created_at, ps.mailed_at FROM submissions s
         LEFT JOIN petition_signatures ps ON ps.submission_id = s.id
        WHERE s.kind = 'petition' AND s.content_id = $1 AND s.idempotency_key = $2`,
      [def.id, key],
    );
    if (prior[0]) {
      const row = prior[0];
      if (row.payload_hash !== payloadHash) throw new ApiError(409, 'conflict', 'This Idempotency-Key was already used for a different submission: use a new key for new data.');
      if (row.status === 'pending' && !row.mailed_at) await sendLinks(request, def, row.id, email, lang, false);
      return reply.status(200).send(receipt(row, true));
    }

    const at = now();
    const phase = phaseOf(def, at);
    if (phase === 'scheduled') throw new ApiError(409, 'not_open', `This petition opens at ${def.opensAt}; it is not open yet.`);
    if (phase === 'closed') throw new ApiError(409, 'closed', `This petition closed at ${def.closesAt}.`);

    const powIssue = powProblem(def, payload.pow);
    if (powIssue) throw validationError([{ path: ['pow'], code: payload.pow ? 'invalid_value' : 'required', message: powIssue }], 'The signature');

    const honeypot = typeof payload.website === 'string' && payload.website.trim() !== '';
    const tooFast = typeof payload.fillMs === 'number' && payload.fillMs < minFillMs;
    const flag = honeypot ? 'honeypot' : tooFast ? 'too_fast' : null;
    if (!flag) {
      const issues = profileIssues(def, payload);
      if (issues.length) throw validationError(issues, 'The signature');
    }

    const ipHash = ctx.hashIp(request.ip);
    const domain = email.slice(email.lastIndexOf('@') + 1);
    await checkLimits(def.id, ipHash, domain, at);
    if (def.pow) usePow(payload.pow);

    const id = randomUUID();
    const stored = storedFields(def, payload);
    const channel = takeChannel(payload, stored, 'The signature');
    const outcome = await db.transaction(async (tx) => {
      const { rows } = await tx.query<SignatureRow>(INSERT_SUBMISSION, [
        id, 'petition', def.id, key, payloadHash, JSON.stringify(stored), channel.origin, flag ? 'rejected' : 'pending', ipHash,
        flag ? null : emailHash(email), at.toISOString(), channel.mediator,
      ]);
      if (rows[0]) {
        await tx.query(
          `INSERT INTO petition_signatures (submission_id, petition_id, token_hash, email_domain, flag, fill_ms, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7::text::timestamptz)`,
          [id, def.id, sha256(randomBytes(24).toString('base64url')), domain, flag, payload.fillMs ?? null, at.toISOString()],
        );
        return { type: 'new' as const, row: rows[0] };
      }
      const { rows: again } = await tx.query<SignatureRow>(
        `SELECT s.id, s.payload_hash, s.status, s.created_at, ps.mailed_at FROM submissions s
           LEFT JOIN petition_signatures ps ON ps.submission_id = s.id
          WHERE s.kind = 'petition' AND s.content_id = $1 AND (s.idempotency_key = $2 OR s.device_hash = $3)
          ORDER BY (s.idempotency_key = $2) DESC LIMIT 1`,
        [def.id, key, emailHash(email)],
      );
      return { type: 'existing' as const, row: again[0] };
    });

    if (outcome.type === 'new') {
      if (!flag) await sendLinks(request, def, id, email, lang, false);
      return reply.status(201).send(receipt(outcome.row, false));
    }
    const row = outcome.row;
    if (!row) throw new ApiError(409, 'conflict', 'The signature was stored concurrently: retry.');
    // Same e-mail signed before: same answer as a first signature; the mail tells the truth.
    const recent = row.mailed_at && at.getTime() - new Date(row.mailed_at).getTime() < RESEND_AFTER_MS;
    if (row.status === 'pending' || row.status === 'withdrawn') {
      if (row.status === 'withdrawn' || !recent) {
        await db.query(`UPDATE submissions SET status = 'pending', payload = $2::text::jsonb WHERE id = $1`, [row.id, JSON.stringify(stored)]);
        await db.query('UPDATE petition_signatures SET withdrawn_at = NULL WHERE submission_id = $1', [row.id]);
        await sendLinks(request, def, row.id, email, lang, false);
      }
    } else if (row.status === 'accepted' && !recent) {
      await sendLinks(request, def, row.id, email, lang, true);
    }
    return reply.status(201).send(receipt({ id: row.id, created_at: at }, false));
  });

  /* ---------------------------------------------------------- confirmation and withdrawal links */

  interface TokenRow {
    id: string;
    status: string;
    payload: Record<string, unknown>;
  }
  async function byToken(petitionId: string, token: unknown): Promise<TokenRow | undefined> {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{16,128}$/.test(token)) return undefined;
    const { rows } = await db.query<TokenRow>(
      `SELECT s.id, s.status, s.payload FROM petition_signatures ps JOIN submissions s ON s.id = ps.submission_id
        WHERE ps.token_hash = $1 AND ps.petition_id = $2`,
      [sha256(token), petitionId],
    );
    return rows[0];
  }

  /** The link back to the page the resident signed on, when that page is an allowed origin. */
  function backLink(def: PetitionDef, p: Record<string, unknown>, lang: Lang): string {
    const href = returnLink(typeof p.returnUrl === 'string' ? p.returnUrl : undefined, ctx.options.allowedOrigins, 'civic-confirmed', def.id);
    return href ? `<p><a href="${escapeHtml(href)}">${escapeHtml(TEXTS[lang].back)}</a></p>` : '';
  }

  const sendPage = (reply: FastifyReply, status: number, html: string) =>
    reply.status(status).header('Cache-Control', 'no-store').header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'").type('text/html; charset=utf-8').send(html);

  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    scope.get<{ Params: { id: string }; Querystring: { token?: string; lang?: string } }>('/api/petitions/:id/confirm', async (request, reply) => {
      const def = (await ctx.loadDefinition('petition', request.params.id)) as PetitionDef;
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const t = TEXTS[lang];
      const title = localText(def.title, lang);
      const row = await byToken(def.id, request.query.token);
      if (!row || row.status === 'rejected' || row.status === 'invalidated') return sendPage(reply, 404, page(lang, title, t.invalid));
      const back = backLink(def, row.payload, lang);
      if (row.status === 'accepted') return sendPage(reply, 200, page(lang, title, t.alreadyCounted, back));
      if (row.status === 'withdrawn') return sendPage(reply, 410, page(lang, title, t.invalid));
      if (phaseOf(def, now()) !== 'open') return sendPage(reply, 409, page(lang, title, t.closed));
      await db.transaction(async (tx) => {
        await tx.query(`UPDATE submissions SET status = 'accepted' WHERE id = $1 AND status = 'pending'`, [row.id]);
        await tx.query('UPDATE petition_signatures SET confirmed_at = $2::text::timestamptz WHERE submission_id = $1', [row.id, now().toISOString()]);
      });
      void publish(def.id);
      return sendPage(reply, 200, page(lang, title, t.counted, back));
    });

    // GET only asks (mail scanners follow links); the form POSTs.
    scope.get<{ Params: { id: string }; Querystring: { token?: string; lang?: string } }>('/api/petitions/:id/withdraw', async (request, reply) => {
      const def = (await ctx.loadDefinition('petition', request.params.id)) as PetitionDef;
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const t = TEXTS[lang];
      const title = localText(def.title, lang);
      const row = await byToken(def.id, request.query.token);
      if (!row || (row.status !== 'accepted' && row.status !== 'pending')) return sendPage(reply, 404, page(lang, title, t.invalid));
      if (phaseOf(def, now()) !== 'open') return sendPage(reply, 409, page(lang, title, t.closed));
      const form = `<form method="post" action="withdraw?lang=${lang}"><input type="hidden" name="token" value="${escapeHtml(String(request.query.token))}"><button type="submit">${escapeHtml(t.withdrawButton)}</button></form>`;
      return sendPage(reply, 200, page(lang, title, t.withdrawAsk, form));
    });

    scope.post<{ Params: { id: string }; Querystring: { lang?: string }; Body: { token?: string } }>('/api/petitions/:id/withdraw', async (request, reply) => {
      const def = (await ctx.loadDefinition('petition', request.params.id)) as PetitionDef;
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const t = TEXTS[lang];
      const title = localText(def.title, lang);
      const row = await byToken(def.id, (request.body as { token?: unknown } | undefined)?.token);
      if (!row || (row.status !== 'accepted' && row.status !== 'pending')) return sendPage(reply, 404, page(lang, title, t.invalid));
      if (phaseOf(def, now()) !== 'open') return sendPage(reply, 409, page(lang, title, t.closed));
      await db.transaction(async (tx) => {
        await tx.query(`UPDATE submissions SET status = 'withdrawn' WHERE id = $1`, [row.id]);
        await tx.query('UPDATE petition_signatures SET withdrawn_at = $2::text::timestamptz WHERE submission_id = $1', [row.id, now().toISOString()]);
      });
      if (row.status === 'accepted') void publish(def.id);
      return sendPage(reply, 200, page(lang, title, t.withdrawn));
    });
  });

  if (devMails) {
    app.get('/api/dev/mails', async (_request, reply) => {
      return reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(await devMailsPage(db));
    });
  }

  /* ---------------------------------------------------------- admin */

  await app.register(async (admin) => {
    admin.addHook('onRequest', async (request) => ctx.requireAdmin(request));

    admin.post<{ Params: { id: string } }>('/api/admin/petitions/:id/paper', async (request, reply) => {
      const def = (await ctx.loadDefinition('petition', request.params.id)) as PetitionDef;
      ctx.requireJson(request);
      const body = ctx.parseBody(null, PaperSignatures, request.body, 'The paper signatures') as PaperSignatures;
      const headerKey = request.headers['idempotency-key'];
      const batch = typeof headerKey === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(headerKey) ? headerKey : randomUUID();
      const at = now().toISOString();
      let added: number;
      if ('count' in body) {
        const { rows } = await db.query(
          `INSERT INTO submissions (id, kind, content_id, idempotency_key, payload_hash, payload, origin, status, created_at)
           SELECT gen_random_uuid()::text, 'petition', $1, 'paper:' || $2 || ':' || g, '', '{}'::jsonb, 'paper', 'accepted', $4::text::timestamptz
             FROM generate_series(1, $3::int) AS g
           ON CONFLICT DO NOTHING RETURNING id`,
          [def.id, batch, body.count, at],
        );
        added = rows.length;
      } else {
        added = await db.transaction(async (tx) => {
          let n = 0;
          for (const [i, s] of body.signatures.entries()) {
            const fields: Record<string, unknown> = { ...s };
            if (typeof fields.email === 'string') fields.email = normalizeEmail(fields.email);
            const { rows } = await tx.query(INSERT_SUBMISSION, [
              randomUUID(), 'petition', def.id, `paper:${batch}:${i}`, hmac(salt, `payload:${canonicalJson(fields)}`),
              JSON.stringify(fields), 'paper', 'accepted', null, null, at, null,
            ]);
            n += rows.length;
          }
          return n;
        });
      }
      if (added) void publish(def.id);
      return reply.status(added ? 201 : 200).send({ added, count: await acceptedCount(db, 'petition', def.id) });
    });

    admin.get<{ Params: { id: string } }>('/api/admin/petitions/:id/export.csv', async (request, reply) => {
      const def = (await ctx.loadDefinition('petition', request.params.id)) as PetitionDef;
      const fields = [...PROFILE_FIELDS[def.profile].fields, ...(def.publicNames ? ['publicName'] : [])];
      const { rows } = await db.query<{ payload: Record<string, unknown>; origin: string; at: Date }>(
        `SELECT s.payload, s.origin, coalesce(ps.confirmed_at, s.created_at) AS at FROM submissions s
           LEFT JOIN petition_signatures ps ON ps.submission_id = s.id
          WHERE s.kind = 'petition' AND s.content_id = $1 AND s.status = 'accepted' AND s.payload <> '{}'::jsonb
          ORDER BY at, s.id`,
        [def.id],
      );
      const lines = [['origin', 'confirmedAt', ...fields].join(',')];
      for (const r of rows) lines.push([r.origin, toIso(r.at), ...fields.map((f) => r.payload[f])].map(csvCell).join(','));
      return reply
        .header('Content-Disposition', `attachment; filename="${def.id}-signatures.csv"`)
        .header('Cache-Control', 'no-store')
        .type('text/csv; charset=utf-8')
        .send(`\ufeff${lines.join('\r\n')}\r\n`);
    });

    admin.get<{ Params: { id: string }; Querystring: { by?: string; min?: string } }>('/api/admin/petitions/:id/bursts', async (request) => {
      const def = await ctx.loadDefinition('petition', request.params.id);
      const by = request.query.by === 'domain' ? 'domain' : 'ip';
      const min = Math.max(1, Number(request.query.min) || 5);
      const { rows } = await db.query<{ minute: Date; key: string; n: number; pending: number; accepted: number; flagged: number }>(
        `SELECT date_trunc('minute', s.created_at) AS minute, ${by === 'ip' ? 's.ip_hash' : 'ps.email_domain'} AS key, count(*)::int AS n,
                count(*) FILTER (WHERE s.status = 'pending')::int AS pending,
                count(*) FILTER (WHERE s.status = 'accepted')::int AS accepted,
                count(*) FILTER (WHERE ps.flag IS NOT NULL)::int AS flagged
           FROM submissions s JOIN petition_signatures ps ON ps.submission_id = s.id
          WHERE s.kind = 'petition' AND s.content_id = $1 AND s.origin IN ${NETWORK_ORIGINS} AND ${by === 'ip' ? 's.ip_hash' : 'ps.email_domain'} IS NOT NULL
          GROUP BY 1, 2 HAVING count(*) >= $2 ORDER BY n DESC, minute LIMIT 200`,
        [def.id, min],
      );
      return { by, min, items: rows.map((r) => ({ minute: toIso(r.minute), key: r.key, signatures: r.n, pending: r.pending, accepted: r.accepted, flagged: r.flagged })) };
    });

    admin.post<{ Params: { id: string } }>('/api/admin/petitions/:id/invalidate', async (request) => {
      const def = await ctx.loadDefinition('petition', request.params.id);
      ctx.requireJson(request);
      const b = request.body as { ids?: unknown; by?: unknown; key?: unknown; from?: unknown; to?: unknown };
      const ids = Array.isArray(b.ids) ? b.ids.filter((x): x is string => typeof x === 'string') : null;
      if (!ids && !((b.by === 'ip' || b.by === 'domain') && typeof b.key === 'string')) {
        throw validationError([{ path: ['by'], code: 'required', message: 'send { ids: [...] } or { by: "ip" | "domain", key, from?, to? }' }], 'The invalidation');
      }
      const from = typeof b.from === 'string' && !Number.isNaN(Date.parse(b.from)) ? b.from : '1970-01-01T00:00:00Z';
      const to = typeof b.to === 'string' && !Number.isNaN(Date.parse(b.to)) ? b.to : '9999-01-01T00:00:00Z';
      const match = ids
        ? 's.id = ANY($2::text[])'
        : b.by === 'ip' ? 's.ip_hash = $2' : 'EXISTS (SELECT 1 FROM petition_signatures ps WHERE ps.submission_id = s.id AND ps.email_domain = $2)';
      const { rows } = await db.query(
        `UPDATE submissions s SET status = 'invalidated'
          WHERE s.kind = 'petition' AND s.content_id = $1 AND s.origin IN ${NETWORK_ORIGINS} AND s.status IN ('pending', 'accepted')
            AND ${match} AND s.created_at >= $3::text::timestamptz AND s.created_at < $4::text::timestamptz
          RETURNING s.id`,
        [def.id, ids ?? b.key, from, to],
      );
      if (rows.length) void publish(def.id);
      return { invalidated: rows.length, count: await acceptedCount(db, 'petition', def.id) };
    });

    const signerRows = (email: string) =>
      db.query<{ id: string; content_id: string; origin: string; status: string; payload: Record<string, unknown>; created_at: Date }>(
        `SELECT id, content_id, origin, status, payload, created_at FROM submissions
          WHERE kind = 'petition' AND (device_hash = $1 OR payload->>'email' = $2) ORDER BY created_at, id`,
        [emailHash(email), normalizeEmail(email)],
      );
    const emailOf = (q: { email?: string }) => {
      if (typeof q.email !== 'string' || !q.email.includes('@')) {
        throw validationError([{ path: ['email'], code: 'required', message: 'pass ?email=<address>' }], 'The query');
      }
      return q.email;
    };

    admin.get<{ Querystring: { email?: string } }>('/api/admin/signers', async (request) => {
      const { rows } = await signerRows(emailOf(request.query));
      return { items: rows.map((r) => ({ id: r.id, petitionId: r.content_id, origin: r.origin, status: r.status, receivedAt: toIso(r.created_at), data: r.payload })) };
    });

    admin.delete<{ Querystring: { email?: string } }>('/api/admin/signers', async (request) => {
      const { rows } = await signerRows(emailOf(request.query));
      const ids = rows.map((r) => r.id);
      if (ids.length) {
        await db.transaction(async (tx) => {
          await tx.query(`UPDATE submissions SET payload = '{}'::jsonb, payload_hash = 'erased', device_hash = NULL, ip_hash = NULL WHERE id = ANY($1::text[])`, [ids]);
          await tx.query(`UPDATE petition_signatures SET email_domain = NULL, erased_at = now() WHERE submission_id = ANY($1::text[])`, [ids]);
        });
      }
      return { erased: ids.length };
    });

    admin.post('/api/admin/petitions-retention', async () => runRetention(db, retentionMonths, now()));
  });

  /* ---------------------------------------------------------- retention job: at start, then daily */

  let timer: ReturnType<typeof setInterval> | undefined;
  const retention = () =>
    runRetention(db, retentionMonths, now()).then(
      (r) => r.erased && app.log.info({ petitions: r.petitions, erased: r.erased }, 'petition personal data erased (retention)'),
      (err: Error) => app.log.error({ err: err.message }, 'petition retention job failed'),
    );
  app.addHook('onReady', async () => {
    await retention();
    timer = setInterval(() => void retention(), DAY_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await mailer.close();
  });
}
