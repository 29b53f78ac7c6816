import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { ApiClient, asApiError, errorMessage, normalizeEndpoint, type ApiErrorInfo } from '../api/client.js';
import { CivicErrorEvent } from '../events/index.js';
import type { Kind } from '../api/resources.js';
import { LocalizeController, directionOf } from '../i18n/localize.js';
import { tokens } from '../styles/tokens.styles.js';
import { formStyles } from '../styles/form.styles.js';
import { civicConfigContext, type CivicConfig } from './context.js';
import { memoryStore, storage, type DeviceStore } from './storage.js';
import type { AssistedHandle } from './assisted.js';
import { pictogram } from './pictograms.js';

export { defineOnce } from './define.js';

const logged = new Set<string>();
/** Tells the webmaster in the console, once per message. */
export function warnWebmaster(tag: string, message: string, el?: Element): void {
  const key = `${tag}|${message}`;
  if (logged.has(key)) return;
  logged.add(key);
  console.error(`[civic-widgets] <${tag}>: ${message}`, el ?? '');
}

/** The modes a widget knows: `standard` (the default) and `assisted` (a mediator's terminal, docs/assisted.md). */
export const MODES = ['standard', 'assisted'] as const;

/** A mediator's code as the protocol takes it: 1 to 64 characters, no control characters. */
export const isMediatorCode = (s: string): boolean => /^[^\u0000-\u001f\u007f]{1,64}$/.test(s);

/** The closest ancestor with `attr`, crossing shadow roots. */
function closestAcross(el: Element, selector: string): Element | null {
  let node: Element | null = el;
  while (node) {
    const found: Element | null = node.closest(selector);
    if (found) return found;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/**
 * Base class of every widget: the endpoint (attribute, else the nearest `<civic-config>`), the
 * language (own `lang`, closest `[lang]`, `<civic-config>`, `<html lang>`, French), the direction,
 * an API client, and the configuration checks whose message tells the webmaster what to fix.
 */
export abstract class CivicElement extends LitElement {
  static override styles = [tokens, formStyles];

  /** The API base URL, e.g. `https://town.example/api`. Falls back to the nearest `<civic-config>`. */
  @property({ reflect: true }) endpoint?: string;

  /**
   * `assisted` on a public terminal where a mediator helps residents (France Services, a library):
   * larger text and targets, nothing of a person kept on the device, the form cleared after
   * inactivity, each submission counted as assisted. Falls back to the nearest `<civic-config>`,
   * whose mode then shows as this attribute. See docs/assisted.md.
   */
  @property({ reflect: true }) mode?: string;

  /**
   * Assisted mode: the mediator's code sent with each submission (e.g. `FS-Lyon-3`, at most 64
   * characters). Falls back to `<civic-config>`, then to a code entered in the widget's bar.
   */
  @property() mediator?: string;

  /** Assisted mode: minutes without input before the form is cleared, after a 30 s warning (default 3; 0: never). */
  @property({ attribute: 'reset-after', type: Number }) resetAfter?: number;

  /** @internal */
  @consume({ context: civicConfigContext, subscribe: true })
  @state()
  protected config?: CivicConfig;

  /** The widget kind, for events and the outbox. */
  protected abstract readonly kind: Kind;

  /** The attribute naming the content on the server (`vote-id`), for the webmaster's messages. */
  protected abstract readonly idAttribute: string;

  /** The content's id as the webmaster wrote it. */
  protected abstract get contentId(): string | undefined;

  /** @internal */
  readonly l = new LocalizeController(
    this,
    () => this.resolvedLang,
    // In force: the widget's own attribute, else <civic-config>'s (the attribute may be a copy of it).
    () => (this.easyRead && !this.easyReadInherited) || !!this.config?.easyRead,
  );

  private clientCache?: ApiClient;
  private clientKey?: string;

  /** Whether residents submit through this widget: in assisted mode, those get the mediator's bar and the clearing; a comment count only the sizes. */
  protected readonly submits: boolean = true;

  /** The values `mode` takes on this widget (a widget may know more: `<civic-map-report mode="list">`). */
  protected readonly modes: readonly string[] = MODES;

  /** The mode last taken from `<civic-config>` (shown as this widget's attribute). */
  private inheritedMode?: string;
  private memory?: DeviceStore;
  private assistedPart?: AssistedHandle | 'loading';

  /** The mode in force, lower case: the widget's own, else `<civic-config>`'s, else `standard`. */
  get effectiveMode(): string {
    return (this.mode || this.config?.mode || 'standard').trim().toLowerCase();
  }

  /** True when the widget runs in assisted mode (its own `mode` or its `<civic-config>`'s). */
  get assisted(): boolean {
    return this.effectiveMode === 'assisted';
  }

  /**
   * Easy-read mode: the interface in plain language (short sentences, everyday words, one idea per
   * sentence), the organiser's easy-read texts where the definition has them, pictograms beside the
   * main actions and messages, more spacing. French and English; other languages keep their normal
   * wording. Falls back to the nearest `<civic-config>`, whose setting then shows as this attribute.
   * See docs/easy-read.md.
   */
  @property({ attribute: 'easy-read', type: Boolean, reflect: true }) easyRead = false;

  /** Whether the last `easy-read` came from `<civic-config>` (shown as this widget's attribute). */
  private easyReadInherited = false;

  /** @internal The mediator's code given by the page (attribute, else `<civic-config>`). */
  get configuredMediator(): string | undefined {
    return (this.mediator ?? this.config?.mediator)?.trim() || undefined;
  }

  /** @internal The mediator's code in force: the page's, else the one typed in the assisted bar. */
  get mediatorCode(): string | undefined {
    const part = this.assistedPart;
    return this.configuredMediator ?? (part && part !== 'loading' ? part.sessionMediator() : undefined);
  }

  /** @internal What the widget is about: its kind, content id and the endpoint in force (for the device's records). */
  scopeInfo(): { kind: Kind; contentId: string | undefined; endpoint: string | undefined } {
    return { kind: this.kind, contentId: this.contentId, endpoint: this.client?.base };
  }

  /** @internal Milliseconds without input before an assisted form is cleared; 0: never. */
  get resetAfterMs(): number {
    const minutes = this.resetAfter ?? this.config?.resetAfter ?? 3;
    return Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : 0;
  }

  /** @internal What an assisted submission adds to its payload (`origin`, `mediator`); nothing otherwise. */
  channel(): { origin: 'assisted'; mediator?: string } | undefined {
    if (!this.assisted) return undefined;
    const mediator = this.mediatorCode;
    return mediator && isMediatorCode(mediator) ? { origin: 'assisted', mediator } : { origin: 'assisted' };
  }

  /**
   * Where the widget keeps what it remembers for the resident (drafts, its token, "already
   * answered"): IndexedDB, or in assisted mode this widget's memory, so that nothing of a person
   * stays on a shared terminal and nothing is offered to the next one.
   */
  protected get deviceStore(): DeviceStore {
    return this.assisted ? (this.memory ??= memoryStore()) : storage;
  }

  protected override update(changed: PropertyValues): void {
    // A widget without a mode of its own shows <civic-config>'s as its attribute, so that the
    // styles (:host([mode='assisted'])) and the page see the mode in force.
    const own = this.mode ?? undefined;
    if (own === undefined || own === this.inheritedMode) {
      const inherited = this.config?.mode || undefined;
      if (inherited !== own) this.mode = inherited;
      this.inheritedMode = inherited;
    }
    // Likewise <civic-config easy-read>, for :host([easy-read]) styles.
    if (!this.easyRead || this.easyReadInherited) {
      this.easyReadInherited = !!this.config?.easyRead;
      this.easyRead = this.easyReadInherited;
    }
    this.syncAssisted();
    super.update(changed);
  }

  /** @internal True when this widget's mode came from `<civic-config>` (a copy for the next person must not keep it as its own). */
  get modeInherited(): boolean {
    return this.inheritedMode !== undefined && this.mode === this.inheritedMode;
  }

  /** Loads the assisted part (bar, inactivity reset, wiping) when the mode becomes assisted; drops it when it stops being. */
  private syncAssisted(): void {
    const wanted = this.assisted && this.submits && !this.configProblem();
    if (wanted && !this.assistedPart) {
      this.assistedPart = 'loading';
      import('./assisted.js').then(
        (m) => {
          if (this.assistedPart !== 'loading') return;
          this.assistedPart = m.attachAssisted(this);
          this.requestUpdate();
        },
        (e: unknown) => {
          this.assistedPart = undefined;
          warnWebmaster(this.tag, `the assisted-mode part could not be loaded (${String(e)}): serve the whole dist/ folder, chunks/ included.`, this);
        },
      );
    } else if (!wanted && this.assistedPart && this.assistedPart !== 'loading') {
      this.assistedPart.detach();
      this.assistedPart = undefined;
    }
  }

  /** The language the widget speaks (a BCP 47 tag). */
  get resolvedLang(): string {
    const own = this.getAttribute('lang');
    if (own) return own;
    const parent = this.parentElement ? closestAcross(this.parentElement, '[lang]') : null;
    const inherited = parent?.getAttribute('lang') || this.config?.lang || document.documentElement.lang;
    return inherited || 'fr';
  }

  /** Text direction: an explicit `dir` on the page wins, else the language's. */
  get resolvedDir(): 'ltr' | 'rtl' {
    const explicit = closestAcross(this, '[dir]')?.getAttribute('dir');
    if (explicit === 'rtl' || explicit === 'ltr') return explicit;
    return directionOf(this.resolvedLang);
  }

  /** The endpoint in force: attribute first, then `<civic-config>`. */
  get effectiveEndpoint(): string | undefined {
    return this.endpoint?.trim() || this.config?.endpoint?.trim() || undefined;
  }

  /** An API client for the endpoint in force, or undefined when it is missing or invalid. @internal */
  get client(): ApiClient | undefined {
    const endpoint = this.effectiveEndpoint;
    if (!endpoint) return undefined;
    // Read at every render: the URL is parsed again only when the endpoint (or the page, for a relative one) changed.
    const key = `${endpoint}\n${location.href}`;
    if (this.clientKey === key) return this.clientCache;
    this.clientKey = key;
    try {
      const base = normalizeEndpoint(endpoint);
      if (this.clientCache?.base !== base) this.clientCache = new ApiClient(base);
    } catch {
      this.clientCache = undefined;
    }
    return this.clientCache;
  }

  /** The tag name, as the webmaster wrote it. */
  protected get tag(): string {
    return this.localName;
  }

  /**
   * What is wrong with the configuration, translated, or undefined. Widgets add their own checks
   * (`requireAttribute`).
   */
  protected configProblem(): string | undefined {
    const endpoint = this.effectiveEndpoint;
    if (!endpoint) return this.l.t('config.missingEndpoint', this.tag);
    try {
      normalizeEndpoint(endpoint);
    } catch {
      return this.l.t('config.badEndpoint', this.tag, endpoint);
    }
    return this.modeProblem();
  }

  /** The message for a `mode` this widget does not know (a widget with modes of its own may word it itself). */
  protected unknownModeMessage(value: string): string {
    return this.l.t('config.badMode', this.tag, value, this.modes.join(', '));
  }

  /** What is wrong with `mode`, `reset-after` or `mediator` (the widget's or `<civic-config>`'s). */
  private modeProblem(): string | undefined {
    const l = this.l;
    if (!this.modes.includes(this.effectiveMode)) return this.unknownModeMessage(this.mode || this.config?.mode || '');
    if (!this.assisted) return undefined;
    const minutes = this.resetAfter ?? this.config?.resetAfter;
    if (minutes !== undefined && minutes !== null && !(Number.isFinite(minutes) && minutes >= 0)) {
      return l.t('config.badResetAfter', this.tag, this.getAttribute('reset-after') ?? String(minutes));
    }
    const mediator = this.configuredMediator;
    if (mediator && !isMediatorCode(mediator)) return l.t('config.badMediator', this.tag);
    return undefined;
  }

  protected requireAttribute(attribute: string, value: string | undefined): string | undefined {
    return value?.trim() ? undefined : this.l.t('config.missingId', this.tag, attribute);
  }

  /** The box shown instead of the widget when the webmaster must fix something. Also logged. */
  protected renderConfigError(message: string): TemplateResult {
    warnWebmaster(this.tag, message, this);
    return html`<div part="base error" class="base config-error" role="alert" dir=${this.resolvedDir} lang=${this.l.lang}>
      <p><strong>${this.l.t('config.title')}</strong></p>
      <p>${message}</p>
    </div>`;
  }

  /** Focus an element of the shadow root after the next render (for status and error messages). */
  protected async focusAfterRender(selector: string): Promise<void> {
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>(selector);
    target?.focus();
  }

  /**
   * The line under a title that says when something opens, until when it is open, or since when it
   * is closed. `openText` words the open case (default "Open until {date}").
   */
  protected renderDates(def: { phase: string; opensAt?: string | null; closesAt?: string | null }, openText = (date: string) => this.l.t('closesOn', date)): unknown {
    const l = this.l;
    const line = (text: string) => html`<p part="hint" class="hint closing">${text}</p>`;
    if (def.phase === 'scheduled' && def.opensAt) return line(l.t('scheduled', l.dateTime(def.opensAt)));
    if (def.phase === 'open' && def.closesAt) return line(openText(l.dateTime(def.closesAt)));
    if (def.phase === 'closed') return line(def.closesAt ? l.t('closedOn', l.dateTime(def.closesAt)) : l.t('closed'));
    return nothing;
  }

  protected renderLoading(): TemplateResult {
    return html`<div part="base" class="base" dir=${this.resolvedDir} lang=${this.l.lang} aria-busy="true">
      <p part="status" role="status"><span class="spinner" aria-hidden="true"></span> ${this.l.t('loading')}</p>
    </div>`;
  }

  private reportedLoadError?: unknown;

  /** Tells the webmaster (console) and the page (`civic-error`) once per failed load. */
  protected reportLoadError(raw: unknown): void {
    if (this.reportedLoadError === raw) return;
    this.reportedLoadError = raw;
    const error = asApiError(raw);
    const message = this.loadErrorMessage(error);
    warnWebmaster(this.tag, `${message} (${error.message})`, this);
    this.dispatchEvent(new CivicErrorEvent({ kind: this.kind, error: error.toJSON(), message }));
  }

  /** Why the definition could not be loaded, worded for whoever can fix it. */
  protected loadErrorMessage(error: ApiErrorInfo): string {
    if (error.failure === 'not_found') return this.l.t('config.unknownId', this.tag, this.idAttribute, this.contentId ?? '');
    if (error.failure === 'offline' && navigator.onLine) return this.l.t('config.unreachable', this.client?.base ?? '');
    return errorMessage(this.l, error);
  }

  /**
   * The box shown when the definition could not be loaded: a webmaster's problem (unknown id,
   * unreadable answer, missing chunk) or a resident's, with a button calling `retry`.
   */
  protected renderLoadError(raw: unknown, retry: () => void): TemplateResult {
    const error = asApiError(raw);
    const webmaster = error.failure === 'not_found' || error.failure === 'bad_response' || error.failure === 'missing_part';
    return html`<div part="base error" class="base ${webmaster ? 'config-error' : ''}" dir=${this.resolvedDir} lang=${this.l.lang} role="alert">
      ${webmaster ? html`<p><strong>${this.l.t('config.title')}</strong></p>` : nothing}
      <p>${webmaster ? nothing : pictogram(this.l, error.failure === 'offline' ? 'offline' : 'error')}${this.loadErrorMessage(error)}</p>
      ${webmaster ? nothing : html`<div class="actions"><button type="button" class="secondary" @click=${retry}>${this.l.t('retry')}</button></div>`}
    </div>`;
  }
}
