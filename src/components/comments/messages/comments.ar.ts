import { arabic, formatNumber as num, isolate as iso, plural } from '../../../i18n/plural.js';
import { CHARS_ACC, MINUTES, SECONDS, ltr } from '../../../i18n/locales/ar.js';
import type { CommentsMessages } from '../comments.messages.js';

const n = (v: number) => num('ar', v);

/** <civic-comments> بالعربية الفصحى. */
const ar: CommentsMessages = {
  heading: 'التعليقات',
  count: (count) => plural('ar', count, { zero: 'لا توجد تعليقات بعد', one: 'تعليق واحد', two: 'تعليقان', few: '{n} تعليقات', many: '{n} تعليقًا', other: '{n} تعليق' }),
  stanceCounts: (f, a, neutral) => `مؤيد: ${n(f)}، معارض: ${n(a)}، محايد: ${n(neutral)}`,
  sortLabel: 'الترتيب',
  sort: { newest: 'الأحدث أولًا', oldest: 'الأقدم أولًا', supported: 'الأكثر تأييدًا أولًا' },
  empty: 'لا توجد تعليقات بعد. رأيك مرحَّب به.',
  commentsList: 'التعليقات',
  repliesTo: (name) => `الردود على ${iso(name)}`,
  more: (left) => `عرض مزيد من التعليقات (لم يُعرض بعد: ${n(left)})`,
  moreReplies: (left) => plural('ar', left, { zero: 'عرض مزيد من الردود', one: 'عرض ردّ آخر', two: 'عرض ردّين آخرين', few: 'عرض {n} ردود أخرى', many: 'عرض {n} ردًّا آخر', other: 'عرض {n} ردّ آخر' }),
  showReplies: (count) => plural('ar', count, { zero: 'عرض الردود', one: 'عرض الردّ', two: 'عرض الردّين', few: 'عرض الردود الـ{n}', many: 'عرض الردود الـ{n}', other: 'عرض الردود الـ{n}' }),
  newComments: (count) => plural('ar', count, { zero: 'عرض التعليقات الجديدة', one: 'عرض تعليق جديد', two: 'عرض تعليقين جديدين', few: 'عرض {n} تعليقات جديدة', many: 'عرض {n} تعليقًا جديدًا', other: 'عرض {n} تعليق جديد' }),
  newReplies: (count) => plural('ar', count, { zero: 'عرض الردود الجديدة', one: 'عرض ردّ جديد', two: 'عرض ردّين جديدين', few: 'عرض {n} ردود جديدة', many: 'عرض {n} ردًّا جديدًا', other: 'عرض {n} ردّ جديد' }),
  loadFailed: 'تعذّر تحميل هذه التعليقات.',
  official: 'رسمي',
  you: 'أنت',
  stance: { for: 'مؤيد', against: 'معارض', neutral: 'محايد' },
  edited: 'معدَّل',
  permalink: (name) => `رابط تعليق ${iso(name)}`,
  deleted: 'تعليق حذفه كاتبه.',
  removed: 'تعليق أخفاه المشرفون.',
  pending: 'بانتظار المراجعة: أنت وحدك ترى هذا التعليق إلى أن يوافق عليه أحد المشرفين.',
  waiting: 'بانتظار الإرسال: لا يوجد اتصال. التعليق محفوظ على هذا الجهاز وسيُرسَل تلقائيًا.',
  waitingRateLimited: 'بانتظار الإرسال: تصل تعليقات كثيرة من اتصالك. التعليق محفوظ على هذا الجهاز وسيُرسَل تلقائيًا.',
  sent: 'أُرسل.',
  reply: 'ردّ',
  replyTo: (name) => `الردّ على ${iso(name)}`,
  support: 'تأييد',
  supports: (count) => plural('ar', count, { zero: '{n} تأييد', one: 'تأييد واحد', two: 'تأييدان', few: '{n} تأييدات', many: '{n} تأييدًا', other: '{n} تأييد' }),
  flag: 'إبلاغ',
  flagged: 'تم الإبلاغ',
  edit: 'تعديل',
  delete: 'حذف',
  save: 'حفظ',
  cancel: 'إلغاء',
  confirmDelete: 'هل تريد حذف هذا التعليق نهائيًا؟',
  yesDelete: 'نعم، حذف التعليق',
  editableUntil: (time, minutes) =>
    minutes < 1
      ? `يمكنك تعديله أو حذفه حتى ${time} (المتبقي أقل من دقيقة).`
      : plural('ar', minutes, arabic((w) => `يمكنك تعديله أو حذفه حتى ${time} (المتبقي: ${w}).`, ['{n} دقيقة', 'دقيقة واحدة', 'دقيقتان', '{n} دقائق', '{n} دقيقةً', '{n} دقيقة'])),
  editBody: 'تعليقك',
  editWindowClosed: 'انتهت مهلة تعديل هذا التعليق أو حذفه.',
  editEndsSoon: (time, minutes) =>
    minutes < 1
      ? `تنتهي مهلة تعديل هذا التعليق في ${time} (بعد أقل من دقيقة).`
      : plural('ar', minutes, arabic((w) => `تنتهي مهلة تعديل هذا التعليق في ${time} (بعد ${w}).`, MINUTES)),
  moreTime: 'مزيد من الوقت',
  moreTimeGiven: (minutes, time) =>
    minutes < 1
      ? `لديك أقل من دقيقة لتعديل هذا التعليق (حتى ${time}).`
      : plural('ar', minutes, arabic((w) => `أصبح لديك ${w} لتعديل هذا التعليق (حتى ${time}).`, ['{n} دقيقة', 'دقيقة واحدة', 'دقيقتان', '{n} دقائق', '{n} دقيقةً', '{n} دقيقة'])),
  moreTimeLeft: (count) => `المرات المتبقية لطلب مزيد من الوقت: ${n(count)}.`,
  noMoreTime: 'لا يمكنك طلب مزيد من الوقت بعد الآن.',
  moreTimeOffline: 'لا يوجد اتصال: تعذّر طلب مزيد من الوقت. نصّك محفوظ هنا؛ أعد المحاولة عند عودة الاتصال.',
  forbidden: 'لا يمكن تغيير هذا التعليق إلا من الجهاز الذي كُتب عليه.',
  gone: 'هذا التعليق لم يعد متاحًا.',
  deletedDone: 'حُذف تعليقك.',
  focusNote: 'تشاهد تعليقًا واحدًا والمحادثة التي أدّت إليه.',
  focusBack: 'عرض جميع التعليقات',
  focusMissing: 'هذا التعليق غير متاح: إما أنه حُذف أو أُخفي، أو أن الرابط خاطئ.',
  flagTitle: 'الإبلاغ عن هذا التعليق',
  flagIntro: 'أخبر المشرفين بما هو غير مناسب. لن يعرف كاتب التعليق من أبلغ عنه.',
  flagReason: 'السبب',
  flagReasons: { spam: 'رسائل مزعجة أو إعلانات', abuse: 'شتائم أو تحرّش أو كراهية', off_topic: 'خارج الموضوع', personal_data: 'يكشف بيانات شخصية لأحد الأشخاص', other: 'سبب آخر' },
  flagDetail: 'تفاصيل (اختياري)',
  flagSend: 'إرسال البلاغ',
  flagThanks: 'شكرًا لك: سيطّلع المشرفون على هذا التعليق.',
  formTitle: 'إضافة تعليق',
  replyFormTitle: (name) => `ردّك على ${iso(name)}`,
  name: 'اسمك أو اسم مستعار',
  nameHint: 'يظهر مع تعليقك، ويُحفظ على هذا الجهاز للمرة القادمة.',
  notify: 'أخبرني بالبريد الإلكتروني عندما يردّ أحد',
  email: 'البريد الإلكتروني',
  emailHint: 'نرسل إليك أولًا رابطًا للتأكيد. لا يُعرض عنوانك أبدًا، وتتضمن كل رسالة رابطًا لإيقاف الإشعارات.',
  body: 'تعليقك',
  replyBody: 'ردّك',
  bodyHint: 'نص عادي: اترك سطرًا فارغًا بين الفقرات. تتحول عناوين الويب إلى روابط.',
  stanceLegend: 'موقفك (اختياري)',
  stanceNone: 'بلا موقف',
  charsLeft: (left) => plural('ar', left, { zero: 'لم يبقَ أي حرف', one: 'بقي حرف واحد', two: 'بقي حرفان', few: 'بقيت {n} أحرف', many: 'بقي {n} حرفًا', other: 'بقي {n} حرف' }),
  charsOver: (over) => plural('ar', over, { zero: '{n} حرف زائد', one: 'حرف واحد زائد', two: 'حرفان زائدان', few: '{n} أحرف زائدة', many: '{n} حرفًا زائدًا', other: '{n} حرف زائد' }),
  draftNote: 'يبقى ما تكتبه محفوظًا على هذا الجهاز إلى أن ترسله.',
  honeypot: 'اترك هذا الحقل فارغًا',
  publish: 'نشر',
  publishReply: 'نشر الردّ',
  errorsTitle: 'توجد مشكلة',
  error: {
    nameRequired: 'يُرجى إدخال اسم أو اسم مستعار.',
    nameTooLong: 'يُرجى ألا يتجاوز اسمك 80 حرفًا.',
    bodyRequired: 'يُرجى كتابة تعليقك.',
    tooLong: (max) => plural('ar', max, arabic((w) => `يُرجى ألا يتجاوز النص ${w}.`, CHARS_ACC)),
    email: `يُرجى إدخال عنوان بريد إلكتروني مثل ${ltr('name@example.com')}.`,
    emailRequired: 'يُرجى إدخال عنوان بريدك الإلكتروني، أو إلغاء تحديد المربع أعلاه.',
    notAllowed: 'هذا النص يخالف قواعد هذه المناقشة. يُرجى تعديله والمحاولة مرة أخرى.',
    unknownParent: 'التعليق الذي تردّ عليه لم يعد متاحًا.',
    tooDeep: 'لا يمكن أن تتفرع الردود أكثر من ذلك هنا.',
  },
  published: 'نُشر تعليقك.',
  awaiting: 'شكرًا لك: سيظهر تعليقك بعد أن يوافق عليه أحد المشرفين.',
  queued: 'لا يوجد اتصال حاليًا: تعليقك محفوظ على هذا الجهاز وسيُرسَل تلقائيًا.',
  rateLimited: (seconds) =>
    seconds > 90
      ? plural('ar', Math.ceil(seconds / 60), arabic((w) => `تصل الآن تعليقات كثيرة من اتصالك. تعليقك محفوظ على هذا الجهاز وسيُرسَل تلقائيًا بعد ${w} تقريبًا.`, MINUTES))
      : plural('ar', seconds, arabic((w) => `تصل الآن تعليقات كثيرة من اتصالك. تعليقك محفوظ على هذا الجهاز وسيُرسَل تلقائيًا بعد ${w}.`, SECONDS)),
  synced: 'أُرسل تعليقك الذي كان محفوظًا على هذا الجهاز.',
  rejectedLater: (reason) => `تعذّر نشر تعليقك المحفوظ على هذا الجهاز: ${reason}`,
  closedNote: 'هذه المناقشة مغلقة: لم يعد بالإمكان إضافة تعليقات.',
  scheduledNote: 'لم تُفتح هذه المناقشة بعد.',
};

export default ar;
