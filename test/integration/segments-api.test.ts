import { describe, expect, it, jest } from '@jest/globals';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { isoDate, nowIso, setClock } from '../../shared/clock';
import { segmentKeys } from '../../shared/segments/keys';
import { listSegmentPeople } from '../../shared/segments/segment-people';
import { MAX_SEGMENTS } from '../../shared/segments/segment-schemas';
import { call, newTenant } from '../support/invoke';
import { buyer, changeSettings, placedOrder } from '../support/factories/commerce';
import { createPerson } from '../support/factories/people';
import { createSegment, settleSegments } from '../support/factories/segments';
import { deliver } from '../support/streams';

const tenantId = newTenant('seg-api');
const as = { tenantId, role: 'staff' as const };
const admin = { tenantId, role: 'admin' as const };
const viewer = { tenantId, role: 'viewer' as const };
const vipRule = { field: 'flag', op: 'has', value: 'vip' };

describe('Segments API', () => {
  it('answers a 400 naming every unknown field and operator, and saves nothing', async () => {
    const bad = await call('POST', '/v1/segments', {
      as,
      body: { name: 'Bad', match: 'some', rules: [{ field: 'colour', op: 'is', value: 'red' }, { field: 'orderCount', op: 'above', value: 3 }, { ...vipRule, extra: 1 }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: 'match', message: expect.stringContaining('all') },
      { path: 'rules[0].field', message: expect.stringMatching(/^"colour" is not a field of segments: flag, classId, clubId, region, country, birthMonth/) },
      { path: 'rules[1].op', message: '"above" is not an operator of orderCount: gte or lte' },
      { path: 'rules[2].extra', message: 'is not a known field' },
    ]);
    expect((await call('POST', '/v1/segments/dry-count', { as, body: { match: 'all', rules: [{ field: 'flag', op: 'in', value: 'vip' }] } })).body.errors).toEqual([
      { path: 'rules[0].op', message: '"in" is not an operator of flag: has or hasNot' },
    ]);
    expect((await call('GET', '/v1/segments', { as })).body.items).toEqual([]);
  });

  it('creates, reads, renames, re-rules and deletes with If-Match; a viewer reads only', async () => {
    const created = await call('POST', '/v1/segments', { as, body: { name: 'VIPs', rules: [vipRule] } });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/v1/segments/${created.body.id}`);
    expect(created.body).toEqual({ id: expect.any(String), name: 'VIPs', match: 'all', rules: [vipRule], count: null, countedAt: null, version: 1 });
    const id = created.body.id as string;
    expect((await call('POST', '/v1/segments', { as: viewer, body: { name: 'No', rules: [vipRule] } })).status).toBe(403);
    expect((await call('GET', `/v1/segments/${id}`, { as: viewer })).status).toBe(200);

    const renamed = await call('PATCH', `/v1/segments/${id}`, { as, body: { name: 'Our VIPs' }, headers: { 'if-match': '"1"' } });
    expect(renamed.body).toMatchObject({ name: 'Our VIPs', version: 2 });
    expect((await call('PATCH', `/v1/segments/${id}`, { as, body: { name: 'Stale' }, headers: { 'if-match': '"1"' } })).status).toBe(412);
    const rules = await call('PATCH', `/v1/segments/${id}`, { as, body: { match: 'any' }, headers: { 'if-match': '"2"' } });
    expect(rules.body).toMatchObject({ match: 'any', count: null, countedAt: null, version: 3 });

    expect((await call('DELETE', `/v1/segments/${id}`, { as, headers: { 'if-match': '"2"' } })).status).toBe(412);
    expect((await call('DELETE', `/v1/segments/${id}`, { as, headers: { 'if-match': '"3"' } })).status).toBe(204);
    expect((await call('GET', `/v1/segments/${id}`, { as })).status).toBe(404);
  });

  it("is another tenant's business: 404 on its segments and on their people", async () => {
    const segment = await createSegment(as, { rules: [vipRule] });
    const outsider = { tenantId: newTenant('seg-other'), role: 'admin' as const };
    expect((await call('GET', `/v1/segments/${segment.id}`, { as: outsider })).status).toBe(404);
    expect((await call('PATCH', `/v1/segments/${segment.id}`, { as: outsider, body: { name: 'Mine' } })).status).toBe(404);
    expect((await call('DELETE', `/v1/segments/${segment.id}`, { as: outsider })).status).toBe(404);
    await expect(listSegmentPeople(outsider.tenantId, segment.id, { sort: 'name', limit: 25 })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it(`refuses a segment past ${MAX_SEGMENTS} with a 409`, async () => {
    const tenant = newTenant('seg-limit');
    const staff = { tenantId: tenant, role: 'staff' as const };
    for (let i = 0; i < MAX_SEGMENTS; i += 1) await createSegment(staff, { name: `S${i}`, rules: [vipRule] });
    const over = await call('POST', '/v1/segments', { as: staff, body: { name: 'One too many', rules: [vipRule] } });
    expect(over.status).toBe(409);
    expect(over.body.type).toMatch(/segment-limit$/);
  });

  it('counts rules dry while editing, without saving anything, and offers the regions and countries it has seen', async () => {
    const tenant = newTenant('seg-dry');
    const staff = { tenantId: tenant, role: 'admin' as const };
    await changeSettings(staff, (settings) => ({ ...settings, flags: [{ key: 'vip', title: 'VIP' }] }));
    await createPerson(staff, { flags: ['vip'], billingAddress: { region: 'ca', country: 'US' } });
    await createPerson(staff, { flags: ['vip'], billingAddress: { region: 'CA', country: 'US' } });
    await createPerson(staff, { billingAddress: { region: 'Oregon', country: 'US' } });
    await createPerson(staff, { billingAddress: { region: 'BC', country: 'CA' } });
    await deliver('segment-membership', tenant);
    const dry = await call('POST', '/v1/segments/dry-count', { as: staff, body: { match: 'all', rules: [vipRule, { field: 'region', op: 'in', value: ['CA'] }] } });
    expect(dry.body).toEqual({ count: 2, people: 4, complete: true });
    expect((await call('GET', '/v1/segments', { as: staff })).body.items).toEqual([]);
    expect((await call('GET', '/v1/segments/values', { as: staff })).body).toEqual({ regions: ['BC', 'CA', 'Oregon'], countries: ['CA', 'US'] });
  });

  it("removes a deleted segment's people from its list in the background", async () => {
    const tenant = newTenant('seg-delete');
    const staff = { tenantId: tenant, role: 'admin' as const };
    await changeSettings(staff, (settings) => ({ ...settings, flags: [{ key: 'vip', title: 'VIP' }] }));
    await Promise.all(Array.from({ length: 5 }, () => createPerson(staff, { flags: ['vip'] })));
    const segment = await createSegment(staff, { rules: [vipRule] });
    await settleSegments(staff);
    expect((await call('GET', `/v1/segments/${segment.id}`, { as: staff })).body.count).toBe(5);
    expect((await call('DELETE', `/v1/segments/${segment.id}`, { as: staff })).status).toBe(204);
    await expect(listSegmentPeople(tenant, segment.id, { sort: 'name', limit: 25 })).rejects.toMatchObject({ kind: 'not-found' });
    const entries = async () =>
      (await dynamo.send(new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': segmentKeys.members(tenant, segment.id) } }))).Count;
    expect(await entries()).toBe(5);
    const sent = jest.spyOn(dynamo, 'send');
    await deliver('segment-counting', tenant);
    expect(sent.mock.calls.some(([command]) => command instanceof BatchWriteCommand)).toBe(true);
    sent.mockRestore();
    expect(await entries()).toBe(0);
    expect((await dynamo.send(new GetCommand({ TableName: tableName, Key: segmentKeys.countJob(tenant, segment.id) }))).Item).toBeUndefined();
  });
});

describe('Segments: what a person’s change costs', () => {
  it('writes one transaction holding only the segments whose membership moves, with 50 segments; nothing for a change no rule reads', async () => {
    const tenant = newTenant('seg-cost');
    const staff = { tenantId: tenant, role: 'admin' as const };
    await changeSettings(staff, (settings) => ({ ...settings, flags: [{ key: 'vip', title: 'VIP' }] }));
    for (let i = 0; i < 48; i += 1) await createSegment(staff, { name: `Big spenders ${i}`, rules: [{ field: 'lifetimeValueCents', op: 'gte', value: 100_000 + i }] });
    await createSegment(staff, { name: 'VIPs', rules: [vipRule] });
    await createSegment(staff, { name: 'Mailable VIPs', rules: [vipRule, { field: 'permissions.email', op: 'is', value: true }] });
    const person = await createPerson(staff, { permissions: { email: true } });
    await settleSegments(staff);

    const transactions = async (change: () => Promise<unknown>) => {
      await change();
      const sent = jest.spyOn(dynamo, 'send');
      await deliver('segment-membership', tenant);
      const writes = sent.mock.calls.filter(([command]) => command instanceof TransactWriteCommand).map(([command]) => (command as TransactWriteCommand).input.TransactItems!.length);
      const others = sent.mock.calls.filter(([command]) => !(command instanceof TransactWriteCommand) && ['PutCommand', 'UpdateCommand', 'DeleteCommand', 'BatchWriteCommand'].includes(command.constructor.name));
      sent.mockRestore();
      return { transactions: writes, otherWrites: others.length };
    };
    // Into two segments: the set check, the person's facts, and an entry and a count for each.
    expect(await transactions(() => call('PATCH', `/v1/customers/${person.id}`, { as: staff, body: { flags: ['vip'] } }))).toEqual({ transactions: [6], otherWrites: 0 });
    // Special instructions: no rule reads them.
    expect(await transactions(() => call('PATCH', `/v1/customers/${person.id}`, { as: staff, body: { specialInstructions: 'Ring twice' } }))).toEqual({ transactions: [], otherWrites: 0 });
    // Out of one of them.
    expect(await transactions(() => call('PATCH', `/v1/customers/${person.id}`, { as: staff, body: { permissions: { email: false } } }))).toEqual({ transactions: [4], otherWrites: 0 });
    const counts = Object.fromEntries(((await call('GET', '/v1/segments?limit=100', { as: staff })).body.items as { name: string; count: number }[]).map((s) => [s.name, s.count]));
    expect([counts['VIPs'], counts['Mailable VIPs'], counts['Big spenders 0']]).toEqual([1, 0, 0]);
  });

  it('reads a count in one request', async () => {
    const segment = await createSegment(admin, { rules: [vipRule] });
    const sent = jest.spyOn(dynamo, 'send');
    expect((await call('GET', `/v1/segments/${segment.id}`, { as: viewer })).status).toBe(200);
    expect(sent.mock.calls).toHaveLength(1);
    sent.mockRestore();
  });
});

describe('Segments: rules that count days', () => {
  it('are weighed again each day by the refresh job: a person whose last order grows old enters "not ordered in 90 days"', async () => {
    const tenant = newTenant('seg-days');
    const staff = { tenantId: tenant, role: 'admin' as const };
    const person = await buyer(staff);
    await placedOrder(staff, person.id);
    const lapsed = await createSegment(staff, { name: 'Lapsed', rules: [{ field: 'lastOrderAt', op: 'notWithinDays', value: 90 }] });
    await settleSegments(staff);
    expect((await call('GET', `/v1/segments/${lapsed.id}`, { as: staff })).body.count).toBe(0);

    const { handler } = await import('../../functions/jobs/segment-refresh');
    // 91 days on (for the consumers too), the order is older than 90 days; nobody changed. The
    // daily runs in between would each have weighed everyone again (moving nobody) and moved the
    // segment to the next day: it is put straight on day 91.
    const day91 = isoDate(new Date(Date.now() + 91 * 24 * 60 * 60 * 1000));
    const { gsi2pk, gsi2sk } = segmentKeys.refreshDue(tenant, lapsed.id, day91);
    await dynamo.send(
      new UpdateCommand({ TableName: tableName, Key: segmentKeys.segment(tenant, lapsed.id), UpdateExpression: 'SET gsi2pk = :pk, gsi2sk = :sk', ExpressionAttributeValues: { ':pk': gsi2pk, ':sk': gsi2sk } }),
    );
    const restore = setClock(() => new Date(Date.now() + 91 * 24 * 60 * 60 * 1000));
    try {
      const run = await handler({ now: nowIso() });
      expect(run).toMatchObject({ done: 1, failed: 0 });
      expect((await handler({ now: nowIso() })).done).toBe(0); // Once a day, however often it runs.
      await settleSegments(staff);
      const segment = (await call('GET', `/v1/segments/${lapsed.id}`, { as: staff })).body;
      expect(segment).toMatchObject({ count: 1, countedAt: expect.any(String) });
      expect((await listSegmentPeople(tenant, lapsed.id, { sort: 'name', limit: 25 })).items.map((p) => p.id)).toEqual([person.id]);
      // And it is due again the next day.
      expect((await dynamo.send(new GetCommand({ TableName: tableName, Key: segmentKeys.segment(tenant, lapsed.id) }))).Item?.gsi2pk).toMatch(new RegExp(`^DUE#SEGMENT#${isoDate(new Date(Date.now() + 92 * 24 * 60 * 60 * 1000))}#`));
    } finally {
      restore();
    }
  });
});

describe('Segments: the refresh job on a bad day', () => {
  it('retries a throttled start, goes on past a segment whose start keeps failing, and starts that one in the next run', async () => {
    const tenant = newTenant('seg-refresh-faults');
    const staff = { tenantId: tenant, role: 'admin' as const };
    const rules = [{ field: 'lastOrderAt', op: 'notWithinDays', value: 30 }];
    const throttledOnce = await createSegment(staff, { name: 'Lapsed a month', rules });
    const broken = await createSegment(staff, { name: 'Lapsed too', rules });
    await settleSegments(staff);
    const dueOf = async (id: string) => (await dynamo.send(new GetCommand({ TableName: tableName, Key: segmentKeys.segment(tenant, id), ConsistentRead: true }))).Item?.gsi2pk;
    expect(await dueOf(broken.id)).toEqual(expect.any(String));

    const { handler } = await import('../../functions/jobs/segment-refresh');
    const startsOf = (command: unknown, id: string) =>
      command instanceof TransactWriteCommand && JSON.stringify(command.input.TransactItems).includes(`"SEGMENT#${id}"`);
    let throttles = 0;
    const send = dynamo.send.bind(dynamo) as (command: unknown) => Promise<unknown>;
    const spy = jest.spyOn(dynamo, 'send').mockImplementation(((command: unknown) => {
      if (startsOf(command, throttledOnce.id) && throttles++ === 0) {
        return Promise.reject(new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }] }));
      }
      if (startsOf(command, broken.id)) return Promise.reject(new Error('Something broke'));
      return send(command);
    }) as never);
    // Both due on a day of their own, far ahead, where nothing else waits.
    const day = '2095-03-01';
    for (const { id } of [throttledOnce, broken]) {
      const { gsi2pk, gsi2sk } = segmentKeys.refreshDue(tenant, id, day);
      await dynamo.send(
        new UpdateCommand({ TableName: tableName, Key: segmentKeys.segment(tenant, id), UpdateExpression: 'SET gsi2pk = :pk, gsi2sk = :sk', ExpressionAttributeValues: { ':pk': gsi2pk, ':sk': gsi2sk } }),
      );
    }
    try {
      const first = await handler({ now: `${day}T12:00:00.000Z` });
      expect(first.failed).toBe(1);
      expect(first.throttleRetries).toBeGreaterThanOrEqual(1);
      expect(throttles).toBe(2);
      expect(await dueOf(throttledOnce.id)).toBeUndefined();
      expect(await dueOf(broken.id)).toEqual(expect.any(String));
      spy.mockRestore();

      await handler({ now: `${day}T13:00:00.000Z` });
      expect(await dueOf(broken.id)).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
  });
});
