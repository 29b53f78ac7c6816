import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { type ApiClient, type EventStream } from '../../api/client.js';
import { Receipt } from '../../api/schemas/common.js';
import { PetitionDefinition, PetitionSigners, PowChallenge, SignatureCount, type PetitionProfile } from '../../api/schemas/petition.js';
import { isEmailAddress, paths } from '../../api/resources.js';
import { CivicElement, defineOnce } from '../../internal/civic-element.js';
import { SubmitController } from '../../internal/submit-controller.js';
import { RetryWhileOffline, loadDefinition } from '../../internal/definitions.js';
import { CivicInvalidEvent, CivicLoadEvent } from '../../events/index.js';
import type { PetitionMessages } from './petition.messages.js';
import type { Catalog } from '../../i18n/localize.js';
import { petitionStyles } from './petition.styles.js';
import { PrintMode, paperHost } from '../../internal/print-mode.js';
import { pictogram } from '../../internal/pictograms.js';
import { fieldStyles } from '../../styles/form.styles.js';

/** What this device remembers about its signature. */
interface SignedRecord {
  status: 'pending' | 'confirmed';
  email?: string;
  at: string;
}

type FieldName = 'name' | 'firstName' | 'lastName' | 'email' | 'postcode' | 'town' | 'address' | 'elector' | 'declaration';
type Values = Partial<Record<FieldName, string | boolean>> & { publicName?: 'none' | 'initial' | 'full' };

/** The fields of each profile, in the order they are shown. The e-mail is always there. */
const PROFILE_FIELDS: Record<PetitionProfile, FieldName[]> = {
  minimal: ['name', 'email'],
  standard: ['firstName', 'lastName', 'email', 'postcode', 'town'],
  formal: ['elector', 'firstName', 'lastName', 'address', 'postcode', 'town', 'email', 'declaration'],
};
const CHECKBOXES = new Set<FieldName>(['elector', 'declaration']);
const AUTOCOMPLETE: Partial<Record<FieldName, string>> = {
  name: 'nickname', firstName: 'given-name', lastName: 'family-name', email: 'email', postcode: 'postal-code', town: 'address-level2', address: 'street-address',
};
const POSTCODE = /^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/;

/**
 * A petition: its text, addressee, deadline, goal and live count, and a signature form whose
 * fields follow the organiser's profile (minimal, standard, or the formal local petition of the
 * French CGCT L.1112-16). A signature counts once the signer follows the link mailed to them
 * (double opt-in). No CAPTCHA: a hidden honeypot field and the time taken to fill the form are
 * sent along. Works offline: a signature that cannot be sent is kept on the device and sent
 * when the connection returns.
 *
 * With `print` (or while the browser prints the page) it shows a signature sheet instead: the text,
 * the personal-data notice, numbered lines with the profile's fields as columns, where to return
 * it, and a QR code back to this page (loaded as a separate chunk, only then).
 *
 * @summary A petition residents sign with their e-mail address, confirmed by a link.
 * @tagname civic-petition
 *
 * @event civic-load - The petition was loaded. `detail: { kind, contentId, definition }`.
 * @event civic-submit - Before a signature is sent; cancelable. `detail: { kind, contentId, payload }`.
 * @event civic-submitted - The server received the signature (it waits for the e-mail confirmation). `detail: { kind, contentId, receipt }`.
 * @event civic-queued - No connection or too many signatures from this network: the signature is kept on the device. `detail: { kind, contentId, idempotencyKey, reason }`.
 * @event civic-synced - A signature kept on the device reached the server. `detail: { kind, contentId, receipt }`.
 * @event civic-invalid - Some fields are missing or invalid. `detail: { kind, fields }`.
 * @event civic-error - Loading or sending failed, or the configuration is wrong. `detail: { kind, error, message }`.
 *
 * @csspart base - The frame around the widget.
 * @csspart header - Title, summary, addressee and deadline.
 * @csspart title - The petition's title.
 * @csspart body - Everything below the header.
 * @csspart progress - The goal's progress bar.
 * @csspart count - The number of signatures.
 * @csspart signers - The latest signers who chose to appear publicly (petitions with `publicNames`).
 * @csspart response - The organiser's official response.
 * @csspart form - The signature form.
 * @csspart field - One field (label, hint, error, input).
 * @csspart label - A field's label.
 * @csspart hint - A hint or a date.
 * @csspart error - An error message or the error summary.
 * @csspart option - One public-name choice.
 * @csspart submit-button - The sign button.
 * @csspart status - The live message (check your mailbox, counted, saved on this device).
 * @csspart share - The share buttons.
 * @csspart sheet - Printed version: the table of numbered lines.
 * @csspart privacy - Printed version: the personal-data notice.
 * @csspart online - Printed version: the QR code and short link to the online petition.
 *
 * @cssproperty --civic-petition-bar-color - Colour of the progress bar (default: --civic-color-primary).
 * @cssproperty --civic-petition-track-color - Colour behind the progress bar (default: --civic-color-surface-alt).
 * @cssproperty --civic-color-primary - Main colour: buttons, links.
 * @cssproperty --civic-color-on-primary - Text on the main colour.
 * @cssproperty --civic-color-text - Text colour.
 * @cssproperty --civic-color-muted - Secondary text.
 * @cssproperty --civic-color-surface - Background.
 * @cssproperty --civic-color-surface-alt - Background of messages.
 * @cssproperty --civic-color-border - Frame and field borders.
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
 * @cssproperty --civic-color-scheme - `light` or `dark`: the colour scheme of native controls.
 */
export class CivicPetition extends CivicElement {
  static override styles = [...CivicElement.styles, fieldStyles, petitionStyles];
  protected readonly idAttribute = 'petition-id';
  protected get contentId(): string | undefined {
    return this.petitionId?.trim();
  }
  protected readonly kind = 'petition' as const;

  /** The petition's identifier on the server. */
  @property({ attribute: 'petition-id', reflect: true }) petitionId?: string;

  /** Level of the petition's heading in the page outline (1-6). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /**
   * Seconds between two refreshes of the count while the widget is visible (0: never). While the
   * server's event stream is open the count arrives as it changes, and polling slows to every
   * fifth tick (changes made through another server instance).
   */
  @property({ attribute: 'refresh-interval', type: Number }) refreshInterval = 30;

  /** Show the signature sheet to print: the text, numbered lines, the personal-data notice, a QR code. */
  @property({ type: Boolean, reflect: true }) print = false;

  /** Numbered lines on the signature sheet (1-500; 25 fill an A4 page); the column headings repeat on each printed page. */
  @property({ attribute: 'print-lines', type: Number }) printLines = 25;

  /** Where the petition can be signed online, printed on the sheet as a QR code and a link (default: this page). */
  @property({ attribute: 'online-url' }) onlineUrl?: string;

  private readonly paper = new PrintMode(this, () => import('./print.js'));

  @state() private values: Values = {};
  @state() private touched = new Set<FieldName>();
  @state() private showAll = false;
  @state() private signed?: SignedRecord;
  @state() private live?: PetitionDefinition;
  @state() private copied = false;
  @state() private rejectedFromQueue = false;
  /** Solving the petition's proof of work before sending. */
  @state() private proving = false;
  /** The latest signers who chose to appear (when the petition has `publicNames`). */
  @state() private signers?: PetitionSigners['signers'];
  /** The count the signers were fetched for. */
  private signersFor?: string;

  /** When the form was first shown (performance.now()), for the form-fill time. */
  private shownAt = 0;
  private timer?: ReturnType<typeof setInterval>;
  private visible = true;
  private observer?: IntersectionObserver;
  /** The live count's event stream (`GET …/events`), open while the widget is on screen. */
  private events?: EventStream;
  /** The stream failed once: polling only, for the life of this element. */
  private eventsFailed = false;
  private ticks = 0;
  private readonly onVisibility = () => this.syncEvents();

  private readonly submitter = new SubmitController<Receipt>(this, {
    kind: 'petition',
    receipt: Receipt,
    contentId: () => this.petitionId?.trim(),
    onAccepted: (_receipt, payload) => this.accepted(payload as Values),
    onRejected: (_error, payload) => {
      this.values = { ...(payload as Values) };
      this.rejectedFromQueue = true;
    },
  });

  private readonly loader = new Task(this, {
    args: () => [this.client, this.petitionId?.trim()] as const,
    task: async ([client, id], { signal }) => {
      if (!client || !id) return undefined;
      return this.load(client, id, signal);
    },
  });

  private readonly offlineRetry = new RetryWhileOffline(this, () => void this.loader.run());

  private scope(client: ApiClient, id: string): string {
    return `signed:petition|${client.base}|${id}`;
  }

  /** The widget's own strings (a lazy chunk), by language. */
  private messages?: Catalog<PetitionMessages>;

  private t<K extends keyof PetitionMessages>(key: K, ...args: PetitionMessages[K] extends (...a: infer P) => string ? P : []): string {
    const m = this.messages?.get(this.l);
    const entry = m?.[key] as unknown;
    return typeof entry === 'function' ? (entry as (...a: unknown[]) => string)(...args) : ((entry as string | undefined) ?? '');
  }

  private async load(client: ApiClient, id: string, signal: AbortSignal) {
    const [{ definition, offline }, strings] = await Promise.all([
      loadDefinition(client, 'petition', id, PetitionDefinition, signal),
      import('./petition.messages.js'),
    ]);
    this.messages = strings.petitionCatalog;
    const key = this.scope(client, id);
    let [signed, queued] = await Promise.all([this.deviceStore.get<SignedRecord>(key), this.submitter.restoreQueued()]);
    // Back from the confirmation page: `?civic-confirmed=<id>` says this device's signature counts.
    const confirmed = new URLSearchParams(location.search).getAll('civic-confirmed');
    if (confirmed.includes(id)) {
      signed = { ...signed, status: 'confirmed', at: new Date().toISOString() };
      await this.deviceStore.set(key, signed);
    }
    this.signed = signed;
    this.live = undefined;
    if (queued && typeof queued === 'object') this.values = this.draftOf(queued as Record<string, unknown>);
    this.dispatchEvent(new CivicLoadEvent({ kind: 'petition', contentId: id, definition }));
    return { definition, offline };
  }

  private draftOf(p: Record<string, unknown>): Values {
    const v: Values = {};
    for (const f of Object.values(PROFILE_FIELDS).flat()) if (p[f] !== undefined) (v as Record<string, unknown>)[f] = p[f];
    if (typeof p.publicName === 'string') v.publicName = p.publicName as Values['publicName'];
    return v;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof IntersectionObserver !== 'undefined') {
      this.observer = new IntersectionObserver((entries) => {
        this.visible = entries.some((e) => e.isIntersecting);
        this.syncEvents();
      });
      this.observer.observe(this);
    }
    document.addEventListener('visibilitychange', this.onVisibility);
    this.restartTimer();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.closeEvents();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private restartTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.refreshInterval > 0 && this.isConnected) this.timer = setInterval(() => void this.refresh(), this.refreshInterval * 1000);
  }

  /**
   * Opens the count's event stream while the widget is loaded, on screen and in a visible tab;
   * closes it otherwise. Without EventSource, or once the stream failed, polling does the work.
   */
  private syncEvents(): void {
    const client = this.client;
    const id = this.petitionId?.trim();
    const want =
      !!client && !!id && this.isConnected && this.visible && document.visibilityState !== 'hidden' && this.refreshInterval > 0 &&
      this.loader.status === TaskStatus.COMPLETE && !!this.loader.value && !this.loader.value.offline && !this.eventsFailed && typeof EventSource === 'function';
    const url = want ? `${client!.base}${paths.events('petition', id!)}` : '';
    if (this.events && this.events.url !== new URL(url || 'about:blank', location.href).href) this.closeEvents();
    if (!want || this.events) return;
    this.events = client!.events(
      paths.events('petition', id!),
      'count',
      SignatureCount,
      (count) => {
        const base = this.live ?? this.loader.value?.definition;
        if (base) this.live = { ...base, count };
      },
      () => {
        // A stream that cannot open (old server, proxy) or broke: back to polling only.
        this.eventsFailed = true;
        this.events = undefined;
      },
    );
  }

  private closeEvents(): void {
    this.events?.close();
    this.events = undefined;
  }

  /** The live count: the definition again, quietly, while the widget is on screen. */
  private async refresh(): Promise<void> {
    const client = this.client;
    const id = this.petitionId?.trim();
    if (!client || !id || !this.visible || document.visibilityState === 'hidden' || this.loader.status !== TaskStatus.COMPLETE) return;
    if (this.events?.readyState === 1 && this.ticks++ % 5) return;
    try {
      this.live = await client.get(paths.definition('petition', id), PetitionDefinition);
    } catch {
      /* the next tick tries again; what is shown stays */
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('refreshInterval')) this.restartTimer();
    this.syncEvents();
    if (this.loader.status === TaskStatus.ERROR) this.reportLoadError(this.loader.error);
    this.offlineRetry.schedule(this.loader.status === TaskStatus.COMPLETE && !!this.loader.value?.offline);
    if (!this.shownAt && this.renderRoot.querySelector('form')) this.shownAt = performance.now();
    void this.loadSigners(this.live ?? this.loader.value?.definition);
  }

  /** The latest public signers, again whenever the count changes. */
  private async loadSigners(def?: PetitionDefinition): Promise<void> {
    const at = def?.publicNames && this.client ? `${paths.definition('petition', def.id)}/signers?limit=5#${def.count.total}` : undefined;
    if (!at || at === this.signersFor) return;
    this.signersFor = at;
    try {
      this.signers = (await this.client!.get(at.split('#')[0]!, PetitionSigners)).signers;
    } catch {
      /* the list stays as it was */
    }
  }



  override render() {
    const problem = this.configProblem() ?? this.requireAttribute('petition-id', this.petitionId);
    if (problem) return this.renderConfigError(problem);
    return this.loader.render({
      initial: () => this.renderLoading(),
      pending: () => (this.loader.value ? this.renderPetition(this.live ?? this.loader.value.definition, this.loader.value.offline) : this.renderLoading()),
      error: (e) => this.renderLoadError(e, () => void this.loader.run()),
      complete: (loaded) => (loaded ? this.renderPetition(this.live ?? loaded.definition, loaded.offline) : this.renderLoading()),
    });
  }


  private renderPetition(def: PetitionDefinition, offline: boolean) {
    const l = this.l;
    if (this.paper.on) {
      const sheet = this.paper.module;
      if (sheet) return sheet.petitionSheet(paperHost(this), def, this.printLines, this.renderDates(def, (date) => this.t('petition.deadline', date)));
      if (this.print) return this.paper.error ? this.renderLoadError(this.paper.error, () => this.paper.retry()) : this.renderLoading();
    }
    return html`<section part="base" class="base" aria-labelledby="title" dir=${this.resolvedDir} lang=${l.lang}>
      <div part="header" class="header">
        <div part="title" class="title" role="heading" aria-level=${Math.min(6, Math.max(1, this.headingLevel))} id="title">${l.text(def.title)}</div>
        <p class="description">${l.text(def.summary)}</p>
        ${def.addressee ? html`<p class="hint">${this.t('petition.addressedTo', l.text(def.addressee))}</p>` : nothing} ${this.renderDates(def, (date) => this.t('petition.deadline', date))}
        ${def.body ? html`<details class="full-text"><summary>${this.t('petition.readFull')}</summary>${l.text(def.body).split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}</details>` : nothing}
      </div>
      <div part="body">
        ${def.response ? this.renderResponse(def) : nothing} ${this.renderCount(def)}
        ${offline && this.submitter.state !== 'submitted' ? html`<p class="message warning" part="hint">${pictogram(l, 'offline')}${l.t('offlineCopy')}</p>` : nothing}
        <div part="status" class="live" role="status" tabindex="-1" id="status">${this.renderStatus()}</div>
        ${this.renderMain(def)}
      </div>
    </section>`;
  }

  private renderResponse(def: PetitionDefinition) {
    const r = def.response!;
    return html`<div part="response" class="response">
      <p class="response-title"><strong>${this.t('petition.responseTitle')}</strong> <span class="hint">${this.t('petition.responseDate', this.l.dateTime(r.date))}</span></p>
      ${this.l.text(r.text).split(/\n{2,}/).map((p) => html`<p>${p}</p>`)}
    </div>`;
  }

  private renderCount(def: PetitionDefinition) {
    const l = this.l;
    const { total, online, paper } = def.count;
    const goal = def.goal;
    const reached = goal !== undefined && total >= goal;
    return html`<div class="count-block">
      <p part="count" class="count" id="count">
        <strong>${goal ? this.t('petition.progress', total, goal) : this.t('petition.signatures', total)}</strong>
        ${paper > 0 ? html`<br /><span class="hint">${this.t('petition.split', online, paper)}</span>` : nothing}
      </p>
      ${def.publicNames && this.signers?.length
        ? html`<p class="hint" id="signers">${this.t('petition.latest')}</p>
            <ul part="signers" class="signers" aria-labelledby="signers">
              ${this.signers.map((s) => html`<li>${this.t('petition.signer', s.name, s.at)}</li>`)}
            </ul>`
        : nothing}
      ${goal
        ? // .style (CSSOM), not a style attribute: a strict style-src without 'unsafe-inline' refuses those.
          html`<div part="progress" class="progress" aria-hidden="true"><div class="fill" .style=${`width:${Math.min(100, (100 * total) / goal).toFixed(2)}%`}></div></div>`
        : nothing}
      ${reached && def.phase === 'open' ? html`<p class="message success">${this.t('petition.goalReached')}</p>` : nothing}
      ${def.thresholds?.length
        ? html`<ul class="thresholds" aria-label=${this.t('petition.thresholds')}>
            ${def.thresholds.map(
              (t) => html`<li class=${total >= t.count ? 'reached' : ''}>
                <span class="threshold-count">${l.number(t.count)}</span> ${l.text(t.label)}${total >= t.count ? html` <strong>(${this.t('petition.thresholdReached')})</strong>` : nothing}
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
  }

  /** The live region's content: what just happened to this device's signature. */
  private renderStatus() {
    const s = this.submitter.state;
    if (s === 'queued') {
      const e = this.submitter.error;
      const text = e?.failure === 'rate_limited' ? this.t('petition.rateLimited', Math.max(1, Math.ceil(e.retryAfter ?? 60))) : this.t('petition.queued');
      return html`<div class="message warning"><p>${pictogram(this.l, 'offline')}${text}</p></div>`;
    }
    if (this.signed?.status === 'confirmed') {
      return html`<div class="message success"><p>${pictogram(this.l, 'success')}<strong>${this.t('petition.counted')}</strong></p>${this.renderShare()}</div>`;
    }
    if (this.signed?.status === 'pending') {
      return html`<div class="message success">
        ${this.submitter.fromQueue && s === 'submitted' ? html`<p>${this.t('petition.synced')}</p>` : nothing}
        <p>${pictogram(this.l, 'success')}<strong>${this.signed.email ? this.t('petition.checkMail', this.signed.email) : this.t('petition.checkMailNoAddress')}</strong></p>
        <p>${this.t('petition.checkMailHint')}</p>
      </div>`;
    }
    return nothing;
  }

  private shareUrl(): string {
    const u = new URL(location.href);
    u.searchParams.delete('civic-confirmed');
    return u.href;
  }

  private renderShare() {
    const canShare = typeof navigator.share === 'function';
    return html`<div part="share" class="actions share">
      <button type="button" class="secondary" @click=${() => this.copyLink()}>${this.t('petition.copyLink')}</button>
      ${canShare ? html`<button type="button" class="secondary" @click=${() => this.nativeShare()}>${this.t('petition.shareNative')}</button>` : nothing}
      <span class="copied">${this.copied ? this.t('petition.copied') : ''}</span>
    </div>`;
  }

  private async copyLink(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.shareUrl());
      this.copied = true;
    } catch {
      this.copied = false;
    }
  }

  private async nativeShare(): Promise<void> {
    const def = this.live ?? this.loader.value?.definition;
    try {
      await navigator.share({ title: def ? this.l.text(def.title) : document.title, url: this.shareUrl() });
    } catch {
      /* cancelled by the resident */
    }
  }

  private renderMain(def: PetitionDefinition) {
    if (def.phase === 'scheduled') return nothing;
    if (def.phase === 'closed') return html`<p class="message">${this.t('petition.closed')}</p>`;
    if (this.submitter.state === 'queued' || this.signed) {
      return this.signed?.status === 'pending' && this.submitter.state !== 'queued'
        ? html`<div class="actions"><button type="button" class="secondary" @click=${() => this.signAgain()}>${this.t('petition.signAgain')}</button></div>`
        : nothing;
    }
    return this.renderForm(def);
  }

  private async signAgain(): Promise<void> {
    const client = this.client;
    const id = this.petitionId?.trim();
    if (client && id) await this.deviceStore.del(this.scope(client, id));
    this.signed = undefined;
    this.submitter.reset();
    this.shownAt = 0;
    await this.focusAfterRender('input:not([tabindex="-1"])');
  }

  /* ---------------------------------------------------------- the form */

  private fields(def: PetitionDefinition): FieldName[] {
    return PROFILE_FIELDS[def.profile];
  }

  private problemOf(f: FieldName): 'field.required' | 'petition.error.checkbox' | 'petition.error.emailRequired' | 'petition.error.email' | 'petition.error.postcode' | undefined {
    const v = this.values[f];
    if (CHECKBOXES.has(f)) return v === true ? undefined : 'petition.error.checkbox';
    const s = typeof v === 'string' ? v.trim() : '';
    if (!s) return f === 'email' ? 'petition.error.emailRequired' : 'field.required';
    if (f === 'email' && !isEmailAddress(s)) return 'petition.error.email';
    if (f === 'postcode' && !POSTCODE.test(s)) return 'petition.error.postcode';
    return undefined;
  }

  /** Problems the server found, by field. */
  private serverProblems(): Map<string, string> {
    const out = new Map<string, string>();
    if (this.submitter.state !== 'error') return out;
    for (const f of this.submitter.error?.fields ?? []) {
      const name = String(f.path[0]);
      out.set(name, f.code === 'invalid_format' && name === 'email' ? this.t('petition.error.email') : f.code === 'invalid_format' ? this.l.t('field.invalid') : this.l.t('field.required'));
    }
    return out;
  }

  private shownProblem(f: FieldName, server: Map<string, string>): string | undefined {
    const own = this.problemOf(f);
    if (own && (this.showAll || this.touched.has(f))) return own === 'field.required' ? this.l.t(own) : this.t(own);
    return server.get(f);
  }

  private renderForm(def: PetitionDefinition) {
    const l = this.l;
    const server = this.serverProblems();
    const fields = this.fields(def);
    const problems = fields.map((f) => [f, this.shownProblem(f, server)] as const).filter(([, p]) => p);
    const serverError = this.submitter.state === 'error' && (!server.size || [...server.keys()].some((k) => !fields.includes(k as FieldName))) ? (this.rejectedFromQueue ? this.t('petition.rejectedLater', this.submitter.message()) : this.submitter.message()) : '';
    const busy = this.submitter.state === 'submitting' || this.proving;
    return html`<form part="form" novalidate @submit=${(e: SubmitEvent) => this.onSubmit(e, def)}>
      <h3 class="form-title">${this.t('petition.formTitle')}</h3>
      ${(this.showAll || server.size) && problems.length
        ? html`<div part="error" class="error-summary" role="alert" tabindex="-1" id="error-summary">
            <h4>${pictogram(l, 'error')}${l.t('errorSummaryTitle')}</h4>
            <p>${l.t('errorSummaryIntro', problems.length)}</p>
            <ul>
              ${problems.map(([f, p]) => html`<li><a href="#f-${f}" @click=${(e: Event) => this.focusField(e, f)}>${this.l.t('fieldError', this.labelOf(f), p ?? '')}</a></li>`)}
            </ul>
          </div>`
        : nothing}
      ${serverError ? html`<div part="error" class="error-summary" role="alert" tabindex="-1" id="error-summary"><p>${pictogram(l, 'error')}${serverError}</p></div>` : nothing}
      <p part="hint" class="hint">${pictogram(l, 'help')}${this.t('petition.allRequired')}</p>
      ${fields.map((f) => this.renderField(f, server))} ${def.publicNames ? this.renderPublicName() : nothing}
      <div class="visually-hidden" aria-hidden="true">
        <label for="f-website">${this.t('petition.honeypot')}</label>
        <input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off" .value=${''} />
      </div>
      <div class="actions">
        <button part="submit-button" class="primary" type="submit" aria-disabled=${busy ? 'true' : 'false'}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span> ${l.t('submitting')}` : html`${pictogram(l, 'send')}${this.t('petition.submit')}`}
        </button>
      </div>
    </form>`;
  }

  private labelOf(f: FieldName): string {
    return this.t(`petition.field.${f}` as 'petition.field.email');
  }

  private renderField(f: FieldName, server: Map<string, string>) {
    const problem = this.shownProblem(f, server);
    const described = [f === 'email' ? 'hint-email' : '', problem ? `err-${f}` : ''].filter(Boolean).join(' ');
    if (CHECKBOXES.has(f)) {
      return html`<div part="field" class="field checkbox ${problem ? 'invalid' : ''}">
        ${problem ? html`<p part="error" class="error" id="err-${f}">${problem}</p>` : nothing}
        <label part="label" class="option">
          <input id="f-${f}" name=${f} type="checkbox" required .checked=${this.values[f] === true} aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${described || nothing} @change=${(e: Event) => this.onInput(f, (e.target as HTMLInputElement).checked)} @blur=${() => this.onBlur(f)} />
          <span>${this.labelOf(f)}</span>
        </label>
      </div>`;
    }
    return html`<div part="field" class="field ${problem ? 'invalid' : ''}">
      <label part="label" for="f-${f}">${this.labelOf(f)}</label>
      ${f === 'email' ? html`<p part="hint" class="hint" id="hint-email">${this.t('petition.emailHint')}</p>` : nothing}
      ${problem ? html`<p part="error" class="error" id="err-${f}">${problem}</p>` : nothing}
      <input id="f-${f}" name=${f} type=${f === 'email' ? 'email' : 'text'} required autocomplete=${AUTOCOMPLETE[f] ?? 'off'}
        inputmode=${f === 'email' ? 'email' : nothing} spellcheck=${f === 'email' ? 'false' : nothing}
        .value=${String(this.values[f] ?? '')} aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${described || nothing} @input=${(e: Event) => this.onInput(f, (e.target as HTMLInputElement).value)} @blur=${() => this.onBlur(f)} />
    </div>`;
  }

  private renderPublicName() {
    const current = this.values.publicName ?? 'none';
    return html`<fieldset part="field" class="field">
      <legend>${this.t('petition.publicName')}</legend>
      ${(['none', 'initial', 'full'] as const).map(
        (o) => html`<label part="option" class="option">
          <input type="radio" name="publicName" value=${o} .checked=${current === o} @change=${() => (this.values = { ...this.values, publicName: o })} />
          <span>${this.t(`petition.publicName.${o}`)}</span>
        </label>`,
      )}
    </fieldset>`;
  }

  private focusField(e: Event, f: FieldName): void {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#f-${f}`)?.focus();
  }

  private onInput(f: FieldName, value: string | boolean): void {
    this.values = { ...this.values, [f]: value };
    if (CHECKBOXES.has(f)) this.touched = new Set(this.touched).add(f);
    if (this.submitter.state === 'error') this.submitter.reset();
    this.rejectedFromQueue = false;
  }

  private onBlur(f: FieldName): void {
    if (!this.touched.has(f) && (this.values[f] ?? '') !== '') this.touched = new Set(this.touched).add(f);
  }

  private payload(def: PetitionDefinition): Record<string, unknown> {
    const p: Record<string, unknown> = {};
    for (const f of this.fields(def)) {
      const v = this.values[f];
      if (typeof v === 'string' && v.trim()) p[f] = v.trim();
      if (typeof v === 'boolean') p[f] = v;
    }
    if (def.publicNames) p.publicName = this.values.publicName ?? 'none';
    p.website = this.renderRoot.querySelector<HTMLInputElement>('#f-website')?.value ?? '';
    p.fillMs = Math.max(0, Math.round(performance.now() - (this.shownAt || performance.now())));
    p.lang = this.l.lang;
    if (/^https?:/.test(location.protocol)) p.returnUrl = this.shareUrl().slice(0, 2000);
    return p;
  }

  private async onSubmit(e: SubmitEvent, def: PetitionDefinition): Promise<void> {
    e.preventDefault();
    if (this.submitter.state === 'submitting' || this.proving) return;
    const invalid = this.fields(def).filter((f) => this.problemOf(f));
    if (invalid.length) {
      this.showAll = true;
      this.dispatchEvent(new CivicInvalidEvent({ kind: 'petition', fields: invalid.map((f) => ({ path: [f], code: this.problemOf(f) === 'petition.error.email' || this.problemOf(f) === 'petition.error.postcode' ? 'invalid_format' : 'required' })) }));
      await this.focusAfterRender('#error-summary');
      return;
    }
    this.showAll = false;
    const payload = this.payload(def);
    if (def.pow) payload.pow = await this.proofOfWork(def);
    await this.submitter.submit(payload);
    if (this.submitter.state === 'error') await this.focusAfterRender('#error-summary');
    else await this.focusAfterRender('#status');
  }

  /**
   * The petition's proof of work: a challenge from the server, solved off the interaction (lazy
   * chunk, asynchronous digests). Without a connection or crypto.subtle (a plain-http page) the
   * signature goes without it: queued, or refused by the server with a message.
   */
  private async proofOfWork(def: PetitionDefinition): Promise<{ challenge: string; nonce: string } | undefined> {
    const client = this.client;
    if (!client || typeof crypto === 'undefined' || !crypto.subtle) return undefined;
    this.proving = true;
    try {
      const [c, { solvePow }] = await Promise.all([client.get(`${paths.definition('petition', def.id)}/challenge`, PowChallenge), import('./pow.js')]);
      return { challenge: c.challenge, nonce: await solvePow(c.challenge, c.difficulty) };
    } catch {
      return undefined;
    } finally {
      this.proving = false;
    }
  }

  private async accepted(payload: Values): Promise<void> {
    const client = this.client;
    const id = this.petitionId?.trim();
    if (!client || !id) return;
    const record: SignedRecord = { status: 'pending', email: typeof payload.email === 'string' ? payload.email : undefined, at: new Date().toISOString() };
    await this.deviceStore.set(this.scope(client, id), record);
    this.signed = record;
    this.values = {};
    this.touched = new Set();
  }

  static define(tag = 'civic-petition'): void {
    defineOnce(tag, this);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'civic-petition': CivicPetition;
  }
}
