import { tenantPk } from '../db/keys';

/** The staff directory: `STAFF#<id>` under the tenant, listed by name on gsi4 in its own partition. */
export const staffKeys = {
  member: (tenantId: string, staffId: string) => ({ pk: tenantPk(tenantId), sk: `STAFF#${staffId}` }),
  partition: (tenantId: string) => `${tenantPk(tenantId)}#STAFF`,
};
