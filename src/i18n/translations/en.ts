import { plural } from '../plural.js';

/**
 * English interface strings. This file defines the set of keys: every other locale must give the
 * same keys (the type checker says which are missing). Organisers' own texts are not here: they come
 * with each definition as LocalizedText.
 */
export const en = {
  // shared states
  loading: 'Loading…',
  retry: 'Try again',
  submit: 'Send',
  submitting: 'Sending…',
  required: 'required',
  errorSummaryTitle: 'There is a problem',
  /** One line of an error summary: the field's label and what is wrong. */
  fieldError: (label: string, message: string) => `${label}: ${message}`,
  errorSummaryIntro: (n: number) => plural('en', n, { one: 'Please correct the following answer:', other: 'Please correct the following {n} answers:' }),
  queued: 'No connection right now. Your answer is saved on this device and will be sent automatically as soon as the connection returns.',
  synced: 'Your answer saved on this device has now been sent.',
  scheduled: (date: string) => `This opens on ${date}.`,
  closedOn: (date: string) => `This closed on ${date}.`,
  closed: 'This is closed.',
  closesOn: (date: string) => `Open until ${date}.`,
  offlineCopy: 'You are offline: this is the version saved on this device. What you send will be delivered when the connection returns.',
  // errors the resident sees
  'error.offline': 'You seem to be offline. Check your connection and try again.',
  'error.timeout': 'The server is taking too long to answer. Please try again in a moment.',
  'error.rate_limited': (seconds: number) => plural('en', seconds, { one: 'Too many attempts from this connection. Please try again in {n} second.', other: 'Too many attempts from this connection. Please try again in {n} seconds.' }),
  'error.server': 'The server had a problem. Your answer is not lost: try again in a moment.',
  'error.missing_part': 'Part of this widget could not be downloaded. The site must serve the whole civic-widgets folder, chunks/ included.',
  'error.bad_response': 'The server sent an answer this page cannot read. Please try again later.',
  'error.not_found': 'This content does not exist (any more) on the server.',
  'error.closed': 'This is closed: no more answers are accepted.',
  'error.not_open': 'This is not open yet.',
  'error.already_submitted': 'An answer was already sent from this device.',
  'error.conflict': 'This answer conflicts with one already received.',
  'error.validation': 'Some answers need to be corrected.',
  'error.too_large': 'What you sent is too large.',
  'error.unauthorized': 'Access refused.',
  'error.bad_request': 'The request was refused by the server.',
  'error.results_hidden': 'Results are not public yet.',
  // field problems
  'field.required': 'This answer is required.',
  'field.too_few': (min: number) => plural('en', min, { one: 'Choose at least {n} option.', other: 'Choose at least {n} options.' }),
  'field.too_many': (max: number) => plural('en', max, { one: 'Choose at most {n} option.', other: 'Choose at most {n} options.' }),
  'field.invalid': 'This answer is not valid.',
  // configuration problems, for the webmaster
  'config.title': 'This widget is not configured correctly',
  'config.missingEndpoint': (tag: string) => `The <${tag}> element has no endpoint. Add endpoint="https://…/api" to it, or put it inside a <civic-config endpoint="…"> element.`,
  'config.badEndpoint': (tag: string, value: string) => `The endpoint "${value}" of <${tag}> is not a valid URL. Use the address of the API, for example https://town.example/api.`,
  'config.missingId': (tag: string, attribute: string) => `The <${tag}> element has no ${attribute} attribute. Add ${attribute}="…" with the identifier given by your back office.`,
  'config.unknownWidget': (name: string, known: string) => `data-civic-widget="${name}" names no civic-widgets widget. Use one of: ${known}.`,
  'config.unknownId': (tag: string, attribute: string, value: string) => `The server knows no content with ${attribute}="${value}". Check the ${attribute} attribute of <${tag}>.`,
  'config.unreachable': (endpoint: string) => `The server ${endpoint} cannot be reached. Check the endpoint attribute, or that the server allows this site (CORS).`,
  'config.badMode': (tag: string, value: string, known: string) => `mode="${value}" of <${tag}> is not a mode it knows (${known}). Write mode="assisted" for a mediator's terminal, or remove the attribute.`,
  'config.badResetAfter': (tag: string, value: string) => `reset-after="${value}" of <${tag}> is not a number of minutes. Write for example reset-after="3" (0 turns the automatic clearing off).`,
  'config.badMediator': (tag: string) => `The mediator code of <${tag}> is too long or holds control characters: use at most 64 characters, for example mediator="FS-Lyon-3".`,
  // vote
  'vote.chooseOne': 'Choose one answer.',
  'vote.chooseRange': (min: number, max: number) => (min === max ? plural('en', min, { one: 'Choose {n} answer.', other: 'Choose {n} answers.' }) : `Choose ${min} to ${max} answers.`),
  'vote.chooseUpTo': (max: number) => plural('en', max, { one: 'Choose up to {n} answer.', other: 'Choose up to {n} answers.' }),
  'vote.submit': 'Vote',
  'vote.thanks': 'Thank you, your vote has been counted.',
  'vote.alreadyVoted': 'You have already voted from this device.',
  'vote.resultsTitle': 'Results',
  'vote.resultsAfterClose': (date: string) => `Results will be published when the vote closes, on ${date}.`,
  'vote.resultsAfterCloseNoDate': 'Results will be published when the vote closes.',
  'vote.ballots': (n: number) => plural('en', n, { zero: 'No votes yet', one: '{n} vote', other: '{n} votes' }),
  'vote.count': (n: number) => plural('en', n, { one: '{n} vote', other: '{n} votes' }),
  'vote.edit': 'Change my choice',
  'vote.review': 'Review my choice',
  'vote.reviewTitle': 'Review your choice',
  'vote.reviewChoices': 'Check your choice below, then confirm your vote. You can still change it.',
  'vote.yourChoices': 'Your choices:',
  'vote.optionResult': (label: string, percent: string, votes: string) => `${label}: ${percent} (${votes})`,
  'vote.yourChoice': 'your choice',
  'vote.queued': 'No connection right now. Your vote is saved on this device and will be sent automatically as soon as the connection returns.',
  'vote.rateLimited': (seconds: number) =>
    seconds > 90
      ? plural('en', Math.ceil(seconds / 60), { one: 'Many votes are coming from your connection right now. Yours is saved on this device and will be sent automatically in about {n} minute.', other: 'Many votes are coming from your connection right now. Yours is saved on this device and will be sent automatically in about {n} minutes.' })
      : plural('en', seconds, { one: 'Many votes are coming from your connection right now. Yours is saved on this device and will be sent automatically in {n} second.', other: 'Many votes are coming from your connection right now. Yours is saved on this device and will be sent automatically in {n} seconds.' }),
  'vote.synced': 'Your vote saved on this device has been sent and counted.',
  'vote.closedNoResults': 'This vote is closed.',
  'vote.rejectedLater': (reason: string) => `Your vote saved on this device could not be counted: ${reason}`,
  // vote: ballots by origin (issue 5; the ranked, budget, code and eligibility strings live in their lazy chunks)
  'vote.byOrigin': 'Ballots by origin',
  'vote.originCol': 'Origin',
  'vote.ballotsCol': 'Ballots',
  'vote.origin.total': 'Total',
  'vote.origin.web': 'Online',
  'vote.origin.paper': 'Paper',
  'vote.origin.booth': 'Polling booth',
  'vote.origin.assisted': 'Assisted',
};

export type Messages = typeof en;
export type MessageKey = keyof Messages;
