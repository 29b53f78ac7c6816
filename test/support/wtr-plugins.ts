/**
 * Web Test Runner plugins: the backend commands the browser tests call through
 * `executeServerCommand`, and a reporter that leaves the counts for scripts/test.mjs.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { ADMIN_TOKEN, startTestBackend, type TestBackend } from './backend.js';
import { blnsStrings } from '../../server/test/blns.js';

type BrowserContext = {
  setOffline(o: boolean): Promise<void>;
  grantPermissions(p: string[]): Promise<void>;
  clearPermissions(): Promise<void>;
  setGeolocation(g: { latitude: number; longitude: number; accuracy?: number } | null): Promise<void>;
  route(url: RegExp, handler: (route: { abort(code?: string): Promise<void> }) => void): Promise<void>;
  unroute(url: RegExp): Promise<void>;
};
type Session = { id: string; browser: { getPage?: (id: string) => { context(): BrowserContext } } };

/** A stand-in geocoder for the map-report tests (`GET /test-geocoder/search?q=`): the places a test set, as GeoJSON. */
type Place = { label: string; lat: number; long: number };

export function backendPlugin() {
  let backend: TestBackend | undefined;
  let places: Place[] = [];
  let geocoderRequests: string[] = [];
  /** Requests made to fail (`fail-requests`). */
  let failing: RegExp | undefined;
  return {
    name: 'civic-backend',
    serve(context: { path: string; URL: URL }) {
      if (context.path !== '/test-geocoder/search') return undefined;
      const q = (context.URL.searchParams.get('q') ?? '').toLowerCase();
      geocoderRequests.push(q);
      const features = places
        .filter((p) => p.label.toLowerCase().includes(q))
        .map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.long, p.lat] }, properties: { label: p.label } }));
      return { body: JSON.stringify({ type: 'FeatureCollection', features }), type: 'application/json' };
    },
    async serverStart() {
      backend = await startTestBackend();
    },
    async serverStop() {
      await backend?.close();
    },
    async executeCommand({ command, payload, session }: { command: string; payload: unknown; session: Session }) {
      if (!backend) return undefined;
      switch (command) {
        case 'backend':
          return { url: backend.url, adminToken: ADMIN_TOKEN };
        case 'backend-down':
          await backend.down();
          return true;
        case 'backend-delay':
          backend.delay(Number(payload) || 0);
          return true;
        case 'backend-up':
          await backend.up();
          return true;
        case 'backend-sql': {
          const { sql, params } = payload as { sql: string; params?: unknown[] };
          const { rows } = await backend.db.query(sql, params ?? []);
          return rows;
        }
        case 'blns':
          return blnsStrings();
        case 'fail-requests': {
          // Requests whose URL matches `payload` (a regular expression) fail as on a lost connection; null lets them through again.
          const context = session.browser.getPage?.(session.id)?.context();
          if (failing) await context?.unroute(failing);
          failing = payload ? new RegExp(String(payload)) : undefined;
          if (failing) await context?.route(failing, (route) => route.abort('internetdisconnected'));
          return Boolean(context);
        }
        case 'set-offline': {
          const page = session.browser.getPage?.(session.id);
          await page?.context().setOffline(Boolean(payload));
          return Boolean(page);
        }
        case 'set-geolocation': {
          // The browser's own geolocation, as a resident who allowed it (a position) or refused it (null).
          const context = session.browser.getPage?.(session.id)?.context();
          const g = payload as { lat: number; long: number; accuracy?: number } | null;
          if (!context) return false;
          if (g) {
            await context.grantPermissions(['geolocation']);
            await context.setGeolocation({ latitude: g.lat, longitude: g.long, accuracy: g.accuracy ?? 10 });
          } else await context.clearPermissions();
          return true;
        }
        case 'geocoder-places':
          places = (payload as Place[]) ?? [];
          geocoderRequests = [];
          return true;
        case 'geocoder-requests':
          return geocoderRequests;
        default:
          return undefined;
      }
    },
  };
}

interface TestNode {
  name?: string;
  tests?: Array<{ name?: string; passed: boolean; skipped: boolean; error?: { message?: string } }>;
  suites?: TestNode[];
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  /** "file > suite > test: first line of the error", so the end of a long CI log names what failed. */
  failures: string[];
}

function count(node: TestNode | undefined, acc: Counts, where: string) {
  if (!node) return acc;
  const here = node.name ? `${where} > ${node.name}` : where;
  for (const t of node.tests ?? []) {
    if (t.skipped) acc.skipped++;
    else if (t.passed) acc.passed++;
    else {
      acc.failed++;
      acc.failures.push(`${here} > ${t.name ?? '?'}: ${(t.error?.message ?? '').split('\n')[0]}`);
    }
  }
  for (const s of node.suites ?? []) count(s, acc, here);
  return acc;
}

/** Writes { passed, failed, skipped, failures } to `file`; a file that failed to load counts as a failure. */
export function countsReporter(file: string) {
  return {
    onTestRunFinished({ sessions }: { sessions: Array<{ testFile?: string; testResults?: TestNode; errors?: Array<{ message?: string }>; passed?: boolean }> }) {
      const acc: Counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
      for (const s of sessions) {
        const file = (s.testFile ?? '?').replace(process.cwd() + '/', '');
        count(s.testResults, acc, file);
        if ((s.errors?.length ?? 0) > 0 && !s.testResults?.tests?.length && !s.testResults?.suites?.length) {
          acc.failed++;
          acc.failures.push(`${file}: ${(s.errors?.[0]?.message ?? 'did not load').split('\n')[0]}`);
        }
      }
      mkdirSync(file.replace(/\/[^/]+$/, ''), { recursive: true });
      writeFileSync(file, JSON.stringify(acc));
    },
  };
}
