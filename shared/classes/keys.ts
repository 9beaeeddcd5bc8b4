import { tenantPk } from '../db/keys';

/**
 * Every key of the customer classes, declared once. Under the tenant (`T#<tenant>`):
 *
 *   CLASS#<id>        a customer class (a club's class included: `clubId` set)
 */
const CLASS_PREFIX = 'CLASS#';

export const classKeys = {
  customerClass: (tenantId: string, classId: string) => ({ pk: tenantPk(tenantId), sk: `${CLASS_PREFIX}${classId}` }),
  /** All of a tenant's customer classes: `begins_with(sk, prefix)` under the tenant. */
  all: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: CLASS_PREFIX }),
};
