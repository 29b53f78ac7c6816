import type { AssistedMessages } from '../assisted.messages.js';

const es: AssistedMessages = {
  bar: 'Modo acompañado',
  mediator: 'Código de la persona mediadora',
  mediatorNone: 'Código de la persona mediadora: ninguno',
  mediatorIs: (code) => `Código de la persona mediadora: ${code}`,
  mediatorHint: 'Se envía con cada respuesta para que la entidad organizadora pueda contar la ayuda prestada. Se guarda hasta que se cierre esta página.',
  mediatorSave: 'Usar este código',
  nextPerson: 'Siguiente persona',
  nextPersonHint: 'Borra el formulario y todo lo escrito.',
  warningTitle: '¿Sigue ahí?',
  warning: (seconds) => `El formulario se borrará dentro de ${seconds} s, con todo lo escrito.`,
  continue: 'Continuar',
  clearNow: 'Borrar ahora',
};

export default es;
