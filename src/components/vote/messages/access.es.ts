import type { AccessMessages } from '../access.messages.js';

const es: AccessMessages = {
  code: 'Código de invitación',
  codeHint: 'El código impreso en la invitación que ha recibido.',
  codeRequired: 'Escriba su código de invitación.',
  invalid_code: 'Este código no es válido. Compruébelo y vuelva a intentarlo.',
  code_used: 'Este código ya se ha usado para votar.',
  wrong_district: 'Este código es de otro barrio: algunos de los proyectos que ha elegido no están en él.',
  eligibility: 'Antes de votar',
  mustAnswer: 'Responda a esta pregunta.',
  mustBeYes: 'Solo pueden votar las personas que cumplen esta condición.',
};

export default es;
