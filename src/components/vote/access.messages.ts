/**
 * The strings of the invitation code field and the eligibility questions of <civic-vote> (access.ts),
 * in that lazy chunk. English defines the keys; French: non-breaking space before : ; ? !. Each
 * other language is a file of messages/ typed against English, loaded on demand.
 * @internal
 */
import { Catalog } from '../../i18n/localize.js';

const en = {
  code: 'Invitation code',
  codeHint: 'The code printed on the invitation you received.',
  codeRequired: 'Enter your invitation code.',
  invalid_code: 'This code is not valid. Check it and try again.',
  code_used: 'This code has already been used to vote.',
  wrong_district: 'This code is for another district: some of the projects you chose are not in it.',
  eligibility: 'Before you vote',
  mustAnswer: 'Answer this question.',
  mustBeYes: 'Only people who meet this condition may vote.',
};
export type AccessMessages = typeof en;

const fr: AccessMessages = {
  code: 'Code d’invitation',
  codeHint: 'Le code imprimé sur l’invitation que vous avez reçue.',
  codeRequired: 'Saisissez votre code d’invitation.',
  invalid_code: 'Ce code n’est pas valide. Vérifiez-le et réessayez.',
  code_used: 'Ce code a déjà servi à voter.',
  wrong_district: 'Ce code est celui d’un autre quartier\u00a0: certains des projets choisis n’en font pas partie.',
  eligibility: 'Avant de voter',
  mustAnswer: 'Répondez à cette question.',
  mustBeYes: 'Seules les personnes qui remplissent cette condition peuvent voter.',
};

/** English and French here; the other languages load on demand, one chunk each (messages/access.<lang>.ts). */
export const accessCatalog = new Catalog(
  en,
  fr,
  {
    nl: () => import('./messages/access.nl.js'),
    de: () => import('./messages/access.de.js'),
    es: () => import('./messages/access.es.js'),
    it: () => import('./messages/access.it.js'),
    ca: () => import('./messages/access.ca.js'),
    ar: () => import('./messages/access.ar.js'),
  },
  // Easy-read wording (docs/easy-read.md): loaded only for a widget in easy-read mode.
  { en: () => import('./easy/access-easy.en.js'), fr: () => import('./easy/access-easy.fr.js') },
);
