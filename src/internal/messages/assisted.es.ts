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
  badMode: (tag, value, known) => `mode="${value}" de <${tag}> no es un modo que conozca (${known}). Escriba mode="assisted" para un puesto acompañado por una persona mediadora, o quite el atributo.`,
  badResetAfter: (tag, value) => `reset-after="${value}" de <${tag}> no es un número de minutos. Escriba por ejemplo reset-after="3" (0 desactiva el borrado automático).`,
  badMediator: (tag) => `El código de la persona mediadora de <${tag}> es demasiado largo o contiene caracteres de control: 64 caracteres como máximo, por ejemplo mediator="FS-Lyon-3".`,
};

export default es;
