import { createContext } from '@lit/context';

/** What `<civic-config>` provides to the widgets inside it. */
export interface CivicConfig {
  endpoint?: string;
  lang?: string;
}

/**
 * A string key, not a Symbol: two copies of the bundle on one page (a theme and a plugin each
 * loading it) still find each other's provider.
 */
export const civicConfigContext = createContext<CivicConfig | undefined>('civic-widgets/config');
