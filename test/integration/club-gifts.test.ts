import { describe, expect, it } from '@jest/globals';
import { handler as scheduledJob } from '../../functions/jobs/pause-expiry';
import { call, newTenant, uniqueLetters } from '../support/invoke';
import { clubsFactory } from '../support/factories/clubs';
import { localMail } from '../support/local-mail';

/**
 * Gift memberships: `POST …/memberships { …, gift: { giverId, message?, endsOn } }`. Both people
 * are emailed at the start and 14 days before the end, the giver's timeline shows it, and the
 * scheduled job ends it on `endsOn` (cancelled, reason `gift-ended`). Dates are in 2092, a year
 * no other test file's job runs in.
 */
const tenantId = newTenant('club-gifts');
const { staffer, club, person } = clubsFactory(tenantId);
const { mailTo, sendEmails } = localMail();

const give = (customerId: string, body: Record<string, unknown>) =>
  call('POST', `/v1/customers/${customerId}/memberships`, { as: staffer, body: { shippingPreference: 'ship', ...body } });
const membershipOf = async (customerId: string) => (await call('GET', `/v1/customers/${customerId}/memberships`, { as: staffer })).body.items[0];
const timelineOf = async (customerId: string) =>
  ((await call('GET', `/v1/customers/${customerId}/timeline?limit=100`, { as: staffer })).body.items as { summary: string }[]).map((e) => e.summary);

describe('A gift membership', () => {
  it('is shown on both timelines, emails both people at its start and 14 days before its end, and ends by itself', async () => {
    const reserve = await club({ name: 'Reserve' });
    const grace = await person({ billingAddress: { firstName: 'Grace', lastName: 'Hopper' } });
    const ada = await person();

    const given = await give(ada.id, { clubId: reserve.id, gift: { giverId: grace.id, message: 'Happy birthday!', endsOn: '2092-06-30' } });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({
      status: 'active',
      gift: { giverId: grace.id, giverName: 'Grace Hopper', message: 'Happy birthday!', endsOn: '2092-06-30', reminderSentOn: null },
    });
    expect(await timelineOf(grace.id)).toContain('Gave Reserve to Ada Lovelace, until 2092-06-30');
    expect(await timelineOf(ada.id)).toContain('Joined Reserve: a gift from Grace Hopper, until 2092-06-30');

    await sendEmails(tenantId);
    expect((await mailTo(ada.email)).map((m) => m.subject)).toEqual([expect.stringMatching(/^A gift for you: Reserve at /)]);
    const toAda = (await mailTo(ada.email))[0]!;
    expect(toAda.body.text).toContain('Grace Hopper has given you a membership of Reserve');
    expect(toAda.body.text).toContain('Happy birthday!');
    expect((await mailTo(grace.email)).map((m) => m.subject)).toEqual(['Your gift of Reserve has started']);

    // 15 days before: nothing yet; 14 days before: both are reminded, once.
    await scheduledJob({ now: '2092-06-15T12:00:00Z' });
    expect((await membershipOf(ada.id)).gift.reminderSentOn).toBeNull();
    await scheduledJob({ now: '2092-06-16T00:10:00Z' });
    await scheduledJob({ now: '2092-06-16T12:00:00Z' });
    expect(await membershipOf(ada.id)).toMatchObject({ status: 'active', gift: { reminderSentOn: '2092-06-16' } });
    await sendEmails(tenantId);
    expect((await mailTo(ada.email)).map((m) => m.subject)).toContain('Your gift membership of Reserve ends soon');
    expect((await mailTo(grace.email)).map((m) => m.subject)).toContain('Your gift of Reserve ends soon');

    // Its end: cancelled with reason gift-ended; the member is told.
    await scheduledJob({ now: '2092-06-30T00:10:00Z' });
    expect(await membershipOf(ada.id)).toMatchObject({ status: 'cancelled', cancelReasonKey: 'gift-ended', cancelReason: 'Gift ended', cancelledAt: '2092-06-30T00:10:00.000Z' });
    await sendEmails(tenantId);
    expect((await mailTo(ada.email)).map((m) => m.subject)).toEqual([
      expect.stringMatching(/^A gift for you/),
      'Your gift membership of Reserve ends soon',
      'Your gift membership of Reserve has ended',
    ]);
    expect(await mailTo(grace.email)).toHaveLength(2);

    // The club takes them again (the one-live-membership guard went with the gift).
    expect((await give(ada.id, { clubId: reserve.id })).status).toBe(201);
  });

  it('refuses a giver who is not a person of the winery, the member as their own giver, and an end in the past', async () => {
    const club2 = await club({ name: 'Library' });
    const ada = await person();
    const stranger = await call('POST', '/v1/customers', { as: { tenantId: newTenant('other-winery'), role: 'admin' }, body: { billingAddress: { firstName: 'Eve', lastName: 'Other', email: `eve.${uniqueLetters()}@example.com` } } });
    for (const [gift, path] of [
      [{ giverId: stranger.body.id, endsOn: '2092-12-31' }, 'gift.giverId'],
      [{ giverId: 'NOSUCHPERSON', endsOn: '2092-12-31' }, 'gift.giverId'],
      [{ giverId: ada.id, endsOn: '2092-12-31' }, 'gift.giverId'],
      [{ giverId: stranger.body.id, endsOn: '2001-01-01' }, 'gift.endsOn'],
    ] as const) {
      const refused = await give(ada.id, { clubId: club2.id, gift });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path })]);
    }
    expect((await call('GET', `/v1/customers/${ada.id}/memberships`, { as: staffer })).body.items).toEqual([]);
  });
});
