import type { ArgTypesEnhancer } from 'storybook/internal/types';
import type { Decorator, Preview, WebComponentsRenderer } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components';
// Registers <civic-config> and then every widget (provider first: STACK.md gotcha 4).
import '../src/define.js';
import * as civic from '../src/index.js';
import manifest from '../custom-elements.json';
import { forStorybook, type Manifest } from './manifest.js';
import { html } from 'lit';
import { LANGUAGES } from '../stories/support/arg-types.js';
import { THEMES, isThemeName } from '../stories/themes/index.js';

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

/**
 * Language toolbar: `lang` of every widget of every story (the story's own `lang` arg is replaced;
 * a wrapper carries it too, for the stories that write their markup by hand).
 */
const withLanguage: Decorator = (story, { args, globals }) => {
  const lang = typeof globals.civicLang === 'string' ? globals.civicLang : '';
  if (!lang) return story();
  return html`<div lang=${lang}>${story({ args: { ...args, lang } })}</div>`;
};

/**
 * Theme toolbar: one of stories/themes/*.css for the whole preview, loaded as a site would load
 * it (a stylesheet on the page), with the page's own colours behind the widgets.
 */
const withTheme: Decorator = (story, { globals, viewMode }) => {
  const theme = THEMES[isThemeName(globals.civicTheme) ? globals.civicTheme : 'none'];
  let sheet = document.getElementById('civic-theme') as HTMLStyleElement | null;
  if (!sheet) {
    sheet = document.createElement('style');
    sheet.id = 'civic-theme';
    document.head.append(sheet);
  }
  if (sheet.textContent !== theme.css) sheet.textContent = theme.css;
  if (viewMode === 'docs') {
    return theme.css ? html`<div style="padding:1rem;background:${theme.page.background ?? 'transparent'};color:${theme.page.color ?? 'inherit'}">${story()}</div>` : story();
  }
  document.body.style.background = theme.page.background ?? '';
  document.body.style.color = theme.page.color ?? '';
  return story();
};

const preview: Preview = {
  argTypesEnhancers: [docOnlyRows],
  decorators: [withLanguage, withTheme],
  globalTypes: {
    civicTheme: {
      description: 'A theme of stories/themes/ (only --civic-* tokens and ::part rules) for every story',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        dynamicTitle: true,
        items: Object.entries(THEMES).map(([value, t]) => ({ value, title: t.title })),
      },
    },
    civicLang: {
      description: 'The lang attribute of every widget',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        dynamicTitle: true,
        items: [{ value: '', title: 'As the story says' }, ...LANGUAGES.map((l) => ({ value: l.code, title: `${l.code} · ${l.name}`, ...(l.code === 'ar' ? { right: 'RTL' } : {}) }))],
      },
    },
  },
  initialGlobals: { civicTheme: 'none', civicLang: '' },
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
