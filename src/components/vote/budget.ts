/**
 * Participatory budgets for <civic-vote>, loaded only when a definition's method is `budget`:
 * project cards with filters, a running total that never lets the resident exceed the budget, a
 * review-and-confirm step; results under the greedy rule and the Method of Equal Shares.
 * @internal
 */
import type { TemplateResult } from 'lit';
import type { VoteDefinition, VoteFacet, VoteResults } from '../../api/schemas/vote.js';
import type { MethodView, VoteHost } from './method.js';
import { budgetCatalog, type BudgetMessages } from './budget.messages.js';

type Args<F> = F extends (...a: infer P) => string ? P : [];

/** This renderer's own rules, adopted by the widget's shadow root when the chunk loads (minified by hand). */
const styles =
  '.caption{font-weight:600;margin:var(--_civic-space-m) 0 var(--_civic-space-s)}.empty{color:var(--_civic-muted)}.ranking,.unranked,.projects,.plain,.review-list,.funded{list-style:none;margin:0;padding:0}button:disabled{cursor:not-allowed}.icon-button:disabled{opacity:0.35}.meter{position:sticky;top:0;z-index:1;background:var(--_civic-surface);padding:var(--_civic-space-s) 0;border-bottom:1px solid var(--_civic-border)}.spent{margin:0 0 0.25rem;font-variant-numeric:tabular-nums}.left{font-weight:600}progress{width:100%;height:0.75rem;accent-color:var(--_civic-vote-bar)}.filters{display:flex;flex-wrap:wrap;gap:var(--_civic-space-s) var(--_civic-space-m);margin-top:var(--_civic-space-s)}.projects{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,15rem),1fr));gap:var(--_civic-space-m)}.project{display:flex;flex-direction:column;border:1px solid var(--_civic-border);border-radius:var(--_civic-radius);overflow:hidden}.project.chosen{border:2px solid var(--_civic-primary)}.project img{display:block;width:100%;aspect-ratio:16 / 9;object-fit:cover;background:var(--_civic-surface-alt)}.project-body{display:flex;flex-direction:column;flex:1;gap:0.25rem;padding:var(--_civic-space-s) var(--_civic-space-m) var(--_civic-space-m)}.project-body p{margin:0}.project-title{font-weight:700}.meta{font-size:0.9em;color:var(--_civic-muted)}.cost{font-weight:700;font-variant-numeric:tabular-nums}.reason{font-size:0.9em;color:var(--_civic-danger)}.toggle{margin-top:auto;align-self:flex-start}.review-list li,.funded li,.borda-order li{display:flex;flex-wrap:wrap;justify-content:space-between;gap:0 var(--_civic-space-s);padding:0.25rem 0;border-bottom:1px solid var(--_civic-surface-alt)}.subtitle{font-weight:700;font-size:1.1em;margin:var(--_civic-space-m) 0 var(--_civic-space-s)}.explain{margin:0 0 var(--_civic-space-s);color:var(--_civic-muted)}.funded-by{display:block;font-size:0.9em;color:var(--_civic-success)}.toggle[aria-disabled=true]{cursor:not-allowed}.filter label{display:block;font-weight:600}select{font:inherit;min-height:var(--_civic-target);max-width:100%;padding:.25rem .5rem;border:1px solid var(--_civic-border);border-radius:var(--_civic-radius);background:var(--_civic-surface);color:inherit}';

export function budget(host: VoteHost): MethodView {
  const { l, lit } = host;
  /** This renderer's strings, in the widget's language. */
  const t = <K extends keyof BudgetMessages>(key: K, ...args: Args<BudgetMessages[K]>): string => {
    const entry = budgetCatalog.get(l)[key] as unknown;
    return typeof entry === 'function' ? (entry as (...a: unknown[]) => string)(...args) : (entry as string);
  };
  const { html, nothing, svg } = lit;
  let category = '';
  let district = '';
  let reviewing = false;

  const money = (def: VoteDefinition, n: number) => l.number(n, { style: 'currency', currency: def.budget?.currency ?? 'EUR', maximumFractionDigits: 0 });
  const total = (def: VoteDefinition) => def.budget?.total ?? 0;
  const costOf = (def: VoteDefinition, id: string) => def.options.find((o) => o.id === id)?.cost ?? 0;
  const spentOf = (def: VoteDefinition) => host.selected.reduce((a, id) => a + costOf(def, id), 0);
  const minimum = (def: VoteDefinition) => Math.ceil((def.budget?.minShare ?? 0) * total(def));
  const facet = (list: VoteFacet[] | undefined, id: string | undefined) => {
    const f = id ? list?.find((x) => x.id === id) : undefined;
    return f ? l.text(f.label) : (id ?? '');
  };

  function toggle(def: VoteDefinition, id: string): void {
    const o = def.options.find((x) => x.id === id)!;
    const name = l.text(o.label);
    if (host.selected.includes(id)) {
      host.selected = host.selected.filter((x) => x !== id);
      host.announce(t('vote.projectRemoved', name, money(def, total(def) - spentOf(def))));
      return;
    }
    const left = total(def) - spentOf(def);
    const cost = o.cost ?? 0;
    if (cost > left) {
      host.announce(t('vote.noFit', money(def, left), money(def, cost)));
      return;
    }
    host.selected = [...host.selected, id];
    host.announce(t('vote.projectAdded', name, money(def, left - cost)));
  }

  function filter(def: VoteDefinition, which: 'category' | 'district', value: string): void {
    if (which === 'category') category = value;
    else district = value;
    host.requestUpdate();
    host.announce(t('vote.showing', visible(def).length, def.options.length));
  }

  const visible = (def: VoteDefinition) => def.options.filter((o) => (!category || o.category === category) && (!district || o.district === district));

  function problem(def: VoteDefinition): string | undefined {
    const spent = spentOf(def);
    if (!host.selected.length) return t('vote.chooseProject');
    if (spent > total(def)) return t('vote.overBudget', money(def, total(def)));
    if (spent < minimum(def)) return t('vote.tooLittle', money(def, minimum(def)));
    return undefined;
  }

  function select(def: VoteDefinition, which: 'category' | 'district', list: VoteFacet[] | undefined, value: string) {
    if (!list || list.length < 2) return nothing;
    return html`<div class="filter">
      <label for="filter-${which}">${t(which === 'category' ? 'vote.category' : 'vote.district')}</label>
      <select id="filter-${which}" @change=${(e: Event) => filter(def, which, (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!value}>${t('vote.all')}</option>
        ${list.map((f) => html`<option value=${f.id} ?selected=${value === f.id}>${l.text(f.label)}</option>`)}
      </select>
    </div>`;
  }

  function meter(def: VoteDefinition) {
    const spent = spentOf(def);
    return html`<div class="meter" part="progress">
      <p class="spent" id="spent-label">
        ${t('vote.spent', money(def, spent), money(def, total(def)))} <span class="left">${t('vote.left', money(def, total(def) - spent))}</span>
      </p>
      <progress max=${total(def)} .value=${spent} aria-labelledby="spent-label"></progress>
    </div>`;
  }

  function form(def: VoteDefinition): TemplateResult {
    if (reviewing) return review(def);
    const level = host.subLevel;
    const error = host.showErrors ? problem(def) : undefined;
    const spent = spentOf(def);
    const left = total(def) - spent;
    const min = minimum(def);
    const shown = visible(def);
    return html`<fieldset part="field" class="budget" aria-describedby="hint${error ? ' choice-error' : ''}" aria-invalid=${error ? 'true' : 'false'}>
      <legend class="visually-hidden">${l.text(def.title)}</legend>
      <p part="hint" class="hint" id="hint">
        ${t('vote.budgetHint', money(def, total(def)))} ${min > 0 ? t('vote.minShareHint', money(def, min), l.percent(def.budget?.minShare ?? 0)) : nothing}
      </p>
      ${error ? html`<p part="error" class="error" id="choice-error" tabindex="-1">${error}</p>` : nothing} ${meter(def)}
      <div class="filters">${select(def, 'category', def.categories, category)} ${select(def, 'district', def.districts, district)}</div>
      <p class="caption" id="projects-caption" tabindex="-1">${t('vote.showing', shown.length, def.options.length)}</p>
      <ul class="projects" aria-labelledby="projects-caption">
        ${shown.map((o) => {
          const chosen = host.selected.includes(o.id);
          const cost = o.cost ?? 0;
          const blocked = !chosen && cost > left;
          const name = l.text(o.label);
          const meta = [facet(def.categories, o.category), facet(def.districts, o.district)].filter(Boolean).join(' · ');
          return html`<li part="option" class="project ${chosen ? 'chosen' : ''}" data-id=${o.id}>
            ${o.image ? html`<img src=${o.image.src} alt=${l.text(o.image.alt)} loading="lazy" decoding="async" />` : nothing}
            <div class="project-body">
              <div role="heading" aria-level=${level} class="project-title" id="p-${o.id}">${name}</div>
              ${o.description ? html`<p class="option-description">${l.text(o.description)}</p>` : nothing}
              ${meta ? html`<p class="meta">${meta}</p>` : nothing}
              <p class="cost">${money(def, cost)}</p>
              ${blocked ? html`<p class="reason" id="why-${o.id}">${t('vote.noFit', money(def, left), money(def, cost))}</p>` : nothing}
              <button
                type="button"
                class="toggle ${chosen ? 'secondary' : 'primary'}"
                aria-disabled=${blocked ? 'true' : 'false'}
                aria-describedby=${blocked ? `why-${o.id}` : nothing}
                @click=${() => toggle(def, o.id)}
              >
                ${chosen ? t('vote.removeProject') : t('vote.add')}<span class="visually-hidden"> ${name}</span>
              </button>
            </div>
          </li>`;
        })}
      </ul>
      ${shown.length ? nothing : html`<p class="empty">${t('vote.noProjects')}</p>`}
    </fieldset>`;
  }

  function review(def: VoteDefinition): TemplateResult {
    const chosen = host.selected.map((id) => def.options.find((o) => o.id === id)!).filter(Boolean);
    return html`<section class="review" aria-labelledby="review-title">
      <div role="heading" aria-level=${host.subLevel} class="subtitle" id="review-title" tabindex="-1">${l.t('vote.reviewTitle')}</div>
      <p>${t('vote.reviewIntro')}</p>
      <ul class="review-list">
        ${chosen.map((o) => html`<li><span>${l.text(o.label)}</span> <span class="result-value">${money(def, o.cost ?? 0)}</span></li>`)}
      </ul>
      <p class="review-total"><strong>${t('vote.total')}</strong> ${t('vote.spent', money(def, spentOf(def)), money(def, total(def)))}</p>
    </section>`;
  }

  function results(def: VoteDefinition, r: VoteResults): TemplateResult {
    const level = host.subLevel;
    const b = r.budget;
    const name = (id: string) => l.text(def.options.find((o) => o.id === id)?.label) || id;
    const mine = new Set(host.mine);
    const max = Math.max(1, ...r.options.map((o) => o.count));
    const count = (id: string) => r.options.find((o) => o.id === id)?.count ?? 0;
    const rule = (key: 'greedy' | 'mes', title: 'vote.greedyTitle' | 'vote.mesTitle', explain: 'vote.greedyExplain' | 'vote.mesExplain') => {
      const outcome = b?.[key];
      if (!outcome) return nothing;
      return html`<section class="rule ${key}" aria-labelledby="${key}-title">
        <div role="heading" aria-level=${level} class="subtitle" id="${key}-title">${t(title)}</div>
        <p class="explain">${t(explain)}</p>
        ${outcome.winners.length
          ? html`<ul class="funded">
              ${outcome.winners.map((id) => html`<li><span>${name(id)}</span> <span class="result-value">${money(def, costOf(def, id))}</span></li>`)}
            </ul>`
          : html`<p>${t('vote.noneFunded')}</p>`}
        <p class="total">${t('vote.spentOf', money(def, outcome.spent), money(def, b?.total ?? total(def)))}</p>
      </section>`;
    };
    const order = [...def.options].sort((a, c) => count(c.id) - count(a.id));
    return html`<figure part="results" class="results budget-results">
      <figcaption>${l.t('vote.resultsTitle')}</figcaption>
      <p class="total">${l.t('vote.ballots', r.ballots)}</p>
      ${rule('greedy', 'vote.greedyTitle', 'vote.greedyExplain')} ${rule('mes', 'vote.mesTitle', 'vote.mesExplain')}
      <section class="rule votes" aria-labelledby="votes-title">
        <div role="heading" aria-level=${level} class="subtitle" id="votes-title">${t('vote.votesPerProject')}</div>
        <ul>
          ${order.map((o) => {
            const n = count(o.id);
            const funded = [b?.greedy?.winners.includes(o.id) ? t('vote.greedyShort') : '', b?.mes?.winners.includes(o.id) ? t('vote.mesShort') : ''].filter(Boolean);
            return html`<li part="result" class="result ${mine.has(o.id) ? 'mine' : ''}">
              <span class="result-line"
                ><span>${l.text(o.label)}${mine.has(o.id) ? html` (${l.t('vote.yourChoice')})` : nothing}</span
                ><span class="result-value">${l.t('vote.count', n)} · ${money(def, o.cost ?? 0)}</span></span
              >
              ${funded.length ? html`<span class="funded-by">${t('vote.fundedBy', funded.join(', '))}</span>` : nothing}
              <svg part="bar" class="bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                ${svg`<rect class="track" x="0" y="0" width="100" height="4"></rect><rect class="fill" x="0" y="0" width=${((n / max) * 100).toFixed(2)} height="4"></rect>`}
              </svg>
            </li>`;
          })}
        </ul>
      </section>
    </figure>`;
  }

  return {
    styles,
    get reviewing() {
      return reviewing;
    },
    form,
    problem,
    actions: (def, button) =>
      reviewing
        ? html`<div class="actions">
            <button type="button" class="secondary edit" @click=${() => edit()}>${l.t('vote.edit')}</button>
            ${button}
          </div>`
        : html`<div class="actions">
            <button part="submit-button" class="primary" type="submit">${l.t('vote.review')}</button>
            <span class="hint">${t('vote.spent', money(def, spentOf(def)), money(def, total(def)))}</span>
          </div>`,
    intercept: () => {
      if (reviewing) return false;
      reviewing = true;
      host.requestUpdate();
      void host.focusLater('#review-title');
      return true;
    },
    edit,
    results,
  };

  function edit(): void {
    reviewing = false;
    host.requestUpdate();
    void host.focusLater('#projects-caption');
  }
}
