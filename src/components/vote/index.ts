/** Entry for bundler users: `import 'civic-widgets/vote'` registers <civic-vote> and <civic-config>. */
import { CivicConfig } from '../config/config.js';
import { CivicVote } from './vote.js';

CivicConfig.define();
CivicVote.define();

export { CivicVote, CivicConfig };
