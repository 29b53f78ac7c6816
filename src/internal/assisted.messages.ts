/**
 * The strings of assisted mode (`mode="assisted"`, src/internal/assisted.ts): the mediator's bar,
 * the inactivity warning, and the webmaster's messages about the mode's attributes. English defines
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
  badMode: (tag: string, value: string, known: string) => `mode="${value}" of <${tag}> is not a mode it knows (${known}). Write mode="assisted" for a mediator's terminal, or remove the attribute.`,
  badResetAfter: (tag: string, value: string) => `reset-after="${value}" of <${tag}> is not a number of minutes. Write for example reset-after="3" (0 turns the automatic clearing off).`,
  badMediator: (tag: string) => `The mediator code of <${tag}> is too long or holds control characters: use at most 64 characters, for example mediator="FS-Lyon-3".`,
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
  badMode: (tag, value, known) => `mode="${value}" de <${tag}> n’est pas un mode qu’il connaît (${known}). Écrivez mode="assisted" pour un poste accompagné par un médiateur, ou retirez l’attribut.`,
  badResetAfter: (tag, value) => `reset-after="${value}" de <${tag}> n’est pas un nombre de minutes. Écrivez par exemple reset-after="3" (0 désactive l’effacement automatique).`,
  badMediator: (tag) => `Le code médiateur de <${tag}> est trop long ou contient des caractères de contrôle\u00a0: 64 caractères au plus, par exemple mediator="FS-Lyon-3".`,
};

/** English and French here; the other languages load on demand, one chunk each (messages/assisted.<lang>.ts). */
export const assistedCatalog = new Catalog(en, fr, {
  nl: () => import('./messages/assisted.nl.js'),
  de: () => import('./messages/assisted.de.js'),
  es: () => import('./messages/assisted.es.js'),
  it: () => import('./messages/assisted.it.js'),
  ca: () => import('./messages/assisted.ca.js'),
  ar: () => import('./messages/assisted.ar.js'),
});
