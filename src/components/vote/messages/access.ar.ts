import type { AccessMessages } from '../access.messages.js';

const ar: AccessMessages = {
  code: 'رمز الدعوة',
  codeHint: 'الرمز المطبوع على الدعوة التي وصلتك.',
  codeRequired: 'يُرجى إدخال رمز الدعوة.',
  invalid_code: 'هذا الرمز غير صالح. يُرجى التحقق منه والمحاولة مرة أخرى.',
  code_used: 'سبق استخدام هذا الرمز للتصويت.',
  wrong_district: 'هذا الرمز خاص بحيّ آخر: بعض المشاريع التي اخترتها لا تقع فيه.',
  eligibility: 'قبل التصويت',
  mustAnswer: 'يُرجى الإجابة عن هذا السؤال.',
  mustBeYes: 'لا يحق التصويت إلا لمن يستوفي هذا الشرط.',
};

export default ar;
