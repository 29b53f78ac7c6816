import type { AccessMessages } from '../access.messages.js';

/** Français facile à lire et à comprendre (FALC) pour le code d’invitation et les questions avant le vote (docs/easy-read.md). */
const easy: Partial<AccessMessages> = {
  code: 'Le code sur votre invitation',
  codeHint: 'Ce code est écrit sur l’invitation que vous avez reçue.',
  codeRequired: 'Écrivez votre code.',
  invalid_code: 'Ce code ne va pas. Vérifiez-le. Puis essayez encore.',
  code_used: 'Quelqu’un a déjà voté avec ce code.',
  wrong_district: 'Ce code est pour un autre quartier. Des projets que vous avez choisis ne sont pas dans votre quartier.',
  eligibility: 'Avant de voter',
  mustAnswer: 'Répondez à cette question.',
  mustBeYes: 'Vous pouvez voter seulement si vous répondez oui.',
};
export default easy;
