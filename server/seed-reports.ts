/**
 * Fills a map-report space with generated reports (benchmarks of the public list and map, demos):
 *
 *   tsx server/seed-reports.ts --space saint-aubin --count 1000 [--seed 42]
 *
 * Uses DATABASE_URL, else PGlite in CIVIC_DATA_DIR (./data), like server/main.ts; loads
 * CIVIC_CONTENT_DIR (demo/content) first when the space is not in the database. Reports are spread
 * inside the space's `map.bounds` (or 1.5 km around its centre), over the last 120 days, across its
 * services, with statuses, town updates and supports; no photos, no contact data. Deterministic
 * for a given --seed. Inserted straight in the database (no rate limits), in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MapReportDefinitionInput, type ReportStatus } from '../src/api/schemas.js';
import { openDb, migrate, type Db } from './db.js';
import { loadContent } from './content.js';
import { getContent, INSERT_SUBMISSION } from './store.js';
import type { MapReportDef } from './map-reports.js';

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DESCRIPTIONS: Record<string, string[]> = {
  'nid-de-poule': ['Trou profond sur la chaussée', 'Affaissement devant le n° 12', 'Nid-de-poule dangereux pour les vélos', 'Fissure qui s’agrandit'],
  trottoir: ['Dalle descellée', 'Bordure cassée', 'Racines qui soulèvent le trottoir'],
  panneau: ['Panneau stop tordu', 'Marquage du passage piéton effacé', 'Panneau tombé'],
  lampadaire: ['Lampadaire éteint depuis une semaine', 'Lampadaire qui clignote', 'Éclairage allumé en plein jour'],
  'depot-sauvage': ['Sacs d’ordures abandonnés', 'Matelas déposé sur le trottoir', 'Gravats au bord du chemin'],
  tag: ['Tag sur le mur de l’école', 'Affiches collées sur l’abribus'],
  arbre: ['Branche cassée au-dessus du chemin', 'Haie qui cache le panneau'],
  'aire-de-jeux': ['Balançoire cassée', 'Banc abîmé au parc'],
};
const UPDATES: Array<[ReportStatus, string]> = [
  ['acknowledged', 'Signalement transmis aux services techniques.'],
  ['in_progress', 'Intervention programmée cette semaine.'],
  ['fixed', 'C’est réparé, merci pour votre signalement.'],
  ['not_ours', 'Route départementale : transmis au Département.'],
];

/** Answers for the required attributes of a service (so seeded reports pass the same checks). */
function attributesFor(def: MapReportDef, code: string, r: () => number): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const service = def.services.find((s) => s.service_code === code)!;
  for (const a of service.attributes ?? []) {
    if (!a.required || a.variable === false) continue;
    const keys = (a.values ?? []).map((v) => v.key);
    if (a.datatype === 'singlevaluelist' && keys.length) out[a.code] = keys[Math.floor(r() * keys.length)]!;
    else if (a.datatype === 'multivaluelist' && keys.length) out[a.code] = [keys[Math.floor(r() * keys.length)]!];
    else if (a.datatype === 'number') out[a.code] = String(Math.round(r() * 20));
    else if (a.datatype === 'datetime') out[a.code] = '2026-11-01';
    else out[a.code] = 'Voir description';
  }
  return out;
}

export async function seedReports(db: Db, def: MapReportDef, count: number, seed = 42, now = new Date()): Promise<number> {
  const r = prng(seed);
  const b = def.map.bounds ?? {
    south: def.map.center.lat - 0.0135, north: def.map.center.lat + 0.0135,
    west: def.map.center.long - 0.02, east: def.map.center.long + 0.02,
  };
  const batch = randomUUID().slice(0, 8);
  return db.transaction(async (tx) => {
    let inserted = 0;
    for (let i = 0; i < count; i++) {
      const service = def.services[Math.floor(r() * def.services.length)]!;
      const code = service.service_code;
      // Denser near the centre: the mean of two uniform draws.
      const lat = Math.round((b.south + ((r() + r()) / 2) * (b.north - b.south)) * 1e6) / 1e6;
      const long = Math.round((b.west + ((r() + r()) / 2) * (b.east - b.west)) * 1e6) / 1e6;
      const at = new Date(now.getTime() - Math.floor(r() * 120 * 86400_000));
      const texts = DESCRIPTIONS[code] ?? ['Problème signalé'];
      const description = texts[Math.floor(r() * texts.length)]!;
      const payload = { service_code: code, lat, long, description, attribute: attributesFor(def, code, r), media: [] };
      const id = randomUUID();
      const { rows } = await tx.query(INSERT_SUBMISSION, [
        id, 'map-report', def.id, `seed-${batch}-${i}`, 'seed', JSON.stringify(payload), 'web', 'accepted', null, null, at.toISOString(), null,
      ]);
      if (!rows.length) continue;
      // Older reports have moved further: 0 to 3 updates.
      const age = (now.getTime() - at.getTime()) / (120 * 86400_000);
      const steps = Math.min(3, Math.floor(age * 4 * r()));
      let status: ReportStatus = 'open';
      let updated = at;
      const updates: Array<[ReportStatus, string, Date]> = [];
      for (let s = 0; s < steps; s++) {
        const [st, text] = s === 2 && r() < 0.15 ? UPDATES[3]! : UPDATES[s]!;
        updated = new Date(updated.getTime() + Math.floor(r() * 5 * 86400_000) + 3600_000);
        if (updated > now) break;
        status = st;
        updates.push([st, text, updated]);
        if (st === 'not_ours') break;
      }
      const supports = Math.floor(r() ** 3 * 12);
      await tx.query(
        `INSERT INTO map_reports (submission_id, space_id, service_code, status, lat, long, description, supports, requested_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::timestamptz, $10::text::timestamptz)`,
        [id, def.id, code, status, lat, long, description, supports, at.toISOString(), updated.toISOString()],
      );
      for (const [st, text, when] of updates) {
        await tx.query('INSERT INTO map_report_updates (id, report_id, status, body, created_at) VALUES ($1, $2, $3, $4, $5::text::timestamptz)', [randomUUID(), id, st, text, when.toISOString()]);
      }
      inserted++;
    }
    return inserted;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { space: { type: 'string', default: 'saint-aubin' }, count: { type: 'string', default: '1000' }, seed: { type: 'string', default: '42' } } });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw new Error('--count must be an integer from 1 to 1000000');
  const env = process.env;
  const databaseUrl = env.DATABASE_URL || undefined;
  const dataDir = resolve(env.CIVIC_DATA_DIR || './data');
  if (!databaseUrl) await mkdir(dataDir, { recursive: true });
  const db = await openDb({ databaseUrl, dataDir });
  try {
    await migrate(db);
    if (!(await getContent(db, 'map-report', values.space!))) {
      await loadContent(db, resolve(env.CIVIC_CONTENT_DIR || fileURLToPath(new URL('../demo/content', import.meta.url))));
    }
    const row = await getContent(db, 'map-report', values.space!);
    if (!row) throw new Error(`No map-report space "${values.space}" in the database nor in the content directory`);
    const def = MapReportDefinitionInput.parse(row.definition) as unknown as MapReportDef;
    const started = performance.now();
    const n = await seedReports(db, def, count, Number(values.seed) || 42);
    console.log(`${n} reports added to "${def.id}" in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await db.close();
  }
}
