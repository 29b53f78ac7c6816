/**
 * STORYBOOK FIXTURES ONLY: polls and tallies for the fixture backend (fixture-backend.ts), typed
 * with the protocol's own types. Dates are fixed so that screenshots do not drift.
 */
import type { BallotReceipt, VoteDefinition, VoteResults } from '../../src/api/schemas.js';

const SERVER_TIME = '2026-05-04T10:00:00+02:00';

/** The bike-lane poll of the demo, single choice, open, results after voting. */
export function singlePoll(id: string, extra: Partial<VoteDefinition> = {}): VoteDefinition {
  return {
    id,
    title: { fr: 'Faut-il une piste cyclable rue Principale ?', en: 'Should Main Street get a cycle lane?', ar: 'هل يجب إنشاء مسار للدراجات في الشارع الرئيسي؟' },
    description: {
      fr: 'La rue Principale sera refaite en 2027. Le conseil municipal souhaite connaître votre avis avant de choisir l’aménagement.',
      en: 'Main Street will be resurfaced in 2027. The town council would like your opinion before choosing the layout.',
      ar: 'سيُعاد تأهيل الشارع الرئيسي في عام 2027. يودّ المجلس البلدي معرفة رأيكم قبل اختيار التصميم.',
    },
    method: 'single',
    options: [
      {
        id: 'piste-separee',
        label: { fr: 'Oui, une piste séparée de la chaussée', en: 'Yes, a lane separated from the road', ar: 'نعم، مسار منفصل عن الطريق' },
        description: { fr: 'Supprime une partie du stationnement.', en: 'Removes some parking spaces.', ar: 'يُلغي بعض أماكن الوقوف.' },
      },
      { id: 'bande-peinte', label: { fr: 'Oui, une simple bande peinte', en: 'Yes, a painted lane only', ar: 'نعم، مجرد خط مرسوم على الطريق' } },
      { id: 'non', label: { fr: 'Non, garder la rue telle quelle', en: 'No, keep the street as it is', ar: 'لا، إبقاء الشارع كما هو' } },
    ],
    resultsVisibility: 'after-vote',
    opensAt: '2026-04-01T08:00:00+02:00',
    closesAt: '2026-06-30T18:00:00+02:00',
    phase: 'open',
    serverTime: SERVER_TIME,
    ...extra,
  };
}

/** The village-fête poll of the demo: 1 to 2 of 5. */
export function multiplePoll(id: string, extra: Partial<VoteDefinition> = {}): VoteDefinition {
  return {
    id,
    title: { fr: 'Fête du village : quelles animations ?', en: 'Village fête: which activities?' },
    description: { fr: 'Choisissez une ou deux animations pour la fête du 14 juillet.', en: 'Choose one or two activities for the 14 July fête.' },
    method: 'multiple',
    minChoices: 1,
    maxChoices: 2,
    options: [
      { id: 'bal-populaire', label: { fr: 'Bal populaire', en: 'Open-air dance' } },
      { id: 'feu-artifice', label: { fr: 'Feu d’artifice', en: 'Fireworks' } },
      { id: 'marche-producteurs', label: { fr: 'Marché de producteurs locaux', en: 'Local producers’ market' } },
      { id: 'concours-petanque', label: { fr: 'Concours de pétanque', en: 'Pétanque tournament' } },
      { id: 'cinema-plein-air', label: { fr: 'Cinéma en plein air', en: 'Open-air cinema' } },
    ],
    resultsVisibility: 'after-vote',
    opensAt: '2026-04-01T08:00:00+02:00',
    closesAt: null,
    phase: 'open',
    serverTime: SERVER_TIME,
    ...extra,
  };
}

/** A tally for `singlePoll`: 233 ballots. */
export function singleResults(id: string): VoteResults {
  return {
    voteId: id,
    phase: 'open',
    ballots: 233,
    options: [
      { id: 'piste-separee', count: 128 },
      { id: 'bande-peinte', count: 64 },
      { id: 'non', count: 41 },
    ],
    byOrigin: { web: 221, paper: 12 },
    updatedAt: SERVER_TIME,
  };
}

/** A tally for `multiplePoll`: 96 ballots, 170 choices. */
export function multipleResults(id: string): VoteResults {
  return {
    voteId: id,
    phase: 'open',
    ballots: 96,
    options: [
      { id: 'bal-populaire', count: 52 },
      { id: 'feu-artifice', count: 61 },
      { id: 'marche-producteurs', count: 30 },
      { id: 'concours-petanque', count: 9 },
      { id: 'cinema-plein-air', count: 18 },
    ],
    byOrigin: { web: 96 },
    updatedAt: SERVER_TIME,
  };
}

/** A receipt as the server sends it after a ballot, with the results the voter may now see. */
export function receiptWith(results: VoteResults | null): BallotReceipt {
  return { id: 'fixture-receipt-0001', receivedAt: SERVER_TIME, duplicate: false, status: 'accepted', results };
}

/** This device voted on 2 May 2026. */
export function votedRecord(choices: string[]) {
  return { choices, receiptId: 'fixture-receipt-0000', at: '2026-05-02T18:30:00+02:00' };
}

/* ------------------------------------------------------------------ issue 5: ranked, budget, codes, eligibility */

const img = (hue: number) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 9"><rect width="16" height="9" fill="hsl(${hue} 45% 55%)"/><circle cx="12" cy="3" r="1.5" fill="hsl(${hue} 60% 85%)"/></svg>`)}`;

/** Five projects to rank, by instant-runoff and Borda. */
export function rankedVote(id: string, extra: Partial<VoteDefinition> = {}): VoteDefinition {
  return {
    id,
    title: { fr: 'Quelles priorités pour le centre-bourg ?', en: 'Which priorities for the town centre?' },
    description: { fr: 'Classez les projets du plus au moins important pour vous.', en: 'Rank the projects from most to least important to you.' },
    method: 'ranked',
    ranking: { count: 'both' },
    options: [
      { id: 'velo', label: { fr: 'Piste cyclable', en: 'Bike lane' } },
      { id: 'parc', label: { fr: 'Parc des Tanneurs', en: 'Tanners’ park' } },
      { id: 'halle', label: { fr: 'Rénovation de la halle', en: 'Market hall renovation' } },
      { id: 'bancs', label: { fr: 'Bancs et ombrages', en: 'Benches and shade' } },
      { id: 'eclairage', label: { fr: 'Éclairage des ruelles', en: 'Lighting in the lanes' } },
    ],
    resultsVisibility: 'after-vote',
    opensAt: '2026-04-01T08:00:00+02:00',
    closesAt: '2026-06-30T18:00:00+02:00',
    phase: 'open',
    serverTime: SERVER_TIME,
    ...extra,
  };
}

/** 120 ballots counted by instant-runoff (3 rounds) and Borda. */
export function rankedResults(id: string): VoteResults {
  return {
    voteId: id,
    phase: 'open',
    ballots: 120,
    options: [
      { id: 'velo', count: 38 },
      { id: 'parc', count: 34 },
      { id: 'halle', count: 25 },
      { id: 'bancs', count: 15 },
      { id: 'eclairage', count: 8 },
    ],
    byOrigin: { web: 104, paper: 12, booth: 4 },
    ranked: {
      irv: {
        rounds: [
          { counts: [{ id: 'velo', count: 38 }, { id: 'parc', count: 34 }, { id: 'halle', count: 25 }, { id: 'bancs', count: 15 }, { id: 'eclairage', count: 8 }], eliminated: ['eclairage'], exhausted: 0 },
          { counts: [{ id: 'velo', count: 41 }, { id: 'parc', count: 36 }, { id: 'halle', count: 26 }, { id: 'bancs', count: 16 }], eliminated: ['bancs'], exhausted: 1 },
          { counts: [{ id: 'velo', count: 47 }, { id: 'parc', count: 42 }, { id: 'halle', count: 28 }], eliminated: ['halle'], exhausted: 3 },
          { counts: [{ id: 'velo', count: 61 }, { id: 'parc', count: 52 }], eliminated: [], exhausted: 7 },
        ],
        winner: 'velo',
      },
      borda: {
        scores: [{ id: 'velo', count: 301 }, { id: 'parc', count: 322 }, { id: 'halle', count: 240 }, { id: 'bancs', count: 198 }, { id: 'eclairage', count: 139 }],
        order: ['parc', 'velo', 'halle', 'bancs', 'eclairage'],
      },
    },
    updatedAt: SERVER_TIME,
  };
}

const DISTRICTS = [
  { id: 'centre', label: { fr: 'Centre', en: 'Centre' } },
  { id: 'gare', label: { fr: 'Gare', en: 'Station' } },
  { id: 'plateau', label: { fr: 'Plateau', en: 'Plateau' } },
];
const CATEGORIES = [
  { id: 'nature', label: { fr: 'Nature', en: 'Nature' } },
  { id: 'mobilite', label: { fr: 'Mobilité', en: 'Transport' } },
  { id: 'culture', label: { fr: 'Culture', en: 'Culture' } },
];

/** A participatory budget: 200 000 €, at least half to spend, six projects. */
export function budgetVote(id: string, extra: Partial<VoteDefinition> = {}): VoteDefinition {
  const p = (pid: string, fr: string, en: string, cost: number, category: string, district: string, hue: number, summary: [string, string]) => ({
    id: pid,
    label: { fr, en },
    description: { fr: summary[0], en: summary[1] },
    cost,
    category,
    district,
    image: { src: img(hue), alt: { fr: `Illustration du projet ${fr}`, en: `Illustration of the ${en} project` } },
  });
  return {
    id,
    title: { fr: 'Budget participatif 2027', en: 'Participatory budget 2027' },
    description: { fr: '200 000 € pour des projets proposés par les habitants.', en: '€200,000 for projects proposed by residents.' },
    method: 'budget',
    budget: { total: 200000, currency: 'EUR', minShare: 0.5, rule: 'both' },
    categories: CATEGORIES,
    districts: DISTRICTS,
    options: [
      p('jardin', 'Jardin partagé', 'Community garden', 45000, 'nature', 'plateau', 120, ['Des parcelles et un récupérateur d’eau.', 'Plots and a rain-water tank.']),
      p('abris-velos', 'Abris à vélos', 'Bike shelters', 30000, 'mobilite', 'gare', 210, ['Quarante places couvertes près de la gare.', 'Forty covered spaces near the station.']),
      p('kiosque', 'Kiosque à musique', 'Bandstand', 120000, 'culture', 'centre', 30, ['Restauration du kiosque de 1902.', 'Restoring the 1902 bandstand.']),
      p('arbres', 'Cent arbres', 'A hundred trees', 60000, 'nature', 'centre', 95, ['Plantés le long des boulevards.', 'Planted along the boulevards.']),
      p('boite-livres', 'Boîtes à livres', 'Book boxes', 8000, 'culture', 'plateau', 330, ['Cinq boîtes dans les quartiers.', 'Five boxes across the districts.']),
      p('passage', 'Passage piéton éclairé', 'Lit pedestrian crossing', 25000, 'mobilite', 'gare', 260, ['Sécuriser la sortie de l’école.', 'Making the school exit safer.']),
    ],
    resultsVisibility: 'after-vote',
    opensAt: '2026-04-01T08:00:00+02:00',
    closesAt: '2026-06-30T18:00:00+02:00',
    phase: 'open',
    serverTime: SERVER_TIME,
    ...extra,
  };
}

/** 412 ballots; the greedy rule and equal shares fund different projects. */
export function budgetResults(id: string): VoteResults {
  return {
    voteId: id,
    phase: 'open',
    ballots: 412,
    options: [
      { id: 'kiosque', count: 230 },
      { id: 'arbres', count: 205 },
      { id: 'jardin', count: 150 },
      { id: 'abris-velos', count: 141 },
      { id: 'passage', count: 122 },
      { id: 'boite-livres', count: 97 },
    ],
    byOrigin: { web: 380, paper: 32 },
    budget: {
      total: 200000,
      greedy: { winners: ['kiosque', 'arbres', 'boite-livres'], spent: 188000 },
      mes: { winners: ['arbres', 'jardin', 'abris-velos', 'passage', 'boite-livres'], spent: 168000 },
    },
    updatedAt: SERVER_TIME,
  };
}

/** A private space: one invitation code per ballot. */
export function codesVote(id: string): VoteDefinition {
  return singlePoll(id, { access: 'codes' });
}

/** Two questions before voting. */
export function eligibilityVote(id: string): VoteDefinition {
  return singlePoll(id, {
    eligibility: [
      { id: 'habitant', label: { fr: 'J’habite la commune', en: 'I live in the town' }, type: 'yesno', required: true, mustBeYes: true },
      {
        id: 'age',
        label: { fr: 'Tranche d’âge', en: 'Age bracket' },
        type: 'choice',
        required: true,
        options: [
          { id: 'moins-18', label: { fr: 'Moins de 18 ans', en: 'Under 18' } },
          { id: '18-64', label: { fr: '18 à 64 ans', en: '18 to 64' } },
          { id: '65-plus', label: { fr: '65 ans et plus', en: '65 and over' } },
        ],
      },
    ],
  });
}
