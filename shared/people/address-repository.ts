import { nowIso } from '../clock';
import { ConflictError, NotFoundError } from '../errors';
import type { Actor } from '../schemas/common';
import type { Address } from './customer-schemas';
import type { CreateAddressBody, UpdateAddressBody } from './profile-schemas';
import { readProfilePage } from './profile-page';
import { newAddressItem, toAddress, type AddressItem, type CustomerItem } from './customer-items';
import { nextStamp } from '../db/item-stamp';
import { defaultSwitchWrites, deleteWithActor, fieldUpdateWrite, putIfVersion, putNew, stillEquals } from '../db/item-writes';
import { customerKeys } from './keys';
import { checkIfMatch, transactWrite, withLostRaceRetry, type NamedWrite } from '../db/transact';

/**
 * A person's billing and shipping addresses. One of each kind is the default, and the profile's
 * `defaultBillingAddressId` / `defaultShippingAddressId` name it: both change in one
 * transaction, conditioned on what was read, so they never disagree.
 */
const defaultField = { billing: 'defaultBillingAddressId', shipping: 'defaultShippingAddressId' } as const;

function sortAddresses(items: AddressItem[]): Address[] {
  return items.map(toAddress).sort((a, b) => (a.kind === b.kind ? Number(b.isDefault) - Number(a.isDefault) : a.kind.localeCompare(b.kind)));
}

export async function listAddresses(tenantId: string, customerId: string): Promise<{ items: Address[]; nextCursor: null }> {
  const page = await readProfilePage(tenantId, customerId);
  return { items: sortAddresses(page.addresses), nextCursor: null };
}

/**
 * Writes that make `address` the default of its kind and point the profile at it: field-level,
 * conditioned on the profile still naming the default that was read, so two default switches
 * cannot interleave while edits of other fields pass by.
 */
function makeDefaultWrites(profile: CustomerItem, siblings: AddressItem[], address: AddressItem, actor: Actor, at: string): NamedWrite[] {
  const field = defaultField[address.kind];
  const writes = defaultSwitchWrites(siblings.filter((a) => a.kind === address.kind && a.id !== address.id), address.id, actor, at);
  if (profile[field] !== address.id) {
    const key = customerKeys.profile(profile.tenantId, profile.id);
    writes.push(fieldUpdateWrite('profile', key, { [field]: address.id }, actor, at, { condition: stillEquals(field, profile[field], 'default') }));
  }
  return writes;
}

export async function createAddress(tenantId: string, customerId: string, input: CreateAddressBody, actor: Actor): Promise<Address> {
  return withLostRaceRetry(async () => {
    const { profile, addresses } = await readProfilePage(tenantId, customerId);
    const at = nowIso();
    const { kind, isDefault: wantsDefault, ...fields } = input;
    const isDefault = wantsDefault || !addresses.some((a) => a.kind === kind);
    const item = newAddressItem(tenantId, customerId, kind, fields, isDefault, actor, at);
    const writes = [putNew('address', item)];
    if (isDefault) writes.push(...makeDefaultWrites(profile, addresses, item, actor, at));
    await transactWrite(writes);
    return toAddress(item);
  });
}

/** Reads, checks `If-Match`, writes conditioned on the versions read; a lost race reads again. */
export async function updateAddress(
  tenantId: string,
  customerId: string,
  addressId: string,
  patch: UpdateAddressBody,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<Address> {
  return withLostRaceRetry(async () => {
    const { profile, addresses } = await readProfilePage(tenantId, customerId);
    const current = addresses.find((a) => a.id === addressId);
    if (!current) throw new NotFoundError('address');
    checkIfMatch(ifMatch, current.version);
    const at = nowIso();
    const next: AddressItem = { ...current, ...patch, isDefault: current.isDefault || patch.isDefault === true, ...nextStamp(current, actor, at) };
    const writes = [putIfVersion('address', next, current.version)];
    if (patch.isDefault && !current.isDefault) writes.push(...makeDefaultWrites(profile, addresses, next, actor, at));
    await transactWrite(writes);
    return toAddress(next);
  });
}

export async function deleteAddress(
  tenantId: string,
  customerId: string,
  addressId: string,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<void> {
  await deleteWithActor(customerKeys.address(tenantId, customerId, addressId), 'address', actor, nowIso(), ifMatch, [
    {
      condition: { expression: 'isDefault = :notDefault', values: { ':notDefault': false } },
      holds: (item) => item.isDefault === false,
      conflict: new ConflictError('default-address', 'This is a default address: make another one the default first.'),
    },
  ]);
}
