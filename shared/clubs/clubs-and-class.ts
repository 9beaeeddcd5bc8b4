import { effectiveClassId, type ClassCandidate } from '../classes/class-choice';
import type { CustomerClassItem } from '../classes/customer-class-repository';
import { classKeys } from '../classes/keys';
import { getItems } from '../db/batch-get';
import type { CustomerItem } from '../people/customer-items';
import type { ProfilePage } from '../people/profile-page';
import { clubItemsOf, type MembershipItem } from './club-items';
import { isLive } from './membership';

/** What a person's memberships decide on their profile. */
export type ClubsAndClass = Pick<CustomerItem, 'clubIds' | 'effectiveClassId'>;

/** The classes by id (read through `getItems`, which retries what DynamoDB leaves unprocessed). */
async function classes(tenantId: string, ids: readonly string[]): Promise<Map<string, ClassCandidate>> {
  const items = (await getItems([...new Set(ids)].map((id) => classKeys.customerClass(tenantId, id)))) as unknown as CustomerClassItem[];
  return new Map(items.map((item) => [item.id, { id: item.id, discountPercent: item.discountPercent }]));
}

/**
 * A person's `clubIds` (the clubs of their live memberships, sorted) and `effectiveClassId` (the
 * best of their own class and those clubs' classes, `class-choice.ts`), from what their classes
 * say now. Written by a join, a switch or a cancel, in its own transaction, and by the
 * `class-assignment` consumer after every other change.
 */
export async function clubsAndClass(
  tenantId: string,
  profile: Pick<CustomerItem, 'customerClassId'>,
  memberships: readonly MembershipItem[],
): Promise<ClubsAndClass> {
  const live = memberships.filter((m) => isLive(m.status));
  const clubIds = [...new Set(live.map((m) => m.clubId))].sort();
  const known = await classes(tenantId, [...(profile.customerClassId ? [profile.customerClassId] : []), ...live.map((m) => m.classId)]);
  const own = profile.customerClassId ? (known.get(profile.customerClassId) ?? null) : null;
  const effective = effectiveClassId(
    own,
    live.map((m) => known.get(m.classId)).filter((c): c is ClassCandidate => c !== undefined),
  );
  return { clubIds, effectiveClassId: effective };
}

/**
 * The effective class a person of the tenant would have with `ownClassId` as their own class,
 * beside the live memberships their page holds: what a change of the own class writes at once
 * (`updateCustomer` is handed it by the route, the people aggregate knowing nothing of clubs).
 */
export const effectiveClassWithClubs =
  (tenantId: string) =>
  async (ownClassId: string | null, page: ProfilePage): Promise<string | null> =>
    (await clubsAndClass(tenantId, { customerClassId: ownClassId }, clubItemsOf(page).memberships)).effectiveClassId;

/** Whether the profile already holds these clubs and this effective class. */
export const holdsClubsAndClass = (profile: ClubsAndClass, next: ClubsAndClass): boolean =>
  next.effectiveClassId === profile.effectiveClassId && JSON.stringify(next.clubIds) === JSON.stringify([...(profile.clubIds ?? [])].sort());
