/**
 * The invitation code field and the eligibility questions of <civic-vote>, in a chunk loaded only
 * for a definition with `access: 'codes'` or `eligibility`. The server's refusals of the code
 * (`invalid_code`, used code, `wrong_district`) and of the answers show next to their field.
 * @internal
 */
import type { ApiErrorInfo } from '../../api/client.js';
import type { VoteDefinition } from '../../api/schemas/vote.js';
import type { AccessView, VoteHost } from './method.js';
import { accessCatalog, type AccessMessages } from './access.messages.js';

const styles =
  '.field{margin-bottom:var(--_civic-space-m)}.field .hint{margin:0 0 .25rem}label[for]{display:block;font-weight:600}input.text{font:inherit;min-height:var(--_civic-target);max-width:100%;padding:.25rem .5rem;border:1px solid var(--_civic-border);border-radius:var(--_civic-radius);background:var(--_civic-surface);color:inherit}input[aria-invalid=true]{border:2px solid var(--_civic-danger)}.question{margin-top:var(--_civic-space-s)}.question legend{font-weight:400}.required{color:var(--_civic-muted);font-size:.9em}';

export function access(host: VoteHost): AccessView {
  const { l, lit } = host;
  const { html, nothing } = lit;
  const t = (key: keyof AccessMessages) => accessCatalog.get(l)[key];
  let code = '';
  let answers: Record<string, boolean | string> = {};
  /** Messages by field: `code`, `eligibility.<id>`. */
  let errors: Record<string, string> = {};

  const update = () => host.requestUpdate();
  function clear(key: string): void {
    if (!errors[key]) return;
    const { [key]: _, ...rest } = errors;
    errors = rest;
    host.resetError();
  }
  function answer(id: string, value: boolean | string): void {
    answers = { ...answers, [id]: value };
    clear(`eligibility.${id}`);
    update();
  }

  function render(def: VoteDefinition) {
    const questions = def.eligibility ?? [];
    const codeError = errors['code'];
    return html`${def.access === 'codes'
      ? html`<div part="field" class="field">
          <label part="label" for="code">${t('code')}</label>
          <p part="hint" class="hint" id="code-hint">${t('codeHint')}</p>
          ${codeError ? html`<p part="error" class="error" id="code-error">${codeError}</p>` : nothing}
          <input
            id="code"
            name="code"
            class="text"
            autocomplete="one-time-code"
            autocapitalize="characters"
            spellcheck="false"
            maxlength="64"
            required
            aria-describedby="code-hint${codeError ? ' code-error' : ''}"
            aria-invalid=${codeError ? 'true' : 'false'}
            .value=${code}
            @input=${(e: Event) => {
              code = (e.target as HTMLInputElement).value;
              clear('code');
              update();
            }}
          />
        </div>`
      : nothing}
    ${questions.length
      ? html`<fieldset part="field" class="field eligibility">
          <legend>${t('eligibility')}</legend>
          ${questions.map((q) => {
            const error = errors[`eligibility.${q.id}`];
            const described = error ? `err-${q.id}` : nothing;
            const label = html`${l.text(q.label)}${q.required ? html` <span class="required">(${l.t('required')})</span>` : nothing}`;
            const errorLine = error ? html`<p part="error" class="error" id="err-${q.id}">${error}</p>` : nothing;
            if (q.type === 'yesno') {
              return html`${errorLine}<label part="option" class="option">
                  <input
                    type="checkbox"
                    id="q-${q.id}"
                    .checked=${answers[q.id] === true}
                    aria-invalid=${error ? 'true' : 'false'}
                    aria-describedby=${described}
                    @change=${(e: Event) => answer(q.id, (e.target as HTMLInputElement).checked)}
                  /><span>${label}</span>
                </label>`;
            }
            return html`<fieldset class="question" id="q-${q.id}" tabindex="-1" aria-describedby=${described} aria-invalid=${error ? 'true' : 'false'}>
              <legend>${label}</legend>
              ${errorLine}
              ${(q.options ?? []).map(
                (o) => html`<label part="option" class="option">
                  <input type="radio" name="q-${q.id}" value=${o.id} .checked=${answers[q.id] === o.id} @change=${() => answer(q.id, o.id)} /><span
                    >${l.text(o.label)}</span
                  >
                </label>`,
              )}
            </fieldset>`;
          })}
        </fieldset>`
      : nothing}`;
  }

  function check(def: VoteDefinition) {
    const out: Record<string, string> = {};
    if (def.access === 'codes' && !code.trim()) out['code'] = t('codeRequired');
    for (const q of def.eligibility ?? []) {
      const a = answers[q.id];
      if (q.type === 'yesno' && q.mustBeYes && a !== true) out[`eligibility.${q.id}`] = t('mustBeYes');
      else if (q.required && q.type === 'choice' && typeof a !== 'string') out[`eligibility.${q.id}`] = t('mustAnswer');
    }
    errors = out;
    update();
    const keys = Object.keys(out);
    return keys.length ? keys.map((k) => k.split('.')) : undefined;
  }

  function refused(def: VoteDefinition, error: ApiErrorInfo): boolean {
    const out: Record<string, string> = {};
    const codeMessage = (c: string) => (c === 'wrong_district' ? t('wrong_district') : c === 'already_submitted' ? t('code_used') : t('invalid_code'));
    // With invitation codes "already submitted" is about the code, not this device.
    if (def.access === 'codes' && (error.code === 'already_submitted' || error.code === 'invalid_code' || error.code === 'wrong_district')) out['code'] = codeMessage(error.code);
    for (const f of error.fields ?? []) {
      const [head, id] = f.path;
      // A district code refuses projects of other districts (the path points at the choice): said at the code.
      if (def.access === 'codes' && (head === 'code' || f.code === 'wrong_district')) out['code'] = codeMessage(f.code);
      else if (head === 'eligibility' && def.eligibility?.some((q) => q.id === id)) out[`eligibility.${id}`] = f.code === 'not_eligible' ? t('mustBeYes') : t('mustAnswer');
    }
    if (!Object.keys(out).length) return false;
    errors = out;
    update();
    return true;
  }

  return {
    styles,
    render,
    check,
    refused,
    payload: (def) => ({
      ...(def.access === 'codes' ? { code: code.trim() } : {}),
      ...(def.eligibility?.length ? { eligibility: { ...answers } } : {}),
    }),
    focusSelector: () => {
      const key = Object.keys(errors)[0];
      return !key ? undefined : key === 'code' ? '#code' : `#q-${key.slice('eligibility.'.length)}`;
    },
  };
}
