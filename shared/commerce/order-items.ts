import type { Stamped } from '../db/item-stamp';
import type { TimelineEntry } from '../history/timeline';
import type { Address } from '../people/customer-schemas';
import type { Order } from './order-schemas';
import type { OrderPrice } from './pricing';

/**
 * An order as stored (`order-repository.ts` writes it, `order-stats.ts` counts it), and as the
 * API shows it.
 */
export interface OrderItem extends Stamped, OrderPrice {
  pk: string;
  sk: string;
  type: 'order';
  tenantId: string;
  customerId: string;
  id: string;
  orderNumber: number;
  /** The person as they were named when ordering: the receipt shows this. */
  customerNumber: number;
  customerName: string;
  status: 'placed' | 'cancelled';
  fulfillment: 'ship' | 'pickup';
  shippingAddressId: string | null;
  shippingAddress: Address | null;
  customerClassId: string | null;
  specialInstructions: string | null;
  note: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** Placed with the person's statistics moved in the same transaction (`order-stats.ts`); orders placed before lack it. */
  statsCounted?: boolean;
  timeline: TimelineEntry;
  gsi4pk: string;
  gsi4sk: string;
}

export function toOrder(item: OrderItem): Order {
  return {
    id: item.id,
    orderNumber: item.orderNumber,
    customerId: item.customerId,
    lines: item.lines,
    subtotalCents: item.subtotalCents,
    discountPercent: item.discountPercent,
    discountCents: item.discountCents,
    creditAppliedCents: item.creditAppliedCents,
    totalCents: item.totalCents,
    status: item.status,
    fulfillment: item.fulfillment,
    shippingAddressId: item.shippingAddressId ?? null,
    shippingAddress: item.shippingAddress ?? null,
    customerClassId: item.customerClassId ?? null,
    specialInstructions: item.specialInstructions ?? null,
    note: item.note ?? null,
    createdAt: item.createdAt,
    cancelledAt: item.cancelledAt ?? null,
    cancelReason: item.cancelReason ?? null,
    updatedAt: item.updatedAt,
    version: item.version,
  };
}
