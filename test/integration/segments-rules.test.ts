import { beforeAll, describe, expect, it } from '@jest/globals';
import { setClock } from '../../shared/clock';
import { call, newTenant } from '../support/invoke';
import { buyer, changeSettings, placedOrder } from '../support/factories/commerce';
import { clubsFactory } from '../support/factories/clubs';
import { createPerson } from '../support/factories/people';
import { createSegment, settleSegments } from '../support/factories/segments';

/**
 * Every field and operator of a segment, against four people made through the API, counted by
 * the background count; then people change and the counts follow through the membership
 * consumer. Each segment's people are what its count says.
 */
const tenantId = newTenant('seg-rules');
const as = { tenantId, role: 'admin' as const };
const clubs = clubsFactory(tenantId);
const DAY = 24 * 60 * 60 * 1000;
const bottle = (cents: number) => ({ lines: [{ sku: 'CAB', name: 'Cabernet', quantity: 1, unitPriceCents: cents }] });

const people: Record<'ada' | 'bob' | 'cleo' | 'dan', string> = { ada: '', bob: '', cleo: '', dan: '' };
let friends = '';
let reserve = { id: '', classId: '' };
let adaOrders: string[] = [];

/** Runs `make` as if it were `days` ago (ids and stamps read the same clock). */
async function daysAgo<T>(days: number, make: () => Promise<T>): Promise<T> {
  const restore = setClock(() => new Date(Date.now() - days * DAY));
  try {
    return await make();
  } finally {
    restore();
  }
}

beforeAll(async () => {
  await changeSettings(as, (settings) => ({ ...settings, flags: [{ key: 'vip', title: 'VIP' }, { key: 'trade', title: 'Trade' }] }));
  friends = (await call('POST', '/v1/customer-classes', { as, body: { name: 'Friends', discountPercent: 0 } })).body.id;
  reserve = await clubs.club({ name: 'Reserve', discountPercent: 0 });

  const ada = await buyer(as, {
    flags: ['vip'],
    customerClassId: friends,
    permissions: { email: true },
    billingAddress: { firstName: 'Ada', lastName: 'Lovelace', region: 'CA', country: 'US' },
  });
  adaOrders = [(await placedOrder(as, ada.id, bottle(1000))).id, (await placedOrder(as, ada.id, bottle(2500))).id];
  expect((await call('POST', `/v1/customers/${ada.id}/credits`, { as, body: { amountCents: 5000, reason: 'Welcome' } })).status).toBe(201);

  const bob = await createPerson(as, {
    permissions: { sms: true },
    billingAddress: { firstName: 'Bob', lastName: 'Bellini', region: 'Oregon', country: 'US' },
    shippingAddress: { firstName: 'Bob', lastName: 'Bellini', line1: '1 Vine St', city: 'Salem', region: 'Oregon', postalCode: '97301', country: 'US' },
  });
  await clubs.join(bob.id, reserve as never);

  const cleo = await daysAgo(400, () =>
    buyer(as, { flags: ['trade'], birthDate: '1990-12-24', permissions: { phone: true }, billingAddress: { firstName: 'Cleo', lastName: 'Chen', region: 'BC', country: 'CA' } }),
  );
  await daysAgo(200, () => placedOrder(as, cleo.id, bottle(1000)));

  const dan = await createPerson(as, { permissions: { mail: true }, billingAddress: { firstName: 'Dan', lastName: 'Dunn' } });
  Object.assign(people, { ada: ada.id, bob: bob.id, cleo: cleo.id, dan: dan.id });
  await settleSegments(as);
});

type Who = keyof typeof people;
/** By last name: Bellini, Chen, Dunn, Lovelace. */
const byName = (who: Who[]) => [...who].sort((a, b) => ['bob', 'cleo', 'dan', 'ada'].indexOf(a) - ['bob', 'cleo', 'dan', 'ada'].indexOf(b));

async function membersOf(segmentId: string): Promise<Who[]> {
  const page = await call('GET', `/v1/customers?segmentId=${segmentId}&limit=100`, { as });
  expect(page.status).toBe(200);
  const byId = new Map(Object.entries(people).map(([who, id]) => [id, who as Who]));
  return page.body.items.map((item: { id: string }) => byId.get(item.id)!);
}

describe('Segments: each field and operator', () => {
  const cases = (): [string, Record<string, unknown>, Who[]][] => [
    ['flag has', { field: 'flag', op: 'has', value: 'vip' }, ['ada']],
    ['flag hasNot', { field: 'flag', op: 'hasNot', value: 'vip' }, ['bob', 'cleo', 'dan']],
    ['classId is (own class)', { field: 'classId', op: 'is', value: friends }, ['ada']],
    ["classId is (a club's class)", { field: 'classId', op: 'is', value: reserve.classId }, ['bob']],
    ['classId isNot', { field: 'classId', op: 'isNot', value: friends }, ['bob', 'cleo', 'dan']],
    ['clubId memberOf', { field: 'clubId', op: 'memberOf', value: reserve.id }, ['bob']],
    ['clubId notMemberOf', { field: 'clubId', op: 'notMemberOf', value: reserve.id }, ['ada', 'cleo', 'dan']],
    ['region in (without case)', { field: 'region', op: 'in', value: ['ca', 'oregon'] }, ['bob', 'ada']],
    ['country in', { field: 'country', op: 'in', value: ['CA'] }, ['cleo']],
    ['birthMonth in', { field: 'birthMonth', op: 'in', value: [4, 12] }, ['cleo', 'ada']],
    ['ageVerified is true', { field: 'ageVerified', op: 'is', value: true }, ['cleo', 'ada']],
    ['ageVerified is false', { field: 'ageVerified', op: 'is', value: false }, ['bob', 'dan']],
    ['permissions.email is', { field: 'permissions.email', op: 'is', value: true }, ['ada']],
    ['permissions.sms is', { field: 'permissions.sms', op: 'is', value: true }, ['bob']],
    ['permissions.phone is', { field: 'permissions.phone', op: 'is', value: true }, ['cleo']],
    ['permissions.mail is', { field: 'permissions.mail', op: 'is', value: true }, ['dan']],
    ['createdAt withinDays', { field: 'createdAt', op: 'withinDays', value: 30 }, ['bob', 'dan', 'ada']],
    ['createdAt notWithinDays', { field: 'createdAt', op: 'notWithinDays', value: 30 }, ['cleo']],
    ['lastOrderAt withinDays', { field: 'lastOrderAt', op: 'withinDays', value: 90 }, ['ada']],
    ['lastOrderAt notWithinDays (and never ordered)', { field: 'lastOrderAt', op: 'notWithinDays', value: 90 }, ['bob', 'cleo', 'dan']],
    ['orderCount gte', { field: 'orderCount', op: 'gte', value: 2 }, ['ada']],
    ['orderCount lte', { field: 'orderCount', op: 'lte', value: 0 }, ['bob', 'dan']],
    ['lifetimeValueCents gte', { field: 'lifetimeValueCents', op: 'gte', value: 3500 }, ['ada']],
    ['lifetimeValueCents lte', { field: 'lifetimeValueCents', op: 'lte', value: 1000 }, ['bob', 'cleo', 'dan']],
    ['creditBalanceCents gte', { field: 'creditBalanceCents', op: 'gte', value: 5000 }, ['ada']],
    ['creditBalanceCents lte', { field: 'creditBalanceCents', op: 'lte', value: 0 }, ['bob', 'cleo', 'dan']],
  ];
  const segments = new Map<string, string>();

  beforeAll(async () => {
    for (const [name, rule] of cases()) segments.set(name, (await createSegment(as, { name, rules: [rule] })).id);
    segments.set('any of two', (await createSegment(as, { name: 'any of two', match: 'any', rules: [cases()[0]![1], cases()[8]![1]] })).id);
    await settleSegments(as);
  });

  it('counts each in the background and lists its people by name', async () => {
    for (const [name, , expected] of [...cases(), ['any of two', {}, ['cleo', 'ada']] as [string, unknown, Who[]]]) {
      const segment = (await call('GET', `/v1/segments/${segments.get(name)}`, { as })).body;
      expect({ name, count: segment.count, members: await membersOf(segment.id) }).toEqual({ name, count: expected.length, members: byName(expected) });
      expect(segment.countedAt).toEqual(expect.any(String));
    }
  });

  it('follows people who change: a flag given, orders cancelled (a person who no longer ordered has not ordered within 90 days)', async () => {
    expect((await call('PATCH', `/v1/customers/${people.bob}`, { as, body: { flags: ['vip'] } })).status).toBe(200);
    for (const orderId of adaOrders) expect((await call('POST', `/v1/orders/${orderId}/cancel`, { as, body: {} })).status).toBe(200);
    await settleSegments(as);
    const expectations: [string, Who[]][] = [
      ['flag has', ['bob', 'ada']],
      ['flag hasNot', ['cleo', 'dan']],
      ['orderCount gte', []],
      ['orderCount lte', ['bob', 'dan', 'ada']],
      ['lastOrderAt withinDays', []],
      ['lastOrderAt notWithinDays (and never ordered)', ['bob', 'cleo', 'dan', 'ada']],
      ['lifetimeValueCents gte', []],
    ];
    for (const [name, expected] of expectations) {
      const segment = (await call('GET', `/v1/segments/${segments.get(name)}`, { as })).body;
      expect({ name, count: segment.count, members: await membersOf(segment.id) }).toEqual({ name, count: expected.length, members: byName(expected) });
    }
  });
});
