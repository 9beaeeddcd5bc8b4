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
 * The range must hold exactly the keys that start with the prefix, whatever follows it: key
 * prefixes (`P#`) and search words of any script alike.
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

  it('reads a word of any script as its range, and keeps begins_with where no character is above the last', async () => {
    // Search words are lower case without accents, but of any script: their ranges end past the
    // last code point (U+D7FF's next is U+E000, past the surrogates), as DynamoDB orders UTF-8.
    const words = ['smi', 'zo\u00eb', '\u4e2d', 'a\ud83c\udf77', 'x\ud7ff', 'y\u{10ffff}'];
    for (const [index, word] of words.entries()) {
      const pk = customerPk(tenantId, `word-${index}`);
      const chars = [...word];
      const last = chars.pop()!.codePointAt(0)!;
      const below = chars.join('') + String.fromCodePoint(last - 1);
      const above = last === 0x10ffff ? undefined : chars.join('') + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1);
      const inside = [`${word}\u0001jones`, `${word}th\u0001jones`, `${word}\u{10ffff}\u0001a`, `${word}\uffff\u0001b`];
      const outside = [`${below}\u0001jones`, `${below}\u{10ffff}`, chars.join('') || 'a', ...(above ? [`${above}\u0001jones`, `${above}a`] : [])];
      await batchWrite([...inside, ...outside].map((sk) => ({ PutRequest: { Item: { pk, sk, type: 'probe' } } })));
      const condition = prefixCondition(pk, word);
      expect(condition.KeyConditionExpression).toContain(above ? 'BETWEEN' : 'begins_with');
      const result = await dynamo.send(new QueryCommand({ TableName: tableName, ...condition, ConsistentRead: true }));
      expect({ word, keys: (result.Items ?? []).map((item) => item.sk as string).sort() }).toEqual({ word, keys: [...inside].sort() });
    }
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
