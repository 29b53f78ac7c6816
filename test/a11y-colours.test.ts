/**
 * Colours, in Chromium on the live backend, for every widget in its main states:
 *
 * - Forced colours (Windows high contrast, `forced-colors: active`): every stop of the Tab order
 *   shows an outline (shadows are not painted there) in a system colour that stands out from the
 *   background; every field and button keeps a visible edge; a chosen custom control (the survey's
 *   scale buttons) looks different from the others.
 * - A dark page (`prefers-color-scheme: dark`) that sets no token: the widget stays a light card,
 *   its own text on its own surface (never half dark), axe's contrast rules pass.
 * - The dark theme the project ships (stories/themes/dark.css: tokens only) on a dark page: axe's
 *   contrast rules pass, every focus ring has 3:1 against the widget's surface, field edges 3:1.
 *
 * The decision (docs/accessibility/README.md): the widgets follow the page, not the system setting —
 * a site that has a dark mode sets the tokens in its own `@media (prefers-color-scheme: dark)`.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { clearDeviceStorage } from './support/helpers.js';
import { backgroundOf, contrast, describeEl, parseColor, tabThrough } from './support/a11y.js';
import { STATES, WIDGETS, mountCase, type WidgetCase } from './support/a11y-widgets.js';

let darkCss = '';
async function darkTheme(): Promise<HTMLStyleElement> {
  darkCss ||= await (await fetch('/stories/themes/dark.css')).text();
  const style = document.createElement('style');
  style.id = 'dark-theme';
  style.textContent = `${darkCss}\nbody { background: #0b1220; color: #e5e7eb; } a { color: #93c5fd; }`;
  document.head.append(style);
  return style;
}

/** A link before and after the widget, to tab in from and out to. */
async function mountBetweenLinks(c: WidgetCase): Promise<HTMLElement> {
  const el = await mountCase(c);
  const page = el.closest('.page') ?? el.parentElement!.closest('.page')!;
  const before = Object.assign(document.createElement('a'), { href: '#before', textContent: 'Before' });
  const after = Object.assign(document.createElement('a'), { href: '#after', textContent: 'After', id: 'after' });
  page.prepend(before);
  page.append(after);
  before.focus();
  return el;
}

/**
 * Fields (their edge is how one finds them: WCAG 1.4.11) and buttons drawn with a border or a fill;
 * text-only buttons (the comments' actions) have no edge to keep, and are left out unless `all`.
 */
const edges = (host: HTMLElement, all = false) =>
  [...host.shadowRoot!.querySelectorAll<HTMLElement>('input:not([type=radio]):not([type=checkbox]):not([type=file]):not([tabindex="-1"]), select, textarea, button')].filter((e) => {
    if (e.getBoundingClientRect().width === 0 || e.closest('[aria-hidden="true"], .leaflet-control-container')) return false;
    if (all || e.localName !== 'button') return true;
    const cs = getComputedStyle(e);
    return parseColor(cs.borderTopColor)[3] > 0.5 || parseColor(cs.backgroundColor)[3] > 0.5;
  });

/** The whole page in the viewport: the comments' content-visibility: auto paints every comment, so axe sees their real background. */
async function showAll(): Promise<void> {
  await setViewport({ width: 800, height: Math.max(600, document.documentElement.scrollHeight) });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}

/** Results only: nothing to focus. */
const noStops = new Set(['vote-results', 'vote-ranked-results', 'vote-budget-results']);

/** An edge is visible: a border of at least 1 px in a colour that stands out from what is behind the control, or a filled background that does. */
function edgeProblem(e: HTMLElement, min: number): string | undefined {
  const cs = getComputedStyle(e);
  const behind = backgroundOf(e.parentElement ?? e);
  const border = cs.borderTopStyle !== 'none' && parseFloat(cs.borderTopWidth) >= 1 && parseColor(cs.borderTopColor)[3] > 0.5 ? contrast(cs.borderTopColor, behind) : 0;
  const fill = parseColor(cs.backgroundColor)[3] > 0.5 ? contrast(cs.backgroundColor, behind) : 0;
  if (Math.max(border, fill) >= min) return undefined;
  return `${describeEl(e)}: border ${cs.borderTopStyle} ${cs.borderTopWidth} ${cs.borderTopColor} / fill ${cs.backgroundColor} on ${behind} (${Math.max(border, fill).toFixed(2)}:1)`;
}

describe('forced colours, dark pages and the dark theme', () => {
  beforeEach(() => clearDeviceStorage());
  afterEach(async () => {
    document.getElementById('dark-theme')?.remove();
    await emulateMedia({ forcedColors: 'none', colorScheme: 'light' } as never);
    await setViewport({ width: 800, height: 600 });
  });

  for (const c of [...WIDGETS, ...STATES].filter((w) => w.name !== 'comment-count')) {
    it(`${c.name}: forced colours — outlined focus at every stop, visible edges`, async () => {
      await emulateMedia({ forcedColors: 'active' } as never);
      const el = await mountBetweenLinks(c);
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      const stops = await tabThrough(el, 80, document.getElementById('after')!);
      expect(stops.length > 0 || noStops.has(c.name)).to.equal(true);
      const bad = stops.filter((s) => !s.indicator.visible || contrast(s.indicator.color, backgroundOf(s.indicator.on!)) < 3).map((s) => s.indicator.what);
      expect(bad, 'stops without a visible outline').to.deep.equal([]);
      expect(edges(el, true).map((e) => edgeProblem(e, 3)).filter(Boolean), 'controls without a visible edge').to.deep.equal([]);
    });
  }

  it('survey: forced colours — the chosen scale value and stars stand out', async () => {
    await emulateMedia({ forcedColors: 'active' } as never);
    const el = await mountCase(WIDGETS.find((w) => w.name === 'survey-all-questions')!);
    const root = el.shadowRoot!;
    (root.querySelector('input[name=note][value="7"]') as HTMLInputElement).click();
    (root.querySelector('input[name=stars][value="3"]') as HTMLInputElement).click();
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const look = (sel: string) => {
      const cs = getComputedStyle(root.querySelector(sel)!);
      return `${cs.color} / ${cs.backgroundColor}`;
    };
    const scale = [...root.querySelectorAll('input[name=note]')].map((i) => i.closest('label')!);
    expect(look('input[name=note][value="7"]')).to.not.equal('');
    const chosen = getComputedStyle(scale[7]!);
    const other = getComputedStyle(scale[6]!);
    expect(`${chosen.color} / ${chosen.backgroundColor}`, 'chosen scale value').to.not.equal(`${other.color} / ${other.backgroundColor}`);
    const stars = [...root.querySelectorAll('input[name=stars]')].map((i) => getComputedStyle(i.closest('label')!).color);
    expect(stars[2], 'third star (chosen)').to.not.equal(stars[3]);
    expect(stars[0]).to.equal(stars[2]);
  });

  it('survey: the chosen stars differ by shape (filled or hollow), not by colour alone', async () => {
    const el = await mountCase(WIDGETS.find((w) => w.name === 'survey-all-questions')!);
    const root = el.shadowRoot!;
    (root.querySelector('input[name=stars][value="3"]') as HTMLInputElement).click();
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const glyphs = [...root.querySelectorAll('input[name=stars]')].map((i) => {
      const cs = getComputedStyle(i.closest('label')!.querySelector('span')!);
      return parseColor(cs.color)[3] === 0 && parseFloat(cs.webkitTextStroke || cs.getPropertyValue('-webkit-text-stroke-width')) > 0 ? 'hollow' : 'filled';
    });
    expect(glyphs).to.deep.equal(['filled', 'filled', 'filled', 'hollow', 'hollow']);
  });

  for (const c of WIDGETS) {
    it(`${c.name}: a dark page without tokens keeps the light card readable`, async () => {
      await emulateMedia({ colorScheme: 'dark' });
      // A dark page: its own background and link colour (the count sits in the page's link).
      const page = Object.assign(document.createElement('style'), { id: 'dark-theme', textContent: 'body { background: #0b1220; color: #e5e7eb; } a { color: #93c5fd; }' });
      document.head.append(page);
      try {
        const el = await mountCase(c);
        await showAll();
        expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
        if (c.name !== 'comment-count') {
          const base = el.shadowRoot!.querySelector('[part~=base]')!;
          expect(getComputedStyle(base).backgroundColor).to.equal('rgb(255, 255, 255)');
        }
        await expect(el).to.be.accessible();
      } finally {
        page.remove();
      }
    });

    it(`${c.name}: the dark theme — contrast, focus rings and field edges`, async () => {
      await emulateMedia({ colorScheme: 'dark' });
      await darkTheme();
      const el = await mountBetweenLinks(c);
      await showAll();
      if (c.name === 'comment-count') {
        // Text inside the page's link: the page's colours.
        await expect(el).to.be.accessible();
        return;
      }
      const surface = getComputedStyle(el.shadowRoot!.querySelector('[part~=base]')!).backgroundColor;
      expect(surface).to.equal('rgb(17, 24, 39)');
      await expect(el).to.be.accessible();
      const stops = await tabThrough(el, 80, document.getElementById('after')!);
      const weak = stops.filter((s) => !s.indicator.visible || contrast(s.indicator.color, surface) < 3).map((s) => `${s.indicator.what} (${s.indicator.color ? contrast(s.indicator.color, surface).toFixed(2) : '-'}:1)`);
      expect(weak, 'focus rings under 3:1 on the surface').to.deep.equal([]);
      expect(edges(el).map((e) => edgeProblem(e, 3)).filter(Boolean), 'field and button edges under 3:1').to.deep.equal([]);
    });
  }
});
