import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createGateway, type Gateway } from '../../infra/local/gateway';
import { createRouteMatcher } from '../../infra/local/http-api-event';
import type { LambdaHandler } from '../../infra/local/lambda-runtime';
import { dynamo, tableName } from '../../shared/db/client';
import { customerPk } from '../../shared/db/keys';
import type { ApiEvent, ApiResult } from '../../shared/http/api-handler';
import { routeList } from '../../shared/http/routes';
import { logger } from '../../shared/log';
import { call, newTenant, uniqueLetters } from '../support/invoke';
import { createPerson, newPersonBody } from '../support/factories/people';

/** The attacks of issue 11 on request input, each as an attacker would send it. */
const tenantId = newTenant('hardening');
const staffer = { tenantId, role: 'staff' as const };
const CARD = '4111111111111111';

const notesOf = async (customerId: string) =>
  (await call('GET', `/v1/customers/${customerId}/notes?limit=100`, { as: staffer })).body.items as unknown[];

/** Every item in a person's partition, read straight from the table. */
async function partitionItems(tenant: string, customerId: string) {
  const result = await dynamo.send(
    new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': customerPk(tenant, customerId) }, ConsistentRead: true }),
  );
  return result.Items ?? [];
}

/**
 * Calls a staff route with exactly these JWT claims, as API Gateway would pass them after its
 * authorizer verified the token (`call` only makes well-formed claims).
 */
const matchRoute = createRouteMatcher(routeList);
async function callWithClaims(method: string, path: string, claims: Record<string, unknown>, body?: unknown) {
  const { route, pathParameters } = matchRoute(method, path)!;
  const { handler } = (await import(`../../functions/api/${route.fn}.ts`)) as { handler: (event: ApiEvent, context: Context) => Promise<ApiResult> };
  const event = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { http: { method, path, sourceIp: '127.0.0.1' }, requestId: randomUUID(), routeKey: route.routeKey, authorizer: { jwt: { claims, scopes: null } } },
  } as unknown as ApiEvent;
  const result = await handler(event, { awsRequestId: randomUUID() } as Context);
  return { status: result.statusCode, body: JSON.parse(String(result.body ?? '{}')) as Record<string, unknown> };
}

describe('Card numbers', () => {
  it.each([
    ['full-width digits', '４１１１ １１１１ １１１１ １１１１'],
    ['Arabic-Indic digits', '٤١١١١١١١١١١١١١١١'],
    ['tabs and newlines', '4111\t1111\n1111\n1111'],
    ['no-break spaces', '4111\u00a01111\u00a01111\u00a01111'],
    ['a spaced dash', '4111 - 1111 - 1111 - 1111'],
    ['double spaces', '4111  1111  1111  1111'],
    ['dots, underscores and slashes', '4111.1111_1111/1111'],
    ['an expiry after it', 'card 4111 1111 1111 1111 12/30'],
    ['an expiry after it, no slash', 'card 4111-1111-1111-1111 0130'],
    ['a CVV glued on', 'card 4111111111111111123'],
  ])('refuses a note with a card number written with %s, and stores nothing', async (_layout, text) => {
    const person = await createPerson(staffer);
    const result = await call('POST', `/v1/customers/${person.id}/notes`, { as: staffer, body: { body: `pay with ${text} please` } });
    expect(result.status).toBe(400);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(result.body.errors).toEqual([{ path: 'body', message: expect.stringMatching(/card number/) }]);
    expect(await notesOf(person.id)).toEqual([]);
  });

  it('still takes notes with dates, phone numbers and ids', async () => {
    const person = await createPerson(staffer);
    const body = 'called 2024-01-02 from +1 (707) 555-1234 / 707-555-9876 about order 01JD5Z7W8K2Q3R4S5T6V7W8X9Y, ref 4111111111111112';
    expect((await call('POST', `/v1/customers/${person.id}/notes`, { as: staffer, body: { body } })).status).toBe(201);
  });

  it('refuses a card number as the Idempotency-Key, which is stored, and adds nothing', async () => {
    const person = await createPerson(staffer);
    const result = await call('POST', `/v1/customers/${person.id}/credits`, {
      as: staffer,
      body: { amountCents: 500, reason: 'gift' },
      headers: { 'Idempotency-Key': '4111-1111-1111-1111' },
    });
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual([{ path: 'Idempotency-Key', message: expect.stringMatching(/card number/) }]);
    expect((await call('GET', `/v1/customers/${person.id}/credits`, { as: staffer })).body).toMatchObject({ balanceCents: 0, items: [] });
  });

  it('refuses a card number as a path id, on staff and on public routes', async () => {
    const read = await call('GET', `/v1/customers/${CARD}`, { as: staffer });
    expect(read.status).toBe(400);
    expect(read.body.errors).toEqual([{ path: 'id', message: expect.stringMatching(/card number/) }]);
    const write = await call('POST', `/v1/customers/4111-1111-1111-1111/notes`, { as: staffer, body: { body: 'hello' } });
    expect(write.status).toBe(400);
    expect(write.body.errors).toEqual([{ path: 'id', message: expect.stringMatching(/card number/) }]);
    const login = await call('POST', `/portal/${CARD}/login`, { as: null, body: { email: 'a@example.com', password: 'whatever' } });
    expect(login.status).toBe(400);
    expect(login.body.errors).toEqual([{ path: 'tenantId', message: expect.stringMatching(/card number/) }]);
  });

  describe('in the logs', () => {
    let gateway: Gateway;
    const lines: string[] = [];
    const loadHandler = async (_kind: string, name: string) =>
      ((await import(`../../functions/api/${name}.ts`)) as { handler: LambdaHandler }).handler;

    beforeAll(async () => {
      gateway = await createGateway({ port: 0, loadHandler, log: (line) => lines.push(line) });
    });
    afterAll(() => gateway.close());
    afterEach(() => {
      jest.restoreAllMocks();
    });

    it('never shows a path id raw: the gateway logs the route key, the function logs none of it', async () => {
      const logged: unknown[] = [];
      for (const level of ['debug', 'info', 'warn', 'error'] as const) {
        jest.spyOn(logger, level).mockImplementation((...args: unknown[]) => void logged.push(args));
      }
      const token = await gateway.signToken({ tenantId, groups: ['staff'] });
      const paths = [`/v1/customers/${CARD}`, `/v1/customers/${CARD}/notes`, `/v1/no-such-route/${CARD}`, `/portal/${CARD}/login`];
      for (const path of paths) {
        const method = path.endsWith('login') ? 'POST' : 'GET';
        const response = await fetch(gateway.url + path, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          ...(method === 'POST' ? { body: JSON.stringify({ email: 'a@example.com', password: 'x' }) } : {}),
        });
        expect([400, 404]).toContain(response.status);
      }
      expect(lines).toEqual([
        expect.stringMatching(/^\[api\] GET \/v1\/customers\/\{id\} 400 /),
        expect.stringMatching(/^\[api\] GET \/v1\/customers\/\{id\}\/notes 400 /),
        expect.stringMatching(/^\[api\] GET \(no route\) 404 /),
        expect.stringMatching(/^\[api\] POST \/portal\/\{tenantId\}\/login 400 /),
      ]);
      expect(JSON.stringify([lines, logged])).not.toMatch(/4111/);
    });
  });
});

describe('Body nesting', () => {
  const deepArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('answers 400, not a crash, to 3 000 nested arrays on the public login', async () => {
    const result = await call('POST', `/portal/${tenantId}/login`, { as: null, rawBody: deepArrays(3000) });
    expect(result.status).toBe(400);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(result.body.errors).toEqual([{ path: '[0]'.repeat(32), message: 'nests deeper than 32 levels' }]);
  });

  it('answers 400 to a deep field on an idempotent create, and creates nothing', async () => {
    const person = await createPerson(staffer);
    const rawBody = `{"amountCents":500,"reason":${deepArrays(3000)}}`;
    const headers = { 'Idempotency-Key': `deep-${uniqueLetters()}` };
    const result = await call('POST', `/v1/customers/${person.id}/credits`, { as: staffer, rawBody, headers });
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual([{ path: 'reason' + '[0]'.repeat(31), message: 'nests deeper than 32 levels' }]);
    expect((await call('GET', `/v1/customers/${person.id}/credits`, { as: staffer })).body).toMatchObject({ balanceCents: 0, items: [] });
  });

  it('answers 400 to deeply nested objects too', async () => {
    const rawBody = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000);
    const result = await call('POST', '/v1/customers', { as: staffer, rawBody });
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual([{ path: Array(32).fill('a').join('.'), message: 'nests deeper than 32 levels' }]);
  });

  it('lets 32 levels through to the schema', async () => {
    const result = await call('POST', `/portal/${tenantId}/login`, { as: null, rawBody: deepArrays(32) });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body.errors)).not.toMatch(/nests deeper/);
  });
});

describe('Tenant and subject claims', () => {
  it('refuses a tenant claim that reaches into another tenant\'s person partition, and writes nothing there', async () => {
    const victim = await createPerson(staffer);
    const before = await partitionItems(tenantId, victim.id);
    const claims = { sub: 'attacker', name: 'Mallory', 'custom:tenantId': `${tenantId}#C#${victim.id}`, 'cognito:groups': '[admin]' };
    const result = await callWithClaims('POST', '/v1/customers', claims, newPersonBody());
    expect(result.status).toBe(401);
    expect(await partitionItems(tenantId, victim.id)).toEqual(before);
  });

  it.each([
    ['an array tenant', { 'custom:tenantId': [tenantId] }],
    ['a number tenant', { 'custom:tenantId': 1234 }],
    ['an upper-case tenant', { 'custom:tenantId': tenantId.toUpperCase() }],
    ['a tenant with a slash', { 'custom:tenantId': `${tenantId}/x` }],
    ['a one-letter tenant', { 'custom:tenantId': 'a' }],
    ['a tenant of 64 characters', { 'custom:tenantId': 'a'.repeat(64) }],
    ['a number subject', { sub: 42 }],
    ['an empty subject', { sub: '' }],
    ['no subject', { sub: undefined }],
    ['an object name', { name: { first: 'Mallory' } }],
  ])('answers 401 to %s', async (_what, bad) => {
    const claims = { sub: 'staff-1', name: 'Sam Staff', 'custom:tenantId': tenantId, 'cognito:groups': '[admin]', ...bad };
    const result = await callWithClaims('GET', '/v1/customers/summary', claims);
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ status: 401, type: expect.stringMatching(/unauthorized$/) });
  });

  it('takes a well-formed tenant, and a token without a name', async () => {
    const claims = { sub: 'staff-1', 'custom:tenantId': tenantId, 'cognito:groups': '[viewer]' };
    expect((await callWithClaims('GET', '/v1/customers/summary', claims)).status).toBe(200);
  });

  it('refuses a malformed tenant in the portal path with a 400 naming it', async () => {
    for (const tenant of ['ACME', 'acme_co', '-acme']) {
      const result = await call('POST', `/portal/${tenant}/login`, { as: null, body: { email: 'a@example.com', password: 'whatever' } });
      expect(result.status).toBe(400);
      expect(result.body.errors).toEqual([{ path: 'tenantId', message: expect.any(String) }]);
    }
  });

  it('the local identity provider signs no malformed tenant', async () => {
    const gateway = await createGateway({ port: 0 });
    try {
      const token = (tenant: unknown) => fetch(`${gateway.url}/local/token`, { method: 'POST', body: JSON.stringify({ tenantId: tenant }) });
      for (const tenant of [`${tenantId}#C#someone`, 'ACME', 'a']) {
        const refused = await token(tenant);
        expect(refused.status).toBe(400);
        expect(await refused.json()).toMatchObject({ errors: [{ path: 'tenantId', message: expect.any(String) }] });
      }
      expect((await token(tenantId)).status).toBe(200);
      await expect(gateway.signToken({ tenantId: 'x#C#y' })).rejects.toMatchObject({ kind: 'invalid', errors: [expect.objectContaining({ path: 'tenantId' })] });
    } finally {
      await gateway.close();
    }
  });
});

describe('Query limit', () => {
  it.each(['0x10', '0', '-1', 'abc', '1e1', ' 5', '5.0', '101', ''])('answers 400 naming limit to limit=%j', async (limit) => {
    const person = await createPerson(staffer);
    const result = await call('GET', `/v1/customers/${person.id}/notes?limit=${encodeURIComponent(limit)}`, { as: staffer });
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual([{ path: 'limit', message: expect.any(String) }]);
  });

  it('reads a decimal limit, and 25 without one', async () => {
    const person = await createPerson(staffer);
    for (let i = 0; i < 3; i += 1) await call('POST', `/v1/customers/${person.id}/notes`, { as: staffer, body: { body: `note ${i}` } });
    expect((await call('GET', `/v1/customers/${person.id}/notes?limit=2`, { as: staffer })).body.items).toHaveLength(2);
    expect((await call('GET', `/v1/customers/${person.id}/notes`, { as: staffer })).body.items).toHaveLength(3);
  });
});

describe('Location on 201', () => {
  it('points at each created resource', async () => {
    // A verified adult: orders are for adults only.
    const created = await call('POST', '/v1/customers', { as: staffer, body: newPersonBody({ birthDate: '1980-04-02' }) });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/v1/customers/${created.body.id}`);
    await call('POST', `/v1/customers/${created.body.id}/age-verification`, { as: staffer, body: { method: 'manual', note: 'ID checked' } });
    const id = created.body.id as string;

    const address = await call('POST', `/v1/customers/${id}/addresses`, { as: staffer, body: { kind: 'shipping', line1: '1 Vine St', country: 'US' } });
    expect(address.status).toBe(201);
    expect(address.headers.location).toBe(`/v1/customers/${id}/addresses/${address.body.id}`);

    const order = await call('POST', '/v1/orders', {
      as: staffer,
      body: { customerId: id, lines: [{ sku: 'CAB-2019', name: 'Cabernet 2019', quantity: 1, unitPriceCents: 2500 }], fulfillment: 'pickup' },
    });
    expect(order.status).toBe(201);
    expect(order.headers.location).toBe(`/v1/orders/${order.body.id}`);

    const klass = await call('POST', '/v1/customer-classes', { as: { tenantId, role: 'admin' }, body: { name: `Friends ${randomUUID().slice(0, 4)}`, discountPercent: 5 } });
    expect(klass.status).toBe(201);
    expect(klass.headers.location).toBe(`/v1/customer-classes/${klass.body.id}`);
  });

  it('is the same on a replayed create', async () => {
    const headers = { 'Idempotency-Key': `loc-${uniqueLetters()}` };
    const body = newPersonBody();
    const first = await call('POST', '/v1/customers', { as: staffer, body, headers });
    const again = await call('POST', '/v1/customers', { as: staffer, body, headers });
    expect(again.status).toBe(201);
    expect(again.headers.location).toBe(first.headers.location);
    expect(first.headers.location).toBe(`/v1/customers/${first.body.id}`);
  });

  it('is absent on a portal session, a token rather than a resource', async () => {
    const person = await createPerson(staffer);
    const session = await call('POST', `/v1/customers/${person.id}/portal-session`, { as: staffer });
    expect(session.status).toBe(201);
    expect(session.headers.location).toBeUndefined();
  });
});

describe('Portal login lockout', () => {
  it('tells the locked-out client when to try again (Retry-After)', async () => {
    const person = await createPerson(staffer);
    const login = (password: string) => call('POST', `/portal/${tenantId}/login`, { as: null, body: { email: person.email, password } });
    for (let i = 0; i < 5; i += 1) expect((await login(`wrong ${i}`)).status).toBe(401);
    const locked = await login('still wrong');
    expect(locked.status).toBe(429);
    const seconds = Number(locked.headers['retry-after']);
    expect(Number.isInteger(seconds)).toBe(true);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
  });
});
