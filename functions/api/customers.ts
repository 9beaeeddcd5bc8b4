import { createCustomer, updateCustomer } from '../../shared/people/customer-repository';
import { getCustomerProfile } from '../../shared/profile/customer-profile';
import { readCounts } from '../../shared/people/people-counts';
import { listCustomers } from '../../shared/people/people-list';
import { listSegmentPeople } from '../../shared/segments/segment-people';
import { cachedSettings } from '../../shared/settings/settings-repository';
import type { Settings } from '../../shared/settings/settings-schemas';
import { customerChangeRules, newCustomerErrors, type ChangeRulesOf } from '../../shared/people/customer-rules';
import { importPeople } from '../../shared/people/people-import';
import { withPossibleDuplicates } from '../../shared/duplicates/duplicate-repository';
import { effectiveClassWithClubs } from '../../shared/clubs/clubs-and-class';
import { exportPeople } from '../../shared/profile/people-export';
import { Reply, apiHandler } from '../../shared/http/api-handler';
import { customerRoutes } from '../../shared/http/routes/customers';

/**
 * What a change of a person obeys, PATCH or an import row alike: the winery's settings, and the
 * clubs' rule for a club member's effective class (the people aggregate cannot read clubs).
 */
const changeRulesOf =
  (tenantId: string, settings: Settings): ChangeRulesOf =>
  (patch) => ({ ...customerChangeRules(patch, settings), classWithClubs: effectiveClassWithClubs(tenantId) });

export const handler = apiHandler(
  customerRoutes,
  'customers',
  {
    createCustomer: ({ auth, body, idempotency }) => createCustomer(auth.tenantId, body, auth.actor, idempotency),
    listCustomers: ({ auth, query }) => (query.segmentId ? listSegmentPeople(auth.tenantId, query.segmentId, query) : listCustomers(auth.tenantId, query)),
    getCustomerSummary: ({ auth, query }) => readCounts(auth.tenantId, query),
    importCustomers: async ({ auth, body, rows, idempotency }) => {
      const settings = await cachedSettings(auth.tenantId);
      return importPeople(auth.tenantId, { ...body, rows: rows! }, auth.actor, settings, {
        idempotency,
        annotate: (results) => withPossibleDuplicates(auth.tenantId, rows!, results),
        changeRules: changeRulesOf(auth.tenantId, settings),
      });
    },
    exportCustomers: async ({ auth, query }) => {
      const page = await exportPeople(auth.tenantId, query, auth.actor);
      return new Reply(200, Buffer.from(page.csv, 'utf8'), {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="people.csv"',
        ...(page.nextCursor ? { 'x-next-cursor': page.nextCursor } : {}),
      });
    },
    getCustomer: ({ auth, params }) => getCustomerProfile(auth.tenantId, params.id),
    updateCustomer: async ({ auth, params, body, ifMatch }) => {
      const rules = changeRulesOf(auth.tenantId, await cachedSettings(auth.tenantId))(body);
      return updateCustomer(auth.tenantId, params.id, body, auth.actor, ifMatch, rules);
    },
  },
  // The settings' required fields and flags are checked beside the schema: one 400 names every bad field.
  { bodyChecks: { createCustomer: async (json, auth) => newCustomerErrors(json, await cachedSettings(auth!.tenantId)) } },
);
