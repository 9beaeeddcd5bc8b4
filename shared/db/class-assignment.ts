import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { chooseEffectiveClass, type ClassCandidate } from '../domain/class-choice';
import { isLive } from '../domain/membership';
import { dynamo, tableName } from './client';
import type { CustomerItem } from './customer-items';
import type { CustomerClassItem } from './customer-class-repository';
import { systemActor } from './item-stamp';
import { putIfVersion } from './item-writes';
import { tenantKeys } from './keys';
import type { MembershipItem } from './club-items';
import { readProfilePage } from './profile-page';
import { ConditionsFailedError, transactWrite } from './transact';

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
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    let page;
    try {
      page = await readProfilePage(tenantId, customerId);
    } catch {
      return; // The person is gone: nothing to assign.
    }
    const profile = page.profile;
    const live = ((page.others.membership ?? []) as unknown as MembershipItem[]).filter((m) => isLive(m.status));
    const clubIds = [...new Set(live.map((m) => m.clubId))].sort();
    const known = await classes(tenantId, [...(profile.customerClassId ? [profile.customerClassId] : []), ...live.map((m) => m.classId)]);
    const own = profile.customerClassId ? (known.get(profile.customerClassId) ?? null) : null;
    const effectiveClassId = chooseEffectiveClass(
      own,
      live.map((m) => known.get(m.classId)).filter((c): c is ClassCandidate => c !== undefined),
    );
    const unchanged = effectiveClassId === profile.effectiveClassId && JSON.stringify(clubIds) === JSON.stringify([...(profile.clubIds ?? [])].sort());
    if (unchanged) return;
    const actor = systemActor(CLASS_ASSIGNMENT);
    const next: CustomerItem = {
      ...profile,
      effectiveClassId,
      clubIds,
      version: profile.version + 1,
      updatedAt: nowIso(),
      updatedBy: actor,
    };
    try {
      await transactWrite([putIfVersion('profile', next, profile.version)]);
      return;
    } catch (error) {
      if (!(error instanceof ConditionsFailedError)) throw error;
    }
  }
  throw new Error(`Could not assign the class of ${customerId}: the profile kept changing`);
}

/** Whether a person's own change could move their effective class (and was not our own write). */
export function customerChangeMatters(oldItem: CustomerItem | undefined, newItem: CustomerItem | undefined): boolean {
  if (!newItem || newItem.updatedBy?.id === CLASS_ASSIGNMENT) return false;
  return oldItem === undefined || oldItem.customerClassId !== newItem.customerClassId;
}
