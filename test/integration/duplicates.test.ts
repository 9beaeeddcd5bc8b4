import { describe, expect, it, jest } from '@jest/globals';
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { duplicateKeys } from '../../shared/duplicates/keys';
import { emailKey } from '../../shared/duplicates/matching';
import { call, newTenant } from '../support/invoke';
import { consumerRecords, deliver } from '../support/streams';
import { operationsDuring, requestsDuring } from '../support/dynamo-operations';
import { backfillEmailsHeld } from '../../scripts/backfill-emails-held';
import { backfillDuplicates } from '../../scripts/backfill-duplicates';
import { eventually } from '../support/eventually';
import { createPerson } from '../support/factories/people';

const tenantId = newTenant('dups');
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-5', name: 'Dee Dupe' };
const viewer = { tenantId, role: 'viewer' as const };
const outsider = { tenantId: newTenant('other'), role: 'staff' as const };

const pairs = async () => {
  await deliver('duplicate-candidates', tenantId);
  const list = await call('GET', '/v1/customers/duplicates?limit=100', { as: staffer });
  expect(list.status).toBe(200);
  return list.body.items as { id: string; people: { id: string }[]; reasons: string[]; score: number }[];
};
const pairOf = (list: Awaited<ReturnType<typeof pairs>>, a: string, b: string) =>
  list.find((pair) => pair.people.some((p) => p.id === a) && pair.people.some((p) => p.id === b));
/** The pair of `a` and `b` once the stream has shown the consumer what `expectation` waits for (a busy machine's stream lags). */
const settledPair = (a: string, b: string, expectation: (pair: ReturnType<typeof pairOf>) => void) =>
  eventually(async () => {
    const pair = pairOf(await pairs(), a, b);
    expectation(pair);
    return { pair };
  });

describe('Possible duplicates', () => {
  it('files a batch of new people together (cards read at once, written with their keys) and pairs them', async () => {
    const batch = { tenantId: newTenant('dups-batch'), role: 'staff' as const };
    const ann = await createPerson(batch, { billingAddress: { firstName: 'Ann', lastName: 'Batch', line1: '3 Cask Ln', postalCode: '95476' }, phone: '707-555-0144' });
    const anne = await createPerson(batch, { billingAddress: { firstName: 'Anne', lastName: 'Batch', line1: '3 Cask Lane', postalCode: '95476' } });
    await createPerson(batch, { billingAddress: { firstName: 'Carl', lastName: 'Other' } });
    await createPerson(batch, { billingAddress: { firstName: 'Dora', lastName: 'Else' }, phone: '415-555-0190' });

    const records = await consumerRecords('duplicate-candidates', batch.tenantId, 6);
    const requests = await requestsDuring(() => deliver('duplicate-candidates', batch.tenantId, records));

    // Four people filed: their cards in one BatchGetItem and their profile pages, the buckets of
    // their own emails in one BatchGetItem, then the cards with the keys gone and the new key
    // entries in BatchWriteItems; no card read or written one by one.
    expect(requests.slice(0, 8).map((request) => request.name)).toEqual([
      'BatchGetItemCommand',
      ...Array(4).fill('QueryCommand'),
      'BatchGetItemCommand',
      'BatchWriteItemCommand',
      'BatchWriteItemCommand',
    ]);
    // Nobody in this winery holds an additional email: no own email is looked up.
    const queried = requests.filter((request) => request.name === 'QueryCommand').map((request) => String((request.input.ExpressionAttributeValues as Record<string, unknown>)[':pk']));
    expect(queried.filter((pk) => pk.includes(`#DUPKEY#${emailKey('')}`))).toEqual([]);
    expect(queried.filter((pk) => pk.includes('#DUPKEY#'))).not.toEqual([]);
    const list = (await call('GET', '/v1/customers/duplicates?limit=100', { as: batch })).body.items as { people: { id: string }[] }[];
    expect(list.map((pair) => pair.people.map((p) => p.id).sort())).toEqual([[ann.id, anne.id].sort()]);
  });

  it('pairs people by email, phone, name and address, likeliest first, kept from the stream', async () => {
    const robert = await createPerson(staffer, { billingAddress: { firstName: 'Robert', lastName: 'Müller', line1: '12 Vine Rd', postalCode: '94558' }, phone: '707-555-0111' });
    const bob = await createPerson(staffer, { billingAddress: { firstName: 'Bob', lastName: 'Muller', line1: '12 Vine Rd.', postalCode: '94558' } });
    const sameEmail = await createPerson(staffer, { billingAddress: { firstName: 'Someone', lastName: 'Else', email: `other.${robert.id}@example.com` } });
    const housemate = await createPerson(staffer, { billingAddress: { firstName: 'Mary', lastName: 'Jones' }, phone: '(707) 555-0111' });
    const twin = await createPerson(staffer, { billingAddress: { firstName: 'Robert', lastName: 'Müller' }, birthDate: '1970-03-04' });
    const stranger = await createPerson(staffer, { billingAddress: { firstName: 'Zora', lastName: 'Quill' } });
    // An additional email that is someone else's own.
    expect((await call('POST', `/v1/customers/${sameEmail.id}/emails`, { as: staffer, body: { email: robert.email } })).status).toBe(201);

    const list = await pairs();
    expect(pairOf(list, robert.id, bob.id)).toMatchObject({ reasons: ['similar-name'] });
    expect(pairOf(list, robert.id, sameEmail.id)).toMatchObject({ reasons: ['email'], score: 0.9 });
    expect(pairOf(list, robert.id, housemate.id)).toMatchObject({ reasons: ['phone'], score: 0.25 });
    expect(pairOf(list, robert.id, twin.id)).toBeUndefined();
    expect(list.some((pair) => pair.people.some((p) => p.id === stranger.id))).toBe(false);
    expect(list.map((pair) => pair.score)).toEqual([...list.map((pair) => pair.score)].sort((a, b) => b - a));

    // The twin gets the same birth date as Robert: now a pair.
    expect((await call('PATCH', `/v1/customers/${robert.id}`, { as: staffer, body: { birthDate: '1970-03-04' } })).status).toBe(200);
    await settledPair(robert.id, twin.id, (pair) => expect(pair).toMatchObject({ reasons: expect.arrayContaining(['name-birthdate']) }));

    // A change that takes away what they shared takes the pair away.
    expect((await call('PATCH', `/v1/customers/${housemate.id}`, { as: staffer, body: { phone: '415-555-0199' } })).status).toBe(200);
    await settledPair(robert.id, housemate.id, (pair) => expect(pair).toBeUndefined());
  });

  it('pairs an own email with the same email held as someone’s additional one, either made first, and files no key for own emails', async () => {
    const holder = await createPerson(staffer, { billingAddress: { firstName: 'Hal', lastName: 'Holder' } });
    const later = `later.${holder.id.slice(-6)}@example.com`.toLowerCase();
    expect((await call('POST', `/v1/customers/${holder.id}/emails`, { as: staffer, body: { email: later } })).status).toBe(201);
    await pairs();
    const owner = await createPerson(staffer, { billingAddress: { firstName: 'Olive', lastName: 'Owner', email: later } });
    await settledPair(holder.id, owner.id, (pair) => expect(pair).toMatchObject({ reasons: ['email'] }));
    // The own email is unique (its marker says whose it is): looked up, never filed as a key.
    const filed = await dynamo.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': duplicateKeys.keyPartition(tenantId, emailKey(owner.email)) } }),
    );
    expect((filed.Items ?? []).map((entry) => entry.customerId)).toEqual([holder.id]);
  });

  it('marks, with the one-off backfill, the buckets of additional emails filed before buckets were marked', async () => {
    const held = { tenantId: newTenant('dups-held'), role: 'staff' as const };
    const holder = await createPerson(held, { billingAddress: { firstName: 'Hal', lastName: 'Holder' } });
    const [before, after] = ['before', 'after'].map((word) => `${word}.${holder.id.slice(-6)}@example.com`.toLowerCase()) as [string, string];
    for (const email of [before, after]) {
      expect((await call('POST', `/v1/customers/${holder.id}/emails`, { as: held, body: { email } })).status).toBe(201);
    }
    await deliver('duplicate-candidates', held.tenantId);
    // As the code before marks left them: the key entries, no mark.
    for (const email of [before, after]) {
      await dynamo.send(new DeleteCommand({ TableName: tableName, Key: duplicateKeys.emailsHeld(held.tenantId, email) }));
    }
    const heldPairs = async () => {
      await deliver('duplicate-candidates', held.tenantId);
      return (await call('GET', '/v1/customers/duplicates?limit=100', { as: held })).body.items as Awaited<ReturnType<typeof pairs>>;
    };

    // Unmarked, an owner of one of them does not look it up.
    const early = await createPerson(held, { billingAddress: { firstName: 'Eve', lastName: 'Early', email: before } });
    expect(pairOf(await heldPairs(), holder.id, early.id)).toBeUndefined();

    expect(await backfillEmailsHeld({ tenantId: held.tenantId, segments: 2 })).toEqual({ emails: 2 });
    const late = await createPerson(held, { billingAddress: { firstName: 'Lou', lastName: 'Late', email: after } });
    expect(pairOf(await heldPairs(), holder.id, late.id)).toMatchObject({ reasons: ['email'] });
  });

  it('reads nothing for a change of the person matching does not read (an age check), and files a new phone', async () => {
    const quiet = { tenantId: newTenant('dups-quiet'), role: 'staff' as const };
    const person = await createPerson(quiet, { billingAddress: { firstName: 'Quinn', lastName: 'Quiet', line1: '4 Still Rd', postalCode: '95448' }, phone: '707-555-0166', birthDate: '1975-05-05' });
    const filed = (await consumerRecords('duplicate-candidates', quiet.tenantId, 2)).length;
    expect((await deliver('duplicate-candidates', quiet.tenantId)).batchItemFailures).toEqual([]);
    const recordsAfter = async (seen: number) => (await consumerRecords('duplicate-candidates', quiet.tenantId, seen + 1)).slice(seen);

    expect((await call('POST', `/v1/customers/${person.id}/age-verification`, { as: quiet, body: { method: 'manual', note: 'Passport seen' } })).status).toBe(200);
    const ageCheck = await recordsAfter(filed);
    expect(await requestsDuring(() => deliver('duplicate-candidates', quiet.tenantId, ageCheck))).toEqual([]);

    expect((await call('PATCH', `/v1/customers/${person.id}`, { as: quiet, body: { phone: '415-555-0166' } })).status).toBe(200);
    const newPhone = await recordsAfter(filed + ageCheck.length);
    const requests = (await requestsDuring(() => deliver('duplicate-candidates', quiet.tenantId, newPhone))).map((request) => request.name);
    expect(requests).toContain('QueryCommand');
    expect(requests).toContain('BatchWriteItemCommand');
  });

  it('files everyone written before duplicates were kept, with the one-off backfill, and their pairs appear', async () => {
    const old = { tenantId: newTenant('dups-old'), role: 'staff' as const };
    const ola = await createPerson(old, { billingAddress: { firstName: 'Ola', lastName: 'Nordmann' }, phone: '707-555-0177' });
    const olaToo = await createPerson(old, { billingAddress: { firstName: 'Ola', lastName: 'Nordman' }, phone: '707-555-0177' });
    const listed = async () => (await call('GET', '/v1/customers/duplicates?limit=100', { as: old })).body.items as { people: { id: string }[] }[];
    // Never filed: the consumer has not seen them (as people written before it existed).
    expect(await listed()).toEqual([]);
    expect(await backfillDuplicates({ tenantId: old.tenantId, segments: 2 })).toEqual({ people: 2 });
    expect((await listed()).map((pair) => pair.people.map((p) => p.id).sort())).toEqual([[ola.id, olaToo.id].sort()]);
    // Run again: the same pair, once.
    await backfillDuplicates({ tenantId: old.tenantId, segments: 2 });
    expect(await listed()).toHaveLength(1);
  });

  it('writes nothing for a change matching does not read, and shows the pair’s people as they are now', async () => {
    const a = await createPerson(staffer, { billingAddress: { firstName: 'Kim', lastName: 'Oyelaran' }, phone: '707-555-0333', birthDate: '1975-05-05' });
    const b = await createPerson(staffer, { billingAddress: { firstName: 'Kimberly', lastName: 'Oyelaran' }, phone: '707-555-0333' });
    expect(pairOf(await pairs(), a.id, b.id)).toMatchObject({ reasons: expect.arrayContaining(['phone']) });
    expect((await call('POST', `/v1/customers/${a.id}/age-verification`, { as: staffer, body: { method: 'manual', note: 'Passport seen' } })).status).toBe(200);
    const send = jest.spyOn(dynamo, 'send');
    try {
      await deliver('duplicate-candidates', tenantId);
      const writes = send.mock.calls.map(([command]) => command.constructor.name).filter((name) => /Put|Update|Delete|Write/.test(name));
      expect(writes).toEqual([]);
    } finally {
      send.mockRestore();
    }
    expect(pairOf(await pairs(), a.id, b.id)!.people.find((p) => p.id === a.id)).toMatchObject({ needsAgeVerification: false });
  });

  it('never suggests a dismissed pair again, whatever changes', async () => {
    const a = await createPerson(staffer, { billingAddress: { firstName: 'Pat', lastName: 'Lee' }, phone: '707-555-0222' });
    const b = await createPerson(staffer, { billingAddress: { firstName: 'Patricia', lastName: 'Lee' }, phone: '707-555-0222' });
    const pair = pairOf(await pairs(), a.id, b.id)!;
    expect(pair).toBeDefined();
    expect((await call('POST', `/v1/customers/duplicates/${pair.id}/dismiss`, { as: viewer })).status).toBe(403);
    expect((await call('POST', `/v1/customers/duplicates/${pair.id}/dismiss`, { as: outsider })).status).toBe(404);
    expect((await call('POST', `/v1/customers/duplicates/${pair.id}/dismiss`, { as: staffer })).status).toBe(204);
    expect(pairOf(await pairs(), a.id, b.id)).toBeUndefined();
    expect((await call('PATCH', `/v1/customers/${b.id}`, { as: staffer, body: { birthDate: '1985-01-01', partner: 'Kim' } })).status).toBe(200);
    expect((await call('PATCH', `/v1/customers/${a.id}`, { as: staffer, body: { birthDate: '1985-01-01' } })).status).toBe(200);
    expect(pairOf(await pairs(), a.id, b.id)).toBeUndefined();
    expect((await call('POST', '/v1/customers/duplicates/nope-nope/dismiss', { as: staffer })).status).toBe(404);
  });

  it('drops a merged person’s pairs, and an undone merge keeps the two apart', async () => {
    const a = await createPerson(staffer, { billingAddress: { firstName: 'Kit', lastName: 'Marlowe' }, phone: '707-555-0333' });
    const b = await createPerson(staffer, { billingAddress: { firstName: 'Kit', lastName: 'Marlow' }, phone: '707-555-0333' });
    await settledPair(a.id, b.id, (pair) => expect(pair).toBeDefined());
    expect((await call('POST', `/v1/customers/${a.id}/merge`, { as: staffer, body: { absorbedId: b.id } })).status).toBe(200);
    await settledPair(a.id, b.id, (pair) => expect(pair).toBeUndefined());
    const [{ id: mergeId }] = (await call('GET', `/v1/customers/${a.id}/merges`, { as: staffer })).body.items;
    expect((await call('POST', `/v1/merges/${mergeId}/undo`, { as: staffer })).status).toBe(200);
    expect(pairOf(await pairs(), a.id, b.id)).toBeUndefined();
  });

  it('tells an import which new rows look like someone already there (not by email), in a dry run too', async () => {
    const existing = await createPerson(staffer, { billingAddress: { firstName: 'Grace', lastName: 'Hopper', postalCode: '94110', line1: '5 Navy Way' }, birthDate: '1906-12-09' });
    await pairs();
    const rows = [
      { billingAddress: { firstName: 'Grace', lastName: 'Hopper', email: `g.${existing.id}@elsewhere.com`, postalCode: '94110' } },
      { billingAddress: { firstName: 'Alan', lastName: 'Turing', email: `alan.${existing.id}@example.com` } },
    ];
    for (const dryRun of [true, false]) {
      const imported = await call('POST', '/v1/customers/import', { as: staffer, body: { rows, dryRun } });
      expect(imported.status).toBe(200);
      expect(imported.body.results[0]).toMatchObject({ status: 'created', possibleDuplicateOf: existing.id });
      expect(imported.body.results[1].possibleDuplicateOf).toBeUndefined();
    }
  });

  it('answers a batch sent again with its first results, lookalikes as they were, without reading a key', async () => {
    const rows = [{ billingAddress: { firstName: 'Ada', lastName: 'Lovelace', email: `ada.${tenantId}@example.com`, postalCode: '94301', line1: '1 Engine Row' } }];
    const send = () => call('POST', '/v1/customers/import', { as: staffer, body: { rows }, headers: { 'Idempotency-Key': 'lookalike-batch' } });
    const first = await send();
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toMatchObject({ status: 'created' });
    expect(first.body.results[0].possibleDuplicateOf).toBeUndefined();
    // Someone who looks like her arrives after the batch was answered, and is filed.
    const later = await createPerson(staffer, { billingAddress: { firstName: 'Ada', lastName: 'Lovelace', postalCode: '94301', line1: '1 Engine Row' } });
    await settledPair(first.body.results[0].id, later.id, (pair) => expect(pair).toBeDefined());

    let again: Awaited<ReturnType<typeof send>> | undefined;
    const operations = await operationsDuring(async () => (again = await send()));
    expect(again!.status).toBe(200);
    expect(again!.body).toEqual(first.body);
    expect(operations).not.toContain('QueryCommand');
  });
});
