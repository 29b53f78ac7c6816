import type { AssistedMessages } from './assisted.messages.js';

/**
 * Français facile à lire et à comprendre (FALC) pour ce que le mode accompagné montre à l’habitant
 * (docs/easy-read.md) : l’avertissement avant que le formulaire soit vidé. La barre du médiateur
 * garde son texte.
 */
const easy: Partial<AssistedMessages> = {
  warningTitle: 'Êtes-vous encore là\u00a0?',
  warning: (seconds) => `Dans ${seconds}\u00a0secondes, le formulaire sera vidé. Tout ce que vous avez écrit sera effacé.`,
  continue: 'Je suis encore là',
  clearNow: 'Vider le formulaire maintenant',
};
export default easy;
