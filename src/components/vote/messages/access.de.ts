import type { AccessMessages } from '../access.messages.js';

const de: AccessMessages = {
  code: 'Einladungscode',
  codeHint: 'Der Code, der auf Ihrer Einladung gedruckt ist.',
  codeRequired: 'Geben Sie Ihren Einladungscode ein.',
  invalid_code: 'Dieser Code ist ungültig. Prüfen Sie ihn und versuchen Sie es erneut.',
  code_used: 'Mit diesem Code wurde bereits abgestimmt.',
  wrong_district: 'Dieser Code gilt für einen anderen Stadtteil: Einige der gewählten Projekte gehören nicht dazu.',
  eligibility: 'Bevor Sie abstimmen',
  mustAnswer: 'Beantworten Sie diese Frage.',
  mustBeYes: 'Nur wer diese Bedingung erfüllt, darf abstimmen.',
};

export default de;
