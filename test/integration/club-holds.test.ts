import { describe, expect, it } from '@jest/globals';
import { handler as scheduledJob } from '../../functions/jobs/pause-expiry';
import { call, newTenant } from '../support/invoke';
import { clubsFactory } from '../support/factories/clubs';
import { localMail } from '../support/local-mail';

/**
 * Holds that start later: `POST …/pause { from, until }` keeps the membership active with
 * `scheduledPause`; the scheduled job (run here as of chosen instants, its `now`) pauses it on
 * `from` and resumes it on `until`, and the member is emailed at each step. Dates are in 2091,
 * a year no other test file's job runs in (the job works across tenants).
 */
const tenantId = newTenant('club-holds');
const { staffer, club, person, join } = clubsFactory(tenantId);
const { mailTo, sendEmails } = localMail();

const pause = (customerId: string, membershipId: string, body: Record<string, unknown>) =>
  call('POST', `/v1/customers/${customerId}/memberships/${membershipId}/pause`, { as: staffer, body });
const membershipOf = async (customerId: string) => (await call('GET', `/v1/customers/${customerId}/memberships`, { as: staffer })).body.items[0];
const timelineOf = async (customerId: string) =>
  ((await call('GET', `/v1/customers/${customerId}/timeline?limit=100`, { as: staffer })).body.items as { summary: string }[]).map((e) => e.summary);

describe('A hold from a future date (scheduled pause)', () => {
  it('stays active until its from day, pauses on it, resumes on its until day, and emails the member at each step', async () => {
    const gold = await club({ name: 'Gold' });
    const ada = await person();
    const m = await join(ada.id, gold);

    const booked = await pause(ada.id, m.id, { from: '2091-03-01', until: '2091-04-01', reasonKey: 'travel', note: 'Europe in spring' });
    expect(booked.status).toBe(200);
    expect(booked.body).toMatchObject({
      status: 'active',
      pausedUntil: null,
      scheduledPause: { from: '2091-03-01', until: '2091-04-01' },
      pauseReasonKey: 'travel',
      pauseReason: 'Traveling',
      pauseNote: 'Europe in spring',
    });

    // The day before: nothing happens.
    await scheduledJob({ now: '2091-02-28T23:00:00Z' });
    expect(await membershipOf(ada.id)).toMatchObject({ status: 'active', scheduledPause: { from: '2091-03-01', until: '2091-04-01' } });

    // Its first day: paused until its end.
    const started = await scheduledJob({ now: '2091-03-01T00:10:00Z' });
    expect(started).toMatchObject({ today: '2091-03-01', failed: 0, finished: true });
    expect(started.done).toBeGreaterThanOrEqual(1);
    expect(await membershipOf(ada.id)).toMatchObject({ status: 'paused', pausedFrom: '2091-03-01', pausedUntil: '2091-04-01', scheduledPause: null, pauseReason: 'Traveling' });

    // A run again the same day changes nothing more.
    await scheduledJob({ now: '2091-03-01T06:00:00Z' });
    expect((await membershipOf(ada.id)).version).toBe(booked.body.version + 1);

    // Its end: active again.
    await scheduledJob({ now: '2091-04-01T00:10:00Z' });
    expect(await membershipOf(ada.id)).toMatchObject({ status: 'active', pausedUntil: null, scheduledPause: null, pauseReasonKey: null });

    expect(await timelineOf(ada.id)).toEqual(
      expect.arrayContaining([
        'Pause of Gold booked from 2091-03-01 until 2091-04-01 (Traveling): Europe in spring',
        'Paused Gold until 2091-04-01 (booked pause began)',
        'Resumed Gold (pause ended 2091-04-01)',
      ]),
    );

    await sendEmails(tenantId);
    const subjects = (await mailTo(ada.email)).map((mail) => mail.subject);
    expect(subjects).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Your Gold membership pauses from \w{3}, Mar 1, 2091$/),
        'Your Gold membership is paused',
        'Your Gold membership is active again',
      ]),
    );
  });

  it('refuses a start in the past, an end before the start and an unknown reason, naming each, and changes nothing', async () => {
    const silver = await club({ name: 'Silver' });
    const bob = await person();
    const m = await join(bob.id, silver);
    const refused = await pause(bob.id, m.id, { from: '2000-01-01', until: '2091-05-01' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'from', message: expect.any(String) }]);
    const backwards = await pause(bob.id, m.id, { from: '2091-05-01', until: '2091-04-01' });
    expect(backwards.body.errors).toEqual([{ path: 'until', message: 'must be after from' }]);
    const unknown = await pause(bob.id, m.id, { until: '2091-05-01', reasonKey: 'bored' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'reasonKey', message: expect.stringContaining('travel') }]);
    expect(await membershipOf(bob.id)).toMatchObject({ status: 'active', scheduledPause: null, version: m.version });
  });

  it('drops a booked pause on resume, and refuses to book one on top of a current pause', async () => {
    const bronze = await club({ name: 'Bronze' });
    const cy = await person();
    const m = await join(cy.id, bronze);
    await pause(cy.id, m.id, { from: '2091-06-01', until: '2091-07-01' });
    const dropped = await call('POST', `/v1/customers/${cy.id}/memberships/${m.id}/resume`, { as: staffer });
    expect(dropped.status).toBe(200);
    expect(dropped.body).toMatchObject({ status: 'active', scheduledPause: null });
    // Nothing is left for the job on that day.
    await scheduledJob({ now: '2091-06-01T00:10:00Z' });
    expect(await membershipOf(cy.id)).toMatchObject({ status: 'active', version: dropped.body.version });

    expect((await pause(cy.id, m.id, { until: '2091-08-01' })).body.status).toBe('paused');
    const onTop = await pause(cy.id, m.id, { from: '2091-09-01', until: '2091-10-01' });
    expect(onTop.status).toBe(409);
    expect(onTop.body.type).toMatch(/\/illegal-membership-transition$/);
  });
});
