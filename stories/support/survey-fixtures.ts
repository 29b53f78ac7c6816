/**
 * STORYBOOK FIXTURES ONLY. Surveys held still for the stories: definitions checked against the
 * protocol, `/surveys/{id}` routes on the fixture backend, and what a device may keep (a draft,
 * "already answered").
 */
import { createStore, del, entries, set } from 'idb-keyval';
import { IDEMPOTENCY_HEADER, SurveyDefinition, SurveyResponse, SurveyResults, type SurveyQuestion } from '../../src/api/schemas.js';
import { FIXTURE_ENDPOINT, fixtureAnswer, httpError, useFixtureRoute, type Reply } from './fixture-backend.js';

export interface SurveyFixture {
  definition: Reply<SurveyDefinition>;
  results?: Reply<SurveyResults>;
  /** `POST /surveys/{id}/responses` (default: an accepted receipt). */
  response?: Reply<unknown>;
  delayMs?: number;
  device?: { draft?: { answers: Record<string, unknown>; step?: number; savedAt?: string }; responded?: boolean };
}

const t = (fr: string, en: string) => ({ fr, en });
const c = (id: string, fr: string, en: string) => ({ id, label: t(fr, en) });

/** A definition as the server serves it. */
export function survey(id: string, questions: SurveyQuestion[], extra: Partial<SurveyDefinition> = {}): SurveyDefinition {
  const def: SurveyDefinition = {
    id,
    title: t('Se déplacer à Saint-Aubin', 'Getting around Saint-Aubin'),
    description: t('Dites-nous comment vous vous déplacez.', 'Tell us how you get around.'),
    pages: [{ id: 'p1', questions }],
    phase: 'open',
    serverTime: '2026-05-04T10:00:00+02:00',
    closesAt: '2027-06-30T22:00:00+02:00',
    ...extra,
  };
  const parsed = SurveyDefinition.safeParse(def);
  if (!parsed.success) throw new Error(`Storybook survey fixture "${id}" does not match the protocol: ${parsed.error.message}`);
  return def;
}

/** One question of each type, for the "Question types" stories. */
export const QUESTIONS: Record<string, SurveyQuestion> = {
  text: { id: 'pseudo', type: 'text', label: t('Votre prénom ou pseudonyme', 'Your first name or a nickname'), required: true, maxLength: 40 },
  textarea: { id: 'idee', type: 'textarea', label: t('Votre idée pour le centre-bourg', 'Your idea for the town centre'), hint: t('Quelques phrases suffisent.', 'A few sentences are enough.'), maxLength: 500 },
  email: { id: 'mail', type: 'email', label: t('Votre adresse e-mail', 'Your e-mail address') },
  number: { id: 'km', type: 'number', label: t('Kilomètres par jour', 'Kilometres a day'), min: 0, max: 500, step: 0.5 },
  date: { id: 'quand', type: 'date', label: t('À partir de quand ?', 'From when?'), min: '2027-01-01', max: '2027-12-31' },
  single: { id: 'age', type: 'single', label: t('Votre âge', 'Your age'), required: true, options: [c('a', 'Moins de 18 ans', 'Under 18'), c('b', '18 à 64 ans', '18 to 64'), c('c', '65 ans et plus', '65 and over')] },
  multiple: { id: 'modes', type: 'multiple', label: t('Vos modes de déplacement', 'How you get around'), maxSelected: 2, options: [c('pied', 'À pied', 'On foot'), c('velo', 'À vélo', 'By bike'), c('car', 'En voiture', 'By car'), c('bus', 'En bus', 'By bus')] },
  dropdown: { id: 'quartier', type: 'dropdown', label: t('Votre quartier', 'Your district'), options: [c('bourg', 'Le Bourg', 'Le Bourg'), c('gare', 'La Gare', 'The station'), c('vignes', 'Les Vignes', 'Les Vignes')] },
  other: { id: 'lieu', type: 'single', label: t('Où faites-vous vos courses ?', 'Where do you shop?'), other: true, options: [c('bourg', 'Au bourg', 'In town'), c('zone', 'En zone commerciale', 'At the retail park')] },
  yesno: { id: 'permis', type: 'yesno', label: t('Avez-vous le permis ?', 'Do you have a driving licence?') },
  stars: { id: 'note', type: 'scale', label: t('Les trottoirs', 'Pavements'), min: 1, max: 5, display: 'stars' },
  numbers: { id: 'securite', type: 'scale', label: t('Sécurité à vélo', 'Safety on a bike'), min: 0, max: 10, minLabel: t('nulle', 'none'), maxLabel: t('totale', 'complete') },
  ranking: { id: 'priorites', type: 'ranking', label: t('Vos priorités', 'Your priorities'), options: [c('piste', 'Piste cyclable', 'Cycle lane'), c('zone30', 'Zone 30', '20 mph zone'), c('navette', 'Navette', 'Shuttle')] },
  matrix: { id: 'equipements', type: 'matrix', label: t('Les équipements', 'Facilities'), rows: [c('eclairage', 'Éclairage', 'Lighting'), c('bancs', 'Bancs', 'Benches')], columns: [c('bien', 'Bien', 'Good'), c('moyen', 'Moyen', 'Fair'), c('mal', 'Mauvais', 'Poor')] },
  consent: { id: 'ok', type: 'consent', label: t('J’accepte que mes réponses anonymes soient publiées.', 'I agree that my anonymous answers are published.'), required: true },
  info: { id: 'info', type: 'info', label: t('À savoir', 'Good to know'), hint: t('Ce questionnaire prend 5 minutes.', 'This questionnaire takes 5 minutes.') },
};

/** Three pages with a condition: the shape of the demo consultation, small. */
export function consultation(id: string, extra: Partial<SurveyDefinition> = {}): SurveyDefinition {
  return survey(id, [], {
    pages: [
      { id: 'vous', title: t('Vous', 'You'), questions: [QUESTIONS.info!, QUESTIONS.single!, QUESTIONS.multiple!, { ...QUESTIONS.numbers!, visibleIf: { question: 'modes', equals: 'velo' } }] },
      { id: 'avis', title: t('Votre avis', 'Your view'), questions: [QUESTIONS.stars!, QUESTIONS.ranking!, QUESTIONS.matrix!] },
      { id: 'fin', title: t('Pour finir', 'To finish'), questions: [QUESTIONS.textarea!, QUESTIONS.consent!] },
    ],
    paper: { returnTo: t('Déposez-le à la mairie.', 'Drop it at the town hall.') },
    resultsPublished: true,
    ...extra,
  });
}

export const RESULTS = (id: string): SurveyResults => ({
  surveyId: id,
  responses: 312,
  byOrigin: { web: 268, paper: 44 },
  origin: null,
  updatedAt: '2026-05-04T10:00:00+02:00',
  questions: {
    age: { answered: 305, counts: { a: 21, b: 198, c: 86 } },
    modes: { answered: 310, counts: { pied: 160, velo: 92, car: 201, bus: 40 } },
    securite: { answered: 90, counts: { '0': 2, '3': 10, '5': 30, '7': 33, '10': 15 }, numbers: { min: 0, max: 10, mean: 6.1, median: 6 } },
    note: { answered: 300, counts: { '1': 30, '2': 52, '3': 110, '4': 80, '5': 28 }, numbers: { min: 1, max: 5, mean: 3.1, median: 3 } },
    priorites: { answered: 280, ranking: { piste: 1.6, zone30: 2.1, navette: 2.3 } },
    equipements: { answered: 290, matrix: { eclairage: { bien: 120, moyen: 100, mal: 70 }, bancs: { bien: 60, moyen: 90, mal: 140 } } },
    idee: { answered: 3, texts: ['Des bancs place de l’église.', 'Un abri vélo à la gare.', 'Plus de passages piétons près de l’école.'] },
  },
});

const fixtures = new Map<string, SurveyFixture>();
const kv = () => createStore('civic-widgets', 'kv');
const scope = (id: string) => `survey|${FIXTURE_ENDPOINT}|${id}`;

function route(rest: string, method: string, init: RequestInit | undefined, signal?: AbortSignal | null): Promise<Response> {
  const m = /^([^/]+)(\/results|\/responses)?\/?$/.exec(rest);
  const f = m ? fixtures.get(decodeURIComponent(m[1]!)) : undefined;
  if (!m || !f) return fixtureAnswer(httpError(404, 'not_found', `No survey "${rest}" (Storybook fixtures).`), 404, signal);
  if (method === 'GET' && !m[2]) return fixtureAnswer(f.definition, 200, signal, f.delayMs);
  if (method === 'GET' && m[2] === '/results') return fixtureAnswer(f.results ?? httpError(403, 'results_hidden', 'Not published.'), 200, signal, f.delayMs);
  if (method === 'POST' && m[2] === '/responses') {
    if (!new Headers(init?.headers).get(IDEMPOTENCY_HEADER)) return fixtureAnswer(httpError(400, 'bad_request', 'Idempotency-Key missing.'), 400, signal);
    if (!SurveyResponse.safeParse(JSON.parse(String(init?.body ?? 'null'))).success) return fixtureAnswer(httpError(422, 'validation', 'Not a response.'), 422, signal);
    return fixtureAnswer(f.response ?? { id: 'fixture-response-0001', receivedAt: '2026-05-04T10:00:00+02:00', duplicate: false, status: 'accepted' }, 201, signal, f.delayMs);
  }
  return fixtureAnswer(httpError(405, 'bad_request', `${method} is not part of the protocol.`), 405, signal);
}

async function forget(ids: string[]): Promise<void> {
  for (const [key, value] of await entries<string, unknown>(kv())) {
    const k = String(key);
    const queued = k.startsWith('outbox:') && (value as { endpoint?: string; contentId?: string })?.endpoint === FIXTURE_ENDPOINT && ids.includes((value as { contentId?: string }).contentId ?? '');
    if (queued || ids.some((id) => k.endsWith(scope(id)))) await del(key, kv());
  }
}

/** A story `beforeEach`: serves these surveys, seeds the device, returns the cleanup. */
export function surveyFixtures(list: Record<string, SurveyFixture>): () => Promise<() => Promise<void>> {
  return async () => {
    const ids = Object.keys(list);
    for (const id of ids) fixtures.set(id, list[id]!);
    const release = useFixtureRoute('/surveys/', route);
    await forget(ids);
    for (const id of ids) {
      const d = list[id]!.device;
      if (d?.draft) await set(`draft:${scope(id)}`, { other: {}, contact: {}, step: 0, savedAt: '2026-05-03T18:30:00+02:00', ...d.draft }, kv());
      if (d?.responded) await set(`responded:${scope(id)}`, { receiptId: 'fixture-response-0001', at: '2026-05-03T18:30:00+02:00' }, kv());
    }
    return async () => {
      for (const id of ids) fixtures.delete(id);
      await forget(ids);
      release();
    };
  };
}
