import { nowIso } from '../clock';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { CreateCustomerBody, Customer, CustomerChange } from './customer-schemas';
import { dynamo, tableName } from '../db/client';
import { getItems, itemAt } from '../db/batch-get';
import { UNVERIFIED_AGE, newAddressItem, toCustomer, type CustomerItem } from './customer-items';
import { UNKNOWN_CLASS, flagErrors, ownClassErrors, type CustomerChangeRules } from './customer-rules';
import { readProfilePage, type ProfilePage } from './profile-page';
import { effectiveClassId, type ClassCandidate } from '../classes/class-choice';
import { classUsageWrite, getCustomerClassItem, type CustomerClassItem } from '../classes/customer-class-repository';
import { IDEMPOTENCY_WRITE, idempotencyWrite, replayResponse, type IdempotencyRequest } from '../db/idempotency';
import { firstStamp, nextStamp } from '../db/item-stamp';
import { allOf, defaultSwitchWrites, fieldUpdateWrite, putIfVersion, putNew, stillEquals, updateFields, versionIs, type WriteCondition } from '../db/item-writes';
import { tenantKeys } from '../db/keys';
import { classKeys } from '../classes/keys';
import { customerKeys } from './keys';
import { nextNumber } from '../db/sequence';
import { ConditionsFailedError, checkIfMatch, transactWrite, withLostRaceRetry, type NamedWrite } from '../db/transact';

const EMAIL_TAKEN = new ConflictError('duplicate-email', 'Another person of this winery already uses this email.', [
  { path: 'email', message: 'is already used by another person' },
]);

const asCandidate = (classItem: CustomerClassItem | undefined): ClassCandidate | null =>
  classItem ? { id: classItem.id, discountPercent: classItem.discountPercent } : null;

/**
 * What a create can learn before it takes a customer number, in one request: whether the
 * `Idempotency-Key` was already used (a replay), whether the email is taken, and the class
 * asked for. So a refused create never uses up a number. The transaction still carries every
 * condition: a create racing this one is caught there (and only then leaves a gap).
 */
async function readBeforeCreate(tenantId: string, input: CreateCustomerBody, idempotency: IdempotencyRequest | undefined) {
  const keys = {
    email: customerKeys.emailMarker(tenantId, input.billingAddress.email),
    class: input.customerClassId ? classKeys.customerClass(tenantId, input.customerClassId) : undefined,
    idempotency: idempotency ? tenantKeys.idempotency(tenantId, 'customers', idempotency.key) : undefined,
  };
  const wanted = Object.values(keys).filter((key) => key !== undefined);
  const items = await getItems(wanted);
  return {
    replay: itemAt(items, keys.idempotency) !== undefined,
    emailTaken: itemAt(items, keys.email) !== undefined,
    classItem: itemAt<CustomerClassItem>(items, keys.class),
  };
}

/**
 * Creates a person: one read of what can refuse it (`readBeforeCreate`), the customer number
 * (one counter update), then one transaction with the profile, the email marker that keeps
 * emails unique per tenant, the default addresses, the class usage (conditioned on the class
 * existing), and the idempotency record.
 */
export async function createCustomer(
  tenantId: string,
  input: CreateCustomerBody,
  actor: Actor,
  idempotency?: IdempotencyRequest,
): Promise<Customer> {
  const before = await readBeforeCreate(tenantId, input, idempotency);
  if (before.replay) return (await replayResponse(tenantId, 'customers', idempotency!)) as Customer;
  const classErrors = input.customerClassId ? ownClassErrors(before.classItem) : [];
  if (classErrors.length > 0) throw new ValidationError(classErrors);
  if (before.emailTaken) throw EMAIL_TAKEN;
  const customerNumber = await nextNumber(tenantId, 'customer');
  const { profile, writes } = newCustomerWrites(tenantId, input, customerNumber, before.classItem, actor);
  const customer = toCustomer(profile);
  if (idempotency) writes.push(idempotencyWrite(tenantId, 'customers', idempotency, customer));
  try {
    await transactWrite(writes);
  } catch (error) {
    if (!(error instanceof ConditionsFailedError)) throw error;
    if (error.failed.has(IDEMPOTENCY_WRITE)) return (await replayResponse(tenantId, 'customers', idempotency!)) as Customer;
    throw createRefusal(error, profile);
  }
  return customer;
}

/**
 * A new person's items, for one transaction: the profile, the email marker that keeps emails
 * unique per tenant, the default addresses, and the class usage (conditioned on the class
 * existing). `classItem` is the class asked for, as read. The person has no password until they
 * set one through the welcome or reset link (`portal/`): a password nobody knows is no password,
 * and hashing one would cost a few hundred milliseconds of CPU a person.
 */
export function newCustomerWrites(
  tenantId: string,
  input: CreateCustomerBody & { externalId?: string },
  customerNumber: number,
  classItem: CustomerClassItem | undefined,
  actor: Actor,
): { profile: CustomerItem; writes: NamedWrite[] } {
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
    externalId: input.externalId ?? null,
    firstName: input.billingAddress.firstName,
    lastName: input.billingAddress.lastName,
    email: input.billingAddress.email,
    phone: input.phone ?? null,
    birthDate: input.birthDate ?? null,
    partner: input.partner ?? null,
    flags: input.flags ?? [],
    permissions: { email: false, sms: false, phone: false, mail: false, ...input.permissions },
    customerClassId: input.customerClassId ?? null,
    // No memberships yet: the effective class is chosen from the own class alone.
    effectiveClassId: effectiveClassId(asCandidate(classItem), []),
    clubIds: [],
    specialInstructions: input.specialInstructions ?? null,
    defaultBillingAddressId: billing.id,
    defaultShippingAddressId: shipping?.id ?? null,
    creditBalanceCents: 0,
    ageVerification: UNVERIFIED_AGE,
    sendWelcomeEmail: input.sendWelcomeEmail,
    ...firstStamp(actor, at),
  };
  const writes: NamedWrite[] = [
    putNew('profile', profile),
    putNew('email', { ...customerKeys.emailMarker(tenantId, profile.email), type: 'email-marker', customerId: id }),
    putNew('billingAddress', billing),
  ];
  if (shipping) writes.push(putNew('shippingAddress', shipping));
  if (profile.customerClassId) writes.push(classUsageWrite(tenantId, profile.customerClassId, 1));
  return { profile, writes };
}

/** Why the transaction of `newCustomerWrites` was refused: the email taken meanwhile, or the class gone. */
export function createRefusal(error: ConditionsFailedError, profile: CustomerItem): Error {
  if (error.failed.has('email')) return EMAIL_TAKEN;
  if (profile.customerClassId && error.failed.has(`class:${profile.customerClassId}`)) return new ValidationError([UNKNOWN_CLASS]);
  return error;
}

/** Fields whose change must keep an invariant beyond the profile item: they need the current values. */
const GUARDED_FIELDS = ['email', 'birthDate', 'customerClassId', 'defaultBillingAddressId', 'defaultShippingAddressId'] as const;

/**
 * Changes fields of a person, field by field: only the fields given are written, so PATCHes of
 * different fields never collide and none is lost. A patch of plain fields is one conditional
 * UpdateItem and needs no read. A patch that touches an invariant reads the profile page once
 * and writes one transaction conditioned on the values it moved from, not on the version: an
 * email change moves the email marker (conditioned on the old email), a class change moves the
 * class usage counts (conditioned on the old class and on the new class existing), a new
 * default address un-defaults the other one (conditioned on the old default), a birth date
 * change resets the age verification (conditioned on the old birth date), and a flag settings
 * no longer define is kept only on a person who still holds it. With `If-Match` every write is
 * also conditioned on that version (412 when stale). `rules` are what settings say about the
 * change (`customerChangeRules`); their errors are listed with the others in one 400.
 */
export async function updateCustomer(
  tenantId: string,
  customerId: string,
  patch: CustomerChange,
  actor: Actor,
  ifMatch: number | undefined,
  rules: CustomerChangeRules,
): Promise<Customer> {
  const given = withoutUndefined(patch);
  const key = customerKeys.profile(tenantId, customerId);
  const needsRead = GUARDED_FIELDS.some((field) => given[field] !== undefined) || rules.retiredFlags.length > 0;
  if (!needsRead && rules.errors.length > 0) throw new ValidationError([...rules.errors]);
  if (Object.keys(given).length === 0) {
    const { profile } = await readProfilePage(tenantId, customerId);
    checkIfMatch(ifMatch, profile.version);
    return toCustomer(profile);
  }
  const { permissions, ...rest } = given;
  const plain: Record<string, unknown> = { ...rest };
  // Each permission is its own field, so two PATCHes of different permissions both hold.
  for (const [name, value] of Object.entries(permissions ?? {})) if (value !== undefined) plain[`permissions.${name}`] = value;

  return withLostRaceRetry(async () => {
    if (!needsRead) {
      return toCustomer(await updateFields<CustomerItem>(key, 'customer', plain, actor, nowIso(), ifMatch));
    }
    const newClass = given.customerClassId;
    const [page, newClassItem] = await Promise.all([
      readProfilePage(tenantId, customerId),
      newClass ? getCustomerClassItem(tenantId, newClass).catch(undefinedIfNotFound) : undefined,
    ]);
    const current = page.profile;
    checkIfMatch(ifMatch, current.version);
    const at = nowIso();
    const fields = { ...plain };
    const conditions: (WriteCondition | undefined)[] = [ifMatch === undefined ? undefined : versionIs(ifMatch)];
    const writes: NamedWrite[] = [];
    const errors: FieldError[] = [...rules.errors];

    for (const [field, kind, tag] of [
      ['defaultBillingAddressId', 'billing', 'billing'],
      ['defaultShippingAddressId', 'shipping', 'shipping'],
    ] as const) {
      const wanted = given[field];
      if (wanted === undefined) continue;
      if (wanted === current[field]) {
        delete fields[field];
        continue;
      }
      if (wanted !== null && !page.addresses.some((a) => a.id === wanted && a.kind === kind)) {
        errors.push({ path: field, message: `is not a ${kind} address of this person` });
        continue;
      }
      conditions.push(stillEquals(field, current[field], tag));
      writes.push(...defaultSwitchWrites(page.addresses.filter((a) => a.kind === kind), wanted, actor, at));
    }

    const retired = (given.flags ?? []).filter((flag) => rules.retiredFlags.includes(flag));
    errors.push(...flagErrors(given.flags ?? [], (flag) => !retired.includes(flag), current.flags ?? []));
    // A retired flag is kept only while the person still holds it: a concurrent removal is a lost race.
    if (retired.length > 0) {
      conditions.push({
        expression: retired.map((_, i) => `contains(#heldFlags, :held${i})`).join(' AND '),
        names: { '#heldFlags': 'flags' },
        values: Object.fromEntries(retired.map((flag, i) => [`:held${i}`, flag])),
      });
    }

    const classChanges = newClass !== undefined && newClass !== current.customerClassId;
    if (newClass !== undefined && !classChanges) delete fields.customerClassId;
    if (classChanges && newClass) errors.push(...ownClassErrors(newClassItem));
    if (errors.length > 0) throw new ValidationError(errors);

    if (given.email !== undefined) {
      if (given.email === current.email) delete fields.email;
      else {
        conditions.push(stillEquals('email', current.email, 'email'));
        if (given.email.toLowerCase() !== current.email.toLowerCase()) writes.push(...emailMoveWrites(tenantId, customerId, current.email, given.email));
      }
    }

    if (given.birthDate !== undefined) {
      if (given.birthDate === current.birthDate) delete fields.birthDate;
      else {
        // An age check vouched for the old birth date only. Written whatever the verification
        // holds now, so a check that lands between our read and this write is reset too.
        conditions.push(stillEquals('birthDate', current.birthDate, 'birth'));
        fields.ageVerification = UNVERIFIED_AGE;
      }
    }

    if (classChanges) {
      conditions.push(stillEquals('customerClassId', current.customerClassId, 'class'));
      if (current.customerClassId) writes.push(classUsageWrite(tenantId, current.customerClassId, -1));
      if (newClass) writes.push(classUsageWrite(tenantId, newClass, 1));
      // Without clubs the effective class is chosen from the own class alone; with clubs by the
      // clubs' rule when the route gave it (else the class-assignment consumer, which wakes on
      // this change, chooses). Either is conditioned on the clubs it was chosen beside.
      if ((current.clubIds ?? []).length === 0) {
        fields.effectiveClassId = effectiveClassId(asCandidate(newClassItem), []);
        conditions.push({ expression: 'attribute_not_exists(clubIds) OR size(clubIds) = :noClubs', values: { ':noClubs': 0 } });
      } else if (rules.classWithClubs) {
        fields.effectiveClassId = await rules.classWithClubs(newClass ?? null, page);
        conditions.push(stillEquals('clubIds', current.clubIds, 'clubs'));
      }
    }
    if (Object.keys(fields).length === 0) return toCustomer(current);

    writes.unshift(fieldUpdateWrite('profile', key, fields, actor, at, { condition: allOf(...conditions) }));
    try {
      await transactWrite(writes);
    } catch (error) {
      // A failed profile condition is a lost race (or a stale If-Match): read again.
      if (!(error instanceof ConditionsFailedError) || error.failed.has('profile')) throw error;
      if (error.failed.has('email')) throw EMAIL_TAKEN;
      if (newClass && error.failed.has(`class:${newClass}`)) throw new ValidationError([UNKNOWN_CLASS]);
      throw error;
    }
    const written = await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return toCustomer(written.Item as CustomerItem);
  });
}

const undefinedIfNotFound = (error: unknown): undefined => {
  if (error instanceof NotFoundError) return undefined;
  throw error;
};

/** The email marker moves with the email: the new one is taken, the old one (still ours) freed. */
function emailMoveWrites(tenantId: string, customerId: string, oldEmail: string, newEmail: string): NamedWrite[] {
  return [
    putNew('email', { ...customerKeys.emailMarker(tenantId, newEmail), type: 'email-marker', customerId }),
    {
      name: 'oldEmail',
      write: {
        Delete: {
          TableName: tableName,
          Key: customerKeys.emailMarker(tenantId, oldEmail),
          ConditionExpression: 'customerId = :id',
          ExpressionAttributeValues: { ':id': customerId },
        },
      },
    },
  ];
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Changes the profile item alone, from what `change` computes on the current profile page,
 * conditioned on the version it read: a concurrent write makes it read the page again and
 * recompute (the one lost-race policy). `change` answers undefined when there is nothing to write.
 */
export async function updateProfile(
  tenantId: string,
  customerId: string,
  actor: Actor,
  change: (current: CustomerItem, page: ProfilePage) => Partial<CustomerItem> | undefined | Promise<Partial<CustomerItem> | undefined>,
): Promise<CustomerItem> {
  return withLostRaceRetry(async () => {
    const page = await readProfilePage(tenantId, customerId);
    const current = page.profile;
    const changed = await change(current, page);
    if (changed === undefined) return current;
    const next: CustomerItem = { ...current, ...changed, ...nextStamp(current, actor, nowIso()) };
    await transactWrite([putIfVersion('profile', next, current.version)]);
    return next;
  });
}
