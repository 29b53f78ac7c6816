/**
 * Every widget in its main states, mounted on the live backend with the demo content (and, for the
 * survey, one page holding every question type), for the reflow, colour and target-size tests.
 */
import { fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { SurveyDefinitionInput } from '../../src/api/schemas.js';
import { backend, putContent, uniqueId, until } from './helpers.js';

const t = (fr: string, en: string) => ({ fr, en });
const choice = (id: string, fr: string, en = fr) => ({ id, label: t(fr, en) });

/** One page with every kind of question, long French labels included. */
export function everyQuestionSurvey(): SurveyDefinitionInput {
  return {
    id: uniqueId('a11y-survey'),
    title: t('Enquête sur les déplacements quotidiens dans la commune', 'Survey on daily travel in the town'),
    description: t('Dix minutes. Vos réponses sont anonymes.', 'Ten minutes. Your answers are anonymous.'),
    contact: { consent: t('Nous vous écrirons seulement pour cette enquête.', 'We will only write about this survey.'), privacyUrl: 'https://example.org/privacy' },
    pages: [
      {
        id: 'p1',
        title: t('Vos habitudes', 'Your habits'),
        questions: [
          { id: 'intro', type: 'info', label: t('Bienvenue', 'Welcome'), hint: t('Merci de participer.', 'Thank you for taking part.') },
          { id: 'mode', type: 'single', required: true, label: t('Comment venez-vous au centre-bourg ?', 'How do you come to the town centre?'), other: true, options: [choice('pied', 'À pied', 'On foot'), choice('velo', 'À vélo ou en trottinette', 'By bike or scooter'), choice('car', 'En voiture individuelle', 'By car')] },
          { id: 'days', type: 'multiple', label: t('Quels jours ?', 'Which days?'), options: [choice('lun', 'Lundi', 'Monday'), choice('mer', 'Mercredi', 'Wednesday'), choice('sam', 'Samedi', 'Saturday')] },
          { id: 'note', type: 'scale', required: true, label: t('Sécurité des trajets à vélo', 'Safety of cycling'), min: 0, max: 10, minLabel: t('Très dangereux', 'Very unsafe'), maxLabel: t('Très sûr', 'Very safe') },
          { id: 'stars', type: 'scale', label: t('Satisfaction', 'Satisfaction'), min: 1, max: 5, display: 'stars' },
          { id: 'grid', type: 'matrix', label: t('Équipements', 'Facilities'), rows: [choice('light', 'Éclairage public', 'Street lighting'), choice('bench', 'Bancs', 'Benches')], columns: [choice('tres', 'Très satisfaisant', 'Very good'), choice('assez', 'Assez satisfaisant', 'Fair'), choice('peu', 'Peu satisfaisant', 'Poor'), choice('pas', 'Pas du tout satisfaisant', 'Very poor')] },
          { id: 'rank', type: 'ranking', label: t('Vos priorités', 'Your priorities'), options: [choice('a', 'Pistes cyclables protégées', 'Protected bike lanes'), choice('b', 'Zone 30', '20 zone'), choice('c', 'Navette solidaire', 'Community shuttle')] },
          { id: 'quartier', type: 'dropdown', label: t('Quartier', 'District'), options: [choice('bourg', 'Bourg'), choice('gare', 'Quartier de la gare', 'Station district')] },
          { id: 'km', type: 'number', label: t('Kilomètres par jour', 'Kilometres a day'), min: 0, max: 200 },
          { id: 'day', type: 'date', label: t('Date du dernier trajet', 'Date of your last trip') },
          { id: 'permis', type: 'yesno', label: t('Avez-vous le permis ?', 'Do you have a licence?') },
          { id: 'more', type: 'textarea', label: t('Autre chose ?', 'Anything else?'), maxLength: 500 },
          { id: 'ok', type: 'consent', required: true, label: t('J’accepte que mes réponses soient utilisées pour cette enquête.', 'I agree that my answers are used for this survey.') },
        ],
      },
    ],
  };
}

let thread: Promise<string> | undefined;

/** A discussion with stances, two comments and a reply (one with a long address), posted by another device. */
export function discussion(): Promise<string> {
  thread ??= (async () => {
    const { url } = await backend();
    const id = await putContent('threads', { id: uniqueId('a11y-th'), title: t('Réaménagement de la place du Marché', 'Redesigning Market Square'), stances: true, moderation: 'none' });
    const post = async (body: string, extra: Record<string, unknown> = {}) => {
      const res = await fetch(`${url}/threads/${id}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ author: 'Nadia', body, deviceToken: 'other-device-0123456789', fillMs: 20_000, ...extra }),
      });
      if (res.status !== 201) throw new Error(`post: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    };
    const first = await post('Plus d’arbres et de bancs à l’ombre, s’il vous plaît : en juillet la place est une fournaise.', { stance: 'for' });
    await post('Voir le compte rendu : https://mairie.example.org/conseil-municipal/2026/compte-rendu-de-la-seance-du-12-octobre-2026.pdf', { parentId: first });
    await post('Et le marché du samedi, où ira-t-il pendant les travaux ?', { stance: 'neutral' });
    return id;
  })();
  return thread;
}

export interface WidgetCase {
  /** File-name friendly: vote, vote-ranked, petition… */
  name: string;
  /** Builds the element (attributes only; the caller mounts it). */
  make(url: string, lang: string): Promise<HTMLElement>;
  /** A selector in the shadow root that tells the main state is there. */
  ready: string;
  /** Waits for anything slower (the map's tiles). */
  after?(el: HTMLElement): Promise<void>;
}

function element(tag: string, attrs: Record<string, string>): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

export const WIDGETS: WidgetCase[] = [
  { name: 'vote', ready: 'form', make: async (url, lang) => element('civic-vote', { endpoint: url, 'vote-id': 'velo-rue-principale', lang }) },
  { name: 'vote-multiple', ready: 'form', make: async (url, lang) => element('civic-vote', { endpoint: url, 'vote-id': 'fete-du-village', lang }) },
  { name: 'vote-results', ready: '.results', make: async (url, lang) => element('civic-vote', { endpoint: url, 'vote-id': 'nom-mediatheque', lang }) },
  { name: 'vote-ranked', ready: 'form .ranked', make: async (url, lang) => element('civic-vote', { endpoint: url, 'vote-id': 'ordre-priorites', lang }) },
  { name: 'vote-budget', ready: 'form .budget', make: async (url, lang) => element('civic-vote', { endpoint: url, 'vote-id': 'budget-2027', lang }) },
  { name: 'petition', ready: 'form', make: async (url, lang) => element('civic-petition', { endpoint: url, 'petition-id': 'bureau-de-poste', lang }) },
  { name: 'survey', ready: 'form', make: async (url, lang) => element('civic-survey', { endpoint: url, 'survey-id': 'mobilite-2027', lang }) },
  {
    name: 'survey-all-questions',
    ready: 'form',
    make: async (url, lang) => element('civic-survey', { endpoint: url, 'survey-id': await putContent('surveys', everyQuestionSurvey()), lang }),
  },
  {
    name: 'map-report',
    ready: 'form',
    make: async (url, lang) => element('civic-map-report', { endpoint: url, 'report-id': 'saint-aubin', lang, 'tile-url': '/demo/tiles/{z}/{x}/{y}.svg', 'tile-max-zoom': '16' }),
    after: async (el) => {
      await until(() => !!el.shadowRoot!.querySelector('#map.leaflet-container'), 'the map chunk');
      await until(() => el.shadowRoot!.querySelectorAll('#map img.leaflet-tile-loaded').length >= 4, 'the local tiles');
    },
  },
  {
    name: 'comments',
    ready: 'form',
    make: async (url, lang) => element('civic-comments', { endpoint: url, 'thread-id': await discussion(), lang }),
    after: async (el) => until(() => el.shadowRoot!.querySelectorAll('article.comment').length >= 2, 'the comments'),
  },
  {
    name: 'comment-count',
    ready: '[part=count]',
    make: async (url, lang) => {
      // As documented: inside the page's own link to the discussion.
      const a = document.createElement('a');
      a.href = '#discussion';
      a.className = 'count-link';
      a.append(lang === 'fr' ? 'Discussion sur la place du Marché — ' : 'Discussion about Market Square — ', element('civic-comment-count', { endpoint: url, 'thread-id': await discussion(), lang }));
      return a;
    },
  },
];

const shadow = (el: HTMLElement) => el.shadowRoot!;
const submitForm = (el: HTMLElement, selector = 'form') => (shadow(el).querySelector(selector) as HTMLFormElement).requestSubmit();
const rendered = (el: HTMLElement) => (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;

/** The same widget in another state: `act` brings it there (clicks and submits are fine here: these are not the keyboard tests). */
function variant(base: string, name: string, act: (el: HTMLElement) => Promise<void>): WidgetCase {
  const c = WIDGETS.find((w) => w.name === base)!;
  return { ...c, name, after: async (el) => (await c.after?.(el), await act(el)) };
}

/** Error summaries: the form sent empty. */
const withErrors = (base: string, summary = '#error-summary', form = 'form') =>
  variant(base, `${base}-errors`, async (el) => {
    submitForm(el, form);
    await until(() => !!shadow(el).querySelector(summary), `${base}: the error summary`);
  });

export const STATES: WidgetCase[] = [
  variant('vote-ranked', 'vote-ranked-results', async (el) => {
    for (let i = 0; i < 3; i++) {
      (shadow(el).querySelector('.unranked .add') as HTMLButtonElement).click();
      await rendered(el);
    }
    submitForm(el);
    await until(() => !!shadow(el).querySelector('.results'), 'ranked results');
  }),
  variant('vote-budget', 'vote-budget-results', async (el) => {
    // Projects in order while they fit, until at least half the budget is used; review, then send.
    for (const b of shadow(el).querySelectorAll<HTMLButtonElement>('.project .toggle')) {
      if (b.getAttribute('aria-disabled') === 'true') continue;
      b.click();
      await rendered(el);
      if (!shadow(el).querySelector('.spent')?.textContent?.includes('0 € choisis')) break;
    }
    for (let i = 0; i < 6 && !shadow(el).querySelector('.review'); i++) {
      submitForm(el);
      await rendered(el);
      if (shadow(el).querySelector('#choice-error')) {
        const next = [...shadow(el).querySelectorAll<HTMLButtonElement>('.project .toggle.primary')].find((b) => b.getAttribute('aria-disabled') !== 'true');
        next?.click();
        await rendered(el);
      }
    }
    await until(() => !!shadow(el).querySelector('.review'), 'the budget review');
    submitForm(el);
    await until(() => !!shadow(el).querySelector('.results'), 'budget results');
  }),
  withErrors('petition'),
  withErrors('survey-all-questions'),
  withErrors('map-report'),
  withErrors('comments', '#top-summary', 'form#form-top'),
];

/** The custom element of a case's mounted node (the count sits inside a link). */
export const hostOf = (node: HTMLElement): HTMLElement => (node.localName.startsWith('civic-') ? node : node.querySelector<HTMLElement>('[thread-id]')!);

/** Mounts a case in a fresh fixture and waits for its main state. */
export async function mountCase(c: WidgetCase, lang = 'fr'): Promise<HTMLElement> {
  const { url } = await backend();
  const wrap = await fixture<HTMLDivElement>(html`<div class="page"></div>`);
  const node = await c.make(url, lang);
  wrap.append(node);
  const el = hostOf(node);
  await until(() => !!el.shadowRoot?.querySelector(c.ready), `${c.name}: ${c.ready}`, 10000);
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  await c.after?.(el);
  return el;
}
