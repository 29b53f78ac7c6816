/** Shared by the map-report tests: the saint-aubin space, photo fixtures with metadata added, request helpers. */
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { MapReportDefinitionInput } from '../../src/api/schemas.js';
import type { Db } from '../db.js';
import { key } from './helpers.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** Clean images drawn by Chromium (24x16): the JPEG has APP0 + an APP2 ICC profile, the WebP a VP8X with ICCP. */
export const TINY_JPEG = fixture('tiny.jpg');
export const TINY_PNG = fixture('tiny.png');
export const TINY_WEBP = fixture('tiny.webp');

export function saintAubin(extra: Partial<MapReportDefinitionInput> = {}): MapReportDefinitionInput {
  const { kind: _kind, ...def } = JSON.parse(readFileSync(new URL('../../demo/content/map-reports/saint-aubin.json', import.meta.url), 'utf8')) as MapReportDefinitionInput & { kind: string };
  return { ...def, ...extra };
}

export async function truncateReports(db: Db): Promise<void> {
  await db.query('TRUNCATE map_reports, map_report_supports, map_report_updates, media, map_report_subscriptions, open311_forward');
}

/* ---------------------------------------------------------------- metadata, the way cameras write it */

/** A TIFF/EXIF block with a GPS IFD: 47°23'24" N, 0°58'48" E (big-endian). */
export function exifWithGps(): Buffer {
  const t = Buffer.alloc(128);
  t.write('MM', 0, 'ascii');
  t.writeUInt16BE(42, 2);
  t.writeUInt32BE(8, 4);
  t.writeUInt16BE(1, 8); // IFD0: one entry, GPSInfo
  t.writeUInt16BE(0x8825, 10);
  t.writeUInt16BE(4, 12);
  t.writeUInt32BE(1, 14);
  t.writeUInt32BE(26, 18);
  t.writeUInt32BE(0, 22);
  let o = 26;
  t.writeUInt16BE(4, o);
  o += 2;
  const entry = (tag: number, type: number, count: number, value: number | string) => {
    t.writeUInt16BE(tag, o);
    t.writeUInt16BE(type, o + 2);
    t.writeUInt32BE(count, o + 4);
    if (typeof value === 'string') t.write(value, o + 8, 'ascii');
    else t.writeUInt32BE(value, o + 8);
    o += 12;
  };
  entry(1, 2, 2, 'N');
  entry(2, 5, 3, 80);
  entry(3, 2, 2, 'E');
  entry(4, 5, 3, 104);
  t.writeUInt32BE(0, o);
  [47, 1, 23, 1, 2400, 100, 0, 1, 58, 1, 4800, 100].forEach((v, i) => t.writeUInt32BE(v, 80 + i * 4));
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t]);
}

function jpegSegment(marker: number, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

/** The JPEG fixture with an EXIF/GPS APP1, an XMP APP1 and a comment, as a phone camera writes them. */
export function jpegWithGps(): Buffer {
  const app0End = 4 + TINY_JPEG.readUInt16BE(4);
  return Buffer.concat([
    TINY_JPEG.subarray(0, app0End),
    jpegSegment(0xe1, exifWithGps()),
    jpegSegment(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>47,23.4N</exif:GPSLatitude></x:xmpmeta>', 'latin1')),
    jpegSegment(0xfe, Buffer.from('GPS 47.3900 N 0.9800 E', 'latin1')),
    TINY_JPEG.subarray(app0End),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** The PNG fixture with tEXt, eXIf (GPS), iTXt and tIME chunks after IHDR. */
export function pngWithMetadata(): Buffer {
  const ihdrEnd = 8 + 12 + TINY_PNG.readUInt32BE(8);
  return Buffer.concat([
    TINY_PNG.subarray(0, ihdrEnd),
    pngChunk('tEXt', Buffer.from('Comment\0GPS 47.39 N 0.98 E', 'latin1')),
    pngChunk('eXIf', exifWithGps().subarray(6)),
    pngChunk('iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta/>', 'latin1')),
    pngChunk('tIME', Buffer.from([0x07, 0xea, 11, 21, 10, 0, 0])),
    TINY_PNG.subarray(ihdrEnd),
  ]);
}

function riffChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** The WebP fixture with EXIF (GPS) and XMP chunks, their VP8X flags set and the RIFF size fixed. */
export function webpWithMetadata(): Buffer {
  const body = Buffer.concat([TINY_WEBP.subarray(12), riffChunk('EXIF', exifWithGps().subarray(6)), riffChunk('XMP ', Buffer.from('<x:xmpmeta>GPS</x:xmpmeta>', 'latin1'))]);
  assert.equal(body.subarray(0, 4).toString('latin1'), 'VP8X');
  body[8] = body[8]! | 0x08 | 0x04;
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

export const dataUrl = (bytes: Buffer, type = 'image/jpeg') => `data:${type};base64,${bytes.toString('base64')}`;

/* ---------------------------------------------------------------- requests */

export const lampadaire = (extra: Record<string, unknown> = {}) => ({
  service_code: 'lampadaire', lat: 47.3921, long: 0.9768, description: 'Le lampadaire devant l’école est éteint.', attribute: { panne: 'eteint' }, ...extra,
});

export function report(app: FastifyInstance, body: unknown, opts: { idem?: string; ip?: string; space?: string } = {}) {
  return app.inject({
    method: 'POST',
    url: `/api/map-reports/${opts.space ?? 'saint-aubin'}/requests`,
    headers: { 'idempotency-key': opts.idem ?? key() },
    payload: body as Record<string, unknown>,
    ...(opts.ip ? { remoteAddress: opts.ip } : {}),
  });
}

export function errorOf(res: { statusCode: number; body: string }, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  const e = (JSON.parse(res.body) as { error: { code: string; message: string; fields?: Array<{ path: Array<string | number>; code: string; message: string }> } }).error;
  assert.equal(e.code, code, res.body);
  return e;
}

export async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
