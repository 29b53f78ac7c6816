/**
 * The one-file bundle a webmaster loads with
 * `<script type="module" src="https://…/civic-widgets.js"></script>`: the shared core (lit, zod/mini,
 * the client, the outbox, French and English) and `<civic-config>`; each widget's own code is a chunk
 * in `chunks/`, loaded when its tag appears in the page (see internal/autoload.ts).
 * It exports nothing of its own; bundler users import `civic-widgets` (classes, types, schemas),
 * `civic-widgets/define` (every tag at once) or `civic-widgets/vote` instead.
 */
import { CivicConfig } from './components/config/config.js';
import { autoload } from './internal/autoload.js';

CivicConfig.define();
autoload();

// The runtime every widget chunk shares, kept in this file so that a widget costs one more request,
// not two (its chunk imports these back from civic-widgets.js).
export { SubmitController } from './internal/submit-controller.js';
export { loadDefinition, RetryWhileOffline } from './internal/definitions.js';
export { Task } from '@lit/task';
export { loadPart } from './internal/lazy.js';
