import { plural } from '../../../i18n/plural.js';
import type { RankedMessages } from '../ranked.messages.js';

const it: RankedMessages = {
  'vote.addRank': 'Aggiungi',
  'vote.bordaExplain': 'Ogni scheda dà a un’opzione tanti più punti quanto più in alto la classifica: l’ultimo posto non ne riceve nessuno, ogni posto superiore un punto in più. L’opzione con più punti è in testa.',
  'vote.bordaTitle': 'Metodo Borda',
  'vote.countsCol': 'Voti',
  'vote.eliminatedCol': 'Eliminata',
  'vote.exhaustedCol': 'Schede esaurite',
  'vote.firstChoices': (n) => plural('it', n, { one: '{n} prima scelta', other: '{n} prime scelte' }),
  'vote.irvExplain': 'A ogni turno viene eliminata l’opzione con meno prime scelte e le sue schede passano alla scelta successiva ancora in gara. Una scheda senza più scelte è «esaurita». Lo scrutinio si ferma quando un’opzione ha più della metà delle schede ancora conteggiate.',
  'vote.irvTitle': 'Scrutinio a ballottaggio istantaneo',
  'vote.moveDown': (label) => `Spostare ${label} in giù`,
  'vote.moveUp': (label) => `Spostare ${label} in su`,
  'vote.moved': (label, i, n) => `${label} spostato in posizione ${i} di ${n}.`,
  'vote.noWinner': 'Nessun vincitore: parità.',
  'vote.notRanked': 'Non ancora classificate',
  'vote.optionCount': (label, count) => `${label}: ${count}`,
  'vote.points': (n) => plural('it', n, { one: '{n} punto', other: '{n} punti' }),
  'vote.position': (i, n) => `posizione ${i} di ${n}`,
  'vote.rankAdded': (label, i) => `${label} aggiunto in posizione ${i}.`,
  'vote.rankEmpty': 'Ancora nessuna opzione classificata.',
  'vote.rankHint': 'Aggiunga le opzioni alla Sua classifica in ordine di preferenza, la preferita per prima.',
  'vote.rankKeys': 'Su un’opzione classificata, i tasti freccia su e giù la spostano.',
  'vote.rankRange': (min, max, n) =>
    min === n ? `Classifichi tutte le ${n} opzioni.` : min === max ? plural('it', min, { one: 'Classifichi {n} opzione.', other: 'Classifichi {n} opzioni.' }) : min <= 1 ? plural('it', max, { one: 'Classifichi fino a {n} opzione.', other: 'Classifichi fino a {n} opzioni.' }) : `Classifichi da ${min} a ${max} opzioni.`,
  'vote.rankRemoved': (label) => `${label} rimosso dalla Sua classifica.`,
  'vote.rankTooFew': (min) => plural('it', min, { one: 'Classifichi almeno {n} opzione.', other: 'Classifichi almeno {n} opzioni.' }),
  'vote.removeRank': (label) => `Rimuovere ${label} dalla mia classifica`,
  'vote.roundCol': 'Turno',
  'vote.winner': (label) => `Vincitore: ${label}`,
  'vote.yourRanking': 'La Sua classifica',
};

export default it;
