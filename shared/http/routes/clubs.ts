import { Certificate, CertificateList, CertificatePath, CreateCertificateBody } from '../../clubs/certificate-schemas';
import {
  CancelBody,
  Club,
  ClubList,
  ClubPath,
  ClubStats,
  CreateClubBody,
  JoinClubBody,
  Membership,
  MembershipList,
  MembershipPath,
  PauseBody,
  SwitchBody,
  UpdateClubBody,
  UpdateMembershipBody,
} from '../../clubs/club-schemas';
import { PageQuery } from '../../schemas/common';
import { CustomerPath } from '../../people/customer-schemas';
import { staff, type RouteSpec } from '../route-spec';

const memberships = '/v1/customers/{id}/memberships';
const certificates = '/v1/customers/{id}/certificates';

export const clubRoutes = {
  listClubs: {
    method: 'GET', path: '/v1/clubs', fn: 'clubs', tag: 'Clubs', access: staff('viewer'), status: 200,
    summary: "The winery's clubs, oldest first, a page at a time.", query: PageQuery, response: ClubList,
  },
  createClub: {
    method: 'POST', path: '/v1/clubs', fn: 'clubs', tag: 'Clubs', access: staff('admin'), status: 201,
    summary: 'Create a club and its customer class (same discount).', body: CreateClubBody, response: Club,
  },
  getClub: {
    method: 'GET', path: '/v1/clubs/{clubId}', fn: 'clubs', tag: 'Clubs', access: staff('viewer'), status: 200,
    summary: 'A club.', params: ClubPath, response: Club,
  },
  getClubStats: {
    method: 'GET', path: '/v1/clubs/{clubId}/stats', fn: 'clubs', tag: 'Clubs', access: staff('viewer'), status: 200,
    summary:
      "How a club is doing: active and paused members now, joins, cancellations (by reason), holds (by reason) and saves (pauses taken instead of a cancel) in the last 30 days, and the live members' median tenure. Kept from the stream: it may trail a change by a moment.",
    params: ClubPath, response: ClubStats,
  },
  updateClub: {
    method: 'PATCH', path: '/v1/clubs/{clubId}', fn: 'clubs', tag: 'Clubs', access: staff('admin'), status: 200,
    summary: "Change a club; a new discount changes the club's class too.", params: ClubPath, body: UpdateClubBody, response: Club, conditional: true,
  },

  listMemberships: {
    method: 'GET', path: memberships, fn: 'clubs', tag: 'Memberships', access: staff('viewer'), status: 200,
    summary: "The person's club memberships.", params: CustomerPath, response: MembershipList,
  },
  joinClub: {
    method: 'POST', path: memberships, fn: 'clubs', tag: 'Memberships', access: staff('staff'), status: 201,
    summary:
      'Add the person to a club (409 when already an active or paused member of it). `ownerId` must be a staff member of the winery (the caller or one `GET /v1/staff` lists), else a 400. With `gift`, a gift membership that ends by itself on `gift.endsOn`. The person’s `effectiveClassId` (and whether they are a club member) moves in the same write, so their profile’s `version` moves too: read it again before a `PATCH` with `If-Match`.',
    params: CustomerPath, body: JoinClubBody, response: Membership,
  },
  updateMembership: {
    method: 'PATCH', path: `${memberships}/{membershipId}`, fn: 'clubs', tag: 'Memberships', access: staff('staff'), status: 200,
    summary: 'Change the owner (a staff member of the winery, else a 400), variant, shipping preference or pickup location.', params: MembershipPath, body: UpdateMembershipBody, response: Membership, conditional: true,
  },
  pauseMembership: {
    method: 'POST', path: `${memberships}/{membershipId}/pause`, fn: 'clubs', tag: 'Memberships', access: staff('staff'), status: 200,
    summary:
      'Pause until a future date, now or from a later day (`from`: the membership stays active with `scheduledPause` and pauses by itself on that day); it resumes by itself on `until`. Pausing a paused membership moves its end. `reasonKey` is one of `settings.clubReasons.hold`.',
    params: MembershipPath, body: PauseBody, response: Membership,
  },
  resumeMembership: {
    method: 'POST', path: `${memberships}/{membershipId}/resume`, fn: 'clubs', tag: 'Memberships', access: staff('staff'), status: 200,
    summary: 'Resume a paused membership, or drop the pause an active one has booked (409 when neither).', params: MembershipPath, response: Membership,
  },
  switchMembership: {
    method: 'POST', path: `${memberships}/{membershipId}/switch`, fn: 'clubs', tag: 'Memberships', access: staff('staff'), status: 200,
    summary: 'Move the membership to another club (and variant). The person’s `effectiveClassId` (and whether they are a club member) moves in the same write, so their profile’s `version` moves too: read it again before a `PATCH` with `If-Match`.', params: MembershipPath, body: SwitchBody, response: Membership,
  },
  cancelMembership: {
    method: 'POST', path: `${memberships}/{membershipId}/cancel`, fn: 'clubs', tag: 'Memberships', access: staff('staff'), status: 200,
    summary: 'Cancel (final) with one of the winery’s reasons (`reasonKey`, from `settings.clubReasons.cancel`) and a `note`, or with a free-text `reason`. The person’s `effectiveClassId` (and whether they are a club member) moves in the same write, so their profile’s `version` moves too: read it again before a `PATCH` with `If-Match`.', params: MembershipPath, body: CancelBody, response: Membership,
  },

  listCertificates: {
    method: 'GET', path: certificates, fn: 'clubs', tag: 'Certificates', access: staff('viewer'), status: 200,
    summary: "The person's reservation certificates.", params: CustomerPath, response: CertificateList,
  },
  issueCertificate: {
    method: 'POST', path: certificates, fn: 'clubs', tag: 'Certificates', access: staff('staff'), status: 201,
    summary: 'Issue a certificate (status available).', params: CustomerPath, body: CreateCertificateBody, response: Certificate,
  },
  redeemCertificate: {
    method: 'POST', path: `${certificates}/{certificateId}/redeem`, fn: 'clubs', tag: 'Certificates', access: staff('staff'), status: 200,
    summary: 'Redeem once (409 once redeemed or expired).', params: CertificatePath, response: Certificate,
  },
} as const satisfies Record<string, RouteSpec>;
