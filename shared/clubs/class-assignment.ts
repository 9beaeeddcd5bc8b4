import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { chooseEffectiveClass, type ClassCandidate } from './class-choice';
import { isLive } from './membership';
import { dynamo, tableName } from '../db/client';
import type { CustomerItem } from '../people/customer-items';
import { updateProfile } from '../people/customer-repository';
import { NotFoundError } from '../errors';
import type { CustomerClassItem } from './customer-class-repository';
import { systemActor } from '../db/item-stamp';
import { tenantKeys } from '../db/keys';
import type { MembershipItem } from './club-items';

/**
 * Keeps a person's `effectiveClassId` and `clubIds` true to their current memberships. It is
 * recomputed from what the person holds now (never from the change that woke it), so it is
 * idempotent under replay and right when memberships change together or arrive out of order.
 */
export const CLASS_ASSIGNMENT = 'class-assignment';

async function classes(tenantId: string, ids: readonly string[]): Promise<Map<string, ClassCandidate>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const result = await dynamo.send(
    new BatchGetCommand({ RequestItems: { [tableName]: { Keys: unique.map((id) => tenantKeys.customerClass(tenantId, id)) } } }),
  );
  const items = (result.Responses?.[tableName] ?? []) as CustomerClassItem[];
  return new Map(items.map((item) => [item.id, { id: item.id, discountPercent: item.discountPercent }]));
}

export async function reassignClass(tenantId: string, customerId: string): Promise<void> {
  try {
    await updateProfile(tenantId, customerId, systemActor(CLASS_ASSIGNMENT), async (profile, page) => {
      const live = ((page.others.membership ?? []) as unknown as MembershipItem[]).filter((m) => isLive(m.status));
      const clubIds = [...new Set(live.map((m) => m.clubId))].sort();
      const known = await classes(tenantId, [...(profile.customerClassId ? [profile.customerClassId] : []), ...live.map((m) => m.classId)]);
      const own = profile.customerClassId ? (known.get(profile.customerClassId) ?? null) : null;
      const effectiveClassId = chooseEffectiveClass(
        own,
        live.map((m) => known.get(m.classId)).filter((c): c is ClassCandidate => c !== undefined),
      );
      const unchanged =
        effectiveClassId === profile.effectiveClassId && JSON.stringify(clubIds) === JSON.stringify([...(profile.clubIds ?? [])].sort());
      return unchanged ? undefined : { effectiveClassId, clubIds };
    });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error; // The person is gone: nothing to assign.
  }
}

/** Whether a person's own change could move their effective class (and was not our own write). */
export function customerChangeMatters(oldItem: CustomerItem | undefined, newItem: CustomerItem | undefined): boolean {
  if (!newItem || newItem.updatedBy?.id === CLASS_ASSIGNMENT) return false;
  return oldItem === undefined || oldItem.customerClassId !== newItem.customerClassId;
}
