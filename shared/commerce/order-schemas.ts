import * as z from '../schemas/zod';
import { Address } from '../people/customer-schemas';
import { Id, Instant, IsoDate, Money, PageQuery, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

/** Order ids are opaque; they are longer than other ids (see `person-scoped-id.ts`). */
export const OrderId = /* @__PURE__ */ lazySchema(() => z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z0-9_-]+$/, 'must be an order id')));

export const OrderLineInput = /* @__PURE__ */ lazySchema(() => z.strictObject({
  sku: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  quantity: z.int().check(z.gte(1), z.lte(9_999)),
  unitPriceCents: Money.check(z.gte(0), z.lte(100_000_000)),
}));

export const CreateOrderBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  customerId: Id,
  lines: z.meta(z.array(OrderLineInput).check(z.minLength(1), z.maxLength(100)), {
    description: "Together worth at most the winery's `settings.limits.maxOrderCents` after the class discount (default $100 000); more is a 400 naming `lines`.",
  }),
  fulfillment: z.enum(['ship', 'pickup']),
  shippingAddressId: z.meta(z.optional(Id), {
    description: "One of the person's shipping addresses; defaults to their default shipping address. Only with fulfillment ship.",
  }),
  applyCreditCents: z.meta(z.optional(Money.check(z.gte(0))), {
    description: "Stored credit to apply, deducted from the person's balance in the same transaction; at most the total after discount.",
  }),
  note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
}));
export type CreateOrderBody = z.infer<typeof CreateOrderBody>;

export const OrderLine = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({ sku: z.string(), name: z.string(), quantity: z.int(), unitPriceCents: Money, lineTotalCents: Money }),
  { id: 'OrderLine' },
));
export type OrderLine = z.infer<typeof OrderLine>;

export const Order = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: OrderId,
    orderNumber: z.int(),
    customerId: Id,
    lines: z.array(OrderLine),
    subtotalCents: Money,
    discountPercent: z.meta(z.number(), { description: "The discount of the person's effective class when the order was placed." }),
    discountCents: z.meta(Money, { description: 'discountPercent of the subtotal, rounded half up to the cent.' }),
    creditAppliedCents: Money,
    totalCents: z.meta(Money, { description: 'subtotalCents − discountCents − creditAppliedCents.' }),
    status: z.enum(['placed', 'cancelled']),
    fulfillment: z.enum(['ship', 'pickup']),
    shippingAddressId: z.nullable(z.string()),
    shippingAddress: z.meta(z.nullable(Address), { description: 'The shipping address as it was when the order was placed.' }),
    customerClassId: z.nullable(z.string()),
    specialInstructions: z.meta(z.nullable(z.string()), { description: "The person's special instructions, copied when the order was placed." }),
    note: z.nullable(z.string()),
    createdAt: Instant,
    cancelledAt: z.nullable(Instant),
    cancelReason: z.nullable(z.string()),
    updatedAt: Instant,
    version: z.int(),
  }),
  { id: 'Order' },
));
export type Order = z.infer<typeof Order>;
export const OrderList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(Order), { id: 'OrderList' }));

export const OrderPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ orderId: OrderId }));
export const CancelOrderBody = /* @__PURE__ */ lazySchema(() => z.strictObject({ reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))) }));
export type CancelOrderBody = z.infer<typeof CancelOrderBody>;

/** `?date=`: the day an order was placed, the winery's day in its time zone. */
export const OrdersOfDayQuery = /* @__PURE__ */ lazySchema(() => z.extend(PageQuery, {
  date: z.meta(IsoDate, { description: "The day the orders were placed (YYYY-MM-DD): the winery's day, in `settings.timeZone`." }),
}));
