import { plural } from '../../../i18n/plural.js';
import type { RankedMessages } from '../ranked.messages.js';

const de: RankedMessages = {
  'vote.addRank': 'Hinzufügen',
  'vote.bordaExplain': 'Jeder Stimmzettel gibt einer Option umso mehr Punkte, je höher er sie einordnet: Der letzte Platz erhält keinen, jeder Platz darüber einen Punkt mehr. Die Option mit den meisten Punkten steht vorn.',
  'vote.bordaTitle': 'Borda-Zählung',
  'vote.countsCol': 'Stimmen',
  'vote.eliminatedCol': 'Ausgeschieden',
  'vote.exhaustedCol': 'Erschöpfte Stimmzettel',
  'vote.firstChoices': (n) => plural('de', n, { one: '{n} Erstpräferenz', other: '{n} Erstpräferenzen' }),
  'vote.irvExplain': 'In jeder Runde scheidet die Option mit den wenigsten Erstpräferenzen aus, und ihre Stimmzettel gehen an die nächste Wahl, die noch im Rennen ist. Ein Stimmzettel ohne verbleibende Wahl ist „erschöpft“. Die Zählung endet, wenn eine Option mehr als die Hälfte der noch gezählten Stimmzettel hat.',
  'vote.irvTitle': 'Integrierte Stichwahl',
  'vote.moveDown': (label) => `${label} nach unten verschieben`,
  'vote.moveUp': (label) => `${label} nach oben verschieben`,
  'vote.moved': (label, i, n) => `${label} an Position ${i} von ${n} verschoben.`,
  'vote.noWinner': 'Kein Sieger: Gleichstand.',
  'vote.notRanked': 'Noch nicht eingeordnet',
  'vote.optionCount': (label, count) => `${label}: ${count}`,
  'vote.points': (n) => plural('de', n, { one: '{n} Punkt', other: '{n} Punkte' }),
  'vote.position': (i, n) => `Position ${i} von ${n}`,
  'vote.rankAdded': (label, i) => `${label} an Position ${i} hinzugefügt.`,
  'vote.rankEmpty': 'Noch keine Option eingeordnet.',
  'vote.rankHint': 'Fügen Sie die Optionen in der Reihenfolge Ihrer Vorliebe zu Ihrer Rangfolge hinzu, Ihre bevorzugte zuerst.',
  'vote.rankKeys': 'Bei einer eingeordneten Option verschieben die Pfeiltasten nach oben und unten sie.',
  'vote.rankRange': (min, max, n) =>
    min === n ? `Ordnen Sie alle ${n} Optionen.` : min === max ? plural('de', min, { one: 'Ordnen Sie {n} Option ein.', other: 'Ordnen Sie {n} Optionen ein.' }) : min <= 1 ? plural('de', max, { one: 'Ordnen Sie bis zu {n} Option ein.', other: 'Ordnen Sie bis zu {n} Optionen ein.' }) : `Ordnen Sie ${min} bis ${max} Optionen ein.`,
  'vote.rankRemoved': (label) => `${label} aus Ihrer Rangfolge entfernt.`,
  'vote.rankTooFew': (min) => plural('de', min, { one: 'Ordnen Sie mindestens {n} Option ein.', other: 'Ordnen Sie mindestens {n} Optionen ein.' }),
  'vote.removeRank': (label) => `${label} aus meiner Rangfolge entfernen`,
  'vote.roundCol': 'Runde',
  'vote.winner': (label) => `Sieger: ${label}`,
  'vote.yourRanking': 'Ihre Rangfolge',
};

export default de;
