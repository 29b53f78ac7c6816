import { plural } from '../../../i18n/plural.js';
import type { CountMessages } from '../count.messages.js';

const es: CountMessages = {
  count: (n) => plural('es', n, { zero: 'Sin comentarios', one: '{n} comentario', other: '{n} comentarios' }),
};

export default es;
