import { isolate as iso, plural } from '../../../i18n/plural.js';
import type { BudgetMessages } from '../budget.messages.js';

const ar: BudgetMessages = {
  'vote.add': 'إضافة',
  'vote.all': 'الكل',
  'vote.budgetHint': (total) => `يُرجى اختيار المشاريع التي تريد تمويلها، في حدود ميزانية قدرها ${total}.`,
  'vote.category': 'الفئة',
  'vote.chooseProject': 'يُرجى اختيار مشروع واحد على الأقل.',
  'vote.district': 'الحيّ',
  'vote.fundedBy': (rules) => `مموَّل (${rules})`,
  'vote.greedyExplain': 'تُرتَّب المشاريع حسب عدد الأصوات، الأكثر أصواتًا أولًا. يُموَّل كل مشروع إذا كان لا يزال يتسع له ما تبقى من الميزانية؛ وإلا يُنتقل إلى المشروع التالي.',
  'vote.greedyShort': 'الأكثر أصواتًا',
  'vote.greedyTitle': 'مموَّلة وفق قاعدة الأكثر أصواتًا',
  'vote.left': (left) => `المتبقي ${left}.`,
  'vote.mesExplain': 'تُقسَّم الميزانية بالتساوي بين المصوّتين. يُموَّل المشروع عندما يستطيع المصوّتون الذين اختاروه دفع تكلفته معًا من حصصهم؛ وتأتي أولًا المشاريع الأقل تكلفة على كل واحد من مؤيديها. تحصل كل مجموعة من المصوّتين على نصيبها العادل، لا الأغلبية وحدها.',
  'vote.mesShort': 'الحصص المتساوية',
  'vote.mesTitle': 'مموَّلة وفق طريقة الحصص المتساوية',
  'vote.minShareHint': (amount, percent) => `يُرجى استخدام ${amount} على الأقل (${percent} من الميزانية).`,
  'vote.noFit': (left, cost) => `الميزانية المتبقية غير كافية: المتبقي ${left}، وتكلفة هذا المشروع ${cost}.`,
  'vote.noProjects': 'لا يوجد مشروع يطابق هذه المرشّحات.',
  'vote.noneFunded': 'لا يُموَّل أي مشروع.',
  'vote.overBudget': (total) => `تتجاوز تكلفة مشاريعك الميزانية البالغة ${total}.`,
  'vote.projectAdded': (label, left) => `أُضيف ${iso(label)}. المتبقي ${left}.`,
  'vote.projectRemoved': (label, left) => `أُزيل ${iso(label)}. المتبقي ${left}.`,
  'vote.removeProject': 'إزالة',
  'vote.reviewIntro': 'يُرجى مراجعة المشاريع أدناه ثم تأكيد صوتك. لا يزال بإمكانك تعديلها.',
  'vote.showing': (shown, n) =>
    shown === n
      ? plural('ar', n, { zero: 'لا توجد مشاريع', one: 'مشروع واحد', two: 'مشروعان', few: '{n} مشاريع', many: '{n} مشروعًا', other: '{n} مشروع' })
      : `عُرض ${shown} من ${plural('ar', n, { zero: '{n} مشروع', one: 'مشروع واحد', two: 'مشروعين', few: '{n} مشاريع', many: '{n} مشروعًا', other: '{n} مشروع' })}`,
  'vote.spent': (spent, total) => `اخترت ${spent} من أصل ${total}.`,
  'vote.spentOf': (spent, total) => `أُنفق ${spent} من أصل ${total}.`,
  'vote.tooLittle': (min) => `يُرجى اختيار مشاريع لا يقل مجموعها عن ${min}.`,
  'vote.total': 'المجموع:',
  'vote.votesPerProject': 'الأصوات لكل مشروع',
};

export default ar;
