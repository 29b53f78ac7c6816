/**
 * The map of <civic-map-report>: Leaflet, in its own chunk, loaded only when a map is shown (the
 * form works before it arrives and without it). Two uses:
 *
 * - `pick`: a pin the resident drops by a click or a tap, drags, or moves with the arrow keys while
 *   the map has the focus (+ and - zoom, Enter drops the pin at the centre). Every move is given
 *   back to the widget, which words the place in its live region.
 * - `view`: the public reports as markers, grouped by a grid clustering (one marker per cell of
 *   56 px at the current zoom, recomputed for the visible area after each move), so that 1,000
 *   reports stay a few dozen DOM nodes. The list under the map is the accessible alternative.
 *
 * Leaflet's CSS lives here too (the part the widget uses), adopted into the widget's shadow root.
 * @internal
 */
import {
  Control,
  DivIcon,
  DomEvent,
  DomUtil,
  LatLng,
  LatLngBounds,
  LayerGroup,
  Map as LeafletMap,
  Marker,
  Rectangle,
  TileLayer,
  type LeafletMouseEvent,
} from 'leaflet/dist/leaflet-src.esm.js';
import type { LatLong, MapView, ReportMarker, ReportStatus } from '../../api/schemas/map-report.js';

/**
 * A credit line: text and links, never HTML (the map builds DOM nodes from it, so that it works
 * on pages that require Trusted Types, where Leaflet's innerHTML would be refused).
 */
export type Attribution = ReadonlyArray<string | { text: string; href: string }>;

export interface TileConfig {
  url: string;
  /** The tiles' credit (presets, or the webmaster's text with its URLs as links). */
  attribution: Attribution;
  maxNativeZoom: number;
}

export interface MapSetup {
  view: MapView;
  /** Undefined: a plain background (no tile request at all). */
  tiles?: TileConfig;
  labels: { zoomIn: string; zoomOut: string; cluster: (n: number) => string };
  /** Shown as labelled dots on a plain background (without tiles, they are the resident's bearings). */
  landmarks: Array<{ name: string; lat: number; long: number }>;
  /** Pick mode: the pin was placed or moved. */
  pick?: (p: LatLong, how: 'click' | 'drag' | 'key') => void;
  /** View mode: a report marker was activated. */
  select?: (serviceRequestId: string) => void;
}

export interface MapHandle {
  setPin(p: LatLong | undefined): void;
  /** View mode: the markers to show (clustered). */
  setMarkers(markers: readonly ReportMarker[]): void;
  highlight(serviceRequestId: string | undefined): void;
  /** Centres on a point, zooming in to at least `zoom`. */
  show(p: LatLong, zoom?: number): void;
  resize(): void;
  /** The zoom buttons' names, again (the widget's language table arrived after the map). */
  setLabels(labels: Pick<MapSetup['labels'], 'zoomIn' | 'zoomOut'>): void;
  destroy(): void;
  /** How many marker elements are on the map now (clusters count as one). */
  renderedMarkers(): number;
}

const MAX_ZOOM = 19;
const CELL = 56;
/** How far the arrow keys move the pin, in screen pixels (with Shift: five times more). */
const KEY_STEP = 12;

/*
 * Trusted Types: a page that sends `require-trusted-types-for 'script'` refuses every string given
 * to innerHTML, and Leaflet writes one wherever an icon, a button or a credit is a string (its
 * own start-up test is patched at build time: scripts/vite-leaflet-trusted-types.ts). So icons
 * get elements, and the zoom buttons and the credit below are built from nodes.
 */
const SVG = 'http://www.w3.org/2000/svg';

function svgNode<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string>, ...children: SVGElement[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

/** A new icon per pin (an element can only be in one map). */
function pinIcon(): DivIcon {
  const svg = svgNode(
    'svg',
    { class: 'civic-pin', viewBox: '0 0 32 44', width: '32', height: '44', 'aria-hidden': 'true', focusable: 'false' },
    svgNode('path', { d: 'M16 1C7.7 1 1 7.6 1 15.8 1 27 16 43 16 43s15-16 15-27.2C31 7.6 24.3 1 16 1z' }),
    svgNode('circle', { cx: '16', cy: '16', r: '6' }),
  );
  return new DivIcon({ className: 'civic-pin-icon', html: svg as unknown as HTMLElement, iconSize: [32, 44], iconAnchor: [16, 43] });
}

function statusIcon(status: ReportStatus, selected: boolean): DivIcon {
  return new DivIcon({ className: `civic-marker status-${status}${selected ? ' selected' : ''}`, html: document.createElement('span'), iconSize: [22, 22], iconAnchor: [11, 11] });
}

/** Leaflet's zoom buttons, their symbol set as text (Leaflet sets its HTML). */
class ZoomControl extends Control.Zoom {
  _createButton(symbol: string, title: string, className: string, container: HTMLElement, fn: () => void): HTMLAnchorElement {
    const link = DomUtil.create('a', className, container);
    const span = link.appendChild(document.createElement('span'));
    span.setAttribute('aria-hidden', 'true');
    span.textContent = symbol;
    link.href = '#';
    link.title = title;
    link.setAttribute('role', 'button');
    link.setAttribute('aria-label', title);
    DomEvent.disableClickPropagation(link);
    DomEvent.on(link, 'click', DomEvent.stop);
    DomEvent.on(link, 'click', fn, this);
    DomEvent.on(link, 'click', (this as unknown as { _refocusOnMap: () => void })._refocusOnMap, this);
    return link;
  }
}

/** Leaflet's credit line ("Leaflet | the tiles' credit"), built from nodes (Leaflet's joins HTML). */
class CreditControl extends Control {
  constructor(
    private readonly parts: Attribution,
    position: 'bottomright' | 'bottomleft',
  ) {
    super({ position });
  }

  override onAdd(): HTMLElement {
    const div = DomUtil.create('div', 'leaflet-control-attribution');
    DomEvent.disableClickPropagation(div);
    const link = (text: string, href: string) => Object.assign(document.createElement('a'), { href, textContent: text });
    div.append(link('Leaflet', 'https://leafletjs.com'));
    if (this.parts.length) {
      const bar = document.createElement('span');
      bar.setAttribute('aria-hidden', 'true');
      bar.textContent = '|';
      div.append(' ', bar, ' ', ...this.parts.map((p) => (typeof p === 'string' ? p : link(p.text, p.href))));
    }
    return div;
  }
}

function clusterIcon(n: number): DivIcon {
  const size = n < 10 ? 32 : n < 100 ? 38 : 46;
  const el = document.createElement('span');
  el.textContent = String(n);
  return new DivIcon({ className: 'civic-cluster', html: el, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
}

function toBounds(b: NonNullable<MapView['bounds']>): LatLngBounds {
  return new LatLngBounds([b.south, b.west], [b.north, b.east]);
}

export function createMap(container: HTMLElement, setup: MapSetup): MapHandle {
  const picking = !!setup.pick;
  const { view } = setup;
  const bounds = view.bounds ? toBounds(view.bounds) : undefined;
  const animate = !matchMedia('(prefers-reduced-motion: reduce)').matches;
  const map = new LeafletMap(container, {
    zoomAnimation: animate,
    fadeAnimation: animate,
    markerZoomAnimation: animate,
    center: [view.center.lat, view.center.long],
    zoom: view.zoom,
    maxZoom: MAX_ZOOM,
    // The pick mode has its own keys (the arrows move the pin); the view mode keeps Leaflet's (they pan).
    keyboard: !picking,
    zoomControl: false,
    attributionControl: false,
    maxBounds: bounds?.pad(0.25),
    maxBoundsViscosity: 0.8,
    minZoom: bounds ? Math.max(1, view.zoom - 3) : 1,
  });
  // The map itself is never mirrored, its controls are: in a right-to-left language the zoom buttons
  // sit at the top right (where the reading starts) and the credits at the bottom left.
  const rtl = getComputedStyle(container).direction === 'rtl';
  new CreditControl(setup.tiles?.attribution ?? [], rtl ? 'bottomleft' : 'bottomright').addTo(map);
  new ZoomControl({ position: rtl ? 'topright' : 'topleft', zoomInText: '+', zoomOutText: '\u2212', zoomInTitle: setup.labels.zoomIn, zoomOutTitle: setup.labels.zoomOut }).addTo(map);

  if (setup.tiles) {
    new TileLayer(setup.tiles.url, {
      maxNativeZoom: setup.tiles.maxNativeZoom,
      maxZoom: MAX_ZOOM,
      // Only the town's area: no request for tiles nobody can reach.
      bounds: bounds?.pad(0.25),
    }).addTo(map);
  } else {
    for (const l of setup.landmarks) {
      const label = document.createElement('span');
      label.textContent = l.name;
      new Marker([l.lat, l.long], {
        icon: new DivIcon({ className: 'civic-landmark', html: label, iconSize: undefined, iconAnchor: [5, 5] }),
        interactive: false,
        keyboard: false,
      }).addTo(map);
    }
  }
  if (bounds) new Rectangle(bounds, { className: 'civic-bounds', interactive: false, fill: false, weight: 2, dashArray: '6 6' }).addTo(map);

  /* ---------------------------------------------------------- pick mode: the pin */

  let pin: Marker | undefined;
  const place = (latlng: LatLng, how: 'click' | 'drag' | 'key') => {
    setPin({ lat: latlng.lat, long: latlng.lng });
    setup.pick?.({ lat: round(latlng.lat), long: round(latlng.lng) }, how);
  };

  function setPin(p: LatLong | undefined): void {
    container.classList.toggle('civic-has-pin', !!p);
    if (!p) {
      pin?.remove();
      pin = undefined;
      return;
    }
    const at = new LatLng(p.lat, p.long);
    if (!pin) {
      pin = new Marker(at, { icon: pinIcon(), draggable: picking, keyboard: false, autoPan: true, zIndexOffset: 1000 }).addTo(map);
      pin.on('dragend', () => place(pin!.getLatLng(), 'drag'));
    } else pin.setLatLng(at);
  }

  if (picking) {
    container.tabIndex = 0;
    map.on('click', (e: LeafletMouseEvent) => place(e.latlng, 'click'));
    const crosshair = document.createElement('div');
    crosshair.className = 'civic-crosshair';
    container.append(crosshair);
    DomEvent.on(container, 'keydown', (ev) => {
      const e = ev as KeyboardEvent;
      if (e.target !== container || e.altKey || e.ctrlKey || e.metaKey) return;
      const step = KEY_STEP * (e.shiftKey ? 5 : 1);
      const moves: Record<string, [number, number]> = { ArrowUp: [0, -step], ArrowDown: [0, step], ArrowLeft: [-step, 0], ArrowRight: [step, 0] };
      const move = moves[e.key];
      if (move) {
        e.preventDefault();
        if (!pin) return place(map.getCenter(), 'key');
        const from = map.latLngToContainerPoint(pin.getLatLng());
        let to = map.containerPointToLatLng(from.add(move));
        if (bounds && !bounds.contains(to)) to = new LatLng(clamp(to.lat, bounds.getSouth(), bounds.getNorth()), clamp(to.lng, bounds.getWest(), bounds.getEast()));
        place(to, 'key');
        map.panInside(to, { padding: [48, 48], animate: false });
      } else if (e.key === '+' || e.key === '=' || e.key === 'Add') {
        e.preventDefault();
        if (pin) map.setView(pin.getLatLng(), Math.min(MAX_ZOOM, map.getZoom() + 1));
        else map.zoomIn();
      } else if (e.key === '-' || e.key === '_' || e.key === 'Subtract') {
        e.preventDefault();
        map.zoomOut();
      } else if ((e.key === 'Enter' || e.key === ' ') && !pin) {
        e.preventDefault();
        place(map.getCenter(), 'key');
      }
    });
  }

  /* ---------------------------------------------------------- view mode: clustered markers */

  const layer = new LayerGroup().addTo(map);
  let all: readonly ReportMarker[] = [];
  let selected: string | undefined;
  let rendered = 0;

  function render(): void {
    const t0 = performance.now();
    layer.clearLayers();
    const z = map.getZoom();
    const visible = map.getBounds().pad(0.3);
    const cells = new Map<string, ReportMarker[]>();
    for (const m of all) {
      if (!visible.contains([m.lat, m.long])) continue;
      const p = map.project([m.lat, m.long], z);
      const key = `${Math.floor(p.x / CELL)}:${Math.floor(p.y / CELL)}`;
      const cell = cells.get(key);
      if (cell) cell.push(m);
      else cells.set(key, [m]);
    }
    rendered = 0;
    for (const items of cells.values()) {
      rendered++;
      if (items.length === 1 || z >= MAX_ZOOM) {
        for (const m of items.length === 1 ? items : items.slice(0, 1)) {
          const marker = new Marker([m.lat, m.long], { icon: statusIcon(m.status, m.service_request_id === selected), keyboard: false, riseOnHover: true });
          marker.on('click', () => setup.select?.(m.service_request_id));
          layer.addLayer(marker);
        }
        continue;
      }
      let lat = 0;
      let long = 0;
      for (const m of items) (lat += m.lat), (long += m.long);
      const at = new LatLng(lat / items.length, long / items.length);
      const marker = new Marker(at, { icon: clusterIcon(items.length), keyboard: false, title: setup.labels.cluster(items.length) });
      marker.on('click', () => {
        const b = new LatLngBounds(items.map((m) => [m.lat, m.long] as [number, number]));
        const target = Math.min(MAX_ZOOM, Math.max(map.getBoundsZoom(b), z + 2));
        map.setView(b.getCenter(), target);
      });
      layer.addLayer(marker);
    }
    container.dataset.markers = String(rendered);
    performance.measure('civic-map-report:markers', { start: t0, end: performance.now(), detail: { reports: all.length, rendered } });
  }

  if (!picking) map.on('zoomend moveend', render);

  const observer = new ResizeObserver(() => map.invalidateSize());
  observer.observe(container);

  return {
    setPin,
    setMarkers(markers) {
      all = markers;
      render();
    },
    highlight(id) {
      selected = id;
      render();
    },
    show(p, zoom = 17) {
      map.setView([p.lat, p.long], Math.max(map.getZoom(), zoom));
    },
    resize: () => map.invalidateSize(),
    setLabels(labels) {
      for (const [cls, name] of [['in', labels.zoomIn], ['out', labels.zoomOut]] as const) {
        const button = container.querySelector(`.leaflet-control-zoom-${cls}`);
        if (!button || button.getAttribute('aria-label') === name) continue;
        button.setAttribute('aria-label', name);
        button.setAttribute('title', name);
      }
    },
    destroy() {
      observer.disconnect();
      // Leaflet ends a zoom animation on a timer, which fails once the map is removed, unless it
      // believes no animation is running (its _onZoomTransitionEnd then returns at once).
      map.stop();
      (map as unknown as { _animatingZoom: boolean })._animatingZoom = false;
      map.remove();
    },
    renderedMarkers: () => rendered,
  };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/**
 * What the widget uses of leaflet.css (Leaflet 1.9.4, BSD-2-Clause), plus the pin and clusters
 * (report markers share the legend's styles, in map-report.styles.ts). A plain string, adopted as a
 * constructed style sheet by the widget: this chunk must not import lit itself, or the bundler
 * splits lit out of civic-widgets.js (see vite.config.ts).
 */
export const leafletStyles = /* css */ `
  .leaflet-pane,
  .leaflet-tile,
  .leaflet-marker-icon,
  .leaflet-tile-container,
  .leaflet-pane > svg,
  .leaflet-zoom-box,
  .leaflet-layer {
    position: absolute;
    left: 0;
    top: 0;
  }
  .leaflet-container {
    overflow: hidden;
    -webkit-tap-highlight-color: transparent;
    font: inherit;
    font-size: 0.875rem;
    touch-action: none;
  }
  .leaflet-tile,
  .leaflet-marker-icon {
    user-select: none;
    -webkit-user-drag: none;
  }
  .leaflet-marker-icon {
    display: block;
  }
  .leaflet-container .leaflet-overlay-pane svg {
    max-width: none !important;
    max-height: none !important;
  }
  .leaflet-container .leaflet-marker-pane img,
  .leaflet-container .leaflet-tile-pane img,
  .leaflet-container .leaflet-tile {
    max-width: none !important;
    max-height: none !important;
    width: auto;
    padding: 0;
  }
  .leaflet-container img.leaflet-tile {
    mix-blend-mode: plus-lighter;
  }
  .leaflet-tile {
    filter: inherit;
    visibility: hidden;
  }
  .leaflet-tile-loaded {
    visibility: inherit;
  }
  .leaflet-pane {
    z-index: 400;
  }
  .leaflet-tile-pane {
    z-index: 200;
  }
  .leaflet-overlay-pane {
    z-index: 400;
  }
  .leaflet-marker-pane {
    z-index: 600;
  }
  .leaflet-tooltip-pane {
    z-index: 650;
  }
  .leaflet-map-pane svg {
    z-index: 200;
  }
  .leaflet-control {
    position: relative;
    z-index: 800;
    pointer-events: auto;
    float: left;
    clear: both;
  }
  .leaflet-top,
  .leaflet-bottom {
    position: absolute;
    z-index: 1000;
    pointer-events: none;
  }
  .leaflet-top {
    top: 0;
  }
  .leaflet-right {
    right: 0;
  }
  .leaflet-bottom {
    bottom: 0;
  }
  .leaflet-left {
    left: 0;
  }
  .leaflet-right .leaflet-control {
    float: right;
  }
  .leaflet-top .leaflet-control {
    margin-top: 8px;
  }
  .leaflet-left .leaflet-control {
    margin-left: 8px;
  }
  .leaflet-zoom-animated {
    transform-origin: 0 0;
  }
  .leaflet-zoom-anim .leaflet-zoom-animated {
    transition: transform 0.25s cubic-bezier(0, 0, 0.25, 1);
  }
  .leaflet-zoom-anim .leaflet-tile,
  .leaflet-pan-anim .leaflet-tile {
    transition: none;
  }
  .leaflet-zoom-anim .leaflet-zoom-hide {
    visibility: hidden;
  }
  .leaflet-interactive {
    cursor: pointer;
  }
  .leaflet-grab {
    cursor: grab;
  }
  .leaflet-dragging .leaflet-grab,
  .leaflet-dragging .leaflet-marker-draggable {
    cursor: grabbing;
  }
  .leaflet-marker-icon,
  .leaflet-pane > svg path,
  .leaflet-tile-container {
    pointer-events: none;
  }
  .leaflet-marker-icon.leaflet-interactive,
  .leaflet-pane > svg path.leaflet-interactive {
    pointer-events: auto;
  }
  .leaflet-bar {
    border: 2px solid rgb(0 0 0 / 0.3);
    border-radius: var(--_civic-radius);
    background-clip: padding-box;
  }
  .leaflet-bar a {
    display: flex;
    align-items: center;
    justify-content: center;
    width: var(--_civic-target);
    height: var(--_civic-target);
    background: #fff;
    color: #1f2328;
    font: bold 1.4rem/1 system-ui, sans-serif;
    text-decoration: none;
    border-bottom: 1px solid #9ca3af;
  }
  .leaflet-bar a:last-child {
    border-bottom: none;
  }
  .leaflet-bar a:hover {
    background: #f3f4f6;
  }
  .leaflet-bar a.leaflet-disabled {
    cursor: default;
    color: #6b7280;
    background: #f3f4f6;
  }
  .leaflet-container .leaflet-control-attribution {
    margin: 0;
    padding: 0.125rem 0.375rem;
    background: rgb(255 255 255 / 0.9);
    color: #1f2328;
    font-size: 0.75rem;
    line-height: 1.4;
  }
  .leaflet-control-attribution a {
    color: #1d4ed8;
  }
  .civic-pin-icon {
    background: none;
    border: 0;
  }
  .civic-pin path {
    fill: var(--_civic-primary);
    stroke: #fff;
    stroke-width: 2;
  }
  .civic-pin circle {
    fill: #fff;
  }
  .civic-crosshair {
    display: none;
    position: absolute;
    z-index: 700;
    left: 50%;
    top: 50%;
    width: 2.5rem;
    height: 2.5rem;
    margin: -1.25rem 0 0 -1.25rem;
    pointer-events: none;
    background:
      linear-gradient(var(--_civic-text), var(--_civic-text)) center / 2px 100% no-repeat,
      linear-gradient(var(--_civic-text), var(--_civic-text)) center / 100% 2px no-repeat;
  }
  .leaflet-container:focus-visible:not(.civic-has-pin) > .civic-crosshair {
    display: block;
  }
  .civic-landmark {
    display: flex !important;
    align-items: center;
    gap: 0.25rem;
    white-space: nowrap;
    width: auto !important;
    height: auto !important;
    font-size: 0.75rem;
    font-weight: 600;
    color: #1f2328;
  }
  .civic-landmark::before {
    content: '';
    flex: none;
    width: 0.625rem;
    height: 0.625rem;
    border-radius: 50%;
    background: #4b5563;
  }
  .civic-bounds {
    stroke: #4b5563;
  }
  .civic-cluster {
    display: flex;
    align-items: center;
    justify-content: center;
    border-radius: 50%;
    background: #1f2328;
    color: #fff;
    font-weight: 700;
    font-size: 0.8125rem;
    border: 3px solid rgb(255 255 255 / 0.85);
  }
  @media (forced-colors: active) {
    .civic-pin path,
    .civic-cluster {
      forced-color-adjust: none;
    }
    .civic-pin path {
      fill: Highlight;
    }
  }
`;
