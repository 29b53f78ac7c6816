import { css } from 'lit';

export const voteStyles = css`
  :host {
    --_civic-vote-bar: var(--civic-vote-bar-color, var(--civic-color-primary, #1d4ed8));
    --_civic-vote-track: var(--civic-vote-track-color, var(--civic-color-surface-alt, #e5e7eb));
  }
  .header {
    margin-bottom: var(--_civic-space-m);
  }
  .closing {
    font-size: 0.9em;
    color: var(--_civic-muted);
    margin: 0;
  }
  .option-text {
    display: flex;
    flex-direction: column;
  }
  .option-description {
    font-size: 0.9em;
    color: var(--_civic-muted);
  }
  /* The review step of a single or k-of-n poll; the budget's review has its own rules (budget.ts). */
  .choices-review .subtitle {
    font-weight: 700;
    font-size: 1.1em;
    margin: 0 0 var(--_civic-space-s);
  }
  .choices-review .review-list {
    margin: 0 0 var(--_civic-space-m);
    padding-inline-start: 1.25rem;
  }
  .choices-review .review-list li {
    padding: 0.25rem 0;
    font-weight: 600;
  }
  .results {
    margin: var(--_civic-space-m) 0 0;
  }
  .results figcaption {
    font-weight: 600;
    margin-bottom: var(--_civic-space-s);
  }
  .results ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .result {
    margin-bottom: var(--_civic-space-s);
  }
  .result-line {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 var(--_civic-space-s);
  }
  .result-value {
    font-variant-numeric: tabular-nums;
    /* Numbers and their units hold together with no-break spaces; the line itself may wrap on a narrow screen. */
    margin-inline-start: auto;
  }
  .choices-caption {
    margin: var(--_civic-space-s) 0 0;
    font-weight: 600;
  }
  .mine {
    font-weight: 600;
  }
  .bar {
    display: block;
    width: 100%;
    height: 0.75rem;
    border-radius: var(--_civic-radius);
  }
  .bar .track {
    fill: var(--_civic-vote-track);
  }
  .bar .fill {
    fill: var(--_civic-vote-bar);
  }
  .total {
    color: var(--_civic-muted);
    margin: var(--_civic-space-s) 0 0;
  }
  caption {
    text-align: start;
    font-weight: 600;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.25rem 0.5rem;
    border-bottom: 1px solid var(--_civic-border);
  }
  /* Budget filters: a select as wide as its longest option must not push the frame wider than the screen. */
  .filter {
    min-width: 0;
    max-width: 100%;
  }
  .origin-total {
    font-weight: 700;
  }
  @media (forced-colors: active) {
    .bar .track {
      fill: Canvas;
      stroke: CanvasText;
    }
    .bar .fill {
      fill: Highlight;
    }
  }
`;
