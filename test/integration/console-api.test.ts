import { beforeAll, describe, expect, it } from '@jest/globals';
import { call, newTenant } from '../support/invoke';
import { deliver } from '../support/streams';
import { newPersonBody } from '../support/factories/people';

/** The API pieces the staff console needs: counts per filter, the staff directory, the document. */
const tenantId = newTenant('console');
const admin = { tenantId, role: 'admin' as const, sub: 'admin-1', name: 'Alice Admin' };
const viewer = { tenantId, role: 'viewer' as const, sub: 'viewer-1', name: 'Vic Viewer' };
const zed = { tenantId, role: 'staff' as const, sub: 'staff-zed', name: 'Zed Ortiz' };
const amy = { tenantId, role: 'staff' as const, sub: 'staff-amy', name: 'Amy Chen' };
const outsider = { tenantId: newTenant('other'), role: 'admin' as const };

const ok = async (promise: ReturnType<typeof call>, status = 200) => {
  const result = await promise;
  expect(result.status).toBe(status);
  return result.body;
};
const noFailures = async (consumer: string) => expect((await deliver(consumer, tenantId)).batchItemFailures).toEqual([]);
const summary = (query = '') => ok(call('GET', `/v1/customers/summary${query}`, { as: viewer }));

describe('Counts for a filtered list', () => {
  let club: { id: string; classId: string };
  let bea: { id: string; version: number };

  beforeAll(async () => {
    const settings = await ok(call('GET', '/v1/settings', { as: admin }));
    await ok(call('PUT', '/v1/settings', { as: admin, body: { ...settings, flags: [{ key: 'vip', title: 'VIP' }, { key: 'trade', title: 'Trade' }] } }));
    club = await ok(call('POST', '/v1/clubs', { as: admin, body: { name: 'Cellar Club', discountPercent: 10 } }), 201);
    await ok(call('POST', '/v1/customers', { as: zed, body: newPersonBody({ flags: ['vip'] }) }), 201);
    bea = await ok(call('POST', '/v1/customers', { as: zed, body: newPersonBody({ flags: ['vip', 'trade'] }) }), 201);
    const cy = await ok(call('POST', '/v1/customers', { as: amy, body: newPersonBody() }), 201);
    await ok(call('POST', `/v1/customers/${cy.id}/memberships`, { as: amy, body: { clubId: club.id, shippingPreference: 'ship' } }), 201);
    await noFailures('class-assignment');
    await noFailures('people-counts');
  });

  it('counts the people and club members of one flag, class or club, and the totals without a filter', async () => {
    expect(await summary()).toEqual({ people: 3, clubMembers: 1 });
    expect(await summary('?flag=vip')).toEqual({ people: 2, clubMembers: 0 });
    expect(await summary('?flag=trade')).toEqual({ people: 1, clubMembers: 0 });
    expect(await summary(`?clubId=${club.id}`)).toEqual({ people: 1, clubMembers: 1 });
    expect(await summary(`?classId=${club.classId}`)).toEqual({ people: 1, clubMembers: 1 });
    expect(await summary('?flag=nobody-has-it')).toEqual({ people: 0, clubMembers: 0 });
  });

  it('follows a change once, even when its records are delivered again', async () => {
    await ok(call('PATCH', `/v1/customers/${bea.id}`, { as: zed, body: { flags: ['trade'] } }));
    await noFailures('people-counts');
    await noFailures('people-counts');
    expect(await summary('?flag=vip')).toEqual({ people: 1, clubMembers: 0 });
    expect(await summary('?flag=trade')).toEqual({ people: 1, clubMembers: 0 });
    expect(await summary()).toEqual({ people: 3, clubMembers: 1 });
  });

  it('refuses two filters at once, naming both, and unknown parameters', async () => {
    const both = await call('GET', `/v1/customers/summary?flag=vip&clubId=${club.id}`, { as: viewer });
    expect(both.status).toBe(400);
    expect(both.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['clubId', 'flag']);
    const unknown = await call('GET', '/v1/customers/summary?q=ann', { as: viewer });
    expect(unknown.status).toBe(400);
    expect((await call('GET', '/v1/customers/summary?flag=vip', { as: outsider })).body).toEqual({ people: 0, clubMembers: 0 });
  });
});

describe('Staff directory', () => {
  beforeAll(async () => {
    await noFailures('change-history');
  });

  it('lists the staff seen writing people, by name, to a viewer; not the system or another tenant', async () => {
    const page = await ok(call('GET', '/v1/staff', { as: viewer }));
    expect(page).toEqual({
      items: [
        { id: 'staff-amy', name: 'Amy Chen', lastSeenAt: expect.any(String) },
        { id: 'staff-zed', name: 'Zed Ortiz', lastSeenAt: expect.any(String) },
      ],
      nextCursor: null,
    });
    expect(await ok(call('GET', '/v1/staff', { as: outsider }))).toEqual({ items: [], nextCursor: null });
  });

  it('pages, and refuses a cursor from another tenant', async () => {
    const first = await ok(call('GET', '/v1/staff?limit=1', { as: viewer }));
    expect(first.items.map((s: { name: string }) => s.name)).toEqual(['Amy Chen']);
    const second = await ok(call('GET', `/v1/staff?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`, { as: viewer }));
    expect(second.items.map((s: { name: string }) => s.name)).toEqual(['Zed Ortiz']);
    const moved = await call('GET', `/v1/staff?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`, { as: outsider });
    expect(moved.status).toBe(400);
  });

  it('keeps the first sighting of the day for the same name, and takes a new name at once', async () => {
    const before = await ok(call('GET', '/v1/staff', { as: viewer }));
    const zedBefore = before.items.find((s: { id: string }) => s.id === 'staff-zed');
    await ok(call('POST', '/v1/customers', { as: zed, body: newPersonBody() }), 201);
    await ok(call('POST', '/v1/customers', { as: { ...amy, name: 'Amy Chen-Park' }, body: newPersonBody() }), 201);
    await noFailures('change-history');
    const after = await ok(call('GET', '/v1/staff', { as: viewer }));
    expect(after.items.find((s: { id: string }) => s.id === 'staff-zed')).toEqual(zedBefore);
    expect(after.items.find((s: { id: string }) => s.id === 'staff-amy')).toMatchObject({ name: 'Amy Chen-Park' });
  });
});

describe('OpenAPI document', () => {
  it('describes the sort, the summary filters, the staff directory and the day lists', async () => {
    const document = await ok(call('GET', '/openapi.json', { as: null }));
    const parameters = (path: string) => document.paths[path].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters('/v1/customers')).toEqual(expect.arrayContaining(['sort', 'q', 'flag', 'classId', 'clubId', 'limit', 'cursor']));
    expect(document.paths['/v1/customers'].get.parameters.find((p: { name: string }) => p.name === 'sort').schema.enum).toEqual(['name', 'number', 'newest']);
    expect(parameters('/v1/customers/summary')).toEqual(['flag', 'classId', 'clubId']);
    expect(document.paths['/v1/staff'].get).toMatchObject({ operationId: 'listStaff', 'x-minimum-role': 'viewer' });
    expect(document.paths['/v1/reservations'].get.parameters).toContainEqual(expect.objectContaining({ name: 'date', required: true }));
    expect(document.paths['/v1/orders'].get.parameters).toContainEqual(expect.objectContaining({ name: 'date', required: true }));
    expect(Object.keys(document.components.schemas.CustomerListItem.properties)).not.toContain('creditBalanceCents');
  });
});
