/**
 * The one error hierarchy. Domain and repository code throws these; the middleware stack turns
 * them into problem+json. Anything else is a 500 whose message never reaches the client.
 */
export interface FieldError {
  path: string;
  message: string;
}

const TYPE_BASE = 'https://errors.winery-people.dev/';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }

  get type(): string {
    return TYPE_BASE + this.slug;
  }
}

export class ValidationError extends ApiError {
  constructor(errors: FieldError[], detail = 'The request has invalid fields.') {
    super(400, 'validation', 'Invalid request', detail, errors);
  }
}

export class MalformedRequestError extends ApiError {
  constructor(detail: string) {
    super(400, 'malformed', 'Malformed request', detail);
  }
}

export class UnauthorizedError extends ApiError {
  constructor(detail = 'Missing or invalid credentials.') {
    super(401, 'unauthorized', 'Unauthorized', detail);
  }
}

export class ForbiddenError extends ApiError {
  constructor(detail = 'Your role may not do this.') {
    super(403, 'forbidden', 'Forbidden', detail);
  }
}

export class FeatureDisabledError extends ApiError {
  constructor(feature: string) {
    super(403, 'feature-disabled', 'Feature disabled', `The ${feature} feature is turned off in settings.`);
  }
}

export class NotFoundError extends ApiError {
  constructor(what: string) {
    super(404, 'not-found', 'Not found', `No such ${what}.`);
  }
}

export class ConflictError extends ApiError {
  constructor(slug: string, detail: string, errors?: FieldError[]) {
    super(409, slug, 'Conflict', detail, errors);
  }
}

export class PreconditionFailedError extends ApiError {
  constructor() {
    super(412, 'precondition-failed', 'Precondition failed', 'If-Match does not match the current version.');
  }
}

export class PayloadTooLargeError extends ApiError {
  constructor(limit: number) {
    super(413, 'payload-too-large', 'Payload too large', `The body must be at most ${limit} bytes.`);
  }
}

/** 429, with the seconds to wait (sent as `Retry-After`). */
export class TooManyRequestsError extends ApiError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'too-many-requests', 'Too many requests', detail);
  }
}

/** Response headers an error carries (e.g. `Retry-After` on a 429). */
export function problemHeaders(error: ApiError): Record<string, string> {
  if (error instanceof TooManyRequestsError) return { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) };
  return {};
}

export function problemBody(error: ApiError): Record<string, unknown> {
  return {
    type: error.type,
    title: error.title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

export const internalErrorBody = {
  type: TYPE_BASE + 'internal',
  title: 'Internal server error',
  status: 500,
  detail: 'Something went wrong on our side. It has been logged.',
};
