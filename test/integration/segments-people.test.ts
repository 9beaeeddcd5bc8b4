import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import Papa from 'papaparse';
import { dynamo, tableName } from '../../shared/db/client';
import { call, newTenant } from '../support/invoke';
import { changeSettings } from '../support/factories/commerce';
import { createPerson } from '../support/factories/people';
import { createSegment, settleSegments } from '../support/factories/segments';

/** A segment's people: `GET /v1/customers?segmentId=` (sorted, paged) and `GET /v1/customers/export?segmentId=`. */
const tenantId = newTenant('seg-people');
const as = { tenantId, role: 'admin' as const, name: 'Ada Admin' };
const surnames = ['Gray', 'Abbott', 'Field', 'Carter', 'Evans', 'Baker', 'Dunn'];
let segmentId = '';
const numbers = new Map<string, number>();

beforeAll(async () => {
  await changeSettings(as, (settings) => ({ ...settings, flags: [{ key: 'vip', title: 'VIP' }] }));
  for (const lastName of surnames) {
    const person = await createPerson(as, { flags: ['vip'], billingAddress: { lastName } });
    numbers.set(lastName, person.customerNumber);
  }
  await createPerson(as, { billingAddress: { lastName: 'Outsider' } });
  segmentId = (await createSegment(as, { name: 'VIPs', rules: [{ field: 'flag', op: 'has', value: 'vip' }] })).id;
  await settleSegments(as);
});

async function walk(query: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await call('GET', `/v1/customers?segmentId=${segmentId}&limit=3${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { as });
    expect(page.status).toBe(200);
    names.push(...page.body.items.map((item: { lastName: string }) => item.lastName));
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return names;
}

describe('GET /v1/customers?segmentId=', () => {
  it('lists the segment’s people by name, or by number highest first, a page at a time', async () => {
    expect(await walk('')).toEqual([...surnames].sort());
    expect(await walk('&sort=number')).toEqual([...surnames].sort((a, b) => numbers.get(b)! - numbers.get(a)!));
    expect(await walk('&sort=newest')).toEqual([...surnames].reverse());
    expect(await walk('&order=desc')).toEqual([...surnames].sort().reverse());
    expect(await walk('&sort=number&order=asc')).toEqual(surnames);
  });

  it('reads a page in two requests: the segment’s entries, then its people with the segment', async () => {
    const sent = jest.spyOn(dynamo, 'send');
    const page = await call('GET', `/v1/customers?segmentId=${segmentId}&limit=25`, { as });
    expect(page.body.items).toHaveLength(7);
    expect(sent.mock.calls.map(([command]) => command.constructor.name)).toEqual(['QueryCommand', 'BatchGetCommand']);
    sent.mockRestore();
  });

  it('refuses a search or another filter beside it, naming each, and a cursor of another order', async () => {
    const both = await call('GET', `/v1/customers?segmentId=${segmentId}&q=gray&flag=vip`, { as });
    expect(both.status).toBe(400);
    expect(both.body.errors.map((error: { path: string }) => error.path)).toEqual(['q', 'flag']);
    const first = await call('GET', `/v1/customers?segmentId=${segmentId}&limit=2`, { as });
    const crossed = await call('GET', `/v1/customers?segmentId=${segmentId}&sort=number&cursor=${encodeURIComponent(first.body.nextCursor)}`, { as });
    expect(crossed.status).toBe(400);
  });

  it('is a 404 for a segment that is not the winery’s', async () => {
    const outsider = { tenantId: newTenant('seg-people-other'), role: 'admin' as const };
    expect((await call('GET', `/v1/customers?segmentId=${segmentId}`, { as: outsider })).status).toBe(404);
    expect((await call('GET', '/v1/customers?segmentId=01NOSUCHSEGMENT0000000000', { as })).status).toBe(404);
    expect((await call('GET', `/v1/customers/export?segmentId=${segmentId}`, { as: outsider })).status).toBe(404);
  });
});

describe('GET /v1/customers/export?segmentId=', () => {
  it('exports the segment’s people by name, and records the export with its segment', async () => {
    const answer = await call('GET', `/v1/customers/export?segmentId=${segmentId}`, { as });
    expect(answer.status).toBe(200);
    const csv = Papa.parse<Record<string, string>>(Buffer.from(answer.body as string, 'base64').toString('utf8'), { header: true, skipEmptyLines: true });
    expect(csv.data.map((line) => line['billingAddress.lastName'])).toEqual([...surnames].sort());
    const records = await dynamo.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `T#${tenantId}#EXPORTS` } }));
    expect(records.Items?.map((item) => [item.filters, item.count])).toEqual([[{ segmentId }, 7]]);
    expect((await call('GET', `/v1/customers/export?segmentId=${segmentId}&clubId=club`, { as })).status).toBe(400);
  });
});
