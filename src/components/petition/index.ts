/** Entry for bundler users: `import 'civic-widgets/petition'` registers <civic-petition> and <civic-config>. */
import { CivicConfig } from '../config/config.js';
import { CivicPetition } from './petition.js';

CivicConfig.define();
CivicPetition.define();

export { CivicPetition, CivicConfig };
