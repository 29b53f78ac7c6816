import { plural } from '../../../i18n/plural.js';
import type { CountMessages } from '../count.messages.js';

/** Français facile à lire et à comprendre (FALC) pour <civic-comment-count> (docs/easy-read.md). */
const easy: Partial<CountMessages> = {
  count: (n) => plural('fr', n, { zero: 'Pas encore de commentaire', one: '{n}\u00a0commentaire', other: '{n}\u00a0commentaires' }),
};
export default easy;
