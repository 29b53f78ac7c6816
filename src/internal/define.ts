/** Registers a tag once: a CMS page may load the script twice (a theme and a plugin). */
export function defineOnce(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
