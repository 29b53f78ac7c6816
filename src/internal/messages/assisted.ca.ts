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
};

export default ca;
