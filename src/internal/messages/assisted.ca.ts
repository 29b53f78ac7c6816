import type { AssistedMessages } from '../assisted.messages.js';

const ca: AssistedMessages = {
  bar: 'Mode acompanyat',
  mediator: 'Codi de la persona mediadora',
  mediatorNone: 'Codi de la persona mediadora: cap',
  mediatorIs: (code) => `Codi de la persona mediadora: ${code}`,
  mediatorHint: 'S’envia amb cada resposta perquè l’entitat organitzadora pugui comptar l’ajuda donada. Es guarda fins que es tanqui aquesta pàgina.',
  mediatorSave: 'Fes servir aquest codi',
  nextPerson: 'Persona següent',
  nextPersonHint: 'Esborra el formulari i tot el que s’hi ha escrit.',
  warningTitle: 'Encara hi sou?',
  warning: (seconds) => `El formulari s’esborrarà d’aquí a ${seconds} s, amb tot el que s’hi ha escrit.`,
  continue: 'Continua',
  clearNow: 'Esborra ara',
  badMode: (tag, value, known) => `mode="${value}" de <${tag}> no és un mode que conegui (${known}). Escriviu mode="assisted" per a un punt acompanyat per una persona mediadora, o traieu l’atribut.`,
  badResetAfter: (tag, value) => `reset-after="${value}" de <${tag}> no és un nombre de minuts. Escriviu per exemple reset-after="3" (0 desactiva l’esborrat automàtic).`,
  badMediator: (tag) => `El codi de la persona mediadora de <${tag}> és massa llarg o conté caràcters de control: 64 caràcters com a màxim, per exemple mediator="FS-Lyon-3".`,
};

export default ca;
