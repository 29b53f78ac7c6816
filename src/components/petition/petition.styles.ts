import { css } from 'lit';

export const petitionStyles = css`
  summary {
    cursor: pointer;
    color: var(--_civic-primary);
    font-weight: 600;
    /* A 44 px target at any text size (one line of 1.5em plus this padding), keeping the disclosure marker. */
    padding: max(0.5rem, calc((var(--_civic-target) - 1.5em) / 2)) 0;
  }
  .response {
    border: 2px solid var(--_civic-success);
    border-radius: var(--_civic-radius);
    padding: 0 var(--_civic-space-m);
  }
  .progress {
    height: 0.75rem;
    border-radius: var(--_civic-radius);
    background: var(--civic-petition-track-color, var(--civic-color-surface-alt, #e5e7eb));
    overflow: hidden;
    forced-color-adjust: none;
  }
  .fill {
    height: 100%;
    background: var(--civic-petition-bar-color, var(--civic-color-primary, #1d4ed8));
  }
  .field {
    margin-bottom: var(--_civic-space-m);
  }
  .field > label:not(.option) {
    display: block;
    font-weight: 600;
  }
  :host {
    --_civic-field-max: 32rem;
  }
`;
