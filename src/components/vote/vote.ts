import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { ApiError, type ApiClient, type ApiErrorInfo } from '../../api/client.js';
import { BallotReceipt, VoteDefinition, VoteResults } from '../../api/schemas/vote.js';
import { paths } from '../../api/resources.js';
import { CivicElement, defineOnce } from '../../internal/civic-element.js';
import { SubmitController } from '../../internal/submit-controller.js';
import { deviceToken } from '../../internal/storage.js';
import { RetryWhileOffline, loadDefinition } from '../../internal/definitions.js';
import { CivicInvalidEvent, CivicLoadEvent } from '../../events/index.js';
import { voteStyles } from './vote.styles.js';
import { loadPart } from '../../internal/lazy.js';
import { pictogram } from '../../internal/pictograms.js';
import { PrintMode, paperHost } from '../../internal/print-mode.js';
import { plural, type PluralForms } from '../../i18n/plural.js';
import type { AccessView, MethodView, VoteHost } from './method.js';

/** Ranked and budget renderers are separate chunks, loaded only for a definition that needs them. */
async function methodView(method: VoteDefinition['method'], host: VoteHost): Promise<MethodView | undefined> {
  if (method === 'ranked') return (await loadPart(() => import('./ranked.js'))).ranked(host);
  if (method === 'budget') return (await loadPart(() => import('./budget.js'))).budget(host);
  return undefined;
}

/** The invitation code and eligibility questions: a chunk loaded only for a definition that asks them. */
async function accessView(def: VoteDefinition, host: VoteHost): Promise<AccessView | undefined> {
  return def.access === 'codes' || def.eligibility?.length ? (await loadPart(() => import('./access.js'))).access(host) : undefined;
}

interface VotedRecord {
  choices: string[];
  receiptId: string;
  at: string;
}

interface Loaded {
  definition: VoteDefinition;
  /** Shown from the copy kept on this device: the server cannot be reached. */
  offline: boolean;
  voted?: VotedRecord;
  results: VoteResults | null;
  token: string;
}

/**
 * A poll: one choice or k of n, opening and closing dates, one vote per device, results as an
 * accessible bar chart after voting or after closing. Works offline: a vote that cannot be sent
 * is kept on the device and sent when the connection returns.
 *
 * This is the reference widget: the other widgets copy its shape.
 *
 * With `print` (or while the browser prints the page) it shows a paper ballot instead: how to fill
 * it in for the vote's method, the options or projects with their costs, where to put it, and a
 * QR code back to this page (loaded as a separate chunk, only then).
 *
 * When the definition says `review: true` (a poll with legal or financial effect), the first button
 * reads "Review my choice" and shows what will be sent, with "Change my choice" and "Vote".
 *
 * @summary A poll residents answer in one tap, without an account.
 * @tagname civic-vote
 *
 * @event civic-load - The poll was loaded. `detail: { kind, contentId, definition }`.
 * @event civic-submit - Before a vote is sent; cancelable. `detail: { kind, contentId, payload }`.
 * @event civic-submitted - The server counted the vote. `detail: { kind, contentId, receipt }`.
 * @event civic-queued - No connection: the vote is kept on the device. `detail: { kind, contentId, idempotencyKey, reason }`.
 * @event civic-synced - A vote kept on the device reached the server. `detail: { kind, contentId, receipt }`.
 * @event civic-invalid - The choice breaks the poll's rules. `detail: { kind, fields }`.
 * @event civic-error - Loading or sending failed, or the configuration is wrong. `detail: { kind, error, message }`.
 *
 * @csspart base - The frame around the widget.
 * @csspart header - Title, description and dates.
 * @csspart title - The poll's question.
 * @csspart body - Everything below the header.
 * @csspart form - The form.
 * @csspart field - The group of options.
 * @csspart hint - "Choose one answer", dates.
 * @csspart option - One answer (label with its radio button or checkbox).
 * @csspart error - An error message.
 * @csspart submit-button - The vote button.
 * @csspart review - The list of chosen options in the review step (`review` in the definition).
 * @csspart status - The live message (thanks, saved on this device, sent).
 * @csspart results - The results figure.
 * @csspart result - One option's result line.
 * @csspart bar - One option's bar.
 * @csspart sheet - Paper ballot: the options, or the table of projects.
 * @csspart privacy - Paper ballot: the personal-data notice (eligibility questions).
 * @csspart online - Paper ballot: the QR code and short link to the online vote.
 *
 * @cssproperty --civic-vote-bar-color - Colour of result bars (default: --civic-color-primary).
 * @cssproperty --civic-vote-track-color - Colour behind result bars (default: --civic-color-surface-alt).
 * @cssproperty --civic-color-primary - Main colour: buttons, focus of choices.
 * @cssproperty --civic-color-on-primary - Text on the main colour.
 * @cssproperty --civic-color-text - Text colour.
 * @cssproperty --civic-color-muted - Secondary text.
 * @cssproperty --civic-color-surface - Background.
 * @cssproperty --civic-color-surface-alt - Background of messages and hovered options.
 * @cssproperty --civic-color-border - Frame colour.
 * @cssproperty --civic-color-danger - Errors.
 * @cssproperty --civic-color-warning - Border of "saved on this device" messages.
 * @cssproperty --civic-color-success - Confirmation messages.
 * @cssproperty --civic-font-family - Font.
 * @cssproperty --civic-font-size - Base font size.
 * @cssproperty --civic-radius - Corner radius.
 * @cssproperty --civic-space-s - Small spacing.
 * @cssproperty --civic-space-m - Medium spacing.
 * @cssproperty --civic-space-l - Large spacing.
 * @cssproperty --civic-focus-ring - Focus outline (default: 3px solid #ea580c).
 * @cssproperty --civic-target-size - Minimum size of touch targets (default: 2.75rem).
 * @cssproperty --civic-color-scheme - `light` or `dark`: the colour scheme of native controls (radio buttons, checkboxes); set `dark` with a dark theme.
 */
export class CivicVote extends CivicElement {
  static override styles = [...CivicElement.styles, voteStyles];
  protected readonly idAttribute = 'vote-id';
  protected get contentId(): string | undefined {
    return this.voteId?.trim();
  }
  protected readonly kind = 'vote' as const;

  /** The poll's identifier on the server. */
  @property({ attribute: 'vote-id', reflect: true }) voteId?: string;

  /** Level of the poll's heading in the page outline (1-6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** Show the paper ballot to print: how to fill it in, the options or projects, a QR code. */
  @property({ type: Boolean, reflect: true }) print = false;

  /** Where the vote is online, printed on the ballot as a QR code and a link (default: this page). */
  @property({ attribute: 'online-url' }) onlineUrl?: string;

  private readonly paper = new PrintMode(this, () => import('./print.js'));

  @state() private selected: string[] = [];
  /** Whether to show validation messages (after a submit attempt or a change that breaks a rule). */
  @state() private showErrors = false;
  @state() private results: VoteResults | null = null;
  @state() private voted?: VotedRecord;
  @state() private announcement = '';

  @state() private formAnnouncement = '';
  /** A single or k-of-n poll whose definition asks for `review`: the chosen options are shown before they are sent. */
  @state() private reviewing = false;

  private token = '';
  private view?: MethodView;
  private accessFields?: AccessView;
  private viewMethod?: string;

  /** What the lazily loaded method renderers see of this widget. */
  private readonly host: VoteHost = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    return {
      get l() {
        return self.l;
      },
      get selected() {
        return self.selected;
      },
      set selected(v: string[]) {
        self.selected = v;
        if (self.showErrors && !self.problem(self.loader.value!.definition)) self.showErrors = false;
        if (self.submitter.state === 'error') self.submitter.reset();
      },
      get showErrors() {
        return self.showErrors;
      },
      get subLevel() {
        return Math.min(6, Math.max(2, self.headingLevel + 1));
      },
      lit: { html, svg, nothing },
      get busy() {
        return self.submitter.state === 'submitting';
      },
      get mine() {
        return self.voted?.choices ?? [];
      },
      plural: (n: number, forms: PluralForms) => plural(this.l.lang, n, forms),
      requestUpdate: () => this.requestUpdate(),
      resetError: () => {
        if (this.submitter.state === 'error') this.submitter.reset();
      },
      announce: (message: string) => {
        // The same sentence twice is still read: alternate an invisible trailing space.
        this.formAnnouncement = message === this.formAnnouncement.trimEnd() ? `${message}\u00a0` : message;
      },
      focusLater: (selector: string) => this.focusAfterRender(selector),
    };
  })();
  /** The error shown comes from a vote kept on the device and refused when it was finally sent. */
  private rejectedFromQueue = false;

  private readonly submitter = new SubmitController<BallotReceipt>(this, {
    kind: 'vote',
    receipt: BallotReceipt,
    contentId: () => this.voteId?.trim(),
    onAccepted: (receipt, payload) => this.accepted(receipt, payload as { choices: string[] }),
    onRejected: (error, payload) => this.rejectedLater(error, payload as { choices: string[] }),
  });

  private readonly loader = new Task(this, {
    args: () => [this.client, this.voteId?.trim()] as const,
    task: async ([client, id], { signal }) => {
      if (!client || !id) return undefined;
      return this.load(client, id, signal);
    },
  });

  private async load(client: ApiClient, id: string, signal: AbortSignal): Promise<Loaded> {
    const { definition, offline } = await loadDefinition(client, 'vote', id, VoteDefinition, signal);
    if (this.viewMethod !== definition.method) {
      [this.view, this.accessFields] = await Promise.all([methodView(definition.method, this.host), this.accessFields ?? accessView(definition, this.host)]);
      this.viewMethod = definition.method;
      const root = this.shadowRoot;
      const css = (this.view?.styles ?? '') + (this.accessFields?.styles ?? '');
      if (css && root) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      }
    }
    const scope = `vote|${client.base}|${id}`;
    const [token, voted, queued] = await Promise.all([deviceToken(scope, this.deviceStore), this.deviceStore.get<VotedRecord>(`voted:${scope}`), this.submitter.restoreQueued()]);
    this.token = token;
    let results: VoteResults | null = null;
    if (!offline && (voted || definition.phase === 'closed')) results = await this.fetchResults(client, id, signal);
    this.voted = voted;
    this.results = results;
    if (queued && typeof queued === 'object') this.selected = [...((queued as { choices?: string[] }).choices ?? [])];
    this.dispatchEvent(new CivicLoadEvent({ kind: 'vote', contentId: id, definition }));
    return { definition, offline, voted, results, token };
  }

  private async fetchResults(client: ApiClient, id: string, signal?: AbortSignal): Promise<VoteResults | null> {
    try {
      return await client.get(`${paths.results('vote', id)}?voter=${encodeURIComponent(this.token)}`, VoteResults, { signal });
    } catch (e) {
      if (e instanceof ApiError && e.failure === 'results_hidden') return null;
      throw e;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.loader.status === TaskStatus.ERROR) this.reportLoadError(this.loader.error);
    this.offlineRetry.schedule(this.loader.status === TaskStatus.COMPLETE && !!this.loader.value?.offline);
  }

  /** While the copy kept on the device is shown, try the server again now and then and when the connection returns. */
  private readonly offlineRetry = new RetryWhileOffline(this, () => void this.loader.run());



  override render() {
    const problem = this.configProblem() ?? this.requireAttribute('vote-id', this.voteId);
    if (problem) return this.renderConfigError(problem);
    return this.loader.render({
      initial: () => this.renderLoading(),
      // A reload in the background (retry after offline) keeps what the resident sees and does.
      pending: () => (this.loader.value ? this.renderPoll(this.loader.value.definition, this.loader.value.offline) : this.renderLoading()),
      error: (e) => this.renderLoadError(e, () => void this.loader.run()),
      complete: (loaded) => (loaded ? this.renderPoll(loaded.definition, loaded.offline) : this.renderLoading()),
    });
  }


  private renderPoll(def: VoteDefinition, offline: boolean) {
    const l = this.l;
    if (this.paper.on) {
      const ballot = this.paper.module;
      if (ballot) return ballot.voteBallot(paperHost(this), def, this.renderDates(def));
      if (this.print) return this.paper.error ? this.renderLoadError(this.paper.error, () => this.paper.retry()) : this.renderLoading();
    }
    const headingId = 'title';
    return html`<section part="base" class="base" aria-labelledby=${headingId} dir=${this.resolvedDir} lang=${l.lang}>
      <div part="header" class="header">
        <div part="title" class="title" role="heading" aria-level=${Math.min(6, Math.max(1, this.headingLevel))} id=${headingId}>${l.text(def.title)}</div>
        ${def.description ? html`<p class="description">${l.text(def.description)}</p>` : nothing} ${this.renderDates(def)}
      </div>
      <div part="body">
        ${offline && this.submitter.state !== 'submitted' ? html`<p class="message warning" part="hint">${pictogram(l, 'offline')}${l.t('offlineCopy')}</p>` : nothing}
        <div part="status" class="live" role="status" tabindex="-1" id="status">${this.renderStatus(def)}</div>
        ${this.renderBody(def)}
      </div>
    </section>`;
  }

  /** The live region's content: what just happened. */
  private renderStatus(def: VoteDefinition) {
    const s = this.submitter.state;
    if (s === 'queued') {
      // Kept for later either way; a 429 says why and when, not "no connection".
      const e = this.submitter.error;
      const text = e?.failure === 'rate_limited' ? this.l.t('vote.rateLimited', Math.max(1, Math.ceil(e.retryAfter ?? 60))) : this.l.t('vote.queued');
      return html`<div class="message warning"><p>${pictogram(this.l, 'offline')}${text}</p></div>`;
    }
    if (s === 'submitted' || this.voted) {
      const text = this.submitter.fromQueue ? this.l.t('vote.synced') : s === 'submitted' ? this.l.t('vote.thanks') : this.l.t('vote.alreadyVoted');
      return html`<div class="message success"><p>${pictogram(this.l, 'success')}${text}</p>${this.announcement ? html`<p class="visually-hidden">${this.announcement}</p>` : nothing}</div>`;
    }
    if (def.phase === 'closed') return nothing;
    return nothing;
  }

  private renderBody(def: VoteDefinition) {
    const l = this.l;
    if (def.phase === 'scheduled') return nothing;
    if (this.submitter.state === 'queued') return this.renderChoicesSummary(def);
    if (this.submitter.state === 'submitted' || this.voted || def.phase === 'closed') return this.renderResultsOrWait(def);
    return this.renderForm(def, l);
  }

  private renderChoicesSummary(def: VoteDefinition) {
    const mine = this.selected.map((id) => def.options.find((o) => o.id === id)).filter((o) => !!o);
    const items = mine.map((o) => html`<li>${this.l.text(o.label)}</li>`);
    return html`<p class="choices-caption" id="choices-caption">${this.l.t('vote.yourChoices')}</p>
      ${def.method === 'ranked' ? html`<ol aria-labelledby="choices-caption">${items}</ol>` : html`<ul aria-labelledby="choices-caption">${items}</ul>`}`;
  }

  private renderResultsOrWait(def: VoteDefinition) {
    const l = this.l;
    if (this.results) return this.renderResults(def, this.results);
    if (this.loader.value?.offline) return nothing;
    if (def.phase === 'closed') return html`<p class="message">${l.t('vote.closedNoResults')}</p>`;
    return html`<p class="message">${def.closesAt ? l.t('vote.resultsAfterClose', l.dateTime(def.closesAt)) : l.t('vote.resultsAfterCloseNoDate')}</p>`;
  }

  private rules(def: VoteDefinition): { min: number; max: number } {
    if (def.method === 'single') return { min: 1, max: 1 };
    const max = Math.min(def.maxChoices ?? def.options.length, def.options.length);
    return { min: Math.min(def.minChoices ?? 1, max), max };
  }

  private problem(def: VoteDefinition): string | undefined {
    if (this.view) return this.view.problem(def);
    const { min, max } = this.rules(def);
    const n = this.selected.length;
    if (n === 0) return def.method === 'single' ? this.l.t('vote.chooseOne') : this.l.t('field.too_few', min);
    if (n < min) return this.l.t('field.too_few', min);
    if (n > max) return this.l.t('field.too_many', max);
    return undefined;
  }

  private renderForm(def: VoteDefinition, l: typeof this.l) {
    const { min, max } = this.rules(def);
    const single = def.method === 'single';
    const hint = single ? l.t('vote.chooseOne') : min <= 1 ? l.t('vote.chooseUpTo', max) : l.t('vote.chooseRange', min, max);
    const fieldProblem = this.showErrors ? this.problem(def) : undefined;
    const serverError = this.submitter.state !== 'error' ? '' : this.rejectedFromQueue ? l.t('vote.rejectedLater', this.submitter.message()) : this.submitter.message();
    const busy = this.submitter.state === 'submitting';
    const button = html`<button part="submit-button" class="primary" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
      ${busy ? html`<span class="spinner" aria-hidden="true"></span> ${l.t('submitting')}` : html`${pictogram(l, 'send')}${l.t('vote.submit')}`}
    </button>`;
    const view = this.view;
    const review = !view && def.review === true;
    return html`<form part="form" novalidate @submit=${(e: SubmitEvent) => this.onSubmit(e, def)}>
      ${serverError ? html`<div part="error" class="error-summary" role="alert" tabindex="-1" id="error-summary"><p>${pictogram(l, 'error')}${serverError}</p></div>` : nothing}
      ${view?.reviewing || this.reviewing ? nothing : this.accessFields?.render(def)}
      ${view
        ? html`${view.form(def)}${view.actions(def, button)}`
        : review && this.reviewing
          ? this.renderReview(def, button)
          : html`<fieldset part="field" aria-describedby="hint${fieldProblem ? ' choice-error' : ''}" aria-invalid=${fieldProblem ? 'true' : 'false'}>
        <legend class="visually-hidden">${l.text(def.title)}</legend>
        <p part="hint" class="hint" id="hint">${pictogram(l, 'help')}${hint}</p>
        ${fieldProblem ? html`<p part="error" class="error" id="choice-error" tabindex="-1">${fieldProblem}</p>` : nothing}
        ${def.options.map(
          (o) => html`<label part="option" class="option">
            <input
              type=${single ? 'radio' : 'checkbox'}
              name="choice"
              value=${o.id}
              .checked=${this.selected.includes(o.id)}
              aria-describedby=${o.description ? `desc-${o.id}` : nothing}
              @change=${(e: Event) => this.onChange(e, def)}
            />
            <span class="option-text"
              ><span>${l.text(o.label)}</span>${o.description ? html`<span class="option-description" id="desc-${o.id}">${l.text(o.description)}</span>` : nothing}</span
            >
          </label>`,
        )}
      </fieldset>
      <div class="actions">
        ${review ? html`<button part="submit-button" class="primary" type="submit">${l.t('vote.review')}</button>` : button}
      </div>`}
      <div class="visually-hidden" aria-live="polite" id="form-live">${this.formAnnouncement}</div>
    </form>`;
  }

  /** The review step of a single or k-of-n poll (`review` in the definition): what will be sent, change or vote. */
  private renderReview(def: VoteDefinition, button: TemplateResult) {
    const l = this.l;
    const chosen = def.options.filter((o) => this.selected.includes(o.id));
    return html`<section class="review choices-review" aria-labelledby="review-title">
        <div role="heading" aria-level=${this.host.subLevel} class="subtitle" id="review-title" tabindex="-1">${l.t('vote.reviewTitle')}</div>
        <p>${l.t('vote.reviewChoices')}</p>
        <ul class="review-list" part="review">
          ${chosen.map((o) => html`<li>${l.text(o.label)}</li>`)}
        </ul>
      </section>
      <div class="actions">
        <button type="button" class="secondary edit" @click=${() => this.backToChoices()}>${l.t('vote.edit')}</button>
        ${button}
      </div>`;
  }

  /** From the review step back to the options, the choice kept, focus on the first chosen option. */
  private backToChoices(): void {
    this.reviewing = false;
    if (this.submitter.state === 'error') this.submitter.reset();
    void this.focusAfterRender('input[name="choice"]:checked');
  }

  /** Ballots per origin, when some did not come from the web; the total first. */
  private renderOrigins(results: VoteResults) {
    const entries = Object.entries(results.byOrigin).filter(([, n]) => n > 0);
    if (!entries.some(([o]) => o !== 'web')) return nothing;
    const l = this.l;
    const name = (o: string) => (['web', 'paper', 'booth', 'assisted'].includes(o) ? l.t(`vote.origin.${o as 'web'}`) : o);
    return html`<table class="origins" part="origins">
      <caption>${l.t('vote.byOrigin')}</caption>
      <thead><tr><th scope="col">${l.t('vote.originCol')}</th><th scope="col">${l.t('vote.ballotsCol')}</th></tr></thead>
      <tbody>
        <tr class="origin-total"><th scope="row">${l.t('vote.origin.total')}</th><td>${l.number(results.ballots)}</td></tr>
        ${entries.map(([o, n]) => html`<tr><th scope="row">${name(o)}</th><td>${l.number(n)}</td></tr>`)}
      </tbody>
    </table>`;
  }

  private renderResults(def: VoteDefinition, results: VoteResults) {
    if (this.view) return html`${this.view.results(def, results)}${this.renderOrigins(results)}`;
    const l = this.l;
    const total = results.ballots;
    const sum = this.denominator(results);
    const mine = new Set(this.voted?.choices ?? []);
    return html`<figure part="results" class="results">
      <figcaption>${l.t('vote.resultsTitle')}</figcaption>
      <ul>
        ${def.options.map((o) => {
          const count = results.options.find((r) => r.id === o.id)?.count ?? 0;
          const share = sum > 0 ? count / sum : 0;
          return html`<li part="result" class="result ${mine.has(o.id) ? 'mine' : ''}">
            <span class="result-line"
              ><span>${l.text(o.label)}${mine.has(o.id) ? html` (${l.t('vote.yourChoice')})` : nothing}</span
              ><span class="result-value">${l.percent(share)} · ${l.t('vote.count', count)}</span></span
            >
            <svg part="bar" class="bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
              ${svg`<rect class="track" x="0" y="0" width="100" height="4"></rect><rect class="fill" x="0" y="0" width=${(share * 100).toFixed(2)} height="4"></rect>`}
            </svg>
          </li>`;
        })}
      </ul>
      <p class="total">${l.t('vote.ballots', total)}</p>
      ${this.renderOrigins(results)}
    </figure>`;
  }

  /** Percentages are shares of voters: with k-of-n choices they add up to more than 100 %. */
  private denominator(results: VoteResults): number {
    return results.ballots || results.options.reduce((a, o) => a + o.count, 0);
  }

  private resultsSentence(def: VoteDefinition, results: VoteResults): string {
    if (this.view) return `${this.l.t('vote.resultsTitle')} — ${this.l.t('vote.ballots', results.ballots)}`;
    const sum = this.denominator(results);
    const parts = def.options.map((o) => {
      const count = results.options.find((r) => r.id === o.id)?.count ?? 0;
      return this.l.t('vote.optionResult', this.l.text(o.label), this.l.percent(sum ? count / sum : 0), this.l.t('vote.count', count));
    });
    return `${this.l.t('vote.resultsTitle')} — ${parts.join(' ; ')}`;
  }

  private onChange(e: Event, def: VoteDefinition): void {
    const input = e.target as HTMLInputElement;
    if (def.method === 'single') this.selected = input.checked ? [input.value] : [];
    else this.selected = input.checked ? [...this.selected, input.value] : this.selected.filter((v) => v !== input.value);
    // A rule broken by this change is shown at once; missing choices only after a submit attempt.
    const { max } = this.rules(def);
    if (this.selected.length > max) this.showErrors = true;
    else if (this.showErrors && !this.problem(def)) this.showErrors = false;
    if (this.submitter.state === 'error') this.submitter.reset();
    this.rejectedFromQueue = false;
  }

  private async onSubmit(e: SubmitEvent, def: VoteDefinition): Promise<void> {
    e.preventDefault();
    if (this.submitter.state === 'submitting') return;
    const access = this.accessFields?.check(def);
    const problem = this.problem(def);
    if (problem || access) {
      this.showErrors = !!problem;
      const fields = (access ?? []).map((path) => ({ path, code: 'required' }));
      if (problem) fields.push({ path: ['choices'], code: this.selected.length ? 'too_many' : 'required' });
      this.dispatchEvent(new CivicInvalidEvent({ kind: 'vote', fields }));
      await this.focusAfterRender(this.accessFields?.focusSelector() ?? '#choice-error');
      return;
    }
    this.showErrors = false;
    if (this.view?.intercept(def)) return;
    if (!this.view && def.review === true && !this.reviewing) {
      this.reviewing = true;
      await this.focusAfterRender('#review-title');
      return;
    }
    await this.submitter.submit({ choices: [...this.selected], deviceToken: this.token, ...this.accessFields?.payload(def) });
    if (this.submitter.state === 'error') {
      if (this.submitter.error && this.accessFields?.refused(def, this.submitter.error)) {
        // The code or an answer was refused: back to the form, the message next to that field.
        this.view?.edit?.();
        this.reviewing = false;
        this.submitter.reset();
        await this.focusAfterRender(this.accessFields.focusSelector()!);
      } else if (this.submitter.error?.failure === 'already_submitted') await this.markAlreadyVoted();
      else await this.focusAfterRender('#error-summary');
    } else {
      await this.focusAfterRender('#status');
    }
  }

  /** The server already has a ballot from this device (another tab, a lost local record): show it as voted. */
  private async markAlreadyVoted(): Promise<void> {
    const client = this.client;
    const id = this.voteId?.trim();
    if (!client || !id) return;
    const record: VotedRecord = { choices: [], receiptId: '', at: new Date().toISOString() };
    await this.deviceStore.set(`voted:vote|${client.base}|${id}`, record);
    this.voted = record;
    this.submitter.reset();
    this.results = await this.fetchResults(client, id).catch(() => null);
    await this.focusAfterRender('#status');
  }

  private async accepted(receipt: BallotReceipt, payload: { choices: string[] }): Promise<void> {
    const client = this.client;
    const id = this.voteId?.trim();
    if (!client || !id) return;
    const record: VotedRecord = { choices: payload.choices, receiptId: receipt.id, at: receipt.receivedAt };
    await this.deviceStore.set(`voted:vote|${client.base}|${id}`, record);
    this.voted = record;
    this.selected = payload.choices;
    this.results = receipt.results ?? null;
    const def = this.loader.value?.definition;
    // Read with the thanks by screen readers: the whole tally in one sentence.
    this.announcement = def && this.results ? this.resultsSentence(def, this.results) : '';
  }

  /** A vote kept on the device was refused when finally sent (the poll closed meanwhile...): back to the form, choices kept. */
  private rejectedLater(_error: ApiErrorInfo, payload: { choices: string[] }): void {
    this.selected = payload.choices ?? [];
    this.rejectedFromQueue = true;
  }

  static define(tag = 'civic-vote'): void {
    defineOnce(tag, this);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'civic-vote': CivicVote;
  }
}
