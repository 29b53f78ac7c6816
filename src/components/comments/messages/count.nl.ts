import { plural } from '../../../i18n/plural.js';
import type { CountMessages } from '../count.messages.js';

const nl: CountMessages = {
  count: (n) => plural('nl', n, { zero: 'Geen reacties', one: '{n} reactie', other: '{n} reacties' }),
};

export default nl;
