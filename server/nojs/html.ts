/**
 * The HTML of the forms without JavaScript: what was typed, the field helpers (label, hint, error,
 * aria-describedby, aria-invalid), the error summary and the page around a form. Every text goes
 * through {@link esc}: organisers' and residents' texts are text, never markup.
 */
import type { LocalizedText } from '../../src/api/schemas.js';
import { isolateText } from '../../src/i18n/localize.js';
import { langAttrs, type Lang } from '../i18n.js';
import { escapeHtml } from '../mail.js';
import { localText } from '../petitions.js';
import type { NoJsTexts } from './messages.js';

export const esc = escapeHtml;

/** A file posted with a form (map-report photos). */
export interface Upload {
  field: string;
  filename: string;
  bytes: Buffer;
}

/** What a form posted, in order: `all()` for repeated names (checkboxes), `get()` for one value. */
export class FormValues {
  constructor(
    readonly pairs: ReadonlyArray<readonly [string, string]> = [],
    readonly files: readonly Upload[] = [],
  ) {}

  get(name: string): string {
    return this.pairs.find(([k]) => k === name)?.[1] ?? '';
  }

  all(name: string): string[] {
    return this.pairs.filter(([k]) => k === name).map(([, v]) => v);
  }

  /** The trimmed value, or undefined when empty. */
  text(name: string): string | undefined {
    const v = this.get(name).trim();
    return v === '' ? undefined : v;
  }

  has(name: string): boolean {
    return this.pairs.some(([k, v]) => k === name && v !== '');
  }
}

/** What every renderer gets: the language, what was typed, the errors by field name, the id prefix. */
export interface RenderCtx {
  lang: Lang;
  t: NoJsTexts;
  values: FormValues;
  /** Translated message by field name (the name of the first control of the field). */
  errors: Map<string, string>;
  /** Label by field name, filled as fields are rendered (for the error summary). */
  labels: Map<string, string>;
  /** The element id of a field name, unique on the host page. */
  id(name: string): string;
  text(v: LocalizedText | undefined): string;
}

export function renderCtx(lang: Lang, t: NoJsTexts, values: FormValues, errors: Map<string, string>, prefix: string): RenderCtx {
  return {
    lang, t, values, errors, labels: new Map(),
    id: (name) => `${prefix}${name.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    // One line isolated like the widgets' l.text() (a French label in an Arabic page); paragraphs
    // are left whole for paragraphs(), which gives each its own direction.
    text: (v) => {
      const s = localText(v, lang);
      return s.includes('\n') ? s : isolateText(s, lang);
    },
  };
}

/** `name="value"` pairs, skipping false/undefined; `true` writes the bare attribute. */
export function attrs(a: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${esc(String(v))}"`))
    .join('');
}

/** Paragraphs of a plain text (blank lines separate them; single newlines become <br>), each in its own direction. */
export function paragraphs(text: string, cls?: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p${cls ? ` class="${cls}"` : ''} dir="auto">${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

interface FieldBase {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  /** A note shown above the hint ("Answer only if…"). */
  note?: string;
}

function marker(c: RenderCtx, required?: boolean): string {
  return required ? ` <span class="civic-nojs-required">(${esc(c.t.required)})</span>` : '';
}

/** Hint and error lines of a field, and the ids they give to aria-describedby. */
function helpLines(c: RenderCtx, f: FieldBase): { html: string; describedBy: string | undefined; invalid: boolean } {
  const id = c.id(f.name);
  c.labels.set(f.name, f.label);
  const ids: string[] = [];
  let html = '';
  if (f.note) {
    html += `<p class="civic-nojs-note" id="${id}-note">${esc(f.note)}</p>`;
    ids.push(`${id}-note`);
  }
  if (f.hint) {
    html += `<p class="civic-nojs-hint" id="${id}-hint">${esc(f.hint)}</p>`;
    ids.push(`${id}-hint`);
  }
  const error = c.errors.get(f.name);
  if (error) {
    html += `<p class="civic-nojs-error" id="${id}-error">${esc(error)}</p>`;
    ids.push(`${id}-error`);
  }
  return { html, describedBy: ids.length ? ids.join(' ') : undefined, invalid: Boolean(error) };
}

export interface TextField extends FieldBase {
  type?: 'text' | 'email' | 'number' | 'date' | 'tel' | 'textarea';
  autocomplete?: string;
  inputmode?: string;
  rows?: number;
  maxlength?: number;
  min?: number | string;
  max?: number | string;
  step?: number | string;
}

export function textField(c: RenderCtx, f: TextField): string {
  const id = c.id(f.name);
  const help = helpLines(c, f);
  const value = c.values.get(f.name);
  const common = attrs({
    id, name: f.name, autocomplete: f.autocomplete, inputmode: f.inputmode, maxlength: f.maxlength,
    'aria-describedby': help.describedBy, 'aria-invalid': help.invalid ? 'true' : undefined, 'aria-required': f.required ? 'true' : undefined,
  });
  const control = f.type === 'textarea'
    ? `<textarea${common} rows="${f.rows ?? 5}">${esc(value)}</textarea>`
    : `<input${attrs({ type: f.type ?? 'text' })}${common}${attrs({ min: f.min, max: f.max, step: f.step, value })}>`;
  return `<div class="civic-nojs-field${help.invalid ? ' civic-nojs-invalid' : ''}"><label for="${id}">${esc(f.label)}${marker(c, f.required)}</label>${help.html}${control}</div>`;
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

export interface ChoiceField extends FieldBase {
  type: 'radio' | 'checkbox';
  options: Choice[];
  /** Extra HTML after the options (the "please specify" field of "other"). */
  after?: string;
}

/** A fieldset of radios or checkboxes; the first input carries the field's id (the error summary links to it). */
export function choiceField(c: RenderCtx, f: ChoiceField): string {
  const id = c.id(f.name);
  const help = helpLines(c, f);
  const chosen = new Set(c.values.all(f.name));
  const items = f.options
    .map((o, i) => {
      const oid = i === 0 ? id : `${id}-${i}`;
      const hint = o.hint ? `<span class="civic-nojs-hint" id="${oid}-hint">${esc(o.hint)}</span>` : '';
      return `<div class="civic-nojs-option"><input${attrs({ type: f.type, id: oid, name: f.name, value: o.value, checked: chosen.has(o.value), 'aria-describedby': o.hint ? `${oid}-hint` : undefined })}><label for="${oid}">${esc(o.label)}</label>${hint}</div>`;
    })
    .join('');
  // The legend says "required"; aria-required and aria-invalid are not allowed on a group.
  return `<fieldset${attrs({ class: `civic-nojs-field${help.invalid ? ' civic-nojs-invalid' : ''}`, 'aria-describedby': help.describedBy })}><legend>${esc(f.label)}${marker(c, f.required)}</legend>${help.html}${items}${f.after ?? ''}</fieldset>`;
}

/** One checkbox on its own ("I accept", "Send me updates"): checked posts `value` (default `true`). */
export function checkboxField(c: RenderCtx, f: FieldBase & { value?: string }): string {
  const id = c.id(f.name);
  const help = helpLines(c, f);
  const value = f.value ?? 'true';
  return `<div class="civic-nojs-field civic-nojs-check${help.invalid ? ' civic-nojs-invalid' : ''}">${help.html}<div class="civic-nojs-option"><input${attrs({
    type: 'checkbox', id, name: f.name, value, checked: c.values.all(f.name).includes(value),
    'aria-describedby': help.describedBy, 'aria-invalid': help.invalid ? 'true' : undefined, 'aria-required': f.required ? 'true' : undefined,
  })}><label for="${id}">${esc(f.label)}${marker(c, f.required)}</label></div></div>`;
}

export function selectField(c: RenderCtx, f: FieldBase & { options: Choice[]; empty?: string }): string {
  const id = c.id(f.name);
  const help = helpLines(c, f);
  const value = c.values.get(f.name);
  const options = [
    f.empty !== undefined ? `<option value="">${esc(f.empty)}</option>` : '',
    ...f.options.map((o) => `<option${attrs({ value: o.value, selected: o.value === value })}>${esc(o.label)}</option>`),
  ].join('');
  return `<div class="civic-nojs-field${help.invalid ? ' civic-nojs-invalid' : ''}"><label for="${id}">${esc(f.label)}${marker(c, f.required)}</label>${help.html}<select${attrs({
    id, name: f.name, 'aria-describedby': help.describedBy, 'aria-invalid': help.invalid ? 'true' : undefined, 'aria-required': f.required ? 'true' : undefined,
  })}>${options}</select></div>`;
}

/** A group of fields under one legend (a survey page, the contact details). */
export function group(legend: string, body: string, note?: string): string {
  return `<fieldset class="civic-nojs-group"><legend>${esc(legend)}</legend>${note ? `<p class="civic-nojs-note">${esc(note)}</p>` : ''}${body}</fieldset>`;
}

/** The honeypot: hidden by the `hidden` attribute (no stylesheet needed), labelled for the rare human who sees it. */
export function honeypot(c: RenderCtx): string {
  const id = c.id('website');
  return `<div class="civic-nojs-hp" hidden><label for="${id}">${esc(c.t.honeypot)}</label><input type="text" id="${id}" name="website" value="" tabindex="-1" autocomplete="off"></div>`;
}

/** The GOV.UK / DSFR error summary: first in the page, every line a link to its field. */
export function errorSummary(c: RenderCtx, general: string[]): string {
  if (!c.errors.size && !general.length) return '';
  const lines = [
    ...general.map((m) => `<li>${esc(m)}</li>`),
    ...[...c.errors].map(([name, message]) => {
      const label = c.labels.get(name);
      // A problem with no field on the form (should not happen) is still listed, without a link.
      return label === undefined ? `<li>${esc(message)}</li>` : `<li><a href="#${c.id(name)}">${esc(c.t.fieldError(label, message))}</a></li>`;
    }),
  ].join('');
  const intro = c.errors.size ? `<p>${esc(c.t.errorSummaryIntro(c.errors.size))}</p>` : '';
  return `<div class="civic-nojs-errors" role="alert" aria-labelledby="${c.id('errors-title')}" tabindex="-1" id="${c.id('errors')}"><h2 id="${c.id('errors-title')}">${esc(c.t.errorSummaryTitle)}</h2>${intro}<ul>${lines}</ul></div>`;
}

/** A whole page: no script, the stylesheet as a file, `lang` and `dir` set. */
export function pageShell(lang: Lang, title: string, body: string, cssHref: string): string {
  return `<!doctype html>
<html ${langAttrs(lang)}>
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${esc(cssHref)}"></head>
<body class="civic-nojs-page"><main class="civic-nojs">
${body}
</main></body></html>`;
}
