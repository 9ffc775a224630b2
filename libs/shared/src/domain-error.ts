/**
 * How an error should be understood by a caller. The HTTP edge maps kinds to
 * status codes in one place; the domain never knows about HTTP.
 */
export type ErrorKind =
  | 'malformed' // the input cannot be read as the operation's input: syntax, type, format, length, range (400)
  | 'invalid' // well-formed input a domain rule refuses (422)
  | 'not_found' // a referenced entity does not exist (404)
  | 'conflict' // the current state forbids the change (409)
  | 'precondition' // an expected version did not match (412)
  | 'unavailable' // a dependency is down or a wait timed out (503)
  | 'unauthenticated' // no valid credential (401)
  | 'forbidden' // a valid credential without the needed role (403)
  | 'rate_limited'; // a budget is spent; details.retryAfterSeconds says when to come back (429)

/** An expected failure with a stable, machine-readable code (e.g. `figure.retracted`). */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, details?: Record<string, unknown>) => new DomainError(code, 'invalid', message, details);

export const malformed = (code: string, message: string, details?: Record<string, unknown>) => new DomainError(code, 'malformed', message, details);

export const conflict = (code: string, message: string, details?: Record<string, unknown>) => new DomainError(code, 'conflict', message, details);

export const notFound = (code: string, message: string, details?: Record<string, unknown>) => new DomainError(code, 'not_found', message, details);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
