/**
 * The one-file bundle a webmaster loads with
 * `<script type="module" src="https://…/civic-widgets.js"></script>`. It is small: it starts
 * downloading, together, the shared core (lit, the client, the outbox, French and English,
 * `<civic-config>`: chunks/core-*.js), the code of each widget already in the page (its chunk in
 * `chunks/`) and each one's definition (GET, used by the widget when its code has loaded); the core
 * then defines the tags and loads the widgets added later (internal/autoload.ts).
 * It exports nothing; bundler users import `civic-widgets` (classes, types, schemas),
 * `civic-widgets/define` (every tag at once) or `civic-widgets/vote` instead.
 */
import { prefetchDefinitions, prefetchWidgets, widgets } from './internal/widgets.js';

prefetchWidgets(document);
prefetchDefinitions(document);
import('./internal/boot.js').then(
  (m) => m.boot(widgets),
  (e: unknown) =>
    console.error(`civic-widgets: the core could not be downloaded (${e instanceof Error ? e.message : String(e)}). Serve the whole dist/ folder (chunks/ included) next to civic-widgets.js.`),
);
