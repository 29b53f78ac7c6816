/**
 * A vote without JavaScript: radios (single), checkboxes (multiple, budget: the server checks the
 * total), one select per rank (ranked), the invitation code and eligibility questions.
 */
import type { FieldIssue, VoteDefinition, VoteResults } from '../../src/api/schemas.js';
import { formatNumber, formatPercent } from '../../src/i18n/plural.js';
import { choiceBounds } from '../votes.js';
import type { VoteDef } from '../store.js';
import { checkboxField, choiceField, esc, paragraphs, selectField, textField, type RenderCtx } from './html.js';
import type { NoJsKind, Served } from './kind.js';

type Def = Served & Omit<VoteDefinition, 'phase' | 'serverTime'>;

const bounds = (def: Def) => choiceBounds(def as unknown as VoteDef);

function money(lang: string, amount: number, currency?: string): string {
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return formatNumber(lang, amount, { style: 'currency', currency, maximumFractionDigits: 0 });
    } catch {
      /* an unknown code: written after the number */
    }
  }
  return `${formatNumber(lang, amount)}${currency ? `\u00a0${currency}` : ''}`;
}

/** Ranked ballots: how many options a ballot must and may rank (as the widget's rankRules). */
function rankBounds(def: Def): { min: number; max: number } {
  const n = def.options.length;
  const max = Math.min(def.maxChoices ?? n, n);
  return { min: Math.min(def.minChoices ?? 1, max), max };
}

/**
 * A budget, and a poll whose definition asks for `review`, are reviewed before they are sent
 * (RGAA 11.12): without JavaScript there is no review page, so the form ends with a box the
 * resident ticks to confirm the choice they see above it.
 */
function reviewed(def: Def): boolean {
  return def.method === 'budget' || (def.review === true && (def.method === 'single' || def.method === 'multiple'));
}

function reviewBox(c: RenderCtx, def: Def): string {
  return reviewed(def) ? checkboxField(c, { name: 'reviewed', label: c.t.vote.reviewed, required: true }) : '';
}

export const vote: NoJsKind<Def> = {
  kind: 'vote',
  attribute: 'vote-id',

  title: (c, def) => c.text(def.title),

  intro: (c, def) => paragraphs(c.text(def.description)),

  fields(c, def) {
    const t = c.t.vote;
    const options = def.options.map((o) => {
      const hints = [c.text(o.description), def.method === 'budget' && o.cost !== undefined ? t.cost(money(c.lang, o.cost, def.budget?.currency)) : ''].filter(Boolean);
      return { value: o.id, label: c.text(o.label), ...(hints.length ? { hint: hints.join(' — ') } : {}) };
    });
    let out = '';
    if (def.access === 'codes') out += textField(c, { name: 'code', label: t.code, hint: t.codeHint, required: true, autocomplete: 'off' });
    for (const q of def.eligibility ?? []) {
      const name = `elig.${q.id}`;
      const required = Boolean(q.required || q.mustBeYes);
      if (q.type === 'yesno') out += checkboxField(c, { name, label: c.text(q.label), required });
      else out += choiceField(c, { name, type: 'radio', label: c.text(q.label), required, options: (q.options ?? []).map((o) => ({ value: o.id, label: c.text(o.label) })) });
    }
    if (def.method === 'ranked') {
      const { min, max } = rankBounds(def);
      const selects = Array.from({ length: max }, (_, i) =>
        selectField(c, { name: `rank.${i + 1}`, label: t.rank(i + 1), required: i < min, empty: c.t.none, options: options.map(({ value, label }) => ({ value, label })) }),
      ).join('');
      return `${out}<fieldset class="civic-nojs-group"><legend>${esc(c.text(def.title))}</legend><p class="civic-nojs-hint">${esc(t.rankIntro(min, max))}</p>${selects}</fieldset>`;
    }
    const { min, max } = bounds(def);
    let hint = def.method === 'single' ? t.chooseOne : t.chooseRange(min, max);
    if (def.method === 'budget' && def.budget) {
      hint = t.budget(money(c.lang, def.budget.total, def.budget.currency));
      if (def.budget.minShare) hint += ` ${t.budgetMin(money(c.lang, def.budget.minShare * def.budget.total, def.budget.currency))}`;
    }
    return out + choiceField(c, { name: 'choice', type: def.method === 'single' ? 'radio' : 'checkbox', label: c.text(def.title), hint, required: true, options }) + reviewBox(c, def);
  },

  precheck(c, def) {
    if (reviewed(def) && !c.values.all('reviewed').includes('true')) c.errors.set('reviewed', c.t.vote.reviewRequired);
  },

  submitLabel: (t) => t.vote.submit,

  payload(values, def, extras) {
    const choices = def.method === 'ranked'
      ? Array.from({ length: rankBounds(def).max }, (_, i) => values.get(`rank.${i + 1}`)).filter((v) => v !== '')
      : values.all('choice').filter((v) => v !== '');
    const json: Record<string, unknown> = { choices, deviceToken: extras.deviceToken };
    if (def.access === 'codes') json.code = values.get('code').trim();
    if (def.eligibility?.length) {
      const answers: Record<string, boolean | string> = {};
      for (const q of def.eligibility) {
        const v = values.get(`elig.${q.id}`);
        if (q.type === 'yesno') {
          if (v === 'true') answers[q.id] = true;
        } else if (v !== '') answers[q.id] = v;
      }
      json.eligibility = answers;
    }
    return { json };
  },

  issue(c, def, issue: FieldIssue) {
    const t = c.t.vote;
    const [head, sub] = issue.path;
    const choiceField = def.method === 'ranked' ? 'rank.1' : 'choice';
    const money_ = (n: number) => money(c.lang, n, def.budget?.currency);
    if (def.access === 'codes' && (head === 'code' || issue.code === 'wrong_district' || issue.code === 'already_submitted' || issue.code === 'invalid_code')) {
      const message = issue.code === 'wrong_district' ? t.wrongDistrict : issue.code === 'already_submitted' ? t.codeUsed : t.invalidCode;
      return { field: 'code', message };
    }
    if (head === 'eligibility' && typeof sub === 'string') return { field: `elig.${sub}`, message: issue.code === 'not_eligible' ? t.mustBeYes : t.mustAnswer };
    if (head === 'choices') {
      const { min, max } = def.method === 'ranked' ? rankBounds(def) : bounds(def);
      switch (issue.code) {
        case 'required':
        case 'too_small':
        case 'too_few':
          return { field: choiceField, message: def.method === 'single' ? t.chooseOne : c.t.issue.too_few(min) };
        case 'too_big':
        case 'too_many':
          return { field: choiceField, message: c.t.issue.too_many(max) };
        case 'duplicate':
          return { field: choiceField, message: t.duplicate };
        case 'over_budget': {
          const chosen = new Set(c.values.all('choice'));
          const cost = def.options.reduce((s, o) => s + (chosen.has(o.id) ? (o.cost ?? 0) : 0), 0);
          return { field: choiceField, message: t.overBudget(money_(cost), money_(def.budget?.total ?? 0)) };
        }
        case 'under_min_share':
          return { field: choiceField, message: t.underMin(money_((def.budget?.minShare ?? 0) * (def.budget?.total ?? 0))) };
        default:
          return { field: choiceField, message: c.t.issue.unknown_option };
      }
    }
    return undefined;
  },

  confirmation(c, def, receipt) {
    const t = c.t.vote;
    let out = `<p class="civic-nojs-done" role="status">${esc(t.thanks)}</p>`;
    const results = receipt.results as VoteResults | null | undefined;
    if (results) out += resultsTable(c, def, results);
    else if (def.resultsVisibility === 'after-close') out += `<p>${esc(t.resultsLater)}</p>`;
    return out;
  },
};

function resultsTable(c: RenderCtx, def: Def, r: VoteResults): string {
  const t = c.t.vote;
  const label = (id: string) => c.text(def.options.find((o) => o.id === id)?.label) || id;
  const rows = [...r.options]
    .sort((a, b) => b.count - a.count)
    .map((o) => `<tr><th scope="row">${esc(label(o.id))}</th><td>${esc(formatNumber(c.lang, o.count))}</td><td>${esc(formatPercent(c.lang, r.ballots ? o.count / r.ballots : 0))}</td></tr>`)
    .join('');
  return `<h2>${esc(t.results)}</h2><p>${esc(t.ballots(r.ballots))}</p><table class="civic-nojs-results"><thead><tr><th scope="col">${esc(t.option)}</th><th scope="col">${esc(t.votes)}</th><th scope="col">%</th></tr></thead><tbody>${rows}</tbody></table>`;
}
