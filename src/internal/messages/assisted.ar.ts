import type { AssistedMessages } from '../assisted.messages.js';

const ar: AssistedMessages = {
  bar: 'الوضع المصحوب بمرافقة',
  mediator: 'رمز الوسيط',
  mediatorNone: 'رمز الوسيط: لا يوجد',
  mediatorIs: (code) => `رمز الوسيط: ${code}`,
  mediatorHint: 'يُرسل مع كل إجابة حتى تتمكن الجهة المنظِّمة من إحصاء المساعدة المقدَّمة. يُحفظ إلى أن تُغلق هذه الصفحة.',
  mediatorSave: 'استخدام هذا الرمز',
  nextPerson: 'الشخص التالي',
  nextPersonHint: 'يمسح الاستمارة وكل ما كُتب فيها.',
  warningTitle: 'هل ما زلتم هنا؟',
  warning: (seconds) => `ستُمسح الاستمارة بعد ${seconds} ث، مع كل ما كُتب فيها.`,
  continue: 'متابعة',
  clearNow: 'المسح الآن',
};

export default ar;
