import { nowIso } from '../clock';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../http/errors';
import type { Actor } from '../schemas/common';
import type { Address } from '../schemas/customer';
import type { CreateAddressBody, UpdateAddressBody } from '../schemas/profile';
import { readProfilePage } from './profile-page';
import { newAddressItem, toAddress, type AddressItem, type CustomerItem } from './customer-items';
import { nextStamp } from './item-stamp';
import { defaultSwitchWrites, deleteWithActor, putIfVersion, putNew } from './item-writes';
import { customerKeys } from './keys';
import { ConditionsFailedError, transactWrite, type NamedWrite } from './transact';

/**
 * A person's billing and shipping addresses. One of each kind is the default, and the profile's
 * `defaultBillingAddressId` / `defaultShippingAddressId` name it: both change in one
 * transaction, conditioned on the versions read, so they never disagree.
 */
const defaultField = { billing: 'defaultBillingAddressId', shipping: 'defaultShippingAddressId' } as const;

function sortAddresses(items: AddressItem[]): Address[] {
  return items.map(toAddress).sort((a, b) => (a.kind === b.kind ? Number(b.isDefault) - Number(a.isDefault) : a.kind.localeCompare(b.kind)));
}

export async function listAddresses(tenantId: string, customerId: string): Promise<{ items: Address[]; nextCursor: null }> {
  const page = await readProfilePage(tenantId, customerId);
  return { items: sortAddresses(page.addresses), nextCursor: null };
}

/** Writes that make `address` the default of its kind, and point the profile at it. */
function makeDefaultWrites(profile: CustomerItem, siblings: AddressItem[], address: AddressItem, actor: Actor, at: string): NamedWrite[] {
  const field = defaultField[address.kind];
  const writes = defaultSwitchWrites(siblings.filter((a) => a.kind === address.kind && a.id !== address.id), address.id, actor, at);
  if (profile[field] !== address.id) {
    writes.push(putIfVersion('profile', { ...profile, [field]: address.id, ...nextStamp(profile, actor, at) }, profile.version));
  }
  return writes;
}

async function commit(writes: NamedWrite[]): Promise<void> {
  try {
    await transactWrite(writes);
  } catch (error) {
    if (error instanceof ConditionsFailedError) {
      throw new ConflictError('concurrent-update', 'The person changed while this was saved; reload and try again.');
    }
    throw error;
  }
}

export async function createAddress(tenantId: string, customerId: string, input: CreateAddressBody, actor: Actor): Promise<Address> {
  const { profile, addresses } = await readProfilePage(tenantId, customerId);
  const at = nowIso();
  const { kind, isDefault: wantsDefault, ...fields } = input;
  const isDefault = wantsDefault || !addresses.some((a) => a.kind === kind);
  const item = newAddressItem(tenantId, customerId, kind, fields, isDefault, actor, at);
  const writes = [putNew('address', item)];
  if (isDefault) writes.push(...makeDefaultWrites(profile, addresses, item, actor, at));
  await commit(writes);
  return toAddress(item);
}

export async function updateAddress(
  tenantId: string,
  customerId: string,
  addressId: string,
  patch: UpdateAddressBody,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<Address> {
  const { profile, addresses } = await readProfilePage(tenantId, customerId);
  const current = addresses.find((a) => a.id === addressId);
  if (!current) throw new NotFoundError('address');
  if (ifMatch !== undefined && ifMatch !== current.version) throw new PreconditionFailedError();
  const at = nowIso();
  const next: AddressItem = { ...current, ...patch, isDefault: current.isDefault || patch.isDefault === true, ...nextStamp(current, actor, at) };
  const writes = [putIfVersion('address', next, current.version)];
  if (patch.isDefault && !current.isDefault) writes.push(...makeDefaultWrites(profile, addresses, next, actor, at));
  await commit(writes);
  return toAddress(next);
}

export async function deleteAddress(
  tenantId: string,
  customerId: string,
  addressId: string,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<void> {
  const { addresses } = await readProfilePage(tenantId, customerId);
  const current = addresses.find((a) => a.id === addressId);
  if (!current) throw new NotFoundError('address');
  const isDefault = new ConflictError('default-address', 'This is a default address: make another one the default first.');
  if (current.isDefault) throw isDefault;
  await deleteWithActor(customerKeys.address(tenantId, customerId, addressId), current, actor, nowIso(), ifMatch, {
    expression: 'isDefault = :false',
    values: { ':false': false },
    conflict: isDefault,
  });
}
