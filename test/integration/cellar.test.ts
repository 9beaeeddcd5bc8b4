import { beforeAll, describe, expect, it } from '@jest/globals';
import { call, newTenant } from '../support/invoke';
import { createPerson } from '../support/factories/people';
import { deliver } from '../support/streams';

const admin = (tenantId: string) => ({ tenantId, role: 'admin' as const, sub: 'admin-1', name: 'Alice Admin' });
const wine = { sku: 'PN-2018', name: 'Pinot Noir Estate 2018', vintage: 2018, quantity: 6, location: 'Rack B3' };

async function setCellar(tenantId: string, cellar: boolean) {
  const settings = await call('GET', '/v1/settings', { as: admin(tenantId) });
  const saved = await call('PUT', '/v1/settings', { as: admin(tenantId), body: { ...settings.body, features: { cellar } } });
  expect(saved.status).toBe(200);
}

describe('Cellar turned off', () => {
  const tenantId = newTenant('cellar-off');

  it('answers 403 feature-disabled on every cellar route and stores nothing', async () => {
    const person = await createPerson(admin(tenantId));
    const base = `/v1/customers/${person.id}/cellar`;
    const as = admin(tenantId);
    const results = await Promise.all([
      call('GET', base, { as }),
      call('POST', base, { as, body: wine }),
      call('PATCH', `${base}/01HZZZZZZZZZZZZZZZZZZZNOPE`, { as, body: { quantity: 1 } }),
      call('DELETE', `${base}/01HZZZZZZZZZZZZZZZZZZZNOPE`, { as }),
    ]);
    expect(results.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(results[1]!.body.type).toMatch(/\/feature-disabled$/);

    await setCellar(tenantId, true);
    expect((await call('GET', base, { as })).body.items).toEqual([]);
  });
});

describe('Cellar turned on', () => {
  const tenantId = newTenant('cellar-on');
  const staffer = { tenantId, role: 'staff' as const, sub: 'staff-2', name: 'Sam Staff' };
  const viewer = { tenantId, role: 'viewer' as const };

  beforeAll(() => setCellar(tenantId, true));

  it('adds, lists, changes (with If-Match) and removes wines', async () => {
    const person = await createPerson(admin(tenantId));
    const base = `/v1/customers/${person.id}/cellar`;
    const added = await call('POST', base, { as: staffer, body: wine });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ id: expect.any(String), ...wine, createdAt: expect.any(String), updatedAt: expect.any(String), version: 1 });
    const second = await call('POST', base, { as: staffer, body: { sku: 'CH-2021', name: 'Chardonnay 2021', quantity: 12 } });
    expect(second.body).toMatchObject({ vintage: null, location: null });

    const list = await call('GET', base, { as: viewer });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [added.body, second.body], nextCursor: null });

    const changed = await call('PATCH', `${base}/${added.body.id}`, { as: staffer, body: { quantity: 4, location: null }, headers: { 'If-Match': '"1"' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ quantity: 4, location: null, vintage: 2018, version: 2 });
    expect(changed.headers.etag).toBe('"2"');
    const stale = await call('PATCH', `${base}/${added.body.id}`, { as: staffer, body: { quantity: 3 }, headers: { 'If-Match': '1' } });
    expect(stale.status).toBe(412);
    expect((await call('DELETE', `${base}/${added.body.id}`, { as: staffer, headers: { 'If-Match': '1' } })).status).toBe(412);

    expect((await call('DELETE', `${base}/${added.body.id}`, { as: staffer, headers: { 'If-Match': '2' } })).status).toBe(204);
    expect((await call('GET', base, { as: viewer })).body.items.map((i: { id: string }) => i.id)).toEqual([second.body.id]);
    expect((await call('PATCH', `${base}/${added.body.id}`, { as: staffer, body: { quantity: 1 } })).status).toBe(404);
    expect((await call('DELETE', `${base}/${added.body.id}`, { as: staffer })).status).toBe(404);
  });

  it('records who added, changed and removed a wine in the change history', async () => {
    const person = await createPerson(admin(tenantId));
    const base = `/v1/customers/${person.id}/cellar`;
    const added = await call('POST', base, { as: staffer, body: wine });
    await call('PATCH', `${base}/${added.body.id}`, { as: staffer, body: { quantity: 5 } });
    await call('DELETE', `${base}/${added.body.id}`, { as: staffer });
    expect((await deliver('change-history', tenantId)).batchItemFailures).toEqual([]);
    const changes = await call('GET', `/v1/customers/${person.id}/changes`, { as: viewer });
    const cellar = changes.body.items.filter((c: { entity: string }) => c.entity === 'cellar-item');
    expect(cellar.map((c: { action: string }) => c.action)).toEqual(['deleted', 'updated', 'created']);
    for (const change of cellar) expect(change.actor).toEqual({ kind: 'staff', id: 'staff-2', name: 'Sam Staff' });
    expect(cellar[1].fields).toEqual([{ field: 'quantity', old: 6, new: 5 }]);
  });

  it('refuses bad fields, a viewer writing, and pages a long cellar', async () => {
    const person = await createPerson(admin(tenantId));
    const base = `/v1/customers/${person.id}/cellar`;
    const bad = await call('POST', base, { as: staffer, body: { sku: 'x', name: 'y', quantity: -1, vintage: 1700, colour: 'red' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'quantity', 'vintage']);
    expect((await call('POST', base, { as: viewer, body: wine })).status).toBe(403);
    for (let i = 0; i < 3; i += 1) await call('POST', base, { as: staffer, body: { ...wine, sku: `SKU-${i}` } });
    const first = await call('GET', `${base}?limit=2`, { as: viewer });
    const second = await call('GET', `${base}?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { as: viewer });
    expect([...first.body.items, ...second.body.items].map((i: { sku: string }) => i.sku)).toEqual(['SKU-0', 'SKU-1', 'SKU-2']);
  });

  it("is a 404 for another tenant's person or cellar item, and for an unknown person", async () => {
    const person = await createPerson(admin(tenantId));
    const base = `/v1/customers/${person.id}/cellar`;
    const added = await call('POST', base, { as: staffer, body: wine });
    const other = newTenant('cellar-other');
    await setCellar(other, true);
    const outsider = admin(other);
    const attempts = await Promise.all([
      call('GET', base, { as: outsider }),
      call('POST', base, { as: outsider, body: wine }),
      call('PATCH', `${base}/${added.body.id}`, { as: outsider, body: { quantity: 0 } }),
      call('DELETE', `${base}/${added.body.id}`, { as: outsider }),
      call('POST', '/v1/customers/01HZZZZZZZZZZZZZZZZZZZNOPE/cellar', { as: staffer, body: wine }),
      call('GET', '/v1/customers/01HZZZZZZZZZZZZZZZZZZZNOPE/cellar', { as: staffer }),
    ]);
    expect(attempts.map((r) => r.status)).toEqual(Array(attempts.length).fill(404));
    expect((await call('GET', base, { as: viewer })).body.items).toEqual([added.body]);
  });
});
