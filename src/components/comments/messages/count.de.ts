import { plural } from '../../../i18n/plural.js';
import type { CountMessages } from '../count.messages.js';

const de: CountMessages = {
  count: (n) => plural('de', n, { zero: 'Keine Kommentare', one: '{n} Kommentar', other: '{n} Kommentare' }),
};

export default de;
