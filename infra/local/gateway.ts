import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWTPayload } from 'jose';
import * as z from '../../shared/schemas/zod';
import { lazySchema } from '../../shared/schemas/lazy-schema';
import { DomainError, MalformedRequestError, ServiceBusyError, ValidationError } from '../../shared/errors';
import { internalErrorBody, problemBody, problemHeaders, problemStatus } from '../../shared/http/problem';
import { fieldErrors } from '../../shared/http/field-errors';
import { routeList, type RouteEntry } from '../../shared/http/routes';
import { cors } from '../../shared/http/cors';
import {
  InvalidFunctionResultError,
  buildHttpApiEvent,
  createRouteMatcher,
  httpResponseFromResult,
  newApiRequestId,
  presentClaims,
  type EventContext,
  type HttpRequestLike,
  type HttpResponse,
  type RouteMatch,
} from './http-api-event';
import {
  FunctionTimeoutError,
  MissingFunctionError,
  invokeFunction,
  loadFunctionHandler,
  type HandlerLoader,
} from './lambda-runtime';
import { createLocalIdentity, staffGroups, type LocalIdentity, type LocalIdentityOptions } from './local-identity';
import { UnknownJobError, type Scheduler } from './scheduler';

/**
 * The local API Gateway (HTTP API): routes from the route table, the JWT authorizer on staff
 * routes, the payload 2.0 event, the same handlers, CORS as configured in AWS; plus two
 * local-only routes that are never deployed: `POST /local/token` and `POST /local/jobs/{job}`.
 */

/** API Gateway's HTTP API refuses bodies over 10 MB before any function sees them. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

/** CORS as the HTTP API is configured (`shared/http/cors.ts`); locally any origin may call. */
export const corsHeaders = {
  allowOrigin: '*',
  allowMethods: [...new Set(routeList.map((route) => route.method)), 'OPTIONS'].join(','),
  allowHeaders: cors.allowHeaders.join(','),
  exposeHeaders: cors.exposeHeaders.join(','),
  maxAgeSeconds: cors.maxAgeSeconds,
} as const;

export interface GatewayOptions extends LocalIdentityOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** Defaults to the route table. */
  readonly routes?: readonly RouteEntry[];
  readonly loadHandler?: HandlerLoader;
  /** An identity to share (else one is made from issuer, audience and keyFile). */
  readonly identity?: LocalIdentity;
  /** What `POST /local/jobs/{job}` calls; without it every job is unknown. */
  readonly runJob?: Scheduler['runJob'];
  /** One line per request and per failure; silent when omitted. */
  readonly log?: (line: string) => void;
  /** The API functions' timeout; defaults to theirs in AWS (`shared/function-sizing.ts`). Tests shorten it. */
  readonly functionTimeoutMs?: number;
}

export interface Gateway {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly identity: LocalIdentity;
  /** Signs a staff token as `POST /local/token` does. */
  readonly signToken: LocalIdentity['signToken'];
  close(): Promise<void>;
}

const TokenBody = lazySchema(() => z.strictObject({
  tenantId: z.string().check(z.minLength(1)),
  sub: z.optional(z.string().check(z.minLength(1))),
  name: z.optional(z.string().check(z.minLength(1))),
  groups: z.optional(z.array(z.enum(staffGroups))),
}));

const JobBody = lazySchema(() => z.strictObject({ now: z.optional(z.iso.datetime({ offset: true })) }));

const localRoutes = [
  { method: 'POST', path: '/local/token' },
  { method: 'POST', path: '/local/jobs/{job}' },
] as const;

type LocalRoute = (typeof localRoutes)[number];

class PayloadTooLarge extends Error {}

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(body)) };
}

/** API Gateway's own answers are `{"message": "..."}`. */
const gatewayMessage = (statusCode: number, message: string, headers?: Record<string, string>) => json(statusCode, { message }, headers);

function problem(error: DomainError): HttpResponse {
  return { ...json(problemStatus(error), problemBody(error)), headers: { ...problemHeaders(error), 'content-type': 'application/problem+json' } };
}

function internalProblem(): HttpResponse {
  return { ...json(500, internalErrorBody), headers: { 'content-type': 'application/problem+json' } };
}

const NO_BODY = Buffer.alloc(0);

async function readBody(request: IncomingMessage): Promise<Buffer> {
  // Neither Content-Length nor Transfer-Encoding: HTTP/1.1 says the request has no body (RFC 9112
  // § 6.3), so there is nothing to wait for (a GET: most of the console's calls).
  if (request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined) return NO_BODY;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_REQUEST_BYTES) throw new PayloadTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function requestLike(request: IncomingMessage, body: Buffer): HttpRequestLike {
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(request.headersDistinct)) if (values) headers[name] = values;
  return {
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    headers,
    body,
    sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    protocol: `HTTP/${request.httpVersion}`,
  };
}

/** A local route's JSON body; `undefined` when empty. Throws a 400 when it is not JSON. */
function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new MalformedRequestError('The body is not valid JSON.');
  }
}

/** The path of a request target, without query or fragment. */
function pathOf(url: string): string {
  return (url.split('?')[0] ?? '/').split('#')[0] ?? '/';
}

function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(fieldErrors(result.error));
  return result.data;
}

/** Starts the gateway on 127.0.0.1 and resolves once it listens. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const identity = options.identity ?? (await createLocalIdentity(options));
  const loadHandler = options.loadHandler ?? loadFunctionHandler;
  const log = options.log ?? (() => undefined);
  const matchRoute = createRouteMatcher(options.routes ?? routeList);
  const matchLocalRoute = createRouteMatcher(localRoutes);
  let port = options.port;

  async function callFunction(route: RouteEntry, request: HttpRequestLike, context: EventContext): Promise<HttpResponse> {
    try {
      const handler = await loadHandler('api', route.fn);
      const event = buildHttpApiEvent(request, context);
      const result = await invokeFunction(handler, event, { kind: 'api', name: route.fn, timeoutMs: options.functionTimeoutMs });
      return httpResponseFromResult(result);
    } catch (error) {
      // What CloudWatch would show; the client gets API Gateway's bare answer. A function that
      // runs past its time has answered 503 itself before it (`api-handler.ts`); one that still
      // does not is a busy service too, never a 500: try again.
      if (error instanceof FunctionTimeoutError) {
        log(`[api] ${route.routeKey}: functions/api/${route.fn}.ts ${error.message}`);
        return problem(new ServiceBusyError('The request took too long; nothing may have been finished. Try again.', 2));
      }
      if (error instanceof MissingFunctionError || error instanceof InvalidFunctionResultError) {
        log(`[api] ${route.routeKey}: ${error.message}`);
      } else {
        log(`[api] ${route.routeKey}: functions/api/${route.fn}.ts threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      return gatewayMessage(500, 'Internal Server Error');
    }
  }

  // The claims as the authorizer presents them, once per verified token: the identity hands out the
  // same payload for a token it has verified before (each event still gets a copy of its own).
  const presented = new WeakMap<JWTPayload, Record<string, string>>();
  function claimsOf(payload: JWTPayload): Record<string, string> {
    let claims = presented.get(payload);
    if (!claims) {
      claims = presentClaims(payload);
      presented.set(payload, claims);
    }
    return claims;
  }

  async function respondToRoute(
    request: HttpRequestLike,
    match: RouteMatch<RouteEntry> | undefined,
    requestId: string,
    receivedAt: Date,
  ): Promise<HttpResponse> {
    if (!match) return gatewayMessage(404, 'Not Found');
    const { route, pathParameters } = match;
    let jwt: EventContext['jwt'];
    if (route.access.kind === 'staff') {
      const verification = await identity.verifyAuthorization(request.headers.authorization?.[0]);
      if (!verification.ok) {
        // Like the JWT authorizer: the function is never called.
        return gatewayMessage(401, 'Unauthorized', {
          'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${verification.description}"`,
        });
      }
      const scope = verification.payload.scope;
      jwt = { claims: { ...claimsOf(verification.payload) }, scopes: typeof scope === 'string' ? scope.split(' ') : null };
    }
    return callFunction(route, request, { routeKey: route.routeKey, pathParameters, jwt, requestId, receivedAt, port });
  }

  async function respondToLocalRoute(request: HttpRequestLike, match: RouteMatch<LocalRoute> | undefined): Promise<HttpResponse> {
    if (!match) return gatewayMessage(404, 'Not Found');
    try {
      if (match.route.path === '/local/token') {
        const body = validate(TokenBody, parseJsonBody(request.body) ?? {});
        return json(200, { token: await identity.signToken(body) });
      }
      const job = match.pathParameters.job ?? '';
      const body = validate(JobBody, parseJsonBody(request.body) ?? {});
      if (!options.runJob) throw new UnknownJobError(`No job named "${job}": this gateway runs no jobs.`);
      const result = await options.runJob(job, { now: body.now });
      return json(200, result ?? null);
    } catch (error) {
      if (error instanceof DomainError) return problem(error);
      if (error instanceof UnknownJobError) return problem(new DomainError('not-found', 'not-found', 'Not found', error.message));
      log(`[local] ${match.route.method} ${match.route.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return internalProblem();
    }
  }

  /** The route a request selects, matched once: a local route under `/local/`, else one of the route table. */
  type Target =
    | { readonly local: true; readonly match: RouteMatch<LocalRoute> | undefined }
    | { readonly local: false; readonly match: RouteMatch<RouteEntry> | undefined };

  function targetOf(method: string, rawPath: string): Target {
    return rawPath.startsWith('/local/') ? { local: true, match: matchLocalRoute(method, rawPath) } : { local: false, match: matchRoute(method, rawPath) };
  }

  /**
   * What a log line names a request by: its route, never the raw path, whose ids are whatever
   * the client typed (a card number among them).
   */
  function logName(method: string, target: Target): string {
    return target.match ? `${target.match.route.method} ${target.match.route.path}` : `${method.toUpperCase()} (no route)`;
  }

  async function respond(request: IncomingMessage, target: Target): Promise<HttpResponse> {
    const receivedAt = new Date();
    const requestId = newApiRequestId();
    let body: Buffer;
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof PayloadTooLarge) return gatewayMessage(413, 'Request Entity Too Large');
      throw error;
    }
    const http = requestLike(request, body);
    if (http.method === 'OPTIONS' && http.headers['access-control-request-method']) {
      return {
        statusCode: 204,
        headers: {
          'access-control-allow-methods': corsHeaders.allowMethods,
          'access-control-allow-headers': corsHeaders.allowHeaders,
          'access-control-max-age': String(corsHeaders.maxAgeSeconds),
        },
        body: NO_BODY,
      };
    }
    if (target.local) return respondToLocalRoute(http, target.match);
    const response = await respondToRoute(http, target.match, requestId, receivedAt);
    return { ...response, headers: { ...response.headers, 'apigw-requestid': requestId } };
  }

  /** As API Gateway sends it: the body whole, with its `Content-Length` (never chunked). */
  function send(response: ServerResponse, reply: HttpResponse): void {
    const bodiless = reply.statusCode === 204 || reply.statusCode === 304 || reply.statusCode < 200;
    response.writeHead(reply.statusCode, {
      ...reply.headers,
      ...(bodiless ? {} : { 'content-length': String(reply.body.length) }),
      'access-control-allow-origin': corsHeaders.allowOrigin,
      'access-control-expose-headers': corsHeaders.exposeHeaders,
    });
    response.end(bodiless ? undefined : reply.body);
  }

  const server = createServer((request, response) => {
    const started = performance.now();
    const method = request.method ?? 'GET';
    const target = targetOf(method, pathOf(request.url ?? '/'));
    respond(request, target)
      .catch((error: unknown) => {
        log(`[api] gateway error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return gatewayMessage(500, 'Internal Server Error');
      })
      .then((reply) => {
        send(response, reply);
        log(`[api] ${logName(method, target)} ${reply.statusCode} ${Math.round(performance.now() - started)} ms`);
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    identity,
    signToken: identity.signToken,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
