import { describe, expect, it, jest } from '@jest/globals';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { queryAll, queryPages } from '../../shared/db/query-pages';
import { newTenant } from '../support/invoke';

/** `queryPages` and `queryAll`: every page of a range, in order, and no page read past a stop. */
describe('queryPages', () => {
  const pk = `T#${newTenant('query-pages')}#PAGES`;
  const range = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true };

  it('reads a range page after page to its end, and no further page once the caller stops', async () => {
    for (let n = 0; n < 5; n += 1) await dynamo.send(new PutCommand({ TableName: tableName, Item: { pk, sk: `item#${n}` } }));
    const pages: string[][] = [];
    for await (const page of queryPages<{ sk: string }>({ ...range, Limit: 2 })) pages.push(page.map((item) => item.sk));
    expect(pages).toEqual([['item#0', 'item#1'], ['item#2', 'item#3'], ['item#4']]);
    expect((await queryAll<{ sk: string }>({ ...range, Limit: 2, ScanIndexForward: false })).map((item) => item.sk)).toEqual(['item#4', 'item#3', 'item#2', 'item#1', 'item#0']);

    const spy = jest.spyOn(dynamo, 'send');
    try {
      for await (const page of queryPages({ ...range, Limit: 2 })) if (page.length > 0) break;
      expect(spy.mock.calls.filter(([command]) => command instanceof QueryCommand)).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });
});
