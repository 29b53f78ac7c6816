import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import {
  MapReportDefinition, MapReportDefinitionInput, PublicReport, ReportList, ReportMarkerList, ReportReceipt, SupportReceipt,
} from '../../src/api/schemas.js';
import type { Db } from '../db.js';
import { memoryMailer } from '../mail.js';
import { cleanPhoto, stripJpeg } from '../photos.js';
import { distanceM, type MapReportDef, type MapReportOptions } from '../map-reports.js';
import { seedReports } from '../seed-reports.js';
import { auth, key, openTestDb, putContent, resetDb, testApp } from './helpers.js';
import {
  TINY_JPEG, TINY_PNG, TINY_WEBP, dataUrl, errorOf, jpegWithGps, lampadaire, pngWithMetadata, report, saintAubin, truncateReports, webpWithMetadata,
} from './map-reports-support.js';

let db: Db;
let app: FastifyInstance;
let mailer = memoryMailer();

async function makeApp(extra: MapReportOptions = {}): Promise<FastifyInstance> {
  return testApp(db, { mapReports: { mailer, publicUrl: 'https://mairie.example', ...extra } });
}
const path = (url: string) => url.replace('https://mairie.example', '');

before(async () => {
  db = await openTestDb();
});
after(async () => {
  await db.close();
});
beforeEach(async () => {
  await resetDb(db);
  await truncateReports(db);
  mailer = memoryMailer();
  app = await makeApp();
  await putContent(app, 'map-reports', saintAubin());
});

async function created(res: { statusCode: number; body: string }): Promise<ReportReceipt> {
  assert.equal(res.statusCode, 201, res.body);
  return ReportReceipt.parse(JSON.parse(res.body));
}
const list = async (query = '') => {
  const res = await app.inject(`/api/map-reports/saint-aubin/requests${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return query.includes('fields=min') ? ReportMarkerList.parse(JSON.parse(res.body)) : ReportList.parse(JSON.parse(res.body));
};

describe('map-report definition', () => {
  it('serves the saint-aubin space: 8 services in 4 groups, every attribute datatype, 6 landmarks, map view', async () => {
    const res = await app.inject('/api/map-reports/saint-aubin');
    assert.equal(res.statusCode, 200);
    const def = MapReportDefinition.parse(JSON.parse(res.body));
    assert.equal(def.services.length, 8);
    assert.deepEqual(new Set(def.services.map((s) => (s.group as Record<string, string>).fr)), new Set(['Voirie', 'Éclairage public', 'Propreté', 'Espaces verts']));
    const datatypes = new Set(def.services.flatMap((s) => (s.attributes ?? []).map((a) => a.datatype)));
    assert.deepEqual(datatypes, new Set(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']));
    assert.deepEqual(def.landmarks?.map((l) => l.id), ['mairie', 'ecole', 'eglise', 'stade', 'marche', 'gare']);
    for (const l of def.landmarks ?? []) assert.ok(distanceM(47.39, 0.98, l.lat, l.long) < 1500, `${l.id} is in town`);
    assert.deepEqual(def.map.center, { lat: 47.39, long: 0.98 });
    assert.equal(def.phase, 'open');
  });

  it('refuses a definition without a map view or with a bad attribute datatype', async () => {
    const { map: _map, ...noMap } = saintAubin({ id: 'x' });
    let res = await app.inject({ method: 'PUT', url: '/api/admin/map-reports/x', headers: auth, payload: noMap });
    assert.deepEqual(errorOf(res, 400, 'validation').fields?.map((f) => f.path), [['map']]);
    const bad = saintAubin({ id: 'x' });
    (bad.services[0]!.attributes![1] as { datatype: string }).datatype = 'boolean';
    res = await app.inject({ method: 'PUT', url: '/api/admin/map-reports/x', headers: auth, payload: bad });
    assert.deepEqual(errorOf(res, 400, 'validation').fields?.[0]?.path, ['services', 0, 'attributes', 1, 'datatype']);
    assert.equal(MapReportDefinitionInput.safeParse(saintAubin()).success, true);
  });
});

describe('submitting a report', () => {
  it('accepts a report, numbers it, and replays the same receipt for the same key', async () => {
    const idem = key();
    const first = await created(await report(app, lampadaire(), { idem }));
    assert.equal(first.status, 'accepted');
    assert.match(first.service_request_id, /^\d+$/);
    assert.equal(first.subscription, undefined);
    const again = await report(app, lampadaire(), { idem });
    assert.equal(again.statusCode, 200);
    const r2 = ReportReceipt.parse(JSON.parse(again.body));
    assert.deepEqual({ ...r2, duplicate: false }, first);
    assert.equal(r2.duplicate, true);
    errorOf(await report(app, lampadaire({ description: 'autre' }), { idem }), 409, 'conflict');
    const second = await created(await report(app, lampadaire()));
    assert.equal(Number(second.service_request_id), Number(first.service_request_id) + 1);
    assert.equal((await list()).total, 2);
  });

  it('needs a location: lat+long, a landmark (fills position and address) or an address', async () => {
    let e = errorOf(await report(app, lampadaire({ lat: undefined, long: undefined })), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['lat'], 'required']]);
    e = errorOf(await report(app, lampadaire({ long: undefined })), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['long'], 'required']]);
    e = errorOf(await report(app, lampadaire({ lat: 48.85, long: 2.35 })), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['lat'], 'out_of_bounds']]);
    e = errorOf(await report(app, lampadaire({ lat: undefined, long: undefined, landmark: 'piscine' })), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['landmark'], 'unknown_option'], [['lat'], 'required']]);

    const byLandmark = await created(await report(app, lampadaire({ lat: undefined, long: undefined, landmark: 'ecole' })));
    const one = PublicReport.parse(JSON.parse((await app.inject(`/api/map-reports/saint-aubin/requests/${byLandmark.service_request_id}`)).body));
    assert.equal(one.lat, 47.3921);
    assert.equal(one.long, 0.9768);
    assert.equal(one.address_string, '4 rue des Écoles, 37999 Saint-Aubin-sur-Loire');

    const byAddress = await created(await report(app, lampadaire({ lat: undefined, long: undefined, address_string: '3 rue du Puits' })));
    const two = PublicReport.parse(JSON.parse((await app.inject(`/api/map-reports/saint-aubin/requests/${byAddress.service_request_id}`)).body));
    assert.equal(two.lat, null);
    assert.equal(two.address_string, '3 rue du Puits');
    // Not on the map: the markers leave it out, the full list keeps it.
    assert.deepEqual((await list('?fields=min')).requests.map((r) => r.service_request_id), [byLandmark.service_request_id]);
    assert.equal((await list()).total, 2);
  });

  it('checks the category and each attribute against its Open311 datatype', async () => {
    let e = errorOf(await report(app, lampadaire({ service_code: 'piscine' })), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['service_code'], 'unknown_option']]);
    const pothole = (attribute: Record<string, unknown>) => ({ service_code: 'nid-de-poule', lat: 47.39, long: 0.98, description: 'Trou', attribute });
    e = errorOf(await report(app, pothole({})), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['attribute', 'taille'], 'required']]);
    e = errorOf(await report(app, pothole({ taille: 'enorme', profondeur: 'dix', gene: ['velos', 'trains'], depuis: 'hier', repere: ['x'], 'info-danger': 'x', couleur: 'rouge' })), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [
      [['attribute', 'info-danger'], 'unknown_field'],
      [['attribute', 'couleur'], 'unknown_field'],
      [['attribute', 'taille'], 'unknown_option'],
      [['attribute', 'profondeur'], 'invalid_type'],
      [['attribute', 'gene'], 'unknown_option'],
      [['attribute', 'depuis'], 'invalid_format'],
      [['attribute', 'repere'], 'invalid_type'],
    ]);
    e = errorOf(await report(app, pothole({ taille: 'grand', gene: ['velos', 'velos'] })), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['attribute', 'gene'], 'duplicate']]);
    const ok = await created(await report(app, pothole({ taille: 'grand', profondeur: '12.5', gene: ['velos', 'pietons'], depuis: '2026-11-02', repere: 'n° 14', details: 'Ligne 1\nLigne 2' })));
    const { rows } = await db.query<{ payload: { attribute: unknown } }>(
      `SELECT s.payload FROM submissions s JOIN map_reports r ON r.submission_id = s.id WHERE r.number = $1::bigint`, [ok.service_request_id],
    );
    assert.deepEqual(rows[0]!.payload.attribute, { taille: 'grand', profondeur: 12.5, gene: ['velos', 'pietons'], depuis: '2026-11-02', repere: 'n° 14', details: 'Ligne 1\nLigne 2' });
  });

  it('refuses a subscription without an e-mail; the schema refuses a bad e-mail', async () => {
    let e = errorOf(await report(app, lampadaire({ subscribe: true })), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => [f.path, f.code]), [[['email'], 'required']]);
    e = errorOf(await report(app, lampadaire({ email: 'pas-un-email' })), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => f.path), [['email']]);
    e = errorOf(await report(app, lampadaire({ description: '   ' })), 400, 'validation');
    assert.deepEqual(e.fields?.map((f) => f.path), [['description']]);
  });

  it('honeypot and too-fast forms: answered like the others, never listed, photos not kept', async () => {
    const bot = await created(await report(app, lampadaire({ website: 'http://spam', media: [dataUrl(TINY_JPEG)] })));
    const fast = await created(await report(app, lampadaire({ fillMs: 400 })));
    assert.equal(bot.status, 'accepted');
    assert.equal((await list()).total, 0);
    assert.equal((await app.inject(`/api/map-reports/saint-aubin/requests/${fast.service_request_id}`)).statusCode, 404);
    assert.equal((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM media')).rows[0]!.n, 0);
    const { rows } = await db.query<{ status: string }>(`SELECT status FROM submissions WHERE kind = 'map-report' ORDER BY created_at`);
    assert.deepEqual(rows.map((r) => r.status), ['rejected', 'rejected']);
  });

  it('limits reports per hashed IP per space and hour (429 with Retry-After)', async () => {
    await app.close();
    app = await makeApp({ ipHourLimit: 2 });
    await created(await report(app, lampadaire(), { ip: '192.0.2.7' }));
    await created(await report(app, lampadaire(), { ip: '192.0.2.7' }));
    const res = await report(app, lampadaire(), { ip: '192.0.2.7' });
    const e = errorOf(res, 429, 'rate_limited');
    assert.ok(Number(res.headers['retry-after']) > 3500, String(res.headers['retry-after']));
    assert.match(e.message, /network/);
    await created(await report(app, lampadaire(), { ip: '192.0.2.8' }));
  });

  it('refuses reports on a closed space (409 closed)', async () => {
    await putContent(app, 'map-reports', saintAubin({ closesAt: new Date(Date.now() - 1000).toISOString() }));
    errorOf(await report(app, lampadaire()), 409, 'closed');
  });
});

describe('photos', () => {
  async function storedMedia(): Promise<Array<{ id: string; content_type: string; bytes: Buffer }>> {
    const { rows } = await db.query<{ id: string; content_type: string; bytes: Uint8Array }>(
      `SELECT m.id, m.content_type, m.bytes FROM map_reports r, unnest(r.media_ids) WITH ORDINALITY AS u(id, pos), media m
        WHERE m.id = u.id ORDER BY r.number, u.pos`,
    );
    return rows.map((r) => ({ ...r, bytes: Buffer.from(r.bytes) }));
  }

  it('a JPEG with GPS EXIF goes in; what the database stores and /api/media serves has no APP1, EXIF, XMP nor comment', async () => {
    const withGps = jpegWithGps();
    assert.ok(withGps.includes(Buffer.from('Exif\0\0', 'latin1')) && withGps.includes(Buffer.from([0x88, 0x25])), 'the fixture carries GPS EXIF');
    const r = await created(await report(app, lampadaire({ media: [dataUrl(withGps)] })));
    const [m] = await storedMedia();
    assert.ok(m);
    assert.equal(m.content_type, 'image/jpeg');
    for (const needle of [Buffer.from('Exif', 'latin1'), Buffer.from('xmpmeta', 'latin1'), Buffer.from('GPS', 'latin1'), Buffer.from([0xff, 0xe1]), Buffer.from([0xff, 0xfe]), Buffer.from('ICC_PROFILE', 'latin1')]) {
      assert.equal(m.bytes.indexOf(needle), -1, `stored photo still holds ${needle.toString('latin1')}`);
    }
    // Still a JPEG with the same pixels: SOI, APP0 kept, the same scan data and EOI.
    assert.deepEqual([...m.bytes.subarray(0, 4)], [0xff, 0xd8, 0xff, 0xe0]);
    const sos = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xda])));
    assert.deepEqual(sos(m.bytes), sos(TINY_JPEG));
    assert.deepEqual(m.bytes, stripJpeg(TINY_JPEG));
    assert.equal(m.bytes.length, TINY_JPEG.length - (TINY_JPEG.readUInt16BE(22) + 2), 'only the ICC APP2 of the clean fixture is gone');

    const one = PublicReport.parse(JSON.parse((await app.inject(`/api/map-reports/saint-aubin/requests/${r.service_request_id}`)).body));
    assert.equal(one.media_url, `https://mairie.example/api/media/${m.id}`);
    assert.deepEqual(one.media_urls, [one.media_url]);
    const served = await app.inject(path(one.media_url!));
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/jpeg');
    assert.equal(served.headers['x-content-type-options'], 'nosniff');
    assert.match(String(served.headers['cache-control']), /max-age=31536000.*immutable/);
    assert.deepEqual(served.rawPayload, m.bytes);
    assert.equal((await app.inject('/api/media/AAAAAAAAAAAAAAAAAAAAAA')).statusCode, 404);
  });

  it('PNG: tEXt, eXIf, iTXt and tIME chunks dropped; WebP: EXIF and XMP chunks dropped, flags and RIFF size fixed', async () => {
    await created(await report(app, lampadaire({ media: [dataUrl(pngWithMetadata(), 'image/png'), dataUrl(webpWithMetadata(), 'image/webp')] })));
    const [png, webp] = await storedMedia();
    assert.equal(png?.content_type, 'image/png');
    assert.deepEqual(png?.bytes, TINY_PNG, 'the PNG is back to the clean fixture');
    assert.equal(webp?.content_type, 'image/webp');
    assert.deepEqual(webp?.bytes, TINY_WEBP, 'the WebP is back to the clean fixture (flags 0x20 only, RIFF size of the file)');
    assert.equal(webp!.bytes.readUInt32LE(4), webp!.bytes.length - 8);
  });

  it('reads the type from the bytes: a PNG declared as JPEG is stored and served as PNG', async () => {
    const r = await created(await report(app, lampadaire({ media: [dataUrl(TINY_PNG, 'image/jpeg')] })));
    const one = PublicReport.parse(JSON.parse((await app.inject(`/api/map-reports/saint-aubin/requests/${r.service_request_id}`)).body));
    const served = await app.inject(path(one.media_url!));
    assert.equal(served.headers['content-type'], 'image/png');
  });

  it('415 for a text file named .jpg, a GIF, a truncated JPEG or a non-base64 URL, with the field path', async () => {
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    const cases = [
      dataUrl(Buffer.from('Bonjour, ceci est un fichier texte renommé photo.jpg\n')),
      dataUrl(gif, 'image/gif'),
      dataUrl(TINY_JPEG.subarray(0, 300)),
      'data:image/jpeg,notbase64',
    ];
    for (const media of cases) {
      const e = errorOf(await report(app, lampadaire({ media: [dataUrl(TINY_JPEG), media] })), 415, 'unsupported_media_type');
      assert.deepEqual(e.fields?.map((f) => f.path), [['media', 1]], media.slice(0, 40));
    }
    assert.equal((await list()).total, 0);
    assert.equal((await storedMedia()).length, 0);
  });

  it('413 for a photo over CIVIC_PHOTO_MAX_BYTES, 400 too_many over maxPhotos', async () => {
    await app.close();
    app = await makeApp({ photoMaxBytes: 4000 });
    const big = Buffer.concat([TINY_JPEG.subarray(0, 2), Buffer.from([0xff, 0xfe, 0x10, 0x00]), Buffer.alloc(0x1000 - 2, 0x20), TINY_JPEG.subarray(2)]);
    assert.ok(cleanPhoto(big), 'a valid JPEG, only too big');
    const e = errorOf(await report(app, lampadaire({ media: [dataUrl(big)] })), 413, 'payload_too_large');
    assert.deepEqual(e.fields?.map((f) => f.path), [['media', 0]]);
    await created(await report(app, lampadaire({ media: [dataUrl(TINY_JPEG)] })));

    const four = Array.from({ length: 4 }, () => dataUrl(TINY_JPEG));
    const tooMany = errorOf(await report(app, lampadaire({ media: four })), 400, 'validation');
    assert.deepEqual(tooMany.fields?.map((f) => [f.path, f.code]), [[['media'], 'too_many']]);
    await putContent(app, 'map-reports', saintAubin({ maxPhotos: 0 }));
    errorOf(await report(app, lampadaire({ media: [dataUrl(TINY_JPEG)] })), 400, 'validation');
  });

  it('multipart/form-data (the no-JS form): fields with Open311 names, photos as files, the key as a field', async () => {
    const boundary = '----civic' + key();
    const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const idem = key();
    const body = Buffer.concat([
      Buffer.from(
        field('service_code', 'nid-de-poule') + field('lat', '47.3905') + field('long', '0.9801') + field('description', 'Trou devant la mairie') +
          field('attribute[taille]', 'moyen') + field('attribute[gene][]', 'velos') + field('attribute[gene][]', 'pietons') + field('idempotency_key', idem) +
          `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="IMG_0001.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      jpegWithGps(),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const send = () => app.inject({ method: 'POST', url: '/api/map-reports/saint-aubin/requests', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    const r = await created(await send());
    const again = await send();
    assert.equal(again.statusCode, 200);
    assert.equal(ReportReceipt.parse(JSON.parse(again.body)).service_request_id, r.service_request_id);
    const one = PublicReport.parse(JSON.parse((await app.inject(`/api/map-reports/saint-aubin/requests/${r.service_request_id}`)).body));
    assert.equal(one.lat, 47.3905);
    assert.equal(one.media_urls.length, 1);
    const served = await app.inject(path(one.media_url!));
    assert.equal(served.rawPayload.indexOf(Buffer.from('Exif', 'latin1')), -1);
    const { rows } = await db.query<{ payload: { attribute: unknown } }>(`SELECT payload FROM submissions WHERE kind = 'map-report'`);
    assert.deepEqual(rows[0]!.payload.attribute, { taille: 'moyen', gene: ['velos', 'pietons'] });
  });
});

describe('public list, nearby reports and supports', () => {
  async function seed(): Promise<Record<string, string>> {
    const ids: Record<string, string> = {};
    // Distances from the school (47.3921, 0.9768): ~0 m, ~45 m, ~110 m, ~400 m.
    ids.school = (await created(await report(app, lampadaire({ first_name: 'Marie', last_name: 'Dupont', email: 'marie@example.fr', phone: '0600000000', publicName: 'initial' })))).service_request_id;
    ids.near = (await created(await report(app, lampadaire({ lat: 47.3925, long: 0.9768, first_name: 'Jean', last_name: 'Martin', email: 'jean@example.fr' })))).service_request_id;
    ids.mid = (await created(await report(app, lampadaire({ lat: 47.3921, long: 0.97825, publicName: 'full', first_name: 'Ana', last_name: 'Lopez' })))).service_request_id;
    ids.far = (await created(await report(app, lampadaire({ lat: 47.3957, long: 0.9768 })))).service_request_id;
    ids.tag = (await created(await report(app, { service_code: 'tag', lat: 47.3922, long: 0.9769, description: 'Tag sur le mur de l’école' }))).service_request_id;
    return ids;
  }

  it('lists without personal data; the name only when chosen; newest first', async () => {
    const ids = await seed();
    const res = await app.inject('/api/map-reports/saint-aubin/requests');
    for (const secret of ['marie@example.fr', 'jean@example.fr', '0600000000', 'Dupont', 'Martin', 'Jean', 'email', 'phone', 'ip_hash']) {
      assert.ok(!res.body.includes(secret), `the public list leaks ${secret}`);
    }
    const all = ReportList.parse(JSON.parse(res.body));
    assert.deepEqual(all.requests.map((r) => r.service_request_id), [ids.tag, ids.far, ids.mid, ids.near, ids.school]);
    const byId = Object.fromEntries(all.requests.map((r) => [r.service_request_id, r]));
    assert.equal(byId[ids.school!]!.name, 'Marie D.');
    assert.equal(byId[ids.mid!]!.name, 'Ana Lopez');
    assert.equal(byId[ids.near!]!.name, undefined);
    assert.equal(all.total, 5);
    // A space without publicNames never shows names.
    await putContent(app, 'map-reports', saintAubin({ publicNames: false }));
    const r = await created(await report(app, lampadaire({ first_name: 'Paul', last_name: 'Durand', publicName: 'full' })));
    assert.equal(PublicReport.parse(JSON.parse((await app.inject(`/api/map-reports/saint-aubin/requests/${r.service_request_id}`)).body)).name, undefined);
  });

  it('"is it one of these?": open reports of the same category within the radius, nearest first, with distances', async () => {
    const ids = await seed();
    const near = (await list('?service_code=lampadaire&status=open&lat=47.3921&long=0.9768')) as ReportList;
    assert.deepEqual(near.requests.map((r) => r.service_request_id), [ids.school, ids.near, ids.mid]);
    const d = near.requests.map((r) => r.distance!);
    assert.equal(d[0], 0);
    assert.ok(Math.abs(d[1]! - distanceM(47.3921, 0.9768, 47.3925, 0.9768)) < 0.2, String(d[1]));
    assert.ok(d[2]! > 100 && d[2]! < 150, String(d[2]));
    const wide = (await list('?service_code=lampadaire&lat=47.3921&long=0.9768&radius=500')) as ReportList;
    assert.deepEqual(wide.requests.map((r) => r.service_request_id), [ids.school, ids.near, ids.mid, ids.far]);
    // A fixed report is no longer "open".
    await app.inject({ method: 'POST', url: `/api/admin/map-reports/saint-aubin/requests/${ids.near}/updates`, headers: auth, payload: { status: 'fixed', text: 'Ampoule changée.' } });
    const open = (await list('?service_code=lampadaire&status=open&lat=47.3921&long=0.9768')) as ReportList;
    assert.deepEqual(open.requests.map((r) => r.service_request_id), [ids.school, ids.mid]);
    const closed = (await list('?status=closed')) as ReportList;
    assert.deepEqual(closed.requests.map((r) => [r.service_request_id, r.status]), [[ids.near, 'fixed']]);
    assert.deepEqual(((await list('?status=fixed,not_ours')) as ReportList).total, 1);
    assert.deepEqual(((await list('?service_code=tag,panneau')) as ReportList).requests.map((r) => r.service_request_id), [ids.tag]);
  });

  it('markers (fields=min), bbox and limit; bad parameters are 400 with the field', async () => {
    const ids = await seed();
    const min = await app.inject('/api/map-reports/saint-aubin/requests?fields=min');
    const markers = ReportMarkerList.parse(JSON.parse(min.body));
    assert.deepEqual(Object.keys(markers.requests[0]!).sort(), ['lat', 'long', 'service_code', 'service_request_id', 'status']);
    assert.equal(markers.total, 5);
    const box = (await list('?bbox=0.976,47.391,0.979,47.3923&fields=min')) as ReportMarkerList;
    assert.deepEqual(box.requests.map((r) => r.service_request_id).sort(), [ids.school, ids.mid, ids.tag].sort());
    const two = (await list('?limit=2')) as ReportList;
    assert.equal(two.requests.length, 2);
    assert.equal(two.total, 5);
    for (const [q, field] of [['?status=lost', 'status'], ['?bbox=1,2,3', 'bbox'], ['?lat=47.39', 'lat'], ['?lat=47&long=1&radius=-5', 'radius'], ['?limit=0', 'limit'], ['?limit=9000', 'limit'], ['?fields=all', 'fields']] as const) {
      const e = errorOf(await app.inject(`/api/map-reports/saint-aubin/requests${q}`), 400, 'validation');
      assert.deepEqual(e.fields?.[0]?.path, [field], q);
    }
    errorOf(await app.inject('/api/map-reports/nowhere/requests'), 404, 'not_found');
    errorOf(await app.inject('/api/map-reports/saint-aubin/requests/99999'), 404, 'not_found');
    errorOf(await app.inject('/api/map-reports/saint-aubin/requests/abc'), 404, 'not_found');
  });

  it('"me too": one support per device and report, counted in the list', async () => {
    const ids = await seed();
    const support = (rid: string, deviceToken: string) =>
      app.inject({ method: 'POST', url: `/api/map-reports/saint-aubin/requests/${rid}/support`, payload: { deviceToken } });
    const device = key();
    let res = await support(ids.school!, device);
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(SupportReceipt.parse(JSON.parse(res.body)), { supports: 1, duplicate: false });
    res = await support(ids.school!, device);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(JSON.parse(res.body), { supports: 1, duplicate: true });
    res = await support(ids.school!, key());
    assert.deepEqual(JSON.parse(res.body), { supports: 2, duplicate: false });
    await support(ids.near!, device);
    const byId = Object.fromEntries(((await list()) as ReportList).requests.map((r) => [r.service_request_id, r.supports]));
    assert.deepEqual([byId[ids.school!], byId[ids.near!], byId[ids.far!]], [2, 1, 0]);
    const { rows } = await db.query<{ device_hash: string }>('SELECT device_hash FROM map_report_supports');
    assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.device_hash) && r.device_hash !== device), 'device tokens are kept as HMACs');
    errorOf(await support('424242', key()), 404, 'not_found');
    errorOf(await support(ids.school!, 'short'), 400, 'validation');
  });
});

describe('1,000 reports (seed-reports.ts)', () => {
  it('seeds 1,000 reports inside the bounds; markers and the full list stay valid and lean', async (t) => {
    const def = saintAubin() as unknown as MapReportDef;
    assert.equal(await seedReports(db, def, 1000, 7), 1000);
    let started = performance.now();
    const res = await app.inject('/api/map-reports/saint-aubin/requests?fields=min');
    const markersMs = performance.now() - started;
    const markers = ReportMarkerList.parse(JSON.parse(res.body));
    assert.equal(markers.requests.length, 1000);
    const b = def.map.bounds!;
    assert.ok(markers.requests.every((m) => m.lat! >= b.south && m.lat! <= b.north && m.long! >= b.west && m.long! <= b.east));
    assert.ok(new Set(markers.requests.map((m) => m.status)).size >= 4, 'statuses vary');
    assert.ok(res.body.length / 1000 < 120, `${res.body.length / 1000} bytes per marker`);
    started = performance.now();
    const full = (await list('?limit=1000')) as ReportList;
    const fullMs = performance.now() - started;
    assert.equal(full.total, 1000);
    assert.ok(full.requests.some((r) => r.updates.length >= 2 && r.supports > 0));
    t.diagnostic(`1000 markers: ${res.body.length} bytes in ${markersMs.toFixed(0)} ms; full list: ${fullMs.toFixed(0)} ms`);
  });
});

describe('updates, statuses and e-mail updates', () => {
  const linkIn = (text: string, what: string) => {
    const m = new RegExp(`https://mairie\\.example(/api/map-reports/saint-aubin/subscription/${what}\\?token=[A-Za-z0-9_-]+&lang=[a-z]+)`).exec(text);
    assert.ok(m, `no ${what} link in:\n${text}`);
    return m[1]!;
  };
  const update = (rid: string, body: unknown, headers: Record<string, string> = auth) =>
    app.inject({ method: 'POST', url: `/api/admin/map-reports/saint-aubin/requests/${rid}/updates`, headers, payload: body as Record<string, unknown> });

  it('the town posts public updates; the status changes; Open311 closes fixed and not_ours', async () => {
    const r = await created(await report(app, lampadaire()));
    errorOf(await update(r.service_request_id, { status: 'fixed' }, {}), 401, 'unauthorized');
    errorOf(await update(r.service_request_id, {}), 400, 'validation');
    errorOf(await update(r.service_request_id, { status: 'lost' }), 400, 'validation');
    errorOf(await update('999999', { text: 'x' }), 404, 'not_found');
    let res = await update(r.service_request_id, { status: 'acknowledged' });
    assert.equal(res.statusCode, 201, res.body);
    res = await update(r.service_request_id, { text: 'Intervention prévue jeudi.' });
    res = await update(r.service_request_id, { status: 'in_progress', text: 'L’équipe est sur place.' });
    const after = PublicReport.parse(JSON.parse(res.body));
    assert.equal(after.status, 'in_progress');
    assert.deepEqual(after.updates.map((u) => [u.status, u.text]), [['acknowledged', undefined], [undefined, 'Intervention prévue jeudi.'], ['in_progress', 'L’équipe est sur place.']]);
    assert.ok(after.updated_datetime >= after.requested_datetime);
    const fromList = ((await list()) as ReportList).requests[0]!;
    assert.deepEqual(fromList.updates, after.updates);
  });

  it('double opt-in: a confirmation mail, then a mail per update until unsubscribed', async () => {
    const r = await created(await report(app, lampadaire({ email: 'Marie@Example.fr', subscribe: true, lang: 'fr' })));
    assert.equal(r.subscription, 'pending');
    assert.equal(mailer.sent.length, 1);
    assert.equal(mailer.sent[0]!.to, 'Marie@Example.fr');
    assert.match(mailer.sent[0]!.subject, new RegExp(`n°\\s${r.service_request_id}`));
    const confirm = linkIn(mailer.sent[0]!.text, 'confirm');

    // Not confirmed yet: no mail on update.
    await update(r.service_request_id, { status: 'acknowledged' });
    assert.equal(mailer.sent.length, 1);

    let page = await app.inject(confirm);
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.match(page.body, /prévenu/);
    assert.equal((await app.inject(confirm.replace(/token=[^&]+/, 'token=AAAAAAAAAAAAAAAAAAAAAAAA'))).statusCode, 404);

    await update(r.service_request_id, { status: 'in_progress', text: 'Intervention <b>jeudi</b>.' });
    assert.equal(mailer.sent.length, 2);
    const mail = mailer.sent[1]!;
    assert.equal(mail.to, 'marie@example.fr');
    assert.match(mail.subject, /en cours/);
    assert.match(mail.text, /Intervention <b>jeudi<\/b>\./);
    const unsubscribe = linkIn(mail.text, 'unsubscribe');

    // GET only asks (mail scanners); the POSTed form unsubscribes.
    page = await app.inject(unsubscribe);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="post"/);
    await update(r.service_request_id, { text: 'Toujours en cours.' });
    assert.equal(mailer.sent.length, 3, 'still subscribed after the GET');
    const token = /token=([^&]+)/.exec(linkIn(mailer.sent[2]!.text, 'unsubscribe'))![1]!;
    page = await app.inject({ method: 'POST', url: '/api/map-reports/saint-aubin/subscription/unsubscribe?lang=fr', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /plus d’e-mails/);
    await update(r.service_request_id, { status: 'fixed', text: 'Réparé.' });
    assert.equal(mailer.sent.length, 3, 'no mail after unsubscribing');
  });

  it('English mails for an English reporter; the admin list shows contact data and subscribers', async () => {
    const r = await created(await report(app, lampadaire({ email: 'sam@example.org', subscribe: true, lang: 'en', first_name: 'Sam', phone: '0612345678' })));
    assert.match(mailer.sent[0]!.subject, /Confirm updates on report #\d+/);
    await app.inject(linkIn(mailer.sent[0]!.text, 'confirm'));
    await update(r.service_request_id, { status: 'not_ours', text: 'This is a regional road.' });
    assert.match(mailer.sent[1]!.subject, new RegExp(`Report #${r.service_request_id}: not the town`));
    errorOf(await app.inject('/api/admin/map-reports/saint-aubin/requests'), 401, 'unauthorized');
    const res = await app.inject({ url: '/api/admin/map-reports/saint-aubin/requests', headers: auth });
    const items = (JSON.parse(res.body) as { items: Array<{ payload: Record<string, unknown>; subscribers: number; status: string; forward?: unknown }> }).items;
    assert.equal(items[0]!.payload.phone, '0612345678');
    assert.equal(items[0]!.payload.email, 'sam@example.org');
    assert.equal(items[0]!.subscribers, 1);
    assert.equal(items[0]!.status, 'not_ours');
    assert.equal(items[0]!.forward, undefined, 'no forwarding configured');
  });
});
