import type { FieldError } from '../errors';
import type { CustomerClassItem } from '../classes/customer-class-repository';
import type { Settings } from '../settings/settings-schemas';
import type { CreateCustomerBody, CustomerChange } from './customer-schemas';
import type { AddressItem, CustomerItem } from './customer-items';
import type { PersonWithDefaults } from './people-batch-read';
import type { ImportRow } from './import-schemas';
import { flagErrors, newCustomerErrors, ownClassErrors } from './customer-rules';

/**
 * What one import row means, decided without I/O from what was read: a new person (and whether
 * settings let it in), or a change of an existing one, field by field, only for the fields the
 * row has. Unit tested without DynamoDB.
 */
type PeopleSettings = Pick<Settings, 'flags' | 'requiredFields'>;
type AddressFieldName = 'firstName' | 'lastName' | 'company' | 'line1' | 'line2' | 'city' | 'region' | 'postalCode' | 'country' | 'phone' | 'email';
export type AddressInput = Partial<Record<AddressFieldName, string>>;

/** The email a row names its person by, as emails compare (case-insensitively). */
export const rowEmail = (row: ImportRow): string => row.billingAddress.email.toLowerCase();

/** Rows whose email an earlier row of the batch already has: one email is one person. */
export function duplicateEmailErrors(rows: readonly (ImportRow | undefined)[]): Map<number, FieldError[]> {
  const firstRow = new Map<string, number>();
  const errors = new Map<number, FieldError[]>();
  rows.forEach((row, index) => {
    if (!row) return;
    const first = firstRow.get(rowEmail(row));
    if (first === undefined) firstRow.set(rowEmail(row), index);
    else errors.set(index, [{ path: 'billingAddress.email', message: `is also in row ${first} of this batch: one email is one person` }]);
  });
  return errors;
}

/** A shipping address without names is addressed to the billing names. */
function shippingWithNames(row: ImportRow): AddressInput | undefined {
  if (!row.shippingAddress) return undefined;
  return { firstName: row.billingAddress.firstName, lastName: row.billingAddress.lastName, ...row.shippingAddress };
}

/** A row as the create body it stands for (the rules of `POST /v1/customers` apply to it). */
export function createBodyOf(row: ImportRow): CreateCustomerBody & { externalId?: string } {
  const { shippingAddress: _given, ...rest } = row;
  const shippingAddress = shippingWithNames(row) as CreateCustomerBody['shippingAddress'];
  return { ...rest, ...(shippingAddress ? { shippingAddress } : {}) };
}

/** Why a row that names nobody yet cannot create a person: what `POST /v1/customers` would refuse. */
export function newPersonErrors(row: ImportRow, settings: PeopleSettings, classItem: CustomerClassItem | undefined): FieldError[] {
  return [...newCustomerErrors(createBodyOf(row), settings), ...(row.customerClassId ? ownClassErrors(classItem) : [])];
}

/** The default address of a kind changes in the given fields that differ; without one (`addressId` null), one is added. */
export interface AddressChange {
  kind: 'billing' | 'shipping';
  addressId: string | null;
  fields: AddressInput;
}

export type RowChange =
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'unchanged' }
  | { kind: 'update'; patch: CustomerChange; addresses: AddressChange[] };

const same = (given: unknown, current: unknown) => JSON.stringify(given) === JSON.stringify(current ?? null);
const sameSet = (given: readonly string[], current: readonly string[] = []) =>
  given.length === current.length && given.every((value) => current.includes(value));

/**
 * How a row changes the person its email names: the account's names come from the billing
 * names; the other billing fields and the shipping fields go to the default address of their
 * kind; every other field the row has replaces the person's (flags as a set). A field the row
 * does not have is left as it is. Settings' rules apply as to a change (flags defined or held),
 * the class as to any class staff give.
 */
export function rowChange(row: ImportRow, person: PersonWithDefaults, settings: PeopleSettings, classItem: CustomerClassItem | undefined): RowChange {
  const { profile } = person;
  const patch: CustomerChange = {};
  const errors: FieldError[] = [];
  const given = {
    firstName: row.billingAddress.firstName,
    lastName: row.billingAddress.lastName,
    phone: row.phone,
    birthDate: row.birthDate,
    partner: row.partner,
    specialInstructions: row.specialInstructions,
    customerClassId: row.customerClassId,
    externalId: row.externalId,
  } as const;
  for (const [field, value] of Object.entries(given) as [keyof typeof given, string | undefined][]) {
    if (value !== undefined && !same(value, profile[field])) (patch as Record<string, unknown>)[field] = value;
  }
  if (row.flags && !sameSet(row.flags, profile.flags)) {
    patch.flags = row.flags;
    const defined = new Set(settings.flags.map((flag) => flag.key));
    errors.push(...flagErrors(row.flags, (flag) => defined.has(flag), profile.flags));
  }
  const permissions = Object.entries(row.permissions ?? {}).filter(([name, value]) => value !== undefined && profile.permissions?.[name as keyof CustomerItem['permissions']] !== value);
  if (permissions.length > 0) patch.permissions = Object.fromEntries(permissions);
  if (patch.customerClassId) errors.push(...ownClassErrors(classItem));
  if (errors.length > 0) return { kind: 'invalid', errors };

  const { firstName: _first, lastName: _last, email: _email, ...billingFields } = row.billingAddress;
  const names = { firstName: row.billingAddress.firstName, lastName: row.billingAddress.lastName };
  const addresses = [
    addressChange('billing', billingFields, person.billing, names),
    addressChange('shipping', row.shippingAddress ?? {}, person.shipping, names),
  ].filter((change) => change !== undefined);
  if (Object.keys(patch).length === 0 && addresses.length === 0) return { kind: 'unchanged' };
  return { kind: 'update', patch, addresses };
}

function addressChange(
  kind: 'billing' | 'shipping',
  fields: AddressInput,
  current: AddressItem | undefined,
  names: { firstName: string; lastName: string },
): AddressChange | undefined {
  const given = Object.entries(fields).filter(([, value]) => value !== undefined && value !== '') as [AddressFieldName, string][];
  if (given.length === 0) return undefined;
  if (!current) return { kind, addressId: null, fields: { ...names, ...Object.fromEntries(given) } };
  const changed = given.filter(([field, value]) => !same(value, current[field]));
  return changed.length === 0 ? undefined : { kind, addressId: current.id, fields: Object.fromEntries(changed) };
}
