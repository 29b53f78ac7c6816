import { css } from 'lit';

export const commentsStyles = css`
  :host {
    --_civic-field-max: 40rem;
    --_civic-comments-official: var(--civic-comments-official-color, var(--civic-color-primary, #1d4ed8));
    --_civic-comments-highlight: var(--civic-comments-highlight-color, #fef3c7);
  }
  .header {
    margin-bottom: var(--_civic-space-m);
  }
  .closing,
  .count {
    margin: 0;
    color: var(--_civic-muted);
  }
  .count strong {
    color: var(--_civic-text);
  }
  /* ---------------------------------------------------------------- forms */
  form {
    margin: 0 0 var(--_civic-space-l);
  }
  .form-title {
    font-size: 1.05em;
    margin: 0 0 var(--_civic-space-s);
  }
  .field {
    margin: 0 0 var(--_civic-space-m);
  }
  .field > label:not(.option),
  .field > legend {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  .field > .hint {
    margin: 0 0 0.25rem;
    font-size: 0.9em;
  }
  select {
    width: auto;
    max-width: 100%;
  }
  textarea {
    resize: vertical;
    min-height: 6rem;
  }
  .stances {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_civic-space-s);
  }
  .reply-form {
    margin: var(--_civic-space-s) 0 var(--_civic-space-m);
    padding: var(--_civic-space-s) var(--_civic-space-m);
    border-inline-start: 4px solid var(--_civic-border);
  }
  /* ---------------------------------------------------------------- list */
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_civic-space-s);
    margin: 0 0 var(--_civic-space-s);
  }
  .toolbar label {
    font-weight: 600;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .comments > li {
    /* Loaded pages far from the viewport cost no layout or paint. */
    content-visibility: auto;
    contain-intrinsic-size: auto 12rem;
    border-top: 1px solid var(--_civic-border);
    padding: var(--_civic-space-s) 0;
  }
  .replies {
    margin-inline-start: clamp(0.5rem, 4vw, 2rem);
    padding-inline-start: var(--_civic-space-s);
    border-inline-start: 2px solid var(--_civic-surface-alt);
  }
  .replies > li {
    padding-top: var(--_civic-space-s);
  }
  .comment {
    padding: var(--_civic-space-s);
    border-radius: var(--_civic-radius);
    scroll-margin: var(--_civic-space-l);
  }
  .comment.official {
    border-inline-start: 4px solid var(--_civic-comments-official);
    background: var(--_civic-surface-alt);
  }
  .comment.highlight {
    background: var(--_civic-comments-highlight);
    outline: 2px solid var(--_civic-warning);
  }
  .comment.placeholder {
    color: var(--_civic-muted);
    font-style: italic;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 var(--_civic-space-s);
    margin: 0;
  }
  .author {
    font-weight: 700;
  }
  .meta a,
  .meta .edited {
    color: var(--_civic-muted);
    font-size: 0.9em;
  }
  .badge {
    display: inline-block;
    padding: 0 0.4rem;
    border: 1px solid currentColor;
    border-radius: var(--_civic-radius);
    font-size: 0.85em;
    font-weight: 600;
  }
  .badge.official {
    color: var(--_civic-comments-official);
  }
  .badge.for {
    color: var(--_civic-success);
  }
  .badge.against {
    color: var(--_civic-danger);
  }
  .badge.neutral {
    color: var(--_civic-muted);
  }
  .text {
    margin: 0.25rem 0;
  }
  .text p {
    margin: 0 0 0.5rem;
    white-space: pre-wrap;
  }
  .text a {
    color: var(--_civic-primary);
    overflow-wrap: anywhere;
  }
  .note {
    margin: 0.25rem 0;
    font-size: 0.9em;
    color: var(--_civic-muted);
  }
  .note.warning {
    color: var(--_civic-warning);
    font-weight: 600;
  }
  /* "More time" to edit (WCAG 2.2.1): the warning and its button, wrapping under it on a narrow screen. */
  .extend {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 var(--_civic-space-s);
  }
  .extend .note {
    flex: 0 1 auto;
  }
  .extend button {
    margin: 0.25rem 0;
  }
  .comment .actions {
    margin-top: 0.25rem;
    gap: 0.25rem;
  }
  .comment .actions button {
    padding: 0.25rem 0.75rem;
    border-color: transparent;
  }
  .comment .actions button:hover {
    border-color: var(--_civic-primary);
  }
  .comment button[aria-pressed='true'] {
    background: var(--_civic-primary);
    color: var(--_civic-on-primary);
  }
  .more {
    margin: var(--_civic-space-s) 0;
  }
  /* Over the list, taking no room: its arrival never moves what the reader is reading. */
  .fresh {
    position: sticky;
    top: var(--_civic-space-s);
    z-index: 1;
    height: 0;
    display: flex;
    justify-content: center;
  }
  .fresh button {
    margin: 0;
    background: var(--_civic-surface);
    box-shadow: 0 0.25rem 0.75rem rgb(0 0 0 / 0.25);
  }
  /* ---------------------------------------------------------------- flag dialog */
  dialog {
    max-width: min(32rem, calc(100vw - 2rem));
    border: 2px solid var(--_civic-border);
    border-radius: var(--_civic-radius);
    background: var(--_civic-surface);
    color: var(--_civic-text);
    padding: var(--_civic-space-m);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  dialog h3 {
    margin: 0 0 var(--_civic-space-s);
  }
  @media (forced-colors: active) {
    .comment.highlight,
    .comment.official {
      outline: 2px solid Highlight;
      forced-color-adjust: auto;
    }
    .comment button[aria-pressed='true'] {
      background: Highlight;
      color: HighlightText;
      forced-color-adjust: none;
    }
  }
`;
