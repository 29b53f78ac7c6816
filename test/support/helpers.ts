/** Browser-side helpers for the widget tests: the live reference backend, fresh content, clean storage. */
import { fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CivicVote } from '../../src/components/vote/vote.js';
import { clear, createStore } from 'idb-keyval';
import type { VoteDefinitionInput } from '../../src/api/schemas.js';

let info: { url: string; adminToken: string } | undefined;

/** The URL of the live reference backend started by the test runner. */
export async function backend(): Promise<{ url: string; adminToken: string }> {
  info ??= await executeServerCommand<{ url: string; adminToken: string }, undefined>('backend');
  if (!info?.url) throw new Error('the backend plugin did not answer');
  return info;
}

/** Cuts the backend off (connections refused) or brings it back. */
export const backendDown = () => executeServerCommand('backend-down');
export const backendUp = () => executeServerCommand('backend-up');
/** Delays each new connection to the backend (a slow network); 0 restores. */
export const backendDelay = (ms: number) => executeServerCommand('backend-delay', ms);
/** Puts the browser itself offline/online (navigator.onLine, offline/online events). */
export const setOffline = (offline: boolean) => executeServerCommand('set-offline', offline);

/** Runs SQL on the backend's database (to count what was really stored). */
export function sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
  return executeServerCommand<T[], { sql: string; params: unknown[] }>('backend-sql', { sql: query, params }) as Promise<T[]>;
}

export async function storedBallots(voteId: string): Promise<number> {
  const rows = await sql<{ n: number | string }>(`select count(*)::int as n from submissions where kind = 'vote' and content_id = $1`, [voteId]);
  return Number(rows[0]?.n ?? -1);
}

let counter = 0;
/** A unique id so that tests never share content (one vote per device...). */
export function uniqueId(prefix = 't'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

/** Creates a poll through the admin API and returns its id. */
export async function createVote(overrides: Partial<VoteDefinitionInput> = {}): Promise<string> {
  const { url, adminToken } = await backend();
  const id = overrides.id ?? uniqueId('vote');
  const def: VoteDefinitionInput = {
    id,
    title: { fr: 'Faut-il planter des arbres place du Marché ?', en: 'Should trees be planted on Market Square?' },
    method: 'single',
    options: [
      { id: 'oui', label: { fr: 'Oui', en: 'Yes' } },
      { id: 'non', label: { fr: 'Non', en: 'No' } },
      { id: 'nsp', label: { fr: 'Sans avis', en: 'No opinion' } },
    ],
    resultsVisibility: 'after-vote',
    ...overrides,
  };
  const res = await fetch(`${url}/admin/votes/${id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(def),
  });
  if (!res.ok) throw new Error(`createVote: ${res.status} ${await res.text()}`);
  return id;
}

/** Creates or replaces any content through the admin API (`path`: votes, surveys, threads, map-reports...). */
export async function putContent<T extends { id?: string }>(path: string, def: T): Promise<string> {
  const { url, adminToken } = await backend();
  const id = def.id ?? uniqueId(path.replace(/s$/, ''));
  const res = await fetch(`${url}/admin/${path}/${id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ ...def, id }),
  });
  if (!res.ok) throw new Error(`putContent ${path}/${id}: ${res.status} ${await res.text()}`);
  return id;
}

/** Empties the widgets' IndexedDB store (device tokens, outbox, voted records). */
export async function clearDeviceStorage(): Promise<void> {
  await clear(createStore('civic-widgets', 'kv'));
}

/** Waits until `predicate` is true, polling each animation frame, or fails after `timeout` ms. */
export async function until(predicate: () => boolean | Promise<boolean>, message: string, timeout = 8000): Promise<void> {
  const start = performance.now();
  while (!(await predicate())) {
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for: ${message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Text of an element in the shadow root, whitespace folded. */
export function textOf(root: ParentNode | null | undefined, selector: string): string {
  const el = root?.querySelector(selector);
  // Only ASCII white space: non-breaking spaces are part of French typography and are asserted.
  return (el?.textContent ?? '').replace(/[ \t\n\r]+/g, ' ').trim();
}

/** Mounts <civic-vote> on the live backend and waits until it shows its form, results or an alert. */
export async function mountVote(id: string, lang = 'en'): Promise<CivicVote> {
  const { url } = await backend();
  const el = await fixture<CivicVote>(html`<civic-vote endpoint=${url} vote-id=${id} lang=${lang}></civic-vote>`);
  await until(() => !!el.shadowRoot?.querySelector('form, .results, [role=alert]'), 'the vote to load');
  await el.updateComplete;
  return el;
}

/** The first / every element matching `selector` in `el`'s shadow root. */
export const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
export const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
