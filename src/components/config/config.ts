import { LitElement, html, css } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { civicConfigContext } from '../../internal/context.js';
import { defineOnce } from '../../internal/define.js';

/**
 * Configures every widget inside it once: the endpoint and the language. An attribute on a widget
 * wins over the configuration.
 *
 * @summary Shared configuration (endpoint, language) for the widgets it contains.
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

  private readonly provider = new ContextProvider(this, { context: civicConfigContext, initialValue: {} });

  override willUpdate(): void {
    this.provider.setValue({ endpoint: this.endpoint, lang: this.getAttribute('lang') ?? undefined });
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
