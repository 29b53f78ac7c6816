import { css, html, nothing, render, type ReactiveController } from 'lit';
import { CivicResetEvent } from '../events/index.js';
import { forgetContent } from './storage.js';
import { isMediatorCode, type CivicElement } from './civic-element.js';
import { assistedCatalog } from './assisted.messages.js';

/*
 * Assisted mode (`mode="assisted"`), loaded only on a page that uses it: a mediator's terminal
 * where residents take turns (France Services, a library). What this part adds to a widget:
 *
 * - a bar above it for the mediator: the mediator's code (typed once, kept in this page's memory
 *   only) and "Next person", which clears every form the person touched;
 * - after `reset-after` minutes without input anywhere on the page, an alert dialog ("The form
 *   will be cleared in 30 s", Continue / Clear now), then the forms are cleared and focus goes to
 *   the top of the first one;
 * - once a submission is accepted (at once, or later from the outbox), whatever the device still
 *   keeps about that content is deleted (forgetContent): drafts, tokens, "already answered".
 *
 * The rest of assisted mode lives where it belongs: the widget keeps its records in memory
 * (CivicElement.deviceStore), the submit controller adds `origin`/`mediator` and ignores queued
 * entries of earlier people, the styles enlarge text and targets (tokens.styles.ts).
 *
 * Clearing replaces the widget with a fresh copy of itself (same attributes and children): every
 * typed value, every state and the widget's memory go with the old element. The page is told first
 * (`civic-reset`, cancelable) and can do its own clearing instead.
 */

/** What the widget keeps of its assisted part. */
export interface AssistedHandle {
  /** The mediator's code typed in a bar of this page, if any. */
  sessionMediator(): string | undefined;
  detach(): void;
}

/** Widgets created by a clearing: focus goes to the first one's title once it shows. */
const focusOnReady = new WeakSet<Element>();

/** Input that says someone is there: it touches a widget (and postpones the clearing). All are composed: seen from the document. */
const TOUCH = ['keydown', 'pointerdown', 'click', 'input'] as const;
/** Also postpones the clearing, without touching anything. */
const PRESENCE = ['wheel', 'scroll'] as const;

const styles = css`
  .assisted {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_civic-space-s);
    margin-block-end: var(--_civic-space-s);
    padding: var(--_civic-space-s) var(--_civic-space-m);
    border: 2px dashed var(--_civic-border);
    border-radius: var(--_civic-radius);
    background: var(--_civic-surface-alt);
  }
  .assisted-code {
    flex: 1 1 14rem;
    min-width: 0;
    margin: 0;
  }
  .assisted summary {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: var(--_civic-target);
    cursor: pointer;
    font-weight: 600;
  }
  /* A flex summary loses its marker: drawn again, pointing the way the text runs. */
  .assisted summary::before {
    content: '▸' / '';
  }
  .assisted[dir='rtl'] summary::before {
    content: '◂' / '';
  }
  .assisted details[open] > summary::before {
    content: '▾' / '';
  }
  .assisted form {
    display: grid;
    gap: var(--_civic-space-s);
    margin-block: var(--_civic-space-s);
  }
  .assisted form .hint {
    margin: 0;
  }
  .assisted-code-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_civic-space-s);
  }
  .assisted input {
    flex: 1 1 12rem;
    max-width: 20rem;
    min-height: var(--_civic-target);
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_civic-border);
    border-radius: var(--_civic-radius);
    background: var(--_civic-surface);
    color: var(--_civic-text);
    font: inherit;
  }
  .assisted-dialog {
    max-width: min(32rem, calc(100vw - 2rem));
    padding: var(--_civic-space-l);
    border: 2px solid var(--_civic-border);
    border-radius: var(--_civic-radius);
    background: var(--_civic-surface);
    color: var(--_civic-text);
    font: inherit;
  }
  .assisted-dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }
  .assisted-dialog .title {
    margin: 0 0 var(--_civic-space-s);
    font-size: 1.25em;
    font-weight: 700;
  }
  .assisted-dialog p {
    margin: 0;
  }
  .assisted-dialog .actions {
    margin-block-start: var(--_civic-space-m);
  }
  @media (forced-colors: active) {
    .assisted-dialog {
      border-color: CanvasText;
    }
  }
`;

/** The page's assisted session: one person at a time in front of the terminal, whatever the number of widgets. */
class Session {
  /** The mediator's code typed in a bar: this page's memory, never the device's storage. */
  code: string | undefined;
  readonly widgets = new Set<AssistedController>();
  /** The widget whose bar shows the warning, while it shows. */
  warningIn: AssistedController | undefined;
  warningEnds = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;

  private readonly onTouch = (e: Event) => this.activity(e, true);
  private readonly onPresence = (e: Event) => this.activity(e, false);

  join(c: AssistedController): void {
    if (!this.widgets.size) {
      for (const t of TOUCH) document.addEventListener(t, this.onTouch, { capture: true, passive: true });
      for (const t of PRESENCE) document.addEventListener(t, this.onPresence, { capture: true, passive: true });
    }
    this.widgets.add(c);
  }

  leave(c: AssistedController): void {
    this.widgets.delete(c);
    if (this.warningIn === c) this.stopWarning();
    if (this.widgets.size) return;
    for (const t of TOUCH) document.removeEventListener(t, this.onTouch, { capture: true });
    for (const t of PRESENCE) document.removeEventListener(t, this.onPresence, { capture: true });
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The widgets the present person touched, in the page's order. */
  touched(): AssistedController[] {
    return [...this.widgets].filter((c) => c.touched).sort((a, b) => (a.host.compareDocumentPosition(b.host) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  }

  private activity(e: Event, touch: boolean): void {
    // While the warning shows, only its buttons decide (the dialog is modal).
    if (this.warningEnds) return;
    if (touch) {
      const path = e.composedPath();
      for (const c of this.widgets) if (path.includes(c.host) && !path.includes(c.bar)) c.touched = true;
    }
    this.arm();
  }

  /** (Re)starts the countdown to the warning, when someone touched a widget whose clearing is on. */
  arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const delays = this.touched().map((c) => c.host.resetAfterMs).filter((ms) => ms > 0);
    if (!delays.length) return;
    this.timer = setTimeout(() => this.warn(), Math.min(...delays));
  }

  /** Shows the warning in the first touched widget; clears everything when it runs out. */
  private warn(): void {
    const list = this.touched().filter((c) => c.host.resetAfterMs > 0);
    const target = list[0];
    if (!target) return;
    // 30 s, or half the delay when that is shorter (a delay of seconds in a demo or a test).
    const warnMs = Math.min(30_000, Math.min(...list.map((c) => c.host.resetAfterMs)) / 2);
    this.warningEnds = Date.now() + warnMs;
    this.warningIn = target;
    target.render();
    this.ticker = setInterval(() => {
      if (Date.now() >= this.warningEnds) this.clearAll('inactivity');
      else this.warningIn?.render();
    }, Math.min(1000, warnMs));
  }

  /** "Continue": the person is there; the countdown starts again. */
  keep(): void {
    this.stopWarning();
    this.arm();
  }

  private stopWarning(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
    const shown = this.warningIn;
    this.warningEnds = 0;
    this.warningIn = undefined;
    shown?.closeDialog();
    shown?.render();
  }

  /** Clears every form the present person touched (or, from a bar, that bar's widget at least). */
  clearAll(reason: 'inactivity' | 'next-person', from?: AssistedController): void {
    this.stopWarning();
    clearTimeout(this.timer);
    this.timer = undefined;
    const list = this.touched();
    if (from && !list.includes(from)) list.push(from);
    let first: Element | undefined;
    for (const c of list) {
      const fresh = c.replace(reason);
      first ??= fresh;
    }
    if (first) focusOnReady.add(first);
  }
}

const session = new Session();

class AssistedController implements ReactiveController, AssistedHandle {
  /** The bar and the warning, rendered above the widget in its shadow root (outside the widget's own template). */
  readonly bar = document.createElement('div');
  /** The person in front of the terminal typed, clicked or tapped in this widget. */
  touched = false;
  private readonly onSent = () => void this.forget();

  constructor(readonly host: CivicElement) {
    this.bar.className = 'assisted-root';
    host.addController(this);
  }

  sessionMediator(): string | undefined {
    return session.code;
  }

  hostConnected(): void {
    const root = this.host.renderRoot as ShadowRoot;
    // Before the widget's template (Lit renders its own part after its marker, never before).
    if (this.bar.parentNode !== root) root.prepend(this.bar);
    const sheet = styles.styleSheet;
    if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    this.host.addEventListener('civic-submitted', this.onSent);
    this.host.addEventListener('civic-synced', this.onSent);
    session.join(this);
    this.render();
  }

  hostDisconnected(): void {
    this.host.removeEventListener('civic-submitted', this.onSent);
    this.host.removeEventListener('civic-synced', this.onSent);
    session.leave(this);
  }

  hostUpdated(): void {
    this.render();
    if (!focusOnReady.has(this.host)) return;
    const root = this.host.renderRoot;
    const title = root.querySelector<HTMLElement>('[part~="title"]');
    if (!title || root.querySelector('[aria-busy="true"]')) return;
    focusOnReady.delete(this.host);
    if (!title.hasAttribute('tabindex')) title.setAttribute('tabindex', '-1');
    title.focus();
  }

  detach(): void {
    this.hostDisconnected();
    this.bar.remove();
    const root = this.host.renderRoot as ShadowRoot;
    root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== styles.styleSheet);
    this.host.removeController(this);
  }

  /** Deletes what the device still keeps about this content (the submission was accepted). */
  private async forget(): Promise<void> {
    const { kind, contentId, endpoint } = this.host.scopeInfo();
    if (contentId && endpoint) await forgetContent(kind, endpoint, contentId);
  }

  /** Replaces the widget with a fresh copy, unless the page cancels `civic-reset`. Returns the copy. */
  replace(reason: 'inactivity' | 'next-person'): Element | undefined {
    const host = this.host;
    this.touched = false;
    const fresh = host.cloneNode(true) as CivicElement;
    // A mode that came from <civic-config> stays <civic-config>'s.
    if (host.modeInherited) fresh.removeAttribute('mode');
    const { kind, contentId } = host.scopeInfo();
    if (!host.dispatchEvent(new CivicResetEvent({ kind, contentId: contentId ?? '', reason, replacement: fresh }))) return undefined;
    if (!host.isConnected) return undefined;
    host.replaceWith(fresh);
    return fresh;
  }

  closeDialog(): void {
    const dialog = this.bar.querySelector('dialog');
    if (dialog?.open) dialog.close();
  }

  render(): void {
    const host = this.host;
    const m = assistedCatalog.get(host.l);
    const fixed = host.configuredMediator;
    const warning = session.warningIn === this;
    const seconds = Math.max(1, Math.ceil((session.warningEnds - Date.now()) / 1000));
    render(
      html`<div part="assisted" class="assisted" role="group" aria-label=${m.bar} dir=${host.resolvedDir} lang=${host.l.lang}>
          ${fixed
            ? html`<p class="assisted-code">${m.mediatorIs(fixed)}</p>`
            : html`<details class="assisted-code">
                <summary>${session.code ? m.mediatorIs(session.code) : m.mediatorNone}</summary>
                <form novalidate @submit=${(e: SubmitEvent) => this.saveCode(e)}>
                  <label for="civic-assisted-code">${m.mediator}</label>
                  <p class="hint" id="civic-assisted-code-hint">${m.mediatorHint}</p>
                  <div class="assisted-code-row">
                    <input id="civic-assisted-code" type="text" maxlength="64" autocomplete="off" spellcheck="false" .value=${session.code ?? ''} aria-describedby="civic-assisted-code-hint" />
                    <button type="submit" class="secondary">${m.mediatorSave}</button>
                  </div>
                </form>
              </details>`}
          <button type="button" class="secondary" part="assisted-next-button" aria-describedby="civic-assisted-next-hint" @click=${() => session.clearAll('next-person', this)}>${m.nextPerson}</button>
          <span id="civic-assisted-next-hint" hidden>${m.nextPersonHint}</span>
        </div>
        ${warning
          ? html`<dialog
              class="assisted-dialog"
              part="assisted-dialog"
              role="alertdialog"
              aria-modal="true"
              aria-labelledby="civic-assisted-warning-title"
              aria-describedby="civic-assisted-warning-text"
              dir=${host.resolvedDir}
              lang=${host.l.lang}
              @cancel=${(e: Event) => {
                e.preventDefault();
                session.keep();
              }}
            >
              <p class="title" role="heading" aria-level="2" id="civic-assisted-warning-title">${m.warningTitle}</p>
              <p id="civic-assisted-warning-text">${m.warning(seconds)}</p>
              <div class="actions">
                <button type="button" class="primary" id="civic-assisted-continue" @click=${() => session.keep()}>${m.continue}</button>
                <button type="button" class="secondary" @click=${() => session.clearAll('inactivity')}>${m.clearNow}</button>
              </div>
            </dialog>`
          : nothing}`,
      this.bar,
      { host },
    );
    const dialog = this.bar.querySelector('dialog');
    if (warning && dialog && !dialog.open && this.bar.isConnected) {
      dialog.showModal();
      this.bar.querySelector<HTMLElement>('#civic-assisted-continue')?.focus();
    }
  }

  private saveCode(e: SubmitEvent): void {
    e.preventDefault();
    const value = this.bar.querySelector<HTMLInputElement>('#civic-assisted-code')?.value.trim() ?? '';
    session.code = value && isMediatorCode(value) ? value : undefined;
    // The disclosure's state is the DOM's (re-renders of the widget never touch it): closed once saved.
    const details = this.bar.querySelector('details');
    if (details) details.open = false;
    for (const c of session.widgets) c.render();
    this.bar.querySelector<HTMLElement>('summary')?.focus();
  }
}

/** Gives `host` its assisted part (called by CivicElement when its mode becomes `assisted`). */
export function attachAssisted(host: CivicElement): AssistedHandle {
  return new AssistedController(host);
}
