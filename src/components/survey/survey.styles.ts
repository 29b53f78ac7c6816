import { css } from 'lit';

export const surveyStyles = css`
  :host {
    --_civic-survey-bar: var(--civic-survey-bar-color, var(--civic-color-primary, #1d4ed8));
    --_civic-survey-star: var(--civic-survey-star-color, #b45309);
  }
  .small {
    font-size: 0.9em;
  }
  .progress {
    margin-bottom: var(--_civic-space-m);
  }
  .progress-text {
    margin: 0 0 0.25rem;
    font-weight: 600;
  }
  progress {
    width: 100%;
    height: 0.6rem;
    accent-color: var(--_civic-survey-bar);
  }
  .page-title {
    font-weight: 700;
    font-size: 1.1em;
    margin: 0 0 var(--_civic-space-s);
  }
  .field {
    margin: 0 0 var(--_civic-space-l);
  }
  .field > label:not(.option),
  .contact > label,
  .other-text > label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  .field > .hint {
    margin: 0 0 0.25rem;
  }
  .required {
    color: var(--_civic-danger);
  }
  .short {
    max-width: 12rem;
  }
  textarea {
    resize: vertical;
  }
  .contact input {
    margin-bottom: var(--_civic-space-s);
  }
  fieldset[aria-invalid='true'] {
    border-inline-start: 4px solid var(--_civic-danger);
    padding-inline-start: var(--_civic-space-s);
  }
  .other-text {
    margin: 0.25rem 0 0;
    margin-inline-start: 2rem;
  }
  .inline {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_civic-space-m);
  }
  .info {
    padding: var(--_civic-space-s) var(--_civic-space-m);
    background: var(--_civic-surface-alt);
    border-radius: var(--_civic-radius);
  }
  .info p {
    margin: 0.25rem 0;
  }
  .info-title {
    font-weight: 600;
  }
  .scale {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  .scale-option {
    position: relative;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: var(--_civic-target);
    min-height: var(--_civic-target);
    border: 2px solid var(--_civic-border);
    border-radius: var(--_civic-radius);
    cursor: pointer;
    font-weight: 600;
  }
  .scale-option input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
    cursor: pointer;
  }
  .scale-option:has(input:focus-visible) {
    outline: var(--_civic-focus);
    outline-offset: 2px;
  }
  .numbers .scale-option.on {
    background: var(--_civic-primary);
    color: var(--_civic-on-primary);
    border-color: var(--_civic-primary);
  }
  .stars .scale-option {
    border-color: transparent;
    font-size: 1.6em;
    color: var(--_civic-border);
  }
  .stars .scale-option.on {
    color: var(--_civic-survey-star);
  }
  /* Not only colour: a star not chosen is hollow. */
  .stars .scale-option:not(.on) span {
    color: transparent;
    -webkit-text-stroke: 1.5px var(--_civic-border);
  }
  .scale-ends {
    display: flex;
    justify-content: space-between;
    gap: var(--_civic-space-m);
    margin: 0 0 0.25rem;
    font-size: 0.9em;
    color: var(--_civic-muted);
  }
  .ranking,
  .bars,
  .paper-choices {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .rank-item {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_civic-space-s);
    padding: 0.25rem var(--_civic-space-s);
    margin-bottom: 0.25rem;
    border: 1px solid var(--_civic-border);
    border-radius: var(--_civic-radius);
  }
  .rank-pos {
    font-weight: 700;
    min-width: 1.5rem;
  }
  .rank-label {
    flex: 1;
  }
  .rank-buttons {
    display: flex;
    gap: 0.25rem;
    margin-inline-start: auto;
  }
  .icon {
    padding: 0;
    background: transparent;
    color: var(--_civic-primary);
    font-weight: 700;
  }
  .icon:disabled {
    opacity: 0.35;
    cursor: not-allowed;
  }
  .matrix-row {
    margin-bottom: var(--_civic-space-s);
    padding-bottom: var(--_civic-space-s);
    border-bottom: 1px solid var(--_civic-surface-alt);
  }
  .matrix-row legend {
    font-weight: 400;
  }
  .draft {
    border-color: var(--_civic-primary);
  }
  .review-list {
    margin: 0 0 var(--_civic-space-m);
  }
  .review-item {
    padding: var(--_civic-space-s) 0;
    border-bottom: 1px solid var(--_civic-surface-alt);
  }
  .review-item dt {
    font-weight: 600;
  }
  .review-item dd {
    margin: 0.25rem 0 0;
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_civic-space-s);
  }
  .review-page {
    font-weight: 700;
    margin: var(--_civic-space-m) 0 0;
  }
  .muted {
    color: var(--_civic-muted);
  }
  button.link {
    min-width: 0;
    padding: 0 0.5rem;
    border: 0;
    background: transparent;
    color: var(--_civic-primary);
    text-decoration: underline;
  }
  .error-summary a {
    cursor: pointer;
  }
  .result-question {
    margin: var(--_civic-space-l) 0;
  }
  .result-title {
    font-weight: 700;
  }
  .bars li {
    margin-bottom: 0.5rem;
  }
  .result-line {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 var(--_civic-space-s);
  }
  .result-value {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .bar {
    display: block;
    width: 100%;
    height: 0.6rem;
    forced-color-adjust: none;
  }
  .bar .track {
    fill: var(--civic-color-surface-alt, #e5e7eb);
  }
  .bar .fill {
    fill: var(--_civic-survey-bar);
  }
  table {
    border-collapse: collapse;
    margin: var(--_civic-space-s) 0;
  }
  th,
  td {
    border: 1px solid var(--_civic-border);
    padding: 0.25rem 0.5rem;
    text-align: start;
  }
  td {
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 600;
  }
  .table-scroll {
    overflow-x: auto;
    max-width: 100%;
  }
  .stats {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_civic-space-m);
    margin: 0;
  }
  .stats dt {
    color: var(--_civic-muted);
  }
  .stats dd {
    margin: 0;
    font-weight: 700;
  }
  .texts summary {
    cursor: pointer;
    color: var(--_civic-primary);
    font-weight: 600;
    min-height: var(--_civic-target);
    display: flex;
    align-items: center;
  }
  .texts li {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    padding: 0.25rem 0;
    border-bottom: 1px solid var(--_civic-surface-alt);
  }
  /* Paper */
  .paper-kind {
    margin: 0 0 var(--_civic-space-s);
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    font-size: 0.85em;
  }
  .paper-howto {
    border: 1px solid var(--_civic-border);
    padding: var(--_civic-space-s);
  }
  .paper-page + .paper-page {
    margin-top: var(--_civic-space-l);
  }
  .paper-q {
    margin: var(--_civic-space-m) 0;
    break-inside: avoid;
  }
  .paper-label {
    font-weight: 700;
    margin: 0 0 0.25rem;
  }
  .paper-if {
    font-style: italic;
    margin: 0 0 0.25rem;
  }
  .paper-choices.inline {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_civic-space-l);
  }
  .paper-choice {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0.35rem 0;
  }
  .box {
    display: inline-block;
    flex: none;
    width: 1rem;
    height: 1rem;
    border: 1.5px solid currentColor;
  }
  .box.wide {
    width: 2rem;
  }
  .line {
    border-bottom: 1px solid currentColor;
    height: 1.8rem;
  }
  .inline-line {
    display: inline-block;
    min-width: 12rem;
    height: 1rem;
  }
  .paper-date {
    letter-spacing: 0.1em;
    font-size: 1.1em;
  }
  .paper-matrix td {
    text-align: center;
  }
  .paper-return {
    margin-top: var(--_civic-space-l);
    border-top: 2px solid currentColor;
    padding-top: var(--_civic-space-s);
    overflow-wrap: anywhere;
  }
  @media (forced-colors: active) {
    /* The chosen value of a scale: its own colours are forced away, the system's highlight shows it. */
    .numbers .scale-option.on {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
      border-color: Highlight;
    }
    .stars .scale-option {
      forced-color-adjust: none;
      color: CanvasText;
    }
    .stars .scale-option.on {
      color: Highlight;
    }
    .stars .scale-option:not(.on) span {
      -webkit-text-stroke-color: CanvasText;
    }
  }
  @media print {
    .base {
      border: 0;
      padding: 0;
      color: #000;
      background: #fff;
    }
    .screen-only {
      display: none;
    }
    .paper-page + .paper-page {
      break-before: page;
    }
  }
`;
