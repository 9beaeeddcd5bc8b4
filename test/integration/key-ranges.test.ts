import { describe, expect, it } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { prefixCondition } from '../../shared/db/cursor';
import { batchWrite } from '../../shared/db/batch-write';
import { customerPk } from '../../shared/db/keys';
import { call, newTenant } from '../support/invoke';
import { createPerson } from '../support/factories/people';

/**
 * `prefixCondition` reads a key range (`BETWEEN prefix AND <prefix raised by one>`), not
 * `begins_with`, because DynamoDB Local answers `begins_with` by reading the whole partition.
 * The range must hold exactly the keys that start with the prefix, whatever follows it.
 */
describe('prefixCondition', () => {
  const tenantId = newTenant('ranges');

  it('reads every key that starts with the prefix and no other, whatever characters follow it', async () => {
    const pk = customerPk(tenantId, 'range-person');
    const inside = ['P#', 'P#!', 'P#A#01', 'P#PROFILE', 'P#~~~', 'P#\u00e9t\u00e9', 'P#\u4e2d', 'P#\ud83c\udf77', 'P#\uffff', 'P#\uffff\uffff'];
    const outside = ['P', 'P"', 'P"\uffff', 'P$A', 'P%', 'O#PROFILE', 'H#CHANGE#01', 'Q', 'p#a'];
    await batchWrite([...inside, ...outside].map((sk) => ({ PutRequest: { Item: { pk, sk, type: 'probe' } } })));

    const read = async (forward: boolean) => {
      const result = await dynamo.send(new QueryCommand({ TableName: tableName, ...prefixCondition(pk, 'P#'), ConsistentRead: true, ScanIndexForward: forward }));
      return (result.Items ?? []).map((item) => item.sk as string);
    };
    expect((await read(true)).sort()).toEqual([...inside].sort());
    expect((await read(false)).sort()).toEqual([...inside].sort());
  });

  it('refuses a prefix whose top would not be a plain ASCII key', () => {
    expect(() => prefixCondition('pk', '')).toThrow();
    expect(() => prefixCondition('pk', 'P\u00e9')).toThrow();
    expect(() => prefixCondition('pk', 'P~')).toThrow();
  });

  it('keeps the profile page to its own items beside a long history and keys on either side of it', async () => {
    const as = { tenantId, role: 'admin' as const };
    const person = await createPerson(as);
    const pk = customerPk(tenantId, person.id);
    const neighbours = ['H#CHANGE#01', 'O~', 'P"', 'P$A', 'Q#X'].map((sk) => ({ PutRequest: { Item: { pk, sk, type: 'address', id: `stray-${sk}` } } }));
    await batchWrite(neighbours);
    const profile = await call('GET', `/v1/customers/${person.id}`, { as });
    expect(profile.status).toBe(200);
    expect(profile.body.addresses.map((address: { id: string }) => address.id)).toEqual([person.defaultBillingAddressId]);
  });
});
