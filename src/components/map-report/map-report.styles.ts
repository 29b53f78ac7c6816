import { css } from 'lit';

export const mapReportStyles = css`
  :host {
    --_civic-map-height: var(--civic-map-report-map-height, 20rem);
  }
  .header {
    margin-bottom: var(--_civic-space-m);
  }
  .field {
    margin-bottom: var(--_civic-space-m);
  }
  .field > label:not(.option),
  .field > legend,
  .photo-fields > label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  fieldset.field > legend {
    margin-bottom: var(--_civic-space-s);
  }
  .group {
    margin: var(--_civic-space-s) 0;
  }
  .group-title {
    font-weight: 600;
    color: var(--_civic-muted);
    font-size: 0.95em;
  }
  .option-hint {
    margin: -0.25rem 0 var(--_civic-space-s);
    padding-inline-start: calc(1.25rem + var(--_civic-space-s) * 2);
    font-size: 0.9em;
  }
  textarea {
    resize: vertical;
  }
  .location {
    margin-top: var(--_civic-space-l);
  }
  .map {
    height: var(--_civic-map-height);
    min-height: 12rem;
    border: 2px solid var(--_civic-border);
    border-radius: var(--_civic-radius);
    background: #f2efe6;
    position: relative;
  }
  .map:focus-visible {
    outline: var(--_civic-focus);
    outline-offset: 2px;
  }
  .location .actions {
    margin-bottom: var(--_civic-space-m);
  }
  .map-note {
    margin: var(--_civic-space-s) 0 0;
  }
  .place {
    margin: var(--_civic-space-s) 0 0;
    padding: var(--_civic-space-s) var(--_civic-space-m);
    background: var(--_civic-surface-alt);
    border-radius: var(--_civic-radius);
    font-weight: 600;
  }
  .place.empty {
    font-weight: 400;
    color: var(--_civic-muted);
  }
  .combobox {
    position: relative;
  }
  .combo-row {
    display: flex;
    gap: var(--_civic-space-s);
    max-width: 36rem;
  }
  .combo-row input {
    flex: 1;
    min-width: 0;
  }
  .suggestions {
    list-style: none;
    margin: 0.25rem 0 0;
    padding: 0;
    max-width: 36rem;
    border: 2px solid var(--_civic-border);
    border-radius: var(--_civic-radius);
    background: var(--_civic-surface);
  }
  .suggestions [role='option'] {
    padding: 0.625rem 0.75rem;
    min-height: var(--_civic-target);
    box-sizing: border-box;
    cursor: pointer;
  }
  .suggestions [role='option']:hover,
  .suggestions [aria-selected='true'] {
    background: var(--_civic-surface-alt);
    outline: 2px solid var(--_civic-primary);
    outline-offset: -2px;
  }
  .photo-list,
  .reports,
  .report-photos,
  .legend {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .photo {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_civic-space-m);
    align-items: flex-start;
    margin-bottom: var(--_civic-space-m);
  }
  .photo img {
    width: 8rem;
    height: auto;
    max-height: 8rem;
    object-fit: cover;
    border-radius: var(--_civic-radius);
    border: 1px solid var(--_civic-border);
  }
  .photo-fields {
    flex: 1 1 14rem;
    min-width: 0;
  }
  .photo-fields .hint {
    margin-bottom: 0.25rem;
  }
  .photo-fields .remove {
    margin-top: var(--_civic-space-s);
  }
  .consent {
    font-size: 0.9em;
  }
  .subtitle {
    font-size: 1.1em;
    font-weight: 700;
    margin: var(--_civic-space-m) 0 var(--_civic-space-s);
  }
  .nearby > p {
    margin-top: 0;
  }
  .report {
    border: 1px solid var(--_civic-border);
    border-radius: var(--_civic-radius);
    padding: var(--_civic-space-s) var(--_civic-space-m);
    margin-bottom: var(--_civic-space-s);
  }
  .report-title {
    font-weight: 700;
    margin: 0.25rem 0;
  }
  .report .actions {
    margin-top: var(--_civic-space-s);
  }
  .report-text {
    white-space: pre-line;
    overflow-wrap: anywhere;
    margin: 0.25rem 0;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem var(--_civic-space-m);
    align-items: center;
    margin: 0.25rem 0;
    font-size: 0.95em;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    font-weight: 600;
  }
  .report-photos {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_civic-space-s);
    margin: var(--_civic-space-s) 0;
  }
  .report-photos img {
    width: 6rem;
    height: 6rem;
    object-fit: cover;
    border-radius: var(--_civic-radius);
  }
  .report .hint {
    margin: 0.25rem 0;
  }
  .updates summary {
    cursor: pointer;
    color: var(--_civic-primary);
    font-weight: 600;
    padding: 0.625rem 0;
  }
  .updates ol {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .updates p {
    margin: 0.25rem 0;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_civic-space-m);
  }
  .filters .field {
    flex: 1 1 12rem;
  }
  .count {
    font-weight: 600;
    margin: 0 0 var(--_civic-space-s);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem var(--_civic-space-m);
    margin: var(--_civic-space-s) 0;
    font-size: 0.9em;
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
  }
  .selected {
    border-inline-start: 4px solid var(--_civic-primary);
    padding-inline-start: var(--_civic-space-m);
    margin: var(--_civic-space-m) 0;
  }
  /* Report markers (map, legend and badges share them). */
  .civic-marker {
    display: inline-block;
    box-sizing: border-box;
    width: 22px;
    height: 22px;
    border: 2px solid #fff;
    border-radius: 50%;
    box-shadow: 0 0 0 1px rgb(0 0 0 / 0.65);
    flex: none;
  }
  .badge .civic-marker,
  .legend .civic-marker {
    width: 14px;
    height: 14px;
    border-width: 1px;
  }
  .civic-marker.selected {
    box-shadow:
      0 0 0 2px #fff,
      0 0 0 5px #1f2328;
    z-index: 1000 !important;
  }
  .civic-marker.status-open {
    background: #c2410c;
  }
  .civic-marker.status-acknowledged {
    background: #a16207;
  }
  .civic-marker.status-in_progress {
    background: #1d4ed8;
    border-radius: 3px;
  }
  .civic-marker.status-fixed {
    background: #15803d;
  }
  .civic-marker.status-not_ours {
    background: #6b7280;
    clip-path: polygon(50% 0, 100% 50%, 50% 100%, 0 50%);
    border-radius: 0;
  }
  @media (forced-colors: active) {
    .civic-marker {
      forced-color-adjust: none;
    }
    .suggestions [aria-selected='true'] {
      outline-color: Highlight;
    }
  }
`;
