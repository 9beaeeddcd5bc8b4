import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Context } from 'aws-lambda';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { ApiEvent } from '../../shared/http/api-handler';
import { routeList } from '../../shared/http/routes';
import { createGateway, type Gateway } from '../../infra/local/gateway';
import type { FunctionKind, LambdaHandler } from '../../infra/local/lambda-runtime';
import { MissingFunctionError } from '../../infra/local/lambda-runtime';
import { createLocalIdentity } from '../../infra/local/local-identity';
import { UnknownJobError } from '../../infra/local/scheduler';

/**
 * The gateway in-process, with the real route table and a stand-in for the function modules,
 * so a test sees exactly which event a function got, or that it got none.
 */
describe('Class: Gateway', () => {
  let gateway: Gateway;
  const calls: { kind: FunctionKind; name: string; event: ApiEvent; context: Context }[] = [];
  let answer: (event: ApiEvent) => unknown = () => ({ statusCode: 200, body: '{}' });
  const jobRuns: { name: string; now?: string }[] = [];

  const loadHandler = async (kind: FunctionKind, name: string): Promise<LambdaHandler> => {
    if (name === 'settings') throw new MissingFunctionError('functions/api/settings.ts does not exist yet');
    return async (event: ApiEvent, context: Context) => {
      calls.push({ kind, name, event, context });
      return answer(event);
    };
  };

  beforeAll(async () => {
    gateway = await createGateway({
      port: 0,
      loadHandler,
      runJob: async (name, options) => {
        if (name !== 'pause-expiry') throw new UnknownJobError(`No job named "${name}"`);
        jobRuns.push({ name, ...options });
        return { resumed: 2 };
      },
    });
  });

  afterAll(async () => {
    await gateway.close();
  });

  beforeEach(() => {
    calls.length = 0;
    jobRuns.length = 0;
    answer = () => ({ statusCode: 200, body: '{}' });
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${gateway.url}${path}`, { headers });
  /** A request over `node:http`, its body written in the given pieces (chunked when no Content-Length is set), and the answer as sent. */
  const rawRequest = (method: string, path: string, headers: Record<string, string> = {}, pieces: string[] = []) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const sent = httpRequest(`${gateway.url}${path}`, { method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      sent.on('error', reject);
      for (const piece of pieces) sent.write(piece);
      sent.end();
    });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  describe('Method: staff routes (JWT authorizer)', () => {
    it('answers 401 without calling the function when there is no token', async () => {
      const response = await get('/v1/customers');
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
      expect(response.headers.get('www-authenticate')).toContain('invalid_token');
      expect(calls).toHaveLength(0);
    });

    it.each([
      ['an expired token', { now: new Date(Date.now() - 2 * 3600_000) }, 'expired'],
      ['a token for another audience', { extraClaims: { aud: 'someone-else' } }, 'audience'],
      ['a token from another issuer', { extraClaims: { iss: 'https://evil.example' } }, 'issuer'],
      ['a token not valid yet', { extraClaims: { nbf: Math.floor(Date.now() / 1000) + 600 } }, 'not valid yet'],
    ])('refuses %s', async (_, options, reason) => {
      const token = await gateway.signToken({ tenantId: 't1' }, options);
      const response = await get('/v1/customers', bearer(token));
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain(reason);
      expect(calls).toHaveLength(0);
    });

    it('refuses a token signed with another key', async () => {
      const other = await createLocalIdentity();
      const response = await get('/v1/customers', bearer(await other.signToken({ tenantId: 't1' })));
      expect(response.status).toBe(401);
      expect(calls).toHaveLength(0);
    });

    it('refuses a token whose claims were changed after signing', async () => {
      const [header, payload, signature] = (await gateway.signToken({ tenantId: 't1', groups: ['viewer'] })).split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
      const forged = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString('base64url');
      const response = await get('/v1/customers', bearer(`${header}.${forged}.${signature}`));
      expect(response.status).toBe(401);
      expect(calls).toHaveLength(0);
    });

    it('hands the function the claims as API Gateway presents them', async () => {
      const token = await gateway.signToken({ tenantId: 't1', sub: 'u-1', name: 'Ann', groups: ['admin', 'staff'] });
      const response = await get('/v1/customers?q=ann', bearer(token));
      expect(response.status).toBe(200);
      expect(calls).toHaveLength(1);
      const { event, name, kind, context } = calls[0] as (typeof calls)[number];
      expect({ kind, name }).toEqual({ kind: 'api', name: 'customers' });
      expect(event.routeKey).toBe('GET /v1/customers');
      expect(event.headers.authorization).toBe(`Bearer ${token}`);
      expect(event.requestContext.authorizer?.jwt).toEqual({
        claims: expect.objectContaining({
          sub: 'u-1',
          name: 'Ann',
          'custom:tenantId': 't1',
          'cognito:groups': '[admin staff]',
          token_use: 'id',
          exp: expect.stringMatching(/^\d+$/),
        }),
        scopes: null,
      });
      expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
      expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("gives each event claims of its own: what one call does to them never reaches the next", async () => {
      const token = await gateway.signToken({ tenantId: 't1', sub: 'u-1', groups: ['viewer'] });
      answer = (event) => {
        const claims = event.requestContext.authorizer!.jwt!.claims!;
        const seen = { tenant: claims['custom:tenantId'], groups: claims['cognito:groups'] };
        claims['custom:tenantId'] = 'someone-else';
        claims['cognito:groups'] = '[admin]';
        return { statusCode: 200, body: JSON.stringify(seen) };
      };
      const first = await (await get('/v1/customers', bearer(token))).json();
      const second = await (await get('/v1/customers', bearer(token))).json();
      expect([first, second]).toEqual([
        { tenant: 't1', groups: '[viewer]' },
        { tenant: 't1', groups: '[viewer]' },
      ]);
    });

    it('accepts the token without the Bearer prefix, as the authorizer does', async () => {
      const token = await gateway.signToken({ tenantId: 't1' });
      expect((await get('/v1/customers', { authorization: token })).status).toBe(200);
    });
  });

  describe('Method: routing', () => {
    it('passes public routes through without a token', async () => {
      const response = await get('/health');
      expect(response.status).toBe(200);
      expect(calls[0]?.event.routeKey).toBe('GET /health');
      expect(calls[0]?.event.requestContext.authorizer).toBeUndefined();
    });

    it('sends a literal path to its own route, not to the template beside it', async () => {
      const token = await gateway.signToken({ tenantId: 't1' });
      await get('/v1/customers/summary', bearer(token));
      await get('/v1/customers/c-42', bearer(token));
      expect(calls.map((call) => [call.event.routeKey, call.event.pathParameters])).toEqual([
        ['GET /v1/customers/summary', undefined],
        ['GET /v1/customers/{id}', { id: 'c-42' }],
      ]);
    });

    it('answers 404 for an unknown path or a known path with another method', async () => {
      for (const response of [await get('/v2/nothing'), await fetch(`${gateway.url}/health`, { method: 'DELETE' })]) {
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ message: 'Not Found' });
      }
      expect(calls).toHaveLength(0);
    });

    it('serves every route of the route table', async () => {
      const token = await gateway.signToken({ tenantId: 't1' });
      for (const route of routeList.filter((r) => r.fn !== 'settings')) {
        const path = route.path.replace(/\{([^}+]+)\+?\}/g, 'x');
        const response = await fetch(`${gateway.url}${path}`, { method: route.method, headers: bearer(token) });
        expect([route.routeKey, response.status]).toEqual([route.routeKey, 200]);
        expect(calls.at(-1)?.event.routeKey).toBe(route.routeKey);
      }
    });
  });

  describe('Method: responses', () => {
    it('returns status, headers and a decoded base64 body', async () => {
      answer = () => ({
        statusCode: 201,
        headers: { 'content-type': 'application/pdf', etag: '"3"' },
        body: Buffer.from('%PDF-1.7').toString('base64'),
        isBase64Encoded: true,
      });
      const response = await get('/health');
      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('etag')).toBe('"3"');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('apigw-requestid')).toBe(calls[0]?.event.requestContext.requestId);
      expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('%PDF-1.7');
    });

    it('sends the body whole with its Content-Length, as API Gateway does, never chunked', async () => {
      answer = () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Zoë' }) });
      const answered = await rawRequest('GET', '/health');
      expect(answered.status).toBe(200);
      expect(answered.headers['transfer-encoding']).toBeUndefined();
      expect(answered.headers['content-length']).toBe(String(Buffer.byteLength('{"name":"Zoë"}')));
      expect(answered.body).toBe('{"name":"Zoë"}');

      answer = () => ({ statusCode: 204 });
      const empty = await rawRequest('GET', '/health');
      expect(empty.status).toBe(204);
      expect(empty.headers['content-length']).toBeUndefined();
      expect(empty.headers['transfer-encoding']).toBeUndefined();
    });

    it('hands the function a body sent with a length or in chunks, and none for a request without', async () => {
      answer = () => ({ statusCode: 200, body: '{}' });
      const token = await gateway.signToken({ tenantId: 't1' });
      const body = JSON.stringify({ billingAddress: { firstName: 'Ada', lastName: 'Lovelace' } });
      await rawRequest('POST', '/v1/customers', { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, [body]);
      await rawRequest('POST', '/v1/customers', { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, [body.slice(0, 10), body.slice(10)]);
      await rawRequest('GET', '/v1/customers', { authorization: `Bearer ${token}` });
      expect(calls.map((call) => call.event.body)).toEqual([body, body, undefined]);
      expect(calls[1]?.event.headers['transfer-encoding']).toBe('chunked');
    });

    it('answers 500 with no detail when the function throws', async () => {
      answer = () => {
        throw new Error('secret internals');
      };
      const response = await get('/health');
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('{"message":"Internal Server Error"}');
    });

    it('answers 503 with Retry-After, never 500, when the function runs past its time', async () => {
      const slow = await createGateway({
        port: 0,
        functionTimeoutMs: 100,
        loadHandler: async () => async () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: '{}' }), 400)),
      });
      try {
        const response = await fetch(`${slow.url}/health`);
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('2');
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect(await response.json()).toEqual(expect.objectContaining({ status: 503, title: 'Service busy' }));
      } finally {
        await slow.close();
      }
    });

    it('answers 500 when the function module is missing', async () => {
      const response = await get('/v1/settings', bearer(await gateway.signToken({ tenantId: 't1' })));
      expect(response.status).toBe(500);
    });

    it('answers a CORS preflight itself', async () => {
      const response = await fetch(`${gateway.url}/v1/customers`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(calls).toHaveLength(0);
    });
  });

  describe('Method: local routes', () => {
    it('issues a token that the authorizer accepts', async () => {
      const response = await fetch(`${gateway.url}/local/token`, { method: 'POST', body: JSON.stringify({ tenantId: 't9', groups: ['viewer'] }) });
      expect(response.status).toBe(200);
      const { token } = (await response.json()) as { token: string };
      expect((await get('/v1/customers', bearer(token))).status).toBe(200);
      expect(calls[0]?.event.requestContext.authorizer?.jwt?.claims).toMatchObject({ 'custom:tenantId': 't9', 'cognito:groups': '[viewer]' });
    });

    it('defaults the groups to admin', async () => {
      const response = await fetch(`${gateway.url}/local/token`, { method: 'POST', body: '{"tenantId":"t9"}' });
      const { token } = (await response.json()) as { token: string };
      await get('/v1/customers', bearer(token));
      expect(calls[0]?.event.requestContext.authorizer?.jwt?.claims?.['cognito:groups']).toBe('[admin]');
    });

    it('lists every bad field of a token request', async () => {
      const response = await fetch(`${gateway.url}/local/token`, { method: 'POST', body: JSON.stringify({ groups: ['owner'], extra: 1 }) });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const body = (await response.json()) as { errors: { path: string }[] };
      expect(body.errors.map((e) => e.path).sort()).toEqual(['extra', 'groups[0]', 'tenantId']);
    });

    it('refuses a token request that is not JSON', async () => {
      const response = await fetch(`${gateway.url}/local/token`, { method: 'POST', body: 'tenantId=t1' });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { title: string }).title).toBe('Malformed request');
    });

    it('runs a job now, as if at the given time, and answers its result', async () => {
      const response = await fetch(`${gateway.url}/local/jobs/pause-expiry`, { method: 'POST', body: '{"now":"2026-07-01T00:00:00Z"}' });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ resumed: 2 });
      expect(jobRuns).toEqual([{ name: 'pause-expiry', now: '2026-07-01T00:00:00Z' }]);
    });

    it('answers 404 problem+json for an unknown job and 400 for a bad instant', async () => {
      const unknown = await fetch(`${gateway.url}/local/jobs/nope`, { method: 'POST' });
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toBe('application/problem+json');
      const bad = await fetch(`${gateway.url}/local/jobs/pause-expiry`, { method: 'POST', body: '{"now":"tomorrow"}' });
      expect(bad.status).toBe(400);
      expect(jobRuns).toHaveLength(0);
    });
  });
});
