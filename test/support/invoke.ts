import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createRouteMatcher } from '../../infra/local/http-api-event';
import type { ApiEvent, ApiResult } from '../../shared/http/api-handler';
import { routeList, type ApiFunctionName, type Role } from '../../shared/http/routes';

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
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
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
  return {
    status: result.statusCode ?? 200,
    headers,
    body: text && headers['content-type']?.includes('json') ? JSON.parse(text) : text,
  };
}

export function newTenant(label = 'tenant'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

export { eventually } from './eventually';
