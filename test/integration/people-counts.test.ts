import { randomUUID } from 'node:crypto';
import { describe, expect, it, jest } from '@jest/globals';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../../shared/db/client';
import { call, newTenant, type Caller } from '../support/invoke';
import { newPersonBody } from '../support/factories/people';
import { consumerRecords, deliver } from '../support/streams';

/** The dashboard counts after an import's backlog: summed per batch, each record counted once. */
describe('Dashboard counts after an import', () => {
  const tenantId = newTenant('counts');
  const as: Caller = { tenantId, role: 'admin' };
  const tag = randomUUID().slice(0, 6);

  it('counts 150 imported people and each flag once, when a batch is replayed and when part of it was counted before', async () => {
    const settings = await call('GET', '/v1/settings', { as });
    await call('PUT', '/v1/settings', { as, body: { ...settings.body, flags: [{ key: 'vip', title: 'VIP' }, { key: 'trade', title: 'Trade' }] } });
    const rows = Array.from({ length: 150 }, (_, i) =>
      newPersonBody({ billingAddress: { email: `p${i}.${tag}@example.com` }, ...(i % 3 === 0 ? { flags: ['vip'] } : {}), ...(i % 10 === 0 ? { flags: ['trade'] } : {}) }),
    );
    for (const batch of [rows.slice(0, 100), rows.slice(100)]) {
      expect((await call('POST', '/v1/customers/import', { as, body: { rows: batch } })).status).toBe(200);
    }
    const records = await consumerRecords('people-counts', tenantId, 150);
    // Ten records counted before (a batch that stopped midway): summed, in one transaction.
    const sent = jest.spyOn(dynamo, 'send');
    expect((await deliver('people-counts', tenantId, records.slice(0, 10))).batchItemFailures).toEqual([]);
    expect(sent.mock.calls.filter(([command]) => command instanceof TransactWriteCommand)).toHaveLength(1);
    sent.mockRestore();
    // Then everything, twice: the ten are not counted again.
    expect((await deliver('people-counts', tenantId, records)).batchItemFailures).toEqual([]);
    expect((await deliver('people-counts', tenantId, records)).batchItemFailures).toEqual([]);

    const flagged = (flag: string) => rows.filter((row) => ((row as { flags?: string[] }).flags ?? []).includes(flag)).length;
    const vip = flagged('vip');
    const trade = flagged('trade');
    expect((await call('GET', '/v1/customers/summary', { as })).body).toEqual({ people: 150, clubMembers: 0 });
    expect((await call('GET', '/v1/customers/summary?flag=vip', { as })).body).toEqual({ people: vip, clubMembers: 0 });
    expect((await call('GET', '/v1/customers/summary?flag=trade', { as })).body).toEqual({ people: trade, clubMembers: 0 });
  });
});
