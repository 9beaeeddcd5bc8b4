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
import { PROFILE_PAGE_PREFIX, customerKeys } from './keys';
import { toCertificate, toMembership, type CertificateItem, type MembershipItem } from '../clubs/club-items';
import { prefixCondition } from '../db/cursor';

/**
 * The profile page: the person and their bounded collections (addresses, cards, emails,
 * memberships, certificates) are the items under `P#`, read by one Query however long the
 * person's history grows, and handed out grouped by kind with their stored types.
 */
export interface ProfilePage {
  profile: CustomerItem;
  addresses: AddressItem[];
  cards: CardItem[];
  emails: CustomerEmailItem[];
  memberships: MembershipItem[];
  certificates: CertificateItem[];
}

/** Every kind of item stored under the profile page prefix, told apart by `type`. */
type ProfilePageItem = CustomerItem | AddressItem | CardItem | CustomerEmailItem | MembershipItem | CertificateItem;

export async function readProfilePage(tenantId: string, customerId: string): Promise<ProfilePage> {
  const { pk } = customerKeys.profile(tenantId, customerId);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      ...prefixCondition(pk, PROFILE_PAGE_PREFIX),
      ConsistentRead: true,
    }),
  );
  let profile: CustomerItem | undefined;
  const groups = { addresses: [] as AddressItem[], cards: [] as CardItem[], emails: [] as CustomerEmailItem[], memberships: [] as MembershipItem[], certificates: [] as CertificateItem[] };
  // The one place where stored items get their types: every item under `P#` is written by this aggregate or the clubs'.
  for (const item of (result.Items ?? []) as ProfilePageItem[]) {
    switch (item.type) {
      case 'customer': profile = item; break;
      case 'address': groups.addresses.push(item); break;
      case 'card': groups.cards.push(item); break;
      case 'customer-email': groups.emails.push(item); break;
      case 'membership': groups.memberships.push(item); break;
      case 'certificate': groups.certificates.push(item); break;
    }
  }
  if (!profile) throw new NotFoundError('customer');
  return { profile, ...groups };
}

export async function getCustomerProfile(tenantId: string, customerId: string) {
  const page = await readProfilePage(tenantId, customerId);
  return {
    ...toCustomer(page.profile),
    addresses: page.addresses.map(toAddress),
    cards: page.cards.map(toCard),
    emails: page.emails.map(toCustomerEmail),
    memberships: page.memberships.map(toMembership),
    certificates: page.certificates.map((item) => toCertificate(item)),
  };
}
