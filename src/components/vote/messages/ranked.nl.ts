import { plural } from '../../../i18n/plural.js';
import type { RankedMessages } from '../ranked.messages.js';

const nl: RankedMessages = {
  'vote.addRank': 'Toevoegen',
  'vote.bordaExplain': 'Elk stembiljet geeft een optie meer punten naarmate het haar hoger rangschikt: de laatste plaats krijgt er geen, elke plaats daarboven één punt meer. De optie met de meeste punten staat bovenaan.',
  'vote.bordaTitle': 'Borda-telling',
  'vote.countsCol': 'Stemmen',
  'vote.eliminatedCol': 'Afgevallen',
  'vote.exhaustedCol': 'Uitgeputte stembiljetten',
  'vote.firstChoices': (n) => plural('nl', n, { one: '{n} eerste keuze', other: '{n} eerste keuzes' }),
  'vote.irvExplain': 'In elke ronde valt de optie met de minste eerste keuzes af, en haar stembiljetten gaan naar hun volgende keuze die nog meedoet. Een stembiljet zonder keuze meer is “uitgeput”. De telling stopt wanneer een optie meer dan de helft heeft van de stembiljetten die nog meetellen.',
  'vote.irvTitle': 'Telling met directe tweede ronde (instant runoff)',
  'vote.moveDown': (label) => `${label} omlaag verplaatsen`,
  'vote.moveUp': (label) => `${label} omhoog verplaatsen`,
  'vote.moved': (label, i, n) => `${label} verplaatst naar plaats ${i} van ${n}.`,
  'vote.noWinner': 'Geen winnaar: gelijkspel.',
  'vote.notRanked': 'Nog niet gerangschikt',
  'vote.optionCount': (label, count) => `${label}: ${count}`,
  'vote.points': (n) => plural('nl', n, { one: '{n} punt', other: '{n} punten' }),
  'vote.position': (i, n) => `plaats ${i} van ${n}`,
  'vote.rankAdded': (label, i) => `${label} toegevoegd op plaats ${i}.`,
  'vote.rankEmpty': 'Nog geen optie gerangschikt.',
  'vote.rankHint': 'Voeg de opties toe aan uw rangschikking in volgorde van voorkeur, uw favoriet eerst.',
  'vote.rankKeys': 'Op een gerangschikte optie verplaatsen de pijltjestoetsen omhoog en omlaag haar.',
  'vote.rankRange': (min, max, n) =>
    min === n ? `Rangschik alle ${n} opties.` : min === max ? plural('nl', min, { one: 'Rangschik {n} optie.', other: 'Rangschik {n} opties.' }) : min <= 1 ? plural('nl', max, { one: 'Rangschik maximaal {n} optie.', other: 'Rangschik maximaal {n} opties.' }) : `Rangschik ${min} tot ${max} opties.`,
  'vote.rankRemoved': (label) => `${label} verwijderd uit uw rangschikking.`,
  'vote.rankTooFew': (min) => plural('nl', min, { one: 'Rangschik minstens {n} optie.', other: 'Rangschik minstens {n} opties.' }),
  'vote.removeRank': (label) => `${label} uit mijn rangschikking verwijderen`,
  'vote.roundCol': 'Ronde',
  'vote.winner': (label) => `Winnaar: ${label}`,
  'vote.yourRanking': 'Uw rangschikking',
};

export default nl;
