import { plural } from '../../../i18n/plural.js';
import type { CountMessages } from '../count.messages.js';

const ar: CountMessages = {
  count: (n) => plural('ar', n, { zero: 'لا توجد تعليقات', one: 'تعليق واحد', two: 'تعليقان', few: '{n} تعليقات', many: '{n} تعليقًا', other: '{n} تعليق' }),
};

export default ar;
