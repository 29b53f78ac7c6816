import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db.js';
import { memoryMailer } from '../mail.js';
import type { MapReportOptions } from '../map-reports.js';
import { auth, key, openTestDb, putContent, resetDb, testApp } from './helpers.js';
import { TINY_JPEG, dataUrl, lampadaire, report, saintAubin, truncateReports, until } from './map-reports-support.js';

let db: Db;
let app: FastifyInstance;
const apps: FastifyInstance[] = [];

async function makeApp(extra: MapReportOptions = {}): Promise<FastifyInstance> {
  const a = await testApp(db, { mapReports: { mailer: memoryMailer(), publicUrl: 'https://mairie.example', ...extra } });
  apps.push(a);
  return a;
}

before(async () => {
  db = await openTestDb();
});
after(async () => {
  await db.close();
});
beforeEach(async () => {
  await resetDb(db);
  await truncateReports(db);
});
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

const form = (fields: Record<string, string | string[]>) => {
  const f = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f.toString();
};
const postForm = (a: FastifyInstance, fields: Record<string, string | string[]>, query = '') =>
  a.inject({ method: 'POST', url: `/api/open311/v2/requests.json${query}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(fields) });

/** Open311 errors: an array of { code, description } with the same HTTP status. */
function open311Error(res: { statusCode: number; body: string; headers: Record<string, unknown> }, status: number, description?: RegExp): string {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /application\/json/);
  const body = JSON.parse(res.body) as Array<{ code: number; description: string }>;
  assert.ok(Array.isArray(body) && body.length === 1, res.body);
  assert.deepEqual(Object.keys(body[0]!).sort(), ['code', 'description']);
  assert.equal(body[0]!.code, status);
  if (description) assert.match(body[0]!.description, description);
  return body[0]!.description;
}

const SERVICE_FIELDS = ['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type'];
const ATTRIBUTE_FIELDS = ['code', 'datatype', 'datatype_description', 'description', 'order', 'required', 'variable'];
const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('Open311 GeoReport v2: services', () => {
  beforeEach(async () => {
    app = await makeApp();
    await putContent(app, 'map-reports', saintAubin());
  });

  it('GET services.json: every service with the spec fields, texts in the space language or ?lang=', async () => {
    const res = await app.inject('/api/open311/v2/services.json');
    assert.equal(res.statusCode, 200);
    const services = JSON.parse(res.body) as Array<Record<string, unknown>>;
    assert.equal(services.length, 8);
    for (const s of services) assert.deepEqual(Object.keys(s).sort(), SERVICE_FIELDS);
    assert.deepEqual(services[0], {
      service_code: 'nid-de-poule', service_name: 'Nid-de-poule, chaussée abîmée', description: 'Trou, fissure ou affaissement de la chaussée.',
      metadata: true, type: 'realtime', keywords: 'trou, chaussée, route, fissure', group: 'Voirie',
    });
    const tag = services.find((s) => s.service_code === 'tag')!;
    assert.deepEqual([tag.metadata, tag.description, tag.keywords], [false, null, null]);
    const en = JSON.parse((await app.inject('/api/open311/v2/services.json?lang=en')).body) as Array<Record<string, unknown>>;
    assert.equal(en[3]!.service_name, 'Street light out');
    assert.equal(en[3]!.group, 'Street lighting');
  });

  it('GET services/{code}.json: attributes with variable, code, datatype, required, datatype_description, order, description, values', async () => {
    const res = await app.inject('/api/open311/v2/services/nid-de-poule.json');
    assert.equal(res.statusCode, 200);
    const def = JSON.parse(res.body) as { service_code: string; attributes: Array<Record<string, unknown>> };
    assert.deepEqual(Object.keys(def).sort(), ['attributes', 'service_code']);
    assert.equal(def.service_code, 'nid-de-poule');
    assert.deepEqual(def.attributes.map((a) => a.code), ['info-danger', 'taille', 'profondeur', 'gene', 'depuis', 'repere', 'details']);
    for (const a of def.attributes) {
      const lists = a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist';
      assert.deepEqual(Object.keys(a).sort(), lists ? [...ATTRIBUTE_FIELDS, 'values'].sort() : ATTRIBUTE_FIELDS);
    }
    assert.deepEqual(def.attributes[0], {
      variable: false, code: 'info-danger', datatype: 'string', required: false, datatype_description: null, order: 0,
      description: 'Si le trou met en danger la circulation, appelez aussi la mairie au 02 47 00 00 00.',
    });
    assert.deepEqual(def.attributes[1]!.values, [
      { key: 'petit', name: 'Petit (moins qu’une main)' }, { key: 'moyen', name: 'Moyen (comme une assiette)' }, { key: 'grand', name: 'Grand (plus qu’une roue)' },
    ]);
    assert.deepEqual(def.attributes.map((a) => [a.datatype, a.required]), [
      ['string', false], ['singlevaluelist', true], ['number', false], ['multivaluelist', false], ['datetime', false], ['string', false], ['text', false],
    ]);
    assert.equal(def.attributes[2]!.datatype_description, 'En centimètres');
    assert.deepEqual(JSON.parse((await app.inject('/api/open311/v2/services/tag.json')).body), { service_code: 'tag', attributes: [] });
  });

  it('errors are Open311 arrays: unknown service 404, unknown method 404, XML 400', async () => {
    open311Error(await app.inject('/api/open311/v2/services/piscine.json'), 404, /service_code "piscine" not found/);
    open311Error(await app.inject('/api/open311/v2/services.xml'), 400, /json/);
    open311Error(await app.inject('/api/open311/v2/discovery.json'), 404);
  });

  it('serves the first space by id, or CIVIC_OPEN311_SPACE', async () => {
    await putContent(app, 'map-reports', saintAubin({ id: 'aaa-autre', services: [{ service_code: 'autre', service_name: 'Autre' }] }));
    assert.deepEqual((JSON.parse((await app.inject('/api/open311/v2/services.json')).body) as Array<{ service_code: string }>).map((s) => s.service_code), ['autre']);
    const chosen = await makeApp({ open311: { space: 'saint-aubin' } });
    assert.equal((JSON.parse((await chosen.inject('/api/open311/v2/services.json')).body) as unknown[]).length, 8);
    await db.query(`DELETE FROM content WHERE kind = 'map-report'`);
    open311Error(await app.inject('/api/open311/v2/services.json'), 404, /No map-report space/);
  });
});

describe('Open311 GeoReport v2: requests', () => {
  beforeEach(async () => {
    app = await makeApp();
    await putContent(app, 'map-reports', saintAubin());
  });

  it('POST requests.json (form-encoded): attribute[code] and attribute[code][], answered [{ service_request_id, service_notice, account_id }]', async () => {
    const res = await postForm(app, {
      service_code: 'nid-de-poule', lat: '47.3905', long: '0.9801', address_string: 'Place de la Mairie', email: 'jean@example.fr', first_name: 'Jean', last_name: 'Martin',
      phone: '0611223344', description: 'Trou profond', media_url: 'https://photos.example/1.jpg', device_id: 'abc', account_id: '42',
      'attribute[taille]': 'grand', 'attribute[gene][]': ['velos', 'pietons'], 'attribute[profondeur]': '15',
    });
    assert.equal(res.statusCode, 201, res.body);
    const body = JSON.parse(res.body) as Array<Record<string, unknown>>;
    assert.equal(body.length, 1);
    assert.deepEqual(Object.keys(body[0]!).sort(), ['account_id', 'service_notice', 'service_request_id']);
    assert.match(String(body[0]!.service_request_id), /^\d+$/);
    const lamp = JSON.parse((await postForm(app, { service_code: 'lampadaire', lat: '47.39', long: '0.98', description: 'Éteint', 'attribute[panne]': 'clignote' })).body) as Array<Record<string, unknown>>;
    assert.equal(lamp[0]!.service_notice, 'Réparation sous 10 jours en moyenne.');

    const { rows } = await db.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM submissions WHERE kind = 'map-report' ORDER BY created_at LIMIT 1`);
    const p = rows[0]!.payload;
    assert.deepEqual(p.attribute, { taille: 'grand', gene: ['velos', 'pietons'], profondeur: 15 });
    assert.equal(p.email, 'jean@example.fr');
    assert.equal(p.media_url, 'https://photos.example/1.jpg');
    assert.equal(p.device_id, undefined, 'device_id is not kept');
    assert.equal(p.account_id, undefined, 'account_id is not kept');

    const one = JSON.parse((await app.inject(`/api/open311/v2/requests/${body[0]!.service_request_id}.json`)).body) as Array<Record<string, unknown>>;
    assert.equal(one[0]!.media_url, 'https://photos.example/1.jpg');
    assert.equal(one[0]!.address, 'Place de la Mairie');
    // JSON bodies work too (some clients send them).
    const json = await app.inject({ method: 'POST', url: '/api/open311/v2/requests.json', payload: { service_code: 'tag', lat: 47.39, long: 0.98, description: 'Tag' } });
    assert.equal(json.statusCode, 201, json.body);
  });

  it('POST refusals: missing or unknown service_code, no location, bad lat, missing attribute, bad media_url, XML', async () => {
    open311Error(await postForm(app, { lat: '47.39', long: '0.98', description: 'x' }), 400, /service_code is required/);
    open311Error(await postForm(app, { service_code: 'piscine', lat: '47.39', long: '0.98', description: 'x' }), 404, /piscine/);
    open311Error(await postForm(app, { service_code: 'tag', description: 'x' }), 400, /location is required/);
    open311Error(await postForm(app, { service_code: 'tag', lat: 'nord', long: '0.98', description: 'x' }), 400, /lat/);
    open311Error(await postForm(app, { service_code: 'tag', lat: '48.85', long: '2.35', description: 'x' }), 400, /outside the area/);
    open311Error(await postForm(app, { service_code: 'nid-de-poule', lat: '47.39', long: '0.98', description: 'x' }), 400, /attribute\.taille.*required/);
    open311Error(await postForm(app, { service_code: 'tag', lat: '47.39', long: '0.98', description: 'x', media_url: 'javascript:alert(1)' }), 400, /media_url/);
    open311Error(await postForm(app, { service_code: 'tag', lat: '47.39', long: '0.98' }), 400, /description/);
    const xml = await app.inject({ method: 'POST', url: '/api/open311/v2/requests.xml', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'service_code=tag' });
    open311Error(xml, 400, /json/);
    const text = await app.inject({ method: 'POST', url: '/api/open311/v2/requests.json', headers: { 'content-type': 'text/plain' }, payload: 'service_code=tag' });
    open311Error(text, 415, /form-encoded/);
    assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM map_reports')).rows[0]!.n, 0);
  });

  it('GET requests.json: every spec field of every request, status open/closed, status_notes = latest update', async () => {
    const a = (await (await report(app, lampadaire({ media: [dataUrl(TINY_JPEG)], first_name: 'Marie', email: 'marie@example.fr' }))).json()).service_request_id as string;
    const b = (await (await report(app, { service_code: 'tag', lat: 47.3911, long: 0.9825, landmark: 'marche', description: 'Tag' })).json()).service_request_id as string;
    await app.inject({ method: 'POST', url: `/api/admin/map-reports/saint-aubin/requests/${b}/updates`, headers: auth, payload: { status: 'in_progress', text: 'Nettoyage prévu.' } });
    await app.inject({ method: 'POST', url: `/api/admin/map-reports/saint-aubin/requests/${b}/updates`, headers: auth, payload: { status: 'fixed', text: 'Nettoyé.' } });
    await app.inject({ method: 'POST', url: `/api/admin/map-reports/saint-aubin/requests/${b}/updates`, headers: auth, payload: { status: 'fixed' } });

    const res = await app.inject('/api/open311/v2/requests.json');
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes('marie@example.fr') && !res.body.includes('Marie'), 'no contact data in Open311 answers');
    const list = JSON.parse(res.body) as Array<Record<string, unknown>>;
    assert.deepEqual(list.map((r) => r.service_request_id), [b, a]);
    for (const r of list) {
      assert.deepEqual(Object.keys(r).filter((k) => k !== 'detailed_status').sort(), [...REQUEST_FIELDS].sort());
      assert.match(String(r.requested_datetime), ISO);
      assert.match(String(r.updated_datetime), ISO);
    }
    const [tag, lamp] = list as [Record<string, unknown>, Record<string, unknown>];
    assert.deepEqual(
      { status: tag.status, detailed: tag.detailed_status, notes: tag.status_notes, name: tag.service_name, agency: tag.agency_responsible, address: tag.address },
      { status: 'closed', detailed: 'fixed', notes: 'Nettoyé.', name: 'Tag ou affichage sauvage', agency: 'Services techniques – propreté', address: 'Place du Marché, 37999 Saint-Aubin-sur-Loire' },
    );
    assert.ok(String(tag.updated_datetime) > String(tag.requested_datetime));
    assert.deepEqual(
      { status: lamp.status, notes: lamp.status_notes, code: lamp.service_code, description: lamp.description, lat: lamp.lat, long: lamp.long, expected: lamp.expected_datetime, zipcode: lamp.zipcode, address_id: lamp.address_id, address: lamp.address },
      { status: 'open', notes: null, code: 'lampadaire', description: 'Le lampadaire devant l’école est éteint.', lat: 47.3921, long: 0.9768, expected: null, zipcode: null, address_id: null, address: null },
    );
    assert.match(String(lamp.media_url), /^https:\/\/mairie\.example\/api\/media\/[A-Za-z0-9_-]+$/);
    assert.equal((await app.inject(String(lamp.media_url).replace('https://mairie.example', ''))).statusCode, 200);
  });

  it('GET requests.json filters: service_request_id list, service_code, status, start_date/end_date, 90-day default', async () => {
    const ids: string[] = [];
    for (const body of [lampadaire(), lampadaire(), { service_code: 'tag', lat: 47.39, long: 0.98, description: 'Tag' }]) {
      ids.push((await (await report(app, body)).json()).service_request_id as string);
    }
    await app.inject({ method: 'POST', url: `/api/admin/map-reports/saint-aubin/requests/${ids[1]}/updates`, headers: auth, payload: { status: 'not_ours' } });
    // One report from 200 days ago.
    await db.query(`UPDATE map_reports SET requested_at = now() - interval '200 days' WHERE number = $1::bigint`, [ids[0]]);
    const get = async (q: string) => (JSON.parse((await app.inject(`/api/open311/v2/requests.json${q}`)).body) as Array<{ service_request_id: string }>).map((r) => r.service_request_id);
    assert.deepEqual(await get(''), [ids[2], ids[1]], 'the default span is 90 days');
    assert.deepEqual(await get(`?service_request_id=${ids[0]},${ids[2]},999999`), [ids[2], ids[0]], 'ids ignore the date span');
    assert.deepEqual(await get('?service_code=tag'), [ids[2]]);
    assert.deepEqual(await get('?service_code=lampadaire,tag&status=closed'), [ids[1]]);
    assert.deepEqual(await get('?status=open'), [ids[2]]);
    const since = new Date(Date.now() - 300 * 86400_000).toISOString();
    assert.deepEqual(await get(`?start_date=${since}`), [ids[2], ids[1], ids[0]]);
    assert.deepEqual(await get(`?start_date=${since}&end_date=${new Date(Date.now() - 100 * 86400_000).toISOString()}`), [ids[0]]);
    open311Error(await app.inject('/api/open311/v2/requests.json?start_date=yesterday'), 400, /start_date/);
    open311Error(await app.inject('/api/open311/v2/requests.json?status=pending'), 400, /status/);
  });

  it('GET requests/{id}.json: a one-element array; unknown id 404', async () => {
    const id = (await (await report(app, lampadaire())).json()).service_request_id as string;
    const res = await app.inject(`/api/open311/v2/requests/${id}.json`);
    const one = JSON.parse(res.body) as Array<Record<string, unknown>>;
    assert.equal(one.length, 1);
    assert.equal(one[0]!.service_request_id, id);
    open311Error(await app.inject('/api/open311/v2/requests/999999.json'), 404, /999999/);
    open311Error(await app.inject('/api/open311/v2/requests/abc.json'), 404);
  });
});

describe('Open311 GeoReport v2: jurisdiction_id and api_key', () => {
  beforeEach(async () => {
    app = await makeApp({ open311: { jurisdictionId: 'saint-aubin-sur-loire.fr', apiKeys: ['cle-de-test-1', 'cle-de-test-2'] } });
    await putContent(app, 'map-reports', saintAubin());
  });

  it('every method needs the configured jurisdiction_id: missing 400, another 404', async () => {
    for (const url of ['/api/open311/v2/services.json', '/api/open311/v2/services/tag.json', '/api/open311/v2/requests.json', '/api/open311/v2/requests/1.json']) {
      open311Error(await app.inject(url), 400, /jurisdiction_id is required/);
      open311Error(await app.inject(`${url}?jurisdiction_id=paris.fr`), 404, /paris\.fr/);
    }
    assert.equal((await app.inject('/api/open311/v2/services.json?jurisdiction_id=saint-aubin-sur-loire.fr')).statusCode, 200);
    assert.equal((await app.inject('/api/open311/v2/requests.json?jurisdiction_id=saint-aubin-sur-loire.fr')).statusCode, 200);
  });

  it('POST needs jurisdiction_id (body or query) and a valid api_key (403); reads need no key', async () => {
    const fields = { service_code: 'tag', lat: '47.39', long: '0.98', description: 'Tag' };
    open311Error(await postForm(app, { ...fields, api_key: 'cle-de-test-1' }), 400, /jurisdiction_id/);
    open311Error(await postForm(app, { ...fields, jurisdiction_id: 'saint-aubin-sur-loire.fr' }), 403, /api_key is required/);
    open311Error(await postForm(app, { ...fields, jurisdiction_id: 'saint-aubin-sur-loire.fr', api_key: 'devinee' }), 403, /not valid/);
    assert.equal((await postForm(app, { ...fields, jurisdiction_id: 'saint-aubin-sur-loire.fr', api_key: 'cle-de-test-2' })).statusCode, 201);
    assert.equal((await postForm(app, { ...fields, api_key: 'cle-de-test-1' }, '?jurisdiction_id=saint-aubin-sur-loire.fr')).statusCode, 201);
    const { rows } = await db.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM submissions WHERE kind = 'map-report'`);
    assert.ok(rows.every((r) => !JSON.stringify(r.payload).includes('cle-de-test')), 'api keys are not stored');
  });
});

/* ---------------------------------------------------------------- forwarding to a stand-in Open311 server */

interface Remote {
  server: Server;
  port: number;
  received: Array<{ path: string; form: URLSearchParams }>;
  mode: 'id' | 'token' | 'reject' | 'error';
  close(): Promise<void>;
}

async function startRemote(port = 0): Promise<Remote> {
  const remote = { received: [], mode: 'id' } as unknown as Remote;
  let n = 0;
  remote.server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      remote.received.push({ path: req.url ?? '', form: new URLSearchParams(body) });
      res.setHeader('content-type', 'application/json');
      if (remote.mode === 'reject') {
        res.statusCode = 400;
        res.end(JSON.stringify([{ code: 400, description: 'service_code lampadaire not found' }]));
      } else if (remote.mode === 'error') {
        res.statusCode = 503;
        res.end('[]');
      } else {
        n++;
        res.statusCode = 200;
        res.end(JSON.stringify([remote.mode === 'token' ? { token: `tok-${n}` } : { service_request_id: `TOURS-${1000 + n}`, service_notice: '', account_id: null }]));
      }
    });
  });
  await new Promise<void>((resolve) => remote.server.listen(port, '127.0.0.1', resolve));
  remote.port = (remote.server.address() as AddressInfo).port;
  remote.close = () => new Promise((resolve) => remote.server.close(() => resolve()));
  return remote;
}

async function freePort(): Promise<number> {
  const r = await startRemote();
  await r.close();
  return r.port;
}

interface ForwardState { state: string; attempts: number; remoteId?: string; remoteToken?: string; lastError?: string; nextAttemptAt?: string }
async function forwardStates(a: FastifyInstance): Promise<Record<string, ForwardState>> {
  const res = await a.inject({ url: '/api/admin/map-reports/saint-aubin/requests', headers: auth });
  const items = (JSON.parse(res.body) as { items: Array<{ service_request_id: string; forward?: ForwardState }> }).items;
  return Object.fromEntries(items.map((i) => [i.service_request_id, i.forward!]));
}

describe('forwarding to another Open311 server', () => {
  const fast = { intervalMs: 40, backoffMs: 40, maxBackoffMs: 200, timeoutMs: 2000 };

  it('POSTs each accepted report form-encoded with api_key and jurisdiction_id, and keeps the remote id', async () => {
    const remote = await startRemote();
    try {
      app = await makeApp({ forward: { url: `http://127.0.0.1:${remote.port}/open311/v2/`, apiKey: 'cle-distante', jurisdictionId: 'tours.fr', ...fast } });
      await putContent(app, 'map-reports', saintAubin());
      const rid = (await (await report(app, lampadaire({ email: 'marie@example.fr', first_name: 'Marie', last_name: 'Dupont', phone: '0600000000', media: [dataUrl(TINY_JPEG)] }))).json()).service_request_id as string;
      const pothole = await report(app, { service_code: 'nid-de-poule', landmark: 'gare', description: 'Trou', attribute: { taille: 'grand', gene: ['velos', 'bus'], profondeur: 8 } });
      const rid2 = (await pothole.json()).service_request_id as string;
      await report(app, lampadaire({ website: 'spam' })); // honeypot: never forwarded
      const states = await until('both forwarded', async () => {
        const s = await forwardStates(app);
        return s[rid]?.state === 'sent' && s[rid2]?.state === 'sent' ? s : undefined;
      });
      assert.equal(remote.received.length, 2);
      assert.deepEqual(new Set([states[rid]!.remoteId, states[rid2]!.remoteId]), new Set(['TOURS-1001', 'TOURS-1002']));
      assert.equal(states[rid]!.attempts, 1);
      const byCode = Object.fromEntries(remote.received.map((r) => [r.form.get('service_code'), r]));
      const lamp = byCode.lampadaire!;
      assert.equal(lamp.path, '/open311/v2/requests.json');
      assert.deepEqual(Object.fromEntries(lamp.form), {
        jurisdiction_id: 'tours.fr', api_key: 'cle-distante', service_code: 'lampadaire', lat: '47.3921', long: '0.9768',
        email: 'marie@example.fr', first_name: 'Marie', last_name: 'Dupont', phone: '0600000000', description: 'Le lampadaire devant l’école est éteint.',
        media_url: lamp.form.get('media_url')!, 'attribute[panne]': 'eteint',
      });
      assert.match(lamp.form.get('media_url')!, /^https:\/\/mairie\.example\/api\/media\/[A-Za-z0-9_-]+$/);
      const hole = byCode['nid-de-poule']!.form;
      assert.deepEqual(hole.getAll('attribute[gene][]'), ['velos', 'bus']);
      assert.equal(hole.get('attribute[profondeur]'), '8');
      assert.equal(hole.get('address_string'), 'Avenue de la Gare, 37999 Saint-Aubin-sur-Loire');
      assert.equal(hole.get('lat'), '47.3952');
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM open311_forward');
      assert.equal(rows[0]!.n, 2);
    } finally {
      await remote.close();
    }
  });

  it('remote down: retried with backoff, nothing lost; remote up: sent', async () => {
    const port = await freePort();
    app = await makeApp({ forward: { url: `http://127.0.0.1:${port}`, ...fast } });
    await putContent(app, 'map-reports', saintAubin());
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await (await report(app, lampadaire({ description: `Panne ${i}` }))).json()).service_request_id as string);
    const down = await until('several failed attempts', async () => {
      const s = await forwardStates(app);
      return ids.every((id) => s[id]!.attempts >= 3) ? s : undefined;
    });
    for (const id of ids) {
      assert.equal(down[id]!.state, 'pending');
      assert.match(down[id]!.lastError!, /network/);
      assert.ok(down[id]!.nextAttemptAt);
    }
    const remote = await startRemote(port);
    try {
      const up = await until('all sent after the remote came back', async () => {
        const s = await forwardStates(app);
        return ids.every((id) => s[id]!.state === 'sent') ? s : undefined;
      });
      assert.deepEqual(remote.received.map((r) => r.form.get('description')).sort(), ['Panne 0', 'Panne 1', 'Panne 2']);
      assert.ok(ids.every((id) => up[id]!.remoteId?.startsWith('TOURS-') && up[id]!.lastError === undefined));
    } finally {
      await remote.close();
    }
  });

  it('the queue survives a restart: reports stored while the remote was down are sent by the next process', async () => {
    const port = await freePort();
    const first = await makeApp({ forward: { url: `http://127.0.0.1:${port}`, ...fast, backoffMs: 10 } });
    await putContent(first, 'map-reports', saintAubin());
    const id = (await (await report(first, lampadaire())).json()).service_request_id as string;
    await until('a failed attempt', async () => (await forwardStates(first))[id]!.attempts >= 1);
    await first.close();
    apps.splice(apps.indexOf(first), 1);
    const remote = await startRemote(port);
    try {
      remote.mode = 'token';
      const second = await makeApp({ forward: { url: `http://127.0.0.1:${port}`, ...fast } });
      await second.ready();
      const s = await until('sent by the new process', async () => {
        const st = (await forwardStates(second))[id]!;
        return st.state === 'sent' ? st : undefined;
      });
      assert.equal(s.remoteToken, 'tok-1');
      assert.equal(s.remoteId, undefined);
      assert.equal(remote.received.length, 1);
    } finally {
      await remote.close();
    }
  });

  it('5xx is retried; a 4xx refusal gives up after maxClientErrors and shows as failed', async () => {
    const remote = await startRemote();
    try {
      remote.mode = 'error';
      app = await makeApp({ forward: { url: `http://127.0.0.1:${remote.port}`, ...fast, maxClientErrors: 2 } });
      await putContent(app, 'map-reports', saintAubin());
      const id = (await (await report(app, lampadaire())).json()).service_request_id as string;
      let st = await until('503s retried', async () => {
        const s = (await forwardStates(app))[id]!;
        return s.attempts >= 3 ? s : undefined;
      });
      assert.equal(st.state, 'pending');
      assert.match(st.lastError!, /HTTP 503/);
      remote.mode = 'reject';
      st = await until('given up', async () => {
        const s = (await forwardStates(app))[id]!;
        return s.state === 'failed' ? s : undefined;
      });
      assert.match(st.lastError!, /HTTP 400: service_code lampadaire not found/);
      const tries = remote.received.length;
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(remote.received.length, tries, 'no more attempts once failed');
    } finally {
      await remote.close();
    }
  });

  it('without a forward URL nothing is queued', async () => {
    app = await makeApp();
    await putContent(app, 'map-reports', saintAubin());
    await report(app, lampadaire());
    assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM open311_forward')).rows[0]!.n, 0);
    void key;
  });
});
