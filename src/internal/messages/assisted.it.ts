import type { AssistedMessages } from '../assisted.messages.js';

const it: AssistedMessages = {
  bar: 'Modalità assistita',
  mediator: 'Codice del mediatore',
  mediatorNone: 'Codice del mediatore: nessuno',
  mediatorIs: (code) => `Codice del mediatore: ${code}`,
  mediatorHint: 'Inviato con ogni risposta perché l’organizzatore possa contare l’aiuto dato. Conservato fino alla chiusura di questa pagina.',
  mediatorSave: 'Usa questo codice',
  nextPerson: 'Persona successiva',
  nextPersonHint: 'Svuota il modulo e tutto ciò che è stato scritto.',
  warningTitle: 'È ancora qui?',
  warning: (seconds) => `Il modulo verrà svuotato tra ${seconds} s, con tutto ciò che è stato scritto.`,
  continue: 'Continua',
  clearNow: 'Svuota ora',
};

export default it;
