import { formatDate, formatDateTime, isCalendarDate } from '@/lib/datetime';
import { formatMoney } from '@/lib/money';

/**
 * The change history in words. The API records each field as stored (`clubIds: ["01M9…"]`,
 * `creditBalanceCents: 0 → 2500`, `permissions: {…}`); staff read "Clubs: none → Reserve Club",
 * "Credit: $0.00 → $25.00", "Contact permissions: none → Email, SMS". Pure (the unit tests
 * import it): the names of clubs, classes, staff, flags and addresses come in `Names`.
 */
export interface Names {
  readonly zone: string;
  readonly currency: string;
  club(id: string): string | undefined;
  variant(id: string): string | undefined;
  customerClass(id: string): string | undefined;
  staff(id: string): string | undefined;
  flag(key: string): string | undefined;
  address(id: string): string | undefined;
  membership(id: string): string | undefined;
}

export interface FieldLine {
  /** "Credit". */
  readonly label: string;
  /** "$0.00 → $25.00", "changed" (a secret), "Reserve Club" (an added item's field). */
  readonly text: string;
}

const ENTITY: Record<string, string> = {
  customer: 'Person',
  address: 'Address',
  card: 'Card',
  email: 'Additional email',
  membership: 'Membership',
  certificate: 'Certificate',
  note: 'Note',
  'cellar-item': 'Cellar item',
};

const ACTION: Record<string, string> = { created: 'Added', updated: 'Changed', deleted: 'Removed' };

/** "Cellar item" for `cellar-item`; an entity not listed reads as its words. */
export const entityName = (entity: string) => ENTITY[entity] ?? words(entity);
export const actionName = (action: string) => ACTION[action] ?? words(action);

const LABELS: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  birthDate: 'Birth date',
  partner: 'Partner',
  flags: 'Flags',
  permissions: 'Contact permissions',
  customerClassId: 'Class',
  effectiveClassId: 'Class in effect',
  clubIds: 'Clubs',
  creditBalanceCents: 'Credit',
  customerNumber: 'Customer number',
  defaultBillingAddressId: 'Default billing address',
  defaultShippingAddressId: 'Default shipping address',
  specialInstructions: 'Special instructions',
  ageVerification: 'Age verification',
  password: 'Password',
  token: 'Card token',
  externalId: 'Number in the old system',
  company: 'Company',
  line1: 'Address line 1',
  line2: 'Address line 2',
  city: 'City',
  region: 'State / region',
  postalCode: 'Postal code',
  country: 'Country',
  kind: 'Kind',
  isDefault: 'Default',
  processor: 'Processor',
  brand: 'Brand',
  last4: 'Last 4 digits',
  expMonth: 'Expiry month',
  expYear: 'Expiry year',
  cardholderName: 'Cardholder',
  label: 'Label',
  clubId: 'Club',
  variantId: 'Variant',
  classId: "Club's class",
  ownerId: 'Owner',
  status: 'Status',
  shippingPreference: 'Shipping',
  pickupLocation: 'Pickup location',
  pausedUntil: 'Paused until',
  joinedAt: 'Joined',
  cancelledAt: 'Cancelled',
  cancelReason: 'Reason',
  cancelNote: 'Cancel note',
  pausedFrom: 'Paused from',
  scheduledPause: 'Booked pause',
  pauseReason: 'Pause reason',
  pauseNote: 'Pause note',
  from: 'From',
  until: 'Until',
  gift: 'Gift',
  title: 'Title',
  redeemedAt: 'Redeemed',
  membershipId: 'Membership',
  body: 'Note',
  author: 'Written by',
  sku: 'SKU',
  name: 'Wine',
  vintage: 'Vintage',
  quantity: 'Quantity',
  location: 'Location',
};

/** `camelCase` and `kebab-case` as lower-case words, capitalised: "pickupLocation" → "Pickup location". */
function words(name: string): string {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export const fieldLabel = (field: string) => LABELS[field] ?? words(field);

/** Copies of another field's meaning (`clubName` beside `clubId`, a reason's key beside its title): shown once. */
const SHOWN_ELSEWHERE = new Set(['clubName', 'variantName', 'cancelReasonKey', 'pauseReasonKey']);

const PERMISSION_NAMES: Record<string, string> = { email: 'Email', sms: 'SMS', phone: 'Phone calls', mail: 'Mail' };
const AGE_STATUS: Record<string, string> = { unverified: 'Not verified', pending: 'Pending', verified: 'Verified', failed: 'Failed' };

const EMPTY = 'none';

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** One stored value of `field` as staff read it. */
export function describeValue(field: string, value: unknown, names: Names): string {
  if (isEmpty(value)) return EMPTY;
  const list = (ids: unknown, name: (id: string) => string | undefined, noun: string) =>
    (Array.isArray(ids) ? ids : [ids]).map((id) => name(String(id)) ?? `a ${noun} no longer listed`).join(', ');
  switch (field) {
    case 'clubIds':
    case 'clubId':
      return list(value, names.club, 'club');
    case 'customerClassId':
    case 'effectiveClassId':
    case 'classId':
      return list(value, names.customerClass, 'class');
    case 'variantId':
      return list(value, names.variant, 'variant');
    case 'ownerId':
      return list(value, names.staff, 'staff member');
    case 'flags':
      return list(value, names.flag, 'flag');
    case 'defaultBillingAddressId':
    case 'defaultShippingAddressId':
      return list(value, names.address, 'address');
    case 'membershipId':
      return list(value, names.membership, 'membership');
    case 'permissions': {
      const granted = Object.entries(value as Record<string, unknown>).filter(([, on]) => on === true).map(([key]) => PERMISSION_NAMES[key] ?? words(key));
      return granted.length ? granted.join(', ') : EMPTY;
    }
    case 'ageVerification': {
      const check = value as { status?: string; method?: string | null; verifiedBy?: { name?: string | null } | null; note?: string | null };
      const parts = [AGE_STATUS[check.status ?? ''] ?? words(check.status ?? 'unknown')];
      if (check.method) parts.push(`${check.method} check`);
      if (check.verifiedBy?.name) parts.push(`by ${check.verifiedBy.name}`);
      if (check.note) parts.push(`“${check.note}”`);
      return parts.join(', ');
    }
    case 'gift': {
      const gift = value as { giverName?: string; endsOn?: string; message?: string | null; reminderSentOn?: string | null };
      return [`from ${gift.giverName ?? 'someone'}`, gift.endsOn ? `until ${formatDate(gift.endsOn)}` : '', gift.message ? `“${gift.message}”` : '', gift.reminderSentOn ? `reminded ${formatDate(gift.reminderSentOn)}` : '']
        .filter(Boolean)
        .join(', ');
    }
    case 'expMonth':
      return typeof value === 'number' ? String(value).padStart(2, '0') : String(value);
    default:
      break;
  }
  if (typeof value === 'number' && field.endsWith('Cents')) return formatMoney(value, names.currency);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') {
    if (isCalendarDate(value)) return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value, names.zone);
    if (field === 'status' || field === 'kind' || field === 'shippingPreference') return value === 'pickup' ? 'pick up' : words(value).toLowerCase();
    return value;
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null && 'name' in value && typeof (value as { name: unknown }).name === 'string') return (value as { name: string }).name;
  if (Array.isArray(value)) return value.map((item) => describeValue(field, item, names)).join(', ');
  // Any other object: its fields in words.
  return Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => !isEmpty(inner))
    .map(([key, inner]) => `${fieldLabel(key)}: ${describeValue(key, inner, names)}`)
    .join('; ');
}

type StoredField = { field: string; old: unknown; new: unknown } | { field: string; redacted: true };

/**
 * The lines of one change: secrets as "changed", an added record by its new values, a removed
 * one by what it held, a change as old → new. Empty values of a new record are left out.
 */
export function describeFields(action: string, fields: readonly StoredField[], names: Names): FieldLine[] {
  const lines: FieldLine[] = [];
  for (const change of fields) {
    if (SHOWN_ELSEWHERE.has(change.field)) continue;
    const label = fieldLabel(change.field);
    if ('redacted' in change) {
      lines.push({ label, text: action === 'created' ? 'set' : action === 'deleted' ? 'removed' : 'changed' });
      continue;
    }
    if (action === 'created') {
      if (isEmpty(change.new)) continue;
      lines.push({ label, text: describeValue(change.field, change.new, names) });
    } else if (action === 'deleted') {
      if (isEmpty(change.old)) continue;
      lines.push({ label, text: describeValue(change.field, change.old, names) });
    } else {
      lines.push({ label, text: `${describeValue(change.field, change.old, names)} → ${describeValue(change.field, change.new, names)}` });
    }
  }
  return lines;
}
