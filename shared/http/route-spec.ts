import type * as z from '../schemas/zod';

/** What one route of the route table says. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Role = 'viewer' | 'staff' | 'admin';

export type Access =
  /** No credentials (health, OpenAPI document, portal login). */
  | { readonly kind: 'public' }
  /** A staff JWT (API Gateway's JWT authorizer in AWS) whose role is at least `role`. */
  | { readonly kind: 'staff'; readonly role: Role }
  /** A portal token issued by this service; verified by the API handler itself. */
  | { readonly kind: 'portal' };

export interface RouteSpec {
  readonly method: HttpMethod;
  readonly path: string;
  /** The Lambda function that serves it: `functions/api/<fn>.ts`. */
  readonly fn: string;
  readonly summary: string;
  readonly tag: string;
  readonly access: Access;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The body may be absent (e.g. `POST .../password` without a new password). */
  readonly bodyOptional?: boolean;
  /**
   * A batch: the body's `rows` are each checked against this schema and screened for card
   * numbers on their own. A bad row becomes that row's errors, not a 400, so the others go on.
   */
  readonly rows?: z.ZodType;
  /** A body limit above the default `MAX_BODY_BYTES` (a batch of rows). */
  readonly maxBodyBytes?: number;
  readonly response?: z.ZodType;
  /** Content type of a non-JSON response (e.g. a PDF receipt). */
  readonly responseContentType?: string;
  /** Headers a non-JSON response carries, by name, with what they hold (e.g. the next page's cursor). */
  readonly responseHeaders?: Readonly<Record<string, string>>;
  readonly status: 200 | 201 | 202 | 204;
  /** A 202 the route also answers (work that goes on when the request is sent again), with its body. */
  readonly accepted?: { readonly description: string; readonly schema: z.ZodType };
  /** Honours the `Idempotency-Key` header. */
  readonly idempotent?: boolean;
  /** Honours `If-Match: <version>`. */
  readonly conditional?: boolean;
  /** Counts failed attempts and answers 429 with `Retry-After` past a limit (logins, password checks). */
  readonly throttled?: boolean;
  /**
   * Problems the route answers beyond those its shape implies, by status, each with when (the
   * OpenAPI document lists both). Implied: 400 and 500 everywhere; 401 and 403 on staff routes;
   * 401 on portal routes; 404 on a path with ids; 409 on anything but a GET; 412 with `If-Match`;
   * 413 with a body; 401 and 429 when `throttled`. The integration tests fail on any status a
   * route answers that the document does not list.
   */
  readonly problems?: Readonly<Partial<Record<ProblemStatus, string>>>;
}

/** The statuses of problem+json answers. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 410 | 412 | 413 | 429 | 500 | 502 | 503;

/** A route with the names API Gateway and the OpenAPI document know it by. */
export interface RouteEntry extends RouteSpec {
  readonly operationId: string;
  /** API Gateway's route key, e.g. `GET /v1/customers/{id}`: what `event.routeKey` carries. */
  readonly routeKey: string;
}

export function routeEntries(area: Record<string, RouteSpec>): RouteEntry[] {
  return Object.entries(area).map(([operationId, spec]) => ({ ...spec, operationId, routeKey: `${spec.method} ${spec.path}` }));
}

export const staff = <R extends Role>(role: R) => ({ kind: 'staff', role }) as const;
export const publicAccess = { kind: 'public' } as const;
export const portalAccess = { kind: 'portal' } as const;
