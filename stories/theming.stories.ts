import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { userEvent } from 'storybook/test';
import { FIXTURE_ENDPOINT, petitionFixtures, voteFixtures } from './support/fixture-backend.js';
import { multipleResults, multiplePoll, singlePoll, singleResults, votedRecord } from './support/vote-fixtures.js';
import { postOffice } from './support/petition-fixtures.js';
import { QUESTIONS, survey, surveyFixtures } from './support/survey-fixtures.js';
import { CONVERSATION, commentsFixtures, thread } from './support/comments-fixtures.js';
import { TILE_URL, mapReportFixtures, space } from './support/map-report-fixtures.js';
import { inShadow } from './support/in-widget.js';
import { partRows } from './support/theming-data.js';
import { THEMES, scopeTheme, type ThemeName } from './themes/index.js';

/**
 * Every widget on one page, to see a theme at once: stories/themes/*.css scoped to a story (so that
 * several themes sit on one docs page), and a part explorer that outlines one `::part()` in every
 * widget. The Theme toolbar applies the same files to every other story.
 */
type GalleryArgs = { part?: string };

const ID = {
  vote: 'fixture-gallery-vote',
  results: 'fixture-gallery-results',
  petition: 'fixture-gallery-petition',
  survey: 'fixture-gallery-survey',
  comments: 'fixture-gallery-comments',
  count: 'fixture-gallery-count',
  map: 'fixture-gallery-map',
};

/** Every fixture of the gallery; the cleanup releases them all. */
async function galleryFixtures(): Promise<() => Promise<void>> {
  const cleanups = await Promise.all([
    voteFixtures({
      [ID.vote]: { definition: singlePoll(ID.vote), results: singleResults(ID.vote) },
      [ID.results]: { definition: multiplePoll(ID.results), results: multipleResults(ID.results), device: { voted: votedRecord(['feu-artifice', 'cinema-plein-air']) } },
    })(),
    petitionFixtures({ [ID.petition]: { definition: postOffice(ID.petition, { profile: 'minimal' }) } })(),
    surveyFixtures({ [ID.survey]: { definition: survey(ID.survey, [QUESTIONS.single!, QUESTIONS.stars!, QUESTIONS.textarea!]) } })(),
    commentsFixtures({ [ID.comments]: { definition: thread(ID.comments, { stances: true }), comments: CONVERSATION.slice(0, 2) }, [ID.count]: { definition: thread(ID.count), comments: CONVERSATION } })(),
    mapReportFixtures({ [ID.map]: { definition: space(ID.map) } })(),
  ]);
  return async () => {
    for (const c of cleanups) await c();
  };
}

const column = 'display:grid;gap:1.5rem;align-content:start;min-width:0';

/** Every widget with fixtures: a poll (its rule shown after the play function's empty submit), results, a petition, a survey, comments and their count, a street report. */
function gallery(lang = 'fr'): TemplateResult {
  return html`<div lang=${lang} style="display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fit,minmax(min(22rem,100%),1fr));align-items:start">
    <div style=${column}>
      <civic-vote endpoint=${FIXTURE_ENDPOINT} vote-id=${ID.vote}></civic-vote>
      <civic-vote endpoint=${FIXTURE_ENDPOINT} vote-id=${ID.results}></civic-vote>
      <civic-survey endpoint=${FIXTURE_ENDPOINT} survey-id=${ID.survey}></civic-survey>
    </div>
    <div style=${column}>
      <civic-petition endpoint=${FIXTURE_ENDPOINT} petition-id=${ID.petition} refresh-interval="0"></civic-petition>
      <p style="margin:0;font:16px/1.5 system-ui,sans-serif">Réaménager la place du Marché · <civic-comment-count endpoint=${FIXTURE_ENDPOINT} thread-id=${ID.count}></civic-comment-count></p>
      <civic-comments endpoint=${FIXTURE_ENDPOINT} thread-id=${ID.comments} refresh-interval="0"></civic-comments>
    </div>
    <div style=${column}>
      <civic-map-report endpoint=${FIXTURE_ENDPOINT} report-id=${ID.map} tile-url=${TILE_URL} tile-max-zoom="16" tile-attribution="Plan de démonstration" style="--civic-map-report-map-height:14rem"></civic-map-report>
    </div>
  </div>`;
}

/** The gallery under one theme file, scoped to this story, on the page colours the theme is meant for. */
function themed(name: ThemeName) {
  return (_args: GalleryArgs, { id }: StoryContext): TemplateResult => {
    const theme = THEMES[name];
    const scope = `[data-theme-scope='${id}']`;
    return html`<style .textContent=${scopeTheme(theme.css, scope)}></style>
      <div data-theme-scope=${id} style=${styleMap({ padding: '1.5rem', background: theme.page.background ?? '', color: theme.page.color ?? '' })}>${gallery()}</div>`;
  };
}

/** The empty submit of the poll: its error part and status show. */
async function showError({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  await userEvent.click(await inShadow('civic-vote', canvasElement, '[part~="submit-button"]'));
  await inShadow('civic-vote', canvasElement, '#choice-error');
}

const PARTS = partRows().map((p) => p.name);

const meta = {
  title: 'Theming',
  render: () => gallery(),
  beforeEach: galleryFixtures,
  play: showError,
  parameters: { layout: 'padded' },
} satisfies Meta<GalleryArgs>;

export default meta;
type Story = StoryObj<GalleryArgs>;

/** Every widget with no theme file: the literal fallbacks (or the theme of the toolbar). */
export const AllWidgets: Story = { name: 'All widgets' };

/** stories/themes/dark.css. */
export const Dark: Story = { render: themed('dark') };

/** stories/themes/dsfr.css: close to the French state design system. */
export const Dsfr: Story = { name: 'DSFR', render: themed('dsfr') };

/** One `::part()` outlined in every widget that has it (choose it in the control). */
export const Parts: Story = {
  args: { part: 'submit-button' },
  argTypes: { part: { control: 'select', options: PARTS, description: 'The part to outline, in every widget.' } },
  render: ({ part }, { id }) => {
    const scope = `[data-part-scope='${id}']`;
    const tags = ['civic-vote', 'civic-petition', 'civic-survey', 'civic-comments', 'civic-comment-count', 'civic-map-report'];
    const css = part ? `${tags.map((t) => `${scope} ${t}::part(${part})`).join(',\n')} { outline: 3px dashed #db2777; outline-offset: 2px; }` : '';
    const row = partRows().find((p) => p.name === part);
    return html`<style .textContent=${css}></style>
      ${row
        ? html`<p style="margin:0 0 1rem;font:14px/1.5 system-ui,sans-serif">
            <code>::part(${row.name})</code> — ${row.descriptions.map((d, i) => html`${i ? '; ' : nothing}<code>&lt;${d.tag}&gt;</code> ${d.description}`)}
          </p>`
        : nothing}
      <div data-part-scope=${id}>${gallery()}</div>`;
  },
};
