import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { createHash } from 'node:crypto';
import type * as z from '../schemas/zod';
import { logger } from '../log';
import { isThrottling } from '../db/throttling';
import { requireRole, staffAuthFromClaims, type StaffAuth } from './auth';
import {
  DomainError,
  MalformedRequestError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceBusyError,
  UnauthorizedError,
  ValidationError,
  type FieldError,
  type RowCheck,
} from '../errors';
import { internalErrorBody, problemBody, problemHeaders, problemStatus } from './problem';
import { containsCardNumber } from './card-number';
import { fieldErrors, formatPath } from './field-errors';
import type { PortalAuth } from './portal-auth';
import { routeEntries, type RouteEntry, type RouteSpec } from './route-spec';

export const MAX_BODY_BYTES = 64 * 1024;

/** The event API Gateway's HTTP API (payload 2.0) sends, with the JWT authorizer's claims when present. */
export type ApiEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, unknown>; scopes?: string[] | null } };
  };
};
export type ApiResult = APIGatewayProxyStructuredResultV2;

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;
type Field<R, K extends string> = R extends Record<K, infer V> ? V : undefined;
type AuthOf<R> = R extends { access: { kind: 'staff' } } ? StaffAuth : R extends { access: { kind: 'portal' } } ? PortalAuth : undefined;

/** What an operation receives: everything already verified and parsed. */
export interface ApiRequest<Body = unknown, Query = unknown, Params = unknown, Auth = StaffAuth | PortalAuth | undefined, Row = unknown> {
  readonly auth: Auth;
  readonly body: Body;
  /** A batch route's rows (`RouteSpec.rows`), in body order. */
  readonly rows: readonly RowCheck<Row>[] | undefined;
  readonly query: Query;
  readonly params: Params;
  /** `If-Match` as a version number, when the route honours it and the client sent it. */
  readonly ifMatch: number | undefined;
  /** `Idempotency-Key` with a fingerprint of the body, when the route honours it and the client sent it. */
  readonly idempotency: { key: string; fingerprint: string } | undefined;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly event: ApiEvent;
}

/** The request of one route, typed from its schemas and its access. */
export type RequestFor<R> = ApiRequest<Parsed<Field<R, 'body'>>, Parsed<Field<R, 'query'>>, Parsed<Field<R, 'params'>>, AuthOf<R>, Parsed<Field<R, 'rows'>>>;

/** One area of the route table (`routes/<area>.ts`). */
type Area = Record<string, RouteSpec>;

/**
 * Only functions that serve portal routes pass the portal token verifier, so the other
 * functions bundle neither it nor its key.
 */
export interface HandlerOptions {
  verifyPortalToken?: (authorization: string | undefined) => Promise<PortalAuth>;
  /**
   * Rules a body must meet beyond its schema that depend on the tenant (e.g. the fields its
   * settings make required), by operation id. They run on the parsed JSON beside the schema, so
   * one 400 lists every bad field, whichever rule it breaks.
   */
  bodyChecks?: Readonly<Record<string, (json: unknown, auth: StaffAuth | PortalAuth | undefined) => Promise<FieldError[]>>>;
}

/** An operation answers with the resource (serialised as JSON with the route's status) or a full reply. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

type OperationsOf<A extends Area, F extends string> = {
  [K in keyof A as A[K]['fn'] extends F ? K : never]: (request: RequestFor<A[K]>) => Promise<unknown>;
};

/**
 * Builds the Lambda handler of one API function from its area of the route table (so the
 * function bundles only its own routes' schemas): finds the route by `event.routeKey`, then
 * runs the one middleware stack, always in this order: problem+json errors (outermost), body
 * limit, authorization, screening (card numbers, body depth), request parsing; then the
 * operation, then the response shape (JSON, ETag, Location).
 */
export function apiHandler<A extends Area, F extends A[keyof A]['fn']>(
  area: A,
  fn: F,
  operations: OperationsOf<A, F>,
  options: HandlerOptions = {},
) {
  const byRouteKey = new Map(routeEntries(area).filter((route) => route.fn === fn).map((route) => [route.routeKey, route]));
  const dispatch = async (event: ApiEvent): Promise<ApiResult> => {
    const route = byRouteKey.get(event.routeKey);
    if (!route) throw new NotFoundError('route');
    const request = await parseRequest(route, event, options);
    const operation = (operations as unknown as Record<string, (request: ApiRequest) => Promise<unknown>>)[route.operationId];
    if (!operation) throw new NotFoundError('route');
    return toResult(route, event, await operation(request));
  };
  return middy<ApiEvent, ApiResult, Error, Context>(dispatch, {
    timeoutEarlyInMillis: ANSWER_BEFORE_TIMEOUT_MS,
    timeoutEarlyResponse: () => busyResult(new ServiceBusyError('The request took too long; nothing may have been finished. Try again.', 2)),
  }).use(problemJson());
}

/**
 * A request about to run out of its function's time is answered 503 with `Retry-After` this long
 * before Lambda would end it (whose timeout API Gateway turns into a bare 500). What the
 * operation did so far stands: every write is all-or-nothing, and a retried create with its
 * `Idempotency-Key` answers the first outcome.
 */
const ANSWER_BEFORE_TIMEOUT_MS = 500;

function busyResult(error: ServiceBusyError): ApiResult {
  return problemResult(problemStatus(error), problemBody(error), problemHeaders(error));
}

/** Errors become problem+json; a 500 never shows its message or stack. */
function problemJson(): MiddlewareObj<ApiEvent, ApiResult, Error, Context> {
  return {
    onError: async (request) => {
      const error = request.error;
      if (error instanceof DomainError) {
        const status = problemStatus(error);
        if (status >= 500) logger.error('request failed', { routeKey: request.event.routeKey, error });
        request.response = problemResult(status, problemBody(error), problemHeaders(error));
        return;
      }
      // DynamoDB kept throttling past the SDK's retries (a request, or a part of a transaction): the table is busy, not the request wrong.
      if (isThrottling(error)) {
        logger.warn('table throttled', { routeKey: request.event.routeKey, error });
        request.response = busyResult(new ServiceBusyError('The service is busy; try again.'));
        return;
      }
      logger.error('unhandled error', { routeKey: request.event.routeKey, error: error as Error });
      request.response = problemResult(500, internalErrorBody);
    },
  };
}

export function problemResult(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): ApiResult {
  return { statusCode: status, headers: { ...headers, 'content-type': 'application/problem+json' }, body: JSON.stringify(body) };
}

function header(event: ApiEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

async function parseRequest(route: RouteEntry, event: ApiEvent, options: HandlerOptions): Promise<ApiRequest> {
  const rawBody = readBody(event, route.maxBodyBytes ?? MAX_BODY_BYTES);
  const auth = await authorize(route, event, options);
  const errors: { path: string; message: string }[] = [];

  // Everything about the raw request that must stop it before any schema runs: zod and
  // `canonicalJson` recurse over the body, and nothing may store or log a card number.
  const idempotencyKey = route.idempotent ? header(event, 'idempotency-key') : undefined;
  let json: unknown;
  if (route.body && rawBody !== undefined) json = parseJson(rawBody, event);
  const batchRows = route.rows ? rowsOf(json) : undefined;
  screenRequest(event.pathParameters ?? {}, idempotencyKey, batchRows ? { ...(json as object), rows: [] } : json);

  const params = parsePart(route.params, event.pathParameters ?? {}, '', errors);
  const query = parsePart(route.query, event.queryStringParameters ?? {}, '', errors);
  let body: unknown;
  if (route.body) {
    if (rawBody === undefined) {
      if (!route.bodyOptional) errors.push({ path: '', message: 'a JSON body is required' });
    } else {
      body = parsePart(route.body, json, '', errors);
      const check = options.bodyChecks?.[route.operationId];
      if (check) {
        const reported = new Set(errors.map((error) => error.path));
        errors.push(...(await check(json, auth)).filter((error) => !reported.has(error.path)));
      }
    }
  } else if (rawBody !== undefined && rawBody.trim() !== '') {
    errors.push({ path: '', message: 'this route takes no body' });
  }
  if (errors.length > 0) throw new ValidationError(errors);

  return {
    auth,
    body,
    rows: route.rows && batchRows ? batchRows.map((row) => checkRow(route.rows!, row)) : undefined,
    query,
    params,
    ifMatch: route.conditional ? parseIfMatch(header(event, 'if-match')) : undefined,
    idempotency: idempotencyKey === undefined ? undefined : idempotency(idempotencyKey, rawBody),
    headers: event.headers ?? {},
    event,
  };
}

/** A batch body's rows, when it has them (the body schema reports a missing or bad `rows`). */
const rowsOf = (json: unknown): unknown[] | undefined =>
  json && typeof json === 'object' && Array.isArray((json as { rows?: unknown }).rows) ? (json as { rows: unknown[] }).rows : undefined;

/** One row of a batch, screened and parsed on its own: its errors have paths within the row. */
function checkRow(schema: z.ZodType, row: unknown): RowCheck<unknown> {
  const errors = screenErrors(row);
  const result = schema.safeParse(row);
  if (!result.success) {
    const reported = new Set(errors.map((error) => error.path));
    errors.push(...fieldErrors(result.error).filter((error) => !reported.has(error.path)));
  }
  return errors.length > 0 || !result.success ? { ok: false, errors } : { ok: true, value: result.data };
}

/** Deeper than any body of this API needs; what an attacker nests to exhaust the stack. */
const MAX_BODY_DEPTH = 32;
const CARD_NUMBER_MESSAGE = "must not contain a card number; send the payment processor's token instead";

/**
 * 400 when a path id, the `Idempotency-Key` (stored with the response it guards) or any key or
 * value of the body holds a card number, or when the body nests deeper than
 * {@link MAX_BODY_DEPTH}. The body is walked with an explicit stack, never by recursion, so
 * no body can overflow the call stack. A batch's rows are screened one by one (`checkRow`).
 */
function screenRequest(pathParameters: Record<string, string | undefined>, idempotencyKey: string | undefined, json: unknown): void {
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(pathParameters)) if (value !== undefined && containsCardNumber(value)) errors.push(cardError(name));
  if (idempotencyKey !== undefined && containsCardNumber(idempotencyKey)) errors.push(cardError('Idempotency-Key'));
  errors.push(...screenErrors(json));
  if (errors.length === 0) return;
  const cards = errors.some((error) => error.message === CARD_NUMBER_MESSAGE);
  throw new ValidationError(errors, cards ? 'The request contains a card number.' : undefined);
}

const cardError = (path: string): FieldError => ({ path, message: CARD_NUMBER_MESSAGE });

/** The card numbers in any key or value of a JSON value, and where it nests too deep. */
function screenErrors(json: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const card = (text: string, path: string) => {
    if (containsCardNumber(text)) errors.push(cardError(path));
  };
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: json, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path } = next;
    const key = path.at(-1);
    if (typeof key === 'string') card(key, formatPath(path));
    if (typeof value === 'string' || typeof value === 'number') card(String(value), formatPath(path));
    if (value === null || typeof value !== 'object') continue;
    if (path.length === MAX_BODY_DEPTH) {
      errors.push({ path: formatPath(path), message: `nests deeper than ${MAX_BODY_DEPTH} levels` });
      continue;
    }
    // Pushed in reverse, so that errors come out in the body's own order.
    const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i -= 1) stack.push({ value: entries[i]![1], path: [...path, entries[i]![0]] });
  }
  return errors;
}

function readBody(event: ApiEvent, maxBytes: number): string | undefined {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > maxBytes) throw new PayloadTooLargeError(maxBytes);
  return bytes.toString('utf8');
}

async function authorize(route: RouteEntry, event: ApiEvent, options: HandlerOptions): Promise<StaffAuth | PortalAuth | undefined> {
  if (route.access.kind === 'public') return undefined;
  if (route.access.kind === 'staff') {
    const claims = event.requestContext.authorizer?.jwt?.claims;
    if (!claims) throw new UnauthorizedError();
    const auth = staffAuthFromClaims(claims);
    requireRole(auth, route.access.role);
    logger.appendKeys({ tenantId: auth.tenantId });
    return auth;
  }
  if (!options.verifyPortalToken) throw new Error(`${route.routeKey} needs a portal token verifier`);
  const portal = await options.verifyPortalToken(header(event, 'authorization'));
  logger.appendKeys({ tenantId: portal.tenantId });
  return portal;
}

function parseJson(text: string, event: ApiEvent): unknown {
  const type = header(event, 'content-type');
  if (type && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new MalformedRequestError('The body must be application/json.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedRequestError('The body is not valid JSON.');
  }
}

function parsePart(
  schema: z.ZodType | undefined,
  value: unknown,
  prefix: string,
  errors: { path: string; message: string }[],
): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  errors.push(...fieldErrors(result.error, prefix));
  return undefined;
}

function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(value);
  if (!match) throw new ValidationError([{ path: 'If-Match', message: 'must be a version number' }]);
  return Number(match[1]);
}

function idempotency(key: string, rawBody: string | undefined) {
  if (!/^[\w.:-]{1,128}$/.test(key)) {
    throw new ValidationError([{ path: 'Idempotency-Key', message: 'must be 1-128 letters, digits, _ . : or -' }]);
  }
  const fingerprint = createHash('sha256').update(canonicalJson(rawBody)).digest('base64url');
  return { key, fingerprint };
}

/** The same body with keys in another order or other whitespace is the same request. */
function canonicalJson(rawBody: string | undefined): string {
  if (rawBody === undefined) return '';
  const sort = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sort);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value as object)
          .sort()
          .map((key) => [key, sort((value as Record<string, unknown>)[key])]),
      );
    }
    return value;
  };
  try {
    return JSON.stringify(sort(JSON.parse(rawBody)));
  } catch {
    return rawBody;
  }
}

function toResult(route: RouteEntry, event: ApiEvent, result: unknown): ApiResult {
  const reply = result instanceof Reply ? result : new Reply(route.status, result);
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) return { statusCode: reply.status, headers };
  if (Buffer.isBuffer(reply.body)) {
    return { statusCode: reply.status, headers, body: reply.body.toString('base64'), isBase64Encoded: true };
  }
  const { version, id } = (reply.body ?? {}) as { version?: unknown; id?: unknown };
  if (typeof version === 'number') headers.etag = `"${version}"`;
  if (reply.status === 201 && typeof id === 'string') headers.location ??= locationOf(route, event, id);
  headers['content-type'] ??= 'application/json';
  return { statusCode: reply.status, headers, body: JSON.stringify(reply.body) };
}

/**
 * Where a created resource lives: every create route posts to the collection its resource
 * lives in, so it is the route's path (its ids filled in) plus the new `id`:
 * `POST /v1/customers/{id}/addresses` → `/v1/customers/<id>/addresses/<addressId>`. A 201
 * whose body has no `id` (a portal session: a token, not a resource) gets no `Location`.
 */
function locationOf(route: RouteEntry, event: ApiEvent, id: string): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(event.pathParameters?.[name] ?? ''));
  return `${path}/${encodeURIComponent(id)}`;
}
