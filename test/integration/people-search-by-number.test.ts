import { beforeAll, describe, expect, it } from '@jest/globals';
import { deliver } from '../support/streams';
import { call, newTenant } from '../support/invoke';
import { operationsDuring } from '../support/dynamo-operations';

/**
 * A search sorted by number (or newest first): a word most people have fills the page from a
 * first bite of everyone by number (one Query, then the page's profiles); a word few people have
 * is read as its whole range and sorted (two Queries, then the profiles). Either way the pages
 * are full, in number order, and walk to the end.
 */
describe('People search by number', () => {
  const tenantId = newTenant('search-number');
  const as = { tenantId };
  // 600 people: the first 30 made are the Zeds (the oldest numbers), everyone is a Miller.
  const rows = Array.from({ length: 600 }, (_, i) => ({
    billingAddress: { firstName: i < 30 ? 'Zed' : `Ann${i}`, lastName: 'Miller', email: `person.${i}@example.com` },
  }));

  beforeAll(async () => {
    for (let start = 0; start < rows.length; start += 100) {
      const imported = await call('POST', '/v1/customers/import', { as: { tenantId, role: 'staff' }, body: { rows: rows.slice(start, start + 100) } });
      expect(imported.status).toBe(200);
    }
    expect((await deliver('customer-listing', tenantId)).batchItemFailures).toEqual([]);
  });

  type Person = { firstName: string; customerNumber: number };
  async function walk(q: string, sort: string, limit: number): Promise<{ pages: Person[][]; operations: string[][] }> {
    const pages: Person[][] = [];
    const operations: string[][] = [];
    let cursor: string | null = null;
    do {
      let body: { items: Person[]; nextCursor: string | null } | undefined;
      operations.push(
        await operationsDuring(async () => {
          const response = await call('GET', `/v1/customers?q=${q}&sort=${sort}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as });
          expect(response.status).toBe(200);
          body = response.body;
        }),
      );
      pages.push(body!.items);
      cursor = body!.nextCursor;
      if (cursor) expect(body!.items).toHaveLength(limit);
    } while (cursor && pages.length < 30);
    return { pages, operations };
  }

  it('fills a page of a common word from one read of everyone by number', async () => {
    const { pages, operations } = await walk('mill', 'newest', 25);
    expect(operations[0]).toEqual(['QueryCommand', 'BatchGetItemCommand']);
    const numbers = pages.flat().map((person) => person.customerNumber);
    expect(numbers).toHaveLength(600);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  it('reads a rare word as its whole range, sorted, when the first read of everyone finds too few', async () => {
    const { pages, operations } = await walk('zed', 'newest', 10);
    // The newest 200 hold no Zed: that read, then the range of `zed` whole, then the profiles.
    expect(operations[0]).toEqual(['QueryCommand', 'QueryCommand', 'BatchGetItemCommand']);
    // The next pages go on in the sorted range: one Query, the profiles.
    expect(operations[1]).toEqual(['QueryCommand', 'BatchGetItemCommand']);
    expect(pages.map((page) => page.length)).toEqual([10, 10, 10]);
    const numbers = pages.flat().map((person) => person.customerNumber);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(new Set(pages.flat().map((person) => person.firstName))).toEqual(new Set(['Zed']));

    const lowestFirst = await walk('zed%20mil', 'number&order=asc', 7);
    expect(lowestFirst.pages.flat().map((person) => person.customerNumber)).toEqual([...numbers].reverse());
  });
});
