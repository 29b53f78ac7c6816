/**
 * STORYBOOK FIXTURES ONLY. Reporting spaces held still for the map-report stories: a definition
 * checked against the protocol, the `/map-reports/{id}` routes on the fixture backend (definition,
 * public list and markers with their filters, nearby reports, one report, a new report, support),
 * a stand-in geocoder at `/geocoder/search`, and what a device may keep (a report in the outbox).
 * The map uses the local tiles of demo/tiles (served at /tiles/ by .storybook/main.ts).
 */
import { createStore, del, entries, set } from 'idb-keyval';
import {
  IDEMPOTENCY_HEADER,
  MapReportDefinition,
  PublicReport,
  ReportReceipt,
  ReportSubmission,
  type ReportStatus,
  type ReportMarker,
} from '../../src/api/schemas.js';
import type { OutboxEntry } from '../../src/internal/outbox.js';
import { FIXTURE_ENDPOINT, fixtureAnswer, httpError, useFixtureRoute, type Reply } from './fixture-backend.js';

/** The local tiles, as a story writes them in `tile-url`. */
export const TILE_URL = 'tiles/{z}/{x}/{y}.svg';
/** A stand-in geocoder on the fixture backend (BAN's GeoJSON shape). */
export const GEOCODER_URL = `${FIXTURE_ENDPOINT}/geocoder/search?q={query}`;

export interface MapReportFixture {
  definition: Reply<MapReportDefinition>;
  /** The public reports (newest first); the list, the markers and "nearby" are computed from them. */
  reports?: PublicReport[];
  /** `POST /map-reports/{id}/requests` (default: an accepted receipt numbered 1043). */
  receipt?: Reply<ReportReceipt>;
  /** Answers of the list route (default: computed from `reports`), e.g. NEVER. */
  list?: Reply<unknown>;
  delayMs?: number;
  /** A report waits in this device's outbox (no connection when it was sent). */
  queued?: ReportSubmission;
}

const t = (fr: string, en: string) => ({ fr, en });

/** Saint-Aubin-sur-Loire, as the server serves it (a smaller copy of demo/content/map-reports/saint-aubin.json). */
export function space(id: string, extra: Partial<MapReportDefinition> = {}): MapReportDefinition {
  const def: MapReportDefinition = {
    id,
    title: t('Signaler un problème dans la commune', 'Report a problem in town'),
    description: t(
      'Un nid-de-poule, un lampadaire éteint, un dépôt sauvage ? Signalez-le aux services techniques. En cas de danger immédiat, appelez le 112.',
      'A pothole, a street light out, fly-tipping? Report it to the technical services. In an emergency, call 112.',
    ),
    lang: 'fr',
    maxPhotos: 3,
    nearbyRadius: 150,
    publicNames: true,
    map: { center: { lat: 47.39, long: 0.98 }, zoom: 15, bounds: { south: 47.375, west: 0.955, north: 47.405, east: 1.005 } },
    services: [
      {
        service_code: 'nid-de-poule',
        service_name: t('Nid-de-poule, chaussée abîmée', 'Pothole, damaged road'),
        description: t('Trou, fissure ou affaissement de la chaussée.', 'A hole, crack or sunken patch in the road.'),
        group: t('Voirie', 'Roads'),
        attributes: [
          { variable: false, code: 'info', datatype: 'string', required: false, order: 0, description: t('En cas de danger, appelez aussi la mairie.', 'If it is dangerous, also call the town hall.') },
          { code: 'taille', datatype: 'singlevaluelist', required: true, order: 1, description: t('Taille du trou', 'Size of the hole'), values: [{ key: 'petit', name: t('Petit', 'Small') }, { key: 'moyen', name: t('Moyen', 'Medium') }, { key: 'grand', name: t('Grand', 'Large') }] },
          { code: 'profondeur', datatype: 'number', required: false, order: 2, description: t('Profondeur approximative', 'Approximate depth'), datatype_description: t('En centimètres', 'In centimetres') },
          { code: 'gene', datatype: 'multivaluelist', required: false, order: 3, description: t('Qui est gêné ?', 'Who is affected?'), values: [{ key: 'voitures', name: t('Voitures', 'Cars') }, { key: 'velos', name: t('Vélos', 'Bicycles') }, { key: 'pietons', name: t('Piétons', 'Pedestrians') }] },
          { code: 'depuis', datatype: 'datetime', required: false, order: 4, description: t('Depuis quand ?', 'Since when?') },
        ],
      },
      { service_code: 'trottoir', service_name: t('Trottoir dégradé', 'Damaged pavement'), group: t('Voirie', 'Roads') },
      {
        service_code: 'lampadaire',
        service_name: t('Lampadaire en panne', 'Street light out'),
        description: t('Éclairage public éteint, qui clignote ou reste allumé le jour.', 'A street light that is out, flickers or stays on during the day.'),
        group: t('Éclairage public', 'Street lighting'),
        service_notice: t('Réparation sous 10 jours en moyenne.', 'Repaired within 10 days on average.'),
        attributes: [
          { code: 'panne', datatype: 'singlevaluelist', required: true, order: 1, description: t('Quel est le problème ?', 'What is the problem?'), values: [{ key: 'eteint', name: t('Éteint la nuit', 'Out at night') }, { key: 'clignote', name: t('Clignote', 'Flickers') }] },
        ],
      },
      { service_code: 'depot-sauvage', service_name: t('Dépôt sauvage', 'Fly-tipping'), group: t('Propreté', 'Cleanliness') },
      { service_code: 'arbre', service_name: t('Arbre ou branche dangereux', 'Dangerous tree or branch'), group: t('Espaces verts', 'Parks and green spaces') },
    ],
    landmarks: [
      { id: 'mairie', name: t('Mairie', 'Town hall'), lat: 47.3904, long: 0.9802, address: '1 place de la Mairie, 37999 Saint-Aubin-sur-Loire' },
      { id: 'ecole', name: t('École Jules-Ferry', 'Jules-Ferry school'), lat: 47.3921, long: 0.9768, address: '4 rue des Écoles, 37999 Saint-Aubin-sur-Loire' },
      { id: 'stade', name: t('Stade municipal', 'Sports ground'), lat: 47.3866, long: 0.9864 },
      { id: 'gare', name: t('Gare', 'Railway station'), lat: 47.3952, long: 0.9747 },
    ],
    phase: 'open',
    serverTime: '2026-05-04T10:00:00+02:00',
    ...extra,
  };
  const parsed = MapReportDefinition.safeParse(def);
  if (!parsed.success) throw new Error(`Storybook map-report fixture "${id}" does not match the protocol: ${parsed.error.message}`);
  return def;
}

const SERVICES = ['lampadaire', 'nid-de-poule', 'depot-sauvage', 'trottoir', 'arbre'];
const STATUSES: ReportStatus[] = ['open', 'open', 'acknowledged', 'in_progress', 'fixed', 'not_ours'];
const TEXTS = [
  'Le lampadaire devant le numéro 12 est éteint depuis lundi.',
  'Trou profond au milieu de la chaussée, dangereux pour les vélos.',
  'Sacs de gravats abandonnés au bord du chemin.',
  'Dalle descellée devant la boulangerie.',
  'Grosse branche cassée au-dessus du trottoir.',
];

/** `n` public reports spread over the town (deterministic), the first ones with updates. */
export function reports(n: number): PublicReport[] {
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  return Array.from({ length: n }, (_, i) => {
    const status = STATUSES[i % STATUSES.length]!;
    const day = String(28 - (i % 27)).padStart(2, '0');
    const r: PublicReport = {
      service_request_id: String(1042 - i),
      service_code: SERVICES[i % SERVICES.length]!,
      status,
      description: TEXTS[i % TEXTS.length]!,
      lat: i % 11 === 10 ? null : 47.383 + rnd() * 0.017,
      long: i % 11 === 10 ? null : 0.962 + rnd() * 0.034,
      address_string: i % 3 === 0 ? `${1 + (i % 40)} rue des Écoles, 37999 Saint-Aubin-sur-Loire` : undefined,
      requested_datetime: `2026-04-${day}T09:30:00+02:00`,
      updated_datetime: `2026-04-${day}T16:00:00+02:00`,
      media_urls: [],
      supports: i % 4,
      name: i % 5 === 0 ? 'Marie D.' : undefined,
      updates:
        status === 'open'
          ? []
          : [
              { date: `2026-04-${day}T11:00:00+02:00`, status: 'acknowledged' as const, text: 'Signalement transmis à l’équipe voirie.' },
              ...(status !== 'acknowledged' ? [{ date: `2026-04-${day}T16:00:00+02:00`, status, text: status === 'fixed' ? 'Réparé ce matin.' : status === 'not_ours' ? 'Route départementale : transmis au Département.' : 'Intervention prévue jeudi.' }] : []),
            ],
    };
    return r;
  });
}

/* ------------------------------------------------------------------ routes */

const fixtures = new Map<string, MapReportFixture>();
const kv = () => createStore('civic-widgets', 'kv');

function metres(a: { lat: number; long: number }, b: { lat: number; long: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.long - a.long) * rad) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

function list(f: MapReportFixture, q: URLSearchParams): unknown {
  const open = ['open', 'acknowledged', 'in_progress'];
  let rs = [...(f.reports ?? [])];
  const codes = q.get('service_code')?.split(',');
  if (codes) rs = rs.filter((r) => codes.includes(r.service_code));
  const status = q.get('status')?.split(',');
  if (status) rs = rs.filter((r) => status.some((s) => s === r.status || (s === 'open' && open.includes(r.status)) || (s === 'closed' && !open.includes(r.status))));
  const lat = Number(q.get('lat'));
  const long = Number(q.get('long'));
  if (q.has('lat') && q.has('long')) {
    const radius = Number(q.get('radius') ?? 150);
    rs = rs
      .filter((r) => r.lat !== null && r.long !== null)
      .map((r) => ({ ...r, distance: Math.round(metres({ lat, long }, { lat: r.lat!, long: r.long! })) }))
      .filter((r) => r.distance <= radius)
      .sort((a, b) => a.distance - b.distance);
  }
  if (q.get('fields') === 'min') {
    const markers: ReportMarker[] = rs.filter((r) => r.lat !== null && r.long !== null).map((r) => ({ service_request_id: r.service_request_id, service_code: r.service_code, status: r.status, lat: r.lat!, long: r.long! }));
    return { requests: markers.slice(0, Number(q.get('limit') ?? 5000)), total: markers.length };
  }
  return { requests: rs.slice(0, Number(q.get('limit') ?? 100)), total: rs.length };
}

function route(rest: string, method: string, init: RequestInit | undefined, signal?: AbortSignal | null, full?: URL): Promise<Response> {
  const url = new URL(`${rest}${full?.search ?? ''}`, 'https://x/');
  const m = /^\/?([^/]+)(?:\/requests(?:\/([^/]+)(\/support)?)?)?\/?$/.exec(url.pathname);
  const f = m ? fixtures.get(decodeURIComponent(m[1]!)) : undefined;
  if (!m || !f) return fixtureAnswer(httpError(404, 'not_found', `No map-report "${rest}" (Storybook fixtures).`), 404, signal);
  const isRequests = url.pathname.includes('/requests');
  const [, , rid, support] = m;
  if (method === 'GET' && !isRequests) return fixtureAnswer(f.definition, 200, signal, f.delayMs);
  if (method === 'GET' && isRequests && !rid) return fixtureAnswer(f.list ?? list(f, url.searchParams), 200, signal, f.delayMs);
  if (method === 'GET' && rid) return fixtureAnswer(f.reports?.find((r) => r.service_request_id === rid) ?? httpError(404, 'not_found', `No report ${rid}.`), 200, signal, f.delayMs);
  if (method === 'POST' && rid && support) {
    const r = f.reports?.find((x) => x.service_request_id === rid);
    return fixtureAnswer(r ? { supports: r.supports + 1, duplicate: false } : httpError(404, 'not_found', `No report ${rid}.`), 201, signal, f.delayMs);
  }
  if (method === 'POST' && isRequests) {
    if (!new Headers(init?.headers).get(IDEMPOTENCY_HEADER)) return fixtureAnswer(httpError(400, 'bad_request', 'Idempotency-Key missing.'), 400, signal);
    const body = ReportSubmission.safeParse(JSON.parse(String(init?.body ?? 'null')));
    if (!body.success) return fixtureAnswer(httpError(400, 'validation', 'Not a report.'), 400, signal);
    const receipt: ReportReceipt = { id: 'fixture-report-0001', receivedAt: '2026-05-04T10:00:00+02:00', duplicate: false, status: 'accepted', service_request_id: '1043', ...(body.data.subscribe ? { subscription: 'pending' as const } : {}) };
    return fixtureAnswer(f.receipt ?? receipt, 201, signal, f.delayMs);
  }
  return fixtureAnswer(httpError(405, 'bad_request', `${method} is not part of the protocol.`), 405, signal);
}

const PLACES = [
  { label: '4 Rue des Écoles 37999 Saint-Aubin-sur-Loire', lat: 47.3921, long: 0.9768 },
  { label: '12 Rue des Écoles 37999 Saint-Aubin-sur-Loire', lat: 47.3936, long: 0.9787 },
  { label: '1 Place de la Mairie 37999 Saint-Aubin-sur-Loire', lat: 47.3904, long: 0.9802 },
  { label: 'Avenue de la Gare 37999 Saint-Aubin-sur-Loire', lat: 47.3952, long: 0.9747 },
];

function geocoder(_rest: string, _method: string, _init: RequestInit | undefined, signal?: AbortSignal | null, full?: URL): Promise<Response> {
  const q = (full?.searchParams.get('q') ?? '').toLowerCase();
  const features = PLACES.filter((p) => p.label.toLowerCase().includes(q)).map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.long, p.lat] }, properties: { label: p.label } }));
  return fixtureAnswer({ type: 'FeatureCollection', features }, 200, signal, 150);
}

async function forget(ids: string[]): Promise<void> {
  for (const [key, value] of await entries<string, unknown>(kv())) {
    const k = String(key);
    const entry = value as Partial<OutboxEntry> | undefined;
    const queued = k.startsWith('outbox:') && entry?.endpoint === FIXTURE_ENDPOINT && ids.includes(entry.contentId ?? '');
    if (queued || ids.some((id) => k.includes(`|${FIXTURE_ENDPOINT}|${id}`))) await del(key, kv());
  }
}

/** A story `beforeEach`: serves these spaces (and the stand-in geocoder), seeds the device, returns the cleanup. */
export function mapReportFixtures(all: Record<string, MapReportFixture>): () => Promise<() => Promise<void>> {
  return async () => {
    const ids = Object.keys(all);
    for (const id of ids) fixtures.set(id, all[id]!);
    const releaseSpaces = useFixtureRoute('/map-reports/', route);
    const releaseGeocoder = useFixtureRoute('/geocoder/', geocoder);
    await forget(ids);
    for (const id of ids) {
      const queued = all[id]!.queued;
      if (!queued) continue;
      const key = `fixture-queued-${id}`.padEnd(16, '0');
      const entry: OutboxEntry = {
        key,
        kind: 'map-report',
        contentId: id,
        endpoint: FIXTURE_ENDPOINT,
        path: `/map-reports/${id}/requests`,
        body: queued,
        createdAt: Date.now(),
        attempts: 1,
        // Far in the future: the story holds the "kept on this device" state.
        nextAttemptAt: Date.now() + 86_400_000,
        lastError: { failure: 'offline' },
      };
      await set(`outbox:${key}`, entry, kv());
    }
    return async () => {
      for (const id of ids) fixtures.delete(id);
      await forget(ids);
      releaseSpaces();
      releaseGeocoder();
    };
  };
}
