import type { PersonStats } from './customer-schemas';

/**
 * What a person is worth, from their orders: pure rules, no DynamoDB. The `person-stats`
 * consumer (`commerce/order-stats.ts`) applies each order's stream records through these and
 * keeps the result on the profile (`stats`), so every read of the person has it for free.
 */

/** A person before their first placed order. */
export const NO_ORDERS: PersonStats = { orderCount: 0, lifetimeValueCents: 0, firstOrderAt: null, lastOrderAt: null };

/** What one order adds to its person's statistics while it is placed; a cancelled order adds nothing. */
export interface OrderContribution {
  totalCents: number;
  placedAt: string;
}

export const sameContribution = (a: OrderContribution | null, b: OrderContribution | null): boolean =>
  a === b || (a !== null && b !== null && a.totalCents === b.totalCents && a.placedAt === b.placedAt);

const earlier = (a: string | null, b: string) => (a === null || b < a ? b : a);
const later = (a: string | null, b: string) => (a === null || b > a ? b : a);

/**
 * The statistics after one order went from counting `before` to counting `after` (null: it does
 * not count, not placed or not there). Counts and sums move by the difference. A date can only
 * move out from an order that counts now; when an order that no longer counts held the first or
 * the last date, `datesFromOrders` says those must come from the person's other placed orders.
 */
export function statsAfterOrderChange(
  stats: PersonStats,
  before: OrderContribution | null,
  after: OrderContribution | null,
): { stats: PersonStats; datesFromOrders: boolean } {
  const orderCount = stats.orderCount - Number(before !== null) + Number(after !== null);
  const lifetimeValueCents = stats.lifetimeValueCents - (before?.totalCents ?? 0) + (after?.totalCents ?? 0);
  if (orderCount <= 0) return { stats: { ...NO_ORDERS, orderCount: Math.max(orderCount, 0), lifetimeValueCents }, datesFromOrders: false };
  let firstOrderAt = stats.firstOrderAt;
  let lastOrderAt = stats.lastOrderAt;
  const heldADate = before !== null && (before.placedAt === firstOrderAt || before.placedAt === lastOrderAt);
  if (after) {
    firstOrderAt = earlier(firstOrderAt, after.placedAt);
    lastOrderAt = later(lastOrderAt, after.placedAt);
  }
  const datesFromOrders = heldADate && !(after !== null && after.placedAt === before.placedAt);
  return { stats: { orderCount, lifetimeValueCents, firstOrderAt, lastOrderAt }, datesFromOrders };
}

/** The statistics of a person whose placed orders are these: each counted as a new order is (`statsAfterOrderChange`). */
export const statsOfOrders = (placed: readonly OrderContribution[]): PersonStats =>
  placed.reduce((stats, order) => statsAfterOrderChange(stats, null, order).stats, NO_ORDERS);
