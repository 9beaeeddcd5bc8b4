import { describe, expect, it } from '@jest/globals';
import { openApiDocument } from '../../shared/http/openapi';
import { call, documentedStatuses, newTenant, observedStatuses } from '../support/invoke';
import { bearer, changeSettings, portalTokenOf } from '../support/factories/commerce';
import { createPerson } from '../support/factories/people';

/**
 * The API document says everything the service answers. `call` (test/support/invoke.ts) records
 * every status the integration tests observe, per route, and fails on one the document does not
 * list; this file walks the answers an attack run found missing (the portal's 403s and 429s)
 * and compares what it observed with the document, route by route.
 */
const tenantId = newTenant('statuses');
const admin = { tenantId, role: 'admin' as const };
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-3', name: 'Sam Staff' };
const PASSWORD = 'the right password 7';

async function member() {
  const person = await createPerson(staffer);
  expect((await call('POST', `/v1/customers/${person.id}/password`, { as: staffer, body: { newPassword: PASSWORD } })).status).toBe(204);
  return person;
}
const login = (email: string, password: string, from = '127.0.0.1') => call('POST', `/portal/${tenantId}/login`, { as: null, body: { email, password }, from });

describe('The OpenAPI document lists what each route answers', () => {
  it('portal login: 200, 400, 401 on bad credentials, 429 with Retry-After after 5 failures', async () => {
    const ada = await member();
    expect((await login(ada.email, PASSWORD)).status).toBe(200);
    expect((await call('POST', `/portal/${tenantId}/login`, { as: null, body: { email: 'not an email' } })).status).toBe(400);
    for (let i = 0; i < 5; i += 1) expect((await login(ada.email, `wrong ${i}`, '127.0.0.7')).status).toBe(401);
    const locked = await login(ada.email, PASSWORD, '127.0.0.7');
    expect(locked.status).toBe(429);
    expect([...documentedStatuses({ method: 'POST', path: '/portal/{tenantId}/login' })]).toEqual(expect.arrayContaining([200, 400, 401, 404, 429]));
    type Response = { $ref?: string; headers?: Record<string, unknown> };
    const document = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, Response> }>>; components: { responses: Record<string, Response> } };
    const tooMany = document.paths['/portal/{tenantId}/login']!.post!.responses['429']!;
    // A shared answer is named by its `$ref` (components.responses).
    const resolved = tooMany.$ref ? document.components.responses[tooMany.$ref.replace('#/components/responses/', '')]! : tooMany;
    expect(resolved.headers).toHaveProperty('Retry-After');
  });

  it('/portal/me/password: 204, 400 for a wrong current password, 429 after 5, 403 for a staff "Login" session', async () => {
    const ada = await member();
    const own = (await login(ada.email, PASSWORD)).body.token as string;
    const change = (token: string, currentPassword: string) =>
      call('POST', '/portal/me/password', { ...bearer(token), body: { currentPassword, newPassword: 'a new long password' } });
    expect((await change(await portalTokenOf(staffer, ada.id), PASSWORD)).status).toBe(403);
    for (let i = 0; i < 5; i += 1) expect((await change(own, `guess ${i}`)).status).toBe(400);
    expect((await change(own, PASSWORD)).status).toBe(429);
    expect([...documentedStatuses({ method: 'POST', path: '/portal/me/password' })]).toEqual(expect.arrayContaining([204, 400, 401, 403, 429]));

    const bob = await member();
    const bobs = (await login(bob.email, PASSWORD)).body.token as string;
    expect((await change(bobs, PASSWORD)).status).toBe(204);
  });

  it('/portal/me/cellar: 403 feature-disabled while the winery does not use the cellar, 200 once it does', async () => {
    const ada = await member();
    const token = await portalTokenOf(staffer, ada.id);
    const off = await call('GET', '/portal/me/cellar', bearer(token));
    expect(off.status).toBe(403);
    expect(off.body.type).toMatch(/\/feature-disabled$/);
    await changeSettings(admin, (settings) => ({ ...settings, features: { ...settings.features, cellar: true } }));
    expect((await call('GET', '/portal/me/cellar', bearer(token))).status).toBe(200);
  });

  it('import: a row the row schema refuses is a 200 with the row invalid, and the request schema does not claim it would be a 400', async () => {
    const imported = await call('POST', '/v1/customers/import', { as: staffer, body: { rows: [{ billingAddress: { firstName: 'No', lastName: 'Email' } }, 'not even an object'] } });
    expect(imported.status).toBe(200);
    expect(imported.body.results.map((result: { status: string }) => result.status)).toEqual(['invalid', 'invalid']);

    const document = openApiDocument() as {
      paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: { properties: Record<string, { items: Record<string, unknown> }> } }> } }>>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    const rows = document.paths['/v1/customers/import']!.post!.requestBody.content['application/json']!.schema.properties.rows!;
    // Any row is a valid request (one branch takes any value): its checks are the row schema's, made per row.
    expect(Object.keys(rows.items).sort()).toEqual(['anyOf', 'description']);
    expect(rows.items.anyOf).toEqual([{ $ref: '#/components/schemas/ImportRow' }, { description: expect.any(String) }]);
    expect(document.components.schemas.ImportRow!.required).toContain('billingAddress');
  });

  // Last in the file: what the tests above observed, route by route, against the document.
  it('lists every status observed, route by route', () => {
    expect(observedStatuses.size).toBeGreaterThan(0);
    for (const [routeKey, statuses] of observedStatuses) {
      const [method, path] = routeKey.split(' ') as [string, string];
      const documented = documentedStatuses({ method, path });
      expect({ routeKey, undocumented: [...statuses].filter((status) => !documented.has(status)) }).toEqual({ routeKey, undocumented: [] });
    }
  });
});
