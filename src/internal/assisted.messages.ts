/**
 * The strings of assisted mode's part (`mode="assisted"`, src/internal/assisted.ts, a lazy chunk):
 * the mediator's bar and the inactivity warning (the webmaster's messages about `mode`,
 * `reset-after` and `mediator` are the core's `config.*`). English defines
 * the keys; French: non-breaking space before : ; ? !. Each other language is a file of messages/
 * typed against English, loaded on demand.
 * @internal
 */
import { Catalog } from '../i18n/localize.js';

const en = {
  /** The name of the mediator's bar (a group above the widget). */
  bar: 'Assisted mode',
  mediator: 'Mediator code',
  mediatorNone: 'Mediator code: none',
  mediatorIs: (code: string) => `Mediator code: ${code}`,
  mediatorHint: 'Sent with each answer so that the organiser can count the help given. Kept until this page is closed.',
  mediatorSave: 'Use this code',
  nextPerson: 'Next person',
  nextPersonHint: 'Clears the form and everything typed.',
  warningTitle: 'Are you still there?',
  warning: (seconds: number) => `The form will be cleared in ${seconds} s, with everything typed.`,
  continue: 'Continue',
  clearNow: 'Clear now',
};
export type AssistedMessages = typeof en;

const fr: AssistedMessages = {
  bar: 'Mode accompagné',
  mediator: 'Code médiateur',
  mediatorNone: 'Code médiateur\u00a0: aucun',
  mediatorIs: (code) => `Code médiateur\u00a0: ${code}`,
  mediatorHint: 'Envoyé avec chaque réponse pour que l’organisateur puisse compter l’aide apportée. Gardé jusqu’à la fermeture de cette page.',
  mediatorSave: 'Utiliser ce code',
  nextPerson: 'Personne suivante',
  nextPersonHint: 'Efface le formulaire et tout ce qui a été saisi.',
  warningTitle: 'Êtes-vous toujours là\u00a0?',
  warning: (seconds) => `Le formulaire sera effacé dans ${seconds}\u00a0s, avec tout ce qui a été saisi.`,
  continue: 'Continuer',
  clearNow: 'Effacer maintenant',
};

/** English and French here; the other languages load on demand, one chunk each (messages/assisted.<lang>.ts). */
export const assistedCatalog = new Catalog(
  en,
  fr,
  {
    nl: () => import('./messages/assisted.nl.js'),
    de: () => import('./messages/assisted.de.js'),
    es: () => import('./messages/assisted.es.js'),
    it: () => import('./messages/assisted.it.js'),
    ca: () => import('./messages/assisted.ca.js'),
    ar: () => import('./messages/assisted.ar.js'),
  },
  // Easy-read wording of what the resident sees (docs/easy-read.md): loaded only in easy-read mode.
  { en: () => import('./assisted-easy.en.js'), fr: () => import('./assisted-easy.fr.js') },
);
