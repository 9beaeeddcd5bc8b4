import { assertCellarEnabled, listCellar } from '../../shared/commerce/cellar-repository';
import { listCertificates } from '../../shared/clubs/certificate-repository';
import { createAddress, deleteAddress, updateAddress } from '../../shared/people/address-repository';
import { updateCustomer } from '../../shared/people/customer-repository';
import { customerChangeRules } from '../../shared/people/customer-rules';
import { cachedSettings } from '../../shared/settings/settings-repository';
import { listMembershipsOf } from '../../shared/clubs/membership-repository';
import { cancelMyMembership, myClubOptions, pauseMyMembership, resumeMyMembership, updateMyMembership } from '../../shared/clubs/my-club';
import { listOrders } from '../../shared/commerce/order-repository';
import { portalBranding } from '../../shared/portal/branding';
import { changeOwnPassword, confirmReset, logIn, openPortalSession, requestReset } from '../../shared/portal/portal-access';
import { getCustomerProfile } from '../../shared/profile/customer-profile';
import { apiHandler } from '../../shared/http/api-handler';
import { portalAuthFromHeader } from '../../shared/http/portal-auth';
import { portalRoutes } from '../../shared/http/routes/portal';

export const handler = apiHandler(portalRoutes, 'portal', {
  portalBranding: ({ params }) => portalBranding(params.tenantId),
  portalLogin: ({ params, body, event }) => logIn(params.tenantId, body.email, body.password, event.requestContext.http.sourceIp),
  portalPasswordReset: ({ params, body }) => requestReset(params.tenantId, body.email),
  portalPasswordResetConfirm: ({ params, body }) => confirmReset(params.tenantId, body.token, body.newPassword),
  getMe: ({ auth }) => getCustomerProfile(auth.tenantId, auth.customerId),
  // The same settings rules as staff edits: a member cannot clear a phone the winery requires.
  updateMe: async ({ auth, body }) =>
    updateCustomer(auth.tenantId, auth.customerId, body, auth.actor, undefined, customerChangeRules(body, await cachedSettings(auth.tenantId))),
  changeMyPassword: ({ auth, body }) => changeOwnPassword(auth.tenantId, auth.customerId, body.currentPassword, body.newPassword, auth.actor),
  // The token's person is the only one reachable: another person's address id is not found there.
  createMyAddress: ({ auth, body }) => createAddress(auth.tenantId, auth.customerId, body, auth.actor),
  updateMyAddress: ({ auth, params, body, ifMatch }) => updateAddress(auth.tenantId, auth.customerId, params.addressId, body, auth.actor, ifMatch),
  deleteMyAddress: ({ auth, params, ifMatch }) => deleteAddress(auth.tenantId, auth.customerId, params.addressId, auth.actor, ifMatch),
  getMyMemberships: ({ auth }) => listMembershipsOf(auth.tenantId, auth.customerId),
  // Within the winery's self-service limits; another person's membership id is not found under this person.
  getMyClubOptions: ({ auth }) => myClubOptions(auth.tenantId, auth.customerId),
  pauseMyMembership: ({ auth, params, body }) => pauseMyMembership(auth.tenantId, auth.customerId, params.membershipId, body, auth.actor),
  resumeMyMembership: ({ auth, params }) => resumeMyMembership(auth.tenantId, auth.customerId, params.membershipId, auth.actor),
  updateMyMembership: ({ auth, params, body, ifMatch }) => updateMyMembership(auth.tenantId, auth.customerId, params.membershipId, body, auth.actor, ifMatch),
  cancelMyMembership: ({ auth, params, body }) => cancelMyMembership(auth.tenantId, auth.customerId, params.membershipId, body, auth.actor),
  getMyCertificates: ({ auth }) => listCertificates(auth.tenantId, auth.customerId),
  getMyOrders: ({ auth, query }) => listOrders(auth.tenantId, auth.customerId, query),
  getMyCellar: async ({ auth, query }) => {
    await assertCellarEnabled(auth.tenantId);
    return listCellar(auth.tenantId, auth.customerId, query);
  },
  openPortalSession: ({ auth, params }) => openPortalSession(auth.tenantId, params.id, auth.actor),
}, { verifyPortalToken: portalAuthFromHeader });
