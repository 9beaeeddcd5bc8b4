import * as z from '../../schemas/zod';
import { CellarList } from '../../commerce/cellar-schemas';
import { CertificateList } from '../../clubs/certificate-schemas';
import {
  CancelMyMembershipBody,
  Membership,
  MembershipList,
  MyClubOptions,
  MyMembershipPath,
  MyPauseBody,
  UpdateMyMembershipBody,
} from '../../clubs/club-schemas';
import { PageQuery } from '../../schemas/common';
import { Address, Customer, CustomerPath } from '../../people/customer-schemas';
import {
  ChangePasswordBody,
  LoginBody,
  MyAddressPath,
  PortalBranding,
  PortalToken,
  ResetConfirmBody,
  ResetRequestBody,
  TenantPath,
  UpdateMeBody,
} from '../../portal/portal-schemas';
import { OrderList } from '../../commerce/order-schemas';
import { CreateAddressBody, UpdateAddressBody } from '../../people/profile-schemas';
import { CustomerProfile } from '../../profile/profile-schemas';
import { portalAccess, publicAccess, staff, type RouteSpec } from '../route-spec';
import { lazySchema } from '../../schemas/lazy-schema';

const tag = 'Portal';

export const portalRoutes = {
  portalBranding: {
    method: 'GET', path: '/portal/{tenantId}/branding', fn: 'portal', tag, access: publicAccess, status: 200,
    summary: "The winery's name and currency, for the portal's pages before sign-in. A winery that has not saved its settings gets the defaults.",
    params: TenantPath, response: PortalBranding,
  },
  portalLogin: {
    method: 'POST', path: '/portal/{tenantId}/login', fn: 'portal', tag, access: publicAccess, status: 200,
    summary: 'Log in with email and password → a portal token. 401 on bad credentials; 429 (with Retry-After) after 5 failures for an email, or 20 from one client address, within 15 minutes, or while the service is already checking as many passwords from the client address as it takes at once (a flood from one address waits behind itself, not in front of others).',
    params: TenantPath, body: LoginBody, response: PortalToken, throttled: true,
  },
  portalPasswordReset: {
    method: 'POST', path: '/portal/{tenantId}/password-reset', fn: 'portal', tag, access: publicAccess, status: 202,
    summary: 'Email a one-time reset link (valid one hour). Always 202, whether or not the email has an account, and always after the same time (a quarter of a second), so neither the answer nor its timing tells; at most 3 emails an hour to one address.',
    params: TenantPath, body: ResetRequestBody,
  },
  portalPasswordResetConfirm: {
    method: 'POST', path: '/portal/{tenantId}/password-reset/confirm', fn: 'portal', tag, access: publicAccess, status: 204,
    summary: 'Set a new password with the token from the email; a token works once.',
    params: TenantPath, body: ResetConfirmBody,
  },
  getMe: {
    method: 'GET', path: '/portal/me', fn: 'portal', tag, access: portalAccess, status: 200,
    summary: 'The logged-in person’s profile.', response: CustomerProfile,
  },
  updateMe: {
    method: 'PATCH', path: '/portal/me', fn: 'portal', tag, access: portalAccess, status: 200,
    summary: 'Change one’s phone or contact permissions.', body: UpdateMeBody, response: Customer,
  },
  changeMyPassword: {
    method: 'POST', path: '/portal/me/password', fn: 'portal', tag, access: portalAccess, status: 204,
    summary: 'Change one’s password, given the current one; 429 after 5 wrong current passwords within 15 minutes. Ends every portal token of the person, this one included: log in again with the new password. A staff "Login" session gets 403: staff set passwords through `POST /v1/customers/{id}/password`.', body: ChangePasswordBody,
    throttled: true,
    problems: { 403: 'A staff "Login" session (a token with an `act` claim): staff set a member\'s password through `/v1`, never as the member.' },
  },
  createMyAddress: {
    method: 'POST', path: '/portal/me/addresses', fn: 'portal', tag, access: portalAccess, status: 201,
    summary: 'Add one of one’s addresses; `isDefault` makes it the default of its kind (the first of a kind always is).',
    body: CreateAddressBody, response: Address,
  },
  updateMyAddress: {
    method: 'PATCH', path: '/portal/me/addresses/{addressId}', fn: 'portal', tag, access: portalAccess, status: 200,
    summary: 'Change one of one’s addresses; `isDefault: true` makes it the default (the other one stops being). Another person’s address is a 404.',
    params: MyAddressPath, body: UpdateAddressBody, response: Address, conditional: true,
  },
  deleteMyAddress: {
    method: 'DELETE', path: '/portal/me/addresses/{addressId}', fn: 'portal', tag, access: portalAccess, status: 204,
    summary: 'Remove one of one’s addresses (409 for a default address: make another one the default first).',
    params: MyAddressPath, conditional: true,
  },
  getMyMemberships: {
    method: 'GET', path: '/portal/me/memberships', fn: 'portal', tag, access: portalAccess, status: 200,
    summary: 'One’s club memberships.', response: MembershipList,
  },
  getMyClubOptions: {
    method: 'GET', path: '/portal/me/club-options', fn: 'portal', tag, access: portalAccess, status: 200,
    summary: 'What the winery lets one do with one’s memberships (`settings.clubSelfService`), the reasons to choose from, and the variants of one’s clubs.',
    response: MyClubOptions,
  },
  pauseMyMembership: {
    method: 'POST', path: '/portal/me/memberships/{membershipId}/pause', fn: 'portal', tag, access: portalAccess, status: 200,
    summary:
      'Pause one’s membership (now, or `from` a later day) until a date, within the winery’s limits: 403 (`type` ending in `/not-allowed`, the detail says why) when the winery does not allow it or it would pass `maxDaysPerYear` days of pause in a calendar year.',
    params: MyMembershipPath, body: MyPauseBody, response: Membership,
    problems: { 403: 'Beyond what the winery lets members do (`settings.clubSelfService`): `type` ends in `/not-allowed`, and `detail` says why.' },
  },
  resumeMyMembership: {
    method: 'POST', path: '/portal/me/memberships/{membershipId}/resume', fn: 'portal', tag, access: portalAccess, status: 200,
    summary: 'Resume one’s paused membership, or drop a booked pause (always allowed).',
    params: MyMembershipPath, response: Membership,
  },
  updateMyMembership: {
    method: 'PATCH', path: '/portal/me/memberships/{membershipId}', fn: 'portal', tag, access: portalAccess, status: 200,
    summary: 'Change one’s variant, or shipping and pickup, when the winery allows it (else 403 `not-allowed`).',
    params: MyMembershipPath, body: UpdateMyMembershipBody, response: Membership, conditional: true,
    problems: { 403: 'Beyond what the winery lets members do (`settings.clubSelfService`): `type` ends in `/not-allowed`, and `detail` says why.' },
  },
  cancelMyMembership: {
    method: 'POST', path: '/portal/me/memberships/{membershipId}/cancel', fn: 'portal', tag, access: portalAccess, status: 200,
    summary: 'Cancel one’s membership with one of the winery’s reasons, when the winery allows it (else 403 `not-allowed`).',
    params: MyMembershipPath, body: CancelMyMembershipBody, response: Membership,
    problems: { 403: 'Beyond what the winery lets members do (`settings.clubSelfService`): `type` ends in `/not-allowed`, and `detail` says why.' },
  },
  getMyCertificates: {
    method: 'GET', path: '/portal/me/certificates', fn: 'portal', tag, access: portalAccess, status: 200,
    summary: 'One’s reservation certificates.', response: CertificateList,
  },
  getMyOrders: {
    method: 'GET', path: '/portal/me/orders', fn: 'portal', tag, access: portalAccess, status: 200,
    summary: 'One’s orders, newest first.', query: PageQuery, response: OrderList,
  },
  getMyCellar: {
    method: 'GET', path: '/portal/me/cellar', fn: 'portal', tag, access: portalAccess, status: 200,
    summary: 'What the winery keeps in one’s cellar (403 feature-disabled unless the winery uses the cellar).', query: PageQuery, response: CellarList,
    problems: { 403: 'The winery does not use the cellar (`type` ends in `/feature-disabled`).' },
  },
  openPortalSession: {
    method: 'POST', path: '/v1/customers/{id}/portal-session', fn: 'portal', tag, access: staff('staff'), status: 201,
    summary: "Open the person's club portal: a portal token of at most 15 minutes, recorded in the change history. The token names the staff member (an RFC 8693 `act` claim: `{ sub, name }`), and every change made with it is recorded as that staff member's.",
    params: CustomerPath, response: lazySchema(() => z.object({ token: z.string(), expiresAt: z.string() })),
  },
} as const satisfies Record<string, RouteSpec>;
