/**
 * The interface strings of <civic-petition>, in their own lazy chunk so that the one-file bundle
 * does not carry them for pages without a petition. Same rules as src/i18n/translations: English
 * defines the keys, French typography uses a non-breaking space before : ; ? !. Each other
 * language is a file of messages/ typed against English, loaded on demand.
 * @internal
 */
import { Catalog } from '../../i18n/localize.js';
import { formatDay as dayOf, formatNumber as num, plural } from '../../i18n/plural.js';

const en = {
  'petition.addressedTo': (who: string) => `Addressed to: ${who}`,
  'petition.deadline': (date: string) => `Sign until ${date}.`,
  'petition.readFull': 'Read the full text',
  'petition.signatures': (n: number) => plural('en', n, { zero: 'No signatures yet', one: '{n} signature', other: '{n} signatures' }),
  'petition.progress': (n: number, goal: number) => `${plural('en', n, { one: '{n} signature', other: '{n} signatures' })} of ${num('en', goal)}`,
  'petition.split': (online: number, paper: number) => `${num('en', online)} online, ${num('en', paper)} on paper`,
  'petition.goalReached': 'The goal has been reached. You can still sign.',
  'petition.thresholds': 'Steps',
  'petition.thresholdReached': 'reached',
  'petition.closed': 'This petition is closed: signatures are no longer accepted.',
  'petition.responseTitle': 'Official response',
  'petition.responseDate': (date: string) => `published on ${date}`,
  'petition.formTitle': 'Sign the petition',
  'petition.allRequired': 'All fields are required.',
  'petition.field.name': 'Name or pseudonym',
  'petition.field.firstName': 'First name',
  'petition.field.lastName': 'Last name',
  'petition.field.email': 'Email address',
  'petition.field.postcode': 'Postcode',
  'petition.field.town': 'Town',
  'petition.field.address': 'Full address (number and street)',
  'petition.field.elector': 'I am registered on the electoral roll of the commune',
  'petition.field.declaration': 'I declare on my honour that the information above is accurate',
  'petition.emailHint': 'We send you a link to confirm your signature. Your address is never published.',
  'petition.publicName': 'How your name appears publicly',
  'petition.publicName.none': 'Not at all',
  'petition.publicName.initial': 'First name and initial',
  'petition.publicName.full': 'Full name',
  'petition.honeypot': 'Leave this field empty',
  'petition.submit': 'Sign',
  'petition.error.emailRequired': 'Enter your email address.',
  'petition.error.email': 'Enter an email address in the format name@example.org.',
  'petition.error.postcode': 'Enter a valid postcode.',
  'petition.error.checkbox': 'Tick this box to sign.',
  'petition.checkMail': (email: string) => `Almost done: we sent a message to ${email}.`,
  'petition.checkMailNoAddress': 'Almost done: we sent you a message.',
  'petition.checkMailHint': 'Open the link it contains to confirm your signature: it is only counted after that. Nothing arrived? Look in your spam folder.',
  'petition.signAgain': 'Sign with another address',
  'petition.counted': 'Thank you: your signature is counted.',
  'petition.copyLink': 'Copy the link to this petition',
  'petition.copied': 'Link copied.',
  'petition.shareNative': 'Share…',
  'petition.queued': 'No connection right now. Your signature is saved on this device and will be sent automatically as soon as the connection returns.',
  'petition.rateLimited': (seconds: number) =>
    seconds > 90
      ? plural('en', Math.ceil(seconds / 60), { one: 'Many signatures are coming from your connection right now. Yours is saved on this device and will be sent automatically in about {n} minute.', other: 'Many signatures are coming from your connection right now. Yours is saved on this device and will be sent automatically in about {n} minutes.' })
      : plural('en', seconds, { one: 'Many signatures are coming from your connection right now. Yours is saved on this device and will be sent automatically in {n} second.', other: 'Many signatures are coming from your connection right now. Yours is saved on this device and will be sent automatically in {n} seconds.' }),
  'petition.synced': 'Your signature saved on this device has been sent.',
  'petition.rejectedLater': (reason: string) => `Your signature saved on this device could not be sent: ${reason}`,
  'petition.latest': 'Latest signatures',
  'petition.signer': (name: string, day: string) => `${name}, ${dayOf('en', day)}`,
};

export type PetitionMessages = typeof en;

const fr: PetitionMessages = {
  'petition.addressedTo': (who) => `Adressée à\u00a0: ${who}`,
  'petition.deadline': (date) => `Signature possible jusqu’au ${date}.`,
  'petition.readFull': 'Lire le texte complet',
  'petition.signatures': (n) => plural('fr', n, { zero: 'Aucune signature pour l’instant', one: '{n}\u00a0signature', other: '{n}\u00a0signatures' }),
  'petition.progress': (n, goal) => `${plural('fr', n, { one: '{n}\u00a0signature', other: '{n}\u00a0signatures' })} sur ${num('fr', goal)}`,
  'petition.split': (online, paper) => `dont ${num('fr', online)} en ligne et ${num('fr', paper)} sur papier`,
  'petition.goalReached': 'L’objectif est atteint. Vous pouvez encore signer.',
  'petition.thresholds': 'Étapes',
  'petition.thresholdReached': 'atteint',
  'petition.closed': 'Cette pétition est close\u00a0: les signatures ne sont plus acceptées.',
  'petition.responseTitle': 'Réponse officielle',
  'petition.responseDate': (date) => `publiée le ${date}`,
  'petition.formTitle': 'Signer la pétition',
  'petition.allRequired': 'Tous les champs sont obligatoires.',
  'petition.field.name': 'Nom ou pseudonyme',
  'petition.field.firstName': 'Prénom',
  'petition.field.lastName': 'Nom',
  'petition.field.email': 'Adresse électronique',
  'petition.field.postcode': 'Code postal',
  'petition.field.town': 'Commune',
  'petition.field.address': 'Adresse complète (numéro et voie)',
  'petition.field.elector': 'Je suis inscrit·e sur la liste électorale de la commune',
  'petition.field.declaration': 'Je certifie sur l’honneur l’exactitude des informations ci-dessus',
  'petition.emailHint': 'Nous vous envoyons un lien pour confirmer votre signature. Votre adresse n’est jamais publiée.',
  'petition.publicName': 'Comment votre nom apparaît publiquement',
  'petition.publicName.none': 'Pas du tout',
  'petition.publicName.initial': 'Prénom et initiale',
  'petition.publicName.full': 'Nom complet',
  'petition.honeypot': 'Laissez ce champ vide',
  'petition.submit': 'Signer',
  'petition.error.emailRequired': 'Indiquez votre adresse électronique.',
  'petition.error.email': 'Indiquez une adresse électronique au format nom@exemple.fr.',
  'petition.error.postcode': 'Indiquez un code postal valide.',
  'petition.error.checkbox': 'Cochez cette case pour signer.',
  'petition.checkMail': (email) => `Presque terminé\u00a0: nous avons envoyé un message à ${email}.`,
  'petition.checkMailNoAddress': 'Presque terminé\u00a0: nous vous avons envoyé un message.',
  'petition.checkMailHint': 'Ouvrez le lien qu’il contient pour confirmer votre signature\u00a0: elle n’est comptée qu’ensuite. Rien reçu\u00a0? Regardez dans les indésirables.',
  'petition.signAgain': 'Signer avec une autre adresse',
  'petition.counted': 'Merci\u00a0: votre signature est comptée.',
  'petition.copyLink': 'Copier le lien de la pétition',
  'petition.copied': 'Lien copié.',
  'petition.shareNative': 'Partager…',
  'petition.queued': 'Pas de connexion pour le moment. Votre signature est enregistrée sur cet appareil et sera envoyée automatiquement dès le retour de la connexion.',
  'petition.rateLimited': (seconds) =>
    seconds > 90
      ? plural('fr', Math.ceil(seconds / 60), { one: 'Beaucoup de signatures arrivent de votre connexion en ce moment. La vôtre est enregistrée sur cet appareil et sera envoyée automatiquement dans {n}\u00a0minute environ.', other: 'Beaucoup de signatures arrivent de votre connexion en ce moment. La vôtre est enregistrée sur cet appareil et sera envoyée automatiquement dans {n}\u00a0minutes environ.' })
      : plural('fr', seconds, { one: 'Beaucoup de signatures arrivent de votre connexion en ce moment. La vôtre est enregistrée sur cet appareil et sera envoyée automatiquement dans {n}\u00a0seconde.', other: 'Beaucoup de signatures arrivent de votre connexion en ce moment. La vôtre est enregistrée sur cet appareil et sera envoyée automatiquement dans {n}\u00a0secondes.' }),
  'petition.synced': 'Votre signature enregistrée sur cet appareil a été envoyée.',
  'petition.rejectedLater': (reason) => `Votre signature enregistrée sur cet appareil n’a pas pu être envoyée\u00a0: ${reason}`,
  'petition.latest': 'Dernières signatures',
  'petition.signer': (name, day) => `${name}, le ${dayOf('fr', day)}`,
};

/** English and French here; the other languages load on demand, one chunk each (messages/petition.<lang>.ts). */
export const petitionCatalog = new Catalog(
  en,
  fr,
  {
    nl: () => import('./messages/petition.nl.js'),
    de: () => import('./messages/petition.de.js'),
    es: () => import('./messages/petition.es.js'),
    it: () => import('./messages/petition.it.js'),
    ca: () => import('./messages/petition.ca.js'),
    ar: () => import('./messages/petition.ar.js'),
  },
  // Easy-read wording (docs/easy-read.md): loaded only for a widget in easy-read mode.
  { en: () => import('./easy/petition-easy.en.js'), fr: () => import('./easy/petition-easy.fr.js') },
);
