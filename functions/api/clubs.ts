import { issueCertificate, listCertificates, redeemCertificate } from '../../shared/clubs/certificate-repository';
import { createClub, getClub, listClubs, updateClub } from '../../shared/clubs/club-repository';
import { readClubStats } from '../../shared/clubs/club-stats';
import {
  cancelMembership,
  joinClub,
  listMembershipsOf,
  pauseMembership,
  resumeMembership,
  switchMembership,
  updateMembership,
} from '../../shared/clubs/membership-repository';
import { assertStaffMember } from '../../shared/staff/staff-directory';
import { apiHandler } from '../../shared/http/api-handler';
import { clubRoutes } from '../../shared/http/routes/clubs';

export const handler = apiHandler(clubRoutes, 'clubs', {
  listClubs: ({ auth, query }) => listClubs(auth.tenantId, query),
  createClub: ({ auth, body }) => createClub(auth.tenantId, body, auth.actor),
  getClub: ({ auth, params }) => getClub(auth.tenantId, params.clubId),
  getClubStats: ({ auth, params }) => readClubStats(auth.tenantId, params.clubId),
  updateClub: ({ auth, params, body, ifMatch }) => updateClub(auth.tenantId, params.clubId, body, auth.actor, ifMatch),

  listMemberships: ({ auth, params }) => listMembershipsOf(auth.tenantId, params.id),
  // The owner is one of the winery's staff (the caller, or one the directory lists).
  joinClub: async ({ auth, params, body }) => {
    await assertStaffMember(auth.tenantId, body.ownerId, auth.actor);
    return joinClub(auth.tenantId, params.id, body, auth.actor);
  },
  updateMembership: async ({ auth, params, body, ifMatch }) => {
    await assertStaffMember(auth.tenantId, body.ownerId, auth.actor);
    return updateMembership(auth.tenantId, params.id, params.membershipId, body, auth.actor, ifMatch);
  },
  pauseMembership: ({ auth, params, body }) => pauseMembership(auth.tenantId, params.id, params.membershipId, body, auth.actor),
  resumeMembership: ({ auth, params }) => resumeMembership(auth.tenantId, params.id, params.membershipId, auth.actor),
  switchMembership: ({ auth, params, body }) => switchMembership(auth.tenantId, params.id, params.membershipId, body, auth.actor),
  cancelMembership: ({ auth, params, body }) => cancelMembership(auth.tenantId, params.id, params.membershipId, body, auth.actor),

  listCertificates: ({ auth, params }) => listCertificates(auth.tenantId, params.id),
  issueCertificate: ({ auth, params, body }) => issueCertificate(auth.tenantId, params.id, body, auth.actor),
  redeemCertificate: ({ auth, params }) => redeemCertificate(auth.tenantId, params.id, params.certificateId, auth.actor),
});
