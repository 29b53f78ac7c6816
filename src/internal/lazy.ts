import { ApiError } from '../api/client.js';

/**
 * Loads an optional part of a widget (a lazily loaded chunk next to the bundle). A resident who is
 * offline gets the offline message; otherwise a chunk that cannot be fetched is a deployment
 * problem (the site serves civic-widgets.js without its chunks/ folder), reported as `missing_part`.
 */
export async function loadPart<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const detail = `${e instanceof Error ? e.message : String(e)}. Serve the whole dist/ folder (chunks/ included) next to civic-widgets.js.`;
    throw new ApiError({ failure: typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'missing_part', detail });
  }
}
