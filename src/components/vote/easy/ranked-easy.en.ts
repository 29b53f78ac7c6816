import { plural } from '../../../i18n/plural.js';
import type { RankedMessages } from '../ranked.messages.js';

/** Easy-read English for the ranked ballot and its results (docs/easy-read.md), loaded only in easy-read mode. */
const easy: Partial<RankedMessages> = {
  'vote.addRank': 'Add to my list',
  'vote.bordaExplain': 'Each vote gives points. The first choice gets the most points. The last choice gets 0 points. The answer with the most points wins.',
  'vote.bordaTitle': 'Counting with points',
  'vote.countsCol': 'Votes',
  'vote.eliminatedCol': 'Out of the vote',
  'vote.exhaustedCol': 'Votes with no choice left',
  'vote.firstChoices': (n) => plural('en', n, { one: '{n} person put it first', other: '{n} people put it first' }),
  'vote.irvExplain': 'We count in rounds. In each round, the answer that is first on the fewest votes is out. Its votes go to the next choice on each vote. A vote with no choice left does not count any more. An answer wins when it has more than half of the votes.',
  'vote.irvTitle': 'Counting in rounds',
  'vote.moveDown': (label) => `Move ${label} down`,
  'vote.moveUp': (label) => `Move ${label} up`,
  'vote.moved': (label, i, n) => `${label} is now number ${i} out of ${n}.`,
  'vote.noWinner': 'Nobody wins. Some answers have the same result.',
  'vote.notRanked': 'Not in my list yet',
  'vote.optionCount': (label, count) => `${label}: ${count}`,
  'vote.points': (n) => plural('en', n, { one: '{n} point', other: '{n} points' }),
  'vote.position': (i, n) => `number ${i} out of ${n}`,
  'vote.rankAdded': (label, i) => `${label} is in your list. It is number ${i}.`,
  'vote.rankEmpty': 'Your list is empty.',
  'vote.rankHint': 'Make your list. Add the answers in order. Add the one you like most first.',
  'vote.rankKeys': 'In your list, you can move an answer with the up and down arrow keys.',
  'vote.rankRange': (min, max, n) =>
    min === n
      ? `Put all ${n} answers in your list.`
      : min === max
        ? plural('en', min, { one: 'Put {n} answer in your list.', other: 'Put {n} answers in your list.' })
        : min <= 1
          ? plural('en', max, { one: 'Put {n} answer in your list.', other: 'You can put up to {n} answers in your list.' })
          : `Put between ${min} and ${max} answers in your list.`,
  'vote.rankRemoved': (label) => `${label} is out of your list.`,
  'vote.rankTooFew': (min) => plural('en', min, { one: 'Put {n} answer or more in your list.', other: 'Put {n} answers or more in your list.' }),
  'vote.removeRank': (label) => `Take ${label} out of my list`,
  'vote.roundCol': 'Round',
  'vote.winner': (label) => `The winner is: ${label}`,
  'vote.yourRanking': 'Your list',
};
export default easy;
