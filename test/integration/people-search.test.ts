import { beforeAll, describe, expect, it } from '@jest/globals';
import { deliver } from '../support/streams';
import { call, newTenant } from '../support/invoke';

describe('People listing and search', () => {
  const tenantId = newTenant('search');
  const as = { tenantId };
  const people = [
    { firstName: 'Zoe', lastName: 'Adams', email: 'zoe@vineyard.test', phone: '(707) 555-0101' },
    { firstName: 'Ann', lastName: 'Baker', email: 'ann.baker@example.com', phone: '+1 707 555 0199' },
    { firstName: 'Bob', lastName: 'Baker', email: 'bob@example.com', phone: '415-222-3333' },
    { firstName: 'Cleo', lastName: 'Bakersfield', email: 'cleo@example.com' },
    { firstName: 'Renée', lastName: "O'Brien", email: 'renee@example.com' },
    { firstName: 'Dan', lastName: 'Carter', email: 'bakery.fan@example.com' },
  ];
  const ids: Record<string, { id: string; customerNumber: number }> = {};

  beforeAll(async () => {
    for (const person of people) {
      const { phone, ...billing } = person;
      const created = await call('POST', '/v1/customers', {
        as,
        body: { billingAddress: billing, ...(phone ? { phone } : {}), sendWelcomeEmail: false },
      });
      expect(created.status).toBe(201);
      ids[person.firstName] = created.body;
    }
    const result = await deliver('customer-listing', tenantId);
    expect(result.batchItemFailures).toEqual([]);
  });

  const names = (items: { firstName: string; lastName: string }[]) => items.map((p) => `${p.firstName} ${p.lastName}`);

  it('lists everyone by last name, then first name, across pages', async () => {
    const first = await call('GET', '/v1/customers?limit=4', { as });
    expect(first.status).toBe(200);
    expect(names(first.body.items)).toEqual(['Zoe Adams', 'Ann Baker', 'Bob Baker', 'Cleo Bakersfield']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call('GET', `/v1/customers?limit=4&cursor=${encodeURIComponent(first.body.nextCursor)}`, { as });
    expect(names(second.body.items)).toEqual(['Dan Carter', "Renée O'Brien"]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('finds by last-name prefix, in order, across pages', async () => {
    const first = await call('GET', '/v1/customers?q=bak&limit=2', { as });
    expect(names(first.body.items)).toEqual(['Ann Baker', 'Bob Baker']);
    const second = await call('GET', `/v1/customers?q=bak&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { as });
    // Dan Carter's email begins with "bak" too.
    expect(names(second.body.items)).toEqual(['Cleo Bakersfield', 'Dan Carter']);
  });

  it('finds by first-name prefix, ignoring case and accents', async () => {
    const result = await call('GET', '/v1/customers?q=REN', { as });
    expect(names(result.body.items)).toEqual(["Renée O'Brien"]);
    const apostrophe = await call('GET', `/v1/customers?q=${encodeURIComponent("o'bri")}`, { as });
    expect(names(apostrophe.body.items)).toEqual(["Renée O'Brien"]);
  });

  it('finds by email prefix, also beyond the indexed prefix length', async () => {
    const result = await call('GET', '/v1/customers?q=ann.baker%40ex', { as });
    expect(names(result.body.items)).toEqual(['Ann Baker']);
  });

  it('finds by phone digits, with or without punctuation and country code', async () => {
    const local = await call('GET', '/v1/customers?q=707-555', { as });
    expect(names(local.body.items)).toEqual(['Zoe Adams', 'Ann Baker']);
    const full = await call('GET', '/v1/customers?q=7075550199', { as });
    expect(names(full.body.items)).toEqual(['Ann Baker']);
  });

  it('finds by exact customer number', async () => {
    const number = ids.Bob!.customerNumber;
    const result = await call('GET', `/v1/customers?q=${number}`, { as });
    expect(names(result.body.items)).toContain('Bob Baker');
  });

  it('finds a phone by its local number without area code, or by its last four digits', async () => {
    expect(names((await call('GET', '/v1/customers?q=5550101', { as })).body.items)).toEqual(['Zoe Adams']);
    expect(names((await call('GET', '/v1/customers?q=555-0199', { as })).body.items)).toEqual(['Ann Baker']);
    expect(names((await call('GET', '/v1/customers?q=0101', { as })).body.items)).toEqual(['Zoe Adams']);
    expect(names((await call('GET', '/v1/customers?q=3333', { as })).body.items)).toEqual(['Bob Baker']);
    // A country code typed in front finds the number stored with or without one.
    const withCountryCode = await call('GET', `/v1/customers?q=${encodeURIComponent('+1 707 555')}`, { as });
    expect(names(withCountryCode.body.items)).toEqual(['Zoe Adams', 'Ann Baker']);
  });

  it('sorts by customer number or newest first, also with q and with filtered pages', async () => {
    const byNumber = ['Dan Carter', "Renée O'Brien", 'Cleo Bakersfield', 'Bob Baker', 'Ann Baker', 'Zoe Adams'];
    for (const sort of ['number', 'newest']) {
      const first = await call('GET', `/v1/customers?sort=${sort}&limit=4`, { as });
      expect(first.status).toBe(200);
      const second = await call('GET', `/v1/customers?sort=${sort}&limit=4&cursor=${encodeURIComponent(first.body.nextCursor)}`, { as });
      expect([...names(first.body.items), ...names(second.body.items)]).toEqual(byNumber);
      expect(second.body.nextCursor).toBeNull();
    }
    const numbers = (await call('GET', '/v1/customers?sort=number', { as })).body.items.map((p: { customerNumber: number }) => p.customerNumber);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    const search = await call('GET', '/v1/customers?q=bak&sort=number', { as });
    expect(names(search.body.items)).toEqual(['Dan Carter', 'Cleo Bakersfield', 'Bob Baker', 'Ann Baker']);
    const filtered = await call('GET', '/v1/customers?q=ba%20c&sort=newest&limit=1', { as });
    expect(names(filtered.body.items)).toEqual(['Dan Carter']);
    const rest = await call('GET', `/v1/customers?q=ba%20c&sort=newest&limit=1&cursor=${encodeURIComponent(filtered.body.nextCursor)}`, { as });
    expect(names(rest.body.items)).toEqual(['Cleo Bakersfield']);
  });

  it('refuses an unknown sort, and a cursor of one sort used with another', async () => {
    const unknown = await call('GET', '/v1/customers?sort=oldest', { as });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'sort', message: expect.any(String) }]);
    const byName = await call('GET', '/v1/customers?limit=1', { as });
    const moved = await call('GET', `/v1/customers?sort=number&limit=1&cursor=${encodeURIComponent(byName.body.nextCursor)}`, { as });
    expect(moved.status).toBe(400);
    expect(moved.body.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    const byNumber = await call('GET', '/v1/customers?sort=number&limit=1', { as });
    const toNewest = await call('GET', `/v1/customers?sort=newest&limit=1&cursor=${encodeURIComponent(byNumber.body.nextCursor)}`, { as });
    expect(toNewest.status).toBe(400);
  });

  it('shows each person with the listed fields only (the profile has the rest)', async () => {
    const result = await call('GET', '/v1/customers?q=zoe', { as });
    expect(result.body.items).toEqual([
      {
        id: ids.Zoe!.id,
        customerNumber: ids.Zoe!.customerNumber,
        firstName: 'Zoe',
        lastName: 'Adams',
        email: 'zoe@vineyard.test',
        phone: '(707) 555-0101',
        flags: [],
        customerClassId: null,
        effectiveClassId: null,
        isClubMember: false,
        needsAgeVerification: true,
        stats: { orderCount: 0, lifetimeValueCents: 0, firstOrderAt: null, lastOrderAt: null },
        createdAt: expect.any(String),
      },
    ]);
  });

  it('finds first and last name together', async () => {
    const result = await call('GET', '/v1/customers?q=bob%20bak', { as });
    expect(names(result.body.items)).toEqual(['Bob Baker']);
  });

  it('fills a filtered page instead of answering an empty one', async () => {
    const first = await call('GET', '/v1/customers?q=ba%20c&limit=1', { as });
    expect(names(first.body.items)).toEqual(['Cleo Bakersfield']);
    const second = await call('GET', `/v1/customers?q=ba%20c&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, { as });
    expect(names(second.body.items)).toEqual(['Dan Carter']);
  });

  it('keeps another tenant out, and refuses a forged or moved cursor', async () => {
    const other = await call('GET', '/v1/customers?q=bak', { as: { tenantId: newTenant('other') } });
    expect(other.body.items).toEqual([]);
    const page = await call('GET', '/v1/customers?limit=1', { as });
    const moved = await call('GET', `/v1/customers?limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`, { as: { tenantId: newTenant() } });
    expect(moved.status).toBe(400);
    expect(moved.body.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    const forged = await call('GET', '/v1/customers?cursor=eyJwayI6IlQjb3RoZXIifQ', { as });
    expect(forged.status).toBe(400);
    const otherList = await call('GET', `/v1/customers?q=bak&limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`, { as });
    expect(otherList.status).toBe(400);
  });

  it('follows a name change and a replayed batch without duplicates', async () => {
    const id = ids.Dan!.id;
    await call('PATCH', `/v1/customers/${id}`, { as, body: { lastName: 'Zimmer' } });
    await deliver('customer-listing', tenantId);
    await deliver('customer-listing', tenantId);
    const gone = await call('GET', '/v1/customers?q=carter', { as });
    expect(gone.body.items).toEqual([]);
    const all = await call('GET', '/v1/customers', { as });
    expect(names(all.body.items).filter((n) => n.startsWith('Dan'))).toEqual(['Dan Zimmer']);
    expect(names(all.body.items).at(-1)).toBe('Dan Zimmer');
  });

  it('counts people for the dashboard once per record, even when a batch is replayed', async () => {
    await deliver('people-counts', tenantId);
    await deliver('people-counts', tenantId);
    const summary = await call('GET', '/v1/customers/summary', { as });
    expect(summary.body).toEqual({ people: people.length, clubMembers: 0 });
  });
});
