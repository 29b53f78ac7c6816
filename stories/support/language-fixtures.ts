/**
 * STORYBOOK FIXTURES ONLY: a poll and a petition whose organiser's texts exist in the eight
 * languages of the widgets, so that a Languages story shows one language only (the interface
 * strings come from src/i18n, the texts from here).
 */
import type { PetitionDefinition, VoteDefinition, VoteResults } from '../../src/api/schemas.js';
import { postOffice } from './petition-fixtures.js';
import { singlePoll } from './vote-fixtures.js';

type Texts = Record<'fr' | 'en' | 'nl' | 'de' | 'es' | 'it' | 'ca' | 'ar', string>;

const POLL_TITLE: Texts = {
  fr: 'Faut-il une piste cyclable rue Principale ?',
  en: 'Should Main Street get a cycle lane?',
  nl: 'Moet de Hoofdstraat een fietspad krijgen?',
  de: 'Soll die Hauptstraße einen Radweg bekommen?',
  es: '¿Debe la calle Mayor tener un carril bici?',
  it: 'La via Principale deve avere una pista ciclabile?',
  ca: 'Cal un carril bici al carrer Major?',
  ar: 'هل يجب إنشاء مسار للدراجات في الشارع الرئيسي؟',
};

const POLL_DESCRIPTION: Texts = {
  fr: 'La rue Principale sera refaite en 2027. Le conseil municipal souhaite connaître votre avis avant de choisir l’aménagement.',
  en: 'Main Street will be resurfaced in 2027. The town council would like your opinion before choosing the layout.',
  nl: 'De Hoofdstraat wordt in 2027 heraangelegd. De gemeenteraad wil uw mening horen voordat de inrichting wordt gekozen.',
  de: 'Die Hauptstraße wird 2027 erneuert. Der Gemeinderat möchte Ihre Meinung hören, bevor er die Gestaltung wählt.',
  es: 'La calle Mayor se renovará en 2027. El ayuntamiento quiere conocer su opinión antes de elegir el diseño.',
  it: 'La via Principale sarà rifatta nel 2027. Il consiglio comunale vuole conoscere la vostra opinione prima di scegliere il progetto.',
  ca: 'El carrer Major es renovarà el 2027. L’ajuntament vol conèixer la vostra opinió abans de triar-ne el disseny.',
  ar: 'سيُعاد تأهيل الشارع الرئيسي في عام 2027. يودّ المجلس البلدي معرفة رأيكم قبل اختيار التصميم.',
};

const OPTIONS: Array<{ id: string; label: Texts; description?: Texts }> = [
  {
    id: 'piste-separee',
    label: {
      fr: 'Oui, une piste séparée de la chaussée',
      en: 'Yes, a lane separated from the road',
      nl: 'Ja, een vrijliggend fietspad',
      de: 'Ja, ein von der Fahrbahn getrennter Radweg',
      es: 'Sí, un carril separado de la calzada',
      it: 'Sì, una pista separata dalla carreggiata',
      ca: 'Sí, un carril separat de la calçada',
      ar: 'نعم، مسار منفصل عن الطريق',
    },
    description: {
      fr: 'Supprime une partie du stationnement.',
      en: 'Removes some parking spaces.',
      nl: 'Er verdwijnen parkeerplaatsen.',
      de: 'Einige Parkplätze fallen weg.',
      es: 'Elimina algunas plazas de aparcamiento.',
      it: 'Elimina alcuni posti auto.',
      ca: 'Elimina algunes places d’aparcament.',
      ar: 'يُلغي بعض أماكن الوقوف.',
    },
  },
  {
    id: 'bande-peinte',
    label: {
      fr: 'Oui, une simple bande peinte',
      en: 'Yes, a painted lane only',
      nl: 'Ja, alleen een geschilderde fietsstrook',
      de: 'Ja, nur ein aufgemalter Radfahrstreifen',
      es: 'Sí, solo un carril pintado',
      it: 'Sì, solo una corsia dipinta',
      ca: 'Sí, només un carril pintat',
      ar: 'نعم، مجرد خط مرسوم على الطريق',
    },
  },
  {
    id: 'non',
    label: {
      fr: 'Non, garder la rue telle quelle',
      en: 'No, keep the street as it is',
      nl: 'Nee, de straat laten zoals hij is',
      de: 'Nein, die Straße so lassen, wie sie ist',
      es: 'No, dejar la calle como está',
      it: 'No, lasciare la via com’è',
      ca: 'No, deixar el carrer com està',
      ar: 'لا، إبقاء الشارع كما هو',
    },
  },
];

/** The bike-lane poll with its texts in the eight languages. */
export function multilingualPoll(id: string, extra: Partial<VoteDefinition> = {}): VoteDefinition {
  return singlePoll(id, { title: POLL_TITLE, description: POLL_DESCRIPTION, options: OPTIONS, ...extra });
}

/** A second poll (names of people: nothing to translate but the question), closed, for the results. */
export function libraryNamePoll(id: string): VoteDefinition {
  return singlePoll(id, {
    title: {
      fr: 'Quel nom pour la nouvelle médiathèque ?',
      en: 'Which name for the new media library?',
      nl: 'Welke naam voor de nieuwe mediatheek?',
      de: 'Welcher Name für die neue Mediathek?',
      es: '¿Qué nombre para la nueva mediateca?',
      it: 'Quale nome per la nuova mediateca?',
      ca: 'Quin nom per a la nova mediateca?',
      ar: 'ما الاسم الذي تختارونه للمكتبة الجديدة؟',
    } satisfies Texts,
    description: undefined,
    options: [
      { id: 'simone-veil', label: 'Simone Veil' },
      { id: 'jules-verne', label: 'Jules Verne' },
      { id: 'olympe-de-gouges', label: 'Olympe de Gouges' },
    ],
    phase: 'closed',
    closesAt: '2026-04-30T18:00:00+02:00',
  });
}

export function libraryNameResults(id: string): VoteResults {
  return {
    voteId: id,
    phase: 'closed',
    ballots: 1482,
    options: [
      { id: 'simone-veil', count: 611 },
      { id: 'jules-verne', count: 502 },
      { id: 'olympe-de-gouges', count: 369 },
    ],
    byOrigin: { web: 1297, paper: 185 },
    updatedAt: '2026-04-30T18:00:00+02:00',
  };
}

/** The post-office petition with its title, summary and addressee in the eight languages. */
export function multilingualPetition(id: string, extra: Partial<PetitionDefinition> = {}): PetitionDefinition {
  const { body: _body, thresholds: _thresholds, ...rest } = postOffice(id);
  return {
    ...rest,
    title: {
      fr: 'Pour la réouverture du bureau de poste du centre-bourg',
      en: 'Reopen the village-centre post office',
      nl: 'Heropen het postkantoor in het dorpscentrum',
      de: 'Für die Wiedereröffnung der Post im Ortskern',
      es: 'Por la reapertura de la oficina de correos del centro del pueblo',
      it: 'Per la riapertura dell’ufficio postale del centro paese',
      ca: 'Per la reobertura de l’oficina de correus del centre del poble',
      ar: 'من أجل إعادة فتح مكتب البريد في وسط القرية',
    } satisfies Texts,
    summary: {
      fr: 'Depuis sa fermeture en mars, les habitants doivent faire 14 km pour envoyer un recommandé ou retirer un colis.',
      en: 'Since it closed in March, residents must travel 14 km to send a registered letter or collect a parcel.',
      nl: 'Sinds de sluiting in maart moeten inwoners 14 km rijden om een aangetekende brief te versturen of een pakket op te halen.',
      de: 'Seit der Schließung im März müssen die Einwohner 14 km fahren, um ein Einschreiben aufzugeben oder ein Paket abzuholen.',
      es: 'Desde su cierre en marzo, los vecinos deben recorrer 14 km para enviar una carta certificada o recoger un paquete.',
      it: 'Dalla chiusura a marzo, i residenti devono percorrere 14 km per spedire una raccomandata o ritirare un pacco.',
      ca: 'Des del tancament al març, els veïns han de fer 14 km per enviar una carta certificada o recollir un paquet.',
      ar: 'منذ إغلاقه في مارس، يضطر السكان إلى قطع 14 كم لإرسال رسالة مسجلة أو استلام طرد.',
    } satisfies Texts,
    addressee: {
      fr: 'Monsieur le Maire et le conseil municipal',
      en: 'The Mayor and the town council',
      nl: 'De burgemeester en de gemeenteraad',
      de: 'Der Bürgermeister und der Gemeinderat',
      es: 'El alcalde y el pleno municipal',
      it: 'Il sindaco e il consiglio comunale',
      ca: 'L’alcalde i el ple municipal',
      ar: 'السيد العمدة والمجلس البلدي',
    } satisfies Texts,
    ...extra,
  };
}
