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
  badMode: (tag, value, known) => `mode="${value}" di <${tag}> non è una modalità che conosce (${known}). Scrivete mode="assisted" per una postazione assistita da un mediatore, oppure togliete l’attributo.`,
  badResetAfter: (tag, value) => `reset-after="${value}" di <${tag}> non è un numero di minuti. Scrivete per esempio reset-after="3" (0 disattiva lo svuotamento automatico).`,
  badMediator: (tag) => `Il codice del mediatore di <${tag}> è troppo lungo o contiene caratteri di controllo: al massimo 64 caratteri, per esempio mediator="FS-Lyon-3".`,
};

export default it;
