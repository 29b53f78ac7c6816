/** The one error format of the protocol ({@link ApiErrorBody}) and the zod issue mapping. */
import type { ErrorCode, FieldIssue, ApiErrorBody } from '../src/api/schemas.js';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssue[],
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    const error: ApiErrorBody['error'] = { code: this.code, message: this.message };
    if (this.fields) error.fields = this.fields;
    if (this.retryAfter !== undefined) error.retryAfter = this.retryAfter;
    return { error };
  }
}

export function validationError(fields: FieldIssue[], what = 'The request body'): ApiError {
  const first = fields[0];
  const summary = first ? first.message : 'invalid';
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more problem${fields.length > 2 ? 's' : ''})` : '';
  return new ApiError(400, 'validation', `${what} is invalid: ${summary}${more}.`, fields);
}

/** The subset of a zod 4 issue we read (zod/mini leaves `message` as "Invalid input"). */
interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  expected?: string;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  values?: unknown[];
  keys?: string[];
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function unit(origin: string | undefined): string {
  if (origin === 'string') return ' characters';
  if (origin === 'array' || origin === 'set') return ' items';
  return '';
}

/** Maps zod issues to protocol field issues with stable codes and readable English messages. */
export function mapIssues(issues: readonly ZodIssueLike[], input: unknown): FieldIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    const name = path.length ? `"${path.join('.')}"` : 'The body';
    const missing = path.length > 0 && valueAt(input, issue.path) === undefined;
    if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')) {
      return { path, code: 'required', message: `${name} is required` };
    }
    switch (issue.code) {
      case 'invalid_type': {
        return { path, code: 'invalid_type', message: `${name} must be of type ${issue.expected ?? 'other'}` };
      }
      case 'too_small': {
        const cmp = issue.inclusive === false ? 'more than' : 'at least';
        const what = issue.origin === 'number' || issue.origin === 'int' ? `${cmp} ${issue.minimum}` : `${cmp} ${issue.minimum}${unit(issue.origin)}`;
        return { path, code: 'too_small', message: `${name} must be ${what}` };
      }
      case 'too_big': {
        const cmp = issue.inclusive === false ? 'less than' : 'at most';
        return { path, code: 'too_big', message: `${name} must be ${cmp} ${issue.maximum}${unit(issue.origin)}` };
      }
      case 'invalid_format':
        return { path, code: 'invalid_format', message: `${name} is not a valid ${issue.format === 'regex' ? 'value (wrong format)' : issue.format}` };
      case 'invalid_value':
        return {
          path,
          code: 'invalid_value',
          message: `${name} must be one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`,
        };
      case 'invalid_union':
        return { path, code: 'invalid_value', message: `${name} does not match any allowed shape` };
      case 'unrecognized_keys':
        return { path, code: 'unknown_field', message: `${name} has unknown fields: ${(issue.keys ?? []).join(', ')}` };
      case 'invalid_key':
        return { path, code: 'invalid_format', message: `${name} has an invalid key` };
      default:
        return { path, code: issue.code, message: `${name} is invalid` };
    }
  });
}
