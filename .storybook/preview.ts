import type { ArgTypesEnhancer } from 'storybook/internal/types';
import type { Preview, WebComponentsRenderer } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components';
// Registers <civic-config> and then every widget (provider first: STACK.md gotcha 4).
import '../src/define.js';
import * as civic from '../src/index.js';
import manifest from '../custom-elements.json';
import { forStorybook, type Manifest } from './manifest.js';

// Args tables and controls come from the manifest generated from the widgets' JSDoc.
setCustomElementsManifest(forStorybook(manifest as Manifest, civic as Record<string, unknown>));

/**
 * The manifest's rows for read-only properties, events, parts and custom properties document the
 * API; a control on them would do nothing (the stories set attributes). Stories that do use one
 * (Theming) declare it explicitly.
 */
const DOC_ONLY = new Set(['properties', 'events', 'slots', 'css shadow parts', 'css custom properties']);
const docOnlyRows: ArgTypesEnhancer<WebComponentsRenderer> = ({ argTypes }) =>
  Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const category = argType.table?.category;
      const inferred = argType.control === undefined || (typeof argType.control === 'object' && argType.control?.type === 'object');
      return [name, category && DOC_ONLY.has(category) && inferred ? { ...argType, control: false } : argType];
    }),
  );

const preview: Preview = {
  argTypesEnhancers: [docOnlyRows],
  parameters: {
    // No name matchers: they would put colour pickers on the manifest's token rows of every story;
    // the Theming stories declare their own controls.
    controls: { expanded: true },
    // Accessibility is part of the contract: a violation fails the story's test (addon-a11y >= 9).
    a11y: { test: 'error' },
    docs: { toc: true },
    layout: 'padded',
  },
};

export default preview;
