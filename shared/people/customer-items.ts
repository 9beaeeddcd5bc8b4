import type { Actor } from '../schemas/common';
import { now } from '../clock';
import { ValidationError } from '../errors';
import type { Address, AgeVerification, Customer, Permissions, PersonStats } from './customer-schemas';
import { NO_ORDERS } from './person-stats';
import type { Card, CustomerEmail } from './profile-schemas';
import { customerKeys } from './keys';
import { firstStamp, type Stamped } from '../db/item-stamp';
import { newId } from '../ids';

/**
 * What is stored for a person and their addresses, and how it becomes what the API shows.
 * The mapping lists every public field, so stored secrets (the password hash) and internal
 * attributes can never reach a response.
 */
/** As stored: records written before `note` and `checkedAt` existed lack them (they read as null). */
export type AgeVerificationRecord = Omit<AgeVerification, 'note' | 'checkedAt'> & Partial<Pick<AgeVerification, 'note' | 'checkedAt'>>;

/** A person nobody has checked yet, and anyone whose birth date changed since their check. */
export const UNVERIFIED_AGE: AgeVerification = {
  status: 'unverified',
  method: null,
  verifiedAt: null,
  verifiedBy: null,
  note: null,
  checkedAt: null,
};

export interface CustomerItem extends Stamped {
  pk: string;
  sk: string;
  type: 'customer';
  tenantId: string;
  id: string;
  customerNumber: number;
  /** The person's number in the system the winery imported them from. */
  externalId?: string | null;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  birthDate: string | null;
  partner: string | null;
  flags: string[];
  permissions: Permissions;
  customerClassId: string | null;
  effectiveClassId: string | null;
  /** Clubs with an active or paused membership; kept by the class-assignment consumer. */
  clubIds: string[];
  specialInstructions: string | null;
  defaultBillingAddressId: string | null;
  defaultShippingAddressId: string | null;
  creditBalanceCents: number;
  ageVerification: AgeVerificationRecord;
  /** Secret: never mapped to a response, redacted in the change history. Absent until a password is set (imported people). */
  passwordHash?: string;
  /** Counts password changes; a portal token carries the one it was issued under, so a new password ends older tokens. */
  passwordGeneration?: number;
  /** Intent at creation, read by the notifications consumer. */
  sendWelcomeEmail: boolean;
  /** Kept by the person-stats consumer from the person's orders; absent until their first. */
  stats?: PersonStats;
  /** The customer numbers of the people merged into this one (search finds them here). */
  mergedNumbers?: number[];
  /** Set once the person's personal data was erased (`POST /v1/customers/{id}/erase`). */
  erasedAt?: string;
}

export interface AddressItem extends Stamped {
  pk: string;
  sk: string;
  type: 'address';
  tenantId: string;
  customerId: string;
  id: string;
  kind: 'billing' | 'shipping';
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  line1: string | null;
  line2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  isDefault: boolean;
}

/** A new address item; the fields a client left out are stored as null. */
export function newAddressItem(
  tenantId: string,
  customerId: string,
  kind: 'billing' | 'shipping',
  input: Partial<Record<'firstName' | 'lastName' | 'company' | 'line1' | 'line2' | 'city' | 'region' | 'postalCode' | 'country' | 'phone' | 'email', string>>,
  isDefault: boolean,
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
    isDefault,
    ...firstStamp(actor, at),
  };
}

/** Until staff or a provider verified the age, a person may not be sold wine. */
export const needsAgeVerification = (item: Pick<CustomerItem, 'ageVerification'>): boolean => item.ageVerification?.status !== 'verified';

/** Active or paused in at least one club (kept by the class-assignment consumer). */
export const isClubMember = (item: Pick<CustomerItem, 'clubIds'>): boolean => (item.clubIds ?? []).length > 0;

export function toCustomer(item: CustomerItem): Customer {
  return {
    id: item.id,
    customerNumber: item.customerNumber,
    externalId: item.externalId ?? null,
    firstName: item.firstName,
    lastName: item.lastName,
    email: item.email,
    phone: item.phone ?? null,
    birthDate: item.birthDate ?? null,
    partner: item.partner ?? null,
    flags: item.flags ?? [],
    permissions: item.permissions,
    customerClassId: item.customerClassId ?? null,
    specialInstructions: item.specialInstructions ?? null,
    defaultBillingAddressId: item.defaultBillingAddressId ?? null,
    defaultShippingAddressId: item.defaultShippingAddressId ?? null,
    creditBalanceCents: item.creditBalanceCents ?? 0,
    // Records written before `note` and `checkedAt` existed read as if those were null.
    ageVerification: { ...UNVERIFIED_AGE, ...item.ageVerification },
    needsAgeVerification: needsAgeVerification(item),
    effectiveClassId: item.effectiveClassId ?? null,
    isClubMember: isClubMember(item),
    stats: { ...NO_ORDERS, ...item.stats },
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
  };
}

export function toAddress(item: AddressItem): Address {
  return {
    id: item.id,
    kind: item.kind,
    firstName: item.firstName ?? null,
    lastName: item.lastName ?? null,
    company: item.company ?? null,
    line1: item.line1 ?? null,
    line2: item.line2 ?? null,
    city: item.city ?? null,
    region: item.region ?? null,
    postalCode: item.postalCode ?? null,
    country: item.country ?? null,
    phone: item.phone ?? null,
    email: item.email ?? null,
    isDefault: item.isDefault,
    version: item.version,
  };
}

export interface CardItem extends Stamped {
  pk: string;
  sk: string;
  type: 'card';
  tenantId: string;
  customerId: string;
  id: string;
  processor: string;
  /** Secret. */
  token: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  cardholderName: string;
  isDefault: boolean;
}

/** Expired once the expiry month has ended. */
export function isExpired(expYear: number, expMonth: number, at: Date = now()): boolean {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth() + 1;
  return expYear < year || (expYear === year && expMonth < month);
}

/**
 * A card is put on file, or renewed, with an expiry still to come: an expiry in the past is a
 * typing slip (or a card that can no longer be charged). The 400 names the year when that has
 * passed, else the month.
 */
export function refuseExpiredCard(card: { expYear: number; expMonth: number }, at: Date = now()): void {
  if (!isExpired(card.expYear, card.expMonth, at)) return;
  const expiry = `${String(card.expMonth).padStart(2, '0')}/${card.expYear}`;
  const path = card.expYear < at.getUTCFullYear() ? 'expYear' : 'expMonth';
  throw new ValidationError([{ path, message: `The expiry ${expiry} is in the past: enter the card's current expiry` }]);
}

export function toCard(item: CardItem): Card {
  return {
    id: item.id,
    processor: item.processor,
    brand: item.brand,
    last4: item.last4,
    expMonth: item.expMonth,
    expYear: item.expYear,
    cardholderName: item.cardholderName,
    isDefault: item.isDefault,
    expired: isExpired(item.expYear, item.expMonth),
    createdAt: item.createdAt,
    version: item.version,
  };
}


/** Additional addresses that also receive the person's account emails. */
export interface CustomerEmailItem extends Stamped {
  pk: string;
  sk: string;
  type: 'customer-email';
  tenantId: string;
  customerId: string;
  id: string;
  email: string;
  label: string | null;
}

export function toCustomerEmail(item: CustomerEmailItem): CustomerEmail {
  return { id: item.id, email: item.email, label: item.label ?? null, createdAt: item.createdAt, version: item.version };
}

