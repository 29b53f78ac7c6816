/**
 * STORYBOOK FIXTURES ONLY: petitions for the fixture backend (fixture-backend.ts), typed with the
 * protocol's own types. Dates are fixed so that screenshots do not drift.
 */
import type { PetitionDefinition, PetitionProfile, SignatureCount, SignatureSubmission } from '../../src/api/schemas.js';
import type { SignedRecord } from './fixture-backend.js';

const SERVER_TIME = '2026-05-04T10:00:00+02:00';

export function count(online: number, paper = 0): SignatureCount {
  return { online, paper, total: online + paper };
}

/** The post-office petition of the demo, open, 312 of 500 signatures (41 on paper). */
export function postOffice(id: string, extra: Partial<PetitionDefinition> = {}): PetitionDefinition {
  return {
    id,
    title: { fr: 'Pour la réouverture du bureau de poste du centre-bourg', en: 'Reopen the village-centre post office' },
    summary: {
      fr: 'Depuis sa fermeture en mars, les habitants doivent faire 14 km pour envoyer un recommandé ou retirer un colis. Nous demandons au conseil municipal d’obtenir de La Poste la réouverture du bureau, au moins trois matinées par semaine.',
      en: 'Since it closed in March, residents must travel 14 km to send a registered letter or collect a parcel. We ask the town council to obtain from La Poste that the office reopens, at least three mornings a week.',
    },
    body: {
      fr: 'Le bureau de poste de la place de l’Église a fermé le 1er mars.\n\nNous demandons au conseil municipal d’inscrire la question à l’ordre du jour de sa prochaine séance.',
      en: 'The post office on Church Square closed on 1 March.\n\nWe ask the town council to put the question on the agenda of its next meeting.',
    },
    addressee: { fr: 'Monsieur le Maire et le conseil municipal', en: 'The Mayor and the town council' },
    goal: 500,
    thresholds: [
      { count: 250, label: { fr: 'les élus reçoivent une délégation des signataires', en: 'councillors meet a delegation of signatories' } },
      { count: 500, label: { fr: 'le conseil municipal inscrit la pétition à l’ordre du jour de sa séance', en: 'the town council puts the petition on its meeting agenda' } },
    ],
    profile: 'standard',
    publicNames: true,
    opensAt: '2026-03-15T08:00:00+01:00',
    closesAt: '2026-06-30T22:00:00+02:00',
    phase: 'open',
    serverTime: SERVER_TIME,
    count: count(271, 41),
    ...extra,
  };
}

/** The same petition with another form profile. */
export function withProfile(id: string, profile: PetitionProfile): PetitionDefinition {
  return postOffice(id, { profile, publicNames: profile !== 'formal' });
}

/** The organiser's official response. */
/** What a signature sheet must say (who collects, how long the data are kept, whom to ask): docs/paper.md. */
export const PAPER: NonNullable<PetitionDefinition['paper']> = {
  returnTo: { fr: 'À l’accueil de la mairie avant le 30 juin.', en: 'To the town hall reception by 30 June.' },
  organiser: { fr: 'Comité de défense du bureau de poste, 2 place de l’Église', en: 'Post office committee, 2 place de l’Église' },
  privacy: {
    retention: { fr: 'Six mois après la remise de la pétition.', en: 'Six months after the petition is handed over.' },
    contact: { fr: 'donnees@saint-aubin.example', en: 'data@saint-aubin.example' },
  },
};

export const RESPONSE: NonNullable<PetitionDefinition['response']> = {
  date: '2026-07-10T18:00:00+02:00',
  text: {
    fr: 'Le conseil municipal a examiné la pétition le 8 juillet. La Poste ouvrira une agence postale communale à la mairie à partir du 1er septembre, les mardi, jeudi et samedi matin.\n\nMerci aux 612 signataires.',
    en: 'The town council examined the petition on 8 July. La Poste will open a municipal postal agency in the town hall from 1 September, on Tuesday, Thursday and Saturday mornings.\n\nThank you to the 612 signatories.',
  },
};

/** A standard-profile signature, as the widget sends it. */
export function standardSignature(): SignatureSubmission {
  return { firstName: 'Camille', lastName: 'Martin', email: 'camille.martin@example.org', postcode: '35000', town: 'Rennes', publicName: 'initial', website: '', fillMs: 42_000, lang: 'fr' };
}

export function signedRecord(status: SignedRecord['status']): SignedRecord {
  return { status, email: 'camille.martin@example.org', at: '2026-05-04T09:58:00+02:00' };
}
