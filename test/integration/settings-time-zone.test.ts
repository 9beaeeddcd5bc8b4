import { describe, expect, it } from '@jest/globals';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { settingsKeys } from '../../shared/settings/keys';
import { call, newTenant } from '../support/invoke';

/** `settings.timeZone` and `settings.ageVerification.requiredForOrders`, through the API. */
describe('Settings: time zone and age verification for orders', () => {
  it('serves Pacific time and requiredForOrders true until an admin changes them', async () => {
    const admin = { tenantId: newTenant('tz'), role: 'admin' as const };
    const defaults = await call('GET', '/v1/settings', { as: admin });
    expect(defaults.status).toBe(200);
    expect(defaults.body).toMatchObject({ timeZone: 'America/Los_Angeles', ageVerification: { requiredForOrders: true } });
  });

  it('round-trips both: PUT takes the document GET returned, GET shows what was saved', async () => {
    const admin = { tenantId: newTenant('tz'), role: 'admin' as const };
    const defaults = (await call('GET', '/v1/settings', { as: admin })).body;
    const saved = await call('PUT', '/v1/settings', {
      as: admin,
      body: { ...defaults, timeZone: 'America/New_York', ageVerification: { ...defaults.ageVerification, requiredForOrders: false } },
    });
    expect(saved.status).toBe(200);
    const read = await call('GET', '/v1/settings', { as: admin });
    expect(read.body).toMatchObject({ timeZone: 'America/New_York', ageVerification: { requiredForOrders: false }, version: 1 });
    const again = await call('PUT', '/v1/settings', { as: admin, body: read.body });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ timeZone: 'America/New_York', ageVerification: { requiredForOrders: false }, version: 2 });
  });

  it('refuses a time zone that is not an IANA name, and a non-boolean requiredForOrders, naming both and changing nothing', async () => {
    const admin = { tenantId: newTenant('tz'), role: 'admin' as const };
    const defaults = (await call('GET', '/v1/settings', { as: admin })).body;
    for (const timeZone of ['Mars/Olympus_Mons', '+01:00', 'PST', 42]) {
      const refused = await call('PUT', '/v1/settings', {
        as: admin,
        body: { ...defaults, timeZone, ageVerification: { ...defaults.ageVerification, requiredForOrders: 'yes' } },
      });
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['ageVerification.requiredForOrders', 'timeZone']);
    }
    expect((await call('GET', '/v1/settings', { as: admin })).body).toEqual(defaults);
  });

  it('gives the defaults to a client that predates the fields (PUT without them)', async () => {
    const admin = { tenantId: newTenant('tz'), role: 'admin' as const };
    const { timeZone: _timeZone, ...older } = (await call('GET', '/v1/settings', { as: admin })).body;
    const { requiredForOrders: _required, ...olderAge } = older.ageVerification;
    const saved = await call('PUT', '/v1/settings', { as: admin, body: { ...older, ageVerification: olderAge } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ timeZone: 'America/Los_Angeles', ageVerification: { requiredForOrders: true } });
  });

  it('reads settings saved before the fields existed with their defaults, and PUT accepts that document', async () => {
    const tenantId = newTenant('tz');
    const admin = { tenantId, role: 'admin' as const };
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...settingsKeys.settings(tenantId),
          type: 'settings',
          tenantId,
          wineryName: 'Old Vine',
          requiredFields: [],
          flags: [],
          features: { cellar: false },
          ageVerification: { minimumAge: 21, provider: 'none', endpoint: null },
          email: { from: null, replyTo: null },
          currency: 'USD',
          version: 3,
          updatedAt: '2025-01-01T00:00:00.000Z',
        },
      }),
    );
    const read = await call('GET', '/v1/settings', { as: admin });
    expect(read.body).toMatchObject({ wineryName: 'Old Vine', timeZone: 'America/Los_Angeles', ageVerification: { requiredForOrders: true }, version: 3 });
    const saved = await call('PUT', '/v1/settings', { as: admin, body: read.body });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(4);
  });

  it('lists both fields in the OpenAPI document', async () => {
    const doc = await call('GET', '/openapi.json');
    const settings = doc.body.components.schemas.Settings;
    expect(settings.properties.timeZone).toMatchObject({ type: 'string' });
    expect(settings.properties.ageVerification.properties.requiredForOrders).toMatchObject({ type: 'boolean' });
  });
});
