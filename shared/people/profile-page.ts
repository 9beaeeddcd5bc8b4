import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../errors';
import { dynamo, tableName } from '../db/client';
import {
  toAddress,
  toCard,
  toCustomer,
  toCustomerEmail,
  type AddressItem,
  type CardItem,
  type CustomerEmailItem,
  type CustomerItem,
} from './customer-items';
import { PROFILE_PAGE_PREFIX, customerPk } from '../db/keys';
import { toCertificate, toMembership, type CertificateItem, type MembershipItem } from '../clubs/club-items';

/**
 * The profile page: the person and their bounded collections (addresses, cards, emails,
 * memberships, certificates) are the items under `P#`, read by one Query however long the
 * person's history grows.
 */
/** Everything under the profile page prefix: the person and their bounded collections, one Query. */
export interface ProfilePage {
  profile: CustomerItem;
  addresses: AddressItem[];
  others: Record<string, Record<string, unknown>[]>;
}

export async function readProfilePage(tenantId: string, customerId: string): Promise<ProfilePage> {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': customerPk(tenantId, customerId), ':prefix': PROFILE_PAGE_PREFIX },
      ConsistentRead: true,
    }),
  );
  let profile: CustomerItem | undefined;
  const addresses: AddressItem[] = [];
  const others: Record<string, Record<string, unknown>[]> = {};
  for (const item of result.Items ?? []) {
    if (item.type === 'customer') profile = item as CustomerItem;
    else if (item.type === 'address') addresses.push(item as AddressItem);
    else (others[item.type as string] ??= []).push(item);
  }
  if (!profile) throw new NotFoundError('customer');
  return { profile, addresses, others };
}

export async function getCustomerProfile(tenantId: string, customerId: string) {
  const page = await readProfilePage(tenantId, customerId);
  return {
    ...toCustomer(page.profile),
    addresses: page.addresses.map(toAddress),
    cards: ((page.others.card ?? []) as unknown as CardItem[]).map(toCard),
    emails: ((page.others['customer-email'] ?? []) as unknown as CustomerEmailItem[]).map(toCustomerEmail),
    memberships: ((page.others.membership ?? []) as unknown as MembershipItem[]).map(toMembership),
    certificates: ((page.others.certificate ?? []) as unknown as CertificateItem[]).map((item) => toCertificate(item)),
  };
}

