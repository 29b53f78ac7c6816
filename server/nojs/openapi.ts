/** The OpenAPI paths of the forms without JavaScript (server/nojs/index.ts), added by server/openapi.ts. */
type Json = Record<string, unknown>;

export function noJsPaths(): Record<string, Json> {
  const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
  const params = [
    { name: 'kind', in: 'path', required: true, schema: { enum: ['vote', 'survey', 'petition', 'map-report', 'comments'] } },
    { name: 'id', in: 'path', required: true, schema: { $ref: '#/components/schemas/Id' } },
  ];
  const lang = { name: 'lang', in: 'query', required: false, schema: { type: 'string' }, description: 'Language of the form and its pages (`fr`, `en`, `nl`, `de`, `es`, `it`, `ca`, `ar`: exact tag, then base language; else Accept-Language; else English)' };
  const fields = {
    type: 'object',
    additionalProperties: true,
    description:
      'The fields of the fallback form (see docs/protocol.md, "Without JavaScript"), plus `lang`, `return` (the page to link back to), `website` (honeypot), ' +
      '`_key` (idempotency key) and `_ts` (signed time the form was served) when the form was served as a page.',
  };
  return {
    '/forms/nojs.css': {
      get: {
        operationId: 'noJsStylesheet', tags: ['nojs'], summary: 'The stylesheet of the fallback forms and pages (every rule scoped to `.civic-nojs`)',
        responses: { 200: { description: 'CSS', content: { 'text/css': { schema: { type: 'string' } } } } },
      },
    },
    '/forms/{kind}/{id}': {
      get: {
        operationId: 'getNoJsForm', tags: ['nojs'],
        summary: 'A widget’s fallback form without JavaScript: an HTML fragment, a whole page, or the tag with the fallback inside (snippet)',
        parameters: [
          ...params, lang,
          { name: 'format', in: 'query', required: false, schema: { enum: ['fragment', 'page', 'snippet'], default: 'fragment' } },
          { name: 'return', in: 'query', required: false, schema: { type: 'string', format: 'uri' }, description: 'The page the form is on: the confirmation links back to it (allowed origins only)' },
          { name: 'placeholder', in: 'query', required: false, schema: { enum: ['1', 'true'] }, description: 'snippet: the `<div data-civic-widget>` placeholder instead of the tag' },
          { name: 'reply', in: 'query', required: false, schema: { type: 'string' }, description: 'comments, page: reply to this comment' },
          { name: 'cursor', in: 'query', required: false, schema: { type: 'string' }, description: 'comments, page: the page of comments to list' },
        ],
        responses: {
          200: { description: 'The form (text/html), or the snippet (text/plain)', content: { 'text/html': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } } } },
          404: { description: '`not_found`: no such kind or content (JSON; an HTML page with format=page)', content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorBody' } } } },
        },
      },
      post: {
        operationId: 'postNoJsForm', tags: ['nojs'],
        summary: 'Submits a fallback form: the same JSON route, validation and records as the widget; answers a whole HTML page',
        parameters: params,
        requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: fields }, 'multipart/form-data': { schema: fields } } },
        responses: {
          201: html('The confirmation, with a link back to the page the resident came from'),
          400: html('The form again: an error summary linking to each field, each message at its field, every typed value kept'),
          404: html('No such content'),
          409: html('Not open, closed, or a conflict'),
          413: html('A photo is too large: the form again'),
          429: html('Too many submissions from this network: the form again, with the wait'),
        },
      },
    },
  };
}
