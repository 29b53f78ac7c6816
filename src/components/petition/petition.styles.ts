import { css } from 'lit';

export const petitionStyles = css`
  :host {
    --_civic-petition-bar: var(--civic-petition-bar-color, var(--civic-color-primary, #1d4ed8));
    --_civic-petition-track: var(--civic-petition-track-color, var(--civic-color-surface-alt, #e5e7eb));
  }
  .header {
    margin-bottom: var(--_civic-space-m);
  }
  .description {
    margin-bottom: var(--_civic-space-s);
  }
  .meta {
    font-size: 0.9em;
    color: var(--_civic-muted);
    margin: 0.25rem 0;
  }
  details {
    margin-top: var(--_civic-space-s);
  }
  summary {
    cursor: pointer;
    color: var(--_civic-primary);
    font-weight: 600;
    min-height: var(--_civic-target);
    display: flex;
    align-items: center;
  }
  summary:focus-visible {
    outline: var(--_civic-focus);
    outline-offset: 2px;
  }
  .response {
    border: 2px solid var(--_civic-success);
    border-radius: var(--_civic-radius);
    padding: var(--_civic-space-s) var(--_civic-space-m);
    margin-bottom: var(--_civic-space-m);
  }
  .count {
    margin: 0 0 var(--_civic-space-s);
    font-size: 1.1em;
  }
  .split {
    display: block;
    font-size: 0.85em;
    color: var(--_civic-muted);
  }
  .progress {
    height: 0.75rem;
    border-radius: var(--_civic-radius);
    background: var(--_civic-petition-track);
    overflow: hidden;
  }
  .progress .fill {
    height: 100%;
    background: var(--_civic-petition-bar);
  }
  .thresholds {
    list-style: none;
    padding: 0;
    margin: var(--_civic-space-s) 0 0;
    font-size: 0.95em;
  }
  .thresholds li {
    padding-inline-start: 1.5rem;
    position: relative;
    margin-bottom: 0.25rem;
  }
  .thresholds li::before {
    content: '○';
    position: absolute;
    inset-inline-start: 0;
  }
  .thresholds li.reached::before {
    content: '●';
    color: var(--_civic-success);
  }
  .threshold-count {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .form-title {
    font-size: 1.1em;
    margin: var(--_civic-space-l) 0 var(--_civic-space-s);
  }
  .error-summary h4 {
    margin: 0 0 var(--_civic-space-s);
    font-size: 1.05em;
  }
  .field {
    margin-bottom: var(--_civic-space-m);
  }
  .field > label {
    display: block;
    font-weight: 600;
  }
  .field-hint {
    margin: 0;
    font-size: 0.9em;
  }
  .field.invalid {
    border-inline-start: 4px solid var(--_civic-danger);
    padding-inline-start: var(--_civic-space-s);
  }
  input[type='text'],
  input[type='email'] {
    font: inherit;
    width: 100%;
    max-width: 32rem;
    min-height: var(--_civic-target);
    padding: 0.375rem 0.5rem;
    margin-top: 0.25rem;
    border: 2px solid var(--_civic-border);
    border-radius: var(--_civic-radius);
    background: var(--_civic-surface);
    color: var(--_civic-text);
  }
  input.short {
    max-width: 10rem;
  }
  input[aria-invalid='true'] {
    border-color: var(--_civic-danger);
  }
  .checkbox .option {
    align-items: flex-start;
    padding-block: 0.5rem;
  }
  .checkbox .option input {
    margin-top: 0.15rem;
  }
  .hp {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .share .copied {
    color: var(--_civic-success);
  }
  @media (forced-colors: active) {
    .progress {
      border: 1px solid CanvasText;
    }
    .progress .fill {
      background: Highlight;
      forced-color-adjust: none;
    }
  }
`;
