import { customerPk, tenantPk } from '../db/keys';

/**
 * Every key of the clubs aggregate, declared once.
 *
 * Under the person (`T#<tenant>#C#<id>`):
 *   P#M#<id>          a membership (part of the profile page)
 *   P#CERT#<id>       a certificate (part of the profile page)
 *   MCLUB#<clubId>    guard: one live (active or paused) membership per club, written with
 *                     `attribute_not_exists` in the transaction that joins or switches
 *
 * Under the tenant (`T#<tenant>`):
 *   CLUB#<id>         a club (its customer class is the classes aggregate's, `classes/keys.ts`)
 *
 * Indexes:
 *   gsi2 `DUE#PAUSE`, sort `<pausedUntil>#<tenant>#<customer>#<membership>`: paused memberships
 *     by the date they resume. The one partition that is not a tenant's: the pause-expiry job is
 *     the system working across all tenants, and it reads only what is due.
 *   gsi4 `T#<tenant>#CLUB#<clubId>#LIVE`, sort `<customer>#<membership>`: a club's live
 *     memberships, so a club or variant rename reaches the names stored on them.
 */
export const PAUSE_DUE_PARTITION = 'DUE#PAUSE';

const MEMBERSHIP_PREFIX = 'P#M#';
const CLUB_PREFIX = 'CLUB#';

export const membershipKeys = {
  membership: (tenantId: string, customerId: string, membershipId: string) => ({
    pk: customerPk(tenantId, customerId),
    sk: `${MEMBERSHIP_PREFIX}${membershipId}`,
  }),
  clubGuard: (tenantId: string, customerId: string, clubId: string) => ({
    pk: customerPk(tenantId, customerId),
    sk: `MCLUB#${clubId}`,
  }),
  /** gsi2: where a paused membership waits for its date. */
  pauseDue: (tenantId: string, customerId: string, membershipId: string, pausedUntil: string) => ({
    gsi2pk: PAUSE_DUE_PARTITION,
    gsi2sk: `${pausedUntil}#${tenantId}#${customerId}#${membershipId}`,
  }),
  /** The exclusive upper bound of the due index's sort keys for memberships due on or before `today`. */
  pauseDueBound: (today: string) => `${today}$`,
  /** gsi4: a live membership listed under its club. */
  clubLive: (tenantId: string, clubId: string, customerId: string, membershipId: string) => ({
    gsi4pk: membershipKeys.clubLivePartition(tenantId, clubId),
    gsi4sk: `${customerId}#${membershipId}`,
  }),
  clubLivePartition: (tenantId: string, clubId: string) => `${tenantPk(tenantId)}#CLUB#${clubId}#LIVE`,
};

export const certificateKeys = {
  certificate: (tenantId: string, customerId: string, certificateId: string) => ({
    pk: customerPk(tenantId, customerId),
    sk: `P#CERT#${certificateId}`,
  }),
};

export const clubKeys = {
  club: (tenantId: string, clubId: string) => ({ pk: tenantPk(tenantId), sk: `${CLUB_PREFIX}${clubId}` }),
  /** All of a tenant's clubs: `begins_with(sk, prefix)` under the tenant. */
  all: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: CLUB_PREFIX }),
};
