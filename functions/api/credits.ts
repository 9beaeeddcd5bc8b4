import { changeCredit, getCreditLedger } from '../../shared/commerce/credit-repository';
import { apiHandler } from '../../shared/http/api-handler';
import { creditRoutes } from '../../shared/http/routes/credits';

export const handler = apiHandler(creditRoutes, 'credits', {
  getCredits: ({ auth, params, query }) => getCreditLedger(auth.tenantId, params.id, query),
  createCredit: ({ auth, params, body, idempotency }) => changeCredit(auth.tenantId, params.id, body, auth.actor, idempotency),
});
