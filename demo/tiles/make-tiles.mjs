// Writes demo/tiles/{z}/{x}/{y}.svg: a small hand-drawn plan of the fictional town of
// Saint-Aubin-sur-Loire (demo/content/map-reports/saint-aubin.json), in the Web Mercator tiling
// every slippy map uses, zoom 13 to 16, over the town's bounds. The demo, the tests and the
// stories use them, so that none of them ever asks a tile server on the internet; a real tile
// server is one attribute away (`tile-url="osm"`, `"ign-plan"` or any URL template).
//
//   node demo/tiles/make-tiles.mjs
//
// The drawing is made up (no OpenStreetMap or IGN data), so the tiles carry no third-party licence.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = dirname(fileURLToPath(import.meta.url));
const ZOOMS = [13, 14, 15, 16];
/** The definition's bounds plus the quarter the map may be panned beyond them (the widget's maxBounds). */
const AREA = { south: 47.367, west: 0.942, north: 47.413, east: 1.018 };

const C = {
  land: '#f2efe6',
  field: '#e4ecd4',
  wood: '#c9dcb4',
  park: '#bfe0b0',
  built: '#e6dccd',
  water: '#a9cfe6',
  waterLine: '#7fb2d4',
  road: '#ffffff',
  roadCase: '#bdb4a4',
  main: '#fde9a8',
  mainCase: '#c9a85a',
  rail: '#8a8a8a',
  text: '#4a4238',
};

/* ------------------------------------------------------------------ the town */

/** Polygons: [colour, [[lat, long]...]]. */
const areas = [
  [C.field, [[47.415, 0.94], [47.415, 1.02], [47.398, 1.02], [47.398, 0.94]]],
  [C.wood, [[47.412, 0.944], [47.413, 0.962], [47.405, 0.966], [47.402, 0.95]]],
  [C.wood, [[47.376, 1.004], [47.378, 1.02], [47.372, 1.02], [47.371, 1.006]]],
  [C.built, [[47.3945, 0.966], [47.3962, 0.979], [47.394, 0.994], [47.3872, 0.996], [47.3845, 0.984], [47.3858, 0.968]]],
  [C.built, [[47.3985, 0.983], [47.3992, 0.992], [47.3968, 0.9955], [47.3962, 0.986]]],
  [C.park, [[47.3878, 0.9845], [47.3878, 0.9885], [47.3854, 0.9885], [47.3854, 0.9845]]],
  [C.park, [[47.3928, 0.9855], [47.3931, 0.9885], [47.3914, 0.9888], [47.3912, 0.9858]]],
  [C.land, [[47.3915, 0.9817], [47.3915, 0.9833], [47.3906, 0.9833], [47.3906, 0.9817]]],
];

/** The Loire: a band between two banks. */
const river = {
  north: [[47.3818, 0.94], [47.3826, 0.96], [47.3831, 0.98], [47.3824, 1.0], [47.3806, 1.02]],
  south: [[47.3782, 0.94], [47.3792, 0.96], [47.3797, 0.98], [47.379, 1.0], [47.377, 1.02]],
};

/** Streets: [name, kind, [[lat, long]...]]. */
const streets = [
  ['Rue Nationale', 'main', [[47.3896, 0.94], [47.3902, 0.96], [47.3906, 0.975], [47.3904, 0.9802], [47.3908, 0.99], [47.3915, 1.005], [47.392, 1.02]]],
  ['Avenue de la Gare', 'main', [[47.3904, 0.9802], [47.3921, 0.978], [47.3952, 0.9747], [47.3975, 0.972]]],
  ['Route de la Loire', 'main', [[47.3897, 0.9816], [47.3866, 0.9864], [47.3835, 0.992], [47.3826, 0.995]]],
  ['Quai de Loire', 'street', [[47.3832, 0.955], [47.3838, 0.97], [47.3842, 0.98], [47.3836, 0.99], [47.383, 1.0]]],
  ['Rue des Écoles', 'street', [[47.3921, 0.9768], [47.3935, 0.9785], [47.394, 0.982], [47.3926, 0.9845]]],
  ['Rue du Marché', 'street', [[47.3911, 0.9825], [47.3926, 0.9845], [47.3942, 0.9875]]],
  ['Place de l’Église', 'street', [[47.3897, 0.9816], [47.3893, 0.9795], [47.3885, 0.977]]],
  ['Rue des Tilleuls', 'street', [[47.3885, 0.977], [47.3872, 0.9745], [47.3858, 0.97]]],
  ['Chemin des Vignes', 'street', [[47.3952, 0.9747], [47.3975, 0.9805], [47.3985, 0.988], [47.397, 0.9955]]],
  ['Rue du Stade', 'street', [[47.3866, 0.9864], [47.3878, 0.9905], [47.3895, 0.9935]]],
  ['Allée des Peupliers', 'street', [[47.3858, 0.97], [47.3848, 0.978], [47.3842, 0.98]]],
  ['Rue Basse', 'street', [[47.3893, 0.9795], [47.3875, 0.981], [47.386, 0.9825], [47.3842, 0.98]]],
  ['Rue de la Poste', 'street', [[47.3935, 0.968], [47.3918, 0.9712], [47.3906, 0.975]]],
  ['Rue des Lavandières', 'street', [[47.3902, 0.96], [47.3878, 0.9625], [47.3858, 0.97]]],
  ['Rue du Moulin', 'street', [[47.3908, 0.99], [47.3925, 0.9925], [47.394, 0.9935]]],
  ['Impasse des Jardins', 'street', [[47.3915, 0.9845], [47.3901, 0.9862], [47.3888, 0.9851]]],
  ['Rue Neuve', 'street', [[47.3935, 0.9785], [47.395, 0.981], [47.3962, 0.986]]],
  ['Chemin du Halage', 'street', [[47.3833, 0.96], [47.3828, 0.95]]],
];

const railway = [[47.387, 0.94], [47.3915, 0.958], [47.3952, 0.9747], [47.3995, 0.995], [47.4035, 1.02]];

/** Labels: [text, lat, long, minimum zoom, size]. */
const labels = [
  ['Saint-Aubin-sur-Loire', 47.3935, 0.972, 13, 13],
  ['La Loire', 47.3806, 0.965, 13, 12],
  ['Mairie', 47.3904, 0.9802, 15, 11],
  ['Église', 47.3897, 0.9816, 16, 10],
  ['École Jules-Ferry', 47.3921, 0.9768, 15, 10],
  ['Stade', 47.3866, 0.9864, 15, 11],
  ['Place du Marché', 47.3911, 0.9825, 16, 10],
  ['Gare', 47.3952, 0.9747, 14, 11],
  ['Bois de la Motte', 47.409, 0.955, 14, 11],
];

/* ------------------------------------------------------------------ Web Mercator */

const TILE = 256;
const worldX = (long, z) => ((long + 180) / 360) * TILE * 2 ** z;
const worldY = (lat, z) => {
  const r = (lat * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * TILE * 2 ** z;
};
const r1 = (n) => Math.round(n * 10) / 10;
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function points(coords, z, ox, oy) {
  return coords.map(([lat, long]) => `${r1(worldX(long, z) - ox)},${r1(worldY(lat, z) - oy)}`).join(' ');
}

/** Whether a feature's bounding box touches the tile (with a margin for strokes and labels). */
function touches(coords, z, ox, oy, margin) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [lat, long] of coords) {
    const x = worldX(long, z) - ox, y = worldY(lat, z) - oy;
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  return maxX >= -margin && minX <= TILE + margin && maxY >= -margin && minY <= TILE + margin;
}

function tile(z, tx, ty) {
  const ox = tx * TILE, oy = ty * TILE;
  const k = 2 ** (z - 16); // stroke scale: 1 at zoom 16
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">`, `<rect width="256" height="256" fill="${C.land}"/>`];
  for (const [fill, coords] of areas) if (touches(coords, z, ox, oy, 0)) out.push(`<polygon fill="${fill}" points="${points(coords, z, ox, oy)}"/>`);
  const bank = [...river.north, ...[...river.south].reverse()];
  if (touches(bank, z, ox, oy, 2)) {
    out.push(`<polygon fill="${C.water}" stroke="${C.waterLine}" stroke-width="${r1(Math.max(0.6, 1.5 * k))}" points="${points(bank, z, ox, oy)}"/>`);
  }
  if (touches(railway, z, ox, oy, 4)) {
    const p = points(railway, z, ox, oy);
    out.push(`<polyline fill="none" stroke="${C.rail}" stroke-width="${r1(Math.max(1, 3 * k))}" points="${p}"/>`);
    if (z >= 15) out.push(`<polyline fill="none" stroke="#fff" stroke-width="${r1(1.6 * k)}" stroke-dasharray="${r1(8 * k)} ${r1(8 * k)}" points="${p}"/>`);
  }
  const drawn = streets.filter(([, kind]) => z >= 14 || kind === 'main').filter(([, , c]) => touches(c, z, ox, oy, 10));
  for (const pass of ['case', 'fill']) {
    for (const [, kind, coords] of drawn) {
      const main = kind === 'main';
      const w = Math.max(main ? 2 : 1, (main ? 12 : 8) * k);
      const colour = pass === 'case' ? (main ? C.mainCase : C.roadCase) : main ? C.main : C.road;
      const width = pass === 'case' ? w + Math.max(1, 2 * k) : w;
      out.push(`<polyline fill="none" stroke="${colour}" stroke-width="${r1(width)}" stroke-linecap="round" stroke-linejoin="round" points="${points(coords, z, ox, oy)}"/>`);
    }
  }
  const text = (s, x, y, size, extra = '') =>
    `<text x="${r1(x)}" y="${r1(y)}" font-family="Arial, Helvetica, sans-serif" font-size="${size}" fill="${C.text}" text-anchor="middle" stroke="${C.land}" stroke-width="3" paint-order="stroke"${extra}>${esc(s)}</text>`;
  if (z >= 16) {
    for (const [name, , coords] of drawn) {
      // The name along the street's longest segment, kept readable (never upside down).
      let best = 0, at = 0;
      for (let i = 1; i < coords.length; i++) {
        const dx = worldX(coords[i][1], z) - worldX(coords[i - 1][1], z), dy = worldY(coords[i][0], z) - worldY(coords[i - 1][0], z);
        const len = Math.hypot(dx, dy);
        if (len > best) (best = len), (at = i);
      }
      const [a, b] = [coords[at - 1], coords[at]];
      const x1 = worldX(a[1], z) - ox, y1 = worldY(a[0], z) - oy, x2 = worldX(b[1], z) - ox, y2 = worldY(b[0], z) - oy;
      let angle = (Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI;
      if (angle > 90) angle -= 180;
      if (angle < -90) angle += 180;
      const mx = (x1 + x2) / 2, my = (y1 + y2) / 2;
      if (mx < -120 || mx > 376 || my < -40 || my > 296) continue;
      out.push(text(name, mx, my + 3.5, 10, ` transform="rotate(${r1(angle)} ${r1(mx)} ${r1(my)})"`));
    }
  }
  for (const [s, lat, long, minZoom, size] of labels) {
    if (z < minZoom) continue;
    const x = worldX(long, z) - ox, y = worldY(lat, z) - oy;
    if (x < -150 || x > 406 || y < -30 || y > 286) continue;
    out.push(text(s, x, y - 8, size, ' font-weight="bold"'));
  }
  out.push('</svg>');
  return out.join('');
}

let files = 0;
let bytes = 0;
for (const z of ZOOMS) rmSync(join(OUT, String(z)), { recursive: true, force: true });
for (const z of ZOOMS) {
  const x0 = Math.floor(worldX(AREA.west, z) / TILE), x1 = Math.floor(worldX(AREA.east, z) / TILE);
  const y0 = Math.floor(worldY(AREA.north, z) / TILE), y1 = Math.floor(worldY(AREA.south, z) / TILE);
  for (let x = x0; x <= x1; x++) {
    for (let y = y0; y <= y1; y++) {
      const file = join(OUT, String(z), String(x), `${y}.svg`);
      mkdirSync(dirname(file), { recursive: true });
      const svg = tile(z, x, y);
      writeFileSync(file, svg + '\n');
      files++;
      bytes += svg.length + 1;
    }
  }
}
console.log(`${files} tiles, ${(bytes / 1024).toFixed(0)} kB, zoom ${ZOOMS[0]}-${ZOOMS.at(-1)}, in ${OUT}`);
