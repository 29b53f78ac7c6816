import { css } from 'lit';

/** Shared look of every widget: frame, headings, fields, buttons, messages, visible focus, reflow. */
export const formStyles = css`
  .base {
    background: var(--_civic-surface);
    border: 1px solid var(--_civic-border);
    border-radius: var(--_civic-radius);
    padding: var(--_civic-space-m);
    min-width: 0;
  }
  .title {
    margin: 0 0 var(--_civic-space-s);
    font-size: 1.25em;
    line-height: 1.3;
  }
  .description,
  .hint {
    margin: 0 0 var(--_civic-space-m);
    color: var(--_civic-muted);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
  }
  .option {
    display: flex;
    align-items: center;
    gap: var(--_civic-space-s);
    min-height: var(--_civic-target);
    padding: 0 var(--_civic-space-s);
    margin-block: 0.25rem;
    border: 1px solid transparent;
    border-radius: var(--_civic-radius);
    cursor: pointer;
  }
  .option:hover {
    background: var(--_civic-surface-alt);
  }
  .option input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    flex: none;
    accent-color: var(--_civic-primary);
  }
  .option:has(input:checked) {
    border-color: var(--_civic-primary);
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  button:focus-visible,
  a:focus-visible,
  [tabindex]:focus-visible {
    outline: var(--_civic-focus);
    outline-offset: 2px;
  }
  /* A date field's focus moves through its inner segments and calendar button: :focus-visible does not always match the field itself. */
  input[type='date']:focus-within {
    outline: var(--_civic-focus);
    outline-offset: 2px;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  button {
    font: inherit;
    min-height: var(--_civic-target);
    min-width: var(--_civic-target);
    padding: 0.5rem 1.25rem;
    border-radius: var(--_civic-radius);
    border: 2px solid var(--_civic-primary);
    cursor: pointer;
  }
  .primary {
    background: var(--_civic-primary);
    color: var(--_civic-on-primary);
    font-weight: 600;
  }
  .secondary {
    background: transparent;
    color: var(--_civic-primary);
  }
  button[aria-disabled='true'],
  button:disabled {
    opacity: 0.65;
    cursor: progress;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_civic-space-s);
    align-items: center;
    margin-top: var(--_civic-space-m);
  }
  .error {
    color: var(--_civic-danger);
    font-weight: 600;
    margin: 0.25rem 0;
  }
  .message {
    padding: var(--_civic-space-s) var(--_civic-space-m);
    border-inline-start: 4px solid var(--_civic-primary);
    background: var(--_civic-surface-alt);
    margin: var(--_civic-space-s) 0;
  }
  .message.success {
    border-color: var(--_civic-success);
  }
  .message.warning {
    border-color: var(--_civic-warning);
  }
  .message.danger {
    border-color: var(--_civic-danger);
  }
  .message p {
    margin: 0.25rem 0;
  }
  /* Easy-read mode's pictograms (src/internal/pictograms.ts): beside the words, in their colour or the message's. */
  .pictogram {
    width: var(--civic-pictogram-size, 1.5em);
    height: var(--civic-pictogram-size, 1.5em);
    flex: none;
    vertical-align: -0.4em;
    margin-inline-end: 0.4em;
    color: var(--civic-pictogram-color, currentColor);
  }
  .message.success .pictogram,
  .pictogram.success {
    color: var(--civic-pictogram-color, var(--_civic-success));
  }
  .message.warning .pictogram,
  .pictogram.offline {
    color: var(--civic-pictogram-color, var(--_civic-warning));
  }
  .error-summary .pictogram,
  .message.danger .pictogram,
  .pictogram.error {
    color: var(--civic-pictogram-color, var(--_civic-danger));
  }
  :host([easy-read]) .hint,
  :host([easy-read]) .description {
    color: var(--_civic-text);
  }
  :host([easy-read]) .title {
    line-height: 1.4;
  }
  .error-summary {
    border: 3px solid var(--_civic-danger);
    padding: var(--_civic-space-m);
    margin-bottom: var(--_civic-space-m);
    border-radius: var(--_civic-radius);
  }
  .error-summary h3 {
    margin: 0 0 var(--_civic-space-s);
    font-size: 1.1em;
  }
  .error-summary ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .error-summary a {
    color: var(--_civic-danger);
    font-weight: 600;
    /* Each link to a field is a 44 px target at any text size (one line of 1.5em plus this padding). */
    display: inline-block;
    padding-block: max(0px, calc((var(--_civic-target) - 1.5em) / 2));
  }
  .config-error {
    border: 3px dashed var(--_civic-danger);
    padding: var(--_civic-space-m);
    border-radius: var(--_civic-radius);
  }
  .config-error code {
    font-size: 0.9em;
  }
  /* Result bars fill from the start of the line: the right in a right-to-left language. */
  [dir='rtl'] svg.bar {
    transform: scaleX(-1);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: civic-spin 0.8s linear infinite;
    vertical-align: -0.15em;
  }
  @keyframes civic-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (forced-colors: active) {
    .base,
    .option:has(input:checked),
    .message,
    .error-summary {
      border-color: CanvasText;
    }
    .primary {
      background: ButtonText;
      color: ButtonFace;
      forced-color-adjust: none;
    }
  }
`;

/** Text fields, selects and their counters, for the widgets with typed answers; a widget narrows them with --_civic-field-max. */
export const fieldStyles = css`
  input[type='text'],
  input[type='email'],
  input[type='date'],
  select,
  textarea {
    font: inherit;
    box-sizing: border-box;
    width: 100%;
    max-width: var(--_civic-field-max, 36rem);
    min-height: var(--_civic-target);
    padding: 0.375rem 0.5rem;
    border: 2px solid var(--_civic-border);
    border-radius: var(--_civic-radius);
    background: var(--_civic-surface);
    color: inherit;
  }
  [aria-invalid='true'] {
    border-color: var(--_civic-danger);
  }
  /* "N characters left" under a field with a length limit. */
  .counter {
    margin: 0.25rem 0 0;
    font-size: 0.9em;
    color: var(--_civic-muted);
  }
  .counter.over {
    color: var(--_civic-danger);
    font-weight: 600;
  }
`;
