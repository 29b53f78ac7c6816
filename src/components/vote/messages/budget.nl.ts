import { plural } from '../../../i18n/plural.js';
import type { BudgetMessages } from '../budget.messages.js';

const nl: BudgetMessages = {
  'vote.add': 'Toevoegen',
  'vote.all': 'Alle',
  'vote.budgetHint': (total) => `Kies de projecten die u gefinancierd wilt zien, binnen een budget van ${total}.`,
  'vote.category': 'Categorie',
  'vote.chooseProject': 'Kies minstens één project.',
  'vote.district': 'Wijk',
  'vote.fundedBy': (rules) => `Gefinancierd (${rules})`,
  'vote.greedyExplain': 'De projecten worden genomen in volgorde van stemmen, het project met de meeste stemmen eerst. Elk project wordt gefinancierd als het nog past in wat er van het budget over is; anders komt het volgende aan de beurt.',
  'vote.greedyShort': 'meeste stemmen',
  'vote.greedyTitle': 'Gefinancierd volgens de regel van de meeste stemmen',
  'vote.left': (left) => `Nog ${left} over.`,
  'vote.mesExplain': 'Het budget wordt in gelijke delen over de stemmers verdeeld. Een project wordt gefinancierd als de stemmers die het kozen het samen met hun delen kunnen betalen; de projecten die elke voorstander het minst kosten, gaan voor. Elke groep stemmers krijgt zijn eerlijke deel, niet alleen de meerderheid.',
  'vote.mesShort': 'gelijke delen',
  'vote.mesTitle': 'Gefinancierd volgens de methode van gelijke delen',
  'vote.minShareHint': (amount, percent) => `Besteed minstens ${amount} (${percent} van het budget).`,
  'vote.noFit': (left, cost) => `Niet genoeg budget over: nog ${left}, dit project kost ${cost}.`,
  'vote.noProjects': 'Geen enkel project past bij deze filters.',
  'vote.noneFunded': 'Geen enkel project wordt gefinancierd.',
  'vote.overBudget': (total) => `Uw projecten kosten meer dan het budget van ${total}.`,
  'vote.projectAdded': (label, left) => `${label} toegevoegd. Nog ${left} over.`,
  'vote.projectRemoved': (label, left) => `${label} verwijderd. Nog ${left} over.`,
  'vote.removeProject': 'Verwijderen',
  'vote.reviewIntro': 'Kijk de projecten hieronder na en bevestig dan uw stem. U kunt ze nog wijzigen.',
  'vote.showing': (shown, n) => (shown === n ? plural('nl', n, { one: '{n} project', other: '{n} projecten' }) : `${shown} van ${n} projecten getoond`),
  'vote.spent': (spent, total) => `${spent} gekozen van ${total}.`,
  'vote.spentOf': (spent, total) => `${spent} besteed van ${total}.`,
  'vote.tooLittle': (min) => `Kies projecten voor in totaal minstens ${min}.`,
  'vote.total': 'Totaal:',
  'vote.votesPerProject': 'Stemmen per project',
};

export default nl;
