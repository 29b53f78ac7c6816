import { plural } from '../../../i18n/plural.js';
import type { RankedMessages } from '../ranked.messages.js';

const es: RankedMessages = {
  'vote.addRank': 'Añadir',
  'vote.bordaExplain': 'Cada papeleta da a una opción más puntos cuanto más arriba la clasifica: el último puesto no recibe ninguno y cada puesto superior, un punto más. La opción con más puntos queda en cabeza.',
  'vote.bordaTitle': 'Recuento de Borda',
  'vote.countsCol': 'Votos',
  'vote.eliminatedCol': 'Eliminada',
  'vote.exhaustedCol': 'Papeletas agotadas',
  'vote.firstChoices': (n) => plural('es', n, { one: '{n} primera preferencia', other: '{n} primeras preferencias' }),
  'vote.irvExplain': 'En cada ronda se elimina la opción con menos primeras preferencias y sus papeletas pasan a su siguiente preferencia que siga en liza. Una papeleta sin preferencias restantes queda «agotada». El recuento termina cuando una opción tiene más de la mitad de las papeletas que aún cuentan.',
  'vote.irvTitle': 'Recuento por segunda vuelta instantánea',
  'vote.moveDown': (label) => `Bajar ${label}`,
  'vote.moveUp': (label) => `Subir ${label}`,
  'vote.moved': (label, i, n) => `${label} movido a la posición ${i} de ${n}.`,
  'vote.noWinner': 'No hay ganador: empate.',
  'vote.notRanked': 'Aún sin clasificar',
  'vote.optionCount': (label, count) => `${label}: ${count}`,
  'vote.points': (n) => plural('es', n, { one: '{n} punto', other: '{n} puntos' }),
  'vote.position': (i, n) => `posición ${i} de ${n}`,
  'vote.rankAdded': (label, i) => `${label} añadido en la posición ${i}.`,
  'vote.rankEmpty': 'Todavía no ha clasificado ninguna opción.',
  'vote.rankHint': 'Añada las opciones a su clasificación por orden de preferencia, su favorita primero.',
  'vote.rankKeys': 'En una opción clasificada, las flechas arriba y abajo la mueven.',
  'vote.rankRange': (min, max, n) =>
    min === n ? `Clasifique las ${n} opciones.` : min === max ? plural('es', min, { one: 'Clasifique {n} opción.', other: 'Clasifique {n} opciones.' }) : min <= 1 ? plural('es', max, { one: 'Clasifique hasta {n} opción.', other: 'Clasifique hasta {n} opciones.' }) : `Clasifique entre ${min} y ${max} opciones.`,
  'vote.rankRemoved': (label) => `${label} quitado de su clasificación.`,
  'vote.rankTooFew': (min) => plural('es', min, { one: 'Clasifique al menos {n} opción.', other: 'Clasifique al menos {n} opciones.' }),
  'vote.removeRank': (label) => `Quitar ${label} de mi clasificación`,
  'vote.roundCol': 'Ronda',
  'vote.winner': (label) => `Ganador: ${label}`,
  'vote.yourRanking': 'Su clasificación',
};

export default es;
