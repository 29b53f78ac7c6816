/**
 * Photos of map reports, without an image library: the type is read from the bytes (magic
 * numbers, then the container structure), and metadata is cut out of the container.
 *
 * - JPEG: APP1..APP15 (EXIF, GPS, XMP, ICC, Photoshop IPTC...) and COM segments are dropped; APP0
 *   (JFIF) and every coding segment are kept; the entropy-coded data after SOS is copied as is.
 * - PNG: `tEXt`, `iTXt`, `zTXt`, `eXIf` and `tIME` chunks are dropped.
 * - WebP: `EXIF` and `XMP ` chunks are dropped, the VP8X flags that announced them cleared and the
 *   RIFF size fixed.
 *
 * Anything that does not parse as one of the three (truncated segments, a text file named .jpg, a
 * GIF declared as JPEG) is refused: the caller answers 415.
 */

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface CleanPhoto {
  type: PhotoType;
  bytes: Buffer;
}

/** The type by magic bytes only (no structure check). */
export function sniffType(b: Uint8Array): PhotoType | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'image/webp';
  return undefined;
}

function ascii(b: Uint8Array, at: number, n: number): string {
  return String.fromCharCode(...b.subarray(at, at + n));
}

class BadImage extends Error {}

/** JPEG: keeps SOI, APP0, tables, frame and scan segments; drops APPn (n >= 1) and COM. */
export function stripJpeg(src: Buffer): Buffer {
  const parts: Buffer[] = [src.subarray(0, 2)];
  let i = 2;
  for (;;) {
    if (i >= src.length || src[i] !== 0xff) throw new BadImage('JPEG: expected a marker');
    let m = src[i + 1];
    // Fill bytes: any number of 0xFF before a marker.
    while (m === 0xff) {
      i++;
      m = src[i + 1];
    }
    if (m === undefined) throw new BadImage('JPEG: truncated');
    if (m === 0xd9) {
      parts.push(src.subarray(i, i + 2));
      break;
    }
    if ((m >= 0xd0 && m <= 0xd7) || m === 0x01) {
      parts.push(src.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (i + 4 > src.length) throw new BadImage('JPEG: truncated segment');
    const len = src.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > src.length) throw new BadImage('JPEG: segment overruns the file');
    const end = i + 2 + len;
    const dropped = (m >= 0xe1 && m <= 0xef) || m === 0xfe;
    if (!dropped) parts.push(src.subarray(i, end));
    i = end;
    if (m === 0xda) {
      // Entropy-coded data up to the next marker that is not a stuffed 0xFF00 nor a restart marker.
      let j = i;
      for (; j + 1 < src.length; j++) {
        if (src[j] !== 0xff) continue;
        const n = src[j + 1]!;
        if (n === 0x00 || (n >= 0xd0 && n <= 0xd7) || n === 0xff) continue;
        break;
      }
      if (j + 1 >= src.length) throw new BadImage('JPEG: no end of image');
      parts.push(src.subarray(i, j));
      i = j;
    }
  }
  const out = Buffer.concat(parts);
  if (!out.includes(Buffer.from([0xff, 0xda]))) throw new BadImage('JPEG: no image data');
  return out;
}

const PNG_DROP = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']);

export function stripPng(src: Buffer): Buffer {
  const parts: Buffer[] = [src.subarray(0, 8)];
  let i = 8;
  let first = true;
  for (;;) {
    if (i + 12 > src.length) throw new BadImage('PNG: truncated chunk');
    const len = src.readUInt32BE(i);
    const type = ascii(src, i + 4, 4);
    const end = i + 12 + len;
    if (end > src.length) throw new BadImage('PNG: chunk overruns the file');
    if (first && type !== 'IHDR') throw new BadImage('PNG: IHDR must come first');
    first = false;
    if (!PNG_DROP.has(type)) parts.push(src.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(parts);
}

const WEBP_DROP = new Set(['EXIF', 'XMP ']);

export function stripWebp(src: Buffer): Buffer {
  const riffEnd = 8 + src.readUInt32LE(4);
  if (riffEnd > src.length || riffEnd < 12) throw new BadImage('WebP: RIFF size overruns the file');
  const chunks: Buffer[] = [];
  let i = 12;
  let image = false;
  while (i < riffEnd) {
    if (i + 8 > riffEnd) throw new BadImage('WebP: truncated chunk');
    const type = ascii(src, i, 4);
    const len = src.readUInt32LE(i + 4);
    const end = i + 8 + len + (len & 1);
    if (i + 8 + len > riffEnd) throw new BadImage('WebP: chunk overruns the file');
    if (type === 'VP8 ' || type === 'VP8L' || type === 'ANIM') image = true;
    if (!WEBP_DROP.has(type)) {
      const chunk = Buffer.from(src.subarray(i, Math.min(end, riffEnd)));
      if (type === 'VP8X' && len >= 1) chunk[8] = chunk[8]! & ~0x0c; // EXIF (0x08) and XMP (0x04) flags
      chunks.push(chunk);
    }
    i = end;
  }
  if (!image) throw new BadImage('WebP: no image data');
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(4 + body.length, 4);
  head.write('WEBP', 8, 'ascii');
  return Buffer.concat([head, body]);
}

/** The photo with its metadata cut out, or `undefined` when it is not a well-formed JPEG, PNG or WebP. */
export function cleanPhoto(bytes: Buffer): CleanPhoto | undefined {
  const type = sniffType(bytes);
  try {
    if (type === 'image/jpeg') return { type, bytes: stripJpeg(bytes) };
    if (type === 'image/png') return { type, bytes: stripPng(bytes) };
    if (type === 'image/webp') return { type, bytes: stripWebp(bytes) };
  } catch (err) {
    if (err instanceof BadImage || err instanceof RangeError) return undefined;
    throw err;
  }
  return undefined;
}

/** The bytes of a `data:` URL (base64 only; the declared type is ignored), or `undefined`. */
export function decodeDataUrl(url: string): Buffer | undefined {
  const m = /^data:[^,;]*(?:;[^,;]*)*;base64,/i.exec(url);
  if (!m) return undefined;
  const b64 = url.slice(m[0].length);
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(b64)) return undefined;
  return Buffer.from(b64, 'base64');
}

/** How many bytes a base64 `data:` URL decodes to, without decoding it. */
export function dataUrlSize(url: string): number {
  const comma = url.indexOf(',');
  const b64 = url.slice(comma + 1).replace(/\s+/g, '');
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - pad;
}
