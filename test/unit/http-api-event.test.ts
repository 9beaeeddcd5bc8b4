import { describe, expect, it } from '@jest/globals';
import { parseGroups, roleFromGroups, staffAuthFromClaims } from '../../shared/http/auth';
import { routeList } from '../../shared/http/routes';
import {
  InvalidFunctionResultError,
  apiGatewayTime,
  buildHttpApiEvent,
  createRouteMatcher,
  httpResponseFromResult,
  presentClaims,
  type HttpRequestLike,
} from '../../infra/local/http-api-event';

describe('Function: createRouteMatcher', () => {
  const match = createRouteMatcher(routeList);

  it('lets a literal path win over a template, as API Gateway does', () => {
    expect(match('GET', '/v1/customers/summary')?.route.routeKey).toBe('GET /v1/customers/summary');
    expect(match('GET', '/v1/customers/01HXYZ')).toMatchObject({
      route: { routeKey: 'GET /v1/customers/{id}' },
      pathParameters: { id: '01HXYZ' },
    });
  });

  it('does not depend on the order of the route table', () => {
    const reversed = createRouteMatcher([
      { method: 'GET', path: '/v1/customers/{id}' },
      { method: 'GET', path: '/v1/customers/summary' },
    ]);
    expect(reversed('GET', '/v1/customers/summary')?.route.path).toBe('/v1/customers/summary');
  });

  it('prefers the route with the literal further left', () => {
    const matcher = createRouteMatcher([
      { method: 'GET', path: '/a/{x}/c' },
      { method: 'GET', path: '/a/b/{y}' },
    ]);
    expect(matcher('GET', '/a/b/c')?.route.path).toBe('/a/b/{y}');
  });

  it('finds no route for another method or a longer or shorter path', () => {
    expect(match('DELETE', '/v1/customers/summary')).toBeUndefined();
    expect(match('GET', '/v1/customers/abc/extra')).toBeUndefined();
    expect(match('GET', '/v1')).toBeUndefined();
    expect(match('GET', '/v1/customers/')).toBeUndefined();
  });

  it('decodes path parameters', () => {
    expect(match('GET', '/v1/customers/a%20b%2Fc')?.pathParameters).toEqual({ id: 'a b/c' });
  });

  it('compares literal segments decoded, and finds no route for a segment that is not valid percent-encoding', () => {
    expect(match('GET', '/v1/%63ustomers/summary')?.route.routeKey).toBe('GET /v1/customers/summary');
    expect(match('GET', '/v1/customers/%E0%A4%A')).toBeUndefined();
    expect(match('GET', '/v1/%zz/summary')).toBeUndefined();
  });

  it('matches a method in any case, as the request line may carry it', () => {
    expect(match('get', '/v1/customers/summary')?.route.routeKey).toBe('GET /v1/customers/summary');
  });

  it('refuses a greedy path variable, which it does not emulate', () => {
    expect(() => createRouteMatcher([{ method: 'GET', path: '/files/{path+}' }])).toThrow(/greedy/);
  });
});

describe('Function: buildHttpApiEvent', () => {
  const receivedAt = new Date('2026-03-12T19:03:58.390Z');
  const request = (overrides: Partial<HttpRequestLike> = {}): HttpRequestLike => ({
    method: 'GET',
    url: '/v1/customers/c1?flag=vip&flag=new&q=ann+lee&empty=',
    headers: {
      host: ['127.0.0.1:3000'],
      'user-agent': ['jest'],
      accept: ['application/json', 'text/plain'],
      cookie: ['a=1; b=2', 'c=3'],
    },
    body: Buffer.alloc(0),
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    ...overrides,
  });
  const context = {
    routeKey: 'GET /v1/customers/{id}',
    pathParameters: { id: 'c1' },
    requestId: 'Mc7UVioPPHcEKPA=',
    receivedAt,
    port: 3000,
  };

  it('builds the payload 2.0 event API Gateway sends', () => {
    const event = buildHttpApiEvent(request(), context);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /v1/customers/{id}',
      rawPath: '/v1/customers/c1',
      rawQueryString: 'flag=vip&flag=new&q=ann+lee&empty=',
      queryStringParameters: { flag: 'vip,new', q: 'ann lee', empty: '' },
      pathParameters: { id: 'c1' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: '127.0.0.1:3000',
        http: { method: 'GET', path: '/v1/customers/c1', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
        requestId: 'Mc7UVioPPHcEKPA=',
        routeKey: 'GET /v1/customers/{id}',
        stage: '$default',
        time: '12/Mar/2026:19:03:58 +0000',
        timeEpoch: receivedAt.getTime(),
      },
    });
    expect(event.headers).toMatchObject({ accept: 'application/json,text/plain', 'x-forwarded-for': '127.0.0.1', 'x-forwarded-port': '3000' });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(event).not.toHaveProperty('body');
  });

  it('leaves out what the request does not have', () => {
    const event = buildHttpApiEvent(request({ url: '/health', headers: {} }), { ...context, routeKey: 'GET /health', pathParameters: {} });
    expect(event.rawQueryString).toBe('');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('pathParameters');
  });

  it('passes a JSON body as text', () => {
    const body = Buffer.from('{"firstName":"Zoë"}');
    const event = buildHttpApiEvent(request({ method: 'POST', headers: { 'content-type': ['application/json; charset=utf-8'] }, body }), context);
    expect(event.body).toBe('{"firstName":"Zoë"}');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('passes a binary or form body base64-encoded', () => {
    const body = Buffer.from([0, 1, 2, 250]);
    const event = buildHttpApiEvent(request({ method: 'POST', headers: { 'content-type': ['application/octet-stream'] }, body }), context);
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(body);
    const form = buildHttpApiEvent(
      request({ method: 'POST', headers: { 'content-type': ['application/x-www-form-urlencoded'] }, body: Buffer.from('a=1') }),
      context,
    );
    expect(form.isBase64Encoded).toBe(true);
  });

  it('puts verified claims where the JWT authorizer puts them', () => {
    const jwt = { claims: { sub: 'u1', 'cognito:groups': '[staff]' }, scopes: null };
    const event = buildHttpApiEvent(request(), { ...context, jwt });
    expect(event.requestContext.authorizer).toEqual({ jwt });
  });
});

describe('Function: presentClaims', () => {
  const payload = {
    sub: 'u1',
    name: 'Ann',
    'custom:tenantId': 't1',
    'cognito:groups': ['admin', 'staff'],
    exp: 1_900_000_000,
    email_verified: true,
    address: { locality: 'Napa', country: 'US' },
  };

  it('turns every claim into a string, arrays as [a b]', () => {
    expect(presentClaims(payload)).toEqual({
      sub: 'u1',
      name: 'Ann',
      'custom:tenantId': 't1',
      'cognito:groups': '[admin staff]',
      exp: '1900000000',
      email_verified: 'true',
      address: 'map[country:US locality:Napa]',
    });
  });

  it('gives claims the API middleware reads as a staff member', () => {
    expect(staffAuthFromClaims(presentClaims(payload))).toEqual({
      tenantId: 't1',
      role: 'admin',
      actor: { kind: 'staff', id: 'u1', name: 'Ann' },
    });
  });
});

describe('Function: parseGroups', () => {
  it("reads API Gateway's [a b] form, a JSON array, a list in a string, and nothing", () => {
    expect(parseGroups('[admin staff]')).toEqual(['admin', 'staff']);
    expect(parseGroups('[viewer]')).toEqual(['viewer']);
    expect(parseGroups('["staff","admin"]')).toEqual(['staff', 'admin']);
    expect(parseGroups('[ "staff", "viewer" ]')).toEqual(['staff', 'viewer']);
    expect(parseGroups(['admin'])).toEqual(['admin']);
    expect(parseGroups('staff, viewer')).toEqual(['staff', 'viewer']);
    expect(parseGroups('[]')).toEqual([]);
    expect(parseGroups('  ')).toEqual([]);
    expect(parseGroups(undefined)).toEqual([]);
    expect(parseGroups(42)).toEqual([]);
  });

  it('reads a quoted list that is not JSON as words, quotes and all: a group name is never guessed', () => {
    expect(parseGroups('["admin" staff]')).toEqual(['"admin"', 'staff']);
    expect(roleFromGroups(parseGroups('["admin" staff]'))).toBe('staff');
  });
});

describe('Function: httpResponseFromResult', () => {
  it('takes a structured result as is, decoding a base64 body', () => {
    const response = httpResponseFromResult({
      statusCode: 201,
      headers: { 'Content-Type': 'application/pdf', 'X-Count': 3 },
      body: Buffer.from('%PDF').toString('base64'),
      isBase64Encoded: true,
    });
    expect(response).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'application/pdf', 'x-count': '3' },
      body: Buffer.from('%PDF'),
    });
  });

  it('infers a 200 JSON response from a result without statusCode', () => {
    const response = httpResponseFromResult({ hello: 'world' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body.toString()).toBe('{"hello":"world"}');
  });

  it('rejects a status that is not an HTTP status', () => {
    expect(() => httpResponseFromResult({ statusCode: 42 })).toThrow(InvalidFunctionResultError);
    expect(() => httpResponseFromResult({ statusCode: '200' })).toThrow(InvalidFunctionResultError);
  });
});

describe('Function: apiGatewayTime', () => {
  it('formats like requestContext.time', () => {
    expect(apiGatewayTime(new Date('2020-03-02T09:03:08Z'))).toBe('02/Mar/2020:09:03:08 +0000');
  });
});
