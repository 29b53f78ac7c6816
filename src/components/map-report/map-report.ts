import { adoptStyles, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { asApiError, errorMessage, type ApiErrorInfo } from '../../api/client.js';
import { MapReportDefinition, PublicReport, ReportList, ReportMarkerList, ReportReceipt, SupportReceipt, type LatLong, type MapView, type ReportMarker, type ReportService, type ReportStatus, type ServiceAttribute } from '../../api/schemas/map-report.js';
import { paths } from '../../api/resources.js';
import { isEmailAddress } from '../../api/schemas/common.js';
import { CivicElement, defineOnce } from '../../internal/civic-element.js';
import { SubmitController } from '../../internal/submit-controller.js';
import { deviceToken, randomToken } from '../../internal/storage.js';
import { RetryWhileOffline, loadDefinition } from '../../internal/definitions.js';
import { loadPart } from '../../internal/lazy.js';
import { PrintMode, paperHost } from '../../internal/print-mode.js';
import { pictogram } from '../../internal/pictograms.js';
import { CivicInvalidEvent, CivicLoadEvent } from '../../events/index.js';
import { mapReportMessages, type MapReportMessages } from './map-report.messages.js';
import { mapReportStyles } from './map-report.styles.js';
import { fieldStyles } from '../../styles/form.styles.js';
import { geocoderFor, type Geocoder, type Place } from './geocoder.js';
import type { Attribution, MapHandle, TileConfig } from './map.js';
import type { PreparedPhoto } from './photos.js';

type MapModule = typeof import('./map.js');
type Source = 'map' | 'gps' | 'address' | 'landmark';

/** Where the report is: any one of a point, a landmark or an address text is enough. */
interface Where {
  lat?: number;
  long?: number;
  source?: Source;
  landmark?: string;
  /** Metres, for a position from the device. */
  accuracy?: number;
}

interface Photo extends PreparedPhoto {
  key: string;
  alt: string;
}

interface Values {
  service: string;
  /** Answers to the category's questions as typed (lists for multiple choice). */
  attrs: Record<string, string | string[]>;
  description: string;
  address: string;
  email: string;
  firstName: string;
  lastName: string;
  publicName: 'none' | 'initial' | 'full';
  subscribe: boolean;
}

const EMPTY: Values = { service: '', attrs: {}, description: '', address: '', email: '', firstName: '', lastName: '', publicName: 'none', subscribe: false };
const STATUSES: readonly ReportStatus[] = ['open', 'acknowledged', 'in_progress', 'fixed', 'not_ours'];
const DESCRIPTION_MAX = 4000;
/** Typing pauses this long before the geocoder is asked (BAN and Nominatim ask clients not to storm them). */
const SUGGEST_DELAY_MS = 350;
const SUGGEST_MIN_CHARS = 3;
const LIST_PAGE = 20;
/** Properties whose change rebuilds the map. */
const MAP_PROPS = new Set(['tileUrl', 'tileAttribution', 'tileMaxZoom', 'center', 'zoom', 'bounds', 'mode']);

const OSM: TileConfig = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: ['© ', { text: 'OpenStreetMap', href: 'https://www.openstreetmap.org/copyright' }],
  maxNativeZoom: 19,
};
const IGN_PLAN: TileConfig = {
  url: 'https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&FORMAT=image/png&TILEMATRIXSET=PM&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}',
  attribution: [{ text: 'IGN', href: 'https://www.ign.fr/' }, '-F / Géoplateforme'],
  maxNativeZoom: 19,
};

/** The webmaster's attribution as text, its http(s) URLs as links: never HTML from an attribute. */
function attributionParts(text: string): Attribution {
  return text
    .split(/(https?:\/\/[^\s<>"]+)/)
    .map((part, i) => (i % 2 ? { text: part.replace(/^https?:\/\//, ''), href: part } : part))
    .filter((part) => part !== '');
}

/** Metres between two points (haversine). */
export function distance(a: LatLong, b: LatLong): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLong = (b.long - a.long) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLong / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

/** One of 8 compass directions from `from` to `to`, 0 = north, clockwise. */
function direction(from: LatLong, to: LatLong): number {
  const y = to.lat - from.lat;
  const x = (to.long - from.long) * Math.cos((from.lat * Math.PI) / 180);
  const deg = ((Math.atan2(x, y) * 180) / Math.PI + 360) % 360;
  return Math.round(deg / 45) % 8;
}

function parseNumber(s: string): number | undefined {
  const t = s.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined;
  return Number(t);
}

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const safeUrl = (u: string | undefined): string | undefined => (u && /^https?:\/\//i.test(u) ? u : undefined);

/**
 * Street-problem reports: a category (Open311 services, grouped, with their extra questions), where
 * it is — a pin on a map, the device's position, an address with suggestions, or a landmark from
 * a list, any one is enough and all work by keyboard and screen reader —, a description, photos
 * resized on the device without their metadata, and optional contact details with e-mail
 * updates. Before sending, open reports of the same category nearby are shown: the resident can
 * support one instead of creating a duplicate. Works offline: the report and its photos are kept
 * on the device and sent once when the connection returns.
 *
 * With `print` (or while the browser prints the page) it shows a report form to print instead: the
 * categories as boxes, lines to describe, where (address lines, landmarks, a frame to draw the
 * place), optional contact details, the personal-data notice, and a QR code back to this page
 * (loaded as a separate chunk, only then).
 *
 * `mode="list"` shows the public reports instead: a map with clustered markers and, as its
 * accessible alternative, a list filtered by status and category with the town's updates.
 *
 * The map (Leaflet) is a separate chunk, loaded when the map is shown; the form works before it
 * arrives and without it. It makes no request to a third party unless the site asks: tiles come
 * from `tile-url` (a plain background without it), addresses from `geocoder` (off without it).
 *
 * @summary Report a street problem with a map, an address or a landmark, with photos; or follow the reports.
 * @tagname civic-map-report
 *
 * @event civic-load - The reporting space was loaded. `detail: { kind, contentId, definition }`.
 * @event civic-submit - Before a report is sent; cancelable. `detail: { kind, contentId, payload }`.
 * @event civic-submitted - The server received the report. `detail: { kind, contentId, receipt }` (`receipt.service_request_id` is its public number).
 * @event civic-queued - No connection: the report and its photos are kept on the device. `detail: { kind, contentId, idempotencyKey, reason }`.
 * @event civic-synced - A report kept on the device reached the server. `detail: { kind, contentId, receipt }`.
 * @event civic-invalid - Some fields are missing or invalid. `detail: { kind, fields }`.
 * @event civic-error - Loading or sending failed, or the configuration is wrong. `detail: { kind, error, message }`.
 *
 * @csspart base - The frame around the widget.
 * @csspart header - Title, introduction and dates.
 * @csspart title - The title.
 * @csspart body - Everything below the header.
 * @csspart form - The report form (and the list's filters).
 * @csspart field - One field or group of fields.
 * @csspart label - A field's label.
 * @csspart hint - A hint or a date.
 * @csspart error - An error message or the error summary.
 * @csspart option - One choice (category, answer).
 * @csspart map - The map.
 * @csspart photo - One photo preview.
 * @csspart report - One report (list, nearby reports).
 * @csspart submit-button - The send button.
 * @csspart status - The live message (sent, kept on this device, support added).
 * @csspart sheet - Printed form: the categories.
 * @csspart privacy - Printed form: the personal-data notice.
 * @csspart online - Printed form: the QR code and short link to the online form.
 *
 * @cssproperty --civic-map-report-map-height - Height of the map (default: 20rem).
 * @cssproperty --civic-color-primary - Main colour: buttons, links, the pin.
 * @cssproperty --civic-color-on-primary - Text on the main colour.
 * @cssproperty --civic-color-text - Text colour.
 * @cssproperty --civic-color-muted - Secondary text.
 * @cssproperty --civic-color-surface - Background.
 * @cssproperty --civic-color-surface-alt - Background of messages and hovered options.
 * @cssproperty --civic-color-border - Frame and field borders.
 * @cssproperty --civic-color-danger - Errors.
 * @cssproperty --civic-color-warning - Border of "kept on this device" messages.
 * @cssproperty --civic-color-success - Confirmation messages.
 * @cssproperty --civic-font-family - Font.
 * @cssproperty --civic-radius - Corner radius.
 * @cssproperty --civic-space-m - Medium spacing.
 * @cssproperty --civic-focus-ring - Focus outline (default: 3px solid #ea580c).
 * @cssproperty --civic-target-size - Minimum size of touch targets (default: 2.75rem).
 */
export class CivicMapReport extends CivicElement {
  static override styles = [...CivicElement.styles, fieldStyles, mapReportStyles];
  protected readonly kind = 'map-report' as const;
  protected readonly idAttribute = 'report-id';
  protected get contentId(): string | undefined {
    return this.reportId?.trim();
  }

  /** The reporting space's identifier on the server. */
  @property({ attribute: 'report-id', reflect: true }) reportId?: string;

  /**
   * `report` (default): the report form. `list`: the public reports, on a map and in a list.
   * `assisted`: the report form on a mediator's terminal (docs/assisted.md).
   */
  @property({ reflect: true }) override mode?: 'report' | 'list' | 'assisted';
  protected override readonly modes: readonly string[] = ['report', 'list', 'standard', 'assisted'];

  protected override unknownModeMessage(value: string): string {
    return this.m.configMode(value);
  }

  /** Where the map opens, `lat,long` (default: the server's `map.center`). */
  @property() center?: string;

  /** The map's initial zoom, 1-20 (default: the server's `map.zoom`). */
  @property({ type: Number }) zoom?: number;

  /** The area the map stays in, `south,west,north,east` (default: the server's `map.bounds`). */
  @property() bounds?: string;

  /**
   * Map tiles: `osm` (OpenStreetMap), `ign-plan` (IGN Plan, France), or a URL template with
   * `{z}`, `{x}` and `{y}`. Without it the map is a plain background (no request to anyone).
   */
  @property({ attribute: 'tile-url' }) tileUrl?: string;

  /** The tiles' attribution, as text (URLs become links). Presets carry their own. */
  @property({ attribute: 'tile-attribution' }) tileAttribution?: string;

  /** The highest zoom level the tile server has (beyond it, tiles are enlarged). Default 19. */
  @property({ attribute: 'tile-max-zoom', type: Number }) tileMaxZoom?: number;

  /**
   * Address search: `ban` (French national address base), `nominatim` (OpenStreetMap; search on
   * request, no suggestions while typing, as its usage policy asks), a URL template with
   * `{query}`, or `none` (default: no address search, the address is sent as typed).
   */
  @property() geocoder?: string;

  /** Level of the widget's heading in the page outline (1-6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** Show the report form to print: categories as boxes, lines to write on, a frame to draw the place, a QR code. */
  @property({ type: Boolean, reflect: true }) print = false;

  /** Where reports can be made online, printed on the form as a QR code and a link (default: this page). */
  @property({ attribute: 'online-url' }) onlineUrl?: string;

  private readonly paper = new PrintMode(this, () => import('./print.js'));

  @state() private values: Values = { ...EMPTY, attrs: {} };
  @state() private where: Where = {};
  @state() private photos: Photo[] = [];
  @state() private touched = new Set<string>();
  @state() private showAll = false;
  @state() private step: 'form' | 'nearby' | 'supported' = 'form';
  @state() private nearby: PublicReport[] = [];
  @state() private supportResult?: { rid: string; supports: number; duplicate: boolean };
  @state() private supportError = '';
  @state() private busy: '' | 'nearby' | 'support' | 'photos' = '';
  @state() private geo: '' | 'locating' | 'denied' | 'unavailable' | 'timeout' | 'unsupported' = '';
  @state() private placeText = '';
  @state() private photoNote = '';
  @state() private suggestions: Place[] = [];
  @state() private suggestOpen = false;
  @state() private activeSuggestion = -1;
  @state() private suggestStatus = '';
  @state() private mapState: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  @state() private filterStatus = '';
  @state() private filterService = '';
  @state() private listLimit = LIST_PAGE;
  @state() private selected?: PublicReport;
  @state() private rejectedFromQueue = false;

  /** When the form was first shown (performance.now()), for the form-fill time. */
  private shownAt = 0;
  private mapModule?: MapModule;
  private mapHandle?: MapHandle;
  private mapEl?: HTMLElement;
  private markersShown?: readonly ReportMarker[];
  private placeTimer?: ReturnType<typeof setTimeout>;
  private suggestTimer?: ReturnType<typeof setTimeout>;
  private suggestAbort?: AbortController;
  private lastGeocodeAt = 0;
  /** The nearby reports were shown for this payload: sending again goes straight through. */
  private nearbyChecked = false;

  private get m(): MapReportMessages {
    return mapReportMessages(this.l);
  }

  private readonly submitter = new SubmitController<ReportReceipt>(this, {
    kind: 'map-report',
    receipt: ReportReceipt,
    contentId: () => this.contentId,
    onAccepted: () => this.accepted(),
    onRejected: (_e: ApiErrorInfo, payload) => this.restore(payload as Record<string, unknown>),
  });

  private readonly loader = new Task(this, {
    // A wrong attribute shows the webmaster's message and asks the server nothing.
    args: () => [this.client, this.contentId, this.configProblem()] as const,
    task: async ([client, id, problem], { signal }) => {
      if (!client || !id || problem) return undefined;
      const { definition, offline } = await loadDefinition(client, 'map-report', id, MapReportDefinition, signal);
      await this.submitter.restoreQueued();
      this.dispatchEvent(new CivicLoadEvent({ kind: 'map-report', contentId: id, definition }));
      return { definition, offline };
    },
  });

  private readonly offlineRetry = new RetryWhileOffline(this, () => void this.loader.run());

  /** `mode="list"`: one page of the public list, with the filters. */
  private readonly list = new Task(this, {
    args: () => [this.client, this.contentId, this.mode, this.filterStatus, this.filterService, this.listLimit] as const,
    task: async ([client, id, mode, status, service, limit], { signal }) => {
      if (!client || !id || mode !== 'list') return undefined;
      return client.get(`${paths.submissions('map-report', id)}?${this.query({ status, service, limit: String(limit) })}`, ReportList, { signal });
    },
  });

  /** `mode="list"`: every marker matching the filters (`fields=min`). */
  private readonly markers = new Task(this, {
    args: () => [this.client, this.contentId, this.mode, this.filterStatus, this.filterService] as const,
    task: async ([client, id, mode, status, service], { signal }) => {
      if (!client || !id || mode !== 'list') return undefined;
      return client.get(`${paths.submissions('map-report', id)}?${this.query({ status, service, fields: 'min', limit: '5000' })}`, ReportMarkerList, { signal });
    },
  });

  private query(q: Record<string, string>): string {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v) p.set(k === 'service' ? 'service_code' : k, v);
    return p.toString();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.destroyMap();
    this.suggestAbort?.abort();
    clearTimeout(this.suggestTimer);
    clearTimeout(this.placeTimer);
  }

  /* ---------------------------------------------------------- configuration */

  private parsedCenter(): LatLong | undefined | 'invalid' {
    if (!this.center?.trim()) return undefined;
    const [lat, long, extra] = this.center.split(',').map((s) => Number(s.trim()));
    if (extra !== undefined || lat === undefined || long === undefined || !Number.isFinite(lat) || !Number.isFinite(long) || Math.abs(lat) > 90 || Math.abs(long) > 180) return 'invalid';
    return { lat, long };
  }

  private parsedBounds(): MapView['bounds'] | 'invalid' {
    if (!this.bounds?.trim()) return undefined;
    const n = this.bounds.split(',').map((s) => Number(s.trim()));
    if (n.length !== 4 || n.some((v) => !Number.isFinite(v))) return 'invalid';
    const [south, west, north, east] = n as [number, number, number, number];
    if (south >= north || west >= east || Math.abs(south) > 90 || Math.abs(north) > 90) return 'invalid';
    return { south, west, north, east };
  }

  private tiles(): TileConfig | undefined | 'invalid' {
    const url = this.tileUrl?.trim();
    if (!url) return undefined;
    const max = this.tileMaxZoom && this.tileMaxZoom >= 1 && this.tileMaxZoom <= 22 ? Math.round(this.tileMaxZoom) : undefined;
    if (url === 'osm') return { ...OSM, maxNativeZoom: max ?? OSM.maxNativeZoom };
    if (url === 'ign-plan') return { ...IGN_PLAN, maxNativeZoom: max ?? IGN_PLAN.maxNativeZoom };
    if (!/\{z\}/.test(url) || !/\{x\}/.test(url) || !/\{y\}/.test(url)) return 'invalid';
    return { url, attribution: attributionParts(this.tileAttribution?.trim() ?? ''), maxNativeZoom: max ?? 19 };
  }

  private geocoderCache?: { spec: string | undefined; value: Geocoder | undefined | 'invalid' };
  private get geocoderAdapter(): Geocoder | undefined | 'invalid' {
    let cache = this.geocoderCache;
    if (!cache || cache.spec !== this.geocoder) cache = this.geocoderCache = { spec: this.geocoder, value: geocoderFor(this.geocoder) };
    return cache.value;
  }

  protected override configProblem(): string | undefined {
    const base = super.configProblem() ?? this.requireAttribute('report-id', this.reportId);
    if (base) return base;
    const m = this.m;
    if (this.parsedCenter() === 'invalid') return m.configCenter(this.center ?? '');
    if (this.parsedBounds() === 'invalid') return m.configBounds(this.bounds ?? '');
    if (this.zoom !== undefined && this.zoom !== null && !(Number.isInteger(this.zoom) && this.zoom >= 1 && this.zoom <= 20)) return m.configZoom(String(this.getAttribute('zoom')));
    if (this.tiles() === 'invalid') return m.configTiles(this.tileUrl ?? '');
    if (this.geocoderAdapter === 'invalid') return m.configGeocoder(this.geocoder ?? '');
    return undefined;
  }

  /** The map view: the attributes, else the server's. */
  private view(def: MapReportDefinition): MapView {
    const center = this.parsedCenter();
    const bounds = this.parsedBounds();
    return {
      center: center && center !== 'invalid' ? center : def.map.center,
      zoom: this.zoom && Number.isInteger(this.zoom) ? this.zoom : def.map.zoom,
      bounds: bounds && bounds !== 'invalid' ? bounds : def.map.bounds,
    };
  }

  /* ---------------------------------------------------------- lifecycle */

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.loader.status === TaskStatus.ERROR) this.reportLoadError(this.loader.error);
    this.offlineRetry.schedule(this.loader.status === TaskStatus.COMPLETE && !!this.loader.value?.offline);
    if (!this.shownAt && this.renderRoot.querySelector('form.report-form')) this.shownAt = performance.now();
    if ([...changed.keys()].some((k) => MAP_PROPS.has(k as string))) this.destroyMap();
    this.syncMap();
  }

  /** Creates the map when its container appears (loading the chunk first), destroys it when it goes. */
  private syncMap(): void {
    const el = this.renderRoot.querySelector<HTMLElement>('#map') ?? undefined;
    const def = this.loader.value?.definition;
    if (el !== this.mapEl) this.destroyMap();
    this.mapEl = el;
    if (!el || !def) return;
    if (!this.mapModule) {
      if (this.mapState === 'idle') void this.loadMap();
      return;
    }
    if (!this.mapHandle) {
      const tiles = this.tiles();
      const picking = this.mode !== 'list';
      this.mapHandle = this.mapModule.createMap(el, {
        view: this.view(def),
        tiles: tiles === 'invalid' ? undefined : tiles,
        labels: { zoomIn: this.m.zoomIn, zoomOut: this.m.zoomOut, cluster: (n) => this.m.cluster(n) },
        landmarks: (def.landmarks ?? []).map((l) => ({ name: this.l.text(l.name), lat: l.lat, long: l.long })),
        pick: picking ? (p, how) => this.picked(p, how) : undefined,
        select: picking ? undefined : (rid) => void this.selectReport(rid, true),
      });
      if (picking && this.where.lat !== undefined && this.where.long !== undefined) this.mapHandle.setPin({ lat: this.where.lat, long: this.where.long });
      this.markersShown = undefined;
    }
    this.mapHandle.setLabels({ zoomIn: this.m.zoomIn, zoomOut: this.m.zoomOut });
    const markers = this.markers.value?.requests;
    if (this.mode === 'list' && markers && markers !== this.markersShown) {
      this.markersShown = markers;
      this.mapHandle.setMarkers(markers);
    }
  }

  private async loadMap(): Promise<void> {
    await Promise.resolve(); // not during updated(): a state change there costs another update
    if (this.mapState !== 'idle') return;
    this.mapState = 'loading';
    try {
      this.mapModule = await loadPart(() => import('./map.js'));
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(this.mapModule.leafletStyles);
      adoptStyles(this.renderRoot as ShadowRoot, [...(this.constructor as typeof CivicMapReport).elementStyles, sheet]);
      this.mapState = 'ready';
    } catch {
      this.mapState = 'failed';
    }
  }

  private destroyMap(): void {
    this.mapHandle?.destroy();
    this.mapHandle = undefined;
    this.mapEl = undefined;
    this.markersShown = undefined;
  }

  /* ---------------------------------------------------------- render */

  override render() {
    const problem = this.configProblem();
    if (problem) return this.renderConfigError(problem);
    return this.loader.render({
      initial: () => this.renderLoading(),
      pending: () => (this.loader.value ? this.renderSpace(this.loader.value.definition, this.loader.value.offline) : this.renderLoading()),
      error: (e) => this.renderLoadError(e, () => void this.loader.run()),
      complete: (loaded) => (loaded ? this.renderSpace(loaded.definition, loaded.offline) : this.renderLoading()),
    });
  }

  private heading(level: number, text: string | TemplateResult, id: string, cls = '', focusable = false): TemplateResult {
    const aria = Math.min(6, Math.max(1, level));
    return html`<div role="heading" aria-level=${aria} id=${id} class=${cls} tabindex=${focusable ? '-1' : nothing}>${text}</div>`;
  }

  private renderSpace(def: MapReportDefinition, offline: boolean) {
    const l = this.l;
    if (this.paper.on && this.mode !== 'list') {
      const form = this.paper.module;
      if (form) return form.reportForm(paperHost(this), def, this.renderDates(def));
      if (this.print) return this.paper.error ? this.renderLoadError(this.paper.error, () => this.paper.retry()) : this.renderLoading();
    }
    const list = this.mode === 'list';
    return html`<section part="base" class="base" aria-labelledby="title" dir=${this.resolvedDir} lang=${l.lang}>
      <div part="header" class="header">
        <div part="title" class="title" role="heading" aria-level=${Math.min(6, Math.max(1, this.headingLevel))} id="title">${list ? this.m.listTitle : l.text(def.title)}</div>
        ${list ? html`<p class="description">${this.m.listIntro(l.text(def.title))}</p>` : def.description ? html`<p class="description">${l.text(def.description)}</p>` : nothing}
        ${this.renderDates(def)}
      </div>
      <div part="body">
        ${offline && this.submitter.state !== 'submitted' ? html`<p class="message warning" part="hint">${pictogram(l, 'offline')}${l.t('offlineCopy')}</p>` : nothing}
        ${list ? this.renderList(def) : this.renderReporting(def)}
      </div>
    </section>`;
  }

  /* ---------------------------------------------------------- report mode */

  private renderReporting(def: MapReportDefinition) {
    const s = this.submitter.state;
    const done = s === 'submitted' || s === 'queued' || this.step === 'supported';
    return html`<div part="status" class="live" role="status" tabindex="-1" id="status">${this.renderStatus()}</div>
      ${done
        ? html`<div class="actions"><button type="button" class="secondary" id="again" @click=${() => this.again()}>${this.m.again}</button></div>`
        : def.phase === 'closed'
          ? html`<p class="message">${this.m.closed}</p>`
          : def.phase === 'scheduled'
            ? nothing
            : this.step === 'nearby'
              ? this.renderNearby(def)
              : this.renderForm(def)}`;
  }

  private renderStatus() {
    const m = this.m;
    const s = this.submitter.state;
    if (this.step === 'supported' && this.supportResult) {
      const r = this.supportResult;
      return html`<div class="message success"><p>${pictogram(this.l, 'success')}<strong>${r.duplicate ? m.supportedAlready(r.rid) : m.supported(r.rid)}</strong></p><p>${m.supports(r.supports)}</p></div>`;
    }
    if (s === 'queued') {
      const e = this.submitter.error;
      return html`<div class="message warning"><p>${pictogram(this.l, 'offline')}${e?.failure === 'rate_limited' ? m.rateLimited(Math.max(1, Math.ceil(e.retryAfter ?? 60))) : m.queued}</p></div>`;
    }
    if (s === 'submitted' && this.submitter.receipt) {
      const r = this.submitter.receipt;
      return html`<div class="message success">
        ${this.submitter.fromQueue ? html`<p>${m.synced}</p>` : nothing}
        <p>${pictogram(this.l, 'success')}<strong>${m.received(r.service_request_id)}</strong></p>
        ${r.subscription === 'pending' ? html`<p>${m.checkMail}</p>` : nothing}
      </div>`;
    }
    return nothing;
  }

  /* ---------------------------------------------------------- the form */

  private services(def: MapReportDefinition): Array<{ group: string; services: ReportService[] }> {
    const groups: Array<{ group: string; services: ReportService[] }> = [];
    for (const s of def.services) {
      const g = this.l.text(s.group);
      const found = groups.find((x) => x.group === g);
      if (found) found.services.push(s);
      else groups.push({ group: g, services: [s] });
    }
    return groups;
  }

  private service(def: MapReportDefinition): ReportService | undefined {
    return def.services.find((s) => s.service_code === this.values.service);
  }

  private questionsOf(service: ReportService | undefined): ServiceAttribute[] {
    const list = [...(service?.attributes ?? [])];
    return list.map((a, i) => [a, i] as const).sort(([a, i], [b, j]) => (a.order ?? i) - (b.order ?? j) || i - j).map(([a]) => a);
  }

  /** Problems found on the device, by field key (`service`, `location`, `attr:<code>`...). */
  private problems(def: MapReportDefinition): Map<string, string> {
    const m = this.m;
    const v = this.values;
    const out = new Map<string, string>();
    const service = this.service(def);
    if (!service) out.set('service', m.errService);
    for (const a of this.questionsOf(service)) {
      if (a.variable === false) continue;
      const raw = v.attrs[a.code];
      const empty = raw === undefined || (Array.isArray(raw) ? raw.length === 0 : raw.trim() === '');
      if (empty) {
        if (a.required) out.set(`attr:${a.code}`, a.datatype.endsWith('list') ? m.errChoose : m.errRequired);
      } else if (a.datatype === 'number' && parseNumber(raw as string) === undefined) out.set(`attr:${a.code}`, m.errNumber);
      else if (a.datatype === 'datetime' && !validDate(raw as string)) out.set(`attr:${a.code}`, m.errDate);
    }
    const w = this.where;
    const hasPoint = w.lat !== undefined && w.long !== undefined;
    if (!hasPoint && !w.landmark && !v.address.trim()) out.set('location', m.errLocation);
    else if (hasPoint && w.source !== 'landmark' && !this.inBounds(def, { lat: w.lat!, long: w.long! })) out.set('location', m.errOutOfBounds);
    if (!v.description.trim()) out.set('description', m.errDescription);
    else if (this.fullDescription().length > DESCRIPTION_MAX) out.set('description', m.errTooLong(DESCRIPTION_MAX));
    const email = v.email.trim();
    if (email && !isEmailAddress(email)) out.set('email', m.errEmail);
    else if (!email && v.subscribe) out.set('email', m.errEmailForUpdates);
    return out;
  }

  private inBounds(def: MapReportDefinition, p: LatLong): boolean {
    const b = this.view(def).bounds;
    return !b || (p.lat >= b.south && p.lat <= b.north && p.long >= b.west && p.long <= b.east);
  }

  /** What the server said, by field key. */
  private serverProblems(): Map<string, string> {
    const out = new Map<string, string>();
    const e = this.submitter.error;
    if (this.submitter.state !== 'error' || !e) return out;
    const m = this.m;
    if (e.failure === 'too_large') out.set('photos', m.errPhotoTooLarge);
    for (const f of e.fields ?? []) {
      const [head, sub] = f.path;
      if (head === 'service_code') out.set('service', m.errService);
      else if (head === 'lat' || head === 'long' || head === 'landmark' || head === 'address_string') out.set('location', f.code === 'out_of_bounds' ? m.errOutOfBounds : m.errLocation);
      else if (head === 'attribute' && sub !== undefined) {
        const codes: Record<string, string> = { required: m.errRequired, invalid_type: m.errNumber, invalid_format: m.errDate, unknown_option: m.errChoose };
        out.set(`attr:${sub}`, codes[f.code] ?? this.l.t('field.invalid'));
      } else if (head === 'media') out.set('photos', f.code === 'too_many' ? m.errTooManyPhotos : m.errPhotoType);
      else if (head === 'description') out.set('description', m.errDescription);
      else if (head === 'email') out.set('email', f.code === 'required' ? m.errEmailForUpdates : m.errEmail);
    }
    return out;
  }

  private shown(key: string, own: Map<string, string>, server: Map<string, string>): string | undefined {
    const p = own.get(key);
    if (p && (this.showAll || this.touched.has(key))) return p;
    return server.get(key);
  }

  private renderForm(def: MapReportDefinition) {
    const l = this.l;
    const m = this.m;
    const own = this.problems(def);
    const server = this.serverProblems();
    const service = this.service(def);
    const keys = ['service', ...this.questionsOf(service).map((a) => `attr:${a.code}`), 'location', 'description', 'photos', 'email'];
    const listed = keys.map((k) => [k, this.shown(k, own, server)] as const).filter((x): x is readonly [string, string] => !!x[1]);
    const serverError =
      this.submitter.state === 'error' && (!server.size || [...server.keys()].every((k) => !keys.includes(k)))
        ? this.rejectedFromQueue ? m.rejectedLater(this.submitter.message()) : this.submitter.message()
        : '';
    const sending = this.submitter.state === 'submitting' || this.busy === 'nearby';
    return html`<form part="form" class="report-form" novalidate @submit=${(e: SubmitEvent) => this.onSubmit(e, def)}>
      ${(this.showAll || server.size) && listed.length
        ? html`<div part="error" class="error-summary" role="alert" tabindex="-1" id="error-summary">
            ${this.heading(this.headingLevel + 1, html`${pictogram(l, 'error')}${l.t('errorSummaryTitle')}`, 'summary-title')}
            <p>${l.t('errorSummaryIntro', listed.length)}</p>
            <ul>
              ${listed.map(([k, p]) => html`<li><a href="#${this.anchorOf(k)}" @click=${(e: Event) => this.focusField(e, k)}>${l.t('fieldError', this.labelOf(def, k), p)}</a></li>`)}
            </ul>
          </div>`
        : nothing}
      ${serverError ? html`<div part="error" class="error-summary" role="alert" tabindex="-1" id="error-summary"><p>${pictogram(l, 'error')}${serverError}</p></div>` : nothing}
      <p part="hint" class="hint">${pictogram(l, 'help')}${m.requiredNote}</p>
      ${this.renderServices(def, own, server)} ${service ? this.renderAttributes(service, own, server) : nothing}
      ${this.renderLocation(def, own, server)}
      ${this.renderDescription(own, server)}
      ${(def.maxPhotos ?? 3) > 0 ? this.renderPhotos(def, server) : nothing}
      ${this.renderContact(def, own, server)}
      <div class="visually-hidden" aria-hidden="true">
        <label for="f-website">${m.honeypot}</label>
        <input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off" .value=${''} />
      </div>
      <div class="actions">
        <button part="submit-button" class="primary" type="submit" aria-disabled=${sending ? 'true' : 'false'}>
          ${sending ? html`<span class="spinner" aria-hidden="true"></span> ${this.busy === 'nearby' ? m.checkingNearby : l.t('submitting')}` : html`${pictogram(l, 'send')}${m.send}`}
        </button>
      </div>
    </form>`;
  }

  private anchorOf(key: string): string {
    if (key === 'service') return 'services';
    if (key === 'location') return 'location';
    if (key === 'photos') return 'photos';
    if (key.startsWith('attr:')) return `f-attr-${key.slice(5)}`;
    return `f-${key}`;
  }

  private labelOf(def: MapReportDefinition, key: string): string {
    const m = this.m;
    if (key.startsWith('attr:')) {
      const a = this.service(def)?.attributes?.find((x) => x.code === key.slice(5));
      return a ? this.l.text(a.description) : key.slice(5);
    }
    const labels: Record<string, string> = { service: m.serviceLegend, location: m.locationLegend, description: m.descriptionLabel, photos: m.photosLegend, email: m.emailLabel };
    return labels[key] ?? key;
  }

  private focusField(e: Event, key: string): void {
    e.preventDefault();
    const root = this.renderRoot;
    const box = root.querySelector(`[data-field="${key}"]`);
    const target =
      key === 'service'
        ? (box?.querySelector<HTMLElement>('input:checked') ?? box?.querySelector<HTMLElement>('input'))
        : key === 'location'
          ? root.querySelector<HTMLElement>('#map[tabindex]') ?? root.querySelector<HTMLElement>('#locate')
          : (box?.querySelector<HTMLElement>('input:not([type=hidden]), textarea, select, button') ?? null);
    target?.focus();
  }

  private touch(key: string): void {
    if (!this.touched.has(key)) this.touched = new Set(this.touched).add(key);
  }

  private set(patch: Partial<Values>): void {
    this.values = { ...this.values, ...patch };
    if (this.submitter.state === 'error') this.submitter.reset();
    this.rejectedFromQueue = false;
    this.nearbyChecked = false;
  }

  private fieldError(id: string, problem: string | undefined) {
    return problem ? html`<p part="error" class="error" id=${id}>${problem}</p>` : nothing;
  }

  private renderServices(def: MapReportDefinition, own: Map<string, string>, server: Map<string, string>) {
    const l = this.l;
    const problem = this.shown('service', own, server);
    const groups = this.services(def);
    const radio = (s: ReportService) => html`<div class="service">
      <label part="option" class="option">
        <input type="radio" name="service" id="f-service-${s.service_code}" value=${s.service_code} required .checked=${this.values.service === s.service_code}
          aria-describedby=${[s.description ? `desc-${s.service_code}` : '', problem ? 'err-service' : ''].filter(Boolean).join(' ') || nothing}
          aria-invalid=${problem ? 'true' : 'false'}
          @change=${() => this.chooseService(s.service_code)} />
        <span>${l.text(s.service_name)}</span>
      </label>
      ${s.description ? html`<p class="hint option-hint" id="desc-${s.service_code}">${l.text(s.description)}</p>` : nothing}
    </div>`;
    return html`<fieldset part="field" class="field services ${problem ? 'invalid' : ''}" id="services" data-field="service">
      <legend part="label">${this.m.serviceLegend} <span aria-hidden="true">*</span><span class="visually-hidden">(${this.l.t('required')})</span></legend>
      ${this.fieldError('err-service', problem)}
      ${groups.map((g) =>
        g.group
          ? html`<fieldset class="group"><legend class="group-title">${g.group}</legend>${g.services.map(radio)}</fieldset>`
          : g.services.map(radio),
      )}
    </fieldset>`;
  }

  private chooseService(code: string): void {
    this.set({ service: code, attrs: {} });
    this.touch('service');
  }

  private renderAttributes(service: ReportService, own: Map<string, string>, server: Map<string, string>) {
    const l = this.l;
    const attrs = this.questionsOf(service);
    return html`${service.service_notice ? html`<p class="message">${l.text(service.service_notice)}</p>` : nothing}
    ${attrs.map((a) => {
      if (a.variable === false) return html`<p class="message info">${l.text(a.description)}</p>`;
      const key = `attr:${a.code}`;
      const id = `f-attr-${a.code}`;
      const problem = this.shown(key, own, server);
      const hintId = a.datatype_description ? `hint-attr-${a.code}` : '';
      const described = [hintId, problem ? `err-attr-${a.code}` : ''].filter(Boolean).join(' ') || nothing;
      const raw = this.values.attrs[a.code];
      const text = typeof raw === 'string' ? raw : '';
      const setValue = (v: string | string[]) => this.set({ attrs: { ...this.values.attrs, [a.code]: v } });
      const label = html`${l.text(a.description)}${a.required ? html` <span aria-hidden="true">*</span>` : nothing}`;
      const hint = a.datatype_description ? html`<p part="hint" class="hint" id=${hintId}>${l.text(a.datatype_description)}</p>` : nothing;
      if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') {
        const multi = a.datatype === 'multivaluelist';
        const chosen = Array.isArray(raw) ? raw : typeof raw === 'string' && raw ? [raw] : [];
        return html`<fieldset part="field" class="field ${problem ? 'invalid' : ''}" id=${id} data-field=${key} aria-describedby=${described}>
          <legend part="label">${label}${a.required ? html`<span class="visually-hidden"> (${l.t('required')})</span>` : nothing}</legend>
          ${hint} ${this.fieldError(`err-attr-${a.code}`, problem)}
          ${(a.values ?? []).map(
            (v) => html`<label part="option" class="option">
              <input type=${multi ? 'checkbox' : 'radio'} name=${id} value=${v.key} .checked=${chosen.includes(v.key)} aria-invalid=${problem ? 'true' : 'false'}
                @change=${(e: Event) => {
                  const on = (e.target as HTMLInputElement).checked;
                  setValue(multi ? (on ? [...chosen, v.key] : chosen.filter((k) => k !== v.key)) : v.key);
                  this.touch(key);
                }} />
              <span>${l.text(v.name)}</span>
            </label>`,
          )}
        </fieldset>`;
      }
      const common = { id, problem, described };
      let input: TemplateResult;
      if (a.datatype === 'text') {
        input = html`<textarea id=${common.id} rows="3" maxlength="4000" aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${described} ?required=${a.required}
          .value=${text} @input=${(e: Event) => setValue((e.target as HTMLTextAreaElement).value)} @blur=${() => text && this.touch(key)}></textarea>`;
      } else {
        const type = a.datatype === 'datetime' ? 'date' : 'text';
        input = html`<input id=${id} type=${type} inputmode=${a.datatype === 'number' ? 'decimal' : nothing} autocomplete="off" maxlength="4000"
          aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${described} ?required=${a.required}
          .value=${text} @input=${(e: Event) => setValue((e.target as HTMLInputElement).value)} @change=${() => this.touch(key)} @blur=${() => text && this.touch(key)} />`;
      }
      return html`<div part="field" class="field ${problem ? 'invalid' : ''}" data-field=${key}>
        <label part="label" for=${id}>${label}</label>
        ${hint} ${this.fieldError(`err-attr-${a.code}`, problem)} ${input}
      </div>`;
    })}`;
  }

  /* ---------------------------------------------------------- location */

  private renderLocation(def: MapReportDefinition, own: Map<string, string>, server: Map<string, string>) {
    const m = this.m;
    const l = this.l;
    const problem = this.shown('location', own, server);
    const geocoder = this.geocoderAdapter === 'invalid' ? undefined : this.geocoderAdapter;
    const landmarks = def.landmarks ?? [];
    return html`<fieldset part="field" class="field location ${problem ? 'invalid' : ''}" id="location" data-field="location" aria-describedby=${problem ? 'err-location' : nothing}>
      <legend part="label">${m.locationLegend} <span aria-hidden="true">*</span><span class="visually-hidden">(${this.l.t('required')})</span></legend>
      <p part="hint" class="hint">${m.locationHint(landmarks.length > 0)}</p>
      ${this.fieldError('err-location', problem)}
      <div class="map-block">
        <p part="hint" class="hint" id="map-help">${m.mapHelp}</p>
        <div id="map" part="map" class="map" role=${this.mapModule ? 'application' : nothing} aria-label=${this.mapModule ? m.mapLabel : nothing} aria-describedby=${this.mapModule ? 'map-help place' : nothing}></div>
        ${this.mapState === 'loading' ? html`<p class="hint map-note">${m.mapLoading}</p>` : nothing}
        ${this.mapState === 'failed' ? html`<p class="message warning map-note">${m.mapFailed}</p>` : nothing}
      </div>
      <div class="actions">
        <button type="button" class="secondary" id="locate" aria-disabled=${this.geo === 'locating' ? 'true' : 'false'} @click=${() => this.locate(def)}>
          ${this.geo === 'locating' ? html`<span class="spinner" aria-hidden="true"></span> ${m.locating}` : m.useMyLocation}
        </button>
      </div>
      ${this.geo && this.geo !== 'locating' ? html`<p class="message danger" role="alert" id="geo-error">${m.geoError[this.geo]}</p>` : nothing}
      ${this.renderAddress(geocoder)}
      ${landmarks.length
        ? html`<div class="field" data-field="landmark">
            <label part="label" for="f-landmark">${m.landmarkLabel}</label>
            <select id="f-landmark" @change=${(e: Event) => this.chooseLandmark(def, (e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${this.where.source !== 'landmark'}>${m.landmarkNone}</option>
              ${landmarks.map((lm) => html`<option value=${lm.id} ?selected=${this.where.landmark === lm.id}>${l.text(lm.name)}</option>`)}
            </select>
          </div>`
        : nothing}
      <p class="place ${this.placeText ? '' : 'empty'}" id="place" role="status">${this.placeText || m.noPlace}</p>
    </fieldset>`;
  }

  private renderAddress(geocoder: Geocoder | undefined) {
    const m = this.m;
    if (!geocoder) {
      return html`<div class="field" data-field="address">
        <label part="label" for="f-address">${m.addressLabel}</label>
        <p part="hint" class="hint" id="hint-address">${m.addressHintPlain}</p>
        <input id="f-address" type="text" autocomplete="street-address" maxlength="500" aria-describedby="hint-address" .value=${this.values.address}
          @input=${(e: Event) => this.set({ address: (e.target as HTMLInputElement).value })} @blur=${() => this.onAddressBlur()} />
      </div>`;
    }
    const open = this.suggestOpen && this.suggestions.length > 0;
    const active = open && this.activeSuggestion >= 0 ? `suggestion-${this.activeSuggestion}` : nothing;
    return html`<div class="field combobox" data-field="address">
      <label part="label" for="f-address">${m.addressLabel}</label>
      <p part="hint" class="hint" id="hint-address">${geocoder.suggests ? m.addressHintSuggest : m.addressHintSearch}</p>
      <div class="combo-row">
        <input id="f-address" type="text" role="combobox" autocomplete="off" maxlength="500" aria-autocomplete="list" aria-expanded=${open ? 'true' : 'false'}
          aria-controls="suggestions" aria-activedescendant=${active} aria-describedby="hint-address" .value=${this.values.address}
          @input=${(e: Event) => this.onAddressInput((e.target as HTMLInputElement).value, geocoder)}
          @keydown=${(e: KeyboardEvent) => this.onAddressKey(e, geocoder)} @blur=${() => this.onAddressBlur()} />
        ${geocoder.suggests ? nothing : html`<button type="button" class="secondary" id="address-search" @click=${() => this.searchAddress(geocoder, true)}>${m.search}</button>`}
      </div>
      <ul id="suggestions" role="listbox" aria-label=${m.suggestionsLabel} class="suggestions" ?hidden=${!open}>
        ${this.suggestions.map(
          (p, i) => html`<li role="option" id="suggestion-${i}" aria-selected=${i === this.activeSuggestion ? 'true' : 'false'}
            @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.choosePlace(p)}>${p.label}</li>`,
        )}
      </ul>
      <p class="visually-hidden" role="status">${this.suggestStatus}</p>
    </div>`;
  }

  private onAddressBlur(): void {
    // A click on a suggestion keeps the focus (mousedown is cancelled), so this is a real leave.
    this.suggestOpen = false;
    this.activeSuggestion = -1;
  }

  private onAddressInput(value: string, geocoder: Geocoder): void {
    this.set({ address: value });
    if (this.where.source === 'address') this.setWhere({}, false);
    if (!geocoder.suggests) return;
    clearTimeout(this.suggestTimer);
    if (value.trim().length < SUGGEST_MIN_CHARS) {
      this.suggestAbort?.abort();
      this.suggestions = [];
      this.suggestOpen = false;
      this.suggestStatus = '';
      return;
    }
    this.suggestTimer = setTimeout(() => void this.searchAddress(geocoder, false), SUGGEST_DELAY_MS);
  }

  private onAddressKey(e: KeyboardEvent, geocoder: Geocoder): void {
    const n = this.suggestions.length;
    const open = this.suggestOpen && n > 0;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        if (n) this.suggestOpen = true;
        this.activeSuggestion = n ? (e.key === 'ArrowDown' ? 0 : n - 1) : -1;
        return;
      }
      this.activeSuggestion = (this.activeSuggestion + (e.key === 'ArrowDown' ? 1 : n - 1) + (this.activeSuggestion < 0 && e.key === 'ArrowUp' ? 1 : 0)) % n;
    } else if (e.key === 'Enter') {
      // Enter in the address field never sends the whole report by accident.
      e.preventDefault();
      if (open && this.activeSuggestion >= 0) this.choosePlace(this.suggestions[this.activeSuggestion]!);
      else void this.searchAddress(geocoder, true);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      this.suggestOpen = false;
      this.activeSuggestion = -1;
    }
  }

  /**
   * Asks the geocoder: one request at a time (the previous one is aborted), never sooner than the
   * service allows after the last one, and only with enough characters.
   */
  private async searchAddress(geocoder: Geocoder, explicit: boolean): Promise<void> {
    const def = this.loader.value?.definition;
    const q = this.values.address.trim();
    const m = this.m;
    if (!def || q.length < SUGGEST_MIN_CHARS) {
      if (explicit) this.suggestStatus = m.typeMore(SUGGEST_MIN_CHARS);
      return;
    }
    const wait = this.lastGeocodeAt + geocoder.minIntervalMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.suggestAbort?.abort();
    const abort = (this.suggestAbort = new AbortController());
    this.lastGeocodeAt = performance.now();
    this.suggestStatus = m.searching;
    const view = this.view(def);
    try {
      const found = await geocoder.search(q, view.center, this.l.lang, abort.signal);
      if (abort.signal.aborted) return;
      const inside = found.filter((p) => this.inBounds(def, p));
      this.suggestions = inside.slice(0, 5);
      this.activeSuggestion = -1;
      this.suggestOpen = this.suggestions.length > 0;
      this.suggestStatus = this.suggestions.length ? m.suggestionCount(this.suggestions.length) : found.length ? m.noAddressInArea : m.noAddress;
    } catch {
      if (abort.signal.aborted) return;
      this.suggestions = [];
      this.suggestOpen = false;
      this.suggestStatus = m.geocoderFailed;
    }
  }

  private choosePlace(p: Place): void {
    this.suggestAbort?.abort();
    clearTimeout(this.suggestTimer);
    this.set({ address: p.label });
    this.suggestOpen = false;
    this.activeSuggestion = -1;
    this.suggestStatus = '';
    this.setWhere({ lat: p.lat, long: p.long, source: 'address' }, true);
    this.touch('location');
  }

  private chooseLandmark(def: MapReportDefinition, id: string): void {
    const lm = def.landmarks?.find((x) => x.id === id);
    if (!lm) {
      if (this.where.source === 'landmark') this.setWhere({}, false);
      return;
    }
    this.setWhere({ lat: lm.lat, long: lm.long, source: 'landmark', landmark: lm.id }, true);
    this.touch('location');
  }

  /** The pin was put somewhere on the map. */
  private picked(p: LatLong, how: 'click' | 'drag' | 'key'): void {
    this.where = { lat: p.lat, long: p.long, source: 'map' };
    this.nearbyChecked = false;
    if (this.submitter.state === 'error') this.submitter.reset();
    this.touch('location');
    // Arrow keys move the pin many times a second: the live text waits for a pause.
    clearTimeout(this.placeTimer);
    if (how === 'key') this.placeTimer = setTimeout(() => (this.placeText = this.describe()), 400);
    else this.placeText = this.describe();
  }

  private setWhere(w: Where, moveMap: boolean): void {
    this.where = w;
    this.nearbyChecked = false;
    if (this.submitter.state === 'error') this.submitter.reset();
    const point = w.lat !== undefined && w.long !== undefined ? { lat: w.lat, long: w.long } : undefined;
    this.mapHandle?.setPin(point);
    if (point && moveMap) this.mapHandle?.show(point, 16);
    clearTimeout(this.placeTimer);
    this.placeText = this.describe();
  }

  /** The chosen place in words: the nearest landmark and how far, the coordinates. */
  private describe(): string {
    const def = this.loader.value?.definition;
    const w = this.where;
    const m = this.m;
    if (!def) return '';
    if (w.source === 'landmark') {
      const lm = def.landmarks?.find((x) => x.id === w.landmark);
      return lm ? m.placeLandmark(this.l.text(lm.name), lm.address) : '';
    }
    if (w.lat === undefined || w.long === undefined) return '';
    const p = { lat: w.lat, long: w.long };
    if (!this.inBounds(def, p)) return m.errOutOfBounds;
    const coords = `${p.lat.toFixed(5)}, ${p.long.toFixed(5)}`;
    let near = '';
    let best: { name: string; d: number; dir: number } | undefined;
    for (const lm of def.landmarks ?? []) {
      const d = distance(lm, p);
      if (!best || d < best.d) best = { name: this.l.text(lm.name), d, dir: direction(lm, p) };
    }
    if (best && best.d < 2000) near = best.d < 25 ? m.atLandmark(best.name) : m.nearLandmark(best.name, this.roundMetres(best.d), best.dir);
    const what = w.source === 'gps' ? m.placeGps(Math.round(w.accuracy ?? 0)) : w.source === 'address' ? m.placeAddress(this.values.address) : m.placePin;
    return [what, near, coords].filter(Boolean).join(' — ');
  }

  private roundMetres(d: number): number {
    return d < 100 ? Math.round(d / 5) * 5 : d < 1000 ? Math.round(d / 10) * 10 : Math.round(d / 50) * 50;
  }

  /** "Use my location": the browser asks the resident; every refusal has its own message. */
  private locate(def: MapReportDefinition): void {
    if (this.geo === 'locating') return;
    if (!('geolocation' in navigator) || !window.isSecureContext) {
      this.geo = 'unsupported';
      return;
    }
    this.geo = 'locating';
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        this.geo = '';
        const p = { lat: Math.round(pos.coords.latitude * 1e6) / 1e6, long: Math.round(pos.coords.longitude * 1e6) / 1e6 };
        this.setWhere({ ...p, source: 'gps', accuracy: pos.coords.accuracy }, true);
        this.touch('location');
        if (!this.inBounds(def, p)) this.showAll = true;
      },
      (err) => {
        this.geo = err.code === err.PERMISSION_DENIED ? 'denied' : err.code === err.TIMEOUT ? 'timeout' : 'unavailable';
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  }

  /* ---------------------------------------------------------- description, photos, contact */

  private renderDescription(own: Map<string, string>, server: Map<string, string>) {
    const m = this.m;
    const problem = this.shown('description', own, server);
    return html`<div part="field" class="field ${problem ? 'invalid' : ''}" data-field="description">
      <label part="label" for="f-description">${m.descriptionLabel} <span aria-hidden="true">*</span></label>
      <p part="hint" class="hint" id="hint-description">${m.descriptionHint}</p>
      ${this.fieldError('err-description', problem)}
      <textarea id="f-description" rows="4" maxlength=${DESCRIPTION_MAX} required aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? 'hint-description err-description' : 'hint-description'} .value=${this.values.description}
        @input=${(e: Event) => this.set({ description: (e.target as HTMLTextAreaElement).value })} @blur=${() => this.values.description && this.touch('description')}></textarea>
    </div>`;
  }

  private renderPhotos(def: MapReportDefinition, server: Map<string, string>) {
    const m = this.m;
    const max = def.maxPhotos ?? 3;
    const problem = server.get('photos');
    const full = this.photos.length >= max;
    return html`<fieldset part="field" class="field photos ${problem ? 'invalid' : ''}" id="photos" data-field="photos">
      <legend part="label">${m.photosLegend}</legend>
      <p part="hint" class="hint" id="hint-photos">${m.photosHint(max)}</p>
      ${this.fieldError('err-photos', problem)}
      ${this.photos.length
        ? html`<ul class="photo-list">
            ${this.photos.map(
              (p, i) => html`<li part="photo" class="photo">
                <img src=${p.dataUrl} alt=${p.alt.trim() || m.photoAlt(i + 1)} width=${p.width} height=${p.height} />
                <div class="photo-fields">
                  <label part="label" for="alt-${p.key}">${m.photoAltLabel(i + 1)}</label>
                  <p part="hint" class="hint" id="hint-alt-${p.key}">${m.photoAltHint}</p>
                  <input id="alt-${p.key}" type="text" maxlength="200" aria-describedby="hint-alt-${p.key}" .value=${p.alt}
                    @input=${(e: Event) => this.setPhotoAlt(p.key, (e.target as HTMLInputElement).value)} />
                  <button type="button" class="secondary remove" id="remove-${p.key}" @click=${() => this.removePhoto(p.key)}>${m.removePhoto(i + 1)}</button>
                </div>
              </li>`,
            )}
          </ul>`
        : nothing}
      <p class="visually-hidden" role="status">${this.photoNote}</p>
      ${full
        ? html`<p class="hint">${m.photosFull(max)}</p>`
        : html`<div class="actions">
            <button type="button" class="secondary" id="take-photo" aria-disabled=${this.busy === 'photos' ? 'true' : 'false'} @click=${() => this.pickFiles('#f-camera')}>${m.takePhoto}</button>
            <button type="button" class="secondary" id="choose-photos" aria-disabled=${this.busy === 'photos' ? 'true' : 'false'} @click=${() => this.pickFiles('#f-photos')}>${m.choosePhotos}</button>
            ${this.busy === 'photos' ? html`<span class="hint"><span class="spinner" aria-hidden="true"></span> ${m.preparingPhotos}</span>` : nothing}
          </div>`}
      <input id="f-camera" type="file" accept="image/*" capture="environment" hidden tabindex="-1" aria-hidden="true" @change=${(e: Event) => this.addPhotos(def, e.target as HTMLInputElement)} />
      <input id="f-photos" type="file" accept="image/*" multiple hidden tabindex="-1" aria-hidden="true" @change=${(e: Event) => this.addPhotos(def, e.target as HTMLInputElement)} />
    </fieldset>`;
  }

  private pickFiles(selector: string): void {
    if (this.busy === 'photos') return;
    this.renderRoot.querySelector<HTMLInputElement>(selector)?.click();
  }

  /** Resizes and re-encodes the chosen files on the device (photos.ts), up to the space's limit. */
  private async addPhotos(def: MapReportDefinition, input: HTMLInputElement): Promise<void> {
    const m = this.m;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (!files.length || this.busy === 'photos') return;
    const max = def.maxPhotos ?? 3;
    const room = max - this.photos.length;
    const taken = files.slice(0, Math.max(0, room));
    this.busy = 'photos';
    this.photoNote = m.preparingPhotos;
    const notes: string[] = [];
    try {
      const { preparePhoto, PhotoError } = await loadPart(() => import('./photos.js'));
      let added = 0;
      for (const f of taken) {
        try {
          const p = await preparePhoto(f);
          this.photos = [...this.photos, { ...p, key: randomToken().slice(0, 8), alt: '' }];
          added++;
        } catch (e) {
          notes.push(e instanceof PhotoError && e.reason === 'too_large' ? m.photoTooBig(f.name) : m.photoUnreadable(f.name));
        }
      }
      if (added) notes.unshift(m.photosAdded(added, this.photos.length, max));
      if (files.length > taken.length) notes.push(m.photosOverLimit(max));
      if (this.submitter.state === 'error') this.submitter.reset();
    } catch {
      notes.push(this.l.t('error.missing_part'));
    } finally {
      this.busy = '';
      this.photoNote = notes.join(' ');
    }
  }

  private setPhotoAlt(key: string, alt: string): void {
    this.photos = this.photos.map((p) => (p.key === key ? { ...p, alt } : p));
  }

  private async removePhoto(key: string): Promise<void> {
    const i = this.photos.findIndex((p) => p.key === key);
    this.photos = this.photos.filter((p) => p.key !== key);
    this.photoNote = this.m.photoRemoved(i + 1);
    if (this.submitter.state === 'error') this.submitter.reset();
    const next = this.photos[i] ?? this.photos[i - 1];
    await this.focusAfterRender(next ? `#remove-${next.key}` : '#choose-photos');
  }

  private renderContact(def: MapReportDefinition, own: Map<string, string>, server: Map<string, string>) {
    const m = this.m;
    const v = this.values;
    const problem = this.shown('email', own, server);
    const text = (id: 'firstName' | 'lastName', label: string, autocomplete: string) => html`<div part="field" class="field">
      <label part="label" for="f-${id}">${label}</label>
      <input id="f-${id}" type="text" autocomplete=${autocomplete} maxlength="200" .value=${v[id]} @input=${(e: Event) => this.set({ [id]: (e.target as HTMLInputElement).value })} />
    </div>`;
    return html`<fieldset part="field" class="field contact">
      <legend part="label">${m.contactLegend}</legend>
      <p part="hint" class="hint" id="hint-contact">${m.contactHint}</p>
      <div part="field" class="field ${problem ? 'invalid' : ''}" data-field="email">
        <label part="label" for="f-email">${m.emailLabel}</label>
        ${this.fieldError('err-email', problem)}
        <input id="f-email" type="email" autocomplete="email" inputmode="email" spellcheck="false" maxlength="320" aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${problem ? 'hint-contact err-email' : 'hint-contact'} .value=${v.email}
          @input=${(e: Event) => this.set({ email: (e.target as HTMLInputElement).value })} @blur=${() => v.email && this.touch('email')} />
      </div>
      <label part="option" class="option">
        <input type="checkbox" id="f-subscribe" .checked=${v.subscribe} aria-describedby="hint-subscribe" @change=${(e: Event) => this.set({ subscribe: (e.target as HTMLInputElement).checked })} />
        <span>${m.subscribeLabel}</span>
      </label>
      <p part="hint" class="hint option-hint" id="hint-subscribe">${m.subscribeHint}</p>
      ${text('firstName', m.firstNameLabel, 'given-name')} ${text('lastName', m.lastNameLabel, 'family-name')}
      ${def.publicNames
        ? html`<fieldset part="field" class="field">
            <legend part="label">${m.publicNameLegend}</legend>
            ${(['none', 'initial', 'full'] as const).map(
              (o) => html`<label part="option" class="option">
                <input type="radio" name="publicName" value=${o} .checked=${v.publicName === o} @change=${() => this.set({ publicName: o })} />
                <span>${m.publicName[o]}</span>
              </label>`,
            )}
          </fieldset>`
        : nothing}
      <p part="hint" class="hint consent">${m.consent}</p>
    </fieldset>`;
  }

  /* ---------------------------------------------------------- sending */

  /** The description with the photo descriptions appended (the protocol has no field for them). */
  private fullDescription(): string {
    const base = this.values.description.trim();
    const alts = this.photos.map((p, i) => (p.alt.trim() ? this.m.photoAltLine(i + 1, p.alt.trim()) : '')).filter(Boolean);
    return alts.length ? `${base}\n\n${alts.join('\n')}` : base;
  }

  private payload(def: MapReportDefinition): Record<string, unknown> {
    const v = this.values;
    const w = this.where;
    const p: Record<string, unknown> = { service_code: v.service };
    if (w.source === 'landmark' && w.landmark) p.landmark = w.landmark;
    else if (w.lat !== undefined && w.long !== undefined) {
      p.lat = w.lat;
      p.long = w.long;
    }
    if (v.address.trim()) p.address_string = v.address.trim().slice(0, 500);
    p.description = this.fullDescription();
    const attribute: Record<string, string | number | string[]> = {};
    for (const a of this.questionsOf(this.service(def))) {
      const raw = v.attrs[a.code];
      if (a.variable === false || raw === undefined) continue;
      if (Array.isArray(raw)) {
        if (raw.length) attribute[a.code] = raw;
      } else if (raw.trim()) attribute[a.code] = a.datatype === 'number' ? (parseNumber(raw) ?? raw.trim()) : raw.trim();
    }
    if (Object.keys(attribute).length) p.attribute = attribute;
    if (this.photos.length) p.media = this.photos.map((ph) => ph.dataUrl);
    const email = v.email.trim();
    if (email) p.email = email;
    if (v.firstName.trim()) p.first_name = v.firstName.trim();
    if (v.lastName.trim()) p.last_name = v.lastName.trim();
    if (def.publicNames && (v.firstName.trim() || v.lastName.trim())) p.publicName = v.publicName;
    if (email && v.subscribe) p.subscribe = true;
    p.lang = this.l.lang;
    if (/^https?:/.test(location.protocol)) p.returnUrl = location.href.slice(0, 2000);
    p.website = this.renderRoot.querySelector<HTMLInputElement>('#f-website')?.value ?? '';
    p.fillMs = Math.max(0, Math.round(performance.now() - (this.shownAt || performance.now())));
    return p;
  }

  private async onSubmit(e: SubmitEvent, def: MapReportDefinition): Promise<void> {
    e.preventDefault();
    if (this.submitter.state === 'submitting' || this.busy) return;
    const problems = this.problems(def);
    if (problems.size) {
      this.showAll = true;
      const codes: Record<string, string> = { service: 'required', location: this.where.lat !== undefined ? 'out_of_bounds' : 'required', description: 'required' };
      const fields = [...problems.keys()].map((k) => ({ path: k.startsWith('attr:') ? ['attribute', k.slice(5)] : [k === 'service' ? 'service_code' : k === 'location' ? 'lat' : k], code: codes[k] ?? 'invalid_format' }));
      this.dispatchEvent(new CivicInvalidEvent({ kind: 'map-report', fields }));
      await this.focusAfterRender('#error-summary');
      return;
    }
    this.showAll = false;
    if (!this.nearbyChecked) {
      const near = await this.findNearby(def);
      this.nearbyChecked = true;
      if (near.length) {
        this.nearby = near;
        this.step = 'nearby';
        this.supportError = '';
        await this.focusAfterRender('#nearby-title');
        return;
      }
    }
    await this.send(def);
  }

  private async send(def: MapReportDefinition): Promise<void> {
    await this.submitter.submit(this.payload(def));
    if (this.submitter.state === 'error') {
      this.step = 'form';
      await this.focusAfterRender('#error-summary');
    } else await this.focusAfterRender('#status');
  }

  /** Open reports of the same category around the chosen point; none when unknown or unreachable. */
  private async findNearby(def: MapReportDefinition): Promise<PublicReport[]> {
    const client = this.client;
    const id = this.contentId;
    let p: LatLong | undefined;
    if (this.where.lat !== undefined && this.where.long !== undefined) p = { lat: this.where.lat, long: this.where.long };
    if (!client || !id || !p || !navigator.onLine) return [];
    this.busy = 'nearby';
    try {
      const q = new URLSearchParams({ service_code: this.values.service, status: 'open', lat: String(p.lat), long: String(p.long), limit: '5' });
      if (def.nearbyRadius) q.set('radius', String(def.nearbyRadius));
      const list = await client.get(`${paths.submissions('map-report', id)}?${q}`, ReportList, { timeoutMs: 6000 });
      return list.requests;
    } catch {
      return [];
    } finally {
      this.busy = '';
    }
  }

  private renderNearby(def: MapReportDefinition) {
    const m = this.m;
    const level = this.headingLevel + 1;
    return html`<section class="nearby" aria-labelledby="nearby-title">
      ${this.heading(level, m.nearbyTitle, 'nearby-title', 'subtitle', true)}
      <p>${m.nearbyIntro(this.nearby.length, def.nearbyRadius ?? 150)}</p>
      ${this.supportError ? html`<p class="message danger" role="alert">${this.supportError}</p>` : nothing}
      <ul class="reports">
        ${this.nearby.map((r) => html`<li>${this.renderReport(def, r, level + 1, true)}</li>`)}
      </ul>
      <div class="actions">
        <button type="button" class="primary" id="send-anyway" aria-disabled=${this.submitter.state === 'submitting' ? 'true' : 'false'} @click=${() => this.sendAnyway(def)}>
          ${this.submitter.state === 'submitting' ? html`<span class="spinner" aria-hidden="true"></span> ${this.l.t('submitting')}` : m.sendAnyway}
        </button>
        <button type="button" class="secondary" @click=${() => this.backToForm()}>${m.backToForm}</button>
      </div>
    </section>`;
  }

  private async sendAnyway(def: MapReportDefinition): Promise<void> {
    if (this.submitter.state === 'submitting' || this.busy) return;
    await this.send(def);
    if (this.submitter.state !== 'error') this.step = 'form';
  }

  private async backToForm(): Promise<void> {
    this.step = 'form';
    this.nearbyChecked = false;
    await this.focusAfterRender('[part~="submit-button"]');
  }

  /** "It is this one": adds this device's support to an existing report instead of a new one. */
  private async support(rid: string): Promise<void> {
    const client = this.client;
    const id = this.contentId;
    if (!client || !id || this.busy) return;
    this.busy = 'support';
    this.supportError = '';
    try {
      const token = await deviceToken(`map-report|${client.base}|${id}`, this.deviceStore);
      const r = await client.post(paths.mapReportSupport(id, rid), { deviceToken: token }, SupportReceipt, { idempotencyKey: randomToken() });
      this.supportResult = { rid, supports: r.supports, duplicate: r.duplicate };
      this.step = 'supported';
      await this.focusAfterRender('#status');
    } catch (e) {
      this.supportError = this.m.supportFailed(errorMessage(this.l, asApiError(e)));
    } finally {
      this.busy = '';
    }
  }

  private accepted(): void {
    this.step = 'form';
  }

  /** A report kept on the device was refused later: the form comes back as it was. */
  private restore(p: Record<string, unknown>): void {
    const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '');
    const attrs: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries((p.attribute as Record<string, unknown>) ?? {})) attrs[k] = Array.isArray(v) ? v.map(String) : String(v);
    this.values = {
      ...EMPTY,
      service: str('service_code'),
      attrs,
      description: str('description'),
      address: str('address_string'),
      email: str('email'),
      firstName: str('first_name'),
      lastName: str('last_name'),
      publicName: (['none', 'initial', 'full'] as const).find((x) => x === p.publicName) ?? 'none',
      subscribe: p.subscribe === true,
    };
    const def = this.loader.value?.definition;
    const lm = typeof p.landmark === 'string' ? def?.landmarks?.find((x) => x.id === p.landmark) : undefined;
    this.where = lm
      ? { lat: lm.lat, long: lm.long, source: 'landmark', landmark: lm.id }
      : typeof p.lat === 'number' && typeof p.long === 'number'
        ? { lat: p.lat, long: p.long, source: 'map' }
        : {};
    this.photos = (Array.isArray(p.media) ? p.media : []).filter((x): x is string => typeof x === 'string').map((dataUrl) => ({ dataUrl, width: 0, height: 0, bytes: 0, key: randomToken().slice(0, 8), alt: '' }));
    this.placeText = this.describe();
    this.step = 'form';
    this.rejectedFromQueue = true;
  }

  private async again(): Promise<void> {
    this.values = { ...EMPTY, attrs: {} };
    this.where = {};
    this.photos = [];
    this.touched = new Set();
    this.showAll = false;
    this.placeText = '';
    this.photoNote = '';
    this.geo = '';
    this.step = 'form';
    this.nearby = [];
    this.supportResult = undefined;
    this.nearbyChecked = false;
    this.shownAt = 0;
    this.submitter.reset();
    await this.focusAfterRender('input[name="service"]');
  }

  /* ---------------------------------------------------------- list mode */

  private statusLabel(s: ReportStatus): string {
    return this.m.status[s];
  }

  private serviceName(def: MapReportDefinition, code: string): string {
    const s = def.services.find((x) => x.service_code === code);
    return s ? this.l.text(s.service_name) : code;
  }

  private renderList(def: MapReportDefinition) {
    const m = this.m;
    const l = this.l;
    const level = this.headingLevel + 1;
    const list = this.list.value;
    const loading = this.list.status === TaskStatus.PENDING;
    return html`<form part="form" class="filters" @submit=${(e: Event) => e.preventDefault()}>
        <div part="field" class="field">
          <label part="label" for="f-filter-status">${m.filterStatus}</label>
          <select id="f-filter-status" @change=${(e: Event) => this.filter({ status: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!this.filterStatus}>${m.allStatuses}</option>
            <option value="open" ?selected=${this.filterStatus === 'open'}>${m.notFixedYet}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${this.filterStatus === s}>${this.statusLabel(s)}</option>`)}
          </select>
        </div>
        <div part="field" class="field">
          <label part="label" for="f-filter-service">${m.filterService}</label>
          <select id="f-filter-service" @change=${(e: Event) => this.filter({ service: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!this.filterService}>${m.allServices}</option>
            ${this.services(def).map((g) => {
              const options = g.services.map((s) => html`<option value=${s.service_code} ?selected=${this.filterService === s.service_code}>${l.text(s.service_name)}</option>`);
              return g.group ? html`<optgroup label=${g.group}>${options}</optgroup>` : options;
            })}
          </select>
        </div>
      </form>
      <p class="count" role="status">${list ? m.reportCount(list.total) : loading ? l.t('loading') : ''}</p>
      <div class="map-block">
        <p part="hint" class="hint" id="map-help">${m.listMapHelp}</p>
        <div id="map" part="map" class="map" role=${this.mapModule ? 'region' : nothing} aria-label=${this.mapModule ? m.listMapLabel : nothing} aria-describedby=${this.mapModule ? 'map-help' : nothing}></div>
        ${this.mapState === 'loading' ? html`<p class="hint map-note">${m.mapLoading}</p>` : nothing}
        ${this.mapState === 'failed' ? html`<p class="message warning map-note">${m.mapFailed}</p>` : nothing}
        ${list && this.markers.value && list.total > this.markers.value.requests.length ? html`<p class="hint">${m.someNotOnMap}</p>` : nothing}
        <ul class="legend" aria-label=${m.legend}>
          ${STATUSES.map((s) => html`<li><span class="civic-marker status-${s}" aria-hidden="true"></span>${this.statusLabel(s)}</li>`)}
        </ul>
      </div>
      ${this.selected
        ? html`<div class="selected">
            ${this.heading(level, m.selectedTitle, 'selected-title', 'subtitle', true)}
            ${this.renderReport(def, this.selected, level + 1, false)}
            <div class="actions"><button type="button" class="secondary" @click=${() => this.closeSelected()}>${m.closeSelected}</button></div>
          </div>`
        : nothing}
      ${this.heading(level, m.listHeading, 'list-title', 'subtitle', true)}
      ${this.list.status === TaskStatus.ERROR
        ? html`<div class="message danger" role="alert"><p>${errorMessage(l, asApiError(this.list.error))}</p>
            <div class="actions"><button type="button" class="secondary" @click=${() => void this.list.run()}>${l.t('retry')}</button></div></div>`
        : list && !list.requests.length
          ? html`<p class="message">${m.noReports}</p>`
          : nothing}
      ${list?.requests.length
        ? html`<ul class="reports" aria-labelledby="list-title">
            ${list.requests.map((r) => html`<li>${this.renderReport(def, r, level + 1, false)}</li>`)}
          </ul>`
        : nothing}
      ${list && list.total > list.requests.length
        ? html`<div class="actions"><button type="button" class="secondary" id="more" aria-disabled=${loading ? 'true' : 'false'} @click=${() => this.more()}>${m.showMore(Math.min(LIST_PAGE, list.total - list.requests.length))}</button></div>`
        : nothing}`;
  }

  private filter(f: { status?: string; service?: string }): void {
    if (f.status !== undefined) this.filterStatus = f.status;
    if (f.service !== undefined) this.filterService = f.service;
    this.listLimit = LIST_PAGE;
  }

  private more(): void {
    if (this.list.status === TaskStatus.PENDING) return;
    this.listLimit += LIST_PAGE;
  }

  /** Shows one report above the list (a marker or "show on the map" was activated). */
  private async selectReport(rid: string, focus: boolean): Promise<void> {
    const client = this.client;
    const id = this.contentId;
    if (!client || !id) return;
    const known = this.list.value?.requests.find((r) => r.service_request_id === rid);
    try {
      this.selected = known ?? (await client.get(paths.mapReport(id, rid), PublicReport));
    } catch {
      return;
    }
    this.mapHandle?.highlight(rid);
    if (focus) await this.focusAfterRender('#selected-title');
  }

  private async closeSelected(): Promise<void> {
    this.selected = undefined;
    this.mapHandle?.highlight(undefined);
    await this.focusAfterRender('#list-title');
  }

  private async showOnMap(r: PublicReport): Promise<void> {
    if (r.lat === null || r.long === null) return;
    this.mapHandle?.show({ lat: r.lat, long: r.long }, 17);
    this.mapHandle?.highlight(r.service_request_id);
    this.renderRoot.querySelector('#map')?.scrollIntoView({ block: 'center' });
  }

  private renderReport(def: MapReportDefinition, r: PublicReport, level: number, nearby: boolean) {
    const m = this.m;
    const l = this.l;
    const hid = `${nearby ? 'n' : this.selected === r ? 's' : 'r'}-${r.service_request_id}`;
    const photos = r.media_urls.map(safeUrl).filter((u): u is string => !!u);
    const updates = [...r.updates].reverse();
    return html`<article part="report" class="report" aria-labelledby=${hid}>
      ${this.heading(level, m.reportHeading(r.service_request_id, this.serviceName(def, r.service_code)), hid, 'report-title')}
      <p class="meta">
        <span class="badge status-${r.status}"><span class="civic-marker status-${r.status}" aria-hidden="true"></span>${this.statusLabel(r.status)}</span>
        <span>${m.reportedOn(l.dateTime(r.requested_datetime))}</span>
        ${r.distance !== undefined ? html`<span>${m.away(this.roundMetres(r.distance))}</span>` : nothing}
      </p>
      ${r.address_string ? html`<p class="hint address">${r.address_string}</p>` : nothing}
      <p class="report-text">${r.description}</p>
      ${photos.length
        ? html`<ul class="report-photos">
            ${photos.map((u, i) => html`<li><img src=${u} alt=${m.reportPhotoAlt(i + 1, r.service_request_id)} loading="lazy" /></li>`)}
          </ul>`
        : nothing}
      <p class="hint">${r.supports ? m.supports(r.supports) : nothing}${r.name ? html`${r.supports ? ' · ' : ''}${m.reportedBy(r.name)}` : nothing}</p>
      ${updates.length
        ? html`<details class="updates">
            <summary>${m.updatesSummary(updates.length)}</summary>
            <ol>
              ${updates.map(
                (u) => html`<li>
                  <span class="hint">${l.dateTime(u.date)}</span>
                  ${u.status ? html`<strong>${m.statusChanged(this.statusLabel(u.status))}</strong>` : nothing}
                  ${u.text ? html`<p>${u.text}</p>` : nothing}
                </li>`,
              )}
            </ol>
          </details>`
        : nothing}
      ${nearby
        ? html`<div class="actions">
            <button type="button" class="secondary" aria-disabled=${this.busy === 'support' ? 'true' : 'false'} aria-describedby=${hid} @click=${() => this.support(r.service_request_id)}>${m.supportThis}</button>
          </div>`
        : r.lat !== null && r.long !== null && this.mapModule
          ? html`<div class="actions"><button type="button" class="secondary" aria-describedby=${hid} @click=${() => this.showOnMap(r)}>${m.showOnMap}</button></div>`
          : nothing}
    </article>`;
  }

  static define(tag = 'civic-map-report'): void {
    defineOnce(tag, this);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'civic-map-report': CivicMapReport;
  }
}
