/**
 * Photos of a report, prepared on the device before they go anywhere: decoded (turned upright by
 * their EXIF orientation), scaled so that the longest side is at most 1600 px, and re-encoded as a
 * JPEG from the pixels alone. The new file has no EXIF, GPS, XMP or maker notes: a canvas encodes
 * pixels only. The server strips metadata again, but nothing private leaves the device anyway.
 * @internal
 */

/** A photo ready to send. */
export interface PreparedPhoto {
  /** `data:image/jpeg;base64,…`, what the protocol's `media` carries. */
  dataUrl: string;
  width: number;
  height: number;
  /** Bytes of the JPEG. */
  bytes: number;
}

/** Why a file could not be used: not an image this browser can decode, or too big even once resized. */
export class PhotoError extends Error {
  constructor(readonly reason: 'unreadable' | 'too_large') {
    super(reason);
    this.name = 'PhotoError';
  }
}

export const MAX_SIDE = 1600;
/** The server's default per-photo limit (`CIVIC_PHOTO_MAX_BYTES`, 3 MB). */
const MAX_BYTES = 3_000_000;

/** The size to draw at: the longest side at most `max`, never enlarged. */
export function fit(width: number, height: number, max = MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function toDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

async function encode(bitmap: ImageBitmap, width: number, height: number, quality: number): Promise<Blob> {
  const draw = (ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D) => {
    // JPEG has no transparency: a transparent PNG would turn black.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, width, height);
  };
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (ctx) {
      draw(ctx);
      return canvas.convertToBlob({ type: 'image/jpeg', quality });
    }
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new PhotoError('unreadable');
  draw(ctx);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new PhotoError('unreadable'))), 'image/jpeg', quality));
}

/** Decodes, resizes and re-encodes one photo (see the module comment). */
export async function preparePhoto(file: Blob, maxSide = MAX_SIDE): Promise<PreparedPhoto> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError('unreadable');
  }
  try {
    const size = fit(bitmap.width, bitmap.height, maxSide);
    // Lower the quality, then the size, until it fits the server's limit (a rare, very detailed photo).
    for (const [quality, side] of [[0.82, maxSide], [0.7, maxSide], [0.7, 1200]] as const) {
      const s = side === maxSide ? size : fit(bitmap.width, bitmap.height, side);
      const blob = await encode(bitmap, s.width, s.height, quality);
      if (blob.type !== 'image/jpeg') throw new PhotoError('unreadable');
      if (blob.size <= MAX_BYTES) return { dataUrl: await toDataUrl(blob), width: s.width, height: s.height, bytes: blob.size };
    }
    throw new PhotoError('too_large');
  } finally {
    bitmap.close();
  }
}
