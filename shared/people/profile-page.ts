import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { MergedPersonError, NotFoundError } from '../errors';
import { dynamo, tableName } from '../db/client';
import type { AddressItem, CardItem, CustomerEmailItem, CustomerItem } from './customer-items';
import { PROFILE_PAGE_PREFIX, customerKeys } from './keys';
import { prefixCondition } from '../db/cursor';

/** An item another aggregate keeps on the profile page, as stored; that aggregate gives it its type. */
export interface AttachedItem {
  type: string;
}

/**
 * The profile page: the person and their bounded collections are the items under `P#`, read by
 * one Query however long the person's history grows, and handed out grouped by kind with their
 * stored types. The person's own kinds (profile, addresses, cards, emails) are typed here; what
 * other aggregates keep there (the clubs' memberships and certificates) is handed out as
 * `attached`, and those aggregates pick their items from it (`clubs/club-items.ts`).
 */
export interface ProfilePage {
  profile: CustomerItem;
  addresses: AddressItem[];
  cards: CardItem[];
  emails: CustomerEmailItem[];
  attached: AttachedItem[];
}

/** What a person merged into another leaves under their id (`customerKeys.mergedInto`). */
export const MERGED_PERSON_TYPE = 'merged-customer';
export interface MergedPersonItem {
  pk: string;
  sk: string;
  type: typeof MERGED_PERSON_TYPE;
  tenantId: string;
  customerId: string;
  customerNumber: number;
  mergedInto: string;
  mergeId: string;
}

/** The person's own kinds of item under `P#`, told apart by `type`. */
type OwnItem = CustomerItem | AddressItem | CardItem | CustomerEmailItem | MergedPersonItem;

export async function readProfilePage(tenantId: string, customerId: string): Promise<ProfilePage> {
  const { pk } = customerKeys.profile(tenantId, customerId);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      ...prefixCondition(pk, PROFILE_PAGE_PREFIX),
      ConsistentRead: true,
    }),
  );
  return profilePageOf(result.Items ?? []);
}

/**
 * The profile page from the person's items under `P#` (a reader that reads them in a wider range
 * of the person's collection, with items of its own, hands over those). Throws as a read does: 410
 * for someone merged into another, 404 for no one.
 */
export function profilePageOf(items: readonly Record<string, unknown>[]): ProfilePage {
  let profile: CustomerItem | undefined;
  let mergedInto: string | undefined;
  const groups = { addresses: [] as AddressItem[], cards: [] as CardItem[], emails: [] as CustomerEmailItem[], attached: [] as AttachedItem[] };
  // The one place where the person's stored items get their types.
  for (const item of items as unknown as (OwnItem | AttachedItem)[]) {
    const own = item as OwnItem;
    switch (own.type) {
      case 'customer': profile = own; break;
      case 'address': groups.addresses.push(own); break;
      case 'card': groups.cards.push(own); break;
      case 'customer-email': groups.emails.push(own); break;
      case MERGED_PERSON_TYPE: mergedInto = own.mergedInto; break;
      default: groups.attached.push(item);
    }
  }
  if (!profile) throw mergedInto ? new MergedPersonError(mergedInto) : new NotFoundError('customer');
  return { profile, ...groups };
}
