import { createCustomer, updateCustomer } from '../../shared/people/customer-repository';
import { getCustomerProfile } from '../../shared/people/profile-page';
import { readCounts } from '../../shared/people/people-counts';
import { listCustomers } from '../../shared/people/people-listing';
import { cachedSettings } from '../../shared/settings/settings-repository';
import { checkCustomerChange, checkNewCustomer } from '../../shared/people/customer-rules';
import { apiHandler } from '../../shared/http/api-handler';
import { customerRoutes } from '../../shared/http/routes/customers';

export const handler = apiHandler(customerRoutes, 'customers', {
  createCustomer: async ({ auth, body, idempotency }) => {
    checkNewCustomer(body, await cachedSettings(auth.tenantId));
    return createCustomer(auth.tenantId, body, auth.actor, idempotency);
  },
  listCustomers: ({ auth, query }) => listCustomers(auth.tenantId, query),
  getCustomerSummary: ({ auth, query }) => readCounts(auth.tenantId, query),
  getCustomer: ({ auth, params }) => getCustomerProfile(auth.tenantId, params.id),
  updateCustomer: async ({ auth, params, body, ifMatch }) => {
    checkCustomerChange(body, await cachedSettings(auth.tenantId));
    return updateCustomer(auth.tenantId, params.id, body, auth.actor, ifMatch);
  },
});
