import {
  addCellarItem,
  assertCellarEnabled,
  listCellar,
  removeCellarItem,
  updateCellarItem,
} from '../../shared/commerce/cellar-repository';
import { apiHandler } from '../../shared/http/api-handler';
import { cellarRoutes } from '../../shared/http/routes/cellar';

export const handler = apiHandler(cellarRoutes, 'cellar', {
  listCellar: async ({ auth, params, query }) => {
    await assertCellarEnabled(auth.tenantId);
    return listCellar(auth.tenantId, params.id, query);
  },
  addCellarItem: async ({ auth, params, body }) => {
    await assertCellarEnabled(auth.tenantId);
    return addCellarItem(auth.tenantId, params.id, body, auth.actor);
  },
  updateCellarItem: async ({ auth, params, body, ifMatch }) => {
    await assertCellarEnabled(auth.tenantId);
    return updateCellarItem(auth.tenantId, params.id, params.itemId, body, auth.actor, ifMatch);
  },
  removeCellarItem: async ({ auth, params, ifMatch }) => {
    await assertCellarEnabled(auth.tenantId);
    return removeCellarItem(auth.tenantId, params.id, params.itemId, auth.actor, ifMatch);
  },
});
