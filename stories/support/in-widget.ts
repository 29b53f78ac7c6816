import { waitFor } from 'storybook/test';

/**
 * A story's way into a widget: an element of the `nth` `tag`'s shadow root in the story's canvas,
 * once it is rendered (up to 8 s).
 */
export function inShadow<T extends Element = HTMLElement>(tag: string, canvas: HTMLElement, selector: string, nth = 0): Promise<T> {
  return waitFor(
    () => {
      const found = canvas.querySelectorAll(tag)[nth]?.shadowRoot?.querySelector<T>(selector);
      if (!found) throw new Error(`<${tag}> has no ${selector} yet`);
      return found;
    },
    { timeout: 8000 },
  );
}
