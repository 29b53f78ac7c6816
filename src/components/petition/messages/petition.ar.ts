import { arabic, formatDay as dayOf, formatNumber as num, isolate as iso, plural, type ArabicWords } from '../../../i18n/plural.js';
import { MINUTES, SECONDS, ltr } from '../../../i18n/locales/ar.js';
import type { PetitionMessages } from '../petition.messages.js';

const SIGNATURES: ArabicWords = ['{n} توقيع', 'توقيع واحد', 'توقيعان', '{n} توقيعات', '{n} توقيعًا', '{n} توقيع'];
const rate = (w: string) => `تصل الآن توقيعات كثيرة من اتصالك. توقيعك محفوظ على هذا الجهاز وسيُرسَل تلقائيًا بعد ${w}.`;

const ar: PetitionMessages = {
  'petition.addressedTo': (who) => `موجَّهة إلى: ${iso(who)}`,
  'petition.deadline': (date) => `يمكن التوقيع حتى ${date}.`,
  'petition.readFull': 'قراءة النص الكامل',
  'petition.signatures': (n) => plural('ar', n, arabic((w) => w, ['لا توجد توقيعات بعد', ...SIGNATURES.slice(1)] as ArabicWords)),
  'petition.progress': (n, goal) => `${plural('ar', n, arabic((w) => w, SIGNATURES))} من أصل ${num('ar', goal)}`,
  'petition.split': (online, paper) => `عبر الإنترنت: ${num('ar', online)}، ورقيًا: ${num('ar', paper)}`,
  'petition.goalReached': 'تحقّق الهدف. لا يزال بإمكانك التوقيع.',
  'petition.thresholds': 'المراحل',
  'petition.thresholdReached': 'تحقّقت',
  'petition.closed': 'هذه العريضة مغلقة: لم تعد التوقيعات مقبولة.',
  'petition.responseTitle': 'الرد الرسمي',
  'petition.responseDate': (date) => `نُشر في ${date}`,
  'petition.formTitle': 'التوقيع على العريضة',
  'petition.allRequired': 'جميع الحقول إلزامية.',
  'petition.field.name': 'الاسم أو اسم مستعار',
  'petition.field.firstName': 'الاسم الأول',
  'petition.field.lastName': 'اسم العائلة',
  'petition.field.email': 'البريد الإلكتروني',
  'petition.field.postcode': 'الرمز البريدي',
  'petition.field.town': 'البلدية',
  'petition.field.address': 'العنوان الكامل (الشارع والرقم)',
  'petition.field.elector': 'اسمي مُدرَج في القائمة الانتخابية للبلدية',
  'petition.field.declaration': 'أُقرّ على شرفي بصحة المعلومات الواردة أعلاه',
  'petition.emailHint': 'نرسل إليك رابطًا لتأكيد توقيعك. لا يُنشر عنوانك أبدًا.',
  'petition.publicName': 'كيف يظهر اسمك للعموم',
  'petition.publicName.none': 'لا يظهر إطلاقًا',
  'petition.publicName.initial': 'الاسم الأول والحرف الأول من اسم العائلة',
  'petition.publicName.full': 'الاسم الكامل',
  'petition.honeypot': 'اترك هذا الحقل فارغًا',
  'petition.submit': 'توقيع',
  'petition.error.emailRequired': 'يُرجى إدخال بريدك الإلكتروني.',
  'petition.error.email': `يُرجى إدخال عنوان بريد إلكتروني بالصيغة ${ltr('name@example.com')}.`,
  'petition.error.postcode': 'يُرجى إدخال رمز بريدي صالح.',
  'petition.error.checkbox': 'يُرجى تحديد هذا المربع للتوقيع.',
  'petition.checkMail': (email) => `اقتربت من الانتهاء: أرسلنا رسالة إلى ${ltr(email)}.`,
  'petition.checkMailNoAddress': 'اقتربت من الانتهاء: أرسلنا إليك رسالة.',
  'petition.checkMailHint': 'افتح الرابط الموجود فيها لتأكيد توقيعك: لا يُحتسب التوقيع إلا بعد ذلك. لم يصلك شيء؟ تحقّق من مجلد الرسائل غير المرغوب فيها.',
  'petition.signAgain': 'التوقيع بعنوان آخر',
  'petition.counted': 'شكرًا لك: تم احتساب توقيعك.',
  'petition.copyLink': 'نسخ رابط هذه العريضة',
  'petition.copied': 'نُسخ الرابط.',
  'petition.shareNative': 'مشاركة…',
  'petition.queued': 'لا يوجد اتصال حاليًا. حُفظ توقيعك على هذا الجهاز وسيُرسَل تلقائيًا فور عودة الاتصال.',
  'petition.rateLimited': (seconds) =>
    seconds > 90 ? plural('ar', Math.ceil(seconds / 60), arabic((w) => rate(`${w} تقريبًا`), MINUTES)) : plural('ar', seconds, arabic(rate, SECONDS)),
  'petition.synced': 'أُرسل توقيعك الذي كان محفوظًا على هذا الجهاز.',
  'petition.rejectedLater': (reason) => `تعذّر إرسال توقيعك المحفوظ على هذا الجهاز: ${reason}`,
  'petition.latest': 'أحدث التوقيعات',
  'petition.signer': (name, day) => `${iso(name)}، ${dayOf('ar', day)}`,
};

export default ar;
