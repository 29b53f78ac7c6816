/**
 * Ranked voting for <civic-vote>, loaded only when a definition's method is `ranked`: the resident
 * adds options to a ranking in order of preference and reorders it with buttons or the arrow
 * keys (no dragging), each move announced; results as instant-runoff rounds and Borda scores.
 * @internal
 */
import type { TemplateResult } from 'lit';
import type { VoteDefinition, VoteOption, VoteResults } from '../../api/schemas/vote.js';
import type { MethodView, VoteHost } from './method.js';
import { rankedCatalog, type RankedMessages } from './ranked.messages.js';

type Args<F> = F extends (...a: infer P) => string ? P : [];

const icon = (h: VoteHost, d: string) =>
  h.lit.html`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">${h.lit.svg`<path d=${d} fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"></path>`}</svg>`;
const UP = 'M12 19V5M5 12l7-7 7 7';
const DOWN = 'M12 5v14M5 12l7 7 7-7';
const REMOVE = 'M6 6l12 12M18 6L6 18';

/** How many options a ballot must and may rank. */
export function rankRules(def: VoteDefinition): { min: number; max: number } {
  const n = def.options.length;
  const max = Math.min(def.maxChoices ?? n, n);
  return { min: Math.min(def.minChoices ?? 1, max), max };
}

/** This renderer's own rules, adopted by the widget's shadow root when the chunk loads (minified by hand). */
const styles =
  '.caption{font-weight:600;margin:var(--_civic-space-m) 0 var(--_civic-space-s)}.empty{color:var(--_civic-muted)}.ranking,.unranked,.projects,.plain,.review-list,.funded{list-style:none;margin:0;padding:0}.rank-item,.unranked-item{display:flex;align-items:center;flex-wrap:wrap;gap:var(--_civic-space-s);padding:0.25rem var(--_civic-space-s);margin-block:0.25rem;border:1px solid var(--_civic-border);border-radius:var(--_civic-radius)}.rank-item{border-color:var(--_civic-primary)}.rank-item .option-text,.unranked-item .option-text{flex:1 1 8rem}.rank-pos{flex:none;min-width:2rem;height:2rem;display:inline-grid;place-items:center;border-radius:50%;background:var(--_civic-primary);color:var(--_civic-on-primary);font-weight:700}.rank-buttons{display:flex;gap:0.25rem;margin-inline-start:auto}.icon-button{padding:0;display:inline-grid;place-items:center}button:disabled{cursor:not-allowed}.icon-button:disabled{opacity:0.35}.review-list li,.funded li,.borda-order li{display:flex;flex-wrap:wrap;justify-content:space-between;gap:0 var(--_civic-space-s);padding:0.25rem 0;border-bottom:1px solid var(--_civic-surface-alt)}.subtitle{font-weight:700;font-size:1.1em;margin:var(--_civic-space-m) 0 var(--_civic-space-s)}.explain{margin:0 0 var(--_civic-space-s);color:var(--_civic-muted)}.winner{font-weight:700}.table-wrap{overflow-x:auto}';

export function ranked(host: VoteHost): MethodView {
  const { l, lit } = host;
  /** This renderer's strings, in the widget's language. */
  const t = <K extends keyof RankedMessages>(key: K, ...args: Args<RankedMessages[K]>): string => {
    const entry = rankedCatalog.get(l)[key] as unknown;
    return typeof entry === 'function' ? (entry as (...a: unknown[]) => string)(...args) : (entry as string);
  };
  const { html, nothing } = lit;
  const option = (def: VoteDefinition, id: string) => def.options.find((o) => o.id === id);
  const label = (o: VoteOption | undefined) => (o ? l.text(o.label) : '');

  /** Moves the option at `from` to `to` (0-based), announces it and keeps the focus on the same control. */
  function move(def: VoteDefinition, from: number, to: number, control: string): void {
    const list = [...host.selected];
    if (to < 0 || to >= list.length || from === to) return;
    const [id] = list.splice(from, 1);
    list.splice(to, 0, id!);
    host.selected = list;
    host.announce(t('vote.moved', label(option(def, id!)), to + 1, list.length));
    const item = `.rank-item[data-id="${id}"]`;
    // At either end the button pressed is disabled: focus the item itself.
    const disabled = (control === '.up' && to === 0) || (control === '.down' && to === list.length - 1);
    void host.focusLater(disabled || !control ? item : `${item} ${control}`);
  }

  function add(def: VoteDefinition, id: string): void {
    const list = [...host.selected, id];
    host.selected = list;
    host.announce(t('vote.rankAdded', label(option(def, id)), list.length));
    const next = def.options.find((o) => !list.includes(o.id));
    // Keep the focus in the list of options still to rank (the next one), or on the last ranked item.
    void host.focusLater(next && list.length < rankRules(def).max ? `.unranked [data-id="${next.id}"]` : `.rank-item[data-id="${id}"]`);
  }

  function remove(def: VoteDefinition, id: string): void {
    const index = host.selected.indexOf(id);
    const list = host.selected.filter((x) => x !== id);
    host.selected = list;
    host.announce(t('vote.rankRemoved', label(option(def, id))));
    const neighbour = list[Math.min(index, list.length - 1)];
    void host.focusLater(neighbour ? `.rank-item[data-id="${neighbour}"]` : `.unranked [data-id="${id}"]`);
  }

  function onKey(e: KeyboardEvent, def: VoteDefinition, index: number): void {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const target = e.target as HTMLElement;
    const control = target.classList.contains('up') ? '.up' : target.classList.contains('down') ? '.down' : target.classList.contains('remove') ? '.remove' : '';
    move(def, index, index + (e.key === 'ArrowUp' ? -1 : 1), control);
  }

  function problem(def: VoteDefinition): string | undefined {
    const { min, max } = rankRules(def);
    const n = host.selected.length;
    if (n < min) return t('vote.rankTooFew', min);
    if (n > max) return l.t('field.too_many', max);
    return undefined;
  }

  function form(def: VoteDefinition): TemplateResult {
    const { min, max } = rankRules(def);
    const ranking = host.selected;
    const rest = def.options.filter((o) => !ranking.includes(o.id));
    const error = host.showErrors ? problem(def) : undefined;
    const full = ranking.length >= max;
    const n = ranking.length;
    const describe = (o: VoteOption) => (o.description ? html`<span class="option-description">${l.text(o.description)}</span>` : nothing);
    return html`<fieldset part="field" class="ranked" aria-describedby="hint${error ? ' choice-error' : ''}" aria-invalid=${error ? 'true' : 'false'}>
      <legend class="visually-hidden">${l.text(def.title)}</legend>
      <p part="hint" class="hint" id="hint">${t('vote.rankHint')} ${t('vote.rankRange', min, max, def.options.length)} ${t('vote.rankKeys')}</p>
      ${error ? html`<p part="error" class="error" id="choice-error" tabindex="-1">${error}</p>` : nothing}
      <p class="caption" id="ranking-caption">${t('vote.yourRanking')}</p>
      ${n === 0 ? html`<p class="empty">${t('vote.rankEmpty')}</p>` : nothing}
      <ol class="ranking" aria-labelledby="ranking-caption">
        ${ranking.map((id, i) => {
          const o = option(def, id);
          if (!o) return nothing;
          const name = l.text(o.label);
          return html`<li part="option" class="rank-item" data-id=${id} tabindex="0" aria-labelledby="rank-name-${id}" @keydown=${(e: KeyboardEvent) => onKey(e, def, i)}>
            <span class="rank-pos" aria-hidden="true">${l.number(i + 1)}</span>
            <span class="option-text"><span id="rank-name-${id}">${name}<span class="visually-hidden"> — ${t('vote.position', i + 1, n)}</span></span>${describe(o)}</span>
            <span class="rank-buttons">
              <button type="button" class="secondary icon-button up" ?disabled=${i === 0} @click=${() => move(def, i, i - 1, '.up')}>
                ${icon(host, UP)}<span class="visually-hidden">${t('vote.moveUp', name)}</span>
              </button>
              <button type="button" class="secondary icon-button down" ?disabled=${i === n - 1} @click=${() => move(def, i, i + 1, '.down')}>
                ${icon(host, DOWN)}<span class="visually-hidden">${t('vote.moveDown', name)}</span>
              </button>
              <button type="button" class="secondary icon-button remove" @click=${() => remove(def, id)}>
                ${icon(host, REMOVE)}<span class="visually-hidden">${t('vote.removeRank', name)}</span>
              </button>
            </span>
          </li>`;
        })}
      </ol>
      ${rest.length
        ? html`<p class="caption" id="unranked-caption">${t('vote.notRanked')}</p>
            <ul class="unranked" aria-labelledby="unranked-caption">
              ${rest.map(
                (o) => html`<li part="option" class="unranked-item">
                  <span class="option-text"><span>${l.text(o.label)}</span>${describe(o)}</span>
                  <button type="button" class="secondary add" data-id=${o.id} ?disabled=${full} @click=${() => add(def, o.id)}>
                    ${t('vote.addRank')}<span class="visually-hidden"> ${l.text(o.label)}</span>
                  </button>
                </li>`,
              )}
            </ul>`
        : nothing}
    </fieldset>`;
  }

  function results(def: VoteDefinition, r: VoteResults): TemplateResult {
    const level = host.subLevel;
    const name = (id: string | null | undefined) => (id ? label(option(def, id)) || id : '');
    const irv = r.ranked?.irv;
    const borda = r.ranked?.borda;
    const mine = host.mine;
    return html`<figure part="results" class="results ranked-results">
      <figcaption>${l.t('vote.resultsTitle')}</figcaption>
      <p class="total">${l.t('vote.ballots', r.ballots)}</p>
      ${irv
        ? html`<section class="count irv" aria-labelledby="irv-title">
            <div role="heading" aria-level=${level} class="subtitle" id="irv-title">${t('vote.irvTitle')}</div>
            <p class="explain">${t('vote.irvExplain')}</p>
            <p class="winner">${irv.winner ? t('vote.winner', name(irv.winner)) : t('vote.noWinner')}</p>
            <div class="table-wrap" tabindex="0" role="group" aria-labelledby="irv-title">
              <table class="rounds">
                <caption class="visually-hidden">${t('vote.irvTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">${t('vote.roundCol')}</th>
                    <th scope="col">${t('vote.countsCol')}</th>
                    <th scope="col">${t('vote.eliminatedCol')}</th>
                    <th scope="col">${t('vote.exhaustedCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${irv.rounds.map(
                    (round, i) => html`<tr>
                      <th scope="row">${l.number(i + 1)}</th>
                      <td>
                        <ul class="plain">
                          ${[...round.counts]
                            .sort((a, b) => b.count - a.count)
                            .map((c) => html`<li>${t('vote.optionCount', name(c.id), l.number(c.count))}</li>`)}
                        </ul>
                      </td>
                      <td>${round.eliminated.length ? round.eliminated.map(name).join(', ') : '—'}</td>
                      <td>${l.number(round.exhausted)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </section>`
        : nothing}
      ${borda
        ? html`<section class="count borda" aria-labelledby="borda-title">
            <div role="heading" aria-level=${level} class="subtitle" id="borda-title">${t('vote.bordaTitle')}</div>
            <p class="explain">${t('vote.bordaExplain')}</p>
            <ol class="borda-order">
              ${borda.order.map((id) => {
                const score = borda.scores.find((s) => s.id === id)?.count ?? 0;
                return html`<li><span>${name(id)}</span> <span class="result-value">${t('vote.points', score)}</span></li>`;
              })}
            </ol>
          </section>`
        : nothing}
      ${!irv && !borda
        ? html`<ul class="plain">
            ${r.options.map((c) => html`<li>${t('vote.optionCount', name(c.id), t('vote.firstChoices', c.count))}</li>`)}
          </ul>`
        : nothing}
      ${mine.length
        ? html`<p class="choices-caption" id="my-ranking">${t('vote.yourRanking')}</p>
            <ol aria-labelledby="my-ranking">
              ${mine.map((id) => html`<li>${name(id)}</li>`)}
            </ol>`
        : nothing}
    </figure>`;
  }

  return {
    styles,
    form,
    problem,
    actions: (_def, button) => html`<div class="actions">${button}</div>`,
    intercept: () => false,
    results,
  };
}
