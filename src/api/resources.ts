/**
 * The parts of the protocol that are not zod schemas: the shared core of the bundle needs them, and
 * must not load zod before a widget's first render (zod and the schemas come in their own chunk,
 * fetched while the first render happens; see ApiClient's `SchemaSource`).
 */
/** The header that makes a POST safe to retry. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** What the widgets accept as an e-mail address before sending (the server checks again with z.email()). */
export const isEmailAddress = (s: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(s);

/**
 * Where each kind of content lives under the API base URL: `path` is the collection, `submissions`
 * the sub-resource a widget POSTs to.
 */
export const RESOURCES = {
  vote: { path: 'votes', submissions: 'ballots' },
  survey: { path: 'surveys', submissions: 'responses' },
  petition: { path: 'petitions', submissions: 'signatures' },
  'map-report': { path: 'map-reports', submissions: 'requests' },
  comments: { path: 'threads', submissions: 'comments' },
} as const;
export type Kind = keyof typeof RESOURCES;

/** `/votes/poll-1`, `/votes/poll-1/ballots`, ... relative to the API base URL. */
export const paths = {
  definition: (kind: Kind, id: string) => `/${RESOURCES[kind].path}/${encodeURIComponent(id)}`,
  submissions: (kind: Kind, id: string) => `/${RESOURCES[kind].path}/${encodeURIComponent(id)}/${RESOURCES[kind].submissions}`,
  results: (kind: Kind, id: string) => `/${RESOURCES[kind].path}/${encodeURIComponent(id)}/results`,
  /** A server-sent event stream of live changes (petition counts). */
  events: (kind: Kind, id: string) => `/${RESOURCES[kind].path}/${encodeURIComponent(id)}/events`,
  /** One map report (`GET`), by its Open311 `service_request_id`. */
  mapReport: (id: string, rid: string) => `/map-reports/${encodeURIComponent(id)}/requests/${encodeURIComponent(rid)}`,
  /** "Me too" on an existing map report (`POST { deviceToken }`). */
  mapReportSupport: (id: string, rid: string) => `/map-reports/${encodeURIComponent(id)}/requests/${encodeURIComponent(rid)}/support`,
  /** One comment of a thread (`/threads/t/comments/c`) or what hangs off it (`/replies`, `/support`, `/flags`, `/extend`). */
  comment: (threadId: string, commentId: string, sub?: 'replies' | 'support' | 'flags' | 'extend') =>
    `/threads/${encodeURIComponent(threadId)}/comments/${encodeURIComponent(commentId)}${sub ? `/${sub}` : ''}`,
  /** Visible comments of several threads in one request: `/threads/counts?ids=a,b`. */
  threadCounts: (ids: readonly string[]) => `/threads/counts?ids=${ids.map(encodeURIComponent).join(',')}`,
};
