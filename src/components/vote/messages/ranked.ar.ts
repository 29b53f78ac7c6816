import { arabic, isolate as iso, plural } from '../../../i18n/plural.js';
import { OPTIONS } from '../../../i18n/locales/ar.js';
import type { RankedMessages } from '../ranked.messages.js';

const ar: RankedMessages = {
  'vote.addRank': 'إضافة',
  'vote.bordaExplain': 'تمنح كل ورقة تصويت الخيارَ نقاطًا أكثر كلما رتّبته أعلى: لا يحصل المركز الأخير على أي نقطة، وكل مركز فوقه يحصل على نقطة إضافية. الخيار الذي يجمع أكبر عدد من النقاط يتصدر.',
  'vote.bordaTitle': 'طريقة بوردا',
  'vote.countsCol': 'الأصوات',
  'vote.eliminatedCol': 'المُستبعَد',
  'vote.exhaustedCol': 'أوراق التصويت المستنفدة',
  'vote.firstChoices': (n) => plural('ar', n, { zero: '{n} اختيار أول', one: 'اختيار أول واحد', two: 'اختياران أولان', few: '{n} اختيارات أولى', many: '{n} اختيارًا أول', other: '{n} اختيار أول' }),
  'vote.irvExplain': 'في كل جولة يُستبعد الخيار الذي حصل على أقل عدد من الاختيارات الأولى، وتنتقل أوراقه إلى الاختيار التالي الذي لا يزال في السباق. الورقة التي لم يبقَ فيها أي اختيار تُعدّ «مستنفدة». يتوقف الفرز عندما يحصل خيار على أكثر من نصف الأوراق التي لا تزال تُحتسب.',
  'vote.irvTitle': 'الفرز بالجولات الفورية',
  'vote.moveDown': (label) => `نقل ${iso(label)} إلى الأسفل`,
  'vote.moveUp': (label) => `نقل ${iso(label)} إلى الأعلى`,
  'vote.moved': (label, i, n) => `نُقل ${iso(label)} إلى المرتبة ${i} من ${n}.`,
  'vote.noWinner': 'لا فائز: تعادل.',
  'vote.notRanked': 'لم تُرتَّب بعد',
  'vote.optionCount': (label, count) => `${iso(label)}: ${count}`,
  'vote.points': (n) => plural('ar', n, { zero: '{n} نقطة', one: 'نقطة واحدة', two: 'نقطتان', few: '{n} نقاط', many: '{n} نقطةً', other: '{n} نقطة' }),
  'vote.position': (i, n) => `المرتبة ${i} من ${n}`,
  'vote.rankAdded': (label, i) => `أُضيف ${iso(label)} في المرتبة ${i}.`,
  'vote.rankEmpty': 'لم يُرتَّب أي خيار بعد.',
  'vote.rankHint': 'أضف الخيارات إلى ترتيبك حسب الأفضلية، بدءًا بالمفضّل لديك.',
  'vote.rankKeys': 'عند التركيز على خيار مرتَّب، تنقله مفاتيح الأسهم للأعلى والأسفل.',
  'vote.rankRange': (min, max, n) =>
    min === n
      ? `يُرجى ترتيب جميع الخيارات (${n}).`
      : min === max
        ? plural('ar', min, arabic((w) => `يُرجى ترتيب ${w}.`, OPTIONS))
        : min <= 1
          ? plural('ar', max, arabic((w) => `يمكنك ترتيب ${w} كحد أقصى.`, OPTIONS))
          : `يُرجى ترتيب ما بين ${min} و${plural('ar', max, arabic((w) => w, OPTIONS))}.`,
  'vote.rankRemoved': (label) => `أُزيل ${iso(label)} من ترتيبك.`,
  'vote.rankTooFew': (min) => plural('ar', min, arabic((w) => `يُرجى ترتيب ${w} على الأقل.`, OPTIONS)),
  'vote.removeRank': (label) => `إزالة ${iso(label)} من ترتيبي`,
  'vote.roundCol': 'الجولة',
  'vote.winner': (label) => `الفائز: ${iso(label)}`,
  'vote.yourRanking': 'ترتيبك',
};

export default ar;
