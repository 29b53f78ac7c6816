import { plural } from '../../../i18n/plural.js';
import type { RankedMessages } from '../ranked.messages.js';

/** Français facile à lire et à comprendre (FALC) pour le vote par classement et ses résultats (docs/easy-read.md). */
const easy: Partial<RankedMessages> = {
  'vote.addRank': 'Ajouter à ma liste',
  'vote.bordaExplain': 'Chaque vote donne des points. Le premier choix reçoit le plus de points. Le dernier choix reçoit 0\u00a0point. La réponse avec le plus de points gagne.',
  'vote.bordaTitle': 'Le calcul avec des points',
  'vote.countsCol': 'Votes',
  'vote.eliminatedCol': 'Sort du vote',
  'vote.exhaustedCol': 'Votes sans choix restant',
  'vote.firstChoices': (n) => plural('fr', n, { one: '{n}\u00a0personne l’a mis en premier', other: '{n}\u00a0personnes l’ont mis en premier' }),
  'vote.irvExplain': 'Nous comptons en plusieurs tours. À chaque tour, la réponse qui est le moins souvent en premier sort. Ses votes vont au choix suivant de chaque vote. Un vote sans choix restant ne compte plus. Une réponse gagne quand elle a plus de la moitié des votes.',
  'vote.irvTitle': 'Le calcul en plusieurs tours',
  'vote.moveDown': (label) => `Descendre ${label}`,
  'vote.moveUp': (label) => `Monter ${label}`,
  'vote.moved': (label, i, n) => `${label} est maintenant numéro ${i} sur ${n}.`,
  'vote.noWinner': 'Personne ne gagne. Des réponses ont le même résultat.',
  'vote.notRanked': 'Pas encore dans ma liste',
  'vote.optionCount': (label, count) => `${label}\u00a0: ${count}`,
  'vote.points': (n) => plural('fr', n, { one: '{n}\u00a0point', other: '{n}\u00a0points' }),
  'vote.position': (i, n) => `numéro ${i} sur ${n}`,
  'vote.rankAdded': (label, i) => `${label} est dans votre liste. C’est le numéro ${i}.`,
  'vote.rankEmpty': 'Votre liste est vide.',
  'vote.rankHint': 'Faites votre liste. Ajoutez les réponses dans l’ordre. Ajoutez d’abord celle que vous préférez.',
  'vote.rankKeys': 'Dans votre liste, bougez une réponse avec les flèches haut et bas du clavier.',
  'vote.rankRange': (min, max, n) =>
    min === n
      ? `Mettez les ${n}\u00a0réponses dans votre liste.`
      : min === max
        ? plural('fr', min, { one: 'Mettez {n}\u00a0réponse dans votre liste.', other: 'Mettez {n}\u00a0réponses dans votre liste.' })
        : min <= 1
          ? plural('fr', max, { one: 'Mettez {n}\u00a0réponse dans votre liste.', other: 'Vous pouvez mettre jusqu’à {n}\u00a0réponses dans votre liste.' })
          : `Mettez entre ${min} et ${max}\u00a0réponses dans votre liste.`,
  'vote.rankRemoved': (label) => `${label} n’est plus dans votre liste.`,
  'vote.rankTooFew': (min) => plural('fr', min, { one: 'Mettez {n}\u00a0réponse ou plus dans votre liste.', other: 'Mettez {n}\u00a0réponses ou plus dans votre liste.' }),
  'vote.removeRank': (label) => `Enlever ${label} de ma liste`,
  'vote.roundCol': 'Tour',
  'vote.winner': (label) => `La réponse qui gagne\u00a0: ${label}`,
  'vote.yourRanking': 'Votre liste',
};
export default easy;
