import { LitElement, html, css } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { civicConfigContext } from '../../internal/context.js';
import { defineOnce } from '../../internal/define.js';

/**
 * Configures every widget inside it once: the endpoint, the language and, on a mediator's terminal,
 * the assisted mode. An attribute on a widget wins over the configuration.
 *
 * @summary Shared configuration (endpoint, language, mode) for the widgets it contains.
 * @tagname civic-config
 * @slot - The widgets and any other content.
 */
export class CivicConfig extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The API base URL every widget inside uses unless it has its own `endpoint`. */
  @property({ reflect: true }) endpoint?: string;

  /** Easy-read mode for every widget inside: plain-language wording and pictograms (docs/easy-read.md). */
  @property({ attribute: 'easy-read', type: Boolean, reflect: true }) easyRead = false;

  /**
   * `assisted` on a public terminal where a mediator helps residents (France Services, a library):
   * larger text and targets, nothing of a person kept on the device, the form cleared after
   * inactivity, submissions counted as assisted. See docs/assisted.md.
   */
  @property({ reflect: true }) mode?: string;

  /** The mediator's code sent with every assisted submission (e.g. `FS-Lyon-3`); optional. */
  @property({ reflect: true }) mediator?: string;

  /** Assisted mode: minutes without input before the form is cleared, after a 30 s warning (default 3). */
  @property({ attribute: 'reset-after', type: Number, reflect: true }) resetAfter?: number;

  private readonly provider = new ContextProvider(this, { context: civicConfigContext, initialValue: {} });

  override willUpdate(): void {
    this.provider.setValue({
      endpoint: this.endpoint,
      lang: this.getAttribute('lang') ?? undefined,
      easyRead: this.easyRead || undefined,
      mode: this.mode ?? undefined,
      mediator: this.mediator ?? undefined,
      resetAfter: this.resetAfter ?? undefined,
    });
  }

  override render() {
    return html`<slot></slot>`;
  }

  static define(tag = 'civic-config'): void {
    defineOnce(tag, this);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'civic-config': CivicConfig;
  }
}
