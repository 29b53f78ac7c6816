/**
 * The words of <civic-comment-count> (count.ts), apart from the comments' strings: a listing page
 * loads only these. English defines the key; each other language is a file of messages/ typed
 * against it, loaded on demand.
 * @internal
 */
import { Catalog } from '../../i18n/localize.js';
import { plural } from '../../i18n/plural.js';

const en = {
  count: (n: number) => plural('en', n, { zero: 'No comments', one: '{n} comment', other: '{n} comments' }),
};
export type CountMessages = typeof en;

const fr: CountMessages = {
  count: (n) => plural('fr', n, { zero: 'Aucun commentaire', one: '{n}\u00a0commentaire', other: '{n}\u00a0commentaires' }),
};

/** English and French here; the other languages load on demand, one chunk each (messages/count.<lang>.ts). */
export const countCatalog = new Catalog(
  en,
  fr,
  {
    nl: () => import('./messages/count.nl.js'),
    de: () => import('./messages/count.de.js'),
    es: () => import('./messages/count.es.js'),
    it: () => import('./messages/count.it.js'),
    ca: () => import('./messages/count.ca.js'),
    ar: () => import('./messages/count.ar.js'),
  },
  // Easy-read wording (docs/easy-read.md): loaded only for a widget in easy-read mode.
  { en: () => import('./easy/count-easy.en.js'), fr: () => import('./easy/count-easy.fr.js') },
);
