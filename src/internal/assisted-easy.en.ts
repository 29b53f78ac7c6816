import type { AssistedMessages } from './assisted.messages.js';

/**
 * Easy-read English for what assisted mode shows the resident (docs/easy-read.md): the warning
 * before the form is emptied. The mediator's bar keeps its wording.
 */
const easy: Partial<AssistedMessages> = {
  warningTitle: 'Are you still here?',
  warning: (seconds) => `The form will be emptied in ${seconds} seconds. Everything you wrote will be deleted.`,
  continue: 'I am still here',
  clearNow: 'Empty the form now',
};
export default easy;
