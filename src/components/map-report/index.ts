/** Entry for bundler users: `import 'civic-widgets/map-report'` registers <civic-map-report> and <civic-config>. */
import { CivicConfig } from '../config/config.js';
import { CivicMapReport } from './map-report.js';

CivicConfig.define();
CivicMapReport.define();

export { CivicMapReport, CivicConfig };
