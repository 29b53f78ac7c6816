import type { AccessMessages } from '../access.messages.js';

const ca: AccessMessages = {
  code: 'Codi d’invitació',
  codeHint: 'El codi imprès a la invitació que ha rebut.',
  codeRequired: 'Escrigui el seu codi d’invitació.',
  invalid_code: 'Aquest codi no és vàlid. Comprovi’l i torni-ho a provar.',
  code_used: 'Aquest codi ja s’ha fet servir per votar.',
  wrong_district: 'Aquest codi és d’un altre barri: alguns dels projectes que ha triat no en formen part.',
  eligibility: 'Abans de votar',
  mustAnswer: 'Respongui aquesta pregunta.',
  mustBeYes: 'Només poden votar les persones que compleixen aquesta condició.',
};

export default ca;
