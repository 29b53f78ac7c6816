import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { ApiError, type ApiClient, type ApiErrorInfo } from '../../api/client.js';
import type { Receipt } from '../../api/schemas/common.js';
import type { SurveyDefinition, SurveyResults, AnswerValue, Condition, SurveyQuestion } from '../../api/schemas/survey.js';
import { isEmailAddress, paths } from '../../api/resources.js';
import { OTHER, isAnswered, pruneHidden, questionIssues, walk, type AnswerIssue, type Answers } from '../../api/survey-rules.js';
import { CivicElement, defineOnce } from '../../internal/civic-element.js';
import { onlineUrl } from '../../internal/print-mode.js';
import { SubmitController } from '../../internal/submit-controller.js';
import { deviceToken } from '../../internal/storage.js';
import { RetryWhileOffline, loadDefinition } from '../../internal/definitions.js';
import { CivicInvalidEvent, CivicLoadEvent } from '../../events/index.js';
import { surveyStyles } from './survey.styles.js';
import { pictogram } from '../../internal/pictograms.js';
import { fieldStyles } from '../../styles/form.styles.js';
import { surveyMessages, type SurveyMessages } from './survey.messages.js';
import { formatDay } from '../../i18n/plural.js';

type Choice = { id: string; label: SurveyDefinition['title'] };
type ChoiceQuestion = Extract<SurveyQuestion, { type: 'single' | 'multiple' | 'dropdown' }>;

interface Draft {
  answers: Answers;
  other: Record<string, string>;
  contact: { name?: string; email?: string };
  step: number;
  savedAt: string;
}

/**
 * The survey's zod schemas, loaded on first use: the form renders before zod is evaluated (a
 * definition written inline is checked right after the first render, one fetched is checked when it
 * arrives).
 */
const schemas = () => import('../../api/schemas/survey.js').then(async (m) => ({ ...m, Receipt: (await import('../../api/schemas/common.js')).Receipt }));

type InlineResult = { definition: SurveyDefinition } | { problem: string };

/** An organiser's definition with the phase the server would give it, from the device clock. */
function withPhase(def: Omit<SurveyDefinition, 'phase' | 'serverTime'>): SurveyDefinition {
  const now = new Date();
  const phase = def.opensAt && new Date(def.opensAt) > now ? 'scheduled' : def.closesAt && new Date(def.closesAt) <= now ? 'closed' : 'open';
  return { ...def, phase, serverTime: now.toISOString() };
}

interface Loaded {
  definition: SurveyDefinition;
  offline: boolean;
  /** The definition came from a `<script type="application/json">` child. */
  inline: boolean;
  results: SurveyResults | null;
}

/** The response this device sent, when the survey allows one per device. */
interface RespondedRecord {
  receiptId: string;
  at: string;
}

/**
 * A questionnaire: pages with a progress bar, back and next, conditions on earlier answers, a review
 * step, a draft kept on the device while typing, an error summary on a failed step, sending through
 * the outbox (offline, exactly once), published results as accessible charts, and a paper version
 * for printing.
 *
 * The definition comes from the server (`survey-id`) or from a `<script type="application/json">`
 * child holding the same JSON, for sites whose backend only accepts responses.
 *
 * @summary A questionnaire with pages, conditions, drafts, results and a paper version.
 * @tagname civic-survey
 *
 * @slot - A `<script type="application/json">` with the survey definition (optional).
 *
 * @event civic-load - The survey was loaded. `detail: { kind, contentId, definition }`.
 * @event civic-submit - Before the answers are sent; cancelable. `detail: { kind, contentId, payload }`.
 * @event civic-submitted - The server received the answers. `detail: { kind, contentId, receipt }`.
 * @event civic-queued - No connection: the answers are kept on the device. `detail: { kind, contentId, idempotencyKey, reason }`.
 * @event civic-synced - Answers kept on the device reached the server. `detail: { kind, contentId, receipt }`.
 * @event civic-invalid - A page or the response breaks the survey's rules. `detail: { kind, fields }`.
 * @event civic-error - Loading or sending failed, or the configuration is wrong. `detail: { kind, error, message }`.
 *
 * @csspart base - The frame around the widget.
 * @csspart header - Title, description and dates.
 * @csspart title - The survey's title.
 * @csspart body - Everything below the header.
 * @csspart progress - The progress bar and "page 1 of 3".
 * @csspart form - The form.
 * @csspart field - One question.
 * @csspart label - A question's label.
 * @csspart hint - A question's hint, dates.
 * @csspart option - One answer of a choice question.
 * @csspart error - An error message.
 * @csspart submit-button - The "next", "review" and "send" buttons.
 * @csspart status - The live message (thanks, kept on this device, sent).
 * @csspart results - The results.
 * @csspart bar - One bar of a results chart.
 *
 * @cssproperty --civic-survey-bar-color - Colour of result bars and of the progress bar (default: --civic-color-primary).
 * @cssproperty --civic-survey-star-color - Colour of chosen stars (default: #b45309).
 * @cssproperty --civic-color-primary - Main colour: buttons, focus of choices.
 * @cssproperty --civic-color-on-primary - Text on the main colour.
 * @cssproperty --civic-color-text - Text colour.
 * @cssproperty --civic-color-muted - Secondary text.
 * @cssproperty --civic-color-surface - Background.
 * @cssproperty --civic-color-surface-alt - Background of messages and hovered options.
 * @cssproperty --civic-color-border - Frame and field borders.
 * @cssproperty --civic-color-danger - Errors.
 * @cssproperty --civic-color-success - Confirmation messages.
 * @cssproperty --civic-font-family - Font.
 * @cssproperty --civic-radius - Corner radius.
 * @cssproperty --civic-space-m - Medium spacing.
 * @cssproperty --civic-focus-ring - Focus outline.
 * @cssproperty --civic-target-size - Minimum size of touch targets (default: 2.75rem).
 */
export class CivicSurvey extends CivicElement {
  static override styles = [...CivicElement.styles, fieldStyles, surveyStyles];
  protected readonly kind = 'survey' as const;
  protected readonly idAttribute = 'survey-id';
  protected get contentId(): string | undefined {
    return this.surveyId?.trim() || this.inlineId;
  }

  /** The survey's identifier on the server (optional with an inline definition). */
  @property({ attribute: 'survey-id', reflect: true }) surveyId?: string;

  /** Show the published results instead of the questionnaire. */
  @property({ attribute: 'show-results', type: Boolean, reflect: true }) showResults = false;

  /** Show the paper version: every page and question, boxes to tick and lines to write on. */
  @property({ type: Boolean, reflect: true }) print = false;

  /** Level of the survey's heading in the page outline (1-6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** Where the survey can be answered online, printed on the paper version (default: this page). */
  @property({ attribute: 'online-url' }) onlineUrl?: string;

  @state() private answers: Answers = {};
  @state() private other: Record<string, string> = {};
  @state() private contact: { name?: string; email?: string } = {};
  /** Index in the visible pages; the number of visible pages means the review step. */
  @state() private step = 0;
  /** Questions whose errors are shown (left, changed, or on a page the resident tried to leave). */
  @state() private shown = new Set<string>();
  /** The error summary of the last failed step. */
  @state() private summary: AnswerIssue[] = [];
  @state() private draftOffer?: Draft;
  @state() private responded?: RespondedRecord;
  @state() private announcement = '';
  /** The browser is printing the page. */
  @state() private printing = false;

  private inlineId?: string;
  private token?: string;
  private rejectedFromQueue = false;
  private saveTimer?: ReturnType<typeof setTimeout>;

  private get m(): SurveyMessages {
    return surveyMessages(this.l);
  }

  private readonly submitter = new SubmitController<Receipt>(this, {
    kind: 'survey',
    receipt: schemas().then((m) => m.Receipt),
    contentId: () => this.contentId,
    onAccepted: (receipt) => this.accepted(receipt),
    onRejected: (_e: ApiErrorInfo, payload) => this.rejectedLater(payload as { answers?: Answers; other?: Record<string, string> }),
  });

  private readonly loader = new Task(this, {
    args: () => [this.client, this.surveyId?.trim(), this.inlineJson(), this.showResults] as const,
    task: async ([client, id, inline, showResults], { signal }) => {
      if (!client || (!id && inline === undefined)) return undefined;
      // A broken inline definition is a configuration problem, shown by render(): nothing to load.
      if (inline !== undefined && 'problem' in (await this.checkInline(inline))) return undefined;
      return this.load(client, id, inline, showResults, signal);
    },
  });

  private readonly offlineRetry = new RetryWhileOffline(this, () => void this.loader.run());

  private readonly beforePrint = () => (this.printing = true);
  private readonly afterPrint = () => (this.printing = false);

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('beforeprint', this.beforePrint);
    addEventListener('afterprint', this.afterPrint);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('beforeprint', this.beforePrint);
    removeEventListener('afterprint', this.afterPrint);
    this.flushDraft();
  }

  /** The text of an inline `<script type="application/json">` child, if any. */
  private inlineJson(): string | undefined {
    return this.querySelector(':scope > script[type="application/json"]')?.textContent ?? undefined;
  }

  private async load(client: ApiClient, id: string | undefined, inline: string | undefined, showResults: boolean, signal: AbortSignal): Promise<Loaded> {
    let definition: SurveyDefinition;
    let offline = false;
    this.deviceLoaded = false;
    if (inline !== undefined) {
      const parsed = await this.checkInline(inline);
      if (!('definition' in parsed)) throw new ApiError({ failure: 'bad_response', detail: parsed.problem });
      definition = parsed.definition;
      this.inlineId = definition.id;
      if (!showResults) this.deviceReady = this.loadDevice(client, definition.id, Promise.resolve(definition));
    } else {
      const fetched = loadDefinition(client, 'survey', id!, schemas().then((m) => m.SurveyDefinition), signal);
      // What this device kept is read while the definition travels, off the first render's path.
      if (!showResults) this.deviceReady = this.loadDevice(client, id!, fetched.then((r) => r.definition));
      ({ definition, offline } = await fetched);
    }
    const sid = definition.id;
    let results: SurveyResults | null = null;
    if (showResults && !offline) results = await this.fetchResults(client, sid, signal);
    this.dispatchEvent(new CivicLoadEvent({ kind: 'survey', contentId: sid, definition }));
    return { definition, offline, inline: inline !== undefined, results };
  }

  /** Resolved once the device's draft, queued response, token and "already answered" record are read. */
  private deviceReady: Promise<void> = Promise.resolve();
  private deviceLoaded = false;

  /**
   * Reads what this device kept for the survey. The form shows without waiting (opening IndexedDB
   * can take 100 ms on a cold phone); a draft offer or "already answered" replaces it when found.
   */
  private async loadDevice(client: ApiClient, sid: string, definition: Promise<SurveyDefinition>): Promise<void> {
    const scope = `survey|${client.base}|${sid}`;
    try {
      const [draft, responded, queued] = await Promise.all([this.deviceStore.get<Draft>(`draft:${scope}`), this.deviceStore.get<RespondedRecord>(`responded:${scope}`), this.submitter.restoreQueued()]);
      const def = await definition;
      this.token = def.onePerDevice ? await deviceToken(scope, this.deviceStore) : undefined;
      this.responded = def.onePerDevice ? responded : undefined;
      const typed = Object.keys(this.answers).length > 0;
      if (queued && typeof queued === 'object') this.restore(queued as Draft);
      else if (draft && Object.keys(draft.answers ?? {}).length && !this.responded && !typed) this.draftOffer = draft;
    } catch {
      // The definition failed to load: the loader shows why.
    } finally {
      this.deviceLoaded = true;
    }
  }

  private inlineCache?: { text: string; result: InlineResult };
  private checked?: { text: string; result: InlineResult };

  /**
   * An inline definition as written, for the first render: JSON syntax is checked here, the rest by
   * {@link checkInline} right after (zod loads meanwhile). The phase comes from the device clock.
   */
  private parseInline(text: string): InlineResult {
    if (this.checked?.text === text) return this.checked.result;
    if (this.inlineCache?.text === text) return this.inlineCache.result;
    let result: InlineResult;
    try {
      const def = JSON.parse(text) as SurveyDefinition;
      result = def && typeof def === 'object' && Array.isArray(def.pages) ? { definition: withPhase(def) } : { problem: '(root): a survey needs "pages"' };
    } catch (e) {
      result = { problem: (e as Error).message };
    }
    this.inlineCache = { text, result };
    return result;
  }

  /** An inline definition checked like the server checks one (the survey schema, in its own chunk). */
  private async checkInline(text: string): Promise<InlineResult> {
    if (this.checked?.text === text) return this.checked.result;
    const raw = this.parseInline(text);
    let result = raw;
    if ('definition' in raw) {
      const parsed = (await schemas()).SurveyDefinitionInput.safeParse(JSON.parse(text));
      result = parsed.success
        ? { definition: withPhase(parsed.data) }
        : { problem: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
    }
    this.checked = { text, result };
    if ('problem' in result) this.requestUpdate();
    return result;
  }

  private async fetchResults(client: ApiClient, id: string, signal?: AbortSignal): Promise<SurveyResults | null> {
    try {
      return await client.get(paths.results('survey', id), schemas().then((m) => m.SurveyResults), { signal });
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

  override render() {
    const inline = this.inlineJson();
    const parsed = inline === undefined ? undefined : this.parseInline(inline);
    const problem =
      this.configProblem() ?? (parsed ? ('problem' in parsed ? this.m.inlineInvalid(parsed.problem) : undefined) : this.requireAttribute('survey-id', this.surveyId));
    if (problem) return this.renderConfigError(problem);
    // An inline definition is already here: the first render shows the questions instead of a loading
    // state, while the loader checks it with the schema, reads the device and announces the load. A
    // definition the schema will refuse may not render: the loading state stays until it says why.
    const early = !this.loader.value && parsed && 'definition' in parsed && !this.showResults ? { definition: parsed.definition, offline: false, inline: true, results: null } : undefined;
    const ready = this.loader.value ?? early;
    const show = (loaded: Loaded) => {
      if (loaded !== early) return this.renderSurvey(loaded);
      try {
        return this.renderSurvey(loaded);
      } catch {
        return this.renderLoading();
      }
    };
    return this.loader.render({
      initial: () => (ready ? show(ready) : this.renderLoading()),
      pending: () => (ready ? show(ready) : this.renderLoading()),
      error: (e) => this.renderLoadError(e, () => void this.loader.run()),
      complete: (loaded) => (loaded ? this.renderSurvey(loaded) : this.renderLoading()),
    });
  }

  /* ------------------------------------------------------------ frame */

  private renderSurvey(loaded: Loaded) {
    const { definition: def, offline } = loaded;
    const l = this.l;
    const paper = this.print || this.printing;
    return html`<section part="base" class="base ${paper ? 'paper' : ''}" aria-labelledby="title" dir=${this.resolvedDir} lang=${l.lang}>
      <div part="header" class="header">
        <div part="title" class="title" role="heading" aria-level=${this.level(0)} id="title">${l.text(def.title)}</div>
        ${paper ? html`<p class="paper-kind">${this.m.printTitle}</p>` : nothing}
        ${def.description ? html`<p class="description">${l.text(def.description)}</p>` : nothing} ${this.renderDates(def)}
      </div>
      <div part="body">
        ${paper
          ? this.renderPaper(def)
          : this.showResults
            ? this.renderResults(def, loaded.results, offline)
            : html`${offline && this.submitter.state !== 'submitted' ? html`<p class="message warning" part="hint">${pictogram(l, 'offline')}${l.t('offlineCopy')}</p>` : nothing}
                <div part="status" class="live" role="status" tabindex="-1" id="status">${this.renderStatus()}</div>
                ${this.renderBody(def)}`}
      </div>
    </section>`;
  }

  private level(depth: number): number {
    return Math.min(6, Math.max(1, this.headingLevel + depth));
  }

  private renderStatus() {
    const m = this.m;
    const s = this.submitter.state;
    const box = (cls: 'warning' | 'success', text: string) => html`<div class="message ${cls}"><p>${pictogram(this.l, cls === 'warning' ? 'offline' : 'success')}${text}</p></div>`;
    if (s === 'queued') {
      // Kept for later either way; a 429 says why and when, not "no connection".
      const e = this.submitter.error;
      return box('warning', e?.failure === 'rate_limited' ? m.rateLimited(Math.max(1, Math.ceil(e.retryAfter ?? 60))) : m.queued);
    }
    if (s === 'submitted') {
      const def = this.loader.value?.definition;
      return html`<div class="message success"><p>${pictogram(this.l, 'success')}${this.submitter.fromQueue ? m.synced : m.thanks}</p>
        ${def?.resultsPublished ? html`<p><button type="button" class="link" @click=${() => (this.showResults = true)}>${m.seeResults}</button></p>` : nothing}</div>`;
    }
    if (this.responded) return box('success', m.already);
    return html`<span class="visually-hidden">${this.announcement}</span>`;
  }

  private renderBody(def: SurveyDefinition) {
    if (def.phase !== 'open') return nothing;
    const s = this.submitter.state;
    if (s === 'submitted' || s === 'queued' || this.responded) return nothing;
    if (this.draftOffer) return this.renderDraftOffer(this.draftOffer);
    const { pages } = walk(def, this.answers);
    const step = Math.min(this.step, pages.length);
    const reviewing = step === pages.length;
    return html`${this.renderProgress(step, pages.length)}
      <form part="form" novalidate @submit=${(e: SubmitEvent) => this.onSubmit(e, def)}>
        ${this.renderSummary(def)}
        ${reviewing ? this.renderReview(def) : this.renderPage(def, step)}
        <div class="actions">
          ${step > 0 ? html`<button type="button" class="secondary back" @click=${() => this.goTo(step - 1)}>${this.m.back}</button>` : nothing}
          ${this.renderMainButton(reviewing, step === pages.length - 1)}
        </div>
        ${step === 0 && !reviewing ? html`<p class="hint small">${this.m.draftNote}</p>` : nothing}
      </form>`;
  }

  private renderMainButton(reviewing: boolean, lastPage: boolean) {
    const busy = this.submitter.state === 'submitting';
    const label = reviewing ? this.m.send : lastPage ? this.m.toReview : this.m.next;
    return html`<button part="submit-button" class="primary" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
      ${busy ? html`<span class="spinner" aria-hidden="true"></span> ${this.l.t('submitting')}` : html`${reviewing ? pictogram(this.l, 'send') : nothing}${label}`}
    </button>`;
  }

  private renderProgress(step: number, total: number) {
    const m = this.m;
    const text = step >= total ? m.reviewStep : m.page(step + 1, total);
    return html`<div part="progress" class="progress">
      <p class="progress-text" id="progress-text">${text}</p>
      <progress max=${total + 1} .value=${step + 1} aria-labelledby="progress-text"></progress>
    </div>`;
  }

  private renderDraftOffer(draft: Draft) {
    const m = this.m;
    return html`<div class="message draft" part="hint">
      <p>${m.draftFound(this.l.dateTime(draft.savedAt))}</p>
      <div class="actions">
        <button type="button" class="primary" @click=${() => this.resumeDraft(draft)}>${m.resume}</button>
        <button type="button" class="secondary" @click=${() => this.startOver()}>${m.startOver}</button>
      </div>
    </div>`;
  }

  /* ------------------------------------------------------------ pages */

  private renderPage(def: SurveyDefinition, step: number) {
    const { pages } = walk(def, this.answers);
    const page = pages[step];
    if (!page) return nothing;
    const l = this.l;
    const anyRequired = page.questions.some((q) => q.required && q.type !== 'info');
    return html`<div class="page">
      <div class="page-title" role="heading" aria-level=${this.level(1)} id="page-title" tabindex="-1">${page.title ? l.text(page.title) : this.m.page(step + 1, pages.length)}</div>
      ${anyRequired ? html`<p class="hint small">${pictogram(this.l, 'help')}${this.m.requiredNote}</p>` : nothing}
      ${page.questions.map((q) => this.renderQuestion(q))}
      ${step === pages.length - 1 ? this.renderContact(def) : nothing}
    </div>`;
  }

  /** The message for one issue, in the resident's words. */
  private issueText(q: SurveyQuestion, issue: AnswerIssue): string {
    const t = this.m.issue;
    const l = this.l;
    const num = (v: number | undefined) => l.number(v ?? 0);
    const day = (d: string | undefined) => (d ? formatDay(this.resolvedLang, d) : '');
    switch (issue.code) {
      case 'required':
        if (q.type === 'consent') return t.consent;
        if (q.type === 'matrix' && issue.detail) return t.requiredRow(l.text(q.rows.find((r) => r.id === issue.detail)?.label));
        return t.required;
      case 'too_short':
        return t.too_short('minLength' in q ? (q.minLength ?? 0) : 0);
      case 'too_long':
        return t.too_long(issue.detail === 'other' ? 1000 : 'maxLength' in q ? (q.maxLength ?? 0) : 0);
      case 'pattern':
        return 'patternMessage' in q && q.patternMessage ? l.text(q.patternMessage) : t.pattern;
      case 'too_small':
        return t.too_small(num('min' in q ? (q.min as number) : 0));
      case 'too_big':
        return t.too_big(num('max' in q ? (q.max as number) : 0));
      case 'step':
        return t.step(num('step' in q ? q.step : 1));
      case 'too_early':
        return t.too_early(day(q.type === 'date' ? q.min : undefined));
      case 'too_late':
        return t.too_late(day(q.type === 'date' ? q.max : undefined));
      case 'too_few':
        return t.too_few(q.type === 'multiple' ? (q.minSelected ?? 1) : 1);
      case 'too_many':
        return t.too_many(q.type === 'multiple' ? (q.maxSelected ?? 1) : 1);
      default:
        return t[issue.code];
    }
  }

  private issuesOf(q: SurveyQuestion): AnswerIssue[] {
    return questionIssues(q, this.answers[q.id], this.other[q.id]);
  }

  private renderQuestion(q: SurveyQuestion) {
    const l = this.l;
    const issues = this.shown.has(q.id) ? this.issuesOf(q) : [];
    const error = issues.length ? this.issueText(q, issues[0]!) : '';
    const id = `q-${q.id}`;
    const hintId = q.hint || this.autoHint(q) ? `${id}-hint` : '';
    const errorId = error ? `${id}-error` : '';
    const describedBy = [hintId, errorId].filter(Boolean).join(' ') || nothing;
    const label = html`${l.text(q.label)}${q.required && q.type !== 'info' && q.type !== 'consent' ? html`<span class="required" aria-hidden="true"> *</span><span class="visually-hidden"> (${this.m.requiredMark})</span>` : nothing}`;
    const hint = hintId ? html`<p part="hint" class="hint" id=${hintId}>${q.hint ? l.text(q.hint) : ''} ${this.autoHint(q)}</p>` : nothing;
    const err = error ? html`<p part="error" class="error" id=${errorId}>${error}</p>` : nothing;
    const ctx: FieldContext = { id, describedBy, invalid: !!error };

    if (q.type === 'info') {
      return html`<div class="field info" part="field"><p class="info-title">${l.text(q.label)}</p>${q.hint ? html`<p>${l.text(q.hint)}</p>` : nothing}</div>`;
    }
    if (this.isGroup(q)) {
      return html`<fieldset part="field" class="field" id=${id} aria-describedby=${describedBy} aria-invalid=${error ? 'true' : 'false'}>
        <legend part="label">${label}</legend>
        ${hint}${err}${this.renderGroup(q, ctx)}
      </fieldset>`;
    }
    return html`<div part="field" class="field" @focusout=${() => this.touch(q.id)}>
      <label part="label" for=${`${id}-input`}>${label}</label>
      ${hint}${err}${this.renderInput(q, ctx)}
    </div>`;
  }

  private isGroup(q: SurveyQuestion): boolean {
    return ['single', 'multiple', 'yesno', 'scale', 'ranking', 'matrix', 'consent'].includes(q.type);
  }

  /** The rule under a question that the resident should know before answering. */
  private autoHint(q: SurveyQuestion): string {
    const m = this.m;
    const l = this.l;
    if (q.type === 'multiple') {
      const max = q.maxSelected;
      const min = q.minSelected ?? 0;
      if (max && min > 1) return m.chooseBetween(min, max);
      if (max) return m.chooseUpTo(max);
      if (min > 1) return m.chooseAtLeast(min);
      return m.chooseAny;
    }
    if (q.type === 'number' && q.min !== undefined && q.max !== undefined) return m.numberRange(l.number(q.min), l.number(q.max));
    if (q.type === 'ranking') return m.rankingHint;
    return '';
  }

  private setAnswer(id: string, value: AnswerValue | undefined, touch = false): void {
    const next = { ...this.answers };
    if (value === undefined || !isAnswered(value)) delete next[id];
    else next[id] = value;
    this.answers = next;
    if (touch) this.touch(id);
    if (this.submitter.state === 'error') this.submitter.reset();
    this.rejectedFromQueue = false;
    this.scheduleDraft();
  }

  private touch(id: string): void {
    if (!this.shown.has(id)) this.shown = new Set([...this.shown, id]);
    // An issue fixed disappears from the summary at once.
    if (this.summary.length) this.summary = this.summary.filter((i) => i.question !== id || this.issuesOf(this.question(i.question)!).length > 0);
  }

  private question(id: string): SurveyQuestion | undefined {
    return this.loader.value?.definition.pages.flatMap((p) => p.questions).find((q) => q.id === id);
  }

  private renderInput(q: SurveyQuestion, ctx: FieldContext) {
    const value = this.answers[q.id];
    const inputId = `${ctx.id}-input`;
    const common = { id: inputId, describedBy: ctx.describedBy, invalid: ctx.invalid ? 'true' : 'false' };
    switch (q.type) {
      case 'textarea': {
        const text = typeof value === 'string' ? value : '';
        const left = q.maxLength !== undefined ? q.maxLength - [...text].length : undefined;
        return html`<textarea id=${common.id} rows="5" aria-describedby=${left !== undefined ? `${ctx.describedBy === nothing ? '' : ctx.describedBy} ${ctx.id}-count`.trim() : common.describedBy} aria-invalid=${common.invalid}
            ?required=${!!q.required} .value=${text} @input=${(e: Event) => this.setAnswer(q.id, (e.target as HTMLTextAreaElement).value)}></textarea>
          ${left !== undefined ? html`<p class="counter ${left < 0 ? 'over' : ''}" id="${ctx.id}-count">${left >= 0 ? this.m.charsLeft(left) : this.m.charsOver(-left)}</p>` : nothing}`;
      }
      case 'text':
      case 'email':
        return html`<input id=${common.id} type=${q.type === 'email' ? 'email' : 'text'} autocomplete=${q.type === 'email' ? 'email' : 'off'} aria-describedby=${common.describedBy} aria-invalid=${common.invalid}
          ?required=${!!q.required} .value=${typeof value === 'string' ? value : ''} @input=${(e: Event) => this.setAnswer(q.id, (e.target as HTMLInputElement).value)} />`;
      case 'number':
        return html`<input id=${common.id} class="short" type="text" inputmode="decimal" aria-describedby=${common.describedBy} aria-invalid=${common.invalid}
          ?required=${!!q.required} .value=${value === undefined ? '' : String(value).replace('.', this.l.number(1.5).includes(',') ? ',' : '.')}
          @input=${(e: Event) => {
            const raw = (e.target as HTMLInputElement).value.trim();
            const n = Number(raw.replace(',', '.').replace(/\s/g, ''));
            this.setAnswer(q.id, raw === '' ? undefined : Number.isFinite(n) ? n : raw);
          }} />`;
      case 'date':
        return html`<input id=${common.id} class="short" type="date" min=${q.min ?? nothing} max=${q.max ?? nothing} aria-describedby=${common.describedBy} aria-invalid=${common.invalid}
          ?required=${!!q.required} .value=${typeof value === 'string' ? value : ''} @change=${(e: Event) => this.setAnswer(q.id, (e.target as HTMLInputElement).value, true)} />`;
      case 'dropdown': {
        const chosen = typeof value === 'string' ? value : '';
        return html`<select id=${common.id} aria-describedby=${common.describedBy} aria-invalid=${common.invalid} ?required=${!!q.required}
            @change=${(e: Event) => this.setAnswer(q.id, (e.target as HTMLSelectElement).value, true)}>
            <option value="" ?selected=${!chosen}>${this.m.choose}</option>
            ${q.options.map((o) => html`<option value=${o.id} ?selected=${chosen === o.id}>${this.l.text(o.label)}</option>`)}
            ${q.other ? html`<option value=${OTHER} ?selected=${chosen === OTHER}>${this.m.other}</option>` : nothing}
          </select>
          ${q.other && chosen === OTHER ? this.renderOtherText(q) : nothing}`;
      }
      default:
        return nothing;
    }
  }

  private renderOtherText(q: ChoiceQuestion) {
    return html`<div class="other-text">
      <label for="q-${q.id}-other">${this.m.otherSpecify}</label>
      <input id="q-${q.id}-other" type="text" maxlength="1000" .value=${this.other[q.id] ?? ''}
        @input=${(e: Event) => {
          this.other = { ...this.other, [q.id]: (e.target as HTMLInputElement).value };
          this.scheduleDraft();
        }}
        @focusout=${() => this.touch(q.id)} />
    </div>`;
  }

  private renderGroup(q: SurveyQuestion, ctx: FieldContext) {
    const l = this.l;
    const m = this.m;
    const value = this.answers[q.id];
    const option = (type: 'radio' | 'checkbox', name: string, val: string, label: unknown, checked: boolean, onChange: (checked: boolean) => void, extra: { aria?: string } = {}) =>
      html`<label part="option" class="option">
        <input type=${type} name=${name} value=${val} .checked=${checked} aria-label=${extra.aria ?? nothing}
          @change=${(e: Event) => onChange((e.target as HTMLInputElement).checked)} />
        <span>${label}</span>
      </label>`;
    switch (q.type) {
      case 'single':
        return html`${q.options.map((o) => option('radio', q.id, o.id, l.text(o.label), value === o.id, () => this.setAnswer(q.id, o.id, true)))}
          ${q.other ? option('radio', q.id, OTHER, m.other, value === OTHER, () => this.setAnswer(q.id, OTHER, true)) : nothing}
          ${q.other && value === OTHER ? this.renderOtherText(q) : nothing}`;
      case 'multiple': {
        const list = Array.isArray(value) ? value : [];
        const toggle = (id: string, on: boolean) => this.setAnswer(q.id, on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id), true);
        return html`${q.options.map((o) => option('checkbox', q.id, o.id, l.text(o.label), list.includes(o.id), (on) => toggle(o.id, on)))}
          ${q.other ? option('checkbox', q.id, OTHER, m.other, list.includes(OTHER), (on) => toggle(OTHER, on)) : nothing}
          ${q.other && list.includes(OTHER) ? this.renderOtherText(q) : nothing}`;
      }
      case 'yesno':
        return html`<div class="inline">
          ${option('radio', q.id, 'yes', m.yes, value === true, () => this.setAnswer(q.id, true, true))}
          ${option('radio', q.id, 'no', m.no, value === false, () => this.setAnswer(q.id, false, true))}
        </div>`;
      case 'consent':
        return option('checkbox', q.id, 'yes', html`${l.text(q.label)}${q.required ? html`<span class="required" aria-hidden="true"> *</span><span class="visually-hidden"> (${m.requiredMark})</span>` : nothing}`, value === true, (on) => this.setAnswer(q.id, on ? true : undefined, true));
      case 'scale':
        return this.renderScale(q, value);
      case 'ranking':
        return this.renderRanking(q, value);
      case 'matrix':
        return this.renderMatrix(q, value, ctx);
      default:
        return nothing;
    }
  }

  private renderScale(q: Extract<SurveyQuestion, { type: 'scale' }>, value: AnswerValue | undefined) {
    const l = this.l;
    const values: number[] = [];
    for (let v = q.min; v <= q.max; v++) values.push(v);
    const stars = q.display === 'stars';
    const chosen = typeof value === 'number' ? value : undefined;
    return html`${q.minLabel || q.maxLabel ? html`<p class="scale-ends" aria-hidden="true"><span>${l.number(q.min)} = ${l.text(q.minLabel)}</span><span>${l.number(q.max)} = ${l.text(q.maxLabel)}</span></p>` : nothing}
      <div class="scale ${stars ? 'stars' : 'numbers'}">
        ${values.map((v) => {
          const aria = stars ? this.m.stars(v, q.max) : v === q.min && q.minLabel ? `${l.number(v)} (${l.text(q.minLabel)})` : v === q.max && q.maxLabel ? `${l.number(v)} (${l.text(q.maxLabel)})` : undefined;
          return html`<label part="option" class="scale-option ${chosen !== undefined && (stars ? v <= chosen : v === chosen) ? 'on' : ''}">
            <input type="radio" name=${q.id} value=${v} .checked=${chosen === v} aria-label=${aria ?? nothing} @change=${() => this.setAnswer(q.id, v, true)} />
            <span aria-hidden=${stars ? 'true' : 'false'}>${stars ? '★' : l.number(v)}</span>
          </label>`;
        })}
      </div>`;
  }

  private renderRanking(q: Extract<SurveyQuestion, { type: 'ranking' }>, value: AnswerValue | undefined) {
    const l = this.l;
    const m = this.m;
    const order = Array.isArray(value) && value.length === q.options.length ? (value as string[]) : q.options.map((o) => o.id);
    const label = (id: string) => l.text(q.options.find((o) => o.id === id)?.label);
    const move = (from: number, to: number, which: 'up' | 'down') => {
      const next = [...order];
      const [item] = next.splice(from, 1);
      next.splice(to, 0, item!);
      this.setAnswer(q.id, next, true);
      this.announcement = m.moved(label(item!), to + 1, next.length);
      // Focus stays on the item's button that moved; at an end, on the other button.
      const edge = (which === 'up' && to === 0) || (which === 'down' && to === next.length - 1);
      void this.focusAfterRender(`#rank-${q.id}-${item} .${edge ? (which === 'up' ? 'down' : 'up') : which}`);
    };
    return html`<ol class="ranking">
        ${order.map(
          (id, i) => html`<li class="rank-item" id="rank-${q.id}-${id}">
            <span class="rank-pos" aria-hidden="true">${l.number(i + 1)}</span>
            <span class="rank-label">${label(id)}</span>
            <span class="rank-buttons">
              <button type="button" class="icon up" aria-label=${m.moveUp(label(id))} ?disabled=${i === 0} @click=${() => move(i, i - 1, 'up')}>↑</button>
              <button type="button" class="icon down" aria-label=${m.moveDown(label(id))} ?disabled=${i === order.length - 1} @click=${() => move(i, i + 1, 'down')}>↓</button>
            </span>
          </li>`,
        )}
      </ol>
      ${isAnswered(value) ? nothing : html`<button type="button" class="secondary" @click=${() => this.setAnswer(q.id, order, true)}>${m.keepOrder}</button>`}`;
  }

  private renderMatrix(q: Extract<SurveyQuestion, { type: 'matrix' }>, value: AnswerValue | undefined, ctx: FieldContext) {
    const l = this.l;
    const rows = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
    return html`<div class="matrix">
      ${q.rows.map(
        (r) => html`<fieldset class="matrix-row" aria-describedby=${ctx.describedBy}>
          <legend>${l.text(r.label)}</legend>
          <div class="inline">
            ${q.columns.map(
              (c) => html`<label part="option" class="option">
                <input type="radio" name="${q.id}.${r.id}" value=${c.id} .checked=${rows[r.id] === c.id} @change=${() => this.setAnswer(q.id, { ...rows, [r.id]: c.id }, false)} />
                <span>${l.text(c.label)}</span>
              </label>`,
            )}
          </div>
        </fieldset>`,
      )}
    </div>`;
  }

  private renderContact(def: SurveyDefinition) {
    const m = this.m;
    if (!def.contact) return html`<p class="hint small">${m.anonymous}</p>`;
    const l = this.l;
    const email = this.contact.email?.trim();
    const emailBad = !!email && this.shown.has('contact.email') && !isEmailAddress(email);
    return html`<fieldset class="contact field" part="field">
      <legend part="label">${m.contactTitle}</legend>
      <p class="hint" id="contact-hint">${m.contactHint} ${l.text(def.contact.consent)}
        ${def.contact.privacyUrl ? html`<a href=${def.contact.privacyUrl} target="_blank" rel="noopener">${m.privacy}</a>` : nothing}</p>
      <label for="contact-name">${m.name}</label>
      <input id="contact-name" type="text" autocomplete="name" aria-describedby="contact-hint" .value=${this.contact.name ?? ''}
        @input=${(e: Event) => this.setContact('name', (e.target as HTMLInputElement).value)} />
      <label for="contact-email">${m.email}</label>
      ${emailBad ? html`<p class="error" id="contact-email-error">${m.issue.invalid_email}</p>` : nothing}
      <input id="contact-email" type="email" autocomplete="email" aria-describedby=${emailBad ? 'contact-hint contact-email-error' : 'contact-hint'} aria-invalid=${emailBad ? 'true' : 'false'}
        .value=${this.contact.email ?? ''} @input=${(e: Event) => this.setContact('email', (e.target as HTMLInputElement).value)} @focusout=${() => this.touch('contact.email')} />
    </fieldset>`;
  }

  private setContact(key: 'name' | 'email', value: string): void {
    this.contact = { ...this.contact, [key]: value };
    this.scheduleDraft();
  }

  /* ------------------------------------------------------------ errors and navigation */

  private renderSummary(def: SurveyDefinition) {
    const issues = this.summary;
    const serverError = this.submitter.state === 'error' && !this.submitter.error?.fields?.length;
    if (!issues.length && !serverError) return nothing;
    const message = this.rejectedFromQueue ? this.m.rejectedLater(this.submitter.message()) : this.submitter.message();
    return html`<div part="error" class="error-summary" role="alert" tabindex="-1" id="error-summary">
      ${issues.length
        ? html`<h3>${pictogram(this.l, 'error')}${this.m.errorsTitle(issues.length)}</h3>
            <ul>
              ${issues.map((i) => {
                const q = this.question(i.question);
                if (!q) return nothing;
                return html`<li><a href="#q-${q.id}" @click=${(e: Event) => this.jumpTo(e, def, q.id)}>${this.m.summaryItem(this.l.text(q.label), this.issueText(q, i))}</a></li>`;
              })}
            </ul>`
        : html`<p>${pictogram(this.l, 'error')}${message}</p>`}
    </div>`;
  }

  /** Follows a link of the error summary: to the question's page, focus on its first control. */
  private async jumpTo(e: Event, def: SurveyDefinition, id: string): Promise<void> {
    e.preventDefault();
    const { pages } = walk(def, this.answers);
    const index = pages.findIndex((p) => p.questions.some((q) => q.id === id));
    if (index >= 0 && index !== this.step) this.step = index;
    await this.updateComplete;
    const field = this.renderRoot.querySelector(`#q-${CSS.escape(id)}-input, #q-${CSS.escape(id)} input, #q-${CSS.escape(id)} button, #q-${CSS.escape(id)}-other`);
    (field as HTMLElement | null)?.focus();
  }

  private pageIssues(def: SurveyDefinition, step: number): AnswerIssue[] {
    const { pages } = walk(def, this.answers);
    const list = step >= pages.length ? pages : [pages[step]!];
    return list.flatMap((p) => p.questions.flatMap((q) => this.issuesOf(q)));
  }

  private async goTo(step: number): Promise<void> {
    this.summary = [];
    this.step = step;
    this.scheduleDraft();
    await this.updateComplete;
    const heading = this.renderRoot.querySelector<HTMLElement>('#page-title, #review-title');
    heading?.focus();
    heading?.scrollIntoView?.({ block: 'nearest' });
  }

  private async onSubmit(e: SubmitEvent, def: SurveyDefinition): Promise<void> {
    e.preventDefault();
    if (this.submitter.state === 'submitting') return;
    const { pages } = walk(def, this.answers);
    const step = Math.min(this.step, pages.length);
    const issues = this.pageIssues(def, step);
    const emailBad = !!this.contact.email?.trim() && !isEmailAddress(this.contact.email.trim());
    if (issues.length || (emailBad && step >= pages.length - 1)) {
      this.shown = new Set([...this.shown, ...issues.map((i) => i.question), ...(emailBad ? ['contact.email'] : [])]);
      this.summary = issues;
      this.dispatchEvent(new CivicInvalidEvent({ kind: 'survey', fields: issues.map((i) => ({ path: ['answers', i.question], code: i.code })) }));
      // On the review step, go back to the first page with a problem.
      if (step === pages.length && issues[0]) {
        const first = pages.findIndex((p) => p.questions.some((q) => q.id === issues[0]!.question));
        if (first >= 0) this.step = first;
      }
      await this.focusAfterRender(issues.length ? '#error-summary' : '#contact-email');
      return;
    }
    if (step < pages.length) return this.goTo(step + 1);
    await this.send(def);
  }

  private async send(def: SurveyDefinition): Promise<void> {
    // A resident quick enough to send before the inline definition is checked waits for the check.
    if (!this.loader.value) {
      try {
        await this.loader.taskComplete;
      } catch {
        return; // render() shows why the survey cannot load
      }
      if (!this.loader.value) return;
    }
    await this.deviceReady;
    const pruned = pruneHidden(def, this.answers, this.other);
    const contact = def.contact && (this.contact.name?.trim() || this.contact.email?.trim()) ? { ...(this.contact.name?.trim() ? { name: this.contact.name.trim() } : {}), ...(this.contact.email?.trim() ? { email: this.contact.email.trim() } : {}) } : undefined;
    const payload = {
      answers: pruned.answers,
      ...(Object.keys(pruned.other).length ? { other: pruned.other } : {}),
      ...(this.token ? { deviceToken: this.token } : {}),
      ...(contact ? { contact } : {}),
    };
    this.flushDraft();
    await this.submitter.submit(payload);
    const s = this.submitter.state;
    if (s === 'queued') {
      await this.eraseDraft();
      await this.focusAfterRender('#status');
    } else if (s === 'error') {
      const error = this.submitter.error;
      if (error?.failure === 'already_submitted') {
        await this.markResponded('');
        this.submitter.reset();
        await this.focusAfterRender('#status');
        return;
      }
      const fields = error?.fields ?? [];
      const server: AnswerIssue[] = fields
        .filter((f) => f.path[0] === 'answers' || f.path[0] === 'other')
        .map((f) => ({ question: String(f.path[1]), code: f.code as AnswerIssue['code'], ...(f.path[0] === 'other' ? { detail: 'other' } : f.path[2] !== undefined ? { detail: String(f.path[2]) } : {}) }));
      this.summary = server.filter((i) => this.question(i.question));
      if (this.summary.length) this.shown = new Set([...this.shown, ...this.summary.map((i) => i.question)]);
      await this.focusAfterRender('#error-summary');
    } else {
      await this.focusAfterRender('#status');
    }
  }

  private async accepted(receipt: Receipt): Promise<void> {
    await this.eraseDraft();
    await this.markResponded(receipt.id, receipt.receivedAt);
    this.answers = {};
    this.other = {};
    this.contact = {};
    this.step = 0;
    this.shown = new Set();
  }

  private async markResponded(receiptId: string, at = new Date().toISOString()): Promise<void> {
    const def = this.loader.value?.definition;
    const client = this.client;
    if (!def?.onePerDevice || !client) return;
    const record = { receiptId, at };
    await this.deviceStore.set(`responded:survey|${client.base}|${def.id}`, record);
    this.responded = record;
  }

  /** Answers kept on the device were refused when finally sent: back to the review with everything. */
  private rejectedLater(payload: { answers?: Answers; other?: Record<string, string> }): void {
    this.answers = payload.answers ?? {};
    this.other = payload.other ?? {};
    this.rejectedFromQueue = true;
    this.step = Number.MAX_SAFE_INTEGER;
  }

  /* ------------------------------------------------------------ review */

  private renderReview(def: SurveyDefinition) {
    const { pages } = walk(def, this.answers);
    const l = this.l;
    const m = this.m;
    return html`<div class="review">
      <div class="page-title" role="heading" aria-level=${this.level(1)} id="review-title" tabindex="-1">${m.reviewTitle}</div>
      ${pages.map(
        (p, i) => html`${p.title ? html`<p class="review-page">${l.text(p.title)}</p>` : nothing}
          <dl class="review-list">
            ${p.questions
              .filter((q) => q.type !== 'info')
              .map(
                (q) => html`<div class="review-item">
                  <dt>${l.text(q.label)}</dt>
                  <dd>
                    <span class=${isAnswered(this.answers[q.id]) ? '' : 'muted'}>${this.answerText(q)}</span>
                    <button type="button" class="link" aria-label=${m.changeAnswer(l.text(q.label))}
                      @click=${async () => {
                        await this.goTo(i);
                        await this.jumpTo(new Event('x'), def, q.id);
                      }}>${m.change}</button>
                  </dd>
                </div>`,
              )}
          </dl>`,
      )}
      ${def.contact && (this.contact.name || this.contact.email)
        ? html`<dl class="review-list"><div class="review-item"><dt>${m.contactTitle}</dt><dd>${[this.contact.name, this.contact.email].filter(Boolean).join(', ')}</dd></div></dl>`
        : nothing}
    </div>`;
  }

  /** An answer as text, for the review step. */
  private answerText(q: SurveyQuestion): string {
    const l = this.l;
    const m = this.m;
    const v = this.answers[q.id];
    if (!isAnswered(v)) return m.notAnswered;
    const choice = (id: string) => (id === OTHER ? m.pair(m.other, this.other[q.id] ?? '') : l.text(('options' in q ? q.options : []).find((o: Choice) => o.id === id)?.label));
    switch (q.type) {
      case 'single':
      case 'dropdown':
        return choice(String(v));
      case 'multiple':
        return (v as string[]).map(choice).join(', ');
      case 'ranking':
        return (v as string[]).map((id, i) => `${l.number(i + 1)}. ${choice(id)}`).join(m.listSep);
      case 'yesno':
      case 'consent':
        return v ? m.yes : m.no;
      case 'number':
      case 'scale':
        return typeof v === 'number' ? l.number(v) : String(v);
      case 'matrix':
        return q.rows
          .filter((r) => (v as Record<string, string>)[r.id])
          .map((r) => m.pair(l.text(r.label), l.text(q.columns.find((c) => c.id === (v as Record<string, string>)[r.id])?.label)))
          .join(m.listSep);
      case 'date':
        return formatDay(this.resolvedLang, String(v));
      default:
        return String(v);
    }
  }

  /* ------------------------------------------------------------ drafts */

  private draftKey(): string | undefined {
    const client = this.client;
    const id = this.contentId;
    return client && id ? `draft:survey|${client.base}|${id}` : undefined;
  }

  private scheduleDraft(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.flushDraft(), 300);
  }

  /** Writes the draft now (also before sending and when the widget leaves the page). */
  private flushDraft(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const key = this.draftKey();
    if (!key || !this.deviceLoaded || this.draftOffer || this.submitter.state === 'submitted' || this.submitter.state === 'queued') return;
    const empty = !Object.keys(this.answers).length && !Object.values(this.other).some(Boolean) && !this.contact.name && !this.contact.email;
    if (empty) void this.deviceStore.del(key);
    else void this.deviceStore.set(key, { answers: this.answers, other: this.other, contact: this.contact, step: this.step, savedAt: new Date().toISOString() } satisfies Draft);
  }

  private async eraseDraft(): Promise<void> {
    clearTimeout(this.saveTimer);
    const key = this.draftKey();
    if (key) await this.deviceStore.del(key);
  }

  private restore(d: Partial<Draft>): void {
    this.answers = d.answers ?? {};
    this.other = d.other ?? {};
    this.contact = d.contact ?? {};
    this.step = d.step ?? 0;
  }

  private async resumeDraft(draft: Draft): Promise<void> {
    this.draftOffer = undefined;
    this.restore(draft);
    this.announcement = this.m.resumed;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#page-title, #review-title')?.focus();
  }

  private async startOver(): Promise<void> {
    this.draftOffer = undefined;
    this.restore({});
    await this.eraseDraft();
    this.announcement = this.m.startedOver;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#page-title')?.focus();
  }

  /* ------------------------------------------------------------ results */

  private renderResults(def: SurveyDefinition, results: SurveyResults | null, offline: boolean) {
    const l = this.l;
    const m = this.m;
    if (!results) return html`<p class="message" part="status" role="status">${offline ? l.t('offlineCopy') : m.resultsHidden}</p>`;
    const questions = def.pages.flatMap((p) => p.questions).filter((q) => q.type !== 'info' && q.type !== 'consent');
    return html`<div part="results" class="results">
      <div class="page-title" role="heading" aria-level=${this.level(1)}>${m.resultsTitle}</div>
      <p class="total">${m.responses(results.responses)}</p>
      ${this.renderOrigins(results)}
      ${questions.map((q) => {
        const r = results.questions[q.id];
        if (!r) return nothing;
        return html`<section class="result-question" aria-labelledby="r-${q.id}">
          <div class="result-title" role="heading" aria-level=${this.level(2)} id="r-${q.id}">${l.text(q.label)}</div>
          <p class="hint">${m.answered(r.answered)}</p>
          ${this.renderQuestionResult(q, r)}
        </section>`;
      })}
    </div>`;
  }

  private renderOrigins(results: SurveyResults) {
    const entries = Object.entries(results.byOrigin).filter(([, n]) => n > 0);
    if (!entries.some(([o]) => o !== 'web')) return nothing;
    const m = this.m;
    const l = this.l;
    return html`<table class="origins">
      <caption>${m.byOrigin}</caption>
      <thead><tr><th scope="col">${m.channel}</th><th scope="col">${m.count}</th></tr></thead>
      <tbody>
        ${entries.map(([o, n]) => html`<tr><th scope="row">${m.origin[o] ?? o}</th><td>${l.number(n)}</td></tr>`)}
        <tr class="origin-total"><th scope="row">${m.origin.total}</th><td>${l.number(results.responses)}</td></tr>
      </tbody>
    </table>`;
  }

  /** Bars with their numbers written out: the figure is readable without the picture. */
  private bars(rows: Array<[string, number]>, denominator: number) {
    const l = this.l;
    return html`<ul class="bars">
      ${rows.map(([label, count]) => {
        const share = denominator > 0 ? count / denominator : 0;
        return html`<li>
          <span class="result-line"><span>${label}</span> <span class="result-value">${l.percent(share)} · ${l.number(count)}</span></span>
          <svg part="bar" class="bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            ${svg`<rect class="track" x="0" y="0" width="100" height="4"></rect><rect class="fill" x="0" y="0" width=${(share * 100).toFixed(2)} height="4"></rect>`}
          </svg>
        </li>`;
      })}
    </ul>`;
  }

  private renderQuestionResult(q: SurveyQuestion, r: SurveyResults['questions'][string]): TemplateResult | typeof nothing {
    const l = this.l;
    const m = this.m;
    const counts = r.counts ?? {};
    const texts = (list: string[] | undefined, caption: string) =>
      list?.length ? html`<details class="texts"><summary>${caption} (${l.number(list.length)})</summary><ul>${list.map((t) => html`<li>${t}</li>`)}</ul></details>` : nothing;
    switch (q.type) {
      case 'single':
      case 'multiple':
      case 'dropdown': {
        const rows: Array<[string, number]> = q.options.map((o) => [l.text(o.label), counts[o.id] ?? 0]);
        if (q.other) rows.push([m.other, counts[OTHER] ?? counts.other ?? 0]);
        return html`${this.bars(rows, r.answered)}${texts(r.other, m.publishedTexts)}`;
      }
      case 'yesno':
        return this.bars([[m.yes, counts.yes ?? 0], [m.no, counts.no ?? 0]], r.answered);
      case 'scale': {
        const rows: Array<[string, number]> = [];
        for (let v = q.max; v >= q.min; v--) rows.push([q.display === 'stars' ? m.stars(v, q.max) : l.number(v), counts[String(v)] ?? 0]);
        return html`${r.numbers ? html`<p class="average">${m.pair(m.average, l.number(r.numbers.mean, { maximumFractionDigits: 1 }))}</p>` : nothing}${this.bars(rows, r.answered)}`;
      }
      case 'ranking': {
        const ranking = r.ranking ?? {};
        const order = [...q.options].sort((a, b) => (ranking[a.id] ?? Infinity) - (ranking[b.id] ?? Infinity));
        return html`<ol class="ranked-results">${order.map((o) => html`<li>${l.text(o.label)} <span class="muted">(${m.meanPosition(l.number(ranking[o.id] ?? 0, { maximumFractionDigits: 1 }))})</span></li>`)}</ol>`;
      }
      case 'matrix': {
        const matrix = r.matrix ?? {};
        return html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="r-${q.id}">
          <table class="matrix-results">
            <thead><tr><td></td>${q.columns.map((c) => html`<th scope="col">${l.text(c.label)}</th>`)}</tr></thead>
            <tbody>${q.rows.map((row) => html`<tr><th scope="row">${l.text(row.label)}</th>${q.columns.map((c) => html`<td>${l.number(matrix[row.id]?.[c.id] ?? 0)}</td>`)}</tr>`)}</tbody>
          </table>
        </div>`;
      }
      case 'number':
        return html`${r.numbers
            ? html`<dl class="stats">
                <div><dt>${m.average}</dt><dd>${l.number(r.numbers.mean, { maximumFractionDigits: 2 })}</dd></div>
                <div><dt>${m.median}</dt><dd>${l.number(r.numbers.median)}</dd></div>
                <div><dt>${m.min}</dt><dd>${l.number(r.numbers.min)}</dd></div>
                <div><dt>${m.max}</dt><dd>${l.number(r.numbers.max)}</dd></div>
              </dl>`
            : nothing}${texts(r.texts, m.publishedTexts)}`;
      default:
        return texts(r.texts, m.publishedTexts);
    }
  }

  /* ------------------------------------------------------------ paper */

  private renderPaper(def: SurveyDefinition) {
    const l = this.l;
    const m = this.m;
    let n = 0;
    const online = onlineUrl(this.onlineUrl);
    return html`<div class="paper-body">
      <p class="paper-howto">${m.printHowTo}</p>
      ${this.print ? html`<div class="actions screen-only"><button type="button" class="secondary" @click=${() => window.print()}>${m.print}</button></div>` : nothing}
      ${def.pages.map(
        (p, i) => html`<div class="paper-page">
          ${p.title ? html`<div class="page-title" role="heading" aria-level=${this.level(1)}>${l.text(p.title)}</div>` : nothing}
          ${p.visibleIf ? html`<p class="paper-if">${this.conditionText(def, p.visibleIf)}</p>` : nothing}
          ${p.questions.map((q) => (q.type === 'info' ? html`<div class="paper-q info"><p class="info-title">${l.text(q.label)}</p>${q.hint ? html`<p>${l.text(q.hint)}</p>` : nothing}</div>` : this.renderPaperQuestion(def, q, ++n)))}
          ${i === def.pages.length - 1 && def.contact
            ? html`<div class="paper-q"><p class="paper-label">${m.contactTitle}</p><p class="hint">${l.text(def.contact.consent)}</p>
                <p>${m.name}</p><div class="line"></div><p>${m.email}</p><div class="line"></div></div>`
            : nothing}
        </div>`,
      )}
      <div class="paper-return">
        ${def.paper?.returnTo ? html`<p class="paper-label">${m.printReturn}</p><p>${l.text(def.paper.returnTo)}</p>` : nothing}
        ${online ? html`<p>${m.printOnline(online)}</p>` : nothing}
      </div>
    </div>`;
  }

  private renderPaperQuestion(def: SurveyDefinition, q: SurveyQuestion, n: number) {
    const l = this.l;
    const m = this.m;
    const box = (label: unknown) => html`<li class="paper-choice"><span class="box" aria-hidden="true"></span> ${label}</li>`;
    const lines = (k: number) => html`${Array.from({ length: k }, () => html`<div class="line"></div>`)}`;
    let body: unknown;
    switch (q.type) {
      case 'single':
      case 'dropdown':
      case 'multiple':
        body = html`${q.type === 'multiple' ? html`<p class="hint">${this.autoHint(q) || m.printMany}</p>` : nothing}
          <ul class="paper-choices">${q.options.map((o) => box(l.text(o.label)))}${q.other ? box(html`${m.other} <span class="line inline-line"></span>`) : nothing}</ul>`;
        break;
      case 'yesno':
        body = html`<ul class="paper-choices inline">${box(m.yes)}${box(m.no)}</ul>`;
        break;
      case 'consent':
        body = html`<ul class="paper-choices">${box(m.yes)}</ul>`;
        break;
      case 'scale': {
        const vals: number[] = [];
        for (let v = q.min; v <= q.max; v++) vals.push(v);
        body = html`<ul class="paper-choices inline">${vals.map((v) => box(l.number(v)))}</ul>
          ${q.minLabel || q.maxLabel ? html`<p class="hint">${l.number(q.min)} = ${l.text(q.minLabel)} · ${l.number(q.max)} = ${l.text(q.maxLabel)}</p>` : nothing}`;
        break;
      }
      case 'ranking':
        body = html`<p class="hint">${m.printRank}</p><ul class="paper-choices">${q.options.map((o) => html`<li class="paper-choice"><span class="box wide" aria-hidden="true"></span> ${l.text(o.label)}</li>`)}</ul>`;
        break;
      case 'matrix':
        body = html`<table class="paper-matrix">
          <thead><tr><td></td>${q.columns.map((c) => html`<th scope="col">${l.text(c.label)}</th>`)}</tr></thead>
          <tbody>${q.rows.map((r) => html`<tr><th scope="row">${l.text(r.label)}</th>${q.columns.map(() => html`<td><span class="box" aria-hidden="true"></span></td>`)}</tr>`)}</tbody>
        </table>`;
        break;
      case 'textarea':
        body = lines(6);
        break;
      case 'date':
        body = html`<p class="paper-date">__ __ / __ __ / __ __ __ __</p>`;
        break;
      default:
        body = lines(1);
    }
    return html`<div class="paper-q">
      <p class="paper-label"><span class="paper-n">${l.number(n)}.</span> ${l.text(q.label)}${q.required && q.type !== 'info' ? ' *' : ''}</p>
      ${q.visibleIf ? html`<p class="paper-if">${this.conditionText(def, q.visibleIf)}</p>` : nothing}
      ${q.hint ? html`<p class="hint">${l.text(q.hint)}</p>` : nothing}
      ${body}
    </div>`;
  }

  /** A condition in words, for paper: "Only if you answered “Yes” to “Do you cycle?”". */
  private conditionText(def: SurveyDefinition, c: Condition): string {
    const l = this.l;
    const m = this.m;
    const describe = (cond: Condition): string => {
      if ('all' in cond) return cond.all.map(describe).join(m.and);
      if ('any' in cond) return cond.any.map(describe).join(m.or);
      if ('not' in cond) return m.unless(describe(cond.not));
      const q = def.pages.flatMap((p) => p.questions).find((x) => x.id === cond.question);
      const label = q ? l.text(q.label) : cond.question;
      const value = (v: string | number | boolean) => {
        if (typeof v === 'boolean') return m.quoted(v ? m.yes : m.no);
        const o = q && 'options' in q ? q.options.find((x: Choice) => x.id === v) : undefined;
        return m.quoted(o ? l.text(o.label) : v === OTHER ? m.other : String(v));
      };
      if ('answered' in cond) return cond.answered ? m.ifAnswered(label) : m.ifNotAnswered(label);
      const values = 'equals' in cond ? [cond.equals] : cond.oneOf;
      return m.ifAnsweredWith(values.map(value).join(m.or), label);
    };
    return m.onlyIf(describe(c));
  }

  static define(tag = 'civic-survey'): void {
    defineOnce(tag, this);
  }
}

interface FieldContext {
  id: string;
  describedBy: string | typeof nothing;
  invalid: boolean;
}

declare global {
  interface HTMLElementTagNameMap {
    'civic-survey': CivicSurvey;
  }
}
