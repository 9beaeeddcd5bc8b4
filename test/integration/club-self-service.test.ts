import { describe, expect, it } from '@jest/globals';
import { call, newTenant } from '../support/invoke';
import { deliver, tenantRecords } from '../support/streams';
import { clubsFactory } from '../support/factories/clubs';
import { localMail } from '../support/local-mail';

/**
 * Members act on their own memberships in the portal, within `settings.clubSelfService` (all
 * off by default): beyond it a 403 whose `type` ends in `/not-allowed` and whose detail says
 * why; every change is in the change history as the member's, and emailed.
 */
const tenantId = newTenant('club-self');
const { admin, staffer, club, person, join } = clubsFactory(tenantId);
const { mailTo, sendEmails } = localMail();
const bearer = (token: string) => ({ as: null, headers: { authorization: `Bearer ${token}` } });

async function signedInMember(firstName: string) {
  const someone = await person({ billingAddress: { firstName, lastName: 'Member' } });
  expect((await call('POST', `/v1/customers/${someone.id}/password`, { as: staffer, body: { newPassword: 'a long secret 1' } })).status).toBe(204);
  const login = await call('POST', `/portal/${tenantId}/login`, { as: null, body: { email: someone.email, password: 'a long secret 1' } });
  expect(login.status).toBe(200);
  return { ...someone, auth: bearer(login.body.token as string) };
}

async function allow(selfService: Record<string, unknown>) {
  const settings = (await call('GET', '/v1/settings', { as: admin })).body;
  const saved = await call('PUT', '/v1/settings', { as: admin, body: { ...settings, clubSelfService: { ...settings.clubSelfService, ...selfService } } });
  expect(saved.status).toBe(200);
}

const expectNotAllowed = (answer: { status: number; headers: Record<string, string>; body: { type: string; detail: string } }, detail: RegExp) => {
  expect(answer.status).toBe(403);
  expect(answer.headers['content-type']).toBe('application/problem+json');
  expect(answer.body.type).toMatch(/\/not-allowed$/);
  expect(answer.body.detail).toMatch(detail);
};

const today = new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('Member self-service, within the winery’s limits', () => {
  it('offers nothing by default: pause, change and cancel are 403 not-allowed, and nothing changes', async () => {
    const gold = await club({ name: 'Gold', variants: ['Reds', 'Mixed'] });
    const ada = await signedInMember('Ada');
    const m = await join(ada.id, gold, { variant: 'Reds' });
    const base = `/portal/me/memberships/${m.id}`;

    const options = await call('GET', '/portal/me/club-options', ada.auth);
    expect(options.body).toMatchObject({ pause: { allowed: false }, changeVariant: false, changeShipping: false, cancel: false });
    expect(options.body.clubs).toEqual([{ id: gold.id, name: 'Gold', variants: gold.variants }]);
    expect(options.body.reasons.cancel).toContainEqual({ key: 'price', title: 'Too expensive' });

    expectNotAllowed(await call('POST', `${base}/pause`, { ...ada.auth, body: { until: inDays(10) } }), /does not let members pause/);
    expectNotAllowed(await call('PATCH', base, { ...ada.auth, body: { variantId: gold.variants[1]!.id } }), /change their club option/);
    expectNotAllowed(await call('PATCH', base, { ...ada.auth, body: { shippingPreference: 'pickup', pickupLocation: 'Tasting room' } }), /shipping or pickup/);
    expectNotAllowed(await call('POST', `${base}/cancel`, { ...ada.auth, body: { reasonKey: 'price' } }), /cancel/);
    expect((await call('GET', '/portal/me/memberships', ada.auth)).body.items[0]).toMatchObject({ status: 'active', variantName: 'Reds', version: m.version });
  });

  it('lets a member pause up to the days a year, says how far beyond, and records and emails each change as theirs', async () => {
    await allow({ pause: { allowed: true, maxDaysPerYear: 30 }, changeVariant: true, cancel: true });
    const silver = await club({ name: 'Silver', variants: ['Reds', 'Mixed'] });
    const grace = await signedInMember('Grace');
    const m = await join(grace.id, silver, { variant: 'Reds' });
    const base = `/portal/me/memberships/${m.id}`;

    // Beyond the limit: a 403 that names the latest end that fits.
    const year = Number(today.slice(0, 4)) + 1;
    const tooLong = await call('POST', `${base}/pause`, { ...grace.auth, body: { from: `${year}-03-01`, until: `${year}-04-15`, reasonKey: 'travel' } });
    expectNotAllowed(tooLong, new RegExp(`at most 30 days a year; this pause would make 45 days in ${year}\\. Choose an end date on or before ${year}-03-31\\.`));
    // Within: paused, recorded as the member's.
    const paused = await call('POST', `${base}/pause`, { ...grace.auth, body: { until: inDays(20), reasonKey: 'travel' } });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ status: 'paused', pausedUntil: inDays(20), pauseReason: 'Traveling', pauseDaysThisYear: expect.any(Number) });
    // Another person's membership id is not theirs to pause.
    const other = await person();
    const theirs = await join(other.id, silver);
    expect((await call('POST', `/portal/me/memberships/${theirs.id}/pause`, { ...grace.auth, body: { until: inDays(3) } })).status).toBe(404);

    expect((await call('POST', `${base}/resume`, grace.auth)).body.status).toBe('active');
    const changed = await call('PATCH', base, { ...grace.auth, body: { variantId: silver.variants[1]!.id } });
    expect(changed.body).toMatchObject({ variantId: silver.variants[1]!.id, variantName: 'Mixed' });
    expectNotAllowed(await call('PATCH', base, { ...grace.auth, body: { shippingPreference: 'pickup', pickupLocation: 'Tasting room' } }), /shipping or pickup/);
    const unknownReason = await call('POST', `${base}/cancel`, { ...grace.auth, body: { reasonKey: 'bored' } });
    expect(unknownReason.status).toBe(400);
    expect(unknownReason.body.errors).toEqual([{ path: 'reasonKey', message: expect.any(String) }]);
    const cancelled = await call('POST', `${base}/cancel`, { ...grace.auth, body: { reasonKey: 'moving', note: 'To Lisbon' } });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReasonKey: 'moving', cancelReason: 'Moving away', cancelNote: 'To Lisbon' });

    await deliver('change-history', tenantId, await tenantRecords(tenantId));
    const history = (await call('GET', `/v1/customers/${grace.id}/changes?limit=100`, { as: staffer })).body.items as Array<{
      entity: string;
      actor: { kind: string; id: string; name: string };
      fields: Array<{ field: string; new?: unknown }>;
    }>;
    const byMember = history.filter((c) => c.entity === 'membership' && c.actor.kind === 'customer');
    expect(byMember.every((c) => c.actor.id === grace.id && c.actor.name === 'Grace Member')).toBe(true);
    const changedFields = byMember.flatMap((c) => c.fields.map((f) => `${f.field}=${JSON.stringify(f.new)}`));
    expect(changedFields).toEqual(expect.arrayContaining(['status="paused"', 'status="active"', `variantId="${silver.variants[1]!.id}"`, 'status="cancelled"', 'cancelReasonKey="moving"']));

    await sendEmails(tenantId);
    expect((await mailTo(grace.email)).map((mail) => mail.subject)).toEqual([
      'Welcome to Silver at Our winery',
      'Your Silver membership is paused',
      'Your Silver membership is active again',
      'Your Silver membership has changed',
      'Your Silver membership is cancelled',
    ]);
  });

  it('counts every pause of the year, staff’s included, against the limit', async () => {
    await allow({ pause: { allowed: true, maxDaysPerYear: 30 } });
    const bronze = await club({ name: 'Bronze' });
    const cy = await signedInMember('Cy');
    const m = await join(cy.id, bronze);
    // Staff booked 25 days of pause next spring.
    const year = Number(today.slice(0, 4)) + 1;
    const path = `/portal/me/memberships/${m.id}/pause`;
    expect((await call('POST', `/v1/customers/${cy.id}/memberships/${m.id}/pause`, { as: staffer, body: { from: `${year}-03-01`, until: `${year}-03-26` } })).status).toBe(200);
    // The member makes it 10 days longer: 35 days in that year, over 30.
    expectNotAllowed(await call('POST', path, { ...cy.auth, body: { from: `${year}-03-01`, until: `${year}-04-05` } }), new RegExp(`would make 35 days in ${year}\\. Choose an end date on or before ${year}-03-31`));
    // Shortening is always fine.
    expect((await call('POST', path, { ...cy.auth, body: { from: `${year}-03-01`, until: `${year}-03-06` } })).body.scheduledPause).toEqual({ from: `${year}-03-01`, until: `${year}-03-06` });
  });
});
