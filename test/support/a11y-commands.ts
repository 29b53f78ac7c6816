/**
 * Web Test Runner commands for the accessibility tests (test/a11y-*, test/keyboard-*, test/reflow*):
 *
 * - `ax-tree` { selector }: Chromium's own accessibility tree (CDP `Accessibility.getFullAXTree`,
 *   what a screen reader is given) below the element `selector` finds in the page (shadow roots
 *   included), simplified: ignored and unnamed generic nodes are folded into their parent, text
 *   leaves dropped. Playwright 1.65 no longer has `page.accessibility`, which WTR's `a11ySnapshot`
 *   relies on.
 * - `ax-focused`: the node of that tree that has the focus (role, name, states), as announced.
 * - `page-screenshot` { path, fullPage }: a PNG of the page under `.tmp/` (the reflow screenshots);
 *   with A11Y_SLICES=<px> set, also cut in slices that height, to look at in full size.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve, relative, isAbsolute } from 'node:path';

export interface AxNode {
  role: string;
  name: string;
  /** Every property Chromium reports that is not false/empty: required, invalid, expanded, checked, live, level… */
  props: Record<string, string | number | boolean>;
  description?: string;
  value?: string;
  children: AxNode[];
}

type CdpValue = { type: string; value?: unknown };
interface RawAxNode {
  nodeId: string;
  ignored: boolean;
  role?: CdpValue;
  name?: CdpValue;
  description?: CdpValue;
  value?: CdpValue;
  properties?: Array<{ name: string; value: CdpValue }>;
  childIds?: string[];
  backendDOMNodeId?: number;
}
interface Cdp {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  detach(): Promise<void>;
}
interface Page {
  context(): { newCDPSession(page: Page): Promise<Cdp> };
  screenshot(o: { path: string; fullPage?: boolean; clip?: { x: number; y: number; width: number; height: number } }): Promise<unknown>;
  evaluate<T>(fn: string): Promise<T>;
}
type Session = { id: string; browser: { type?: string; getPage?: (id: string) => Page } };

/** Roles that only group, without meaning of their own: folded into their parent when they have no name. */
const FOLD = new Set(['generic', 'none', 'presentation', 'LineBreak', 'StaticText', 'InlineTextBox', 'ListMarker', 'LabelText']);
const DROP = new Set(['StaticText', 'InlineTextBox', 'ListMarker', 'LineBreak']);

/** One node as the tests see it (without its children). */
function describe(raw: RawAxNode, children: AxNode[] = []): AxNode {
  const props: AxNode['props'] = {};
  for (const p of raw.properties ?? []) {
    const v = p.value.value;
    if (v === false || v === undefined || v === '' || p.value.type === 'idrefList' || p.value.type === 'nodeList') continue;
    props[p.name] = v as string | number | boolean;
  }
  const node: AxNode = { role: String(raw.role?.value ?? ''), name: String(raw.name?.value ?? ''), props, children };
  const description = String(raw.description?.value ?? '');
  if (description) node.description = description;
  const value = raw.value?.value;
  if (value !== undefined && value !== '') node.value = String(value);
  return node;
}

function simplify(byId: Map<string, RawAxNode>, id: string): AxNode[] {
  const raw = byId.get(id);
  if (!raw) return [];
  const role = String(raw.role?.value ?? '');
  if (DROP.has(role)) return [];
  const children = (raw.childIds ?? []).flatMap((c) => simplify(byId, c));
  if (raw.ignored || (FOLD.has(role) && !raw.name?.value)) return children;
  return [describe(raw, children)];
}

function insideTmp(path: string): string {
  const target = resolve(process.cwd(), '.tmp', path);
  const rel = relative(resolve(process.cwd(), '.tmp'), target);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new Error(`page-screenshot: ${path} is outside .tmp/`);
  return target;
}

export function a11yCommandsPlugin() {
  return {
    name: 'civic-a11y-commands',
    async executeCommand({ command, payload, session }: { command: string; payload: unknown; session: Session }) {
      if (command !== 'ax-tree' && command !== 'ax-focused' && command !== 'page-screenshot') return undefined;
      const page = session.browser.getPage?.(session.id);
      if (!page) throw new Error(`${command}: needs the Playwright launcher (Chromium)`);
      if (command === 'page-screenshot') {
        const { path, fullPage } = payload as { path: string; fullPage?: boolean };
        const slice = Number(process.env.A11Y_SLICES) || 0;
        const file = insideTmp(path);
        mkdirSync(dirname(file), { recursive: true });
        await page.screenshot({ path: file, fullPage: fullPage ?? true });
        // With A11Y_SLICES=<px> in the environment, a tall page also in slices (name-1.png, name-2.png…), to look at in full size.
        if (slice) {
          const [width, height] = await page.evaluate<[number, number]>('[document.documentElement.clientWidth, document.documentElement.scrollHeight]');
          for (let y = 0, i = 1; y < height; y += slice, i++) {
            await page.screenshot({ path: file.replace(/\.png$/, `-${i}.png`), fullPage: true, clip: { x: 0, y, width, height: Math.min(slice, height - y) } });
          }
        }
        return file;
      }
      const cdp = await page.context().newCDPSession(page);
      try {
        if (command === 'ax-focused') {
          // The node that has the focus, as a screen reader announces it (role, name, states).
          await cdp.send('Accessibility.enable');
          const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: RawAxNode[] };
          // The document itself reports `focused` while the page has the focus: the element that has it is the other one.
          const all = nodes.filter((n) => !n.ignored && n.properties?.some((p) => p.name === 'focused' && p.value.value === true));
          const focused = all.find((n) => n.role?.value !== 'RootWebArea') ?? all[0];
          // (WTR takes null for "not handled": false says "nothing".)
          if (!focused) return false;
          return describe(focused);
        }
        const { selector } = payload as { selector: string };
        // The element through a page-side query that crosses shadow roots, then its backend node id.
        const { result } = (await cdp.send('Runtime.evaluate', {
          expression: `(() => {
            const find = (root, sel) => root.querySelector(sel) ?? [...root.querySelectorAll('*')].map((e) => e.shadowRoot && find(e.shadowRoot, sel)).find(Boolean) ?? null;
            return find(document, ${JSON.stringify(selector)});
          })()`,
        })) as { result: { objectId?: string } };
        if (!result.objectId) return false;
        const { node } = (await cdp.send('DOM.describeNode', { objectId: result.objectId })) as { node: { backendNodeId: number } };
        await cdp.send('Accessibility.enable');
        const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: RawAxNode[] };
        const byId = new Map(nodes.map((n) => [n.nodeId, n]));
        const root = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId);
        if (!root) return false;
        // The element itself (a custom element is usually a generic node): its meaningful descendants.
        return describe(root, (root.childIds ?? []).flatMap((c) => simplify(byId, c)));
      } finally {
        await cdp.detach();
      }
    },
  };
}
