import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomFillSync } from 'node:crypto';
import type { ApiEvent } from '../../shared/http/api-handler';

/**
 * The pure half of the local gateway: which route a request selects, the API Gateway HTTP API
 * event (payload format 2.0) it becomes, and how a function's answer becomes the HTTP response.
 * Everything here follows what API Gateway does, so a handler cannot tell the two apart.
 */

/** What route selection needs of a route: the route table's entries fit. */
export interface RoutePattern {
  readonly method: string;
  /** An API Gateway path template: `/v1/customers/{id}` (the route table has no greedy `{name+}`). */
  readonly path: string;
}

export interface RouteMatch<R extends RoutePattern> {
  readonly route: R;
  /** Decoded values of the path's variables. */
  readonly pathParameters: Record<string, string>;
}

type Segment = { kind: 'literal'; text: string } | { kind: 'variable'; name: string };

/** Lower ranks win: a literal segment beats a variable. */
const segmentRank = { literal: 0, variable: 1 } as const;

interface CompiledRoute<R> {
  readonly route: R;
  readonly method: string;
  readonly segments: readonly Segment[];
}

function parseTemplate(path: string): Segment[] {
  return path
    .split('/')
    .slice(1)
    .map((part): Segment => {
      if (part.endsWith('+}')) throw new Error(`${path}: greedy path variables are not emulated locally (no route uses one)`);
      const variable = /^\{([^}]+)\}$/.exec(part);
      return variable ? { kind: 'variable', name: variable[1] as string } : { kind: 'literal', text: part };
    });
}

function compareSpecificity<R>(a: CompiledRoute<R>, b: CompiledRoute<R>): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const x = a.segments[i];
    const y = b.segments[i];
    if (!x || !y) return x ? -1 : 1;
    const difference = segmentRank[x.kind] - segmentRank[y.kind];
    if (difference !== 0) return difference;
  }
  return 0;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The path's decoded segments against a template of as many segments. */
function matchSegments(segments: readonly Segment[], values: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    const value = values[i] as string;
    if (segment.kind === 'literal') {
      if (value !== segment.text) return undefined;
    } else {
      if (value === '') return undefined;
      parameters[segment.name] = value;
    }
  }
  return parameters;
}

/**
 * Route selection as API Gateway does it: the most specific route wins, segment by segment from
 * the left (so `/v1/customers/summary` beats `/v1/customers/{id}`), whatever the table's order.
 * A path that matches only with another method is no route at all: HTTP APIs answer 404, not 405.
 * A request is held only against the routes of its method and its number of segments, each
 * segment decoded once (a segment that is not valid percent-encoding matches no route).
 */
export function createRouteMatcher<R extends RoutePattern>(routes: readonly R[]) {
  const candidates = new Map<string, CompiledRoute<R>[]>();
  for (const compiled of routes
    .map((route): CompiledRoute<R> => ({ route, method: route.method.toUpperCase(), segments: parseTemplate(route.path) }))
    .sort(compareSpecificity)) {
    const key = `${compiled.method} ${compiled.segments.length}`;
    candidates.set(key, [...(candidates.get(key) ?? []), compiled]);
  }
  return (method: string, rawPath: string): RouteMatch<R> | undefined => {
    const parts = rawPath.split('/').slice(1);
    const routesOfShape = candidates.get(`${method.toUpperCase()} ${parts.length}`);
    if (!routesOfShape) return undefined;
    const values: string[] = [];
    for (const part of parts) {
      const value = decodeSegment(part);
      if (value === undefined) return undefined;
      values.push(value);
    }
    for (const candidate of routesOfShape) {
      const pathParameters = matchSegments(candidate.segments, values);
      if (pathParameters) return { route: candidate.route, pathParameters };
    }
    return undefined;
  };
}

/** The parts of an HTTP request the event is made of (header names lower-cased, repeats kept apart). */
export interface HttpRequestLike {
  readonly method: string;
  /** The request target as sent: path and query, e.g. `/v1/customers?q=ann&flag=a&flag=b`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: Buffer;
  readonly sourceIp: string;
  /** `HTTP/1.1` */
  readonly protocol: string;
}

export interface EventContext {
  /** The route key of the selected route, e.g. `GET /v1/customers/{id}`. */
  readonly routeKey: string;
  readonly pathParameters: Record<string, string>;
  /** Verified JWT claims, when the route has the JWT authorizer. */
  readonly jwt?: { readonly claims: Record<string, string>; readonly scopes: string[] | null };
  readonly requestId: string;
  readonly receivedAt: Date;
  /** The port the client reached (API Gateway's `x-forwarded-port`). */
  readonly port: number;
}

/**
 * Random bytes for ids, cut from a pool filled 4 KiB at a time: a `randomBytes` call of its own
 * for each request id and trace id cost more than building the rest of the event.
 */
const randomPool = Buffer.alloc(4096);
let randomPoolAt = randomPool.length;

function randomSlice(size: number): Buffer {
  if (randomPoolAt + size > randomPool.length) {
    randomFillSync(randomPool);
    randomPoolAt = 0;
  }
  randomPoolAt += size;
  return randomPool.subarray(randomPoolAt - size, randomPoolAt);
}

/** API Gateway's request id: ten random bytes in base64, e.g. `Mc7UVioPPHcEKPA=`. */
export function newApiRequestId(): string {
  return randomSlice(10).toString('base64');
}

/**
 * Body types API Gateway passes as text; every other body arrives base64-encoded with
 * `isBase64Encoded: true` (form posts and binary uploads included).
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/xml' ||
    type === 'application/javascript' ||
    type.endsWith('+json') ||
    type.endsWith('+xml')
  );
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** `12/Mar/2020:19:03:58 +0000`, the format of `requestContext.time`. */
export function apiGatewayTime(date: Date): string {
  return (
    `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** Repeated query keys are joined with commas; `+` is a space, as API Gateway decodes them. */
function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const parameters: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    parameters[key] = key in parameters ? `${parameters[key]},${value}` : value;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

function traceId(at: Date): string {
  return `Root=1-${Math.floor(at.getTime() / 1000).toString(16)}-${randomSlice(12).toString('hex')}`;
}

/**
 * Builds the payload 2.0 event for a request. Like API Gateway: header names lower-case and
 * repeated headers comma-joined; the `x-forwarded-*` and `x-amzn-trace-id` headers added; fields
 * without a value left out rather than null. The API uses no cookies: API Gateway would move a
 * `Cookie` header to `cookies`, which nothing reads, so it is simply left out.
 */
export function buildHttpApiEvent(request: HttpRequestLike, context: EventContext): ApiEvent {
  const target = request.url.split('#')[0] ?? '';
  const queryStart = target.indexOf('?');
  const rawPath = queryStart === -1 ? target : target.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? '' : target.slice(queryStart + 1);

  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.headers)) if (name !== 'cookie') headers[name] = values.join(',');
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${request.sourceIp}` : request.sourceIp;
  headers['x-forwarded-port'] = String(context.port);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= traceId(context.receivedAt);

  const domainName = headers.host ?? `127.0.0.1:${context.port}`;
  const hasBody = request.body.length > 0;
  const asText = isTextContentType(headers['content-type']);
  const queryStringParameters = queryParameters(rawQueryString);
  const hasPathParameters = Object.keys(context.pathParameters).length > 0;

  return {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath,
    rawQueryString,
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      ...(context.jwt ? { authorizer: { jwt: { claims: context.jwt.claims, scopes: context.jwt.scopes } } } : {}),
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method.toUpperCase(),
        path: rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: context.routeKey,
      stage: '$default',
      time: apiGatewayTime(context.receivedAt),
      timeEpoch: context.receivedAt.getTime(),
    },
    ...(hasBody ? { body: asText ? request.body.toString('utf8') : request.body.toString('base64') } : {}),
    ...(hasPathParameters ? { pathParameters: context.pathParameters } : {}),
    isBase64Encoded: hasBody && !asText,
  };
}

/**
 * JWT claims as API Gateway's JWT authorizer presents them: every value a string. Numbers and
 * booleans are printed; arrays take Go's form `[admin staff]` (that is how `cognito:groups`
 * reaches a function); objects Go's `map[key:value]`.
 */
export function presentClaims(payload: Record<string, unknown>): Record<string, string> {
  const show = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return `[${value.map(show).join(' ')}]`;
    if (value && typeof value === 'object') {
      const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
      return `map[${entries.map(([key, item]) => `${key}:${show(item)}`).join(' ')}]`;
    }
    return String(value);
  };
  return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, show(value)]));
}

/** The response API Gateway sends for a function's answer. */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** The function's answer cannot be turned into a response: API Gateway answers 500. */
export class InvalidFunctionResultError extends Error {
  override readonly name = 'InvalidFunctionResultError';
}

function isStructured(result: unknown): result is APIGatewayProxyStructuredResultV2 {
  return typeof result === 'object' && result !== null && !Array.isArray(result) && 'statusCode' in result;
}

/**
 * Turns a function's answer into the HTTP response, as payload 2.0 defines it: an object with
 * `statusCode` is taken as is (base64 bodies decoded; the API sets no cookies);
 * anything else is a 200 `application/json` whose body is the answer.
 */
export function httpResponseFromResult(result: unknown): HttpResponse {
  if (!isStructured(result)) {
    const body = result === undefined ? '' : typeof result === 'string' ? result : JSON.stringify(result);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body, 'utf8') };
  }
  const { statusCode, headers = {}, body, isBase64Encoded } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new InvalidFunctionResultError(`statusCode ${JSON.stringify(statusCode)} is not an HTTP status`);
  }
  if (body !== undefined && typeof body !== 'string') throw new InvalidFunctionResultError('body must be a string');
  return {
    statusCode,
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)])),
    body: body === undefined ? Buffer.alloc(0) : Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8'),
  };
}
