import { createContext } from '@lit/context';

/** What `<civic-config>` provides to the widgets inside it. */
export interface CivicConfig {
  endpoint?: string;
  lang?: string;
  /** Easy-read wording for every widget inside (docs/easy-read.md). */
  easyRead?: boolean;
  /** `assisted` for a mediator's terminal (see docs/assisted.md). */
  mode?: string;
  /** The mediator's code sent with each assisted submission. */
  mediator?: string;
  /** Minutes without input before an assisted form is cleared. */
  resetAfter?: number;
}

/**
 * A string key, not a Symbol: two copies of the bundle on one page (a theme and a plugin each
 * loading it) still find each other's provider.
 */
export const civicConfigContext = createContext<CivicConfig | undefined>('civic-widgets/config');
