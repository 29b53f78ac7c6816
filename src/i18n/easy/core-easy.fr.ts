import { plural } from '../plural.js';
import type { Messages } from '../translations/en.js';

/**
 * Français facile à lire et à comprendre (FALC) pour les textes du cœur (docs/easy-read.md) :
 * phrases courtes, une idée par phrase, mots de tous les jours, « vous », chiffres, pas
 * d’abréviation. Chargé seulement pour un module en mode facile à lire ; une clé absente garde
 * son texte normal (les messages de configuration, pour le webmestre).
 */
const easy: Partial<Messages> = {
  loading: 'Chargement. Attendez un peu.',
  retry: 'Essayer encore',
  submit: 'Envoyer',
  submitting: 'Envoi. Attendez un peu.',
  required: 'vous devez répondre',
  errorSummaryTitle: 'Quelque chose ne va pas',
  errorSummaryIntro: (n) => plural('fr', n, { one: 'Changez cette réponse\u00a0:', other: 'Changez ces {n}\u00a0réponses\u00a0:' }),
  queued: 'Vous n’avez pas internet en ce moment. Votre réponse est gardée sur cet appareil. Elle partira quand internet revient.',
  synced: 'Votre réponse est envoyée.',
  scheduled: (date) => `Vous pouvez participer à partir du ${date}.`,
  closedOn: (date) => `C’est fini depuis le ${date}.`,
  closed: 'C’est fini.',
  closesOn: (date) => `Vous pouvez participer jusqu’au ${date}.`,
  offlineCopy: 'Vous n’avez pas internet en ce moment. Vous voyez la copie gardée sur cet appareil. Ce que vous envoyez partira quand internet revient.',
  'error.offline': 'Vous n’avez pas internet. Vérifiez votre connexion. Puis essayez encore.',
  'error.timeout': 'Le site met trop de temps à répondre. Attendez un peu. Puis essayez encore.',
  'error.rate_limited': (seconds) => plural('fr', seconds, { one: 'Vous avez essayé trop de fois. Attendez {n}\u00a0seconde. Puis essayez encore.', other: 'Vous avez essayé trop de fois. Attendez {n}\u00a0secondes. Puis essayez encore.' }),
  'error.server': 'Le site a un problème. Votre réponse est gardée. Attendez un peu. Puis essayez encore.',
  'error.bad_response': 'Nous ne pouvons pas lire la réponse du site. Essayez encore plus tard.',
  'error.not_found': 'Nous ne trouvons pas ce contenu sur le site.',
  'error.closed': 'C’est fini. Vous ne pouvez plus répondre.',
  'error.not_open': 'Ce n’est pas encore ouvert. Revenez plus tard.',
  'error.already_submitted': 'Vous avez déjà répondu sur cet appareil.',
  'error.conflict': 'Nous avons déjà une autre réponse. Elle ne va pas avec celle-ci.',
  'error.validation': 'Certaines réponses ne vont pas. Changez-les.',
  'error.too_large': 'Ce que vous envoyez est trop gros.',
  'error.unauthorized': 'Vous n’avez pas le droit de faire cela.',
  'error.bad_request': 'Le site a refusé votre demande.',
  'error.results_hidden': 'Vous ne pouvez pas encore voir les résultats.',
  'field.required': 'Vous devez répondre.',
  'field.too_few': (min) => plural('fr', min, { one: 'Choisissez {n}\u00a0réponse ou plus.', other: 'Choisissez {n}\u00a0réponses ou plus.' }),
  'field.too_many': (max) => plural('fr', max, { one: 'Choisissez {n}\u00a0seule réponse.', other: 'Choisissez {n}\u00a0réponses au plus.' }),
  'field.invalid': 'Cette réponse ne va pas. Changez-la.',
  'vote.chooseOne': 'Choisissez 1\u00a0réponse.',
  'vote.chooseRange': (min, max) => (min === max ? plural('fr', min, { one: 'Choisissez {n}\u00a0réponse.', other: 'Choisissez {n}\u00a0réponses.' }) : `Choisissez entre ${min} et ${max}\u00a0réponses.`),
  'vote.chooseUpTo': (max) => plural('fr', max, { one: 'Choisissez {n}\u00a0réponse.', other: 'Vous pouvez choisir jusqu’à {n}\u00a0réponses.' }),
  'vote.submit': 'Envoyer mon vote',
  'vote.thanks': 'Merci. Votre vote est compté.',
  'vote.alreadyVoted': 'Vous avez déjà voté sur cet appareil.',
  'vote.resultsTitle': 'Les résultats',
  'vote.resultsAfterClose': (date) => `Vous verrez les résultats à la fin du vote. Le vote finit le ${date}.`,
  'vote.resultsAfterCloseNoDate': 'Vous verrez les résultats à la fin du vote.',
  'vote.ballots': (n) => plural('fr', n, { zero: 'Personne n’a encore voté', one: '{n}\u00a0personne a voté', other: '{n}\u00a0personnes ont voté' }),
  'vote.count': (n) => plural('fr', n, { one: '{n}\u00a0vote', other: '{n}\u00a0votes' }),
  'vote.edit': 'Changer mon choix',
  'vote.review': 'Vérifier mon choix',
  'vote.reviewTitle': 'Vérifiez votre choix',
  'vote.reviewChoices': 'Vérifiez votre choix ci-dessous. Puis envoyez votre vote. Vous pouvez encore changer votre choix.',
  'vote.yourChoices': 'Vous avez choisi\u00a0:',
  'vote.optionResult': (label, percent, votes) => `${label}\u00a0: ${votes}. Cela fait ${percent}`,
  'vote.yourChoice': 'vous avez choisi ceci',
  'vote.queued': 'Vous n’avez pas internet en ce moment. Votre vote est gardé sur cet appareil. Il partira quand internet revient.',
  'vote.rateLimited': (seconds) =>
    seconds > 90
      ? plural('fr', Math.ceil(seconds / 60), { one: 'Beaucoup de votes arrivent de votre connexion en ce moment. Votre vote est gardé sur cet appareil. Il partira dans {n}\u00a0minute environ.', other: 'Beaucoup de votes arrivent de votre connexion en ce moment. Votre vote est gardé sur cet appareil. Il partira dans {n}\u00a0minutes environ.' })
      : plural('fr', seconds, { one: 'Beaucoup de votes arrivent de votre connexion en ce moment. Votre vote est gardé sur cet appareil. Il partira dans {n}\u00a0seconde.', other: 'Beaucoup de votes arrivent de votre connexion en ce moment. Votre vote est gardé sur cet appareil. Il partira dans {n}\u00a0secondes.' }),
  'vote.synced': 'Votre vote est envoyé. Il est compté.',
  'vote.closedNoResults': 'Ce vote est fini.',
  'vote.rejectedLater': (reason) => `Votre vote n’a pas pu être compté. ${reason}`,
  'vote.byOrigin': 'Comment les gens ont voté',
  'vote.originCol': 'Comment',
  'vote.ballotsCol': 'Nombre de votes',
  'vote.origin.total': 'En tout',
  'vote.origin.web': 'Sur internet',
  'vote.origin.paper': 'Sur papier',
  'vote.origin.booth': 'Dans un bureau de vote',
  'vote.origin.assisted': 'Avec une personne pour aider',
};
export default easy;
