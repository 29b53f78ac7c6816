/** Shared by the paper tests (test/paper-*.test.ts): reading back a printed version's QR code. */
import { until } from './support/helpers.js';

declare global {
  interface Window {
    jsQR?: (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
  }
}

/** jsQR (a devDependency) as a classic script: its UMD build sets window.jsQR. */
async function decoder(): Promise<NonNullable<Window['jsQR']>> {
  if (!window.jsQR) {
    const script = document.createElement('script');
    script.src = '/node_modules/jsqr/dist/jsQR.js';
    document.head.append(script);
    await until(() => !!window.jsQR, 'jsQR to load');
  }
  return window.jsQR!;
}

/**
 * Draws the SVG QR code `svg` on a canvas as a printer would (its own markup, as an image) and
 * decodes it with jsQR: the text the code holds, or null.
 */
export async function decodeQr(svg: SVGSVGElement, pixels = 330): Promise<string | null> {
  const jsQR = await decoder();
  const markup = new XMLSerializer().serializeToString(svg);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const img = new Image(pixels, pixels);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = pixels;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, pixels, pixels);
    ctx.drawImage(img, 0, 0, pixels, pixels);
    const data = ctx.getImageData(0, 0, pixels, pixels);
    return jsQR(data.data, pixels, pixels)?.data ?? null;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Waits until `el` shows its printed version (the print chunk loaded and rendered). */
export async function paperShown(el: HTMLElement & { updateComplete: Promise<boolean> }): Promise<void> {
  await until(() => !!el.shadowRoot?.querySelector('.base.paper'), 'the printed version', 15000);
  await el.updateComplete;
}
