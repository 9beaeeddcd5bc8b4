import type { Actor } from '../schemas/common';
import { firstStamp } from '../db/item-stamp';
import { putNew } from '../db/item-writes';
import type { NamedWrite } from '../db/transact';
import { timelineFields } from '../history/timeline';

/**
 * A line on the person's timeline for what happened to an order or a reservation after it was
 * made (its cancellation): an item of its own (`orderKeys.event`, `reservationKeys.event`), so
 * the timeline keeps both "placed" and "cancelled". Its key names the change, and it is put with
 * `attribute_not_exists` in the transaction of the change, so the change writes it exactly once.
 */
export function timelineEventWrite(
  key: { pk: string; sk: string },
  subject: { tenantId: string; customerId: string; id: string; type: 'order' | 'reservation' },
  summary: string,
  actor: Actor,
  at: string,
): NamedWrite {
  return putNew('event', {
    ...key,
    type: `${subject.type}-event`,
    tenantId: subject.tenantId,
    customerId: subject.customerId,
    refId: subject.id,
    ...firstStamp(actor, at),
    ...timelineFields(subject.tenantId, subject.customerId, { at, type: subject.type, summary, refId: subject.id }),
  });
}
