/**
 * The paper ballot of <civic-vote print>: the question, how to fill it in for the vote's method
 * (one box, k of n boxes, numbers for a ranking, projects with their costs and the budget's limits),
 * the invitation code and eligibility questions when the vote asks them, where to put the ballot,
 * and a QR code with a short link to vote online. Loaded only when paper is asked for.
 * @internal
 */
import type { TemplateResult } from 'lit';
import type { VoteDefinition } from '../../api/schemas/vote.js';
import { paperKit, paperStyles, type PaperHost } from '../../internal/paper.js';

export const styles =
  paperStyles +
  '.ballot-options{margin:var(--_civic-space-m) 0}.ballot-options .paper-choice{font-size:1.05em;margin:.6rem 0}' +
  '.budget-table{line-height:1.2}.budget-table td,.budget-table th{vertical-align:middle;padding:.1rem .4rem}.budget-table tbody th{font-weight:400}.budget-table tbody th>.paper-choice-text>span:first-child{font-weight:700}.budget-table .paper-choice-description{font-size:.8em}.budget-table .c-box{width:4.5em;text-align:center!important}.budget-table .c-cost{width:7em}' +
  '.budget-table .box{margin:0}.budget-total{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin:var(--_civic-space-s) 0;font-weight:700}' +
  '.budget-total .total-box{display:inline-block;min-width:9rem;height:1.9rem;border:1.5px solid currentColor}' +
  '.ballot-questions{border:1px solid currentColor;padding:var(--_civic-space-s)}';

/** The k-of-n rule of a poll (the same bounds as the widget and the server). */
function rules(def: VoteDefinition): { min: number; max: number } {
  if (def.method === 'single') return { min: 1, max: 1 };
  const max = Math.min(def.maxChoices ?? def.options.length, def.options.length);
  return { min: Math.min(def.minChoices ?? 1, max), max };
}

export function voteBallot(host: PaperHost, def: VoteDefinition, dates: unknown): TemplateResult {
  const k = paperKit(host);
  const { html, nothing, l, t, box, heading } = k;
  const money = (n: number) => l.number(n, { style: 'currency', currency: def.budget?.currency ?? 'EUR', maximumFractionDigits: 0 });
  const { min, max } = rules(def);
  const all = max === def.options.length && min <= 1;

  let rule: string[];
  switch (def.method) {
    case 'single':
      rule = [t('voteSingle')];
      break;
    case 'multiple':
      rule = [min <= 1 ? t('voteUpTo', max) : t('voteRange', min, max)];
      break;
    case 'ranked':
      rule = [t('voteRanked'), ...(all ? [] : [min <= 1 ? t('voteRankUpTo', max) : t('voteRankRange', min, max)])];
      break;
    default: {
      const total = def.budget?.total ?? 0;
      const least = Math.ceil((def.budget?.minShare ?? 0) * total);
      rule = [t('voteBudget', money(total)), ...(least > 0 ? [t('voteBudgetMin', money(least))] : [])];
    }
  }

  const choice = (label: string, description: string | undefined, wide: boolean) =>
    html`<li class="paper-choice">${box(wide)}<span class="paper-choice-text"><span>${label}</span>${description ? html` <span class="paper-choice-description">${description}</span>` : nothing}</span></li>`;

  const options =
    def.method === 'budget'
      ? html`<div class="paper-table-wrap">
            <table part="sheet" class="paper-table budget-table">
              <caption class="visually-hidden">${l.text(def.title)}</caption>
              <thead>
                <tr><th scope="col" class="c-box">${t('voteChoice')}</th><th scope="col">${t('voteProject')}</th><th scope="col" class="c-cost num">${t('voteCost')}</th></tr>
              </thead>
              <tbody>
                ${def.options.map(
                  (o) => html`<tr>
                    <td class="c-box">${box()}</td>
                    <th scope="row"><span class="paper-choice-text"><span>${l.text(o.label)}</span>${o.description ? html` <span class="paper-choice-description">${l.text(o.description)}</span>` : nothing}</span></th>
                    <td class="num">${money(o.cost ?? 0)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
          <p class="budget-total">${t('voteTotal')} <span class="total-box" aria-hidden="true"></span></p>`
      : html`<ul part="sheet" class="paper-choices ballot-options">${def.options.map((o) => choice(l.text(o.label), o.description ? l.text(o.description) : undefined, def.method === 'ranked'))}</ul>`;

  const questions = def.eligibility ?? [];
  const access =
    def.access === 'codes' || questions.length
      ? html`<div class="paper-section ballot-questions">
          ${heading(t('voteQuestions'))}
          ${def.access === 'codes'
            ? html`<p class="paper-label">${t('voteCode')}</p><p class="hint">${t('voteCodeHint')}</p><div class="line"></div>`
            : nothing}
          ${questions.map(
            (q) => html`<p class="paper-label">${l.text(q.label)}</p>
              <ul class="paper-choices ${q.type === 'yesno' ? 'inline' : ''}">
                ${q.type === 'yesno' ? html`${choice(t('yes'), undefined, false)}${choice(t('no'), undefined, false)}` : (q.options ?? []).map((o) => choice(l.text(o.label), undefined, false))}
              </ul>`,
          )}
        </div>`
      : nothing;

  const body = html`<div class="paper-howto">
      ${rule.map((r) => html`<p><strong>${r}</strong></p>`)}
      <p>${t('voteInvalid')}</p>
      <p>${t('voteAnonymous')} ${t('voteOnce')}</p>
    </div>
    ${access} ${options} ${k.returnBlock(def.paper, t('voteWhere'), !!(questions.length || def.paper?.privacy))}
    ${questions.length || def.paper?.privacy ? k.privacy(def.paper, t('voteKept'), t('votePurpose')) : nothing}`;

  return k.frame({
    kind: t('voteKind'),
    title: l.text(def.title),
    header: html`${def.description ? html`<p class="description">${l.text(def.description)}</p>` : nothing}${dates}`,
    body,
    paper: def.paper,
  });
}
