/**
 * What civic-widgets.js runs once the core has loaded: `<civic-config>` first (the context provider,
 * so that widgets already in the page find it when they upgrade), then each widget as its code arrives.
 * @internal
 */
import { CivicConfig } from '../components/config/config.js';
import { autoload } from './autoload.js';
import type { Widgets } from './widgets.js';

export function boot(widgets: Widgets): void {
  CivicConfig.define();
  autoload(widgets);
}
