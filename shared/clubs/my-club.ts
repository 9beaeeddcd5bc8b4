import { getItems } from '../db/batch-get';
import type { Actor } from '../schemas/common';
import { cachedSettings } from '../settings/settings-repository';
import { clubItemsOf } from './club-items';
import type { ClubItem } from './club-repository';
import type { UpdateMyMembershipBody } from './club-schemas';
import { clubKeys } from './keys';
import { isLive } from './membership';
import { cancelMembership, pauseMembership, resumeMembership, updateMembership, type ChangeChannel } from './membership-repository';
import type { PauseBody } from './club-schemas';
import { readProfilePage } from '../people/profile-page';

/**
 * A member's own club, from the portal: the same changes staff make (the same state machine,
 * rules and writes), through the winery's self-service limits, recorded as the member's (the
 * portal token's actor) and emailed like any other change.
 */
async function selfService(tenantId: string): Promise<ChangeChannel> {
  return { kind: 'self-service', policy: (await cachedSettings(tenantId)).clubSelfService };
}

/** What the portal's My club page may offer: the winery's limits, its reasons, and the variants of one's clubs. */
export async function myClubOptions(tenantId: string, customerId: string) {
  const [settings, page] = await Promise.all([cachedSettings(tenantId), readProfilePage(tenantId, customerId)]);
  const clubIds = [...new Set(clubItemsOf(page).memberships.filter((m) => isLive(m.status)).map((m) => m.clubId))];
  const clubs = (await getItems(clubIds.map((id) => clubKeys.club(tenantId, id)))) as unknown as ClubItem[];
  return {
    ...settings.clubSelfService,
    reasons: settings.clubReasons,
    clubs: clubs.map((club) => ({ id: club.id, name: club.name, variants: club.variants ?? [] })),
  };
}

export const pauseMyMembership = async (tenantId: string, customerId: string, membershipId: string, body: PauseBody, actor: Actor) =>
  pauseMembership(tenantId, customerId, membershipId, body, actor, await selfService(tenantId));

export const resumeMyMembership = async (tenantId: string, customerId: string, membershipId: string, actor: Actor) =>
  resumeMembership(tenantId, customerId, membershipId, actor, await selfService(tenantId));

export const updateMyMembership = async (
  tenantId: string,
  customerId: string,
  membershipId: string,
  body: UpdateMyMembershipBody,
  actor: Actor,
  ifMatch: number | undefined,
) => updateMembership(tenantId, customerId, membershipId, body, actor, ifMatch, await selfService(tenantId));

export const cancelMyMembership = async (tenantId: string, customerId: string, membershipId: string, body: { reasonKey: string; note?: string }, actor: Actor) =>
  cancelMembership(tenantId, customerId, membershipId, body, actor, await selfService(tenantId));
