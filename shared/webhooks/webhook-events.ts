import { isDeepStrictEqual } from 'node:util';
import { derivedId } from '../ids';
import type { StreamChange } from '../streams/stream-handler';
import { toCustomer, type CustomerItem } from '../people/customer-items';
import { MERGED_PERSON_TYPE, type MergedPersonItem } from '../people/profile-page';
import { toMembership, type MembershipItem } from '../clubs/club-items';
import { toOrder, type OrderItem } from '../commerce/order-items';
import { toReservation, type ReservationItem } from '../commerce/reservation-repository';
import { toEmailLog, type EmailLogItem } from '../email/email-log-repository';
import type { SubscribableEventType, WebhookEvent } from './webhook-schemas';

/**
 * Which event a change of the table means, if any, with the resource as the API shows it (the
 * same mappers the routes answer with). Pure, so each rule is unit-tested.
 *
 * - `customer`: created on INSERT; updated when what the API shows changed (not a password, not
 *   only the version); erased when it gains `erasedAt` (instead of updated). A merge deletes the
 *   absorbed person's profile and leaves the word of the merge (`merged-customer`, with
 *   `mergedInto`): its INSERT is `customer.merged`.
 * - An item a merge or its undo moved (`movedBy`) is no news: its INSERT under the other person
 *   sends nothing (the order was placed once, the person created once).
 * - `membership`: created on INSERT; then by status: active → paused (or a paused one whose date
 *   moved) paused, paused → active resumed, → cancelled cancelled; a new `clubId` switched.
 * - `order`: placed on INSERT, cancelled when its status becomes cancelled; `reservation` the same
 *   (created, cancelled).
 * - `email-log`: bounced when its status becomes bounced.
 *
 * The event's id is derived from the stream record's id (`derivedId`), so every redelivery of
 * the record means the same event, and its time is the change's own `updatedAt`.
 */
export interface TenantEvent {
  readonly tenantId: string;
  readonly event: WebhookEvent & { type: SubscribableEventType };
}

type Item = Record<string, unknown>;

export function webhookEventOf(change: StreamChange): TenantEvent | undefined {
  const item = change.newItem;
  if (!item || typeof item.tenantId !== 'string') return undefined;
  const decided = decide(change, item);
  if (!decided) return undefined;
  const createdAt = typeof item.updatedAt === 'string' ? item.updatedAt : String(item.createdAt ?? '');
  return {
    tenantId: item.tenantId,
    event: { id: derivedId(createdAt, change.eventId, decided.type), type: decided.type, createdAt, data: decided.data },
  };
}

function decide(change: StreamChange, item: Item): { type: SubscribableEventType; data: unknown } | undefined {
  const inserted = change.eventName === 'INSERT';
  const old = change.oldItem;
  if (inserted && item.movedBy !== undefined) return undefined;
  switch (item.type) {
    case MERGED_PERSON_TYPE: {
      if (!inserted) return undefined;
      const word = item as unknown as MergedPersonItem;
      return { type: 'customer.merged', data: { id: word.customerId, customerNumber: word.customerNumber, mergedInto: word.mergedInto } };
    }
    case 'customer': {
      const person = item as unknown as CustomerItem & { erasedAt?: string };
      if (inserted) return { type: 'customer.created', data: toCustomer(person) };
      if (person.erasedAt && !old?.erasedAt) {
        return { type: 'customer.erased', data: { id: person.id, customerNumber: person.customerNumber, erasedAt: person.erasedAt } };
      }
      if (!old || person.erasedAt) return undefined;
      const after = toCustomer(person);
      return shownChanged(toCustomer(old as unknown as CustomerItem), after) ? { type: 'customer.updated', data: after } : undefined;
    }
    case 'membership': {
      const membership = item as unknown as MembershipItem;
      const data = { ...toMembership(membership), customerId: membership.customerId };
      if (inserted) return { type: 'membership.created', data };
      const type = membershipChange(old, item);
      return type ? { type, data } : undefined;
    }
    case 'order':
      if (inserted) return { type: 'order.placed', data: toOrder(item as unknown as OrderItem) };
      return becomes(old, item, 'status', 'cancelled') ? { type: 'order.cancelled', data: toOrder(item as unknown as OrderItem) } : undefined;
    case 'reservation':
      if (inserted) return { type: 'reservation.created', data: toReservation(item as unknown as ReservationItem) };
      return becomes(old, item, 'status', 'cancelled')
        ? { type: 'reservation.cancelled', data: toReservation(item as unknown as ReservationItem) }
        : undefined;
    case 'email-log': {
      if (!becomes(old, item, 'status', 'bounced')) return undefined;
      const log = item as unknown as EmailLogItem;
      return { type: 'email.bounced', data: { ...toEmailLog(log), customerId: log.customerId } };
    }
    default:
      return undefined;
  }
}

/** The attribute took this value with this change (an INSERT with it counts). */
const becomes = (old: Item | undefined, item: Item, attribute: string, value: unknown) => item[attribute] === value && old?.[attribute] !== value;

/** What the API shows changed, beyond the stamp every write moves. */
function shownChanged(before: object, after: object): boolean {
  const { version: _v1, updatedAt: _u1, ...was } = before as Item;
  const { version: _v2, updatedAt: _u2, ...now } = after as Item;
  return !isDeepStrictEqual(was, now);
}

function membershipChange(old: Item | undefined, item: Item): SubscribableEventType | undefined {
  if (!old) return undefined;
  if (item.clubId !== old.clubId) return 'membership.switched';
  if (item.status === old.status) {
    return item.status === 'paused' && item.pausedUntil !== old.pausedUntil ? 'membership.paused' : undefined;
  }
  if (item.status === 'cancelled') return 'membership.cancelled';
  if (item.status === 'paused') return 'membership.paused';
  if (item.status === 'active' && old.status === 'paused') return 'membership.resumed';
  return undefined;
}
