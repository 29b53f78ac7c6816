import { plural } from '../../../i18n/plural.js';
import type { BudgetMessages } from '../budget.messages.js';

/** Easy-read English for the participatory budget ballot and its results (docs/easy-read.md), loaded only in easy-read mode. */
const easy: Partial<BudgetMessages> = {
  'vote.add': 'Add to my choice',
  'vote.all': 'All',
  'vote.budgetHint': (total) => `Choose the projects you want. All together, they must cost ${total} or less.`,
  'vote.category': 'Kind of project',
  'vote.chooseProject': 'Choose 1 project or more.',
  'vote.district': 'Neighbourhood',
  'vote.fundedBy': (rules) => `Paid for. Rule: ${rules}`,
  'vote.greedyExplain': 'We take the projects in order of votes. The project with the most votes comes first. We pay for a project if there is enough money left. If not, we go to the next project.',
  'vote.greedyShort': 'most votes',
  'vote.greedyTitle': 'The projects with the most votes are paid for',
  'vote.left': (left) => `There is ${left} left.`,
  'vote.mesExplain': 'Each voter gets the same part of the money. The people who chose a project put their parts together. If this is enough, the project is paid for. The projects that cost each person the least come first. This way, every group of voters gets its fair part. The biggest group does not get everything.',
  'vote.mesShort': 'equal parts',
  'vote.mesTitle': 'The projects paid for with equal parts',
  'vote.minShareHint': (amount, percent) => `Choose projects for ${amount} or more. That is ${percent} of the money.`,
  'vote.noFit': (left, cost) => `There is not enough money left. There is ${left} left. This project costs ${cost}.`,
  'vote.noProjects': 'No project matches what you chose.',
  'vote.noneFunded': 'No project is paid for.',
  'vote.overBudget': (total) => `Your projects cost too much. You can spend ${total}.`,
  'vote.projectAdded': (label, left) => `${label} is in your choice. There is ${left} left.`,
  'vote.projectRemoved': (label, left) => `${label} is out of your choice. There is ${left} left.`,
  'vote.removeProject': 'Take out',
  'vote.reviewIntro': 'Check the projects below. Then send your vote. You can still change the projects.',
  'vote.showing': (shown, n) => (shown === n ? plural('en', n, { one: '{n} project', other: '{n} projects' }) : `You see ${shown} projects out of ${n}.`),
  'vote.spent': (spent, total) => `You chose ${spent}. You can spend ${total}.`,
  'vote.spentOf': (spent, total) => `Spent: ${spent}. All the money: ${total}.`,
  'vote.tooLittle': (min) => `Choose projects for ${min} or more.`,
  'vote.total': 'All together:',
  'vote.votesPerProject': 'Votes for each project',
};
export default easy;
