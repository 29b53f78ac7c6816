/** Entry for bundler users: `import 'civic-widgets/comments'` registers <civic-comments>, <civic-comment-count> and <civic-config>. */
import { CivicConfig } from '../config/config.js';
import { CivicComments } from './comments.js';
import { CivicCommentCount } from './count.js';

CivicConfig.define();
CivicComments.define();
CivicCommentCount.define();

export { CivicComments, CivicCommentCount, CivicConfig };
