// The hand-written baseline of `npm run bench:survey`: the smallest reasonable Lit element that
// renders a one-page questionnaire (text, single choice, multiple choice, 1–5 scale) from the same
// inline JSON definition as <civic-survey>, with labels, fieldsets and answers kept in state.
// No validation, no i18n, no drafts, no outbox: what a developer would write for one form.
// bench/survey.bench.mjs bundles it with lit into one minified file.
import { LitElement, html, css } from 'lit';

const text = (t) => (typeof t === 'string' ? t : (t?.en ?? Object.values(t ?? {})[0] ?? ''));

class LitSurvey extends LitElement {
  static properties = { answers: { state: true } };

  static styles = css`
    :host {
      display: block;
      font: 1rem/1.5 system-ui, sans-serif;
    }
    .field {
      margin: 0 0 1.25rem;
      border: 0;
      padding: 0;
    }
    label.block,
    legend {
      display: block;
      font-weight: 600;
      margin-bottom: 0.25rem;
    }
    input[type='text'] {
      font: inherit;
      width: 100%;
      max-width: 36rem;
      box-sizing: border-box;
      padding: 0.375rem 0.5rem;
      border: 2px solid #6b7280;
      border-radius: 0.25rem;
    }
    .option {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      min-height: 2.75rem;
    }
    .scale {
      display: flex;
      gap: 0.5rem;
    }
    button {
      font: inherit;
      min-height: 2.75rem;
      padding: 0 1rem;
    }
  `;

  constructor() {
    super();
    this.answers = {};
    this.definition = JSON.parse(this.querySelector(':scope > script[type="application/json"]')?.textContent ?? 'null');
  }

  set(id, value) {
    this.answers = { ...this.answers, [id]: value };
  }

  toggle(id, option, on) {
    const list = (this.answers[id] ?? []).filter((x) => x !== option);
    this.set(id, on ? [...list, option] : list);
  }

  question(q) {
    const id = `q-${q.id}`;
    const value = this.answers[q.id];
    switch (q.type) {
      case 'text':
        return html`<div class="field">
          <label class="block" for=${id}>${text(q.label)}</label>
          <input id=${id} type="text" .value=${value ?? ''} @input=${(e) => this.set(q.id, e.target.value)} />
        </div>`;
      case 'single':
        return html`<fieldset class="field">
          <legend>${text(q.label)}</legend>
          ${q.options.map(
            (o) => html`<label class="option"><input type="radio" name=${q.id} value=${o.id} .checked=${value === o.id} @change=${() => this.set(q.id, o.id)} />${text(o.label)}</label>`,
          )}
        </fieldset>`;
      case 'multiple':
        return html`<fieldset class="field">
          <legend>${text(q.label)}</legend>
          ${q.options.map(
            (o) =>
              html`<label class="option"><input type="checkbox" name=${q.id} value=${o.id} .checked=${(value ?? []).includes(o.id)} @change=${(e) => this.toggle(q.id, o.id, e.target.checked)} />${text(o.label)}</label>`,
          )}
        </fieldset>`;
      case 'scale': {
        const values = [];
        for (let v = q.min; v <= q.max; v++) values.push(v);
        return html`<fieldset class="field">
          <legend>${text(q.label)}</legend>
          <div class="scale">
            ${values.map((v) => html`<label class="option"><input type="radio" name=${q.id} value=${v} .checked=${value === v} @change=${() => this.set(q.id, v)} />${v}</label>`)}
          </div>
        </fieldset>`;
      }
      default:
        return '';
    }
  }

  render() {
    const def = this.definition;
    if (!def) return '';
    return html`<form @submit=${(e) => e.preventDefault()}>
      <h2>${text(def.title)}</h2>
      ${def.pages.map((p) => p.questions.map((q) => this.question(q)))}
      <button type="submit">Send</button>
    </form>`;
  }
}

customElements.define('lit-survey', LitSurvey);
