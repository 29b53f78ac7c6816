/**
 * Reflow (WCAG 1.4.10, RGAA 10.11), text resized to 200 % (1.4.4, RGAA 10.4) and touch targets
 * (2.5.5: 44 × 44 CSS px) for every widget in its main states, in Chromium on the live backend:
 *
 * - 320 CSS px wide; 320 px with the root font size at 200 %; 1280 px with the root font size at 200 %
 *   (text-only zoom: the widgets size everything in rem/em from the page's root);
 * - nothing sticks out sideways (no horizontal scrolling of the page or the widget, no element past
 *   the widget's edges, no element clipping its own content), except inside the containers meant
 *   to scroll (wide result tables, the map);
 * - no two controls overlap; every control (a radio button's or checkbox's label counts) is at least
 *   44 × 44 CSS px, at every size;
 * - with the text spacing of WCAG 1.4.12 imposed (RGAA 10.12), the same, at 320 px;
 * - a full-page screenshot of each in .tmp/reflow/<widget>-<size>.png, to look at.
 */
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { executeServerCommand } from '@web/test-runner-commands';
import { clearDeviceStorage } from './support/helpers.js';
import { horizontalOverflow, overlappingTargets, smallTargets, settle } from './support/a11y.js';
import { STATES, WIDGETS, mountCase } from './support/a11y-widgets.js';

const SIZES = [
  { name: '320', width: 320, height: 640, font: '' },
  { name: '320-text200', width: 320, height: 640, font: '200%' },
  { name: '1280-text200', width: 1280, height: 800, font: '200%' },
  // WCAG 1.4.12 / RGAA 10.12: the text spacing a reader may impose, in the page and inside the widget's shadow root.
  { name: '320-spacing', width: 320, height: 640, font: '', spacing: true },
];

const SPACING = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }';

/** Imposes the text spacing on the page and in every shadow root below `root`. */
function imposeSpacing(root: Element): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(SPACING);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  for (const el of [root, ...root.querySelectorAll('*')]) {
    if (el.shadowRoot) el.shadowRoot.adoptedStyleSheets = [...el.shadowRoot.adoptedStyleSheets, sheet];
  }
}

/** Links inside running text are exempt from the target size (WCAG 2.5.5 "inline"): in a sentence of a paragraph, or the map's credit line. */
const inlineLink = (el: Element) => {
  if (el.localName !== 'a' || el.closest('.actions')) return false;
  if (el.closest('.leaflet-control-attribution')) return true;
  const block = el.closest('p, li');
  return !!block && (block.textContent ?? '').trim() !== (el.textContent ?? '').trim();
};

describe('reflow, text at 200 % and touch targets', () => {
  beforeEach(() => clearDeviceStorage());
  afterEach(async () => {
    document.adoptedStyleSheets = [];
    document.documentElement.style.fontSize = '';
    await setViewport({ width: 800, height: 600 });
  });

  for (const c of [...WIDGETS, ...STATES]) {
    for (const size of SIZES) {
      it(`${c.name} at ${size.width} px${size.font ? `, text ${size.font}` : ''}${size.spacing ? ', text spacing' : ''}`, async () => {
        await setViewport({ width: size.width, height: size.height });
        document.documentElement.style.fontSize = size.font;
        document.body.style.margin = '0';
        const el = await mountCase(c);
        if (size.spacing) {
          imposeSpacing(el.closest('.page') ?? el);
          await settle();
        }
        // The whole page in the viewport: the comments' content-visibility: auto renders every comment (for the measures and the screenshot).
        await setViewport({ width: size.width, height: Math.max(size.height, document.documentElement.scrollHeight) });
        await settle();
        await executeServerCommand('page-screenshot', { path: `reflow/${c.name}-${size.name}.png`, fullPage: true });
        expect(horizontalOverflow(el), 'horizontal overflow').to.deep.equal([]);
        expect(overlappingTargets(el), 'overlapping controls').to.deep.equal([]);
        expect(smallTargets(el, 44, inlineLink), 'controls under 44 × 44 px').to.deep.equal([]);
      });
    }
  }
});
