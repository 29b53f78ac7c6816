/**
 * The interface strings of the ranked renderer, in its own lazy chunk so that the one-file bundle
 * does not carry them for polls. Same rules as src/i18n/translations: English defines the keys,
 * French typography uses a non-breaking space before : ; ? ! and %. Each other language is a file
 * of messages/ typed against English, loaded on demand.
 * @internal
 */
import { Catalog } from '../../i18n/localize.js';
import { plural } from '../../i18n/plural.js';

const en = {
  'vote.addRank': 'Add',
  'vote.bordaExplain': 'Each ballot gives an option more points the higher it ranks it: the last place gets none, and each place above one point more. The option with the most points comes first.',
  'vote.bordaTitle': 'Borda count',
  'vote.countsCol': 'Votes',
  'vote.eliminatedCol': 'Eliminated',
  'vote.exhaustedCol': 'Exhausted ballots',
  'vote.firstChoices': (n: number) => plural('en', n, { one: '{n} first choice', other: '{n} first choices' }),
  'vote.irvExplain': 'At each round the option with the fewest first choices is eliminated and its ballots go to their next choice still in the race. A ballot with no choice left is “exhausted”. The count stops when an option has more than half of the ballots still counted.',
  'vote.irvTitle': 'Instant-runoff count',
  'vote.moveDown': (label: string) => `Move ${label} down`,
  'vote.moveUp': (label: string) => `Move ${label} up`,
  'vote.moved': (label: string, i: number, n: number) => `${label} moved to position ${i} of ${n}.`,
  'vote.noWinner': 'No winner: a tie.',
  'vote.notRanked': 'Not ranked yet',
  'vote.optionCount': (label: string, count: string) => `${label}: ${count}`,
  'vote.points': (n: number) => plural('en', n, { one: '{n} point', other: '{n} points' }),
  'vote.position': (i: number, n: number) => `position ${i} of ${n}`,
  'vote.rankAdded': (label: string, i: number) => `${label} added at position ${i}.`,
  'vote.rankEmpty': 'No option ranked yet.',
  'vote.rankHint': 'Add the options to your ranking in order of preference, your favourite first.',
  'vote.rankKeys': 'On a ranked option, the up and down arrow keys move it.',
  'vote.rankRange': (min: number, max: number, n: number) =>
    min === n ? `Rank all ${n} options.` : min === max ? plural('en', min, { one: 'Rank {n} option.', other: 'Rank {n} options.' }) : min <= 1 ? plural('en', max, { one: 'Rank up to {n} option.', other: 'Rank up to {n} options.' }) : `Rank ${min} to ${max} options.`,
  'vote.rankRemoved': (label: string) => `${label} removed from your ranking.`,
  'vote.rankTooFew': (min: number) => plural('en', min, { one: 'Rank at least {n} option.', other: 'Rank at least {n} options.' }),
  'vote.removeRank': (label: string) => `Remove ${label} from my ranking`,
  'vote.roundCol': 'Round',
  'vote.winner': (label: string) => `Winner: ${label}`,
  'vote.yourRanking': 'Your ranking',
};
export type RankedMessages = typeof en;

const fr: RankedMessages = {
  'vote.addRank': 'Ajouter',
  'vote.bordaExplain': 'Chaque bulletin donne à une option d’autant plus de points qu’il la classe haut\u00a0: la dernière place n’en reçoit aucun, chaque place au-dessus un point de plus. L’option qui a le plus de points arrive en tête.',
  'vote.bordaTitle': 'Méthode de Borda',
  'vote.countsCol': 'Voix',
  'vote.eliminatedCol': 'Éliminée',
  'vote.exhaustedCol': 'Bulletins épuisés',
  'vote.firstChoices': (n) => plural('fr', n, { one: '{n}\u00a0premier choix', other: '{n}\u00a0premiers choix' }),
  'vote.irvExplain': 'À chaque tour, l’option qui a le moins de premiers choix est éliminée et ses bulletins vont au choix suivant encore en lice. Un bulletin qui n’a plus de choix est «\u00a0épuisé\u00a0». Le décompte s’arrête quand une option a plus de la moitié des bulletins encore comptés.',
  'vote.irvTitle': 'Décompte par éliminations successives',
  'vote.moveDown': (label) => `Descendre ${label}`,
  'vote.moveUp': (label) => `Monter ${label}`,
  'vote.moved': (label, i, n) => `${label} déplacé en position ${i} sur ${n}.`,
  'vote.noWinner': 'Pas de gagnant\u00a0: égalité.',
  'vote.notRanked': 'Pas encore classées',
  'vote.optionCount': (label, count) => `${label}\u00a0: ${count}`,
  'vote.points': (n) => plural('fr', n, { one: '{n}\u00a0point', other: '{n}\u00a0points' }),
  'vote.position': (i, n) => `position ${i} sur ${n}`,
  'vote.rankAdded': (label, i) => `${label} ajouté en position ${i}.`,
  'vote.rankEmpty': 'Aucune option classée pour l’instant.',
  'vote.rankHint': 'Ajoutez les options à votre classement par ordre de préférence, votre préférée en premier.',
  'vote.rankKeys': 'Sur une option classée, les flèches haut et bas la déplacent.',
  'vote.rankRange': (min, max, n) =>
    min === n ? `Classez les ${n}\u00a0options.` : min === max ? plural('fr', min, { one: 'Classez {n}\u00a0option.', other: 'Classez {n}\u00a0options.' }) : min <= 1 ? plural('fr', max, { one: 'Classez jusqu’à {n}\u00a0option.', other: 'Classez jusqu’à {n}\u00a0options.' }) : `Classez de ${min} à ${max}\u00a0options.`,
  'vote.rankRemoved': (label) => `${label} retiré de votre classement.`,
  'vote.rankTooFew': (min) => plural('fr', min, { one: 'Classez au moins {n}\u00a0option.', other: 'Classez au moins {n}\u00a0options.' }),
  'vote.removeRank': (label) => `Retirer ${label} de mon classement`,
  'vote.roundCol': 'Tour',
  'vote.winner': (label) => `Gagnant\u00a0: ${label}`,
  'vote.yourRanking': 'Votre classement',
};

/** English and French here; the other languages load on demand, one chunk each (messages/ranked.<lang>.ts). */
export const rankedCatalog = new Catalog(
  en,
  fr,
  {
    nl: () => import('./messages/ranked.nl.js'),
    de: () => import('./messages/ranked.de.js'),
    es: () => import('./messages/ranked.es.js'),
    it: () => import('./messages/ranked.it.js'),
    ca: () => import('./messages/ranked.ca.js'),
    ar: () => import('./messages/ranked.ar.js'),
  },
  // Easy-read wording (docs/easy-read.md): loaded only for a widget in easy-read mode.
  { en: () => import('./easy/ranked-easy.en.js'), fr: () => import('./easy/ranked-easy.fr.js') },
);
