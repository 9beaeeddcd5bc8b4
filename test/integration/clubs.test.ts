import { describe, expect, it } from '@jest/globals';
import { handler as pauseExpiry } from '../../functions/jobs/pause-expiry';
import { call, newTenant } from '../support/invoke';
import { createPerson } from '../support/factories/people';
import { consumerRecords, deliver } from '../support/streams';
import { operationsDuring } from '../support/dynamo-operations';
import { eventually } from '../support/eventually';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { customerKeys } from '../../shared/people/keys';

const tenantId = newTenant('clubs');
const admin = { tenantId, role: 'admin' as const, sub: 'admin-1', name: 'Alice Admin' };
const staffer = { tenantId, role: 'staff' as const, sub: 'staff-2', name: 'Sam Staff' };
const outsider = { tenantId: newTenant('other'), role: 'admin' as const };

async function newClub(name: string, discountPercent: number, variants: string[] = []) {
  const club = await call('POST', '/v1/clubs', { as: admin, body: { name, discountPercent, variants: variants.map((v) => ({ name: v })) } });
  expect(club.status).toBe(201);
  return club.body as { id: string; classId: string; variants: { id: string; name: string }[]; version: number };
}

const join = (customerId: string, body: Record<string, unknown>) =>
  call('POST', `/v1/customers/${customerId}/memberships`, { as: staffer, body: { shippingPreference: 'ship', ...body } });
const act = (customerId: string, membershipId: string, action: string, body?: unknown) =>
  call('POST', `/v1/customers/${customerId}/memberships/${membershipId}/${action}`, { as: staffer, ...(body ? { body } : {}) });
const profile = async (customerId: string) => (await call('GET', `/v1/customers/${customerId}`, { as: staffer })).body;
/** The clubs the person's profile holds (what lists and counts file them under; the API shows `isClubMember`). */
const storedClubs = async (customerId: string) =>
  (await dynamo.send(new GetCommand({ TableName: tableName, Key: customerKeys.profile(tenantId, customerId), ConsistentRead: true }))).Item?.clubIds as string[];
const assignClasses = async () => expect((await deliver('class-assignment', tenantId)).batchItemFailures).toEqual([]);

describe('Clubs', () => {
  it('creates a club with its class, and moves the class with the club’s discount', async () => {
    const club = await newClub('Reserve', 15, ['3 bottles', '6 bottles']);
    const classes = await call('GET', '/v1/customer-classes', { as: staffer });
    expect(classes.body.items).toContainEqual({ id: club.classId, name: 'Reserve', discountPercent: 15, clubId: club.id, version: 1 });
    const changed = await call('PATCH', `/v1/clubs/${club.id}`, { as: admin, body: { discountPercent: 20 }, headers: { 'if-match': '1' } });
    expect(changed.body).toMatchObject({ discountPercent: 20, version: 2 });
    const after = await call('GET', '/v1/customer-classes', { as: staffer });
    expect(after.body.items.find((c: { id: string }) => c.id === club.classId).discountPercent).toBe(20);
    expect((await call('GET', `/v1/clubs/${club.id}`, { as: outsider })).status).toBe(404);
    expect((await call('POST', '/v1/clubs', { as: staffer, body: { name: 'X', discountPercent: 1 } })).status).toBe(403);
  });
});

describe('Memberships', () => {
  it('joins with a variant, owner and pickup location; a second live membership in the club is a 409', async () => {
    const club = await newClub('Wine Club', 10, ['Red', 'Mixed']);
    const person = await createPerson(staffer);
    expect((await join(person.id, { clubId: club.id })).body.errors).toEqual([{ path: 'variantId', message: expect.any(String) }]);
    expect((await join(person.id, { clubId: club.id, variantId: 'nope' })).status).toBe(400);
    expect((await join(person.id, { clubId: club.id, variantId: club.variants[0]!.id, shippingPreference: 'pickup' })).body.errors).toEqual([
      { path: 'pickupLocation', message: expect.any(String) },
    ]);
    const joined = await join(person.id, { clubId: club.id, variantId: club.variants[1]!.id, ownerId: staffer.sub, shippingPreference: 'pickup', pickupLocation: 'Tasting room' });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ status: 'active', variantId: club.variants[1]!.id, ownerId: staffer.sub, pickupLocation: 'Tasting room', pausedUntil: null });
    const races = await Promise.all([1, 2, 3].map(() => join(person.id, { clubId: club.id, variantId: club.variants[0]!.id })));
    expect(races.map((r) => r.status)).toEqual([409, 409, 409]);
    const page = await profile(person.id);
    expect(page.memberships).toHaveLength(1);
  });

  it('walks the life cycle: edit, pause, resume, switch, cancel; illegal moves are 409', async () => {
    const gold = await newClub('Gold', 20);
    const silver = await newClub('Silver', 10);
    const person = await createPerson(staffer);
    const m = (await join(person.id, { clubId: gold.id })).body;
    const edited = await call('PATCH', `/v1/customers/${person.id}/memberships/${m.id}`, { as: staffer, body: { shippingPreference: 'pickup', pickupLocation: 'Cellar door' } });
    expect(edited.body).toMatchObject({ shippingPreference: 'pickup', pickupLocation: 'Cellar door', version: 2 });
    expect((await act(person.id, m.id, 'resume')).status).toBe(409);
    expect((await act(person.id, m.id, 'pause', { until: '2000-01-01' })).status).toBe(400);
    const pausedM = await act(person.id, m.id, 'pause', { until: '2099-01-01' });
    expect(pausedM.body).toMatchObject({ status: 'paused', pausedUntil: '2099-01-01' });
    expect((await act(person.id, m.id, 'resume')).body).toMatchObject({ status: 'active', pausedUntil: null });
    const switched = await act(person.id, m.id, 'switch', { clubId: silver.id });
    expect(switched.body).toMatchObject({ clubId: silver.id, status: 'active' });
    // The old club is free again; the new one is taken.
    expect((await join(person.id, { clubId: gold.id })).status).toBe(201);
    const cancelled = await act(person.id, m.id, 'cancel', { reason: 'Moved away' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Moved away', cancelledAt: expect.any(String) });
    for (const [action, body] of [['pause', { until: '2099-01-01' }], ['resume', undefined], ['switch', { clubId: gold.id }], ['cancel', { reason: 'again' }]] as const) {
      expect((await act(person.id, m.id, action, body)).status).toBe(409);
    }
    expect((await join(person.id, { clubId: silver.id })).status).toBe(201);
    const timeline = await call('GET', `/v1/customers/${person.id}/timeline?limit=100`, { as: staffer });
    const summaries = timeline.body.items.filter((e: { type: string }) => e.type === 'membership').map((e: { summary: string }) => e.summary);
    expect(summaries).toEqual(expect.arrayContaining(['Joined Gold', 'Paused Gold until 2099-01-01', 'Resumed Gold', 'Switched from Gold to Silver', 'Cancelled Silver: Moved away']));
  });

  it('gives the best class at once: the club’s, a bigger club’s, the person’s own when better, and back when memberships switch or end', async () => {
    const own = (await call('POST', '/v1/customer-classes', { as: admin, body: { name: 'Trade', discountPercent: 12 } })).body;
    const small = await newClub('Small', 10);
    const big = await newClub('Big', 25);
    const other = await newClub('Other', 15);
    const person = await createPerson(staffer);
    // A join says it at once: the person's clubs and class are written with the membership.
    const m1 = (await join(person.id, { clubId: small.id })).body;
    expect(await profile(person.id)).toMatchObject({ effectiveClassId: small.classId, isClubMember: true });
    const m2 = (await join(person.id, { clubId: big.id })).body;
    expect((await profile(person.id)).effectiveClassId).toBe(big.classId);
    expect(await storedClubs(person.id)).toEqual([small.id, big.id].sort());

    const vip = await createPerson(staffer, { customerClassId: own.id });
    await join(vip.id, { clubId: small.id });
    expect((await profile(vip.id)).effectiveClassId).toBe(own.id);
    // The consumer then finds nothing to change.
    const before = await profile(person.id);
    await assignClasses();
    expect((await profile(person.id)).version).toBe(before.version);

    // So do a switch and a cancel.
    await act(person.id, m1.id, 'switch', { clubId: other.id });
    expect((await profile(person.id)).effectiveClassId).toBe(big.classId);
    expect(await storedClubs(person.id)).toEqual([other.id, big.id].sort());
    await act(person.id, m2.id, 'cancel', { reason: 'too big' });
    expect((await profile(person.id)).effectiveClassId).toBe(other.classId);
    await act(person.id, m1.id, 'cancel', { reason: 'done' });
    expect(await profile(person.id)).toMatchObject({ effectiveClassId: null, isClubMember: false });
    expect(await storedClubs(person.id)).toEqual([]);
  });

  it('recomputes nothing for a join, a switch or a cancel (their own transaction wrote the clubs), but does after a pause and a merge', async () => {
    const own = { tenantId: newTenant('clubs-written'), role: 'admin' as const, sub: 'admin-9', name: 'Ola Own' };
    const club = async (name: string, discountPercent: number) =>
      (await call('POST', '/v1/clubs', { as: own, body: { name, discountPercent, variants: [] } })).body as { id: string; classId: string };
    const [first, second] = [await club('First', 10), await club('Second', 20)];
    const person = await createPerson(own);
    const joined = await call('POST', `/v1/customers/${person.id}/memberships`, { as: own, body: { clubId: first.id, shippingPreference: 'ship' } });
    expect(joined.status).toBe(201);
    const membership = `/v1/customers/${person.id}/memberships/${joined.body.id}`;
    expect((await call('POST', `${membership}/switch`, { as: own, body: { clubId: second.id } })).status).toBe(200);
    const membershipRecords = async (expected: number) =>
      (await consumerRecords('class-assignment', own.tenantId, 1)).filter((record) => record.dynamodb?.NewImage?.type?.S === 'membership').slice(0, expected);
    const assign = async (records: Awaited<ReturnType<typeof membershipRecords>>) => {
      const operations = await operationsDuring(async () => expect((await deliver('class-assignment', own.tenantId, records)).batchItemFailures).toEqual([]));
      // What recomputing reads: the person's page (a Query) and their classes (a BatchGetItem).
      return operations.filter((name) => name === 'QueryCommand' || name === 'BatchGetItemCommand');
    };
    // The join and the switch: nothing of the person read.
    expect(await assign(await membershipRecords(2))).toEqual([]);

    // A pause is left to the consumer: it reads the person (and finds their class as it was).
    expect((await call('POST', `${membership}/pause`, { as: own, body: { until: '2099-01-01' } })).status).toBe(200);
    const paused = await eventually(async () => ((await membershipRecords(3)).length === 3 ? (await membershipRecords(3)).slice(2) : undefined));
    expect(await assign(paused)).toContain('QueryCommand');

    // A merge moves a membership as it was (its stamps and mark too): the survivor's class is recomputed.
    const member = await createPerson(own);
    expect((await call('POST', `/v1/customers/${member.id}/memberships`, { as: own, body: { clubId: first.id, shippingPreference: 'ship' } })).status).toBe(201);
    const survivor = await createPerson(own);
    expect((await call('POST', `/v1/customers/${survivor.id}/merge`, { as: own, body: { absorbedId: member.id } })).status).toBe(200);
    await eventually(async () => {
      expect((await deliver('class-assignment', own.tenantId)).batchItemFailures).toEqual([]);
      const page = (await call('GET', `/v1/customers/${survivor.id}`, { as: own })).body;
      expect(page).toMatchObject({ effectiveClassId: first.classId, isClubMember: true });
      return page;
    });
  });

  it('moves the effective class when a new discount makes another of the person’s classes the best', async () => {
    const pinot = await newClub('Pinot', 10);
    const cab = await newClub('Cab', 25);
    const zin = await newClub('Zin', 8);
    const trade = (await call('POST', '/v1/customer-classes', { as: admin, body: { name: 'Trade 12', discountPercent: 12 } })).body as { id: string };
    const member = await createPerson(staffer);
    await join(member.id, { clubId: pinot.id });
    await join(member.id, { clubId: cab.id });
    const dealer = await createPerson(staffer, { customerClassId: trade.id });
    await join(dealer.id, { clubId: zin.id });
    expect((await profile(member.id)).effectiveClassId).toBe(cab.classId);
    expect((await profile(dealer.id)).effectiveClassId).toBe(trade.id);
    await assignClasses();
    expect((await deliver('customer-listing', tenantId)).batchItemFailures).toEqual([]);

    // Pinot's discount rises above Cab's; the dealer's own class falls below Zin's.
    expect((await call('PATCH', `/v1/clubs/${pinot.id}`, { as: admin, body: { discountPercent: 30 } })).status).toBe(200);
    expect((await call('PATCH', `/v1/customer-classes/${trade.id}`, { as: admin, body: { discountPercent: 5 } })).status).toBe(200);
    await assignClasses();
    expect((await profile(member.id)).effectiveClassId).toBe(pinot.classId);
    expect((await profile(dealer.id)).effectiveClassId).toBe(zin.classId);
  });

  it('gives a club member a better own class at once, by PATCH or import, and the club’s back when it goes', async () => {
    const partner = (await call('POST', '/v1/customer-classes', { as: admin, body: { name: 'Partner', discountPercent: 40 } })).body;
    const club = await newClub('Everyday', 10);
    const person = await createPerson(staffer);
    await join(person.id, { clubId: club.id });
    const given = await call('PATCH', `/v1/customers/${person.id}`, { as: staffer, body: { customerClassId: partner.id } });
    expect(given.body).toMatchObject({ customerClassId: partner.id, effectiveClassId: partner.id });
    expect((await profile(person.id)).effectiveClassId).toBe(partner.id);
    const before = await profile(person.id);
    await assignClasses();
    expect((await profile(person.id)).version).toBe(before.version);

    const taken = await call('PATCH', `/v1/customers/${person.id}`, { as: staffer, body: { customerClassId: null } });
    expect(taken.body).toMatchObject({ customerClassId: null, effectiveClassId: club.classId });

    const row = { billingAddress: { firstName: before.firstName, lastName: before.lastName, email: before.email }, customerClassId: partner.id };
    const imported = await call('POST', '/v1/customers/import', { as: staffer, body: { rows: [row] } });
    expect(imported.body.results[0]).toMatchObject({ status: 'updated', id: person.id });
    expect((await profile(person.id)).effectiveClassId).toBe(partner.id);
  });

  it('keeps the class right when a new own class and joins go at once', async () => {
    const partner = (await call('POST', '/v1/customer-classes', { as: admin, body: { name: 'Partner', discountPercent: 40 } })).body;
    const clubs = await Promise.all(['Upper', 'Lower'].map((name, i) => newClub(name, 20 + i)));
    const person = await createPerson(staffer);
    await join(person.id, { clubId: clubs[0]!.id });
    const [edit, ...joins] = await Promise.all([
      call('PATCH', `/v1/customers/${person.id}`, { as: staffer, body: { customerClassId: partner.id } }),
      join(person.id, { clubId: clubs[1]!.id }),
    ]);
    expect([edit!.status, ...joins.map((j) => j.status)]).toEqual([200, 201]);
    expect(await profile(person.id)).toMatchObject({ customerClassId: partner.id, effectiveClassId: partner.id });
    expect(await storedClubs(person.id)).toEqual(clubs.map((c) => c.id).sort());
    // A class taken away while a membership ends: whichever writes second decides on what the
    // first wrote (a race either way round, so three people, at once).
    const racers = [person, await createPerson(staffer), await createPerson(staffer)];
    for (const racer of racers.slice(1)) {
      for (const club of clubs) await join(racer.id, { clubId: club.id });
      expect((await call('PATCH', `/v1/customers/${racer.id}`, { as: staffer, body: { customerClassId: partner.id } })).status).toBe(200);
    }
    await Promise.all(
      racers.map(async (racer) => {
        const ending = (await profile(racer.id)).memberships.find((m: { clubId: string }) => m.clubId === clubs[1]!.id).id;
        const taken = await Promise.all([
          call('PATCH', `/v1/customers/${racer.id}`, { as: staffer, body: { customerClassId: null } }),
          act(racer.id, ending, 'cancel', { reason: 'one is enough' }),
        ]);
        expect(taken.map((t) => t.status)).toEqual([200, 200]);
      }),
    );
    for (const racer of racers) expect((await profile(racer.id)).effectiveClassId).toBe(clubs[0]!.classId);
  });

  it('loses nothing when joins to several clubs and an edit of the person go at once', async () => {
    const clubs = await Promise.all(['East', 'West', 'North', 'South'].map((name, i) => newClub(name, 5 + i)));
    const person = await createPerson(staffer);
    const [edit, ...joins] = await Promise.all([
      call('PATCH', `/v1/customers/${person.id}`, { as: staffer, body: { lastName: 'Concurrent' } }),
      ...clubs.map((club) => join(person.id, { clubId: club.id })),
    ]);
    expect([edit!.status, ...joins.map((j) => j.status)]).toEqual([200, 201, 201, 201, 201]);
    expect(await profile(person.id)).toMatchObject({ lastName: 'Concurrent', effectiveClassId: clubs[3]!.classId });
    expect(await storedClubs(person.id)).toEqual(clubs.map((c) => c.id).sort());
  });

  it('resumes a paused membership on its date and not a day early, once even when run twice at once', async () => {
    const club = await newClub('Seasonal', 5);
    const person = await createPerson(staffer);
    const m = (await join(person.id, { clubId: club.id })).body;
    await act(person.id, m.id, 'pause', { until: '2098-03-10' });
    const early = await pauseExpiry({ now: '2098-03-09T23:59:59Z' });
    expect((await profile(person.id)).memberships[0].status).toBe('paused');
    expect(early.done).toBe(0);
    const [a, b] = await Promise.all([pauseExpiry({ now: '2098-03-10T00:00:01Z' }), pauseExpiry({ now: '2098-03-10T00:00:01Z' })]);
    expect(a.done + b.done).toBe(1);
    const after = await profile(person.id);
    expect(after.memberships[0]).toMatchObject({ status: 'active', pausedUntil: null });
    const timeline = await call('GET', `/v1/customers/${person.id}/timeline?limit=100`, { as: staffer });
    expect(timeline.body.items.filter((e: { summary: string }) => e.summary.startsWith('Resumed Seasonal'))).toHaveLength(1);
  });

  it('keeps another tenant away from memberships', async () => {
    const club = await newClub('Private', 5);
    const person = await createPerson(staffer);
    const m = (await join(person.id, { clubId: club.id })).body;
    const foreign = await Promise.all([
      call('GET', `/v1/customers/${person.id}/memberships`, { as: outsider }),
      call('POST', `/v1/customers/${person.id}/memberships/${m.id}/pause`, { as: outsider, body: { until: '2099-01-01' } }),
      call('POST', `/v1/customers/${person.id}/memberships`, { as: outsider, body: { clubId: club.id, shippingPreference: 'ship' } }),
      call('PATCH', `/v1/clubs/${club.id}`, { as: outsider, body: { name: 'Mine' } }),
    ]);
    expect(foreign.map((r) => r.status)).toEqual([404, 404, 404, 404]);
  });
});

describe('Certificates', () => {
  it('issues, lists, and redeems once; an expired one cannot be redeemed', async () => {
    const person = await createPerson(staffer);
    const base = `/v1/customers/${person.id}/certificates`;
    const cert = await call('POST', base, { as: staffer, body: { title: 'Tasting for two' } });
    expect(cert.body).toMatchObject({ status: 'available', title: 'Tasting for two' });
    const redeemed = await call('POST', `${base}/${cert.body.id}/redeem`, { as: staffer });
    expect(redeemed.body).toMatchObject({ status: 'redeemed', redeemedAt: expect.any(String) });
    expect((await call('POST', `${base}/${cert.body.id}/redeem`, { as: staffer })).status).toBe(409);
    const expired = await call('POST', base, { as: staffer, body: { title: 'Old', expiresAt: '2001-01-01T00:00:00Z' } });
    expect(expired.body.status).toBe('expired');
    expect((await call('POST', `${base}/${expired.body.id}/redeem`, { as: staffer })).status).toBe(409);
    expect((await call('POST', `${base}/nope/redeem`, { as: staffer })).status).toBe(404);
    expect((await call('POST', `${base}/${cert.body.id}/redeem`, { as: outsider })).status).toBe(404);
    const page = await profile(person.id);
    expect(page.certificates.map((c: { status: string }) => c.status).sort()).toEqual(['expired', 'redeemed']);
  });
});
