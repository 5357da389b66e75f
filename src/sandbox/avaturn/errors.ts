import type { z } from 'zod';

/** One entry of a FastAPI/Pydantic 422 `detail` array. */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** An error answer of the simulated API: `{"detail": ...}` with the given status. */
export class AvaturnApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string | ValidationIssue[],
  ) {
    super(typeof detail === 'string' ? detail : detail.map((d) => d.msg).join('; '));
    this.name = 'AvaturnApiError';
  }
}

export const notFound = (what: string): AvaturnApiError => new AvaturnApiError(404, `${what} not found`);

export function invalid(...issues: ValidationIssue[]): AvaturnApiError {
  return new AvaturnApiError(422, issues);
}

export const missing = (loc: (string | number)[]): ValidationIssue => ({ loc, msg: 'Field required', type: 'missing' });

/** Maps zod issues to Pydantic-like entries under `prefix` (e.g. `['body']`). */
export function fromZod(error: z.ZodError, prefix: (string | number)[]): AvaturnApiError {
  const issues = error.issues.map((issue): ValidationIssue => {
    const loc = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined ? missing(loc) : { loc, msg: issue.message, type: `${issue.expected}_type` };
      case 'too_small':
        return { loc, msg: issue.message, type: 'greater_than_equal' };
      case 'too_big':
        return { loc, msg: issue.message, type: 'less_than_equal' };
      case 'invalid_format':
        return { loc, msg: issue.message, type: 'string_pattern_mismatch' };
      case 'invalid_value':
        return { loc, msg: issue.message, type: 'enum' };
      case 'unrecognized_keys':
        return { loc: [...loc, issue.keys[0] ?? ''], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' };
      default:
        return { loc, msg: issue.message, type: 'value_error' };
    }
  });
  return new AvaturnApiError(422, issues);
}
