import { plural } from '../../../i18n/plural.js';
import type { RankedMessages } from '../ranked.messages.js';

const ca: RankedMessages = {
  'vote.addRank': 'Afegeix',
  'vote.bordaExplain': 'Cada papereta dona a una opció més punts com més amunt la classifica: l’últim lloc no en rep cap, i cada lloc de sobre, un punt més. L’opció amb més punts queda al capdavant.',
  'vote.bordaTitle': 'Recompte de Borda',
  'vote.countsCol': 'Vots',
  'vote.eliminatedCol': 'Eliminada',
  'vote.exhaustedCol': 'Paperetes esgotades',
  'vote.firstChoices': (n) => plural('ca', n, { one: '{n} primera preferència', other: '{n} primeres preferències' }),
  'vote.irvExplain': 'A cada ronda s’elimina l’opció amb menys primeres preferències i les seves paperetes passen a la preferència següent que encara continua en joc. Una papereta sense cap preferència restant queda «esgotada». El recompte s’acaba quan una opció té més de la meitat de les paperetes que encara compten.',
  'vote.irvTitle': 'Recompte per segona volta instantània',
  'vote.moveDown': (label) => `Baixa ${label}`,
  'vote.moveUp': (label) => `Puja ${label}`,
  'vote.moved': (label, i, n) => `${label} mogut a la posició ${i} de ${n}.`,
  'vote.noWinner': 'No hi ha guanyador: empat.',
  'vote.notRanked': 'Encara sense classificar',
  'vote.optionCount': (label, count) => `${label}: ${count}`,
  'vote.points': (n) => plural('ca', n, { one: '{n} punt', other: '{n} punts' }),
  'vote.position': (i, n) => `posició ${i} de ${n}`,
  'vote.rankAdded': (label, i) => `${label} afegit a la posició ${i}.`,
  'vote.rankEmpty': 'Encara no ha classificat cap opció.',
  'vote.rankHint': 'Afegeixi les opcions a la seva classificació per ordre de preferència, la preferida primer.',
  'vote.rankKeys': 'En una opció classificada, les fletxes amunt i avall la mouen.',
  'vote.rankRange': (min, max, n) =>
    min === n ? `Classifiqui les ${n} opcions.` : min === max ? plural('ca', min, { one: 'Classifiqui {n} opció.', other: 'Classifiqui {n} opcions.' }) : min <= 1 ? plural('ca', max, { one: 'Classifiqui fins a {n} opció.', other: 'Classifiqui fins a {n} opcions.' }) : `Classifiqui entre ${min} i ${max} opcions.`,
  'vote.rankRemoved': (label) => `${label} tret de la seva classificació.`,
  'vote.rankTooFew': (min) => plural('ca', min, { one: 'Classifiqui almenys {n} opció.', other: 'Classifiqui almenys {n} opcions.' }),
  'vote.removeRank': (label) => `Treu ${label} de la meva classificació`,
  'vote.roundCol': 'Ronda',
  'vote.winner': (label) => `Guanyador: ${label}`,
  'vote.yourRanking': 'La seva classificació',
};

export default ca;
