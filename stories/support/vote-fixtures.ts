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
