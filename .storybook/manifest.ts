/**
 * custom-elements.json as Storybook's args tables want it. The manifest is generated from the
 * widgets' JSDoc (`npm run analyze`) and is used as is, with two safety nets:
 *
 * 1. A custom element without `tagName` gets it from the live registry (`customElements.getName`):
 *    Storybook finds a component by `tagName`, and the tags are registered by `static define()`,
 *    which the analyzer cannot follow when a class JSDoc lacks `@tag`.
 * 2. Private and protected members and static methods are dropped: they are not the public
 *    contract. Fields with an attribute are listed once, as attributes (how a webmaster sets them).
 */

interface Item {
  name?: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
  attribute?: string;
  [key: string]: unknown;
}

interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  members?: Item[];
  events?: Item[];
  [key: string]: unknown;
}

export interface Manifest {
  schemaVersion: string;
  modules: Array<{ path: string; declarations?: Declaration[]; [key: string]: unknown }>;
  [key: string]: unknown;
}

const isPublicField = (m: Item) => !m.static && (m.privacy === undefined || m.privacy === 'public') && m.kind !== 'method';

/** A copy of `manifest` with every registered tag named and only the public API. */
export function forStorybook(manifest: Manifest, classes: Record<string, unknown>): Manifest {
  const copy = structuredClone(manifest);
  for (const mod of copy.modules) {
    for (const d of mod.declarations ?? []) {
      if (d.kind !== 'class') continue;
      const ctor = classes[d.name];
      if (!d.tagName && typeof ctor === 'function') d.tagName = customElements.getName(ctor as CustomElementConstructor) ?? undefined;
      if (!d.tagName) continue;
      d.customElement = true;
      d.members = (d.members ?? []).filter((m) => isPublicField(m) && !m.attribute);
      d.events = (d.events ?? []).filter((e) => typeof e.name === 'string' && e.name.length > 0);
    }
  }
  return copy;
}
