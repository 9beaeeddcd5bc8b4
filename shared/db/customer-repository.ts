import { now, nowIso } from '../clock';
import { generatePassword, hashPassword } from '../domain/password';
import { ConflictError, PreconditionFailedError, ValidationError, type FieldError } from '../http/errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { CreateCustomerBody, Customer, UpdateCustomerBody } from '../schemas/customer';
import { tableName } from './client';
import { newAddressItem, toCustomer, type CustomerItem } from './customer-items';
import { readProfilePage, type ProfilePage } from './profile-page';
import { classUsageWrite } from './customer-class-repository';
import { IDEMPOTENCY_WRITE, idempotencyWrite, replayResponse, type IdempotencyRequest } from './idempotency';
import { firstStamp, nextStamp } from './item-stamp';
import { customerExists, defaultSwitchWrites, putIfVersion, putNew, throwIfNoCustomer } from './item-writes';
import { customerKeys } from './keys';
import { historyKeys } from './history';
import { nextNumber } from './sequence';
import { ConditionsFailedError, transactWrite, type NamedWrite } from './transact';

const EMAIL_TAKEN = new ConflictError('duplicate-email', 'Another person of this winery already uses this email.', [
  { path: 'email', message: 'is already used by another person' },
]);

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
  const billing = newAddressItem(tenantId, id, 'billing', input.billingAddress, true, actor, at);
  const shipping = input.shippingAddress
    ? newAddressItem(tenantId, id, 'shipping', input.shippingAddress, true, actor, at)
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
    putNew('profile', profile),
    putNew('email', { ...customerKeys.emailMarker(tenantId, profile.email), type: 'email-marker', customerId: id }),
    putNew('billingAddress', billing),
  ];
  if (shipping) writes.push(putNew('shippingAddress', shipping));
  if (profile.customerClassId) writes.push(classUsageWrite(tenantId, profile.customerClassId, 1));
  if (idempotency) writes.push(idempotencyWrite(tenantId, 'customers', idempotency, customer));
  try {
    await transactWrite(writes);
  } catch (error) {
    if (!(error instanceof ConditionsFailedError)) throw error;
    if (error.failed.has(IDEMPOTENCY_WRITE)) return (await replayResponse(tenantId, 'customers', idempotency!)) as Customer;
    if (error.failed.has('email')) throw EMAIL_TAKEN;
    if (profile.customerClassId && error.failed.has(`class:${profile.customerClassId}`)) {
      throw new ValidationError([UNKNOWN_CLASS]);
    }
    throw error;
  }
  return customer;
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
      writes.push(...defaultSwitchWrites(page.addresses.filter((a) => a.kind === kind), wanted, actor, at));
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
      writes.push(putNew('email', { ...customerKeys.emailMarker(tenantId, next.email), type: 'email-marker', customerId }));
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
    if (patch.customerClassId !== undefined && patch.customerClassId !== current.customerClassId) {
      if (current.customerClassId) writes.push(classUsageWrite(tenantId, current.customerClassId, -1));
      if (patch.customerClassId) writes.push(classUsageWrite(tenantId, patch.customerClassId, 1));
    }
    try {
      await transactWrite(writes);
      return toCustomer(next);
    } catch (error) {
      if (!(error instanceof ConditionsFailedError)) throw error;
      if (error.failed.has('email')) throw EMAIL_TAKEN;
      if (patch.customerClassId && error.failed.has(`class:${patch.customerClassId}`)) {
        throw new ValidationError([UNKNOWN_CLASS]);
      }
      // Someone else wrote in between: with If-Match that is the client's stale copy.
      if (ifMatch !== undefined) throw new PreconditionFailedError();
      if (attempt >= MAX_ATTEMPTS) throw new ConflictError('concurrent-update', 'The person kept changing; try again.');
    }
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Changes the profile item alone, from what `change` computes on the current profile page,
 * with the same optimistic concurrency as `updateCustomer`: a concurrent write makes it read
 * the page again and recompute. `change` answers undefined when there is nothing to write.
 */
export async function updateProfile(
  tenantId: string,
  customerId: string,
  actor: Actor,
  change: (current: CustomerItem, page: ProfilePage) => Partial<CustomerItem> | undefined | Promise<Partial<CustomerItem> | undefined>,
): Promise<CustomerItem> {
  for (let attempt = 1; ; attempt += 1) {
    const page = await readProfilePage(tenantId, customerId);
    const current = page.profile;
    const changed = await change(current, page);
    if (changed === undefined) return current;
    const next: CustomerItem = { ...current, ...changed, ...nextStamp(current, actor, nowIso()) };
    try {
      await transactWrite([putIfVersion('profile', next, current.version)]);
      return next;
    } catch (error) {
      if (!(error instanceof ConditionsFailedError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** Staff set a person's password: only its hash is stored; the history shows it redacted. */
export async function setPassword(tenantId: string, customerId: string, newPassword: string, actor: Actor): Promise<void> {
  const passwordHash = await hashPassword(newPassword);
  await updateProfile(tenantId, customerId, actor, () => ({ passwordHash }));
}

/**
 * Asks for a password-reset email: a request item under the person, which the notifications
 * consumer turns into a one-time, one-hour link and an email.
 */
export async function requestPasswordReset(tenantId: string, customerId: string, actor: Actor): Promise<void> {
  const id = newId();
  try {
    await transactWrite([
      putNew('request', {
        ...historyKeys.item(tenantId, customerId, 'PWRESET', id),
        type: 'password-reset-request',
        tenantId,
        customerId,
        id,
        requestedBy: actor,
        createdAt: nowIso(),
        expiresAt: Math.floor(now().getTime() / 1000) + 7 * 24 * 60 * 60,
      }),
      customerExists(tenantId, customerId),
    ]);
  } catch (error) {
    throwIfNoCustomer(error);
    throw error;
  }
}

