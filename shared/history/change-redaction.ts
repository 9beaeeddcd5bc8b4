import type { Actor } from '../schemas/common';
import type { Change } from './history-schemas';

/**
 * What an erased person's change history keeps: the fields that say what happened to their
 * accounts (statuses, clubs, classes, money, flags) and never who they were. Every other field's
 * values become `{ field, redacted: true }`, and a change the person made themselves no longer
 * carries their name. A list of what may stay, not of what must go, so a field added later is
 * redacted until someone decides it may stay.
 */
const KEPT_FIELDS = new Set([
  'flags', 'customerClassId', 'effectiveClassId', 'clubIds', 'creditBalanceCents', 'mergedNumbers', 'mergedInto', 'erasedAt',
  'defaultBillingAddressId', 'defaultShippingAddressId', 'isDefault', 'kind',
  'status', 'clubId', 'clubName', 'classId', 'variantId', 'variantName', 'ownerId', 'shippingPreference', 'pausedUntil',
  'joinedAt', 'cancelledAt', 'cancelReason', 'title', 'expiresAt', 'membershipId', 'redeemedAt',
  'sku', 'vintage', 'quantity', 'processor', 'brand', 'expMonth', 'expYear', 'amountCents', 'orderNumber', 'totalCents',
  'permissions.email', 'permissions.sms', 'permissions.phone', 'permissions.mail', 'permissions',
]);

export function redactChange(change: Change): Change {
  return {
    ...change,
    actor: redactActor(change.actor),
    fields: change.fields.map((field) => ('redacted' in field || KEPT_FIELDS.has(field.field) ? field : { field: field.field, redacted: true as const })),
  };
}

const redactActor = (actor: Actor): Actor => (actor.kind === 'customer' ? { ...actor, name: null } : actor);

/** Whether redacting would change the entry (so an erase or the consumer writes only what it must). */
export const needsRedaction = (change: Change): boolean => JSON.stringify(redactChange(change)) !== JSON.stringify(change);
