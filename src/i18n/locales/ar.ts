import { arabic, isolate as iso, plural, type ArabicWords } from '../plural.js';
import type { Messages } from '../translations/en.js';

/** Code, addresses and URLs, left to right inside an Arabic sentence. */
export const ltr = (s: string) => iso(s, 'ltr');

/** Counted words shared by the Arabic tables (0, 1, 2, 3-10, 11-99, 100+), after a preposition or as object. */
export const SECONDS: ArabicWords = ['{n} ثانية', 'ثانية واحدة', 'ثانيتين', '{n} ثوانٍ', '{n} ثانيةً', '{n} ثانية'];
export const MINUTES: ArabicWords = ['{n} دقيقة', 'دقيقة واحدة', 'دقيقتين', '{n} دقائق', '{n} دقيقةً', '{n} دقيقة'];
export const OPTIONS: ArabicWords = ['{n} خيار', 'خيار واحد', 'خيارين', '{n} خيارات', '{n} خيارًا', '{n} خيار'];
export const ANSWERS: ArabicWords = ['{n} إجابة', 'إجابة واحدة', 'إجابتين', '{n} إجابات', '{n} إجابةً', '{n} إجابة'];
export const CHARS: ArabicWords = ['{n} حرف', 'حرف واحد', 'حرفين', '{n} أحرف', '{n} حرفًا', '{n} حرف'];
/** Characters as the object of a verb ("must not exceed…"). */
export const CHARS_ACC: ArabicWords = ['{n} حرف', 'حرفًا واحدًا', 'حرفين', '{n} أحرف', '{n} حرفًا', '{n} حرف'];
/** Votes, standing alone ("2 votes"). */
const VOTES: ArabicWords = ['{n} صوت', 'صوت واحد', 'صوتان', '{n} أصوات', '{n} صوتًا', '{n} صوت'];

/** نصوص الواجهة بالعربية الفصحى، تُحمَّل عندما تكون لغة الأداة العربية. */
const ar: Messages = {
  loading: 'جارٍ التحميل…',
  retry: 'إعادة المحاولة',
  submit: 'إرسال',
  submitting: 'جارٍ الإرسال…',
  required: 'إلزامي',
  errorSummaryTitle: 'توجد مشكلة',
  fieldError: (label, message) => `${iso(label)}: ${message}`,
  errorSummaryIntro: (n) => plural('ar', n, arabic((w) => `يُرجى تصحيح ${w}:`, ['الإجابات التالية', 'الإجابة التالية', 'الإجابتين التاليتين', '{n} إجابات', '{n} إجابةً', '{n} إجابة'])),
  queued: 'لا يوجد اتصال حاليًا. حُفظت إجابتك على هذا الجهاز وستُرسَل تلقائيًا فور عودة الاتصال.',
  synced: 'أُرسلت الآن إجابتك التي كانت محفوظة على هذا الجهاز.',
  scheduled: (date) => `يبدأ في ${date}.`,
  closedOn: (date) => `مغلق منذ ${date}.`,
  closed: 'هذا مغلق.',
  closesOn: (date) => `مفتوح حتى ${date}.`,
  offlineCopy: 'أنت غير متصل بالإنترنت: هذه هي النسخة المحفوظة على هذا الجهاز. ما ترسله سيصل عند عودة الاتصال.',
  'error.offline': 'يبدو أنك غير متصل بالإنترنت. يُرجى التحقق من الاتصال ثم المحاولة مرة أخرى.',
  'error.timeout': 'يستغرق الخادم وقتًا طويلًا للرد. يُرجى المحاولة مرة أخرى بعد قليل.',
  'error.rate_limited': (seconds) => plural('ar', seconds, arabic((w) => `محاولات كثيرة جدًا من هذا الاتصال. يُرجى المحاولة مرة أخرى بعد ${w}.`, SECONDS)),
  'error.server': 'واجه الخادم مشكلة. إجابتك لم تضِع: يُرجى المحاولة مرة أخرى بعد قليل.',
  'error.missing_part': `تعذّر تنزيل جزء من هذه الأداة. يجب أن يقدّم الموقع مجلد ${ltr('civic-widgets')} كاملًا، بما فيه ${ltr('chunks/')}.`,
  'error.bad_response': 'أرسل الخادم ردًا لا تستطيع هذه الصفحة قراءته. يُرجى المحاولة مرة أخرى لاحقًا.',
  'error.not_found': 'هذا المحتوى غير موجود على الخادم (أو لم يعد موجودًا).',
  'error.closed': 'هذا مغلق: لم تعد الإجابات مقبولة.',
  'error.not_open': 'لم يُفتح هذا بعد.',
  'error.already_submitted': 'سبق إرسال إجابة من هذا الجهاز.',
  'error.conflict': 'تتعارض هذه الإجابة مع إجابة وصلت من قبل.',
  'error.validation': 'بعض الإجابات تحتاج إلى تصحيح.',
  'error.too_large': 'ما أرسلته كبير جدًا.',
  'error.unauthorized': 'تم رفض الوصول.',
  'error.bad_request': 'رفض الخادم الطلب.',
  'error.results_hidden': 'النتائج ليست علنية بعد.',
  'field.required': 'هذه الإجابة إلزامية.',
  'field.too_few': (min) => plural('ar', min, arabic((w) => `يُرجى اختيار ${w} على الأقل.`, OPTIONS)),
  'field.too_many': (max) => plural('ar', max, arabic((w) => `يُرجى اختيار ${w} على الأكثر.`, OPTIONS)),
  'field.invalid': 'هذه الإجابة غير صالحة.',
  'config.title': 'هذه الأداة غير مضبوطة بشكل صحيح',
  'config.missingEndpoint': (tag) => `العنصر ${ltr(`<${tag}>`)} ليس له عنوان خادم (endpoint). أضف إليه ${ltr('endpoint="https://…/api"')}، أو ضعه داخل عنصر ${ltr('<civic-config endpoint="…">')}.`,
  'config.badEndpoint': (tag, value) => `عنوان الخادم «${ltr(value)}» في ${ltr(`<${tag}>`)} ليس عنوان URL صالحًا. استخدم عنوان واجهة البرمجة، مثل ${ltr('https://town.example/api')}.`,
  'config.missingId': (tag, attribute) => `العنصر ${ltr(`<${tag}>`)} ليس له السمة ${ltr(attribute)}. أضف ${ltr(`${attribute}="…"`)} مع المعرّف الذي تعطيه لوحة الإدارة.`,
  'config.unknownWidget': (name, known) => `${ltr(`data-civic-widget="${name}"`)} لا يشير إلى أي أداة من civic-widgets. استخدم إحدى هذه: ${ltr(known)}.`,
  'config.unknownId': (tag, attribute, value) => `لا يعرف الخادم أي محتوى له ${ltr(`${attribute}="${value}"`)}. تحقّق من السمة ${ltr(attribute)} في ${ltr(`<${tag}>`)}.`,
  'config.unreachable': (endpoint) => `يتعذّر الوصول إلى الخادم ${ltr(endpoint)}. تحقّق من السمة endpoint، أو من أن الخادم يسمح لهذا الموقع (CORS).`,
  'config.badMode': (tag, value, known) => `${ltr(`mode="${value}"`)} في ${ltr(`<${tag}>`)} ليس وضعًا يعرفه (${ltr(known)}). اكتبوا ${ltr('mode="assisted"')} لمحطة يرافق فيها وسيطٌ السكان، أو احذفوا السمة.`,
  'config.badResetAfter': (tag, value) => `${ltr(`reset-after="${value}"`)} في ${ltr(`<${tag}>`)} ليس عددًا من الدقائق. اكتبوا مثلًا ${ltr('reset-after="3"')} (القيمة 0 توقف المسح التلقائي).`,
  'config.badMediator': (tag) => `رمز الوسيط في ${ltr(`<${tag}>`)} طويل جدًا أو يحتوي على محارف تحكّم: 64 محرفًا على الأكثر، مثلًا ${ltr('mediator="FS-Lyon-3"')}.`,
  'vote.chooseOne': 'يُرجى اختيار إجابة واحدة.',
  'vote.chooseRange': (min, max) => (min === max ? plural('ar', min, arabic((w) => `يُرجى اختيار ${w}.`, ANSWERS)) : `يُرجى اختيار ما بين ${min} و${plural('ar', max, arabic((w) => w, ANSWERS))}.`),
  'vote.chooseUpTo': (max) => plural('ar', max, arabic((w) => `يمكنك اختيار ${w} كحد أقصى.`, ANSWERS)),
  'vote.submit': 'تصويت',
  'vote.thanks': 'شكرًا لك، تم احتساب صوتك.',
  'vote.alreadyVoted': 'سبق التصويت من هذا الجهاز.',
  'vote.resultsTitle': 'النتائج',
  'vote.resultsAfterClose': (date) => `ستُنشر النتائج عند انتهاء التصويت، في ${date}.`,
  'vote.resultsAfterCloseNoDate': 'ستُنشر النتائج عند انتهاء التصويت.',
  'vote.ballots': (n) => plural('ar', n, arabic((w) => w, ['لا توجد أصوات بعد', ...VOTES.slice(1)] as typeof VOTES)),
  'vote.count': (n) => plural('ar', n, arabic((w) => w, VOTES)),
  'vote.edit': 'تعديل ما اخترته',
  'vote.review': 'مراجعة ما اخترته',
  'vote.reviewTitle': 'مراجعة اختيارك',
  'vote.reviewChoices': 'يُرجى مراجعة اختيارك أدناه ثم تأكيد صوتك. لا يزال بإمكانك تعديله.',
  'vote.yourChoices': 'اختياراتك:',
  'vote.optionResult': (label, percent, votes) => `${iso(label)}: ${percent} (${votes})`,
  'vote.yourChoice': 'اختيارك',
  'vote.queued': 'لا يوجد اتصال حاليًا. حُفظ صوتك على هذا الجهاز وسيُرسَل تلقائيًا فور عودة الاتصال.',
  'vote.rateLimited': (seconds) =>
    seconds > 90
      ? plural('ar', Math.ceil(seconds / 60), arabic((w) => `تصل الآن أصوات كثيرة من اتصالك. صوتك محفوظ على هذا الجهاز وسيُرسَل تلقائيًا بعد ${w} تقريبًا.`, MINUTES))
      : plural('ar', seconds, arabic((w) => `تصل الآن أصوات كثيرة من اتصالك. صوتك محفوظ على هذا الجهاز وسيُرسَل تلقائيًا بعد ${w}.`, SECONDS)),
  'vote.synced': 'أُرسل صوتك الذي كان محفوظًا على هذا الجهاز وتم احتسابه.',
  'vote.closedNoResults': 'انتهى هذا التصويت.',
  'vote.rejectedLater': (reason) => `تعذّر احتساب صوتك المحفوظ على هذا الجهاز: ${reason}`,
  'vote.byOrigin': 'أوراق التصويت حسب المصدر',
  'vote.originCol': 'المصدر',
  'vote.ballotsCol': 'أوراق التصويت',
  'vote.origin.total': 'المجموع',
  'vote.origin.web': 'عبر الإنترنت',
  'vote.origin.paper': 'ورقيًا',
  'vote.origin.booth': 'مكتب الاقتراع',
  'vote.origin.assisted': 'بمساعدة',
};

export default ar;
