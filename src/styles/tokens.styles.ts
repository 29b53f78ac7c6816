import { css } from 'lit';

/**
 * The global design tokens, read from the host page with a literal fallback each (host pages load
 * no theme file). Widgets only use the private `--_civic-*` names below; a site themes them with
 * the public `--civic-*` names or `::part()`.
 */
export const tokens = css`
  :host {
    --_civic-primary: var(--civic-color-primary, #1d4ed8);
    --_civic-on-primary: var(--civic-color-on-primary, #ffffff);
    --_civic-text: var(--civic-color-text, #1f2328);
    --_civic-muted: var(--civic-color-muted, #4b5563);
    --_civic-surface: var(--civic-color-surface, #ffffff);
    --_civic-surface-alt: var(--civic-color-surface-alt, #f3f4f6);
    --_civic-border: var(--civic-color-border, #6b7280);
    --_civic-danger: var(--civic-color-danger, #b91c1c);
    --_civic-success: var(--civic-color-success, #166534);
    --_civic-warning: var(--civic-color-warning, #92400e);
    --_civic-font: var(--civic-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif);
    --_civic-font-size: var(--civic-font-size, 1rem);
    --_civic-radius: var(--civic-radius, 0.375rem);
    --_civic-space-s: var(--civic-space-s, 0.5rem);
    --_civic-space-m: var(--civic-space-m, 1rem);
    --_civic-space-l: var(--civic-space-l, 1.5rem);
    --_civic-focus: var(--civic-focus-ring, 3px solid #ea580c);
    --_civic-target: var(--civic-target-size, 2.75rem);

    display: block;
    color-scheme: var(--civic-color-scheme, light);
    box-sizing: border-box;
    max-width: 100%;
    color: var(--_civic-text);
    font-family: var(--_civic-font);
    font-size: var(--_civic-font-size);
    line-height: 1.5;
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  /* Assisted mode (a mediator's terminal, docs/assisted.md): text a quarter larger and at least 20 px,
     touch targets of at least 56 px whatever the page's root font size. */
  :host([mode='assisted']) {
    --_civic-font-size: var(--civic-assisted-font-size, max(20px, calc(var(--civic-font-size, 1rem) * 1.25)));
    --_civic-target: var(--civic-assisted-target-size, max(56px, 3.5rem));
  }
  /* Easy-read mode (docs/easy-read.md): more room between lines, paragraphs and fields. */
  :host([easy-read]) {
    --_civic-space-s: var(--civic-space-s, 0.75rem);
    --_civic-space-m: var(--civic-space-m, 1.25rem);
    --_civic-space-l: var(--civic-space-l, 2rem);
    line-height: var(--civic-easy-read-line-height, 1.75);
  }
  :host([mode='assisted']) input[type='radio'],
  :host([mode='assisted']) input[type='checkbox'] {
    width: 1.75rem;
    height: 1.75rem;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
