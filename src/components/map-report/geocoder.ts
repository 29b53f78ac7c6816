/**
 * Address search for <civic-map-report>, through a geocoder the site chose with the `geocoder`
 * attribute (none by default: no request leaves for a third party unless the site asks):
 *
 * - `ban`: the French national address base, https://api-adresse.data.gouv.fr (suggestions while
 *   typing are what it is made for; 50 requests a second per IP);
 * - `nominatim`: OpenStreetMap's Nominatim, https://nominatim.openstreetmap.org. Its usage policy
 *   forbids autocomplete and allows one request a second: the resident types the address and
 *   presses "Search";
 * - any URL template with `{query}` (and optionally `{lat}`, `{long}`, `{lang}`) answering
 *   GeoJSON (BAN, Addok, Photon: `features[].geometry.coordinates` + `properties.label|name`) or
 *   Nominatim's JSON (`[{ display_name, lat, lon }]`). A URL without `{query}` gets `?q=`.
 *
 * The widget debounces typing (>= 300 ms, 3 characters at least), keeps one request in flight and
 * aborts the previous one; this module only builds the request and reads the answer.
 * @internal
 */

export interface Place {
  label: string;
  lat: number;
  long: number;
}

export interface Geocoder {
  /** `ban`, `nominatim` or `url`. */
  readonly name: 'ban' | 'nominatim' | 'url';
  /** Whether the service allows suggestions while typing (Nominatim does not). */
  readonly suggests: boolean;
  /** The shortest time between two requests, in ms (Nominatim: 1 s). */
  readonly minIntervalMs: number;
  search(query: string, near: { lat: number; long: number } | undefined, lang: string, signal: AbortSignal): Promise<Place[]>;
}

const BAN = 'https://api-adresse.data.gouv.fr/search/?q={query}&limit=5&autocomplete=1&lat={lat}&lon={long}';
const NOMINATIM = 'https://nominatim.openstreetmap.org/search?q={query}&format=jsonv2&limit=5&accept-language={lang}';

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** Reads GeoJSON (BAN, Addok, Photon) or Nominatim JSON into places; anything else is no place. */
export function parsePlaces(json: unknown): Place[] {
  const out: Place[] = [];
  const add = (label: unknown, lat: unknown, long: unknown) => {
    const la = num(lat);
    const lo = num(long);
    if (typeof label === 'string' && label.trim() && la !== undefined && lo !== undefined && Math.abs(la) <= 90 && Math.abs(lo) <= 180) {
      out.push({ label: label.trim().slice(0, 500), lat: la, long: lo });
    }
  };
  if (Array.isArray(json)) {
    for (const r of json as Array<Record<string, unknown>>) if (r && typeof r === 'object') add(r.display_name ?? r.label ?? r.name, r.lat, r.lon ?? r.long);
  } else if (json && typeof json === 'object' && Array.isArray((json as { features?: unknown }).features)) {
    for (const f of (json as { features: Array<Record<string, unknown>> }).features) {
      const coords = (f?.geometry as { coordinates?: unknown[] } | undefined)?.coordinates;
      const p = (f?.properties ?? {}) as Record<string, unknown>;
      if (Array.isArray(coords)) add(p.label ?? p.display_name ?? p.name, coords[1], coords[0]);
    }
  }
  return out;
}

function fill(template: string, query: string, near: { lat: number; long: number } | undefined, lang: string): string {
  const t = template.includes('{query}') ? template : `${template}${template.includes('?') ? '&' : '?'}q={query}`;
  let url = t.replace('{query}', encodeURIComponent(query)).replace('{lang}', encodeURIComponent(lang));
  url = near ? url.replace('{lat}', String(near.lat)).replace('{long}', String(near.long)) : url.replace(/[?&][a-z_]+=\{(lat|long)\}/gi, '');
  return url.replace(/\{(lat|long)\}/g, '');
}

function adapter(name: Geocoder['name'], template: string, suggests: boolean, minIntervalMs: number): Geocoder {
  return {
    name,
    suggests,
    minIntervalMs,
    async search(query, near, lang, signal) {
      const url = new URL(fill(template, query, near, lang), location.href).href;
      const response = await fetch(url, {
        signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
        credentials: 'omit',
        headers: { Accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`geocoder answered ${response.status}`);
      return parsePlaces(await response.json());
    },
  };
}

/**
 * The geocoder the `geocoder` attribute names: undefined for none (or `none`), `'invalid'` for a
 * value that is neither a preset nor an http(s) URL.
 */
export function geocoderFor(spec: string | null | undefined): Geocoder | undefined | 'invalid' {
  const s = spec?.trim();
  if (!s || s === 'none') return undefined;
  if (s === 'ban') return adapter('ban', BAN, true, 0);
  if (s === 'nominatim') return adapter('nominatim', NOMINATIM, false, 1000);
  try {
    const u = new URL(s.replace(/\{(query|lat|long|lang)\}/g, 'x'), location.href);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'invalid';
  } catch {
    return 'invalid';
  }
  return adapter('url', s, true, 0);
}
