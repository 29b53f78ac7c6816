/**
 * A survey without JavaScript: every page on one long page, every question type as plain fields.
 * Conditional questions and pages are all shown, each with a note saying when to answer it; once
 * the resident has posted, the survey's own rules (src/api/survey-rules.ts `walk`) say which of
 * them the answers made unnecessary. The JSON route keeps the answers of visible questions only.
 */
import type { AnswerValue, Condition, FieldIssue, SurveyDefinition, SurveyQuestion } from '../../src/api/schemas.js';
import { formatDay, formatNumber } from '../../src/i18n/plural.js';
import { OTHER, walk, type Answers } from '../../src/api/survey-rules.js';
import { checkboxField, choiceField, esc, group, paragraphs, selectField, textField, type FormValues, type RenderCtx } from './html.js';
import type { NoJsKind, Served } from './kind.js';

type Def = Served & Omit<SurveyDefinition, 'phase' | 'serverTime'>;

const questionsOf = (def: Def) => def.pages.flatMap((p) => p.questions);

/** The form name of a question's first control (where its errors go). */
function fieldOf(q: SurveyQuestion, detail?: string | number): string {
  if (q.type === 'ranking') return `q.${q.id}.1`;
  if (q.type === 'matrix') return `q.${q.id}.${detail ?? q.rows[0]!.id}`;
  return `q.${q.id}`;
}

const NUMBER = /^\s*-?\d+(?:[.,]\d+)?\s*$/;

/** One question's answer, as the widget would send it (undefined: not answered). */
function answerOf(q: SurveyQuestion, values: FormValues): AnswerValue | undefined {
  const name = `q.${q.id}`;
  const v = values.get(name).trim();
  switch (q.type) {
    case 'info':
      return undefined;
    case 'number':
    case 'scale':
      if (v === '') return undefined;
      return NUMBER.test(v) ? Number(v.replace(',', '.')) : v;
    case 'multiple': {
      const all = values.all(name).filter(Boolean);
      return all.length ? all : undefined;
    }
    case 'yesno':
      return v === 'true' ? true : v === 'false' ? false : undefined;
    case 'consent':
      return v === 'true' ? true : undefined;
    case 'ranking': {
      const order = q.options.map((_, i) => values.get(`${name}.${i + 1}`)).filter(Boolean);
      return order.length ? order : undefined;
    }
    case 'matrix': {
      const rows: Record<string, string> = {};
      for (const r of q.rows) {
        const col = values.get(`${name}.${r.id}`);
        if (col) rows[r.id] = col;
      }
      return Object.keys(rows).length ? rows : undefined;
    }
    default:
      return v === '' ? undefined : values.get(name);
  }
}

function answersOf(def: Def, values: FormValues): { answers: Answers; other: Record<string, string> } {
  const answers: Answers = {};
  const other: Record<string, string> = {};
  for (const q of questionsOf(def)) {
    const a = answerOf(q, values);
    if (a !== undefined) answers[q.id] = a;
    const o = values.get(`other.${q.id}`);
    if (o.trim()) other[q.id] = o;
  }
  return { answers, other };
}

/** A condition in words: "your answer to “Do you cycle?” is “Yes”". */
function describe(c: RenderCtx, def: Def, cond: Condition): string {
  if ('all' in cond) return cond.all.map((x) => describe(c, def, x)).join(c.t.and);
  if ('any' in cond) return cond.any.map((x) => describe(c, def, x)).join(c.t.or);
  if ('not' in cond) {
    const inner = cond.not;
    if ('equals' in inner) return c.t.condNotEquals(labelOf(c, def, inner.question), valueText(c, def, inner.question, inner.equals));
    return c.t.condNot(describe(c, def, inner));
  }
  const label = labelOf(c, def, cond.question);
  if ('answered' in cond) return cond.answered ? c.t.condAnswered(label) : c.t.condNotAnswered(label);
  if ('equals' in cond) return c.t.condEquals(label, valueText(c, def, cond.question, cond.equals));
  return c.t.condOneOf(label, cond.oneOf.map((v) => valueText(c, def, cond.question, v)));
}

function labelOf(c: RenderCtx, def: Def, id: string): string {
  const q = questionsOf(def).find((x) => x.id === id);
  return q ? c.text(q.label) : id;
}

/** An answer value in words: an option's label, yes/no, a number written the local way. */
function valueText(c: RenderCtx, def: Def, id: string, v: string | number | boolean): string {
  const q = questionsOf(def).find((x) => x.id === id);
  if (typeof v === 'boolean') return v ? c.t.yes : c.t.no;
  if (q && 'options' in q) {
    const o = q.options.find((x) => x.id === v);
    if (o) return c.text(o.label);
    if (v === OTHER) return c.t.survey.other;
  }
  if (q?.type === 'matrix') {
    const col = q.columns.find((x) => x.id === v);
    if (col) return c.text(col.label);
  }
  return typeof v === 'number' ? formatNumber(c.lang, v) : v;
}

function questionField(c: RenderCtx, q: SurveyQuestion, note: string | undefined): string {
  const name = `q.${q.id}`;
  const label = c.text(q.label);
  const hint = c.text(q.hint) || undefined;
  const required = Boolean(q.required);
  const base = { name, label, required, ...(hint ? { hint } : {}), ...(note ? { note } : {}) };
  const num = (n: number) => formatNumber(c.lang, n);
  switch (q.type) {
    case 'info':
      return `<div class="civic-nojs-info">${note ? `<p class="civic-nojs-note">${esc(note)}</p>` : ''}${paragraphs(label)}${hint ? paragraphs(hint, 'civic-nojs-hint') : ''}</div>`;
    case 'text':
    case 'email':
      return textField(c, { ...base, type: q.type, ...(q.maxLength ? { maxlength: q.maxLength } : {}), ...(q.type === 'email' ? { autocomplete: 'email' } : {}) });
    case 'textarea':
      return textField(c, { ...base, type: 'textarea', ...(q.maxLength ? { maxlength: q.maxLength } : {}) });
    case 'number': {
      const range = q.min !== undefined && q.max !== undefined ? c.t.survey.numberRange(num(q.min), num(q.max)) : '';
      return textField(c, { ...base, type: 'text', inputmode: 'decimal', hint: [hint, range].filter(Boolean).join(' ') || undefined });
    }
    case 'date':
      return textField(c, { ...base, type: 'date', hint: [hint, c.t.survey.dateFormat].filter(Boolean).join(' '), ...(q.min ? { min: q.min } : {}), ...(q.max ? { max: q.max } : {}) });
    case 'yesno':
      return choiceField(c, { ...base, type: 'radio', options: [{ value: 'true', label: c.t.yes }, { value: 'false', label: c.t.no }] });
    case 'consent':
      return checkboxField(c, base);
    case 'scale': {
      const options = Array.from({ length: q.max - q.min + 1 }, (_, i) => ({ value: String(q.min + i), label: num(q.min + i) }));
      const ends = q.minLabel || q.maxLabel ? c.t.survey.scaleEnds(`${num(q.min)} (${c.text(q.minLabel)})`, `${num(q.max)} (${c.text(q.maxLabel)})`) : '';
      return choiceField(c, { ...base, type: 'radio', options, hint: [hint, ends].filter(Boolean).join(' ') || undefined });
    }
    case 'single':
    case 'multiple': {
      const options = q.options.map((o) => ({ value: o.id, label: c.text(o.label) }));
      if (q.other) options.push({ value: OTHER, label: c.t.survey.other });
      const after = q.other ? textField(c, { name: `other.${q.id}`, label: c.t.survey.otherSpecify, maxlength: 1000 }) : '';
      return choiceField(c, { ...base, type: q.type === 'single' ? 'radio' : 'checkbox', options, after });
    }
    case 'dropdown': {
      const options = q.options.map((o) => ({ value: o.id, label: c.text(o.label) }));
      if (q.other) options.push({ value: OTHER, label: c.t.survey.other });
      const after = q.other ? textField(c, { name: `other.${q.id}`, label: c.t.survey.otherSpecify, maxlength: 1000 }) : '';
      return selectField(c, { ...base, options, empty: c.t.choose }) + after;
    }
    case 'ranking': {
      const options = q.options.map((o) => ({ value: o.id, label: c.text(o.label) }));
      const selects = q.options
        .map((_, i) => selectField(c, { name: `${name}.${i + 1}`, label: c.t.survey.position(i + 1, q.options.length), empty: c.t.choose, options }))
        .join('');
      c.labels.set(`${name}.1`, label);
      return `<fieldset class="civic-nojs-field"><legend>${esc(label)}${required ? ` <span class="civic-nojs-required">(${esc(c.t.required)})</span>` : ''}</legend>${note ? `<p class="civic-nojs-note">${esc(note)}</p>` : ''}<p class="civic-nojs-hint">${esc([hint, c.t.survey.rankingIntro].filter(Boolean).join(' '))}</p>${selects}</fieldset>`;
    }
    case 'matrix': {
      const columns = q.columns.map((col) => ({ value: col.id, label: c.text(col.label) }));
      const rows = q.rows.map((r) => choiceField(c, { name: `${name}.${r.id}`, type: 'radio', label: c.text(r.label), required, options: columns })).join('');
      return `<fieldset class="civic-nojs-field civic-nojs-matrix"><legend>${esc(label)}</legend>${note ? `<p class="civic-nojs-note">${esc(note)}</p>` : ''}${hint ? `<p class="civic-nojs-hint">${esc(hint)}</p>` : ''}${rows}</fieldset>`;
    }
  }
}

export const survey: NoJsKind<Def> = {
  kind: 'survey',
  attribute: 'survey-id',

  title: (c, def) => c.text(def.title),

  intro: (c, def) => `${paragraphs(c.text(def.description))}<p class="civic-nojs-hint">${esc(c.t.requiredNote)}</p>`,

  fields(c, def) {
    const posted = c.values.pairs.length > 0;
    const visible = posted ? new Set(walk(def, answersOf(def, c.values).answers).questions.map((q) => q.id)) : undefined;
    const pages = def.pages.map((page) => {
      const pageNote = page.visibleIf ? c.t.pageOnlyIf(describe(c, def, page.visibleIf)) : undefined;
      const body = page.questions
        .map((q) => {
          const notes = [q.visibleIf ? c.t.onlyIf(describe(c, def, q.visibleIf)) : '', visible && !visible.has(q.id) && (q.visibleIf || page.visibleIf) ? c.t.notNeeded : ''].filter(Boolean);
          return questionField(c, q, notes.join(' ') || undefined);
        })
        .join('');
      const title = c.text(page.title);
      return title || def.pages.length > 1 ? group(title || `${def.pages.indexOf(page) + 1}`, body, pageNote) : (pageNote ? `<p class="civic-nojs-note">${esc(pageNote)}</p>` : '') + body;
    });
    let contact = '';
    if (def.contact) {
      const url = def.contact.privacyUrl;
      const privacy = url && /^https?:\/\//i.test(url) ? ` <a href="${esc(url)}">${esc(url)}</a>` : '';
      contact = `<fieldset class="civic-nojs-group"><legend>${esc(c.t.survey.contact)}</legend><p class="civic-nojs-hint">${esc(c.text(def.contact.consent))}${privacy}</p>${textField(c, { name: 'contact.name', label: c.t.survey.contactName, autocomplete: 'name' })}${textField(c, { name: 'contact.email', label: c.t.survey.contactEmail, type: 'email', autocomplete: 'email' })}</fieldset>`;
    }
    return pages.join('') + contact;
  },

  submitLabel: (t) => t.survey.submit,

  payload(values, def) {
    const { answers, other } = answersOf(def, values);
    const json: Record<string, unknown> = { answers };
    if (Object.keys(other).length) json.other = other;
    const name = values.text('contact.name');
    const email = values.text('contact.email');
    if (def.contact && (name || email)) json.contact = { ...(name ? { name } : {}), ...(email ? { email } : {}) };
    return { json };
  },

  issue(c, def, issue: FieldIssue) {
    const [head, id, detail] = issue.path;
    if (head === 'contact') return { field: 'contact.email', message: c.t.issue.invalid_email };
    const q = questionsOf(def).find((x) => x.id === id);
    if (!q || (head !== 'answers' && head !== 'other')) return undefined;
    const m = c.t.issue;
    const num = (n: number | undefined) => formatNumber(c.lang, n ?? 0);
    if (head === 'other') return { field: `other.${q.id}`, message: issue.code === 'too_long' ? m.too_long(1000) : m.other_required };
    const field = q.type === 'matrix' && typeof detail === 'string' ? fieldOf(q, detail) : fieldOf(q);
    const message = ((): string => {
      switch (issue.code) {
        case 'required':
          return q.type === 'consent' ? m.checkbox : m.required;
        case 'too_short':
          return 'minLength' in q ? m.too_short(q.minLength ?? 0) : m.invalid_value;
        case 'too_long':
          return 'maxLength' in q && q.maxLength ? m.too_long(q.maxLength) : m.too_long_plain;
        case 'too_small':
          return m.too_small(num('min' in q ? (q.min as number | undefined) : undefined));
        case 'too_big':
          return m.too_big(num('max' in q ? (q.max as number | undefined) : undefined));
        case 'step':
          return m.step(num('step' in q ? q.step : undefined));
        case 'too_early':
          return m.too_early(q.type === 'date' && q.min ? formatDay(c.lang, q.min) : '');
        case 'too_late':
          return m.too_late(q.type === 'date' && q.max ? formatDay(c.lang, q.max) : '');
        case 'too_few':
          return m.too_few('minSelected' in q ? (q.minSelected ?? 1) : 1);
        case 'too_many':
          return m.too_many('maxSelected' in q ? (q.maxSelected ?? 1) : 1);
        case 'other_required':
          return m.other_required;
        case 'pattern':
          return c.text('patternMessage' in q ? q.patternMessage : undefined) || m.pattern;
        case 'invalid_email':
        case 'not_a_number':
        case 'invalid_date':
        case 'unknown_option':
          return m[issue.code];
        default:
          return q.type === 'ranking' ? m.ranking : m.invalid_value;
      }
    })();
    return { field: issue.code === 'other_required' ? `other.${q.id}` : field, message };
  },

  confirmation: (c) => `<p class="civic-nojs-done" role="status">${esc(c.t.survey.thanks)}</p>`,
};
