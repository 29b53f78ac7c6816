import type { Plugin } from 'vite';

/**
 * Leaflet 1.9 tests at start-up whether the browser parses inline SVG by writing `'<svg/>'` into a
 * div's innerHTML. A page that sends `require-trusted-types-for 'script'` refuses that string, the
 * assignment throws, and the whole map chunk fails to load ("the map could not be loaded"). The
 * test is replaced by the same check on an element created with createElementNS (every browser
 * that has SVG passes both). Leaflet's other innerHTML writes are avoided in the widget itself
 * (src/components/map-report/map.ts gives elements, never strings). The build fails if the line
 * is not found (a new Leaflet version): look again at Leaflet's Browser.inlineSvg then.
 */
const NEEDLE = "div.innerHTML = '<svg/>';";
const REPLACEMENT = "div.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));";

export function leafletTrustedTypes(): Plugin {
  return {
    name: 'civic-leaflet-trusted-types',
    apply: 'build',
    transform(code, id) {
      if (!/\/node_modules\/leaflet\/dist\/leaflet-src\.esm\.js$/.test(id)) return null;
      if (!code.includes(NEEDLE)) this.error(`Leaflet's inline SVG test (${NEEDLE}) was not found in ${id}: update scripts/vite-leaflet-trusted-types.ts for this Leaflet version.`);
      return { code: code.replace(NEEDLE, REPLACEMENT), map: null };
    },
  };
}
