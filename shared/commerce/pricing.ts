import type { FieldError } from '../errors';
import { discountCents, lineTotalCents, subtotalCents } from './money';
import type { CreateOrderBody, OrderLine } from './order-schemas';

/**
 * What an order costs and where it goes: pure rules, no DynamoDB. The repository gathers the
 * buyer (their class's discount, their credit balance, their shipping addresses) and calls
 * these; every refusal is a field error, so one 400 names everything that is wrong.
 */
export interface OrderPrice {
  lines: OrderLine[];
  subtotalCents: number;
  discountPercent: number;
  discountCents: number;
  creditAppliedCents: number;
  /** subtotal − discount − credit applied: never below zero, as credit is capped by it. */
  totalCents: number;
}

/**
 * Prices the lines with the buyer's class discount (rounded half up to the cent) and applies the
 * credit asked for. The order may be worth at most `maxOrderCents` after the discount, before any
 * credit pays part of it (a field error on `lines`: a credit must not let a bigger order through).
 * Credit is capped by the total after discount (a field error); the cap by the balance is
 * `exceedsBalance`, a conflict with the person's current state rather than bad input.
 */
export function priceOrder(
  request: Pick<CreateOrderBody, 'lines' | 'applyCreditCents'>,
  discountPercent: number,
  maxOrderCents: number,
  errors: FieldError[],
): OrderPrice {
  const lines = request.lines.map((line) => ({ ...line, lineTotalCents: lineTotalCents(line.quantity, line.unitPriceCents) }));
  const subtotal = subtotalCents(lines);
  const discount = discountCents(subtotal, discountPercent);
  const afterDiscount = subtotal - discount;
  if (afterDiscount > maxOrderCents) {
    errors.push({ path: 'lines', message: `must together be worth at most ${maxOrderCents} (the winery's limit per order, in minor units); these are worth ${afterDiscount}` });
  }
  const requested = request.applyCreditCents ?? 0;
  if (requested > afterDiscount) {
    errors.push({ path: 'applyCreditCents', message: `must be at most the total after discount (${afterDiscount})` });
  }
  const creditApplied = Math.min(requested, afterDiscount);
  return {
    lines,
    subtotalCents: subtotal,
    discountPercent,
    discountCents: discount,
    creditAppliedCents: creditApplied,
    totalCents: afterDiscount - creditApplied,
  };
}

/** The applied credit is more than the person holds (they would go below a zero balance). */
export const exceedsBalance = (price: OrderPrice, creditBalanceCents: number) => price.creditAppliedCents > creditBalanceCents;

export interface ShippingChoice {
  fulfillment: CreateOrderBody['fulfillment'];
  shippingAddressId?: string;
}

/**
 * Where a `ship` order goes: the address asked for, else the person's default shipping address;
 * it must be one of their shipping addresses. A `pickup` order takes no address. Returns the
 * chosen address (null for pickup, or when refused with the reason in `errors`).
 */
export function chooseShippingAddress<A extends { id: string; kind: 'billing' | 'shipping' }>(
  request: ShippingChoice,
  person: { defaultShippingAddressId: string | null; addresses: readonly A[] },
  errors: FieldError[],
): A | null {
  if (request.fulfillment === 'pickup') {
    if (request.shippingAddressId !== undefined) errors.push({ path: 'shippingAddressId', message: 'is only for fulfillment ship' });
    return null;
  }
  const wanted = request.shippingAddressId ?? person.defaultShippingAddressId ?? undefined;
  if (wanted === undefined) {
    errors.push({ path: 'shippingAddressId', message: 'is required: the person has no default shipping address' });
    return null;
  }
  const address = person.addresses.find((a) => a.id === wanted && a.kind === 'shipping');
  if (!address) errors.push({ path: 'shippingAddressId', message: 'is not a shipping address of this person' });
  return address ?? null;
}
