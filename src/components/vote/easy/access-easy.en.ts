import type { AccessMessages } from '../access.messages.js';

/** Easy-read English for the invitation code and eligibility questions (docs/easy-read.md), loaded only in easy-read mode. */
const easy: Partial<AccessMessages> = {
  code: 'The code on your invitation',
  codeHint: 'This code is written on the invitation you got.',
  codeRequired: 'Write your code.',
  invalid_code: 'This code is not right. Check it. Then try again.',
  code_used: 'Someone already voted with this code.',
  wrong_district: 'This code is for another neighbourhood. Some projects you chose are not in your neighbourhood.',
  eligibility: 'Before you vote',
  mustAnswer: 'Answer this question.',
  mustBeYes: 'You can vote only if you answer yes.',
};
export default easy;
