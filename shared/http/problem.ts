import { DomainError, TooManyAttemptsError, type ErrorKind } from '../errors';

/**
 * Domain errors as HTTP answers (RFC 9457 problem+json): the one place that knows which
 * status each kind of error is.
 */
const STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  malformed: 400,
  unauthenticated: 401,
  forbidden: 403,
  'feature-disabled': 403,
  'not-found': 404,
  gone: 410,
  conflict: 409,
  stale: 412,
  'too-large': 413,
  'too-many': 429,
  unavailable: 502,
};

const TYPE_BASE = 'https://errors.winery-people.dev/';

export function problemStatus(error: DomainError): number {
  return STATUS[error.kind];
}

export function problemBody(error: DomainError): Record<string, unknown> {
  return {
    type: TYPE_BASE + error.slug,
    title: error.title,
    status: problemStatus(error),
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    ...error.extensions,
  };
}

/** Response headers an error carries: `Retry-After` on a 429. */
export function problemHeaders(error: DomainError): Record<string, string> {
  if (error instanceof TooManyAttemptsError) return { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) };
  return {};
}

export const internalErrorBody = {
  type: TYPE_BASE + 'internal',
  title: 'Internal server error',
  status: 500,
  detail: 'Something went wrong on our side. It has been logged.',
};
