import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { generatePassword, hashPassword } from '../domain/password';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError, type FieldError } from '../http/errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { CreateCustomerBody, Customer, UpdateCustomerBody } from '../schemas/customer';
import { dynamo, tableName } from './client';
import { toAddress, toCustomer, type AddressItem, type CustomerItem } from './customer-items';
import { IDEMPOTENCY_WRITE, idempotencyWrite, replayResponse, type IdempotencyRequest } from './idempotency';
import { firstStamp, nextStamp } from './item-stamp';
import { PROFILE_PAGE_PREFIX, customerKeys, customerPk, tenantKeys } from './keys';
import { nextNumber } from './sequence';
import { ConditionsFailedError, transactWrite, type NamedWrite } from './transact';

type AddressInput = CreateCustomerBody['billingAddress'] | NonNullable<CreateCustomerBody['shippingAddress']>;

const EMAIL_TAKEN = new ConflictError('duplicate-email', 'Another person of this winery already uses this email.', [
  { path: 'email', message: 'is already used by another person' },
]);

function addressItem(
  tenantId: string,
  customerId: string,
  kind: 'billing' | 'shipping',
  input: AddressInput,
  actor: Actor,
  at: string,
): AddressItem {
  const id = newId();
  return {
    ...customerKeys.address(tenantId, customerId, id),
    type: 'address',
    tenantId,
    customerId,
    id,
    kind,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    company: input.company ?? null,
    line1: input.line1 ?? null,
    line2: input.line2 ?? null,
    city: input.city ?? null,
    region: input.region ?? null,
    postalCode: input.postalCode ?? null,
    country: input.country ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    isDefault: true,
    ...firstStamp(actor, at),
  };
}

const put = (name: string, item: object, condition = 'attribute_not_exists(pk)'): NamedWrite => ({
  name,
  write: { Put: { TableName: tableName, Item: item as Record<string, unknown>, ConditionExpression: condition } },
});

/** Replaces an item only if it is still at the version that was read. */
const putIfVersion = (name: string, item: object, version: number): NamedWrite => ({
  name,
  write: {
    Put: {
      TableName: tableName,
      Item: item as Record<string, unknown>,
      ConditionExpression: '#version = :v',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':v': version },
    },
  },
});

function classExists(tenantId: string, classId: string): NamedWrite {
  return {
    name: 'customerClass',
    write: {
      ConditionCheck: {
        TableName: tableName,
        Key: tenantKeys.customerClass(tenantId, classId),
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
  };
}

const UNKNOWN_CLASS: FieldError = { path: 'customerClassId', message: 'is not a customer class of this winery' };

/**
 * Creates a person: the customer number (one counter update), then one transaction with the
 * profile, the email marker that keeps emails unique per tenant, the default addresses, a
 * check that the class exists, and the idempotency record.
 */
export async function createCustomer(
  tenantId: string,
  input: CreateCustomerBody,
  actor: Actor,
  idempotency?: IdempotencyRequest,
): Promise<Customer> {
  const [customerNumber, passwordHash] = await Promise.all([
    nextNumber(tenantId, 'customer'),
    hashPassword(generatePassword()),
  ]);
  const at = nowIso();
  const id = newId();
  const billing = addressItem(tenantId, id, 'billing', input.billingAddress, actor, at);
  const shipping = input.shippingAddress
    ? addressItem(tenantId, id, 'shipping', input.shippingAddress, actor, at)
    : undefined;
  const profile: CustomerItem = {
    ...customerKeys.profile(tenantId, id),
    type: 'customer',
    tenantId,
    id,
    customerNumber,
    firstName: input.billingAddress.firstName,
    lastName: input.billingAddress.lastName,
    email: input.billingAddress.email,
    phone: input.phone ?? null,
    birthDate: input.birthDate ?? null,
    partner: input.partner ?? null,
    flags: input.flags ?? [],
    permissions: { email: false, sms: false, phone: false, mail: false, ...input.permissions },
    customerClassId: input.customerClassId ?? null,
    effectiveClassId: input.customerClassId ?? null,
    clubIds: [],
    specialInstructions: input.specialInstructions ?? null,
    defaultBillingAddressId: billing.id,
    defaultShippingAddressId: shipping?.id ?? null,
    creditBalanceCents: 0,
    ageVerification: { status: 'unverified', method: null, verifiedAt: null, verifiedBy: null },
    passwordHash,
    sendWelcomeEmail: input.sendWelcomeEmail,
    ...firstStamp(actor, at),
  };
  const customer = toCustomer(profile);
  const writes: NamedWrite[] = [
    put('profile', profile),
    put('email', { ...customerKeys.emailMarker(tenantId, profile.email), type: 'email-marker', customerId: id }),
    put('billingAddress', billing),
  ];
  if (shipping) writes.push(put('shippingAddress', shipping));
  if (profile.customerClassId) writes.push(classExists(tenantId, profile.customerClassId));
  if (idempotency) writes.push(idempotencyWrite(tenantId, 'customers', idempotency, customer));
  try {
    await transactWrite(writes);
  } catch (error) {
    if (!(error instanceof ConditionsFailedError)) throw error;
    if (error.failed.has(IDEMPOTENCY_WRITE)) return (await replayResponse(tenantId, 'customers', idempotency!)) as Customer;
    if (error.failed.has('email')) throw EMAIL_TAKEN;
    if (error.failed.has('customerClass')) throw new ValidationError([UNKNOWN_CLASS]);
    throw error;
  }
  return customer;
}

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
    cards: [],
    emails: [],
    memberships: [],
    certificates: [],
  };
}

const MAX_ATTEMPTS = 4;

/**
 * Changes fields of a person. Reads the profile page once, checks the change against it, and
 * writes in one transaction conditioned on the version it read: an email change moves the
 * email marker, a new default address un-defaults the old one. With `If-Match` a stale version
 * is a 412; without it, a concurrent write makes it read and try again, so nothing is lost.
 */
export async function updateCustomer(
  tenantId: string,
  customerId: string,
  patch: UpdateCustomerBody,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<Customer> {
  for (let attempt = 1; ; attempt += 1) {
    const page = await readProfilePage(tenantId, customerId);
    const current = page.profile;
    if (ifMatch !== undefined && ifMatch !== current.version) throw new PreconditionFailedError();
    const at = nowIso();
    const writes: NamedWrite[] = [];
    const errors: FieldError[] = [];

    for (const [field, kind] of [
      ['defaultBillingAddressId', 'billing'],
      ['defaultShippingAddressId', 'shipping'],
    ] as const) {
      const wanted = patch[field];
      if (wanted === undefined || wanted === null || wanted === current[field]) continue;
      const address = page.addresses.find((a) => a.id === wanted);
      if (!address || address.kind !== kind) {
        errors.push({ path: field, message: `is not a ${kind} address of this person` });
        continue;
      }
      for (const other of page.addresses) {
        const isDefault = other.id === wanted;
        if (other.kind !== kind || other.isDefault === isDefault) continue;
        writes.push(putIfVersion(`address:${other.id}`, { ...other, isDefault, ...nextStamp(other, actor, at) }, other.version));
      }
    }
    if (errors.length > 0) throw new ValidationError(errors);
    if (Object.values(patch).every((value) => value === undefined)) return toCustomer(current);

    const next: CustomerItem = {
      ...current,
      ...withoutUndefined(patch),
      permissions: { ...current.permissions, ...patch.permissions },
      ...nextStamp(current, actor, at),
    };
    if (next.clubIds.length === 0) next.effectiveClassId = next.customerClassId;
    writes.unshift(putIfVersion('profile', next, current.version));
    const emailChanged = next.email.toLowerCase() !== current.email.toLowerCase();
    if (emailChanged) {
      writes.push(put('email', { ...customerKeys.emailMarker(tenantId, next.email), type: 'email-marker', customerId }));
      writes.push({
        name: 'oldEmail',
        write: {
          Delete: {
            TableName: tableName,
            Key: customerKeys.emailMarker(tenantId, current.email),
            ConditionExpression: 'customerId = :id',
            ExpressionAttributeValues: { ':id': customerId },
          },
        },
      });
    }
    if (patch.customerClassId && patch.customerClassId !== current.customerClassId) {
      writes.push(classExists(tenantId, patch.customerClassId));
    }
    try {
      await transactWrite(writes);
      return toCustomer(next);
    } catch (error) {
      if (!(error instanceof ConditionsFailedError)) throw error;
      if (error.failed.has('email')) throw EMAIL_TAKEN;
      if (error.failed.has('customerClass')) throw new ValidationError([UNKNOWN_CLASS]);
      // Someone else wrote in between: with If-Match that is the client's stale copy.
      if (ifMatch !== undefined) throw new PreconditionFailedError();
      if (attempt >= MAX_ATTEMPTS) throw new ConflictError('concurrent-update', 'The person kept changing; try again.');
    }
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
