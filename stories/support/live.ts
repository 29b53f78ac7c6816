/**
 * Helpers for the stories that talk to the live reference backend at `/api` (mounted inside
 * `storybook dev`, see .storybook/live-backend.ts). In a static build there is no backend: these
 * stories then say so instead of showing a puzzling error.
 */
import { html } from 'lit';
import { createStore, del, keys } from 'idb-keyval';
import type { Decorator, Loader } from '@storybook/web-components-vite';

export const LIVE_ENDPOINT = '/api';

let health: Promise<boolean> | undefined;

/** Whether `/api/health` answers like the reference backend (checked once per page). */
export function liveBackendAvailable(): Promise<boolean> {
  health ??= fetch(`${LIVE_ENDPOINT}/health`, { headers: { Accept: 'application/json' } })
    .then(async (r) => r.ok && ((await r.json()) as { ok?: boolean }).ok === true)
    .catch(() => false);
  return health;
}

export const liveLoader: Loader = async () => ({ live: await liveBackendAvailable() });

/** Forgets this browser's device token and "voted" records for the live backend: vote again as a new device. */
async function forgetDevice(): Promise<void> {
  const base = new URL(LIVE_ENDPOINT, location.href).href.replace(/\/+$/, '');
  const store = createStore('civic-widgets', 'kv');
  for (const key of await keys<string>(store)) {
    if (typeof key === 'string' && key.includes(`|${base}|`)) await del(key, store);
  }
  location.reload();
}

/**
 * Live stories: the widget, and a way to vote again. Without a backend (static build) a note
 * replaces the widget, which would otherwise show a misleading "unknown id" error.
 */
export const liveDecorator: Decorator = (story, { loaded }) =>
  loaded.live
    ? html`${story()}
        <p style="margin:1.5rem 0 0;font:13px/1.4 system-ui,sans-serif;color:#4b5563">
          Live backend (in memory, reset when Storybook restarts).
          <button type="button" @click=${forgetDevice} style="font:inherit">Forget this device and vote again</button>
        </p>`
    : html`<p role="note" style="margin:0;padding:.5rem 1rem;border-inline-start:4px solid #92400e;background:#fef3c7;color:#1f2328;font:14px/1.4 system-ui,sans-serif">
        This story talks to the live reference backend at <code>/api</code>, which only <code>npm run storybook</code> serves.
        This build has none: see the <em>States</em> and <em>Theming</em> stories, which run on fixtures.
      </p>`;
