import { plural } from '../../../i18n/plural.js';
import type { CountMessages } from '../count.messages.js';

const it: CountMessages = {
  count: (n) => plural('it', n, { zero: 'Nessun commento', one: '{n} commento', other: '{n} commenti' }),
};

export default it;
