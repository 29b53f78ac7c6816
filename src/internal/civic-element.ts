import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { ApiClient, asApiError, errorMessage, normalizeEndpoint, type ApiErrorInfo } from '../api/client.js';
import { CivicErrorEvent } from '../events/index.js';
import type { Kind } from '../api/resources.js';
import { LocalizeController, directionOf } from '../i18n/localize.js';
import { tokens } from '../styles/tokens.styles.js';
import { formStyles } from '../styles/form.styles.js';
import { civicConfigContext, type CivicConfig } from './context.js';

export { defineOnce } from './define.js';

const logged = new Set<string>();
/** Tells the webmaster in the console, once per message. */
export function warnWebmaster(tag: string, message: string, el?: Element): void {
  const key = `${tag}|${message}`;
  if (logged.has(key)) return;
  logged.add(key);
  console.error(`[civic-widgets] <${tag}>: ${message}`, el ?? '');
}

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
  readonly l = new LocalizeController(this, () => this.resolvedLang);

  private clientCache?: ApiClient;

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
    try {
      const base = normalizeEndpoint(endpoint);
      if (this.clientCache?.base !== base) this.clientCache = new ApiClient(base);
      return this.clientCache;
    } catch {
      return undefined;
    }
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
      <p>${this.loadErrorMessage(error)}</p>
      ${webmaster ? nothing : html`<div class="actions"><button type="button" class="secondary" @click=${retry}>${this.l.t('retry')}</button></div>`}
    </div>`;
  }
}
