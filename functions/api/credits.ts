import { changeCredit, getCreditLedger } from '../../shared/db/credit-repository';
import { apiHandler } from '../../shared/http/api-handler';

export const handler = apiHandler('credits', {
  getCredits: ({ auth, params, query }) => getCreditLedger(auth.tenantId, params.id, query),
  createCredit: ({ auth, params, body, idempotency }) => changeCredit(auth.tenantId, params.id, body, auth.actor, idempotency),
});
