import { beforeAll, describe, expect, it } from '@jest/globals';
import { deliver } from '../support/streams';
import { call, newTenant } from '../support/invoke';

/**
 * `GET /v1/customers?order=asc|desc`: each sort read the other way round, as the console offers
 * it (name Z to A, number lowest first), paged with cursors that open only for the direction that
 * made them.
 */
describe('People list in either direction', () => {
  const tenantId = newTenant('order');
  const as = { tenantId, role: 'viewer' as const };
  const writer = { tenantId, role: 'staff' as const };
  const people = [
    ['Zoe', 'Adams'],
    ['Ann', 'Baker'],
    ['Bob', 'Baker'],
    ['Cleo', 'Bakersfield'],
    ['Dan', 'Carter'],
  ] as const;
  const numbers: number[] = [];

  beforeAll(async () => {
    for (const [firstName, lastName] of people) {
      const email = `${firstName.toLowerCase()}.${lastName.toLowerCase()}@example.com`;
      const created = await call('POST', '/v1/customers', { as: writer, body: { billingAddress: { firstName, lastName, email }, sendWelcomeEmail: false } });
      expect(created.status).toBe(201);
      numbers.push(created.body.customerNumber);
    }
    expect((await deliver('customer-listing', tenantId)).batchItemFailures).toEqual([]);
  });

  const list = (query: string) => call('GET', `/v1/customers?${query}`, { as });
  const names = (body: { items: { firstName: string; lastName: string }[] }) => body.items.map((p) => `${p.firstName} ${p.lastName}`);
  const numbersOf = (body: { items: { customerNumber: number }[] }) => body.items.map((p) => p.customerNumber);
  const next = (query: string, body: { nextCursor: string }) => list(`${query}&cursor=${encodeURIComponent(body.nextCursor)}`);

  it('reads names Z to A with order=desc, across pages', async () => {
    const first = await list('order=desc&limit=3');
    expect(first.status).toBe(200);
    expect(names(first.body)).toEqual(['Dan Carter', 'Cleo Bakersfield', 'Bob Baker']);
    const second = await next('order=desc&limit=3', first.body);
    expect(names(second.body)).toEqual(['Ann Baker', 'Zoe Adams']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('reads numbers lowest first with order=asc (and newest read backwards is oldest first), across pages', async () => {
    const first = await list('sort=number&order=asc&limit=3');
    expect(numbersOf(first.body)).toEqual(numbers.slice(0, 3));
    const second = await next('sort=number&order=asc&limit=3', first.body);
    expect(numbersOf(second.body)).toEqual(numbers.slice(3));
    expect(numbersOf((await list('sort=newest&order=asc')).body)).toEqual(numbers);
    expect(numbersOf((await list('sort=number&order=desc')).body)).toEqual([...numbers].reverse());
  });

  it('reverses a search too', async () => {
    expect(names((await list('q=bak&order=desc')).body)).toEqual(['Cleo Bakersfield', 'Bob Baker', 'Ann Baker']);
  });

  it("takes a cursor only for the direction that made it: the sort's own direction, said or not, is one list", async () => {
    const ascending = await list('limit=2');
    const moved = await next('order=desc&limit=2', ascending.body);
    expect(moved.status).toBe(400);
    expect(moved.body.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    const backwards = await list('sort=number&order=asc&limit=2');
    expect((await next('sort=number&limit=2', backwards.body)).status).toBe(400);
    // order=asc is name's own direction: the same list, the same cursor.
    const same = await next('order=asc&limit=2', ascending.body);
    expect(names(same.body)).toEqual(['Bob Baker', 'Cleo Bakersfield']);
  });

  it('refuses an unknown direction, naming order', async () => {
    const refused = await list('order=sideways');
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['order']);
  });
});
