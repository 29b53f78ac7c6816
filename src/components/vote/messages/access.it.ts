import type { AccessMessages } from '../access.messages.js';

const it: AccessMessages = {
  code: 'Codice di invito',
  codeHint: 'Il codice stampato sull’invito che ha ricevuto.',
  codeRequired: 'Inserisca il Suo codice di invito.',
  invalid_code: 'Questo codice non è valido. Lo controlli e riprovi.',
  code_used: 'Questo codice è già stato usato per votare.',
  wrong_district: 'Questo codice è di un altro quartiere: alcuni dei progetti che ha scelto non ne fanno parte.',
  eligibility: 'Prima di votare',
  mustAnswer: 'Risponda a questa domanda.',
  mustBeYes: 'Possono votare solo le persone che soddisfano questa condizione.',
};

export default it;
