/**
 * The server's resident-facing strings in the languages besides English and French (those stay
 * beside their code: server/petitions.ts, comments.ts, map-reports.ts, nojs/messages.ts, whose
 * English tables define the keys). One file per language, typed as {@link ServerTexts}: a key
 * missing in a language is a type error; server/test/server-i18n.test.ts also checks that no
 * string is empty. Same register as the widgets (src/i18n/locales): vous, Sie, usted, Lei, vostè,
 * Modern Standard Arabic.
 */
import type { CommentTexts } from '../comments.js';
import type { Lang, OtherLang } from '../i18n.js';
import type { ReportTexts } from '../map-reports.js';
import type { NoJsTexts } from '../nojs/messages.js';
import type { PetitionTexts } from '../petitions.js';
import ar from './ar.js';
import ca from './ca.js';
import de from './de.js';
import es from './es.js';
import it from './it.js';
import nl from './nl.js';

/** Every table of resident-facing server strings, by module. */
export interface ServerTexts {
  /** Petition confirmation mails and pages (server/petitions.ts). */
  petition: PetitionTexts;
  /** Reply notification mails and their pages (server/comments.ts). */
  comments: CommentTexts;
  /** Report follow-up mails and their pages (server/map-reports.ts). */
  report: ReportTexts;
  /** The forms without JavaScript and their pages (server/nojs). */
  nojs: NoJsTexts;
}

export const LOCALES: Record<OtherLang, ServerTexts> = { nl, de, es, it, ca, ar };

/** Every module's assembled table, as its module loads (server/test/server-i18n checks them all). */
export const SERVER_TABLES: { [K in keyof ServerTexts]?: Record<Lang, ServerTexts[K]> } = {};

/** One module's table in the eight languages, from its English and French and the locale files. */
export function serverTexts<K extends keyof ServerTexts>(part: K, en: ServerTexts[K], fr: ServerTexts[K]): Record<Lang, ServerTexts[K]> {
  const out = { en, fr } as Record<Lang, ServerTexts[K]>;
  for (const [lang, texts] of Object.entries(LOCALES) as Array<[OtherLang, ServerTexts]>) out[lang] = texts[part];
  (SERVER_TABLES as Record<K, Record<Lang, ServerTexts[K]>>)[part] = out;
  return out;
}
