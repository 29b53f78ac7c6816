/** OpenAPI 3.1 of the civic-widgets protocol, generated from the zod schemas (never by hand). */
import { z } from 'zod/mini';
import * as S from '../src/api/schemas.js';
import { KINDS, IDEMPOTENCY_HEADER, type Kind } from '../src/api/schemas.js';
import { PaperResponses, TallySubmission } from './admin-schemas.js';
import * as CommentAdmin from './comment-admin-schemas.js';
import { noJsPaths } from './nojs/openapi.js';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const PASCAL: Record<Kind, string> = { vote: 'Vote', survey: 'Survey', petition: 'Petition', 'map-report': 'MapReport', comments: 'Thread' };
const SUBMISSION_NAME: Record<Kind, string> = {
  vote: 'BallotSubmission', survey: 'SurveyResponse', petition: 'SignatureSubmission', 'map-report': 'ReportSubmission', comments: 'CommentSubmission',
};

function components(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  const named: Record<string, unknown> = { ...S, ...CommentAdmin, TallySubmission, PaperResponses };
  for (const name of Object.keys(named).sort()) {
    const value = named[name];
    if (value && typeof value === 'object' && '_zod' in value && name !== 'KINDS') {
      registry.add(value as z.ZodMiniType, { id: name });
    }
  }
  const out = z.toJSONSchema(registry, { io: 'input', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Json> };
  const schemas: Record<string, Json> = {};
  for (const name of Object.keys(out.schemas).sort()) {
    const { $schema: _s, $id: _i, ...rest } = out.schemas[name]!;
    schemas[name] = rest;
  }
  schemas.Health = { type: 'object', properties: { ok: { const: true } }, required: ['ok'] };
  schemas.CodeRequest = {
    type: 'object', properties: { count: { type: 'integer', minimum: 1, maximum: 10000 }, district: ref('Id') }, required: ['count'],
  };
  schemas.CodeBatch = {
    type: 'object', required: ['codes'],
    properties: { codes: { type: 'array', items: { type: 'string', pattern: '^[2-9A-HJKMNP-Z]{10}$' }, description: 'Shown once: only their hashes are kept' } },
  };
  schemas.CodeCounts = {
    type: 'object', required: ['voteId', 'issued', 'used', 'byDistrict'],
    properties: {
      voteId: ref('Id'), issued: { type: 'integer' }, used: { type: 'integer' },
      byDistrict: {
        type: 'array',
        items: { type: 'object', required: ['district', 'issued', 'used'], properties: { district: { type: ['string', 'null'] }, issued: { type: 'integer' }, used: { type: 'integer' } } },
      },
    },
  };
  schemas.TallyResult = { type: 'object', properties: { added: { type: 'integer' }, results: ref('VoteResults') }, required: ['added', 'results'] };
  schemas.AdminList = {
    type: 'object',
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: ref('Id'), kind: { type: 'string' }, phase: ref('Phase'), submissions: { type: 'integer' },
            createdAt: ref('DateTime'), updatedAt: ref('DateTime'), definition: { type: 'object' },
          },
          required: ['id', 'kind', 'phase', 'submissions', 'createdAt', 'updatedAt', 'definition'],
        },
      },
    },
    required: ['items'],
  };
  schemas.SubmissionExport = {
    type: 'object',
    properties: {
      kind: { type: 'string' },
      id: ref('Id'),
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: { type: 'string' }, receivedAt: ref('DateTime'), origin: ref('Origin'),
            mediator: { ...ref('MediatorCode'), description: 'The mediator\'s code, for an assisted submission that gave one' },
            status: { type: 'string', enum: ['accepted', 'pending', 'rejected'] }, payload: { type: 'object' },
          },
          required: ['id', 'receivedAt', 'origin', 'status', 'payload'],
        },
      },
    },
    required: ['kind', 'id', 'items'],
  };
  schemas.ChannelCounts = {
    type: 'object', required: ['kind', 'id', 'byOrigin', 'byMediator'],
    properties: {
      kind: { type: 'string' }, id: ref('Id'),
      byOrigin: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Accepted submissions per origin (web, paper, booth, assisted; 0 included). A vote\'s tally counts its ballots' },
      byMediator: {
        type: 'array', description: 'Accepted assisted submissions per mediator\'s code (null: no code given), largest first',
        items: { type: 'object', required: ['mediator', 'count'], properties: { mediator: { type: ['string', 'null'] }, count: { type: 'integer' } } },
      },
    },
  };
  return schemas;
}

const json = (schema: Json) => ({ 'application/json': { schema } });
const ok = (description: string, name: string) => ({ description, content: json(ref(name)) });
const err = (description: string) => ({ description, content: json(ref('ApiErrorBody')) });
const retryHeader = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } };
const rateLimited = { description: 'Too many requests (`rate_limited`)', headers: retryHeader, content: json(ref('ApiErrorBody')) };
const idParam = { name: 'id', in: 'path', required: true, schema: ref('Id') };
const idemParam = {
  name: IDEMPOTENCY_HEADER, in: 'header', required: true, schema: ref('Token'),
  description: 'A random token per submission, reused on retries: the server stores the submission once and answers the same receipt.',
};
const admin = [{ adminToken: [] }];

export function buildOpenApi(): Json {
  const paths: Record<string, Json> = {
    '/health': { get: { operationId: 'health', summary: 'Liveness', responses: { 200: ok('Up', 'Health') } } },
    '/openapi.json': { get: { operationId: 'openapi', summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1 document', content: json({ type: 'object' }) } } } },
  };
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const { path, submissions } = KINDS[kind];
    const P = PASCAL[kind];
    const receipt = kind === 'vote' ? 'BallotReceipt' : kind === 'map-report' ? 'ReportReceipt' : 'Receipt';
    paths[`/${path}/{id}`] = {
      get: {
        operationId: `get${P}`, tags: [kind], summary: `A ${kind} definition with its phase and the server time`,
        parameters: [idParam],
        responses: { 200: ok('The definition', `${P}Definition`), 404: err('Unknown id (`not_found`)'), 429: rateLimited },
      },
    };
    paths[`/${path}/{id}/${submissions}`] = {
      post: {
        operationId: `submit${P}`, tags: [kind], summary: `Submit to a ${kind} (idempotent)`,
        parameters: [idParam, idemParam],
        requestBody: { required: true, content: json(ref(SUBMISSION_NAME[kind])) },
        responses: {
          200: ok('Replay of an already stored submission (`duplicate: true`)', receipt),
          201: ok('Stored', receipt),
          400: err('Missing/invalid Idempotency-Key or malformed JSON (`bad_request`), invalid body (`validation`)'),
          404: err('Unknown id (`not_found`)'),
          409: err('`not_open`, `closed`, `already_submitted` (one per device, or a used invitation code) or `conflict` (key reused with another payload)'),
          413: err(`Body too large (\`payload_too_large\`): ${kind === 'map-report' ? '12 MiB' : '64 KiB'}`),
          415: err('Not application/json (`unsupported_media_type`)'),
          429: rateLimited,
          500: err('`server_error`'),
        },
      },
    };
    paths[`/admin/${path}`] = {
      get: { operationId: `adminList${P}`, tags: ['admin'], security: admin, summary: `List ${kind} definitions`, responses: { 200: ok('The list', 'AdminList'), 401: err('`unauthorized`') } },
    };
    paths[`/admin/${path}/{id}`] = {
      put: {
        operationId: `adminPut${P}`, tags: ['admin'], security: admin, summary: `Create or replace a ${kind} definition`,
        parameters: [idParam], requestBody: { required: true, content: json(ref(`${P}DefinitionInput`)) },
        responses: {
          200: ok('Replaced', `${P}Definition`), 201: ok('Created', `${P}Definition`),
          400: err('`validation` (also when the body id differs from the URL)'), 401: err('`unauthorized`'),
          409: err('`conflict`: a vote that has opened cannot change its rules (method, options, min/max, ranking, budget, access, eligibility) nor a past date'),
          413: err('`payload_too_large`'), 415: err('`unsupported_media_type`'),
        },
      },
      delete: {
        operationId: `adminDelete${P}`, tags: ['admin'], security: admin, summary: `Delete a ${kind} and its submissions`, parameters: [idParam],
        responses: { 204: { description: 'Deleted' }, 401: err('`unauthorized`'), 404: err('`not_found`') },
      },
    };
    paths[`/admin/${path}/{id}/channels`] = {
      get: {
        operationId: `adminChannels${P}`, tags: ['admin'], security: admin,
        summary: `How many accepted ${kind} submissions each channel brought: per origin, and assisted ones per mediator's code`,
        parameters: [idParam],
        responses: { 200: ok('The counts', 'ChannelCounts'), 401: err('`unauthorized`'), 404: err('`not_found`') },
      },
    };
    paths[`/admin/${path}/{id}/submissions`] = {
      get: {
        operationId: `adminExport${P}`, tags: ['admin'], security: admin, summary: `Export the ${kind} submissions (no IP hashes)`, parameters: [idParam],
        responses: { 200: ok('The submissions', 'SubmissionExport'), 401: err('`unauthorized`'), 404: err('`not_found`') },
      },
    };
  }
  paths['/votes/{id}/results'] = {
    get: {
      operationId: 'getVoteResults', tags: ['vote'], summary: 'The tally, when visible',
      parameters: [idParam, { name: 'voter', in: 'query', required: false, schema: ref('Token'), description: 'The deviceToken that voted (for `after-vote` visibility)' }],
      responses: { 200: ok('The results', 'VoteResults'), 403: err('`results_hidden`'), 404: err('`not_found`'), 429: rateLimited },
    },
  };
  paths['/admin/votes/{id}/tallies'] = {
    post: {
      operationId: 'adminAddTallies', tags: ['admin'], security: admin,
      summary: 'Add paper or booth ballots (validated like web ballots), or counts per option for single/multiple/budget votes (counted by origin)',
      parameters: [idParam, { ...idemParam, required: false, description: 'Optional: the same key never adds the same batch twice' }],
      requestBody: { required: true, content: json(ref('TallySubmission')) },
      responses: { 200: ok('Batch already added', 'TallyResult'), 201: ok('Added', 'TallyResult'), 400: err('`validation`'), 401: err('`unauthorized`'), 404: err('`not_found`') },
    },
  };
  paths['/admin/votes/{id}/codes'] = {
    post: {
      operationId: 'adminIssueVoteCodes', tags: ['admin'], security: admin, summary: 'Issue invitation codes for a vote with `access: codes` (shown once)',
      parameters: [idParam], requestBody: { required: true, content: json(ref('CodeRequest')) },
      responses: { 201: ok('The new codes', 'CodeBatch'), 400: err('`validation`'), 401: err('`unauthorized`'), 404: err('`not_found`'), 409: err('`conflict`: the vote is not `access: codes`') },
    },
    get: {
      operationId: 'adminVoteCodeCounts', tags: ['admin'], security: admin, summary: 'Invitation codes issued and used, per district', parameters: [idParam],
      responses: { 200: ok('The counts', 'CodeCounts'), 401: err('`unauthorized`'), 404: err('`not_found`') },
    },
  };
  const csv = (description: string) => ({ description, content: { 'text/csv': { schema: { type: 'string' } } } });
  paths['/admin/votes/{id}/export/results.csv'] = {
    get: {
      operationId: 'adminExportVoteResults', tags: ['admin'], security: admin, summary: 'Results per option, per origin and per counting rule (CSV)', parameters: [idParam],
      responses: { 200: csv('One row per option, then a #ballots row'), 401: err('`unauthorized`'), 404: err('`not_found`') },
    },
  };
  paths['/admin/votes/{id}/export/ballots.csv'] = {
    get: {
      operationId: 'adminExportVoteBallots', tags: ['admin'], security: admin, summary: 'Anonymous ballots (day, origin, choices, eligibility answers; CSV)', parameters: [idParam],
      responses: { 200: csv('One row per stored ballot; counts imported as totals are not ballots'), 401: err('`unauthorized`'), 404: err('`not_found`') },
    },
  };
  paths['/admin/votes/{id}/export/pabulib.pb'] = {
    get: {
      operationId: 'adminExportVotePabulib', tags: ['admin'], security: admin, summary: 'A budget vote in the Pabulib format (META, PROJECTS, VOTES)', parameters: [idParam],
      responses: {
        200: { description: 'The .pb file', content: { 'text/plain': { schema: { type: 'string' } } } },
        401: err('`unauthorized`'), 404: err('`not_found`'), 409: err('`conflict`: not a budget vote'),
      },
    },
  };
  /* ---------------------------------------------------------- surveys (server/surveys.ts) */
  const byOrigin = { type: 'object', additionalProperties: { type: 'integer' }, description: 'Accepted responses per origin' };
  paths['/surveys/{id}/results'] = {
    get: {
      operationId: 'getSurveyResults', tags: ['survey'], summary: 'Aggregated answers, when the organiser published them (`resultsPublished`)',
      description: 'Counts per option, yes/no, scale value and matrix cell, mean ranking positions, number statistics; free texts only for questions with `publishText` (newest first, at most 200). Accepted responses only.',
      parameters: [idParam, { name: 'origin', in: 'query', required: false, schema: ref('Origin'), description: 'Only the responses of this origin (web, paper…)' }],
      responses: { 200: ok('The results', 'SurveyResults'), 400: err('Unknown origin (`validation`)'), 403: err('`results_hidden`: not published'), 404: err('`not_found`'), 429: rateLimited },
    },
  };
  paths['/admin/surveys/{id}/responses.csv'] = {
    get: {
      operationId: 'adminExportSurveyResponsesCsv', tags: ['admin'], security: admin,
      summary: 'Accepted responses, one row each: id, received_at (day), origin, then one column per question id (`q.row` per matrix row, `q.other` for other texts), contact columns only when the survey asks for contact (CSV, UTF-8 BOM)',
      parameters: [idParam],
      responses: { 200: csv('One row per accepted response; cells starting with = + - @ are prefixed with \''), 401: err('`unauthorized`'), 404: err('`not_found`') },
    },
  };
  paths['/admin/surveys/{id}/responses.json'] = {
    get: {
      operationId: 'adminExportSurveyResponsesJson', tags: ['admin'], security: admin, summary: 'Accepted responses with the survey’s questions (JSON)',
      parameters: [idParam],
      responses: {
        200: {
          description: 'The survey, its questions (id, type, label, options/rows/columns) and the responses (day only)',
          content: json({
            type: 'object', required: ['survey', 'questions', 'responses'],
            properties: {
              survey: { type: 'object', required: ['id', 'title'], properties: { id: ref('Id'), title: ref('LocalizedText') } },
              questions: { type: 'array', items: { type: 'object', required: ['id', 'type', 'label'], properties: { id: ref('Id'), type: { type: 'string' }, label: ref('LocalizedText') } } },
              responses: {
                type: 'array',
                items: {
                  type: 'object', required: ['id', 'receivedAt', 'origin', 'answers'],
                  properties: {
                    id: { type: 'string' }, receivedAt: { type: 'string', format: 'date' }, origin: ref('Origin'),
                    answers: { type: 'object', additionalProperties: ref('AnswerValue') },
                    other: { type: 'object', additionalProperties: { type: 'string' } },
                    contact: { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string' } } },
                  },
                },
              },
            },
          }),
        },
        401: err('`unauthorized`'), 404: err('`not_found`'),
      },
    },
  };
  paths['/admin/surveys/{id}/paper'] = {
    post: {
      operationId: 'adminAddPaperResponses', tags: ['admin'], security: admin, summary: 'Add responses typed in from paper forms (checked like web responses), origin `paper`',
      parameters: [idParam, { ...idemParam, required: false, description: 'Optional: the same key never adds the same batch twice' }],
      requestBody: { required: true, content: json(ref('PaperResponses')) },
      responses: {
        200: { description: 'Batch already added', content: json({ type: 'object', required: ['added', 'byOrigin'], properties: { added: { type: 'integer' }, byOrigin } }) },
        201: { description: 'Added', content: json({ type: 'object', required: ['added', 'byOrigin'], properties: { added: { type: 'integer' }, byOrigin } }) },
        400: err('`validation`: issues at ["responses", i, "answers", questionId]; nothing of the batch is stored'), 401: err('`unauthorized`'), 404: err('`not_found`'),
        413: err('`payload_too_large`: over 2 MiB'),
      },
    },
  };
  /* ---------------------------------------------------------- petitions (server/petitions.ts) */
  const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
  const tokenQuery = { name: 'token', in: 'query', required: true, schema: { type: 'string' }, description: 'The secret of the signature, from the confirmation mail' };
  const langQuery = { name: 'lang', in: 'query', required: false, schema: { type: 'string' }, description: 'Language of the page (else Accept-Language)' };
  const countResult = (extra: Json, required: string[]) => ({ type: 'object', properties: { ...extra, count: ref('SignatureCount') }, required: [...required, 'count'] });
  paths['/petitions/{id}/events'] = {
    get: {
      operationId: 'petitionEvents', tags: ['petition'], summary: 'The live count as server-sent events',
      description:
        'An event `count` (data: SignatureCount) at once, then whenever a signature is confirmed, withdrawn, invalidated or added on paper through this server instance; ' +
        'a comment line `: heartbeat` every 25 s. Widgets also poll the definition (changes made through other instances).',
      parameters: [idParam],
      responses: { 200: { description: 'The stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, 404: err('`not_found`'), 429: rateLimited },
    },
  };
  paths['/petitions/{id}/challenge'] = {
    get: {
      operationId: 'petitionChallenge', tags: ['petition'], summary: 'A proof-of-work challenge, for a petition whose definition has `pow`',
      description: 'Find a nonce such that SHA-256(`challenge:nonce`) starts with `difficulty` zero bits, and send `pow: { challenge, nonce }` with the signature. Each challenge signs once, before `expiresAt`.',
      parameters: [idParam],
      responses: { 200: ok('The challenge', 'PowChallenge'), 404: err('`not_found`: no such petition, or it asks for no proof of work'), 429: rateLimited },
    },
  };
  paths['/petitions/{id}/signers'] = {
    get: {
      operationId: 'petitionSigners', tags: ['petition'], summary: 'The latest signers who chose to appear publicly',
      description:
        'Confirmed web signatures (not withdrawn, invalidated nor erased) whose signer chose `initial` ("Marie D.") or `full`, newest first, with the day of confirmation. ' +
        'Never an e-mail, address or postcode. Empty when the petition\'s `publicNames` is not true.',
      parameters: [idParam, { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } }],
      responses: { 200: ok('The signers and how many there are', 'PetitionSigners'), 404: err('`not_found`'), 429: rateLimited },
    },
  };
  paths['/petitions/{id}/confirm'] = {
    get: {
      operationId: 'confirmSignature', tags: ['petition'], summary: 'The link in the confirmation mail: counts the signature (double opt-in)',
      parameters: [idParam, tokenQuery, langQuery],
      responses: {
        200: html('Counted (or already counted), with a link back to the page the resident signed on'),
        404: html('Unknown or invalidated link'), 409: html('The petition is not open'), 410: html('The signature was withdrawn'),
      },
    },
  };
  paths['/petitions/{id}/withdraw'] = {
    get: {
      operationId: 'askWithdrawSignature', tags: ['petition'], summary: 'The withdrawal link in the mail: a page that asks (mail scanners follow links)',
      parameters: [idParam, tokenQuery, langQuery],
      responses: { 200: html('A form that POSTs the withdrawal'), 404: html('Unknown link, or nothing to withdraw'), 409: html('The petition is not open') },
    },
    post: {
      operationId: 'withdrawSignature', tags: ['petition'], summary: 'Withdraws the signature while the petition is open',
      parameters: [idParam, langQuery],
      requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { token: { type: 'string' } }, required: ['token'] } } } },
      responses: { 200: html('Withdrawn'), 404: html('Unknown link, or nothing to withdraw'), 409: html('The petition is not open') },
    },
  };
  paths['/admin/petitions/{id}/paper'] = {
    post: {
      operationId: 'adminAddPaperSignatures', tags: ['admin'], security: admin, summary: 'Add signatures collected on paper (a count or a list), origin `paper`',
      parameters: [idParam, { ...idemParam, required: false, description: 'Optional: the same key never adds the same batch twice' }],
      requestBody: { required: true, content: json(ref('PaperSignatures')) },
      responses: {
        200: { description: 'Batch already added', content: json(countResult({ added: { type: 'integer' } }, ['added'])) },
        201: { description: 'Added', content: json(countResult({ added: { type: 'integer' } }, ['added'])) },
        400: err('`validation`'), 401: err('`unauthorized`'), 404: err('`not_found`'),
      },
    },
  };
  paths['/admin/petitions/{id}/export.csv'] = {
    get: {
      operationId: 'adminExportSignatures', tags: ['admin'], security: admin, summary: 'Confirmed signatures (origin, confirmation date and the profile’s fields only; CSV)', parameters: [idParam],
      responses: { 200: csv('One row per confirmed signature with personal data'), 401: err('`unauthorized`'), 404: err('`not_found`') },
    },
  };
  paths['/admin/petitions/{id}/bursts'] = {
    get: {
      operationId: 'adminSignatureBursts', tags: ['admin'], security: admin, summary: 'Suspicious bursts: online signatures per minute and IP hash or e-mail domain',
      parameters: [
        idParam,
        { name: 'by', in: 'query', required: false, schema: { type: 'string', enum: ['ip', 'domain'], default: 'ip' } },
        { name: 'min', in: 'query', required: false, schema: { type: 'integer', minimum: 1, default: 5 }, description: 'Smallest burst listed' },
      ],
      responses: {
        200: {
          description: 'At most 200 bursts, largest first',
          content: json({
            type: 'object', required: ['by', 'min', 'items'],
            properties: {
              by: { type: 'string', enum: ['ip', 'domain'] }, min: { type: 'integer' },
              items: {
                type: 'array',
                items: {
                  type: 'object', required: ['minute', 'key', 'signatures', 'pending', 'accepted', 'flagged'],
                  properties: {
                    minute: ref('DateTime'), key: { type: 'string', description: 'The IP hash or the e-mail domain' },
                    signatures: { type: 'integer' }, pending: { type: 'integer' }, accepted: { type: 'integer' }, flagged: { type: 'integer' },
                  },
                },
              },
            },
          }),
        },
        401: err('`unauthorized`'), 404: err('`not_found`'),
      },
    },
  };
  paths['/admin/petitions/{id}/invalidate'] = {
    post: {
      operationId: 'adminInvalidateSignatures', tags: ['admin'], security: admin, summary: 'Invalidate online signatures in bulk: by ids, or by IP hash or e-mail domain over a period',
      parameters: [idParam],
      requestBody: {
        required: true,
        content: json({
          oneOf: [
            { type: 'object', required: ['ids'], properties: { ids: { type: 'array', items: { type: 'string' } } } },
            {
              type: 'object', required: ['by', 'key'],
              properties: { by: { type: 'string', enum: ['ip', 'domain'] }, key: { type: 'string' }, from: ref('DateTime'), to: ref('DateTime') },
            },
          ],
        }),
      },
      responses: { 200: { description: 'Invalidated', content: json(countResult({ invalidated: { type: 'integer' } }, ['invalidated'])) }, 400: err('`validation`'), 401: err('`unauthorized`'), 404: err('`not_found`') },
    },
  };
  const emailQuery = { name: 'email', in: 'query', required: true, schema: { type: 'string', format: 'email' } };
  paths['/admin/signers'] = {
    get: {
      operationId: 'adminExportSigner', tags: ['admin'], security: admin, summary: 'One signer’s signatures and data, across petitions (right of access)', parameters: [emailQuery],
      responses: {
        200: {
          description: 'The signatures',
          content: json({
            type: 'object', required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object', required: ['id', 'petitionId', 'origin', 'status', 'receivedAt', 'data'],
                  properties: { id: { type: 'string' }, petitionId: ref('Id'), origin: ref('Origin'), status: { type: 'string' }, receivedAt: ref('DateTime'), data: { type: 'object' } },
                },
              },
            },
          }),
        },
        400: err('`validation`'), 401: err('`unauthorized`'),
      },
    },
    delete: {
      operationId: 'adminEraseSigner', tags: ['admin'], security: admin, summary: 'Erase one signer’s personal data, across petitions (counts remain)', parameters: [emailQuery],
      responses: { 200: { description: 'Erased', content: json({ type: 'object', properties: { erased: { type: 'integer' } }, required: ['erased'] }) }, 400: err('`validation`'), 401: err('`unauthorized`') },
    },
  };
  paths['/admin/petitions-retention'] = {
    post: {
      operationId: 'adminRunPetitionRetention', tags: ['admin'], security: admin, summary: 'Run the retention job now (it also runs at start and daily)',
      responses: {
        200: {
          description: 'Petitions whose signers’ data was erased',
          content: json({ type: 'object', properties: { petitions: { type: 'array', items: ref('Id') }, erased: { type: 'integer' } }, required: ['petitions', 'erased'] }),
        },
        401: err('`unauthorized`'),
      },
    },
  };
  /* ---------------------------------------------------------- map reports (server/map-reports.ts, open311.ts) */
  const ridParam = { name: 'rid', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{1,18}$' }, description: 'The report’s `service_request_id`' };
  paths['/map-reports/{id}/requests'].post = {
    ...(paths['/map-reports/{id}/requests'].post as Json),
    description:
      'JSON with photos as `data:` URLs, or `multipart/form-data` (the no-JS form: Open311 field names, `attribute[code]` / `attribute[code][]`, photos as files named `media`, ' +
      'the key as a field `idempotency_key`). Photos are typed by their bytes (JPEG, PNG, WebP) and stripped of metadata. Field issues: `unknown_option` (service_code, landmark, attribute values), ' +
      '`required` (location at ["lat"], attributes, email with subscribe), `out_of_bounds`, `invalid_type`/`invalid_format`/`unknown_field` for attributes, `too_many` photos.',
    requestBody: {
      required: true,
      content: {
        ...json(ref('ReportSubmission')),
        'multipart/form-data': { schema: { type: 'object', properties: { service_code: { type: 'string' }, media: { type: 'array', items: { type: 'string', format: 'binary' } } }, additionalProperties: true } },
      },
    },
    responses: {
      ...((paths['/map-reports/{id}/requests'].post as Json).responses as Json),
      413: err('`payload_too_large`: body over 12 MiB, or a photo over CIVIC_PHOTO_MAX_BYTES (`fields` at ["media", i])'),
      415: err('`unsupported_media_type`: not JSON/multipart, or a photo that is not a JPEG, PNG or WebP by its bytes (`fields` at ["media", i])'),
    },
  };
  paths['/map-reports/{id}/requests'].get = {
    operationId: 'listMapReports', tags: ['map-report'], summary: 'Public reports: newest first, or nearest first around lat/long; markers only with fields=min',
    description: 'Never contact data; `name` only when the reporter chose it. `status=open` means open, acknowledged and in_progress; `closed` fixed and not_ours.',
    parameters: [
      idParam,
      { name: 'service_code', in: 'query', required: false, schema: { type: 'string' }, description: 'One or a comma list' },
      { name: 'status', in: 'query', required: false, schema: { type: 'string' }, description: 'Comma list of statuses, or open / closed' },
      { name: 'lat', in: 'query', required: false, schema: { type: 'number' } },
      { name: 'long', in: 'query', required: false, schema: { type: 'number' } },
      { name: 'radius', in: 'query', required: false, schema: { type: 'number', minimum: 1, maximum: 50000 }, description: 'Metres around lat/long (default the definition’s nearbyRadius, 150)' },
      { name: 'bbox', in: 'query', required: false, schema: { type: 'string' }, description: 'west,south,east,north' },
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 5000 }, description: 'Default 100, or 5000 with fields=min' },
      { name: 'fields', in: 'query', required: false, schema: { type: 'string', enum: ['min'] } },
    ],
    responses: {
      200: { description: 'The reports (ReportList), or markers (ReportMarkerList) with fields=min', content: json({ oneOf: [ref('ReportList'), ref('ReportMarkerList')] }) },
      400: err('`validation`: a bad parameter'), 404: err('`not_found`'), 429: rateLimited,
    },
  };
  paths['/map-reports/{id}/requests/{rid}'] = {
    get: {
      operationId: 'getMapReport', tags: ['map-report'], summary: 'One public report with its updates', parameters: [idParam, ridParam],
      responses: { 200: ok('The report', 'PublicReport'), 404: err('`not_found`'), 429: rateLimited },
    },
  };
  paths['/map-reports/{id}/requests/{rid}/support'] = {
    post: {
      operationId: 'supportMapReport', tags: ['map-report'], summary: '"Me too": one support per device and report (instead of a duplicate report)', parameters: [idParam, ridParam],
      requestBody: { required: true, content: json(ref('SupportSubmission')) },
      responses: { 200: ok('This device already supported it (`duplicate: true`)', 'SupportReceipt'), 201: ok('Counted', 'SupportReceipt'), 400: err('`validation`'), 404: err('`not_found`'), 429: rateLimited },
    },
  };
  paths['/media/{mediaId}'] = {
    get: {
      operationId: 'getMedia', tags: ['map-report'], summary: 'A report photo (the `media_url`): type from its bytes, cached for a year',
      parameters: [{ name: 'mediaId', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'The photo, without metadata', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } }, 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/webp': { schema: { type: 'string', format: 'binary' } } } },
        404: err('`not_found`'),
      },
    },
  };
  const reportToken = { ...tokenQuery, description: 'The secret from the mail' };
  paths['/map-reports/{id}/subscription/confirm'] = {
    get: {
      operationId: 'confirmMapReportSubscription', tags: ['map-report'], summary: 'The link in the confirmation mail: e-mail updates on (double opt-in)',
      parameters: [idParam, reportToken, langQuery], responses: { 200: html('Confirmed'), 404: html('Unknown or unsubscribed link') },
    },
  };
  paths['/map-reports/{id}/subscription/unsubscribe'] = {
    get: {
      operationId: 'askUnsubscribeMapReport', tags: ['map-report'], summary: 'The link in each update mail: a page that asks (mail scanners follow links)',
      parameters: [idParam, reportToken, langQuery], responses: { 200: html('A form that POSTs the unsubscription'), 404: html('Unknown link') },
    },
    post: {
      operationId: 'unsubscribeMapReport', tags: ['map-report'], summary: 'No more mails about this report', parameters: [idParam, langQuery],
      requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { token: { type: 'string' } }, required: ['token'] } } } },
      responses: { 200: html('Unsubscribed'), 404: html('Unknown link') },
    },
  };
  paths['/admin/map-reports/{id}/requests/{rid}/updates'] = {
    post: {
      operationId: 'adminPostMapReportUpdate', tags: ['admin'], security: admin, summary: 'A public update (status, text or both); confirmed subscribers are mailed',
      parameters: [idParam, ridParam], requestBody: { required: true, content: json(ref('ReportUpdateInput')) },
      responses: { 201: ok('The report after the update (header X-Mails-Sent)', 'PublicReport'), 400: err('`validation`'), 401: err('`unauthorized`'), 404: err('`not_found`') },
    },
  };
  paths['/admin/map-reports/{id}/requests'] = {
    get: {
      operationId: 'adminListMapReports', tags: ['admin'], security: admin, summary: 'Every report (also rejected ones) with its contact data, subscribers and forwarding state',
      parameters: [idParam],
      responses: {
        200: {
          description: 'Newest first',
          content: json({
            type: 'object', required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  allOf: [ref('PublicReport')],
                  type: 'object', required: ['id', 'listed', 'submissionStatus', 'payload', 'subscribers'],
                  properties: {
                    id: { type: 'string' }, listed: { type: 'boolean' }, submissionStatus: { type: 'string', enum: ['accepted', 'rejected'] },
                    payload: { type: 'object', description: 'What the reporter sent (photos as media ids)' }, subscribers: { type: 'integer' },
                    forward: {
                      type: 'object', required: ['state', 'attempts'],
                      properties: {
                        state: { type: 'string', enum: ['pending', 'sent', 'failed'] }, attempts: { type: 'integer' }, remoteId: { type: 'string' }, remoteToken: { type: 'string' },
                        lastError: { type: 'string' }, nextAttemptAt: ref('DateTime'), sentAt: ref('DateTime'),
                      },
                    },
                  },
                },
              },
            },
          }),
        },
        401: err('`unauthorized`'), 404: err('`not_found`'),
      },
    },
  };
  /* Open311 GeoReport v2: its own field names and error format. */
  const o311Error = (description: string) => ({
    description,
    content: json({ type: 'array', items: { type: 'object', required: ['code', 'description'], properties: { code: { type: 'integer' }, description: { type: 'string' } } } }),
  });
  const nullable = (type: string, extra: Json = {}) => ({ type: [type, 'null'], ...extra });
  const formatParam = { name: 'format', in: 'path', required: true, schema: { type: 'string', enum: ['json'] }, description: 'Only json (xml answers 400)' };
  const jurisdictionParam = { name: 'jurisdiction_id', in: 'query', required: false, schema: { type: 'string' }, description: 'Required when CIVIC_OPEN311_JURISDICTION is set (400 missing, 404 another)' };
  const langParam = { name: 'lang', in: 'query', required: false, schema: { type: 'string' }, description: 'Language of texts (default: the space’s `lang`)' };
  const o311Request = {
    type: 'object',
    required: ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
      'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'],
    properties: {
      service_request_id: { type: 'string' }, status: { type: 'string', enum: ['open', 'closed'] }, status_notes: nullable('string'), service_name: nullable('string'),
      service_code: { type: 'string' }, description: { type: 'string' }, agency_responsible: nullable('string'), service_notice: nullable('string'),
      requested_datetime: ref('DateTime'), updated_datetime: ref('DateTime'), expected_datetime: nullable('string'), address: nullable('string'), address_id: nullable('string'),
      zipcode: nullable('string'), lat: nullable('number'), long: nullable('number'), media_url: nullable('string'),
      detailed_status: { ...ref('ReportStatus'), description: 'Extension: our status' },
    },
  };
  paths['/open311/v2/services.{format}'] = {
    get: {
      operationId: 'open311Services', tags: ['open311'], summary: 'GeoReport v2: the services (categories) of the served space', parameters: [formatParam, jurisdictionParam, langParam],
      responses: {
        200: {
          description: 'The services',
          content: json({
            type: 'array',
            items: {
              type: 'object', required: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
              properties: {
                service_code: { type: 'string' }, service_name: nullable('string'), description: nullable('string'), metadata: { type: 'boolean' },
                type: { type: 'string', enum: ['realtime', 'batch', 'blackbox'] }, keywords: nullable('string'), group: nullable('string'),
              },
            },
          }),
        },
        400: o311Error('Bad format or missing jurisdiction_id'), 404: o311Error('Unknown jurisdiction_id, or no map-report space'),
      },
    },
  };
  paths['/open311/v2/services/{service_code}.{format}'] = {
    get: {
      operationId: 'open311ServiceDefinition', tags: ['open311'], summary: 'GeoReport v2: a service definition (its attributes)',
      parameters: [{ name: 'service_code', in: 'path', required: true, schema: { type: 'string' } }, formatParam, jurisdictionParam, langParam],
      responses: {
        200: {
          description: 'The definition',
          content: json({
            type: 'object', required: ['service_code', 'attributes'],
            properties: {
              service_code: { type: 'string' },
              attributes: {
                type: 'array',
                items: {
                  type: 'object', required: ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description'],
                  properties: {
                    variable: { type: 'boolean' }, code: { type: 'string' }, datatype: ref('AttributeDatatype'), required: { type: 'boolean' },
                    datatype_description: nullable('string'), order: { type: 'integer' }, description: nullable('string'),
                    values: { type: 'array', items: { type: 'object', required: ['key', 'name'], properties: { key: { type: 'string' }, name: nullable('string') } } },
                  },
                },
              },
            },
          }),
        },
        400: o311Error('Bad format or missing jurisdiction_id'), 404: o311Error('Unknown service_code or jurisdiction_id'),
      },
    },
  };
  paths['/open311/v2/requests.{format}'] = {
    get: {
      operationId: 'open311Requests', tags: ['open311'], summary: 'GeoReport v2: requests, newest first (default: the last 90 days, at most 1000)',
      parameters: [
        formatParam, jurisdictionParam, langParam,
        { name: 'service_request_id', in: 'query', required: false, schema: { type: 'string' }, description: 'Comma list; the other filters are then ignored' },
        { name: 'service_code', in: 'query', required: false, schema: { type: 'string' }, description: 'Comma list' },
        { name: 'start_date', in: 'query', required: false, schema: { type: 'string', format: 'date-time' } },
        { name: 'end_date', in: 'query', required: false, schema: { type: 'string', format: 'date-time' } },
        { name: 'status', in: 'query', required: false, schema: { type: 'string' }, description: 'open, closed, or both comma-separated' },
      ],
      responses: { 200: { description: 'The requests', content: json({ type: 'array', items: o311Request }) }, 400: o311Error('A bad parameter'), 404: o311Error('Unknown jurisdiction_id') },
    },
    post: {
      operationId: 'open311CreateRequest', tags: ['open311'], summary: 'GeoReport v2: create a request (form-encoded as in the spec; JSON accepted)',
      description: 'Checked like `POST /map-reports/{id}/requests`; `media_url` is kept as given (never fetched); device_id and account_id are not kept. An Idempotency-Key header is honoured when sent.',
      parameters: [formatParam, jurisdictionParam],
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: {
              type: 'object', required: ['service_code'], additionalProperties: { type: 'string', description: 'attribute[code]=value, attribute[code][]=value' },
              properties: Object.fromEntries(['jurisdiction_id', 'api_key', 'service_code', 'lat', 'long', 'address_string', 'address_id', 'email', 'device_id', 'account_id',
                'first_name', 'last_name', 'phone', 'description', 'media_url'].map((k) => [k, { type: 'string' }])),
            },
          },
        },
      },
      responses: {
        200: { description: 'Replay (same Idempotency-Key)', content: json({ type: 'array' }) },
        201: {
          description: 'Created',
          content: json({ type: 'array', items: { type: 'object', required: ['service_request_id', 'service_notice', 'account_id'], properties: { service_request_id: { type: 'string' }, service_notice: nullable('string'), account_id: { type: 'null' } } } }),
        },
        400: o311Error('A missing or bad field'), 403: o311Error('Missing or invalid api_key'), 404: o311Error('Unknown service_code or jurisdiction_id'),
        415: o311Error('Not form-encoded nor JSON'), 429: o311Error('Too many reports from this network'),
      },
    },
  };
  paths['/open311/v2/requests/{service_request_id}.{format}'] = {
    get: {
      operationId: 'open311Request', tags: ['open311'], summary: 'GeoReport v2: one request (a one-element array)',
      parameters: [{ name: 'service_request_id', in: 'path', required: true, schema: { type: 'string' } }, formatParam, jurisdictionParam, langParam],
      responses: { 200: { description: 'The request', content: json({ type: 'array', items: o311Request }) }, 404: o311Error('Unknown service_request_id or jurisdiction_id') },
    },
  };
  /* ---------------------------------------------------------- comments (server/comments.ts) */
  const cidParam = { name: 'cid', in: 'path', required: true, schema: { type: 'string' }, description: 'The comment’s id' };
  const deviceQuery = {
    name: 'device', in: 'query', required: false, schema: ref('Token'),
    description: 'The device token the widget posts with: adds mine/supported/flagged/editableUntil and that device’s own pending comments',
  };
  const pageQueries = [
    { name: 'cursor', in: 'query', required: false, schema: { type: 'string' }, description: 'The nextCursor (or repliesCursor) of the previous page, unchanged' },
    { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
    deviceQuery,
  ];
  const commentsPath = paths['/threads/{id}/comments'] as Json;
  const postComment = commentsPath.post as Json;
  commentsPath.post = {
    ...postComment,
    description:
      'Rule violations are `400 validation` with field codes `too_big` (thread maxLength), `unknown_parent`, `too_deep` (maxDepth), `invalid_value` (stance), `not_allowed` (word rule), ' +
      '`invalid_format` (NUL or lone surrogate). Honeypot, too-fast forms and banned identities are answered 201 `pending` and never shown. At most 5 a minute and 30 an hour per hashed IP.',
    responses: {
      ...(postComment.responses as Json),
      200: ok('Replay of an already stored comment (`duplicate: true`)', 'CommentReceipt'),
      201: ok('Stored: `accepted` (visible) or `pending` (waits for a moderator)', 'CommentReceipt'),
    },
  };
  commentsPath.get = {
    operationId: 'listComments', tags: ['comments'], summary: 'A page of top-level comments, each with its first 3 replies (keyset cursor)',
    parameters: [idParam, { name: 'sort', in: 'query', required: false, schema: ref('CommentSort') }, ...pageQueries],
    responses: { 200: ok('The page', 'CommentPage'), 400: err('`bad_request`: bad sort, cursor, limit or device'), 404: err('`not_found`'), 429: rateLimited },
  };
  paths['/threads/counts'] = {
    get: {
      operationId: 'threadCounts', tags: ['comments'], summary: 'Visible comments of several threads (listing pages), one query',
      parameters: [{ name: 'ids', in: 'query', required: true, schema: { type: 'string' }, description: 'Comma-separated thread ids (at most 100); unknown ones count 0' }],
      responses: { 200: ok('The counts', 'ThreadCounts'), 400: err('`bad_request`: more than 100 ids'), 429: rateLimited },
    },
  };
  paths['/threads/{id}/comments/{cid}'] = {
    get: {
      operationId: 'getComment', tags: ['comments'], summary: 'One comment (a deep link) with its first replies and its ancestors, top-level first',
      parameters: [idParam, cidParam, deviceQuery],
      responses: { 200: ok('The comment', 'CommentContext'), 404: err('`not_found`: no such comment, or not visible to this reader'), 429: rateLimited },
    },
    patch: {
      operationId: 'editComment', tags: ['comments'], summary: 'Edit a comment: its author’s device, within the thread’s editWindowSeconds',
      parameters: [idParam, cidParam], requestBody: { required: true, content: json(ref('CommentEdit')) },
      responses: {
        200: ok('The edited comment', 'Comment'), 400: err('`validation` (too_big, not_allowed)'), 403: err('`forbidden`: another device'),
        404: err('`not_found`'), 409: err('`edit_window_closed`, or `closed` thread'), 429: rateLimited,
      },
    },
    delete: {
      operationId: 'deleteComment', tags: ['comments'], summary: 'Delete a comment (author’s device, within the edit window): a placeholder while it has replies',
      parameters: [idParam, cidParam, { ...deviceQuery, description: 'The author’s device token (or `{ deviceToken }` as JSON body)' }],
      responses: { 204: { description: 'Deleted' }, 400: err('`validation`: no device token'), 403: err('`forbidden`'), 404: err('`not_found`'), 409: err('`edit_window_closed`'), 429: rateLimited },
    },
  };
  paths['/threads/{id}/comments/{cid}/extend'] = {
    post: {
      operationId: 'extendCommentEditWindow', tags: ['comments'],
      summary: 'More time to edit or delete a comment (WCAG 2.2.1): its author’s device, while the window is open; the deadline becomes now + editWindowSeconds, 10 times at most',
      parameters: [idParam, cidParam], requestBody: { required: true, content: json(ref('DeviceAction')) },
      responses: {
        200: ok('The comment with its new `editableUntil` and `editExtensionsLeft`', 'Comment'), 400: err('`validation`: no device token'), 403: err('`forbidden`: another device'),
        404: err('`not_found`'), 409: err('`edit_window_closed` (over, or a thread with editWindowSeconds 0), `conflict` (already extended 10 times), or `closed` thread'), 429: rateLimited,
      },
    },
  };
  paths['/threads/{id}/comments/{cid}/replies'] = {
    get: {
      operationId: 'listReplies', tags: ['comments'], summary: 'A page of the direct replies of a comment, oldest first, each with its first 3 replies',
      parameters: [idParam, cidParam, ...pageQueries],
      responses: { 200: ok('The page', 'CommentPage'), 400: err('`bad_request`'), 404: err('`not_found`'), 429: rateLimited },
    },
  };
  const supportOp = (method: string) => ({
    operationId: `${method}CommentSupport`, tags: ['comments'],
    summary: method === 'add' ? 'Support a comment (+1), once per device' : 'Withdraw this device’s support',
    parameters: [idParam, cidParam], requestBody: { required: true, content: json(ref('DeviceAction')) },
    responses: { 200: ok('The supports', 'SupportState'), 400: err('`validation`'), 404: err('`not_found`: no visible accepted comment'), 409: err('`closed`'), 429: rateLimited },
  });
  paths['/threads/{id}/comments/{cid}/support'] = { post: supportOp('add'), delete: supportOp('remove') };
  paths['/threads/{id}/comments/{cid}/flags'] = {
    post: {
      operationId: 'flagComment', tags: ['comments'], summary: 'Flag a comment, once per device; hidden at the thread’s flagThreshold until reviewed',
      parameters: [idParam, cidParam], requestBody: { required: true, content: json(ref('FlagSubmission')) },
      responses: {
        200: { description: 'Flagged (also when this device had flagged it already)', content: json({ type: 'object', properties: { flagged: { const: true } }, required: ['flagged'] }) },
        400: err('`validation`'), 404: err('`not_found`'), 429: rateLimited,
      },
    },
  };
  paths['/threads/{id}/events'] = {
    get: {
      operationId: 'threadEvents', tags: ['comments'], summary: 'Live changes as server-sent events',
      description:
        'Events `count` (ThreadCount, at once and on changes), `comment` (a Comment that became visible), `update` (a visible Comment changed), `remove` (CommentRemoval), ' +
        'made through this server instance; a comment line `: heartbeat` every 25 s.',
      parameters: [idParam],
      responses: { 200: { description: 'The stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, 404: err('`not_found`'), 429: rateLimited },
    },
  };
  const notifyToken = { name: 'token', in: 'query', required: true, schema: { type: 'string' }, description: 'The secret from the notification mail' };
  const pageLang = { name: 'lang', in: 'query', required: false, schema: { type: 'string' } };
  const htmlPage = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
  paths['/threads/{id}/notifications/confirm'] = {
    get: {
      operationId: 'confirmReplyNotifications', tags: ['comments'], summary: 'The link of the opt-in mail: confirms reply notifications',
      parameters: [idParam, notifyToken, pageLang], responses: { 200: htmlPage('Confirmed'), 404: htmlPage('Unknown link') },
    },
  };
  paths['/threads/{id}/notifications/unsubscribe'] = {
    get: {
      operationId: 'askUnsubscribeReplies', tags: ['comments'], summary: 'The unsubscribe link of every mail: a page that asks',
      parameters: [idParam, notifyToken, pageLang], responses: { 200: htmlPage('A form that POSTs the unsubscription'), 404: htmlPage('Unknown link') },
    },
    post: {
      operationId: 'unsubscribeReplies', tags: ['comments'], summary: 'Stops reply notifications and erases the address',
      parameters: [idParam, pageLang],
      requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { token: { type: 'string' } }, required: ['token'] } } } },
      responses: { 200: htmlPage('Unsubscribed, address erased'), 404: htmlPage('Unknown link') },
    },
  };
  paths['/admin/threads/{id}/comments'] = {
    post: {
      operationId: 'adminOfficialComment', tags: ['admin'], security: admin, summary: 'An official comment or reply of the organiser, shown at once',
      parameters: [idParam, { ...idemParam, required: false, description: 'Optional: the same key never posts twice' }],
      requestBody: { required: true, content: json(ref('OfficialComment')) },
      responses: { 200: ok('Already posted with this key', 'Comment'), 201: ok('Posted', 'Comment'), 400: err('`validation`'), 401: err('`unauthorized`'), 404: err('`not_found`'), 409: err('`conflict`') },
    },
  };
  paths['/admin/threads/{id}/seed'] = {
    post: {
      operationId: 'adminSeedComments', tags: ['admin'], security: admin, summary: 'Fill a thread with generated accepted comments (demos, benchmarks)',
      parameters: [idParam], requestBody: { required: true, content: json(ref('SeedRequest')) },
      responses: {
        201: { description: 'Inserted', content: json({ type: 'object', properties: { inserted: { type: 'integer' }, count: { type: 'integer' } }, required: ['inserted', 'count'] }) },
        400: err('`validation`'), 401: err('`unauthorized`'), 404: err('`not_found`'),
      },
    },
  };
  paths['/admin/moderation'] = {
    get: {
      operationId: 'adminModerationQueue', tags: ['admin'], security: admin, summary: 'Comments to review, oldest first: pending, flagged, hidden, rejected or spam',
      parameters: [
        { name: 'state', in: 'query', required: false, schema: { type: 'string', enum: ['pending', 'flagged', 'hidden', 'rejected', 'spam'], default: 'pending' } },
        { name: 'thread', in: 'query', required: false, schema: ref('Id') },
        { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
      ],
      responses: { 200: ok('The queue', 'ModerationList'), 400: err('`bad_request`'), 401: err('`unauthorized`') },
    },
  };
  for (const [action, what] of [['approve', 'Make visible (pending, hidden, rejected or spam); flags reset'], ['restore', 'Make a hidden or rejected comment visible again; flags reset'],
    ['reject', 'Reject (never shown), with a reason'], ['hide', 'Hide (a `removed` placeholder while it has replies), with a reason']] as const) {
    const withReason = action === 'reject' || action === 'hide';
    paths[`/admin/comments/{cid}/${action}`] = {
      post: {
        operationId: `adminComment${action[0]!.toUpperCase()}${action.slice(1)}`, tags: ['admin'], security: admin, summary: what, parameters: [cidParam],
        ...(withReason ? { requestBody: { required: true, content: json(ref('ModerationReason')) } } : {}),
        responses: { 200: ok('The comment as moderators see it', 'ModerationItem'), 400: err('`validation`'), 401: err('`unauthorized`'), 404: err('`not_found`'), 409: err('`conflict`: not possible from its state (deleted by its author)') },
      },
    };
  }
  paths['/admin/bans'] = {
    get: { operationId: 'adminListBans', tags: ['admin'], security: admin, summary: 'Banned hashed identities', responses: { 200: ok('The bans', 'BanList'), 401: err('`unauthorized`') } },
    post: {
      operationId: 'adminBan', tags: ['admin'], security: admin, summary: 'Ban a hashed identity shown in the moderation lists (its comments become silent spam)',
      requestBody: { required: true, content: json(ref('BanRequest')) },
      responses: { 201: { description: 'Banned', content: json(ref('BanRequest')) }, 400: err('`validation`'), 401: err('`unauthorized`') },
    },
    delete: {
      operationId: 'adminUnban', tags: ['admin'], security: admin, summary: 'Lift a ban',
      parameters: [{ name: 'identity', in: 'query', required: false, schema: ref('Identity'), description: 'Or `{ identity }` as JSON body' }],
      responses: { 204: { description: 'Lifted' }, 400: err('`validation`'), 401: err('`unauthorized`'), 404: err('`not_found`') },
    },
  };
  paths['/admin/moderation/rules'] = {
    get: { operationId: 'adminGetWordRules', tags: ['admin'], security: admin, summary: 'The word rules', responses: { 200: ok('The rules', 'WordRules'), 401: err('`unauthorized`') } },
    put: {
      operationId: 'adminPutWordRules', tags: ['admin'], security: admin, summary: 'Replace the word rules (whole words, any case or accent, trailing * for any ending)',
      requestBody: { required: true, content: json(ref('WordRules')) },
      responses: { 200: ok('The rules', 'WordRules'), 400: err('`validation`'), 401: err('`unauthorized`') },
    },
  };
  paths['/admin/moderation/log'] = {
    get: {
      operationId: 'adminModerationLog', tags: ['admin'], security: admin, summary: 'Every moderation action, newest first',
      parameters: [
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
        { name: 'cursor', in: 'query', required: false, schema: { type: 'string' } },
      ],
      responses: { 200: ok('The log', 'ModerationLogPage'), 401: err('`unauthorized`') },
    },
  };
  const subscriberEmail = { name: 'email', in: 'query', required: true, schema: { type: 'string', format: 'email' } };
  paths['/admin/comment-subscribers'] = {
    get: {
      operationId: 'adminListCommentSubscriptions', tags: ['admin'], security: admin, summary: 'The reply notifications an address asked for (right of access)', parameters: [subscriberEmail],
      responses: {
        200: {
          description: 'The subscriptions',
          content: json({
            type: 'object', required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object', required: ['commentId', 'threadId', 'createdAt', 'confirmedAt'],
                  properties: { commentId: { type: 'string' }, threadId: ref('Id'), createdAt: ref('DateTime'), confirmedAt: { anyOf: [ref('DateTime'), { type: 'null' }] } },
                },
              },
            },
          }),
        },
        400: err('`validation`'), 401: err('`unauthorized`'),
      },
    },
    delete: {
      operationId: 'adminEraseCommentSubscriptions', tags: ['admin'], security: admin, summary: 'Erase an address from every reply notification', parameters: [subscriberEmail],
      responses: { 200: { description: 'Erased', content: json({ type: 'object', properties: { erased: { type: 'integer' } }, required: ['erased'] }) }, 400: err('`validation`'), 401: err('`unauthorized`') },
    },
  };
  Object.assign(paths, noJsPaths()); // forms without JavaScript: server/nojs/openapi.ts
  return {
    openapi: '3.1.0',
    info: {
      title: 'civic-widgets protocol',
      version: '0.1.0',
      description: 'What the civic-widgets web components expect from a backend. Generated from src/api/schemas.ts; see docs/protocol.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/api', description: "The widget's `endpoint` attribute, e.g. https://town.example/api" }],
    paths,
    components: {
      schemas: components(),
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'CIVIC_ADMIN_TOKEN' } },
    },
  };
}
