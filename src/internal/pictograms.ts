import { html, nothing, svg, type SVGTemplateResult } from 'lit';

/** The pictograms of easy-read mode: one drawing per idea, the same in every widget. */
export type Pictogram = 'send' | 'success' | 'error' | 'offline' | 'help';

/** Line drawings on a 24 × 24 grid, drawn with the text colour (`currentColor`). */
const DRAWINGS: Record<Pictogram, SVGTemplateResult> = {
  // a paper plane
  send: svg`<path d="M21 3 3 10.5l7 3.5 3.5 7L21 3ZM10 14l4.5-4.5"/>`,
  // a tick in a circle
  success: svg`<circle cx="12" cy="12" r="9"/><path d="m7.5 12.5 3 3 6-6.5"/>`,
  // an exclamation mark in a triangle
  error: svg`<path d="M12 3.5 2.5 20h19L12 3.5ZM12 10v4.5M12 17.5v.01"/>`,
  // a crossed-out signal
  offline: svg`<path d="M2.5 9a14 14 0 0 1 19 0M5.5 12.5a9.5 9.5 0 0 1 13 0M9 16a4.5 4.5 0 0 1 6 0M12 19.5v.01M3 3l18 18"/>`,
  // a question mark in a circle
  help: svg`<circle cx="12" cy="12" r="9"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.4 2.3c-.6.3-.9.9-.9 1.5v.7M12 16.8v.01"/>`,
};

/**
 * A pictogram beside an action or a message, in easy-read mode only (nothing otherwise). Hidden
 * from assistive technologies: the words beside it say the same. Themable: `part="pictogram"`,
 * `--civic-pictogram-size`, `--civic-pictogram-color` (default: the text's colour).
 */
export function pictogram(l: { readonly easyRead: boolean }, name: Pictogram) {
  return l.easyRead
    ? html`<svg part="pictogram" class="pictogram ${name}" viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${DRAWINGS[name]}</svg>`
    : nothing;
}
