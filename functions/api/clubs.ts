import { issueCertificate, listCertificates, redeemCertificate } from '../../shared/clubs/certificate-repository';
import { createClub, getClubItem, listClubs, toClub, updateClub } from '../../shared/clubs/club-repository';
import { changeMembership, joinClub, listMemberships } from '../../shared/clubs/membership-repository';
import { apiHandler } from '../../shared/http/api-handler';
import { clubRoutes } from '../../shared/http/routes/clubs';

export const handler = apiHandler(clubRoutes, 'clubs', {
  listClubs: ({ auth, query }) => listClubs(auth.tenantId, query),
  createClub: ({ auth, body }) => createClub(auth.tenantId, body, auth.actor),
  getClub: async ({ auth, params }) => toClub(await getClubItem(auth.tenantId, params.clubId)),
  updateClub: ({ auth, params, body, ifMatch }) => updateClub(auth.tenantId, params.clubId, body, auth.actor, ifMatch),

  listMemberships: ({ auth, params }) => listMemberships(auth.tenantId, params.id),
  joinClub: ({ auth, params, body }) => joinClub(auth.tenantId, params.id, body, auth.actor),
  updateMembership: ({ auth, params, body, ifMatch }) =>
    changeMembership(auth.tenantId, params.id, params.membershipId, { kind: 'edit', patch: body }, auth.actor, ifMatch),
  pauseMembership: ({ auth, params, body }) =>
    changeMembership(auth.tenantId, params.id, params.membershipId, { kind: 'pause', until: body.until }, auth.actor),
  resumeMembership: ({ auth, params }) => changeMembership(auth.tenantId, params.id, params.membershipId, { kind: 'resume' }, auth.actor),
  switchMembership: ({ auth, params, body }) =>
    changeMembership(auth.tenantId, params.id, params.membershipId, { kind: 'switch', ...body }, auth.actor),
  cancelMembership: ({ auth, params, body }) =>
    changeMembership(auth.tenantId, params.id, params.membershipId, { kind: 'cancel', reason: body.reason }, auth.actor),

  listCertificates: ({ auth, params }) => listCertificates(auth.tenantId, params.id),
  issueCertificate: ({ auth, params, body }) => issueCertificate(auth.tenantId, params.id, body, auth.actor),
  redeemCertificate: ({ auth, params }) => redeemCertificate(auth.tenantId, params.id, params.certificateId, auth.actor),
});
