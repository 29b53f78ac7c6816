import { plural } from '../../../i18n/plural.js';
import type { BudgetMessages } from '../budget.messages.js';

const de: BudgetMessages = {
  'vote.add': 'Hinzufügen',
  'vote.all': 'Alle',
  'vote.budgetHint': (total) => `Wählen Sie die Projekte, die finanziert werden sollen, im Rahmen eines Budgets von ${total}.`,
  'vote.category': 'Kategorie',
  'vote.chooseProject': 'Wählen Sie mindestens ein Projekt.',
  'vote.district': 'Stadtteil',
  'vote.fundedBy': (rules) => `Finanziert (${rules})`,
  'vote.greedyExplain': 'Die Projekte werden nach Stimmen geordnet, das meistgewählte zuerst. Jedes wird finanziert, wenn es noch in das verbleibende Budget passt; sonst ist das nächste an der Reihe.',
  'vote.greedyShort': 'meiste Stimmen',
  'vote.greedyTitle': 'Finanziert nach der Regel der meisten Stimmen',
  'vote.left': (left) => `Noch ${left} übrig.`,
  'vote.mesExplain': 'Das Budget wird zu gleichen Teilen auf die Abstimmenden verteilt. Ein Projekt wird finanziert, wenn die Abstimmenden, die es gewählt haben, es gemeinsam aus ihren Anteilen bezahlen können; die Projekte, die jede unterstützende Person am wenigsten kosten, kommen zuerst. Jede Gruppe von Abstimmenden erhält ihren gerechten Anteil, nicht nur die Mehrheit.',
  'vote.mesShort': 'gleiche Anteile',
  'vote.mesTitle': 'Finanziert nach der Methode der gleichen Anteile',
  'vote.minShareHint': (amount, percent) => `Verwenden Sie mindestens ${amount} (${percent} des Budgets).`,
  'vote.noFit': (left, cost) => `Nicht genug Budget übrig: noch ${left}, dieses Projekt kostet ${cost}.`,
  'vote.noProjects': 'Kein Projekt entspricht diesen Filtern.',
  'vote.noneFunded': 'Kein Projekt wird finanziert.',
  'vote.overBudget': (total) => `Ihre Projekte kosten mehr als das Budget von ${total}.`,
  'vote.projectAdded': (label, left) => `${label} hinzugefügt. Noch ${left} übrig.`,
  'vote.projectRemoved': (label, left) => `${label} entfernt. Noch ${left} übrig.`,
  'vote.removeProject': 'Entfernen',
  'vote.reviewIntro': 'Prüfen Sie die Projekte unten und bestätigen Sie dann Ihre Stimme. Sie können sie noch ändern.',
  'vote.showing': (shown, n) => (shown === n ? plural('de', n, { one: '{n} Projekt', other: '{n} Projekte' }) : `${shown} von ${n} Projekten angezeigt`),
  'vote.spent': (spent, total) => `${spent} von ${total} ausgewählt.`,
  'vote.spentOf': (spent, total) => `${spent} von ${total} ausgegeben.`,
  'vote.tooLittle': (min) => `Wählen Sie Projekte im Wert von insgesamt mindestens ${min}.`,
  'vote.total': 'Gesamt:',
  'vote.votesPerProject': 'Stimmen je Projekt',
};

export default de;
