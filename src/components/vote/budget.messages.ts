/**
 * The interface strings of the budget renderer, in its own lazy chunk so that the one-file bundle
 * does not carry them for polls. Same rules as src/i18n/translations: English defines the keys,
 * French typography uses a non-breaking space before : ; ? ! and %. Each other language is a file
 * of messages/ typed against English, loaded on demand.
 * @internal
 */
import { Catalog } from '../../i18n/localize.js';
import { plural } from '../../i18n/plural.js';

const en = {
  'vote.add': 'Add',
  'vote.all': 'All',
  'vote.budgetHint': (total: string) => `Choose the projects you want funded, within a budget of ${total}.`,
  'vote.category': 'Category',
  'vote.chooseProject': 'Choose at least one project.',
  'vote.district': 'District',
  'vote.fundedBy': (rules: string) => `Funded (${rules})`,
  'vote.greedyExplain': 'Projects are taken in order of votes, the most voted first. Each one is funded if it still fits in what is left of the budget; otherwise the next one is tried.',
  'vote.greedyShort': 'most votes',
  'vote.greedyTitle': 'Funded by the most-votes rule',
  'vote.left': (left: string) => `${left} left.`,
  'vote.mesExplain': 'The budget is shared equally between the voters. A project is funded when the voters who chose it can pay for it together out of their shares; the projects that cost each supporter least go first. Every group of voters gets its fair share, not only the majority.',
  'vote.mesShort': 'equal shares',
  'vote.mesTitle': 'Funded by the method of equal shares',
  'vote.minShareHint': (amount: string, percent: string) => `Spend at least ${amount} (${percent} of the budget).`,
  'vote.noFit': (left: string, cost: string) => `Not enough budget left: ${left} left, this costs ${cost}.`,
  'vote.noProjects': 'No project matches these filters.',
  'vote.noneFunded': 'No project is funded.',
  'vote.overBudget': (total: string) => `Your projects cost more than the budget of ${total}.`,
  'vote.projectAdded': (label: string, left: string) => `${label} added. ${left} left.`,
  'vote.projectRemoved': (label: string, left: string) => `${label} removed. ${left} left.`,
  'vote.removeProject': 'Remove',
  'vote.reviewIntro': 'Check the projects below, then confirm your vote. You can still change them.',
  'vote.showing': (shown: number, n: number) => (shown === n ? plural('en', n, { one: '{n} project', other: '{n} projects' }) : `${shown} of ${n} projects shown`),
  'vote.spent': (spent: string, total: string) => `${spent} chosen out of ${total}.`,
  'vote.spentOf': (spent: string, total: string) => `${spent} spent out of ${total}.`,
  'vote.tooLittle': (min: string) => `Choose projects worth at least ${min} in total.`,
  'vote.total': 'Total:',
  'vote.votesPerProject': 'Votes per project',
};
export type BudgetMessages = typeof en;

const fr: BudgetMessages = {
  'vote.add': 'Ajouter',
  'vote.all': 'Tous',
  'vote.budgetHint': (total) => `Choisissez les projets que vous voulez financer, dans la limite d’un budget de ${total}.`,
  'vote.category': 'Catégorie',
  'vote.chooseProject': 'Choisissez au moins un projet.',
  'vote.district': 'Quartier',
  'vote.fundedBy': (rules) => `Financé (${rules})`,
  'vote.greedyExplain': 'Les projets sont pris par ordre de voix, le plus soutenu d’abord. Chacun est financé s’il tient encore dans ce qui reste du budget\u00a0; sinon on passe au suivant.',
  'vote.greedyShort': 'plus grand nombre de voix',
  'vote.greedyTitle': 'Financés selon la règle du plus grand nombre de voix',
  'vote.left': (left) => `Reste ${left}.`,
  'vote.mesExplain': 'Le budget est partagé à parts égales entre les votants. Un projet est financé quand ceux qui l’ont choisi peuvent le payer ensemble avec leurs parts\u00a0; les projets qui coûtent le moins à chacun de leurs soutiens passent d’abord. Chaque groupe de votants reçoit sa juste part, pas seulement la majorité.',
  'vote.mesShort': 'parts égales',
  'vote.mesTitle': 'Financés selon la méthode des parts égales',
  'vote.minShareHint': (amount, percent) => `Utilisez au moins ${amount} (${percent} du budget).`,
  'vote.noFit': (left, cost) => `Budget restant insuffisant\u00a0: il reste ${left}, ce projet coûte ${cost}.`,
  'vote.noProjects': 'Aucun projet ne correspond à ces filtres.',
  'vote.noneFunded': 'Aucun projet n’est financé.',
  'vote.overBudget': (total) => `Vos projets coûtent plus que le budget de ${total}.`,
  'vote.projectAdded': (label, left) => `${label} ajouté. Reste ${left}.`,
  'vote.projectRemoved': (label, left) => `${label} retiré. Reste ${left}.`,
  'vote.removeProject': 'Retirer',
  'vote.reviewIntro': 'Vérifiez les projets ci-dessous, puis confirmez votre vote. Vous pouvez encore les modifier.',
  'vote.showing': (shown, n) => (shown === n ? plural('fr', n, { one: '{n}\u00a0projet', other: '{n}\u00a0projets' }) : `${shown}\u00a0projets affichés sur ${n}`),
  'vote.spent': (spent, total) => `${spent} choisis sur ${total}.`,
  'vote.spentOf': (spent, total) => `${spent} dépensés sur ${total}.`,
  'vote.tooLittle': (min) => `Choisissez des projets pour au moins ${min} au total.`,
  'vote.total': 'Total\u00a0:',
  'vote.votesPerProject': 'Voix par projet',
};

/** English and French here; the other languages load on demand, one chunk each (messages/budget.<lang>.ts). */
export const budgetCatalog = new Catalog(
  en,
  fr,
  {
    nl: () => import('./messages/budget.nl.js'),
    de: () => import('./messages/budget.de.js'),
    es: () => import('./messages/budget.es.js'),
    it: () => import('./messages/budget.it.js'),
    ca: () => import('./messages/budget.ca.js'),
    ar: () => import('./messages/budget.ar.js'),
  },
  // Easy-read wording (docs/easy-read.md): loaded only for a widget in easy-read mode.
  { en: () => import('./easy/budget-easy.en.js'), fr: () => import('./easy/budget-easy.fr.js') },
);
