/** Entry for bundler users: `import 'civic-widgets/survey'` registers <civic-survey> and <civic-config>. */
import { CivicConfig } from '../config/config.js';
import { CivicSurvey } from './survey.js';

CivicConfig.define();
CivicSurvey.define();

export { CivicSurvey, CivicConfig };
