/**
 * The contract between <civic-vote> and the renderers of the methods it loads lazily
 * (ranked.ts, budget.ts): types only, so that nothing of those modules lands in the main bundle.
 * @internal
 */
import type { TemplateResult, html, nothing, svg } from 'lit';
import type { BallotSubmission, VoteDefinition, VoteResults } from '../../api/schemas/vote.js';
import type { ApiErrorInfo } from '../../api/client.js';
import type { LocalizeController } from '../../i18n/localize.js';
import type { PluralForms } from '../../i18n/plural.js';

/** What a method renderer may read and do on its widget. */
export interface VoteHost {
  readonly l: LocalizeController;
  /** The chosen options; for `ranked`, the ranking, best first. */
  selected: string[];
  /** Whether validation messages are shown (after a submit attempt). */
  readonly showErrors: boolean;
  /** Level of sub-headings: one below the widget's heading, within 2-6. */
  readonly subLevel: number;
  /**
   * Lit's template tags, handed over by the widget: a chunk that imported lit itself would make
   * the bundler split lit out of the one-file bundle into a chunk of its own.
   */
  readonly lit: { html: typeof html; svg: typeof svg; nothing: typeof nothing };
  /** Whether a ballot is being sent. */
  readonly busy: boolean;
  /** The choices of this device's ballot, when it voted. */
  readonly mine: readonly string[];
  /** The plural form of `forms` for `n` in the widget's language, `{n}` formatted. */
  plural(n: number, forms: PluralForms): string;
  requestUpdate(): void;
  /** Clears the server's error message (the resident is correcting what it was about). */
  resetError(): void;
  /** Says `message` in the form's polite live region. */
  announce(message: string): void;
  /** Focuses an element of the shadow root after the next render. */
  focusLater(selector: string): Promise<void>;
}

/** A voting method's renderer: the options inside the form, its rule, its results. */
export interface MethodView {
  /** CSS of this renderer, added to the widget's shadow root. */
  readonly styles: string;
  /** The options part of the form (the code and eligibility fields come before it). */
  form(def: VoteDefinition): TemplateResult;
  /** What breaks the method's rules in `host.selected`, translated, or undefined. */
  problem(def: VoteDefinition): string | undefined;
  /** The form's last part: its buttons. */
  actions(def: VoteDefinition, submitButton: TemplateResult): TemplateResult;
  /**
   * Called on a valid submit: true when the view took it (budget: go to the review step)
   * instead of sending.
   */
  intercept(def: VoteDefinition): boolean;
  /** True while a review step replaces the form (the code and eligibility fields are hidden). */
  readonly reviewing?: boolean;
  /** Back from a review step to the form (a server error must be corrected). */
  edit?(): void;
  results(def: VoteDefinition, results: VoteResults): TemplateResult;
}

export type MethodViewFactory = (host: VoteHost) => MethodView;

/** The invitation code field and the eligibility questions (access.ts). */
export interface AccessView {
  readonly styles: string;
  /** The fields, before the options. */
  render(def: VoteDefinition): TemplateResult;
  /** Shows what is missing; the paths of the fields in error, or undefined when all is well. */
  check(def: VoteDefinition): Array<string | number>[] | undefined;
  /** The code and answers to send with the ballot. */
  payload(def: VoteDefinition): Pick<BallotSubmission, 'code' | 'eligibility'>;
  /** True when `error` is the server refusing the code or an answer: the message is now next to that field. */
  refused(def: VoteDefinition, error: ApiErrorInfo): boolean;
  /** The first field in error, as a selector to focus. */
  focusSelector(): string | undefined;
}
