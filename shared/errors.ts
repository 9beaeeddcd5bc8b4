/**
 * The one error hierarchy, in the domain's words: what went wrong, never how HTTP says it.
 * Aggregates and the request screen throw these; `http/problem.ts` alone maps each kind to a
 * status and a problem+json body. Anything else is a 500 whose message never reaches the client.
 */
export interface FieldError {
  path: string;
  message: string;
}

/** One row of a batch, checked on its own: its parsed value, or why it is bad. */
export type RowCheck<Row> = { readonly ok: true; readonly value: Row } | { readonly ok: false; readonly errors: FieldError[] };

export type ErrorKind =
  /** The input breaks a rule: every bad field is named. */
  | 'invalid'
  /** The request cannot be read at all (not JSON, nested too deep). */
  | 'malformed'
  /** No one we know: missing, bad, expired or revoked credentials. */
  | 'unauthenticated'
  | 'forbidden'
  | 'feature-disabled'
  | 'not-found'
  /** It existed and is gone for good, saying where to look instead (a person merged into another). */
  | 'gone'
  /** The current state does not allow it (a duplicate, a balance too low, an illegal transition, a lost race). */
  | 'conflict'
  /** The caller's version (`If-Match`) is not the current one. */
  | 'stale'
  | 'too-large'
  /** Too many attempts; wait `retryAfterSeconds`. */
  | 'too-many'
  /** A service we depend on did not answer usefully. */
  | 'unavailable'
  /** We are too busy or too slow right now (the table throttled, the function ran out of time): nothing to fix, try again after `retryAfterSeconds`. */
  | 'busy';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable, machine-readable name of the problem (the end of problem+json's `type`). */
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** Members the problem body carries beside the standard ones (e.g. `mergedInto`). */
    readonly extensions?: Readonly<Record<string, unknown>>,
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(errors: FieldError[], detail = 'The request has invalid fields.') {
    super('invalid', 'validation', 'Invalid request', detail, errors);
  }
}

export class MalformedRequestError extends DomainError {
  constructor(detail: string, errors?: FieldError[]) {
    super('malformed', 'malformed', 'Malformed request', detail, errors);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(detail = 'Missing or invalid credentials.') {
    super('unauthenticated', 'unauthorized', 'Unauthorized', detail);
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail = 'Your role may not do this.') {
    super('forbidden', 'forbidden', 'Forbidden', detail);
  }
}

/**
 * A member asked for more than the winery allows them to do themselves (its
 * `settings.clubSelfService`): a 403 whose `type` ends in `/not-allowed` and whose detail says why.
 */
export class NotAllowedError extends DomainError {
  constructor(detail: string) {
    super('forbidden', 'not-allowed', 'Not allowed', detail);
  }
}

export class FeatureDisabledError extends DomainError {
  constructor(feature: string) {
    super('feature-disabled', 'feature-disabled', 'Feature disabled', `The ${feature} feature is turned off in settings.`);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not-found', 'not-found', 'Not found', `No such ${what}.`);
  }
}

/** A person who was merged into another: their id now answers 410 with `mergedInto`. */
export class MergedPersonError extends DomainError {
  constructor(readonly mergedInto: string) {
    super('gone', 'merged', 'Merged into another person', `This person was merged into ${mergedInto}.`, undefined, { mergedInto });
  }
}

export class ConflictError extends DomainError {
  constructor(slug: string, detail: string, errors?: FieldError[]) {
    super('conflict', slug, 'Conflict', detail, errors);
  }
}

/** The caller's `If-Match` names a version that is no longer the current one. */
export class StaleVersionError extends DomainError {
  constructor() {
    super('stale', 'precondition-failed', 'Precondition failed', 'If-Match does not match the current version.');
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(limit: number) {
    super('too-large', 'payload-too-large', 'Payload too large', `The body must be at most ${limit} bytes.`);
  }
}

/** Too many attempts; `retryAfterSeconds` says how long to wait. */
export class TooManyAttemptsError extends DomainError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too-many', 'too-many-requests', 'Too many requests', detail);
  }
}

/**
 * The service could not finish now: the table kept throttling, or the request ran out of its
 * time. Nothing is wrong with the request; the same request later is expected to work.
 */
export class ServiceBusyError extends DomainError {
  constructor(
    detail: string,
    readonly retryAfterSeconds = 1,
  ) {
    super('busy', 'service-busy', 'Service busy', detail);
  }
}

/** A provider we call (e.g. electronic age verification) could not be reached or gave no usable answer. */
export class ProviderUnavailableError extends DomainError {
  constructor(slug: string, title: string, detail: string) {
    super('unavailable', slug, title, detail);
  }
}
