/**
 * The one-file bundle a webmaster loads with
 * `<script type="module" src="https://…/civic-widgets.js"></script>`: registers every tag.
 * It exports nothing, so that only what the widgets use is bundled; bundler users import
 * `civic-widgets` (classes, types, schemas) or `civic-widgets/vote` instead.
 */
import './define.js';
