import { beforeAll, describe, expect, it } from '@jest/globals';
import { call, newTenant, type Caller } from '../support/invoke';

/**
 * `GET /v1/clubs` and `GET /v1/customer-classes` are lists like any other: `limit` (1–100,
 * default 25), a sealed `cursor` valid only for the tenant and list that made it.
 */
const lists = [
  { path: '/v1/clubs', create: (n: number) => ({ url: '/v1/clubs', body: { name: `Club ${n}`, discountPercent: 5 } }) },
  { path: '/v1/customer-classes', create: (n: number) => ({ url: '/v1/customer-classes', body: { name: `Class ${n}`, discountPercent: 5 } }) },
];

async function walk(path: string, as: Caller, limit: number) {
  const pages: { id: string }[][] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `limit=${limit}&cursor=${encodeURIComponent(cursor)}` : `limit=${limit}`;
    const page = await call('GET', `${path}?${query}`, { as });
    expect(page.status).toBe(200);
    pages.push(page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

describe.each(lists)('GET $path', ({ path, create }) => {
  const tenantId = newTenant('lists');
  const admin = { tenantId, role: 'admin' as const };
  const created: string[] = [];

  beforeAll(async () => {
    // 27 items (a tenant of their own): more than the default page of 25.
    for (let n = 1; n <= 27; n += 1) {
      const { url, body } = create(n);
      const result = await call('POST', url, { as: admin, body });
      expect(result.status).toBe(201);
      created.push(result.body.id);
    }
  });

  it('answers a page of 25 by default, with a cursor to the rest', async () => {
    const first = await call('GET', path, { as: admin });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(25);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await call('GET', `${path}?cursor=${encodeURIComponent(first.body.nextCursor)}`, { as: admin });
    expect(rest.body.items).toHaveLength(2);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('walks every item exactly once, `limit` at a time', async () => {
    const pages = await walk(path, admin, 4);
    expect(pages.slice(0, -1).every((page) => page.length === 4)).toBe(true);
    const ids = pages.flat().map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(created));
    expect(ids).toHaveLength(created.length);
  });

  it.each(['0', '-1', '101', 'abc', '2.5'])('refuses limit=%s with a 400 naming limit', async (limit) => {
    const result = await call('GET', `${path}?limit=${limit}`, { as: admin });
    expect(result.status).toBe(400);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(result.body.errors).toEqual([expect.objectContaining({ path: 'limit' })]);
  });

  it('refuses a tampered cursor, another list’s cursor and another tenant’s cursor with a 400', async () => {
    const first = await call('GET', `${path}?limit=2`, { as: admin });
    const cursor: string = first.body.nextCursor;
    const tampered = `${cursor.slice(0, -2)}${cursor.endsWith('A') ? 'BB' : 'AA'}`;
    const other = lists.find((l) => l.path !== path)!;
    const outsider = { tenantId: newTenant('lists-other'), role: 'admin' as const };
    const attempts = await Promise.all([
      call('GET', `${path}?cursor=${encodeURIComponent(tampered)}`, { as: admin }),
      call('GET', `${path}?cursor=not-a-cursor`, { as: admin }),
      call('GET', `${other.path}?cursor=${encodeURIComponent(cursor)}`, { as: admin }),
      call('GET', `${path}?cursor=${encodeURIComponent(cursor)}`, { as: outsider }),
    ]);
    for (const attempt of attempts) {
      expect(attempt.status).toBe(400);
      expect(attempt.body.errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
    }
  });
});
