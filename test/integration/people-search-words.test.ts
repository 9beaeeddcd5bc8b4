import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { GetCommand, QueryCommand, UpdateCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { listingEntries } from '../../shared/people/people-listing';
import { customerKeys } from '../../shared/people/keys';
import type { CustomerItem } from '../../shared/people/customer-items';
import { deliver } from '../support/streams';
import { call, newTenant } from '../support/invoke';

/**
 * A search of several words (contract § Search at scale): every word begins a field of the
 * person, in any order, and a page holds `limit` people whenever that many exist, never a short
 * or empty page followed by a cursor.
 */
describe('People search of several words', () => {
  const tenantId = newTenant('search-words');
  const as = { tenantId };
  // 160 people: many Smiths, a few John Smiths among them (by first name they sort in the middle
  // of the Smiths), Johanna Smiths, John Smithers, Mary Ann Smiths, and Joneses named John.
  const firstNames = ['Aaron', 'Beth', 'Carl', 'Dana', 'Eve', 'Frank', 'Gina', 'Hal', 'Iris', 'Jacob', 'Kim', 'Liam', 'Nora', 'Omar', 'Pia'];
  const rows: Record<string, unknown>[] = [];
  const add = (firstName: string, lastName: string) =>
    rows.push({ billingAddress: { firstName, lastName, email: `${firstName}.${lastName}.${rows.length}@example.com`.toLowerCase().replace(/ /g, '') } });
  for (let i = 0; i < 90; i += 1) add(firstNames[i % firstNames.length]!, 'Smith');
  for (let i = 0; i < 23; i += 1) add('John', 'Smith');
  for (let i = 0; i < 7; i += 1) add('Johanna', 'Smith');
  for (let i = 0; i < 5; i += 1) add('John', 'Smithers');
  for (let i = 0; i < 6; i += 1) add('Mary Ann', 'Smith');
  for (let i = 0; i < 29; i += 1) add('John', 'Jones');
  add('Zelda', 'Smith');

  beforeAll(async () => {
    for (let start = 0; start < rows.length; start += 100) {
      const imported = await call('POST', '/v1/customers/import', { as: { tenantId, role: 'staff' }, body: { rows: rows.slice(start, start + 100) } });
      expect(imported.status).toBe(200);
    }
    expect((await deliver('customer-listing', tenantId)).batchItemFailures).toEqual([]);
  });

  type Person = { id: string; firstName: string; lastName: string; customerNumber: number };
  /** Every page of a search, as a front end walks them. */
  async function walk(q: string, limit: number, sort = 'name'): Promise<Person[][]> {
    const pages: Person[][] = [];
    let cursor: string | null = null;
    do {
      const response = await call('GET', `/v1/customers?q=${encodeURIComponent(q)}&limit=${limit}&sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as });
      expect(response.status).toBe(200);
      pages.push(response.body.items);
      cursor = response.body.nextCursor;
      if (cursor) expect(response.body.items).toHaveLength(limit);
    } while (cursor && pages.length < 20);
    return pages;
  }
  const fullName = (p: Person) => `${p.firstName} ${p.lastName}`;

  it('fills every page with people both words find, in any order of the words', async () => {
    for (const q of ['john smith', 'smith john', 'JOHN  Smith']) {
      const pages = await walk(q, 10);
      const found = pages.flat();
      expect(pages.map((page) => page.length)).toEqual([10, 10, 8]);
      expect(new Set(found.map((p) => p.id)).size).toBe(found.length);
      expect(new Set(found.map(fullName))).toEqual(new Set(['John Smith', 'John Smithers']));
      expect(found.filter((p) => p.lastName === 'Smith')).toHaveLength(23);
    }
  });

  it('finds first names of two words, and prefixes of each word', async () => {
    expect((await walk('mary ann', 25)).flat().map(fullName)).toEqual(Array(6).fill('Mary Ann Smith'));
    const jo = (await walk('jo sm', 12)).flat();
    expect(jo).toHaveLength(35);
    expect(new Set(jo.map(fullName))).toEqual(new Set(['John Smith', 'Johanna Smith', 'John Smithers']));
  });

  it('fills pages by number too, highest first', async () => {
    const pages = await walk('smith john', 10, 'number');
    expect(pages.map((page) => page.length)).toEqual([10, 10, 8]);
    const numbers = pages.flat().map((p) => p.customerNumber);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  it('gets back from DynamoDB the entries both words find, not the whole range of the longer word', async () => {
    const send = jest.spyOn(dynamo, 'send');
    try {
      const page = await call('GET', '/v1/customers?q=john%20smith&limit=10', { as });
      expect(page.body.items).toHaveLength(10);
      const queries = send.mock.calls.map(([command], i) => [command, send.mock.results[i]!.value] as const).filter(([command]) => command instanceof QueryCommand);
      const answered = await Promise.all(queries.map(([, answer]) => answer as Promise<QueryCommandOutput>));
      // The `smith` range holds 132 entries; 28 of them are people named John.
      expect(answered.reduce((sum, answer) => sum + (answer.Items?.length ?? 0), 0)).toBeLessThanOrEqual(28);
    } finally {
      send.mockRestore();
    }
  });

  it('finds a name and a customer number together, the number whole', async () => {
    const [john] = (await walk('john smith', 10, 'number'))[0]!;
    expect((await walk(`smith ${john!.customerNumber}`, 10)).flat().map((p) => p.id)).toEqual([john!.id]);
    expect((await walk(`${john!.customerNumber} jo`, 10)).flat().map((p) => p.id)).toEqual([john!.id]);
    expect((await walk(`smith ${String(john!.customerNumber).slice(0, 2)}`, 10)).flat()).toEqual([]);
  });

  it('finds a person whose entries were written before they held their search text', async () => {
    const zelda = (await call('GET', '/v1/customers?q=zelda', { as })).body.items[0] as Person;
    const profile = (await dynamo.send(new GetCommand({ TableName: tableName, Key: customerKeys.profile(tenantId, zelda.id) }))).Item as CustomerItem;
    // As they were: the words as a list, no text.
    for (const { pk, sk, searchText } of listingEntries(profile)) {
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk, sk },
          UpdateExpression: 'SET words = :words REMOVE searchText',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':words': searchText.trim().split(' ') },
        }),
      );
    }
    expect((await walk('smith zelda', 10)).flat().map(fullName)).toEqual(['Zelda Smith']);
    expect((await walk('zel', 10, 'number')).flat().map(fullName)).toEqual(['Zelda Smith']);
  });

  it('answers an empty list, without a cursor, when nobody has every word', async () => {
    const response = await call('GET', '/v1/customers?q=mary%20jones', { as });
    expect(response.body).toEqual({ items: [], nextCursor: null });
  });

  it('lists a single word’s people once each, by the word and then by name', async () => {
    // Every John Smith's email begins with "john" too: each is listed once.
    const johns = (await walk('john', 20)).flat();
    expect(johns).toHaveLength(23 + 5 + 29);
    expect(new Set(johns.map((p) => p.id)).size).toBe(johns.length);
    const names = johns.map((p) => `${p.lastName} ${p.firstName}`);
    expect(names).toEqual([...names].sort());
  });
});
