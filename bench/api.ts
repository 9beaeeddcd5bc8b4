import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import type { Context } from 'aws-lambda';
import type { RouteEntry } from '../shared/http/routes';
import type { App } from './app';

/**
 * How the bench calls the API. Preferred: the local HTTP gateway (`infra/local/gateway.ts`,
 * `createGateway`): a real HTTP request with a signed staff token, verified as API Gateway's
 * JWT authorizer would, turned into the payload-2.0 event, handled by the same function
 * module. The gateway runs in this process, so the function's DynamoDB client is the one the
 * meter is installed on. Also (and as the fallback when the gateway is missing): the handler
 * called in-process with the event the gateway's own builder makes (`http-api-event.ts`).
 */
export interface ApiResponse {
  readonly status: number;
  readonly body: string;
}

export interface ApiCaller {
  readonly label: string;
  call(tenantId: string, method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse>;
  /** Gateway only: an HTTP round trip to a path no route matches (404 before any JWT check). */
  hopOnly?(): Promise<ApiResponse>;
  /** Gateway only: its JWT verification of a staff token, called directly. */
  verifyToken?(tenantId: string): Promise<void>;
  close(): Promise<void>;
}

export async function openGateway(): Promise<ApiCaller | { error: string }> {
  let module: Record<string, unknown>;
  try {
    module = (await import('../infra/local/gateway')) as Record<string, unknown>;
  } catch (error) {
    return { error: `infra/local/gateway.ts could not be imported: ${(error as Error).message}` };
  }
  if (typeof module.createGateway !== 'function') return { error: 'infra/local/gateway.ts exports no createGateway' };
  const { createGateway } = module as unknown as typeof import('../infra/local/gateway');
  // The gateway's log: per-request lines are dropped; failures (a function that threw) go to stderr.
  const gateway = await createGateway({
    port: 0,
    log: (line) => {
      if (!/^\[api\] [A-Z]+ \S+ \d{3} \d+ ms$/.test(line)) process.stderr.write(`[gateway] ${line}\n`);
    },
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (tenantId: string) => {
    let token = tokens.get(tenantId);
    if (!token) {
      token = gateway.signToken({ tenantId, groups: ['admin'], name: 'Bench Staff' });
      tokens.set(tenantId, token);
    }
    return token;
  };
  const url = new URL(gateway.url);
  const send = (method: string, path: string, headers: Record<string, string>, payload: Buffer | undefined) =>
    new Promise<ApiResponse>((resolve, reject) => {
      const req = httpRequest(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: {
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return {
    label: 'local gateway (HTTP, JWT verified)',
    async call(tenantId, method, path, body, headers = {}) {
      const token = await tokenFor(tenantId);
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      return send(method, path, { authorization: `Bearer ${token}`, ...headers }, payload);
    },
    hopOnly: () => send('GET', '/bench-no-such-route', {}, undefined),
    async verifyToken(tenantId) {
      const verification = await gateway.identity.verifyAuthorization(`Bearer ${await tokenFor(tenantId)}`);
      if (!verification.ok) throw new Error(`token rejected: ${verification.description}`);
    },
    close: async () => {
      agent.destroy();
      await gateway.close();
    },
  };
}

/** The handler called in-process with the payload-2.0 event the gateway would build. */
export async function openInProcess(app: App): Promise<ApiCaller> {
  const events = await import('../infra/local/http-api-event');
  const runtime = await import('../infra/local/lambda-runtime');
  const match = events.createRouteMatcher<RouteEntry>(app.routes.routeList);
  return {
    label: 'handler in-process (payload-2.0 event)',
    async call(tenantId, method, url, body, headers = {}) {
      const path = url.split('?')[0] ?? url;
      const found = match(method, path);
      if (!found) throw new Error(`no route for ${method} ${path}`);
      const { route, pathParameters } = found;
      const now = Math.floor(Date.now() / 1000);
      const claims = events.presentClaims({
        sub: 'bench-staff',
        'cognito:groups': ['admin'],
        'cognito:username': 'bench-staff',
        name: 'Bench Staff',
        'custom:tenantId': tenantId,
        token_use: 'id',
        iat: now,
        exp: now + 3600,
      });
      const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
      const event = events.buildHttpApiEvent(
        {
          method,
          url,
          headers: Object.fromEntries(
            Object.entries({ ...(payload.length ? { 'content-type': 'application/json' } : {}), ...headers }).map(([k, v]) => [k, [v]]),
          ),
          body: payload,
          sourceIp: '127.0.0.1',
          protocol: 'HTTP/1.1',
        },
        {
          routeKey: route.routeKey,
          pathParameters,
          jwt: { claims, scopes: null },
          requestId: events.newApiRequestId(),
          receivedAt: new Date(),
          port: 0,
        },
      );
      const handler = await runtime.loadFunctionHandler('api', route.fn);
      const result = await handler(event as never, { awsRequestId: randomUUID() } as Context);
      const response = events.httpResponseFromResult(result);
      return { status: response.statusCode, body: response.body.toString('utf8') };
    },
    close: async () => undefined,
  };
}
