import { afterEach, describe, expect, it } from '@jest/globals';
import { setClock } from '../../shared/clock';
import { call, newTenant } from '../support/invoke';
import { clubsFactory } from '../support/factories/clubs';

const tenantId = newTenant('club-certs');
const { admin, staffer, person } = clubsFactory(tenantId);

let restoreClock: (() => void) | undefined;
afterEach(() => {
  restoreClock?.();
  restoreClock = undefined;
});
const at = (instant: string) => {
  restoreClock?.();
  restoreClock = setClock(() => new Date(instant));
};

describe('POST …/certificates with expiresAt', () => {
  it("takes a date: valid through the end of that day in the winery's time zone, expired after", async () => {
    const ada = await person();
    const base = `/v1/customers/${ada.id}/certificates`;
    const saved = await call('PUT', '/v1/settings', { as: admin, body: { ...(await call('GET', '/v1/settings', { as: admin })).body, timeZone: 'America/New_York' } });
    expect(saved.status).toBe(200);
    // 2031-10-31 ends at midnight in New York (UTC-4 then): 04:00 UTC on November 1st.
    const issued = await call('POST', base, { as: staffer, body: { title: 'Harvest tasting', expiresAt: '2031-10-31' } });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ status: 'available', expiresAt: '2031-11-01T03:59:59.999Z' });

    at('2031-11-01T03:59:00.000Z');
    expect((await call('GET', base, { as: staffer })).body.items[0].status).toBe('available');
    at('2031-11-01T04:00:00.000Z');
    expect((await call('GET', base, { as: staffer })).body.items[0].status).toBe('expired');
    expect((await call('POST', `${base}/${issued.body.id}/redeem`, { as: staffer })).status).toBe(409);
    at('2031-11-01T02:00:00.000Z');
    expect((await call('POST', `${base}/${issued.body.id}/redeem`, { as: staffer })).body).toMatchObject({ status: 'redeemed' });
  });

  it('still takes an instant, and refuses anything else naming expiresAt', async () => {
    const bob = await person();
    const base = `/v1/customers/${bob.id}/certificates`;
    const instant = await call('POST', base, { as: staffer, body: { title: 'Tour', expiresAt: '2031-10-31T12:00:00Z' } });
    expect(instant.body).toMatchObject({ status: 'available', expiresAt: '2031-10-31T12:00:00.000Z' });
    for (const expiresAt of ['2031-02-30', 'next week', '2031-10-31T12:00']) {
      const refused = await call('POST', base, { as: staffer, body: { title: 'Bad', expiresAt } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'expiresAt' })]);
    }
    expect((await call('GET', base, { as: staffer })).body.items).toHaveLength(1);
  });
});
