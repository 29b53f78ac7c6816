import { plural } from '../../../i18n/plural.js';
import type { CountMessages } from '../count.messages.js';

/** Easy-read English for <civic-comment-count> (docs/easy-read.md), loaded only in easy-read mode. */
const easy: Partial<CountMessages> = {
  count: (n) => plural('en', n, { zero: 'No comments yet', one: '{n} comment', other: '{n} comments' }),
};
export default easy;
