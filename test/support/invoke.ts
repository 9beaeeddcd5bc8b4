import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createRouteMatcher } from '../../infra/local/http-api-event';
import type { ApiEvent, ApiResult } from '../../shared/http/api-handler';
import { openApiDocument } from '../../shared/http/openapi';
import { routeList, type ApiFunctionName, type RouteEntry, type Role } from '../../shared/http/routes';

/**
 * Calls an API function's handler in-process with the API Gateway event AWS would build, as a
 * staff member of a tenant. Integration tests use this against DynamoDB Local.
 */
export interface Caller {
  tenantId: string;
  role?: Role;
  sub?: string;
  name?: string;
}

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  as?: Caller | null;
  /** The client address API Gateway reports (`requestContext.http.sourceIp`). @default 127.0.0.1 */
  from?: string;
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  body: any;
}

const handlers = new Map<ApiFunctionName, (event: ApiEvent, context: Context) => Promise<ApiResult>>();

async function handlerOf(fn: ApiFunctionName) {
  let handler = handlers.get(fn);
  if (!handler) {
    handler = ((await import(`../../functions/api/${fn}.ts`)) as { handler: typeof handler }).handler!;
    handlers.set(fn, handler);
  }
  return handler;
}

/** The same route selection as the local gateway (literal segments beat variables). */
const matchRoute = createRouteMatcher(routeList);

export async function call(method: string, url: string, options: CallOptions = {}): Promise<CallResult> {
  const [path, rawQuery = ''] = url.split('?') as [string, string?];
  const matched = matchRoute(method, path);
  if (!matched) throw new Error(`No route for ${method} ${path}`);
  const { route, pathParameters: params } = matched;
  const query = Object.fromEntries(new URLSearchParams(rawQuery));
  const caller = options.as;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const event = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: path,
    rawQueryString: rawQuery,
    headers: { 'content-type': 'application/json', ...options.headers },
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(params).length ? params : undefined,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: options.from ?? '127.0.0.1', userAgent: 'jest' },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
      ...(caller
        ? {
            authorizer: {
              jwt: {
                claims: {
                  sub: caller.sub ?? 'staff-1',
                  name: caller.name ?? 'Sam Staff',
                  'custom:tenantId': caller.tenantId,
                  'cognito:groups': `[${caller.role ?? 'admin'}]`,
                },
                scopes: null,
              },
            },
          }
        : {}),
    },
  } as unknown as ApiEvent;
  const handler = await handlerOf(route.fn);
  const result = await handler(event, { awsRequestId: randomUUID() } as Context);
  const text = typeof result.body === 'string' ? result.body : '';
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const answer = {
    status: result.statusCode ?? 200,
    headers,
    body: text && headers['content-type']?.includes('json') ? JSON.parse(text) : text,
  };
  observe(route, answer);
  return answer;
}

/**
 * Every status the integration tests see, per route key: the statuses the service really
 * answers. Each is compared with the OpenAPI document as it is seen, and a status the document
 * does not list for its route fails the call (and so the test that made it), naming both: the
 * document must say everything a route answers (`RouteSpec.problems` for what its shape does
 * not imply).
 */
export const observedStatuses = new Map<string, Set<number>>();

/** The statuses the OpenAPI document lists for a route. */
export function documentedStatuses(route: { method: string; path: string }): Set<number> {
  const paths = openApiDocument().paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
  return new Set(Object.keys(paths[route.path]?.[route.method.toLowerCase()]?.responses ?? {}).map(Number));
}

function observe(route: RouteEntry, answer: CallResult): void {
  let seen = observedStatuses.get(route.routeKey);
  if (!seen) observedStatuses.set(route.routeKey, (seen = new Set()));
  seen.add(answer.status);
  if (!documentedStatuses(route).has(answer.status)) {
    throw new Error(
      `${route.routeKey} answered ${answer.status}, which the OpenAPI document does not list for it. ` +
        `Say when in the route's \`problems\` (shared/http/routes/). The answer: ${JSON.stringify(answer.body)}`,
    );
  }
}

export function newTenant(label = 'tenant'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/**
 * A unique word of letters only, for emails and keys a test makes unique. Not `Date.now()` or a
 * UUID: their digits, joined by `.` or `-`, make 13–19 digits that pass Luhn one time in ten, and
 * the card screen rightly refuses those.
 */
export function uniqueLetters(): string {
  return randomUUID().replace(/-/g, '').replace(/\d/g, (digit) => 'ghijklmnop'[Number(digit)]!);
}

export { eventually } from './eventually';
