import { describe, expect, it } from '@jest/globals';
import { call, newTenant } from '../support/invoke';

/** `GET /portal/{tenantId}/branding`: what the portal's pages show of the winery before sign-in. */
describe('Portal branding', () => {
  it('answers the winery’s name, currency and time zone from its settings, to anyone, and nothing else of them', async () => {
    const tenantId = newTenant('portal-brand');
    const admin = { tenantId, role: 'admin' as const };
    const settings = (await call('GET', '/v1/settings', { as: admin })).body;
    const saved = await call('PUT', '/v1/settings', {
      as: admin,
      body: { ...settings, wineryName: 'Hillside Cellars', currency: 'EUR', timeZone: 'Europe/Lisbon', email: { from: 'cellar@hillside.example', replyTo: null } },
    });
    expect(saved.status).toBe(200);

    const branding = await call('GET', `/portal/${tenantId}/branding`, { as: null });
    expect(branding.status).toBe(200);
    expect(branding.body).toEqual({ wineryName: 'Hillside Cellars', currency: 'EUR', timeZone: 'Europe/Lisbon' });
  });

  it('gives a winery without settings the defaults', async () => {
    const branding = await call('GET', `/portal/${newTenant('portal-brand')}/branding`, { as: null });
    expect(branding.status).toBe(200);
    expect(branding.body).toEqual({ wineryName: 'Our winery', currency: 'USD', timeZone: 'America/Los_Angeles' });
  });

  it('refuses a malformed tenant id with a 400 naming it', async () => {
    const refused = await call('GET', '/portal/Not_A_Tenant/branding', { as: null });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['tenantId']);
  });
});
