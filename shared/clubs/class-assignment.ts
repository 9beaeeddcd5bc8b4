import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { effectiveClassId, type ClassCandidate } from '../classes/class-choice';
import { isLive } from './membership';
import { clubNamesChanged, membershipChangeMatters, namesMayBeStale, type ClubFacts } from './membership-rules';
import { copyClubNamesToMembership, copyClubNamesToMemberships } from './membership-repository';
import type { StreamChange } from '../streams/stream-handler';
import { dynamo, tableName } from '../db/client';
import type { CustomerItem } from '../people/customer-items';
import { updateProfile } from '../people/customer-repository';
import { MergedPersonError, NotFoundError } from '../errors';
import type { CustomerClassItem } from '../classes/customer-class-repository';
import { systemActor } from '../db/item-stamp';
import { classKeys } from '../classes/keys';
import { clubItemsOf, type MembershipItem } from './club-items';

/**
 * Keeps a person's `effectiveClassId` and `clubIds` true to their current memberships, and
 * memberships' club and variant names true to their clubs. Both are recomputed from what is
 * stored now (never from the change that woke it), so they are idempotent under replay and
 * right when changes arrive together or out of order.
 */
export const CLASS_ASSIGNMENT = 'class-assignment';
const actor = systemActor(CLASS_ASSIGNMENT);

type Item = { type?: string; tenantId?: string; customerId?: string; id?: string };

/** One stream record of a club, a membership or a person: what it changes here. */
export async function applyClubsChange(change: StreamChange): Promise<void> {
  const item = (change.newItem ?? change.oldItem) as Item | undefined;
  if (!item?.tenantId) return;
  if (item.type === 'club' && item.id) {
    if (clubNamesChanged(change.oldItem as ClubFacts | undefined, change.newItem as ClubFacts | undefined)) {
      await copyClubNamesToMemberships(item.tenantId, item.id, actor);
    }
    return;
  }
  if (item.type === 'membership' && item.customerId) {
    const before = change.oldItem as MembershipItem | undefined;
    const after = change.newItem as MembershipItem | undefined;
    if (after && namesMayBeStale(before, after)) await copyClubNamesToMembership(after, actor);
    if (membershipChangeMatters(before, after)) await reassignClass(item.tenantId, item.customerId);
    return;
  }
  if (item.type === 'customer' && item.id && customerChangeMatters(change.oldItem as CustomerItem | undefined, change.newItem as CustomerItem | undefined)) {
    await reassignClass(item.tenantId, item.id);
  }
}

async function classes(tenantId: string, ids: readonly string[]): Promise<Map<string, ClassCandidate>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const result = await dynamo.send(
    new BatchGetCommand({ RequestItems: { [tableName]: { Keys: unique.map((id) => classKeys.customerClass(tenantId, id)) } } }),
  );
  const items = (result.Responses?.[tableName] ?? []) as CustomerClassItem[];
  return new Map(items.map((item) => [item.id, { id: item.id, discountPercent: item.discountPercent }]));
}

async function reassignClass(tenantId: string, customerId: string): Promise<void> {
  try {
    await updateProfile(tenantId, customerId, actor, async (profile, page) => {
      const live = clubItemsOf(page).memberships.filter((m) => isLive(m.status));
      const clubIds = [...new Set(live.map((m) => m.clubId))].sort();
      const known = await classes(tenantId, [...(profile.customerClassId ? [profile.customerClassId] : []), ...live.map((m) => m.classId)]);
      const own = profile.customerClassId ? (known.get(profile.customerClassId) ?? null) : null;
      const effective = effectiveClassId(
        own,
        live.map((m) => known.get(m.classId)).filter((c): c is ClassCandidate => c !== undefined),
      );
      const unchanged =
        effective === profile.effectiveClassId && JSON.stringify(clubIds) === JSON.stringify([...(profile.clubIds ?? [])].sort());
      return unchanged ? undefined : { effectiveClassId: effective, clubIds };
    });
  } catch (error) {
    // The person is gone, or merged into another (a record from before the merge): nothing to assign.
    if (!(error instanceof NotFoundError || error instanceof MergedPersonError)) throw error;
  }
}

/** Whether a person's own change could move their effective class (and was not our own write). */
function customerChangeMatters(oldItem: CustomerItem | undefined, newItem: CustomerItem | undefined): boolean {
  if (!newItem || newItem.updatedBy?.id === CLASS_ASSIGNMENT) return false;
  // A new person has no membership yet: the create chose their effective class from their own.
  return oldItem !== undefined && oldItem.customerClassId !== newItem.customerClassId;
}
