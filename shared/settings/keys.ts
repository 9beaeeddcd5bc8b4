import { tenantPk } from '../db/keys';

/** A tenant's settings: one item under the tenant's partition. */
export const settingsKeys = {
  settings: (tenantId: string) => ({ pk: tenantPk(tenantId), sk: 'SETTINGS' }),
};
