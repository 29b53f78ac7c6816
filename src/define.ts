/**
 * Registers every tag, once (a CMS page may load the script twice).
 * Order matters: <civic-config>, the context provider, is defined before the widgets that consume
 * it, so that widgets already in the page find their provider when they upgrade.
 */
import { CivicConfig } from './components/config/config.js';
import { CivicVote } from './components/vote/vote.js';
import { CivicPetition } from './components/petition/petition.js';
import { CivicSurvey } from './components/survey/survey.js';
import { CivicComments } from './components/comments/comments.js';
import { CivicCommentCount } from './components/comments/count.js';
import { CivicMapReport } from './components/map-report/map-report.js';

CivicConfig.define();
CivicPetition.define();
CivicVote.define();
CivicSurvey.define();
CivicComments.define();
CivicCommentCount.define();
CivicMapReport.define();
