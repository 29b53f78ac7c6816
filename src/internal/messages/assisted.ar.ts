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
  badMode: (tag, value, known) => `mode="${value}" في <${tag}> ليس وضعًا يعرفه (${known}). اكتبوا mode="assisted" لمحطة يرافق فيها وسيطٌ السكان، أو احذفوا السمة.`,
  badResetAfter: (tag, value) => `reset-after="${value}" في <${tag}> ليس عددًا من الدقائق. اكتبوا مثلًا reset-after="3" (القيمة 0 توقف المسح التلقائي).`,
  badMediator: (tag) => `رمز الوسيط في <${tag}> طويل جدًا أو يحتوي على محارف تحكّم: 64 محرفًا على الأكثر، مثلًا mediator="FS-Lyon-3".`,
};

export default ar;
