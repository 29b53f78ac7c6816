import { html, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import { FIXTURE_ENDPOINT, petitionFixtures, voteFixtures } from './support/fixture-backend.js';
import { singlePoll, singleResults } from './support/vote-fixtures.js';
import { PAPER, postOffice } from './support/petition-fixtures.js';
import { consultation, surveyFixtures } from './support/survey-fixtures.js';
import { LANGUAGES, manifestAttributes } from './support/arg-types.js';
import { inShadow } from './support/in-widget.js';

/**
 * The three other channels beside the standard form (docs/easy-read.md, docs/assisted.md,
 * docs/paper.md), on the poll, the petition and the survey side by side, with the Storybook
 * fixtures: what a front-end developer checks a theme against. Each widget's own stories keep the
 * `easy-read`, `mode`, `mediator` and `print` controls too.
 */
type InclusionArgs = {
  lang: string;
  'online-url'?: string;
  'easy-read'?: boolean;
  mode?: 'standard' | 'assisted';
  mediator?: string;
  'reset-after'?: number;
  print?: boolean;
};

const ids = { vote: 'fixture-inclusion-vote', petition: 'fixture-inclusion-petition', survey: 'fixture-inclusion-survey' };

/** The three widgets, each with the story's attributes (written by manifestAttributes, as a webmaster would). */
function render(a: InclusionArgs): TemplateResult {
  return html`<div style="display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fit,minmax(min(24rem,100%),1fr));align-items:start">
    <civic-vote ${manifestAttributes({ ...a, endpoint: FIXTURE_ENDPOINT, 'vote-id': ids.vote })} lang=${a.lang}></civic-vote>
    <civic-petition ${manifestAttributes({ ...a, endpoint: FIXTURE_ENDPOINT, 'petition-id': ids.petition, 'refresh-interval': 0 })} lang=${a.lang}></civic-petition>
    <civic-survey ${manifestAttributes({ ...a, endpoint: FIXTURE_ENDPOINT, 'survey-id': ids.survey })} lang=${a.lang}></civic-survey>
  </div>`;
}

/** The fixtures of the three widgets, installed before each story and removed after it. */
async function fixtures(): Promise<() => Promise<void>> {
  const removers = await Promise.all([
    voteFixtures({ [ids.vote]: { definition: singlePoll(ids.vote), results: singleResults(ids.vote) } })(),
    petitionFixtures({ [ids.petition]: { definition: postOffice(ids.petition, { paper: PAPER }) } })(),
    surveyFixtures({ [ids.survey]: { definition: consultation(ids.survey) } })(),
  ]);
  return async () => {
    for (const remove of removers) await remove();
  };
}

const meta = {
  title: 'Inclusion',
  render,
  beforeEach: fixtures,
  args: { lang: 'fr' },
  argTypes: {
    lang: { control: 'select', options: LANGUAGES.map((l) => l.code), table: { category: 'attributes' } },
    'easy-read': { control: 'boolean', table: { category: 'attributes' } },
    mode: { control: 'select', options: ['standard', 'assisted'], table: { category: 'attributes' } },
    mediator: { control: 'text', table: { category: 'attributes' } },
    'reset-after': { control: 'number', table: { category: 'attributes' } },
    'online-url': { control: 'text', table: { category: 'attributes' } },
    print: { control: 'boolean', table: { category: 'attributes' } },
  },
  parameters: { layout: 'padded' },
} satisfies Meta<InclusionArgs>;

export default meta;
type Story = StoryObj<InclusionArgs>;

/**
 * `easy-read`: short sentences, one idea per line, pictograms beside the key steps, the words of
 * the FALC/Easy-to-Read rules (docs/easy-read.md). The organiser's own texts stay as written.
 */
export const EasyRead: Story = {
  name: 'Easy read',
  args: { 'easy-read': true },
  play: async ({ canvasElement }) => {
    // The survey's easy-read table (a chunk of its own) replaces the standard wording once loaded.
    const next = await inShadow('civic-survey', canvasElement, '[part~="submit-button"]');
    await waitFor(() => expect(next.textContent?.trim()).toBe('Page suivante'));
  },
};

/** The same in English. */
export const EasyReadEnglish: Story = { name: 'Easy read (English)', args: { 'easy-read': true, lang: 'en' } };

/**
 * `mode="assisted"`: a terminal where a mediator helps residents (docs/assisted.md): larger text
 * and targets, the mediator's bar with its code, nothing of a person kept on the device, the form
 * cleared after `reset-after` minutes without input (after a warning).
 */
export const Assisted: Story = {
  name: 'Assisted terminal',
  args: { mode: 'assisted', mediator: 'FS-Saint-Aubin', 'reset-after': 3 },
};

/** The paper channel (`print`): what the widgets print, with boxes, lines and how to send it back. */
export const Paper: Story = { args: { print: true, 'online-url': 'https://www.saint-aubin.example/participer' } };
