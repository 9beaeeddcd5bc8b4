import { z } from '../schemas/zod';
import { Address } from '../people/customer-schemas';
import { Id, Instant, IsoDate, Money, PageQuery, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

/** Order ids are opaque; they are longer than other ids (see `person-scoped-id.ts`). */
export const OrderId = /* @__PURE__ */ lazySchema(() => z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/, 'must be an order id'));

export const OrderLineInput = /* @__PURE__ */ lazySchema(() => z.strictObject({
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  quantity: z.int().min(1).max(9_999),
  unitPriceCents: Money.min(0).max(100_000_000),
}));

export const CreateOrderBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  customerId: Id,
  lines: z.array(OrderLineInput).min(1).max(100).meta({
    description: "Together worth at most the winery's `settings.limits.maxOrderCents` after the class discount (default $100 000); more is a 400 naming `lines`.",
  }),
  fulfillment: z.enum(['ship', 'pickup']),
  shippingAddressId: Id.optional().meta({
    description: "One of the person's shipping addresses; defaults to their default shipping address. Only with fulfillment ship.",
  }),
  applyCreditCents: Money.min(0).optional().meta({
    description: "Stored credit to apply, deducted from the person's balance in the same transaction; at most the total after discount.",
  }),
  note: z.string().trim().max(2000).optional(),
}));
export type CreateOrderBody = z.infer<typeof CreateOrderBody>;

export const OrderLine = /* @__PURE__ */ lazySchema(() => z
  .object({ sku: z.string(), name: z.string(), quantity: z.int(), unitPriceCents: Money, lineTotalCents: Money })
  .meta({ id: 'OrderLine' }));
export type OrderLine = z.infer<typeof OrderLine>;

export const Order = /* @__PURE__ */ lazySchema(() => z
  .object({
    id: OrderId,
    orderNumber: z.int(),
    customerId: Id,
    lines: z.array(OrderLine),
    subtotalCents: Money,
    discountPercent: z.number().meta({ description: "The discount of the person's effective class when the order was placed." }),
    discountCents: Money.meta({ description: 'discountPercent of the subtotal, rounded half up to the cent.' }),
    creditAppliedCents: Money,
    totalCents: Money.meta({ description: 'subtotalCents − discountCents − creditAppliedCents.' }),
    status: z.enum(['placed', 'cancelled']),
    fulfillment: z.enum(['ship', 'pickup']),
    shippingAddressId: z.string().nullable(),
    shippingAddress: Address.nullable().meta({ description: 'The shipping address as it was when the order was placed.' }),
    customerClassId: z.string().nullable(),
    specialInstructions: z.string().nullable().meta({ description: "The person's special instructions, copied when the order was placed." }),
    note: z.string().nullable(),
    createdAt: Instant,
    cancelledAt: Instant.nullable(),
    cancelReason: z.string().nullable(),
    updatedAt: Instant,
    version: z.int(),
  })
  .meta({ id: 'Order' }));
export type Order = z.infer<typeof Order>;
export const OrderList = /* @__PURE__ */ lazySchema(() => listOf(Order).meta({ id: 'OrderList' }));

export const OrderPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ orderId: OrderId }));
export const CancelOrderBody = /* @__PURE__ */ lazySchema(() => z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }));
export type CancelOrderBody = z.infer<typeof CancelOrderBody>;

/** `?date=`: the day an order was placed, the winery's day in its time zone. */
export const OrdersOfDayQuery = /* @__PURE__ */ lazySchema(() => PageQuery.extend({
  date: IsoDate.meta({ description: "The day the orders were placed (YYYY-MM-DD): the winery's day, in `settings.timeZone`." }),
}));
