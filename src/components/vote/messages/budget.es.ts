import { plural } from '../../../i18n/plural.js';
import type { BudgetMessages } from '../budget.messages.js';

const es: BudgetMessages = {
  'vote.add': 'Añadir',
  'vote.all': 'Todos',
  'vote.budgetHint': (total) => `Elija los proyectos que quiere financiar, dentro de un presupuesto de ${total}.`,
  'vote.category': 'Categoría',
  'vote.chooseProject': 'Elija al menos un proyecto.',
  'vote.district': 'Barrio',
  'vote.fundedBy': (rules) => `Financiado (${rules})`,
  'vote.greedyExplain': 'Los proyectos se toman por orden de votos, el más votado primero. Cada uno se financia si todavía cabe en lo que queda del presupuesto; si no, se pasa al siguiente.',
  'vote.greedyShort': 'más votos',
  'vote.greedyTitle': 'Financiados según la regla de los más votados',
  'vote.left': (left) => `Quedan ${left}.`,
  'vote.mesExplain': 'El presupuesto se reparte a partes iguales entre quienes votan. Un proyecto se financia cuando quienes lo eligieron pueden pagarlo juntos con sus partes; primero van los proyectos que menos cuestan a cada uno de sus partidarios. Cada grupo de votantes recibe la parte que le corresponde, no solo la mayoría.',
  'vote.mesShort': 'partes iguales',
  'vote.mesTitle': 'Financiados según el método de partes iguales',
  'vote.minShareHint': (amount, percent) => `Use al menos ${amount} (${percent} del presupuesto).`,
  'vote.noFit': (left, cost) => `No queda presupuesto suficiente: quedan ${left} y este proyecto cuesta ${cost}.`,
  'vote.noProjects': 'Ningún proyecto coincide con estos filtros.',
  'vote.noneFunded': 'No se financia ningún proyecto.',
  'vote.overBudget': (total) => `Sus proyectos cuestan más que el presupuesto de ${total}.`,
  'vote.projectAdded': (label, left) => `${label} añadido. Quedan ${left}.`,
  'vote.projectRemoved': (label, left) => `${label} quitado. Quedan ${left}.`,
  'vote.removeProject': 'Quitar',
  'vote.reviewIntro': 'Revise los proyectos de abajo y después confirme su voto. Todavía puede cambiarlos.',
  'vote.showing': (shown, n) => (shown === n ? plural('es', n, { one: '{n} proyecto', other: '{n} proyectos' }) : `Se muestran ${shown} de ${n} proyectos`),
  'vote.spent': (spent, total) => `${spent} elegidos de ${total}.`,
  'vote.spentOf': (spent, total) => `${spent} gastados de ${total}.`,
  'vote.tooLittle': (min) => `Elija proyectos por un total de al menos ${min}.`,
  'vote.total': 'Total:',
  'vote.votesPerProject': 'Votos por proyecto',
};

export default es;
