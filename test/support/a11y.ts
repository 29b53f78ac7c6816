/**
 * Browser-side helpers of the accessibility tests: real key presses, what has the focus and how
 * Chromium names it, whether the focus is visible, what the live regions say, Chromium's
 * accessibility tree (see a11y-commands.ts), and geometry (overflow, overlaps, target sizes).
 */
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { AxNode } from './a11y-commands.js';

export type { AxNode };

/** The element that really has the focus, across shadow roots. */
export function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** Chromium's accessibility tree below `selector` (searched across shadow roots). */
export async function axTree(selector: string): Promise<AxNode> {
  const tree = await executeServerCommand<AxNode | false, { selector: string }>('ax-tree', { selector });
  if (!tree) throw new Error(`ax-tree: nothing matches ${selector}`);
  return tree;
}

/** The node that has the focus in Chromium's accessibility tree. */
export async function axFocused(): Promise<AxNode | null> {
  return (await executeServerCommand<AxNode | false, undefined>('ax-focused')) || null;
}

/** Every node of `tree` that passes `test`, depth first. */
export function axAll(tree: AxNode, test: (n: AxNode) => boolean): AxNode[] {
  const out: AxNode[] = [];
  const walk = (n: AxNode) => {
    if (test(n)) out.push(n);
    n.children.forEach(walk);
  };
  walk(tree);
  return out;
}

/** The first node with this role (and name, a string to equal or a RegExp to match). */
export function axFind(tree: AxNode, role: string, name?: string | RegExp): AxNode | undefined {
  return axAll(tree, (n) => n.role === role && (name === undefined || (typeof name === 'string' ? n.name === name : name.test(n.name))))[0];
}

/** The node, or an error that shows what the tree holds. */
export function axGet(tree: AxNode, role: string, name?: string | RegExp): AxNode {
  const found = axFind(tree, role, name);
  if (!found) throw new Error(`no ${role} ${name ?? ''} in the accessibility tree:\n${axOutline(tree)}`);
  return found;
}

/** The tree as indented lines (for error messages). */
export function axOutline(tree: AxNode, depth = 0): string {
  const props = Object.entries(tree.props)
    .filter(([k]) => k !== 'focusable')
    .map(([k, v]) => (v === true ? k : `${k}=${v}`))
    .join(' ');
  const line = `${'  '.repeat(depth)}${tree.role} "${tree.name}"${props ? ` [${props}]` : ''}`;
  return [line, ...tree.children.map((c) => axOutline(c, depth + 1))].join('\n');
}

export interface FocusStop {
  role: string;
  name: string;
}

/** Presses `key` (a real key press through the browser) and lets the widget render. */
export async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
  await settle();
}

/** Types text with real key presses. */
export async function typeKeys(text: string): Promise<void> {
  await sendKeys({ type: text });
  await settle();
}

/** Two frames: Lit's update and anything it focuses after rendering. */
export async function settle(): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await new Promise((r) => setTimeout(r, 0));
}

/** Presses Tab (or Shift+Tab) and returns where the focus went, as Chromium names it. */
export async function tab(back = false): Promise<FocusStop> {
  await press(back ? 'Shift+Tab' : 'Tab');
  return focused();
}

/** The focused node's role and accessible name, from Chromium's accessibility tree. */
export async function focused(): Promise<FocusStop> {
  const n = await axFocused();
  if (!n) {
    // Nothing focused in Chromium's tree: say which element has the DOM focus, for the message.
    const el = deepActive();
    return { role: `(no focused node; DOM focus on ${el ? describeEl(el) : 'nothing'})`, name: '' };
  }
  return { role: n.role, name: n.name };
}

/** `role "name"`, for readable focus-order assertions. */
export const stop = (s: FocusStop) => `${s.role} "${s.name}"`;

/** Tabs until `predicate` holds on the focused element (at most `max` presses); returns the stops on the way. */
export async function tabUntil(predicate: (el: Element | null, s: FocusStop) => boolean, max = 40, back = false): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  for (let i = 0; i < max; i++) {
    const s = await tab(back);
    stops.push(s);
    if (predicate(deepActive(), s)) return stops;
  }
  throw new Error(`the focus never reached its target after ${max} presses; stops: ${stops.map(stop).join(' → ')}`);
}

/**
 * The element that shows the focus of `el`: itself, or the label around an input made transparent
 * to draw a custom control (the survey's scale buttons).
 */
export function indicatorOf(el: Element): Element {
  return getComputedStyle(el).opacity === '0' ? (el.closest('label') ?? el) : el;
}

/**
 * The focus indicator of the focused element is visible: it matches :focus-visible and its
 * indicator has an outline (style not none, width > 0) or a box shadow (not in forced colours,
 * where shadows are not painted).
 */
export function focusIndicator(el: Element | null = deepActive()): { visible: boolean; what: string; color: string; on: Element | null } {
  if (!el) return { visible: false, what: 'nothing focused', color: '', on: null };
  const on = indicatorOf(el);
  const cs = getComputedStyle(on);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
  const forced = matchMedia('(forced-colors: active)').matches;
  const shadow = cs.boxShadow !== 'none' && !forced;
  // A date field's calendar button is inside the field's own (closed) shadow root: the field is :focus-within.
  const matches = el.matches(':focus-visible') || (el instanceof HTMLInputElement && el.type === 'date' && el.matches(':focus-within'));
  const what = `${describeEl(el)}${on !== el ? ` (shown on ${describeEl(on)})` : ''} :focus-visible=${matches} outline=${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor} box-shadow=${cs.boxShadow}`;
  return { visible: matches && (outline || shadow), what, color: outline ? cs.outlineColor : '', on };
}

/**
 * Tabs from the focused element through every stop of `host` until the focus leaves it or reaches
 * `end` (at most `max` presses); returns each stop inside the widget with its focus indicator.
 */
export async function tabThrough(host: Element, max = 80, end?: Element): Promise<Array<{ el: Element; indicator: ReturnType<typeof focusIndicator> }>> {
  const stops: Array<{ el: Element; indicator: ReturnType<typeof focusIndicator> }> = [];
  let entered = false;
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    await new Promise((r) => requestAnimationFrame(r));
    const el = deepActive();
    const inside = !!el && (host === el || host.shadowRoot!.contains(el) || host.contains(el));
    if (!inside) {
      if (entered || (end && el === end)) return stops;
      continue;
    }
    entered = true;
    stops.push({ el: el!, indicator: focusIndicator(el) });
  }
  throw new Error(`the focus did not leave the widget after ${max} presses`);
}

/** The text of every live region (role=status, role=alert, aria-live) in the widget, whitespace folded, non-empty only. */
export function liveRegions(host: Element): string[] {
  const root = host.shadowRoot!;
  return [...root.querySelectorAll('[role=status], [role=alert], [aria-live]')]
    .filter((e) => e.getAttribute('aria-live') !== 'off')
    // innerText: one line per paragraph (as a screen reader reads them), nothing that is display:none.
    .map((e) => ((e as HTMLElement).innerText ?? '').replace(/[ \t\n\r]+/g, ' ').trim())
    .filter(Boolean);
}

/** Everything the live regions say, in one string. */
export const announced = (host: Element) => liveRegions(host).join(' | ');

/* ------------------------------------------------------------------ geometry */

/** Elements of the widget a resident can operate: buttons, links, fields, and the label around each radio button or checkbox. */
export function interactiveTargets(host: Element): Element[] {
  const root = host.shadowRoot!;
  const out: Element[] = [];
  for (const el of root.querySelectorAll('button, a[href], input, select, textarea, summary, [tabindex="0"], [role=option]')) {
    if (el.closest('[aria-hidden="true"], [hidden]')) continue;
    if ((el as HTMLElement).tabIndex < 0 && el.getAttribute('role') !== 'option' && !(el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox'))) continue;
    if (el instanceof HTMLInputElement && el.type === 'file') continue;
    if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
      const label = el.closest('label') ?? (el.id ? root.querySelector(`label[for="${el.id}"]`) : null);
      out.push(label ?? el);
      continue;
    }
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    out.push(el);
  }
  return out;
}

/** Name of an element for messages. */
export function describeEl(el: Element): string {
  const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
  return `<${el.localName}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}> "${text}"`;
}

/** Targets smaller than `min` CSS px in either direction. Inline links in running text are exempt (WCAG 2.5.8), marked by the caller's `exempt`. */
export function smallTargets(host: Element, min = 44, exempt: (el: Element) => boolean = () => false): string[] {
  return interactiveTargets(host)
    .filter((el) => !exempt(el))
    .map((el) => [el, el.getBoundingClientRect()] as const)
    .filter(([, r]) => r.width > 0 && (r.width < min - 0.5 || r.height < min - 0.5))
    .map(([el, r]) => `${describeEl(el)} ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
}

/** Pairs of interactive targets whose boxes overlap (by more than half a pixel); a link broken over two lines counts line by line. */
export function overlappingTargets(host: Element): string[] {
  const boxes = interactiveTargets(host).map((el) => [el, [...el.getClientRects()]] as const);
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, ras] = boxes[i]!;
      const [b, rbs] = boxes[j]!;
      if (a.contains(b) || b.contains(a)) continue;
      for (const ra of ras) {
        for (const rb of rbs) {
          const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
          const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
          if (w > 0.5 && h > 0.5) out.push(`${describeEl(a)} overlaps ${describeEl(b)} (${w.toFixed(1)}×${h.toFixed(1)})`);
        }
      }
    }
  }
  return out;
}

/**
 * What sticks out sideways: the host or any element of its shadow root wider than its scroll
 * container, or reaching past the host's right/left edge. Elements inside a container that scrolls
 * on purpose (`overflow-x: auto` tables) are checked against that container instead.
 */
export function horizontalOverflow(host: HTMLElement): string[] {
  const out: string[] = [];
  const hostBox = host.getBoundingClientRect();
  if (host.scrollWidth > host.clientWidth + 1) out.push(`host scrollWidth ${host.scrollWidth} > clientWidth ${host.clientWidth}`);
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1)
    out.push(`page scrollWidth ${document.documentElement.scrollWidth} > ${document.documentElement.clientWidth}`);
  const root = host.shadowRoot!;
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    if (el.closest('.visually-hidden, [hidden], .leaflet-pane, .leaflet-control-container, svg')) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || cs.position === 'fixed') continue;
    const scroller = el.parentElement?.closest<HTMLElement>('.table-wrap, .table-scroll, .map');
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const bounds = scroller && scroller !== el ? scroller.getBoundingClientRect() : hostBox;
    if (scroller && scroller !== el) continue; // scrolls on purpose, inside its own box
    if (r.right > bounds.right + 1 || r.left < bounds.left - 1) out.push(`${describeEl(el)} ${r.left.toFixed(0)}–${r.right.toFixed(0)} outside ${bounds.left.toFixed(0)}–${bounds.right.toFixed(0)}`);
    // The map is a window onto a larger surface by design (its panes are positioned beyond its box).
    if ((cs.overflowX === 'hidden' || cs.overflowX === 'clip') && el.scrollWidth > el.clientWidth + 1 && !el.matches('.visually-hidden, .map, .leaflet-container'))
      out.push(`${describeEl(el)} clips its content (${el.scrollWidth} > ${el.clientWidth})`);
  }
  return out;
}

/* ------------------------------------------------------------------ colour */

/** sRGB relative luminance of a computed colour `rgb(a)(…)`. */
function luminance(color: string): number {
  const [r, g, b] = parseColor(color).slice(0, 3).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function parseColor(color: string): [number, number, number, number] {
  const m = /rgba?\(([^)]+)\)/.exec(color);
  if (!m) {
    // color(srgb r g b / a) and friends: let the browser convert through a canvas.
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0]!, d[1]!, d[2]!, d[3]! / 255];
  }
  const parts = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

/** WCAG contrast ratio of two opaque colours. */
export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The background an element is painted on: its own or the first ancestor's (across the shadow boundary) that is not transparent. */
export function backgroundOf(el: Element): string {
  let node: Element | null = el;
  while (node) {
    const bg = getComputedStyle(node).backgroundColor;
    if (parseColor(bg)[3] > 0.5) return bg;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null);
  }
  return getComputedStyle(document.documentElement).backgroundColor === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : getComputedStyle(document.documentElement).backgroundColor;
}

/** Tab (or Shift+Tab), then require a visible focus where it landed; returns the stop as `role "name"`. */
export async function tabVisibly(back = false): Promise<string> {
  const s = await tab(back);
  const f = focusIndicator();
  if (!f.visible) throw new Error(`focus not visible on ${stop(s)}: ${f.what}`);
  return stop(s);
}

/** Tabs (visibly) until the stop is `target` (`role "name"`); returns every stop on the way, target included. */
export async function tabTo(target: string, max = 40, back = false): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    stops.push(await tabVisibly(back));
    if (stops[stops.length - 1] === target) return stops;
  }
  throw new Error(`never reached ${target}; stops: ${stops.join(' → ')}`);
}

/** The focused node as `role "name"`, now. */
export async function here(): Promise<string> {
  return stop(await focused());
}

/** Mounts `template` between two page links and puts the focus on the first one (where a resident arrives from). */
export function startBefore(wrap: Element): void {
  (wrap.querySelector('#before') as HTMLElement).focus();
}
