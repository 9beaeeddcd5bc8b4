import { assertCellarEnabled, listCellar } from '../../shared/commerce/cellar-repository';
import { listCertificates } from '../../shared/clubs/certificate-repository';
import { updateCustomer } from '../../shared/people/customer-repository';
import { listMemberships } from '../../shared/clubs/membership-repository';
import { listOrders } from '../../shared/commerce/order-repository';
import { changeOwnPassword, confirmReset, logIn, openPortalSession, requestReset } from '../../shared/portal/portal-access';
import { getCustomerProfile } from '../../shared/people/profile-page';
import { apiHandler } from '../../shared/http/api-handler';
import { verifyPortalToken } from '../../shared/http/portal-auth';
import { portalRoutes } from '../../shared/http/routes/portal';

export const handler = apiHandler(portalRoutes, 'portal', {
  portalLogin: ({ params, body, event }) => logIn(params.tenantId, body.email, body.password, event.requestContext.http.sourceIp),
  portalPasswordReset: ({ params, body }) => requestReset(params.tenantId, body.email),
  portalPasswordResetConfirm: ({ params, body }) => confirmReset(params.tenantId, body.token, body.newPassword),
  getMe: ({ auth }) => getCustomerProfile(auth.tenantId, auth.customerId),
  updateMe: ({ auth, body }) => updateCustomer(auth.tenantId, auth.customerId, body, auth.actor, undefined),
  changeMyPassword: ({ auth, body }) => changeOwnPassword(auth.tenantId, auth.customerId, body.currentPassword, body.newPassword, auth.actor),
  getMyMemberships: ({ auth }) => listMemberships(auth.tenantId, auth.customerId),
  getMyCertificates: ({ auth }) => listCertificates(auth.tenantId, auth.customerId),
  getMyOrders: ({ auth, query }) => listOrders(auth.tenantId, auth.customerId, query),
  getMyCellar: async ({ auth, query }) => {
    await assertCellarEnabled(auth.tenantId);
    return listCellar(auth.tenantId, auth.customerId, query);
  },
  openPortalSession: ({ auth, params }) => openPortalSession(auth.tenantId, params.id, auth.actor),
}, { verifyPortalToken });
