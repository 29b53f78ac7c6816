/// <reference types="vite/client" />
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import manifest from '../custom-elements.json';
import { mountSnippetBuilder, TARGETS, type Sri, type Target } from '../demo/snippets.js';
import '../demo/snippets.css';

/**
 * The snippet builder of demo/snippets.html: choose a widget and its options (from
 * custom-elements.json), choose the CMS, copy the code. In the demo it reads the server's
 * integrity hash and shows a live preview; here the hash comes from dist/civic-widgets.sri.json
 * when the bundle was built (`npm run build`), and the server's address is an example.
 */
type BuilderArgs = { ui: 'fr' | 'en'; widget: string; target: Target; base: string };

// Present only after `npm run build` (scripts/sri.mjs): without it the code goes without integrity.
const built = import.meta.glob<Sri>('../dist/civic-widgets.sri.json', { eager: true, import: 'default' });
const sri = Object.values(built)[0];

const meta = {
  title: 'Embed/Snippet builder',
  render: ({ ui, widget, target, base }) => {
    const root = document.createElement('div');
    mountSnippetBuilder(root, { manifest, sri, base, ui, initial: { widget, target, values: { 'survey-id': 'mobilite-2027', 'vote-id': 'velo-rue-principale' } } });
    return root;
  },
  args: { ui: 'fr', widget: 'survey', target: 'html', base: 'https://participer.example.org' },
  argTypes: {
    ui: { control: 'inline-radio', options: ['fr', 'en'], description: 'Language of the builder' },
    widget: { control: 'select', options: ['comment-count', 'comments', 'map-report', 'petition', 'survey', 'vote'] },
    target: { control: 'select', options: [...TARGETS] },
    base: { control: 'text', description: 'Address of the participation server' },
  },
  parameters: { layout: 'padded' },
} satisfies Meta<BuilderArgs>;

export default meta;
type Story = StoryObj<BuilderArgs>;

export const French: Story = { name: 'Français' };
export const English: Story = { args: { ui: 'en' } };
export const WordPressShortcode: Story = { name: 'WordPress shortcode', args: { target: 'wordpress-shortcode' } };
export const Drupal: Story = { args: { target: 'drupal', widget: 'vote' } };
export const Joomla: Story = { args: { target: 'joomla' } };
export const Spip: Story = { name: 'SPIP', args: { target: 'spip' } };
export const Typo3: Story = { name: 'TYPO3', args: { target: 'typo3', ui: 'en' } };

/** By keyboard: another widget, its identifier, the placeholder form, copied; the result is announced. */
export const KeyboardAndCopy: Story = {
  name: 'Keyboard: choose, fill in, copy',
  args: { ui: 'en' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.selectOptions(canvas.getByLabelText('Widget'), 'petition');
    const id = canvas.getByLabelText(/petition-id/);
    await userEvent.type(id, 'bureau-de-poste');
    await userEvent.click(canvas.getByLabelText('Filtered HTML (placeholder form)'));
    const code = canvasElement.querySelectorAll('pre');
    await expect(code[1]?.textContent).toContain('<div data-civic-widget="petition" data-petition-id="bureau-de-poste"');
    await userEvent.click(canvas.getAllByRole('button', { name: 'Copy' })[1]!);
    await waitFor(() => expect(canvas.getByRole('status').textContent).toMatch(/^(Copied|Cannot copy here)/));
  },
};
