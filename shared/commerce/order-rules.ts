import { ConflictError, ValidationError, type FieldError } from '../errors';
import type { CreateOrderBody } from './order-schemas';
import { chooseShippingAddress, priceOrder, type OrderPrice } from './pricing';
import { DEFAULT_MAX_ORDER_CENTS } from '../settings/settings-schemas';

/**
 * Whether an order can be placed, and at what price: pure, so it is decided before anything is
 * written (no order number is taken for a refused order). The repository reads the buyer and
 * the winery's policy; the transaction that writes the order still conditions the balance,
 * since another deduction may land between the read and the write.
 */
export interface Buyer<A extends { id: string; kind: 'billing' | 'shipping' }> {
  discountPercent: number;
  defaultShippingAddressId: string | null;
  addresses: readonly A[];
  /** True until the person's age is verified (`Customer.needsAgeVerification`). */
  needsAgeVerification: boolean;
}

export interface OrderPolicy {
  /** Only verified adults may order (`settings.ageVerification.requiredForOrders`). */
  adultsOnly: boolean;
  /** The most an order may be worth after the discount (`settings.limits.maxOrderCents`). */
  maxOrderCents: number;
}

/**
 * The policy from the winery's settings. `requiredForOrders` defaults to on: selling wine to
 * someone whose age nobody checked is the mistake a winery cannot undo.
 */
export function orderPolicy(settings: { ageVerification?: { requiredForOrders?: boolean }; limits?: { maxOrderCents?: number } }): OrderPolicy {
  return {
    adultsOnly: settings.ageVerification?.requiredForOrders ?? true,
    maxOrderCents: settings.limits?.maxOrderCents ?? DEFAULT_MAX_ORDER_CENTS,
  };
}

export const ageVerificationRequired = () =>
  new ConflictError(
    'age-verification-required',
    'This winery sells only to verified adults: verify the person’s age before placing an order for them.',
  );

/**
 * Accepts an order or says why not: every bad field at once (400), then an unverified age
 * where the winery requires a verified adult (409). Whether the balance covers the credit is
 * `exceedsBalance` in `pricing.ts`: it depends on a balance that other writes move.
 */
export function acceptOrder<A extends { id: string; kind: 'billing' | 'shipping' }>(
  request: CreateOrderBody,
  buyer: Buyer<A>,
  policy: OrderPolicy,
): { price: OrderPrice; shippingAddress: A | null } {
  const errors: FieldError[] = [];
  const price = priceOrder(request, buyer.discountPercent, policy.maxOrderCents, errors);
  const shippingAddress = chooseShippingAddress(request, buyer, errors);
  if (errors.length > 0) throw new ValidationError(errors);
  if (policy.adultsOnly && buyer.needsAgeVerification) throw ageVerificationRequired();
  return { price, shippingAddress };
}

export function placedSummary(orderNumber: number, total: string): string {
  return `Order #${orderNumber} placed: ${total}`;
}

export function cancelledSummary(orderNumber: number, reason: string | null): string {
  return `Order #${orderNumber} cancelled${reason ? `: ${reason}` : ''}`;
}
