import { plural } from '../../../i18n/plural.js';
import type { CountMessages } from '../count.messages.js';

const ca: CountMessages = {
  count: (n) => plural('ca', n, { zero: 'Cap comentari', one: '{n} comentari', other: '{n} comentaris' }),
};

export default ca;
