import { html, nothing, svg, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { loadPart } from './lazy.js';
import type { LocalizeController } from '../i18n/localize.js';
import type { PaperHost } from './paper.js';

/**
 * The address a printed version sends people back to: the widget's `online-url` (relative to the
 * page), else this page without its fragment.
 */
export function onlineUrl(attribute?: string): string {
  try {
    return new URL(attribute?.trim() || location.href.split('#')[0]!, location.href).href;
  } catch {
    return attribute ?? '';
  }
}

/** What a print chunk sees of its widget (Lit's tags handed over: lazy chunks do not import lit). */
export function paperHost(el: HTMLElement & { l: LocalizeController; headingLevel: number; onlineUrl?: string; print: boolean; resolvedDir: 'ltr' | 'rtl' }): PaperHost {
  return {
    l: el.l,
    lit: { html, svg, nothing },
    headingLevel: el.headingLevel,
    onlineUrl: onlineUrl(el.onlineUrl),
    standalone: el.print,
    tag: el.localName,
    dir: el.resolvedDir,
  };
}

/** What a widget's print chunk gives: its stylesheet (adopted by the widget's shadow root). */
export interface PrintModule {
  readonly styles: string;
}

interface PrintHost extends ReactiveControllerHost, HTMLElement {
  /** The widget's `print` attribute. */
  print: boolean;
}

/**
 * The paper version of a widget: on with its `print` attribute, or while the browser prints the
 * page (`beforeprint` … `afterprint`). The print chunk (`load`) is fetched when paper is asked for,
 * and beforehand in idle time unless the resident saves data: a print started from the browser's
 * menu is laid out right after `beforeprint`, with no time to fetch anything (the screen version
 * is printed then, and the paper one from the next print on).
 */
export class PrintMode<M extends PrintModule> implements ReactiveController {
  /** The loaded print chunk. */
  module?: M;
  /** Why the chunk could not be loaded, while paper is asked for. */
  error?: unknown;
  private printing = false;
  private loading?: Promise<void>;
  private sheet?: CSSStyleSheet;
  private idle?: number;
  private readonly before = () => {
    this.printing = true;
    this.host.requestUpdate();
  };
  private readonly after = () => {
    this.printing = false;
    this.host.requestUpdate();
  };

  constructor(
    private readonly host: PrintHost,
    private readonly load: () => Promise<M>,
  ) {
    host.addController(this);
  }

  /** Whether the paper version is asked for. */
  get on(): boolean {
    return this.host.print || this.printing;
  }

  hostConnected(): void {
    addEventListener('beforeprint', this.before);
    addEventListener('afterprint', this.after);
    const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData;
    if (!saveData && typeof requestIdleCallback === 'function' && !this.module) this.idle = requestIdleCallback(() => void this.fetch(false), { timeout: 15000 });
  }

  hostDisconnected(): void {
    removeEventListener('beforeprint', this.before);
    removeEventListener('afterprint', this.after);
    if (this.idle !== undefined) cancelIdleCallback(this.idle);
    this.idle = undefined;
  }

  hostUpdate(): void {
    if (!this.on) return;
    if (!this.module) {
      if (!this.error) void this.fetch(true);
      return;
    }
    // Another part of the widget may have replaced the adopted sheets (the map's stylesheet).
    const root = this.host.shadowRoot;
    if (root && this.sheet && !root.adoptedStyleSheets.includes(this.sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
  }

  /** Tries the chunk again after a failure (the load error's retry button). */
  retry(): void {
    this.error = undefined;
    void this.fetch(true);
  }

  private fetch(wanted: boolean): Promise<void> {
    this.loading ??= loadPart(this.load).then(
      (m) => {
        this.sheet = new CSSStyleSheet();
        this.sheet.replaceSync(m.styles);
        this.module = m;
        this.host.requestUpdate();
      },
      (e: unknown) => {
        this.loading = undefined;
        if (!wanted && !this.on) return;
        this.error = e;
        this.host.requestUpdate();
      },
    );
    return this.loading;
  }
}
