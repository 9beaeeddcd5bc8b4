import type { Actor } from '../schemas/common';
import { firstStamp } from '../db/item-stamp';
import { fieldUpdateWrite, putNew } from '../db/item-writes';
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

/**
 * The status change of a cancellation (an order's or a reservation's), conditioned on the status
 * it cancels from: of racing cancels one passes, the others fail this condition (a 409).
 */
export function cancellationWrite(name: string, item: { pk: string; sk: string }, from: string, reason: string | null, actor: Actor, at: string): NamedWrite {
  return fieldUpdateWrite(name, { pk: item.pk, sk: item.sk }, { status: 'cancelled', cancelledAt: at, cancelReason: reason }, actor, at, {
    condition: { expression: '#status = :from', names: { '#status': 'status' }, values: { ':from': from } },
  });
}
