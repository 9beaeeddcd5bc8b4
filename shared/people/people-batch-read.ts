import { getItems } from '../db/batch-get';
import type { AddressItem, CustomerItem } from './customer-items';
import { customerKeys } from './keys';

/** A person with their default addresses: what a file (import or export) says of them. */
export interface PersonWithDefaults {
  profile: CustomerItem;
  billing: AddressItem | undefined;
  shipping: AddressItem | undefined;
}

/**
 * Many people at once, consistently: their profiles, then their default addresses, each in
 * BatchGetItems of 100 keys (two rounds however many people, where a profile page each would
 * be a Query a person). Someone gone is simply not in the answer.
 */
export async function readPeopleWithDefaults(tenantId: string, customerIds: readonly string[]): Promise<Map<string, PersonWithDefaults>> {
  const profiles = (await getItems(customerIds.map((id) => customerKeys.profile(tenantId, id)))) as unknown as CustomerItem[];
  const addressKeys = profiles.flatMap((person) =>
    [person.defaultBillingAddressId, person.defaultShippingAddressId].flatMap((id) => (id ? [customerKeys.address(tenantId, person.id, id)] : [])),
  );
  const addresses = new Map(((await getItems(addressKeys)) as unknown as AddressItem[]).map((address) => [address.id, address]));
  const address = (id: string | null, kind: AddressItem['kind']) => {
    const item = id ? addresses.get(id) : undefined;
    return item?.kind === kind ? item : undefined;
  };
  return new Map(
    profiles.map((profile) => [
      profile.id,
      { profile, billing: address(profile.defaultBillingAddressId, 'billing'), shipping: address(profile.defaultShippingAddressId, 'shipping') },
    ]),
  );
}
