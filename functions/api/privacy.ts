import { erasePerson, privacyExport } from '../../shared/privacy/privacy-repository';
import { Reply, apiHandler } from '../../shared/http/api-handler';
import { privacyRoutes } from '../../shared/http/routes/privacy';

export const handler = apiHandler(privacyRoutes, 'privacy', {
  exportPersonalData: async ({ auth, params }) => {
    const data = await privacyExport(auth.tenantId, params.id, auth.actor);
    return new Reply(200, data, { 'content-disposition': `attachment; filename="customer-${data.customer.customerNumber}.json"` });
  },
  erasePerson: ({ auth, params, body, ifMatch }) => erasePerson(auth.tenantId, params.id, body.reason, auth.actor, ifMatch),
});
