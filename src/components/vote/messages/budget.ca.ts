import { plural } from '../../../i18n/plural.js';
import type { BudgetMessages } from '../budget.messages.js';

const ca: BudgetMessages = {
  'vote.add': 'Afegeix',
  'vote.all': 'Tots',
  'vote.budgetHint': (total) => `Triï els projectes que vol finançar, dins d’un pressupost de ${total}.`,
  'vote.category': 'Categoria',
  'vote.chooseProject': 'Triï almenys un projecte.',
  'vote.district': 'Barri',
  'vote.fundedBy': (rules) => `Finançat (${rules})`,
  'vote.greedyExplain': 'Els projectes es prenen per ordre de vots, el més votat primer. Cadascun es finança si encara cap en el que queda del pressupost; si no, es passa al següent.',
  'vote.greedyShort': 'més vots',
  'vote.greedyTitle': 'Finançats segons la regla dels més votats',
  'vote.left': (left) => `Queden ${left}.`,
  'vote.mesExplain': 'El pressupost es reparteix a parts iguals entre els votants. Un projecte es finança quan els votants que l’han triat el poden pagar junts amb les seves parts; primer van els projectes que costen menys a cadascun dels seus partidaris. Cada grup de votants rep la part que li correspon, no només la majoria.',
  'vote.mesShort': 'parts iguals',
  'vote.mesTitle': 'Finançats segons el mètode de parts iguals',
  'vote.minShareHint': (amount, percent) => `Faci servir almenys ${amount} (${percent} del pressupost).`,
  'vote.noFit': (left, cost) => `No queda prou pressupost: queden ${left} i aquest projecte costa ${cost}.`,
  'vote.noProjects': 'Cap projecte no coincideix amb aquests filtres.',
  'vote.noneFunded': 'No es finança cap projecte.',
  'vote.overBudget': (total) => `Els seus projectes costen més que el pressupost de ${total}.`,
  'vote.projectAdded': (label, left) => `${label} afegit. Queden ${left}.`,
  'vote.projectRemoved': (label, left) => `${label} tret. Queden ${left}.`,
  'vote.removeProject': 'Treu',
  'vote.reviewIntro': 'Revisi els projectes de sota i després confirmi el seu vot. Encara els pot canviar.',
  'vote.showing': (shown, n) => (shown === n ? plural('ca', n, { one: '{n} projecte', other: '{n} projectes' }) : `Es mostren ${shown} de ${n} projectes`),
  'vote.spent': (spent, total) => `${spent} triats de ${total}.`,
  'vote.spentOf': (spent, total) => `${spent} gastats de ${total}.`,
  'vote.tooLittle': (min) => `Triï projectes per un total d’almenys ${min}.`,
  'vote.total': 'Total:',
  'vote.votesPerProject': 'Vots per projecte',
};

export default ca;
