import { listEmailLogs } from '../../shared/db/email-log-repository';
import { apiHandler } from '../../shared/http/api-handler';

export const handler = apiHandler('emails', {
  listEmailLogs: ({ auth, params, query }) => listEmailLogs(auth.tenantId, params.id, query),
});
