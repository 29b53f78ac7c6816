import { plural } from '../../../i18n/plural.js';
import type { BudgetMessages } from '../budget.messages.js';

/** Français facile à lire et à comprendre (FALC) pour le budget participatif et ses résultats (docs/easy-read.md). */
const easy: Partial<BudgetMessages> = {
  'vote.add': 'Ajouter à mon choix',
  'vote.all': 'Tous',
  'vote.budgetHint': (total) => `Choisissez les projets que vous voulez. Ensemble, ils doivent coûter ${total} ou moins.`,
  'vote.category': 'Type de projet',
  'vote.chooseProject': 'Choisissez 1\u00a0projet ou plus.',
  'vote.district': 'Quartier',
  'vote.fundedBy': (rules) => `Payé. Règle\u00a0: ${rules}`,
  'vote.greedyExplain': 'Nous prenons les projets dans l’ordre des votes. Le projet avec le plus de votes passe en premier. Nous payons un projet s’il reste assez d’argent. Sinon, nous passons au projet suivant.',
  'vote.greedyShort': 'le plus de votes',
  'vote.greedyTitle': 'Les projets avec le plus de votes sont payés',
  'vote.left': (left) => `Il reste ${left}.`,
  'vote.mesExplain': 'Chaque votant reçoit la même part de l’argent. Les personnes qui ont choisi un projet mettent leurs parts ensemble. Si cela suffit, le projet est payé. Les projets qui coûtent le moins à chaque personne passent en premier. Comme cela, chaque groupe de votants a sa juste part. Le plus grand groupe n’a pas tout.',
  'vote.mesShort': 'parts égales',
  'vote.mesTitle': 'Les projets payés avec des parts égales',
  'vote.minShareHint': (amount, percent) => `Choisissez des projets pour ${amount} ou plus. Cela fait ${percent} de l’argent.`,
  'vote.noFit': (left, cost) => `Il ne reste pas assez d’argent. Il reste ${left}. Ce projet coûte ${cost}.`,
  'vote.noProjects': 'Aucun projet ne correspond à ce que vous avez choisi.',
  'vote.noneFunded': 'Aucun projet n’est payé.',
  'vote.overBudget': (total) => `Vos projets coûtent trop cher. Vous pouvez dépenser ${total}.`,
  'vote.projectAdded': (label, left) => `${label} est dans votre choix. Il reste ${left}.`,
  'vote.projectRemoved': (label, left) => `${label} n’est plus dans votre choix. Il reste ${left}.`,
  'vote.removeProject': 'Enlever',
  'vote.reviewIntro': 'Vérifiez les projets ci-dessous. Puis envoyez votre vote. Vous pouvez encore changer les projets.',
  'vote.showing': (shown, n) => (shown === n ? plural('fr', n, { one: '{n}\u00a0projet', other: '{n}\u00a0projets' }) : `Vous voyez ${shown}\u00a0projets sur ${n}.`),
  'vote.spent': (spent, total) => `Vous avez choisi ${spent}. Vous pouvez dépenser ${total}.`,
  'vote.spentOf': (spent, total) => `Dépensé\u00a0: ${spent}. Argent en tout\u00a0: ${total}.`,
  'vote.tooLittle': (min) => `Choisissez des projets pour ${min} ou plus.`,
  'vote.total': 'En tout\u00a0:',
  'vote.votesPerProject': 'Votes pour chaque projet',
};
export default easy;
