import { listEmailLogs } from '../../shared/email/email-log-repository';
import { apiHandler } from '../../shared/http/api-handler';
import { emailRoutes } from '../../shared/http/routes/emails';

export const handler = apiHandler(emailRoutes, 'emails', {
  listEmailLogs: ({ auth, params, query }) => listEmailLogs(auth.tenantId, params.id, query),
});
