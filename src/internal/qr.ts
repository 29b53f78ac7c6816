/**
 * A QR code encoder for the printed versions' link back online: byte mode (UTF-8), error
 * correction level M (15 % of the code can be damaged or soiled), versions 1 to 10 (up to 213
 * bytes: any reasonable URL), the mask with the lowest penalty. Made here, on the device: no
 * third-party service sees which page is printed. ISO/IEC 18004 as drawn by Project Nayuki's
 * reference implementation. Loaded only with the print chunks (see vite.config.ts).
 * @internal
 */
import type { TemplateResult, svg as svgTag } from 'lit';

/** Total codewords (data + error correction) of versions 1-10. */
const CODEWORDS = [26, 44, 70, 100, 134, 172, 196, 242, 292, 346];
/** Level M: error correction codewords per block, and blocks, of versions 1-10. */
const ECC_PER_BLOCK = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26];
const BLOCKS = [1, 1, 1, 2, 2, 4, 4, 4, 5, 5];
/** Centres of the alignment patterns of versions 2-10 (version 1 has none). */
const ALIGNMENT = [[], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]];
export const QR_MAX_VERSION = 10;

/** Data codewords of a version at level M. */
const dataCodewords = (v: number) => CODEWORDS[v - 1]! - ECC_PER_BLOCK[v - 1]! * BLOCKS[v - 1]!;

/** The largest number of bytes a version-10 code at level M holds. */
export const QR_MAX_BYTES = dataCodewords(QR_MAX_VERSION) - 3;

/* ------------------------------------------------------------------ Reed-Solomon over GF(256) */

function gfMultiply(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z;
}

function rsDivisor(degree: number): number[] {
  const result = new Array<number>(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      result[j] = gfMultiply(result[j]!, root);
      if (j + 1 < degree) result[j]! ^= result[j + 1]!;
    }
    root = gfMultiply(root, 0x02);
  }
  return result;
}

function rsRemainder(data: number[], divisor: number[]): number[] {
  const result = divisor.map(() => 0);
  for (const b of data) {
    const factor = b ^ result.shift()!;
    result.push(0);
    divisor.forEach((coef, i) => (result[i]! ^= gfMultiply(coef, factor)));
  }
  return result;
}

/* ------------------------------------------------------------------ the symbol */

/** The modules of a QR code, `true` for dark, row by row (`modules[y][x]`), without the quiet zone. */
export type QrMatrix = boolean[][];

/**
 * Encodes `text` (UTF-8, byte mode, level M) in the smallest version that holds it. Undefined
 * when it is longer than QR_MAX_BYTES bytes.
 */
export function qrMatrix(text: string): QrMatrix | undefined {
  const bytes = [...new TextEncoder().encode(text)];
  let version = 1;
  const bitsNeeded = (v: number) => 4 + (v < 10 ? 8 : 16) + 8 * bytes.length;
  while (version <= QR_MAX_VERSION && bitsNeeded(version) > dataCodewords(version) * 8) version++;
  if (version > QR_MAX_VERSION) return undefined;

  // Data bits: mode (byte), count, the bytes, a terminator, padding to whole codewords then 0xEC 0x11...
  const bits: number[] = [];
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  put(0b0100, 4);
  put(bytes.length, version < 10 ? 8 : 16);
  for (const b of bytes) put(b, 8);
  const capacity = dataCodewords(version) * 8;
  put(0, Math.min(4, capacity - bits.length));
  put(0, (8 - (bits.length % 8)) % 8);
  for (let pad = 0xec; bits.length < capacity; pad ^= 0xec ^ 0x11) put(pad, 8);
  const data: number[] = [];
  for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));

  const codewords = interleave(version, data);
  const size = version * 4 + 17;
  const modules: QrMatrix = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const reserved: boolean[][] = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const set = (x: number, y: number, dark: boolean) => {
    modules[y]![x] = dark;
    reserved[y]![x] = true;
  };
  drawFunctionPatterns(version, size, set);
  drawCodewords(codewords, size, modules, reserved);

  let best: { mask: number; penalty: number; matrix: QrMatrix } | undefined;
  for (let mask = 0; mask < 8; mask++) {
    const m = modules.map((row) => [...row]);
    applyMask(m, reserved, mask);
    drawFormatBits(mask, size, (x, y, dark) => (m[y]![x] = dark));
    const penalty = penaltyOf(m);
    if (!best || penalty < best.penalty) best = { mask, penalty, matrix: m };
  }
  return best!.matrix;
}

/** Splits the data into blocks, adds each block's error correction, and interleaves them. */
function interleave(version: number, data: number[]): number[] {
  const blocks = BLOCKS[version - 1]!;
  const eccLen = ECC_PER_BLOCK[version - 1]!;
  const raw = CODEWORDS[version - 1]!;
  const shortBlocks = blocks - (raw % blocks);
  const shortLen = Math.floor(raw / blocks);
  const divisor = rsDivisor(eccLen);
  const all: number[][] = [];
  for (let i = 0, k = 0; i < blocks; i++) {
    const dat = data.slice(k, k + shortLen - eccLen + (i < shortBlocks ? 0 : 1));
    k += dat.length;
    const ecc = rsRemainder(dat, divisor);
    if (i < shortBlocks) dat.push(0);
    all.push([...dat, ...ecc]);
  }
  const out: number[] = [];
  for (let i = 0; i < all[0]!.length; i++) {
    all.forEach((block, j) => {
      if (i !== shortLen - eccLen || j >= shortBlocks) out.push(block[i]!);
    });
  }
  return out;
}

type Setter = (x: number, y: number, dark: boolean) => void;

function drawFunctionPatterns(version: number, size: number, set: Setter): void {
  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  const finder = (cx: number, cy: number) => {
    for (let dy = -4; dy <= 4; dy++)
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        const d = Math.max(Math.abs(dx), Math.abs(dy));
        if (x >= 0 && x < size && y >= 0 && y < size) set(x, y, d !== 2 && d !== 4);
      }
  };
  finder(3, 3);
  finder(size - 4, 3);
  finder(3, size - 4);
  const centres = ALIGNMENT[version - 1]!;
  const n = centres.length;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if ((i === 0 && j === 0) || (i === 0 && j === n - 1) || (i === n - 1 && j === 0)) continue;
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) set(centres[i]! + dx, centres[j]! + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    }
  drawFormatBits(0, size, set); // reserves the format areas; the real bits come with the mask
  if (version >= 7) {
    let rem = version;
    for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    const bits = (version << 12) | rem;
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >>> i) & 1) === 1;
      const a = size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      set(a, b, dark);
      set(b, a, dark);
    }
  }
}

/** Level M (bits 00) and the mask, BCH-protected, in both copies; and the dark module. */
function drawFormatBits(mask: number, size: number, set: Setter): void {
  const data = (0b00 << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  const bits = ((data << 10) | rem) ^ 0x5412;
  const bit = (i: number) => ((bits >>> i) & 1) === 1;
  for (let i = 0; i <= 5; i++) set(8, i, bit(i));
  set(8, 7, bit(6));
  set(8, 8, bit(7));
  set(7, 8, bit(8));
  for (let i = 9; i < 15; i++) set(14 - i, 8, bit(i));
  for (let i = 0; i < 8; i++) set(size - 1 - i, 8, bit(i));
  for (let i = 8; i < 15; i++) set(8, size - 15 + i, bit(i));
  set(8, size - 8, true);
}

/** Places the codewords in the zigzag of two-module columns, from the bottom right. */
function drawCodewords(codewords: number[], size: number, modules: QrMatrix, reserved: boolean[][]): void {
  let i = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert++)
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? size - 1 - vert : vert;
        if (!reserved[y]![x] && i < codewords.length * 8) {
          modules[y]![x] = ((codewords[i >>> 3]! >>> (7 - (i & 7))) & 1) === 1;
          i++;
        }
      }
  }
}

const MASKS: Array<(x: number, y: number) => boolean> = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

function applyMask(modules: QrMatrix, reserved: boolean[][], mask: number): void {
  const f = MASKS[mask]!;
  modules.forEach((row, y) => row.forEach((dark, x) => !reserved[y]![x] && f(x, y) && (row[x] = !dark)));
}

/** The standard's penalty: runs of one colour, 2×2 blocks, finder-like patterns, dark/light balance. */
function penaltyOf(m: QrMatrix): number {
  const size = m.length;
  let penalty = 0;
  const line = (get: (i: number) => boolean) => {
    let run = 1;
    for (let i = 1; i <= size; i++) {
      if (i < size && get(i) === get(i - 1)) run++;
      else {
        if (run >= 5) penalty += run - 2;
        run = 1;
      }
    }
    // 1:1:3:1:1 dark-light-dark-dark-dark-light-dark with four light modules on one side
    for (let i = 0; i + 6 < size; i++) {
      const core = get(i) && !get(i + 1) && get(i + 2) && get(i + 3) && get(i + 4) && !get(i + 5) && get(i + 6);
      if (!core) continue;
      const lightBefore = [1, 2, 3, 4].every((k) => i - k < 0 || !get(i - k));
      const lightAfter = [7, 8, 9, 10].every((k) => i + k >= size || !get(i + k));
      if (lightBefore || lightAfter) penalty += 40;
    }
  };
  for (let y = 0; y < size; y++) line((x) => m[y]![x]!);
  for (let x = 0; x < size; x++) line((y) => m[y]![x]!);
  let dark = 0;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const c = m[y]![x]!;
      if (c) dark++;
      if (x + 1 < size && y + 1 < size && c === m[y]![x + 1] && c === m[y + 1]![x] && c === m[y + 1]![x + 1]) penalty += 3;
    }
  const total = size * size;
  penalty += Math.floor(Math.abs(dark * 20 - total * 10) / total) * 10;
  return penalty;
}

/* ------------------------------------------------------------------ drawing */

/** The SVG path of the dark modules, one unit per module, shifted by the quiet zone. */
export function qrPath(matrix: QrMatrix, quiet = 4): string {
  let d = '';
  matrix.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      d += `M${start + quiet} ${y + quiet}h${x - start}v1h-${x - start}z`;
    }
  });
  return d;
}

/**
 * The QR code of `text` as SVG content (a white square and the dark modules), to put in an
 * `<svg viewBox="0 0 {size} {size}">`; `size` counts the four-module quiet zone on each side.
 * Lit's `svg` tag is handed over by the caller (lazy chunks do not import lit themselves).
 */
export function qrSvg(svg: typeof svgTag, text: string): { size: number; content: TemplateResult } | undefined {
  const matrix = qrMatrix(text);
  if (!matrix) return undefined;
  const size = matrix.length + 8;
  return { size, content: svg`<rect width=${size} height=${size} fill="#fff"></rect><path d=${qrPath(matrix)} fill="#000"></path>` };
}
