import { createCustomer, updateCustomer } from '../../shared/people/customer-repository';
import { getCustomerProfile } from '../../shared/people/profile-page';
import { readCounts } from '../../shared/people/people-counts';
import { listCustomers } from '../../shared/people/people-listing';
import { cachedSettings } from '../../shared/settings/settings-repository';
import { customerChangeRules, newCustomerErrors } from '../../shared/people/customer-rules';
import { apiHandler } from '../../shared/http/api-handler';
import { customerRoutes } from '../../shared/http/routes/customers';

export const handler = apiHandler(
  customerRoutes,
  'customers',
  {
    createCustomer: ({ auth, body, idempotency }) => createCustomer(auth.tenantId, body, auth.actor, idempotency),
    listCustomers: ({ auth, query }) => listCustomers(auth.tenantId, query),
    getCustomerSummary: ({ auth, query }) => readCounts(auth.tenantId, query),
    getCustomer: ({ auth, params }) => getCustomerProfile(auth.tenantId, params.id),
    updateCustomer: async ({ auth, params, body, ifMatch }) => {
      const rules = customerChangeRules(body, await cachedSettings(auth.tenantId));
      return updateCustomer(auth.tenantId, params.id, body, auth.actor, ifMatch, rules);
    },
  },
  // The settings' required fields and flags are checked beside the schema: one 400 names every bad field.
  { bodyChecks: { createCustomer: async (json, auth) => newCustomerErrors(json, await cachedSettings(auth!.tenantId)) } },
);
