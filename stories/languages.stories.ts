import { html, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { FIXTURE_ENDPOINT, petitionFixtures, voteFixtures } from './support/fixture-backend.js';
import { singleResults } from './support/vote-fixtures.js';
import { libraryNamePoll, libraryNameResults, multilingualPetition, multilingualPoll } from './support/language-fixtures.js';
import { LANGUAGES, type LanguageCode } from './support/arg-types.js';
import { inShadow } from './support/in-widget.js';

/**
 * One story per language of the widgets: a poll (its rule shown, as after an empty submit), the
 * results of a closed poll (with grouped numbers and dates), and a petition, all with `lang` set and the organiser's
 * texts in that language. Arabic lays out right to left: each widget sets its own `dir`.
 * The Language toolbar sets `lang` on every other story.
 */
type LanguageArgs = { lang: LanguageCode };

const ids = (lang: string) => ({ form: `fixture-lang-form-${lang}`, results: `fixture-lang-results-${lang}`, petition: `fixture-lang-petition-${lang}` });

function render({ lang }: LanguageArgs): TemplateResult {
  const id = ids(lang);
  return html`<div style="display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fit,minmax(min(20rem,100%),1fr));align-items:start">
    <civic-vote endpoint=${FIXTURE_ENDPOINT} vote-id=${id.form} lang=${lang}></civic-vote>
    <civic-vote endpoint=${FIXTURE_ENDPOINT} vote-id=${id.results} lang=${lang}></civic-vote>
    <civic-petition endpoint=${FIXTURE_ENDPOINT} petition-id=${id.petition} lang=${lang} refresh-interval="0"></civic-petition>
  </div>`;
}

const meta = {
  title: 'Languages',
  render,
  argTypes: { lang: { control: 'select', options: LANGUAGES.map((l) => l.code), table: { category: 'attributes' } } },
  parameters: { layout: 'padded' },
} satisfies Meta<LanguageArgs>;

export default meta;
type Story = StoryObj<LanguageArgs>;

function languageStory(lang: LanguageCode): Story {
  const id = ids(lang);
  const name = LANGUAGES.find((l) => l.code === lang)!.name;
  return {
    name: `${name} (${lang})`,
    args: { lang },
    beforeEach: async () => {
      const votes = await voteFixtures({
        [id.form]: { definition: multilingualPoll(id.form), results: singleResults(id.form) },
        [id.results]: { definition: libraryNamePoll(id.results), results: libraryNameResults(id.results) },
      })();
      const petitions = await petitionFixtures({ [id.petition]: { definition: multilingualPetition(id.petition) } })();
      return async () => {
        await votes();
        await petitions();
      };
    },
    play: async ({ canvasElement }) => {
      // An empty submit: the poll's rule as an error, in this language.
      await userEvent.click(await inShadow('civic-vote', canvasElement, '[part~="submit-button"]'));
      const error = await inShadow('civic-vote', canvasElement, '#choice-error');
      await waitFor(() => expect(error.textContent?.trim()).not.toBe(''));
      const base = await inShadow('civic-vote', canvasElement, '[part~="base"]');
      await expect(base.getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    },
  };
}

export const French = languageStory('fr');
export const English = languageStory('en');
export const Dutch = languageStory('nl');
export const German = languageStory('de');
export const Spanish = languageStory('es');
export const Italian = languageStory('it');
export const Catalan = languageStory('ca');
export const Arabic = languageStory('ar');
