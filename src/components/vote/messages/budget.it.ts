import { plural } from '../../../i18n/plural.js';
import type { BudgetMessages } from '../budget.messages.js';

const it: BudgetMessages = {
  'vote.add': 'Aggiungi',
  'vote.all': 'Tutti',
  'vote.budgetHint': (total) => `Scelga i progetti che vuole finanziare, entro un budget di ${total}.`,
  'vote.category': 'Categoria',
  'vote.chooseProject': 'Scelga almeno un progetto.',
  'vote.district': 'Quartiere',
  'vote.fundedBy': (rules) => `Finanziato (${rules})`,
  'vote.greedyExplain': 'I progetti sono presi in ordine di voti, il più votato per primo. Ognuno è finanziato se rientra ancora in ciò che resta del budget; altrimenti si passa al successivo.',
  'vote.greedyShort': 'più voti',
  'vote.greedyTitle': 'Finanziati secondo la regola dei più votati',
  'vote.left': (left) => `Restano ${left}.`,
  'vote.mesExplain': 'Il budget è diviso in parti uguali tra chi vota. Un progetto è finanziato quando chi lo ha scelto può pagarlo insieme con le proprie quote; i progetti che costano meno a ciascuno dei loro sostenitori passano per primi. Ogni gruppo di votanti riceve la sua giusta parte, non solo la maggioranza.',
  'vote.mesShort': 'quote uguali',
  'vote.mesTitle': 'Finanziati secondo il metodo delle quote uguali',
  'vote.minShareHint': (amount, percent) => `Utilizzi almeno ${amount} (${percent} del budget).`,
  'vote.noFit': (left, cost) => `Budget residuo insufficiente: restano ${left}, questo progetto costa ${cost}.`,
  'vote.noProjects': 'Nessun progetto corrisponde a questi filtri.',
  'vote.noneFunded': 'Nessun progetto è finanziato.',
  'vote.overBudget': (total) => `I Suoi progetti costano più del budget di ${total}.`,
  'vote.projectAdded': (label, left) => `${label} aggiunto. Restano ${left}.`,
  'vote.projectRemoved': (label, left) => `${label} rimosso. Restano ${left}.`,
  'vote.removeProject': 'Rimuovi',
  'vote.reviewIntro': 'Ricontrolli i progetti qui sotto, poi confermi il Suo voto. Può ancora modificarli.',
  'vote.showing': (shown, n) => (shown === n ? plural('it', n, { one: '{n} progetto', other: '{n} progetti' }) : `${shown} progetti mostrati su ${n}`),
  'vote.spent': (spent, total) => `${spent} scelti su ${total}.`,
  'vote.spentOf': (spent, total) => `${spent} spesi su ${total}.`,
  'vote.tooLittle': (min) => `Scelga progetti per almeno ${min} in totale.`,
  'vote.total': 'Totale:',
  'vote.votesPerProject': 'Voti per progetto',
};

export default it;
