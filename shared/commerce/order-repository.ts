import { nowIso } from '../clock';
import { formatMoney } from './money';
import { personScopedId } from '../people/person-scoped-id';
import { ConflictError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { Address } from '../people/customer-schemas';
import type { CreateOrderBody, Order } from './order-schemas';
import { BALANCE_WRITE, creditWrites } from './credit-repository';
import { creditBalanceTooLow } from './credit-rules';
import { classDiscount, discountStillIs } from '../classes/customer-class-repository';
import { toAddress, toCustomer, type AddressItem, type CustomerItem } from '../people/customer-items';
import { IDEMPOTENCY_WRITE, idempotencyWrite, replayResponse, type IdempotencyRequest } from '../db/idempotency';
import { firstStamp, nextStamp } from '../db/item-stamp';
import { fieldUpdateWrite, putNew } from '../db/item-writes';
import { customerKeys } from '../people/keys';
import { placementStatsUpdate } from './order-stats';
import { toOrder, type OrderItem } from './order-items';
import { orderKeys } from './keys';
import { acceptOrder, cancelledSummary, orderPolicy, placedSummary } from './order-rules';
import { exceedsBalance, type OrderPrice } from './pricing';
import { getScopedItem, getScopedItemOfCustomer, listScopedOfDay, listScopedOfPerson, type PersonScopedKind } from './person-scoped-reader';
import type { PageRequest } from '../db/cursor';
import { cancellationWrite, timelineEventWrite } from './timeline-event';
import { readProfilePage } from '../people/profile-page';
import { nextNumber } from '../db/sequence';
import { cachedSettings } from '../settings/settings-repository';
import { timelineFields } from '../history/timeline';
import { ConditionsFailedError, concurrentUpdate, transactWrite, type NamedWrite } from '../db/transact';

/**
 * Orders, as seen from the person. An order is the item `H#ORDER#<ulid>` in the person's
 * partition (`keys.ts`), so their order history is one Query on that prefix, newest first, and
 * the order is on their timeline (gsi3). Its public id is `<customerId>-<ulid>`
 * (`person-scoped-id.ts`): `GET /v1/orders/{orderId}` is one strongly consistent GetItem, with
 * no pointer item.
 *
 * Placing an order: the profile page (person, addresses) and the tenant's settings are read
 * together, and the discount of the person's class as this container knows it (cached a few
 * seconds: a request of its own only when it is not); the rules (`order-rules.ts`, `pricing.ts`)
 * decide; the order number is taken (one counter update) only once the order is accepted; then
 * ONE transaction writes the order, the person's profile (their order statistics moved, with the
 * credit deduction when credit is applied, whose ledger entry goes along), a check that the class
 * still gives that discount (when it changed, the order is priced again and written under the
 * same number) and the idempotency record: three requests. A profile write that fails reads the
 * person again and decides again: gone (404, 410), credit no longer enough (409), or another
 * order moved the statistics first (written again).
 *
 * The order is also on the tenant's list of the day it was placed (gsi4, by time placed), so
 * "orders of a day" is one Query. Days are the winery's, in its time zone.
 */
const IDEMPOTENCY_SCOPE = 'orders';
/** The order's write of its person's profile (their statistics), when it applies no credit. */
const PROFILE_WRITE = 'profile';
/** Lost races (another order's statistics, a new discount) before a 409 `concurrent-update`. */
const MAX_ATTEMPTS = 5;

const ORDERS: PersonScopedKind<OrderItem, Order> = {
  what: 'order',
  keys: orderKeys,
  listIds: { ofPerson: 'orders', ofDay: 'orders-of-day' },
  dayNewestFirst: true,
  toApi: toOrder,
};

/** The stored order (with the person's name as it was), or 404 in the caller's tenant. */
export const getOrderItem = (tenantId: string, orderId: string) => getScopedItem(ORDERS, tenantId, orderId);
/** A person's own order (the member portal). */
export const getOrderItemOfCustomer = (tenantId: string, customerId: string, orderId: string) =>
  getScopedItemOfCustomer(ORDERS, tenantId, customerId, orderId);
export const getOrder = async (tenantId: string, orderId: string) => toOrder(await getOrderItem(tenantId, orderId));
/** `GET /v1/orders?date=`: the tenant's orders placed on that day (the winery's), newest first, cancelled ones too. */
export const listOrdersOfDay = (tenantId: string, query: PageRequest & { date: string }) => listScopedOfDay(ORDERS, tenantId, query);
/** The person's orders, newest first (also for the member portal). */
export const listOrders = (tenantId: string, customerId: string, page: PageRequest) => listScopedOfPerson(ORDERS, tenantId, customerId, page);

export async function placeOrder(
  tenantId: string,
  input: CreateOrderBody,
  actor: Actor,
  idempotency?: IdempotencyRequest,
): Promise<Order> {
  const customerId = input.customerId;
  const [firstPage, settings] = await Promise.all([readProfilePage(tenantId, customerId), cachedSettings(tenantId)]);
  let page = firstPage;
  let profile = page.profile;
  // The discount of the person's effective class, as this container knows it (a class that is
  // gone gives none); the transaction checks it still holds.
  const classId = profile.effectiveClassId ?? null;
  let percent = classId ? await classDiscount(tenantId, classId) : undefined;
  const accept = () =>
    acceptOrder(
      input,
      {
        discountPercent: percent ?? 0,
        defaultShippingAddressId: profile.defaultShippingAddressId ?? null,
        addresses: page.addresses,
        needsAgeVerification: toCustomer(profile).needsAgeVerification,
      },
      orderPolicy(settings),
    );
  let accepted = accept();
  // Refused here, no order number is spent. A keyed request goes on to the transaction: a
  // retry of an order that spent the credit must replay its first response, not a 409.
  if (!idempotency && exceedsBalance(accepted.price, profile.creditBalanceCents ?? 0)) throw creditBalanceTooLow('applyCreditCents');

  const orderNumber = await nextNumber(tenantId, 'order');
  const at = nowIso();
  const ownId = newId();
  const id = personScopedId(customerId, ownId);
  for (let attempt = 1; ; attempt += 1) {
    const { item, writes } = orderWrites(tenantId, profile, input, accepted, { orderNumber, at, ownId, id, classId }, settings, actor);
    if (classId) writes.push(discountStillIs(tenantId, classId, percent));
    const order = toOrder(item);
    if (idempotency) writes.push(idempotencyWrite(tenantId, IDEMPOTENCY_SCOPE, idempotency, order));
    try {
      await transactWrite(writes);
      return order;
    } catch (error) {
      if (!(error instanceof ConditionsFailedError)) throw error;
      if (error.failed.has(IDEMPOTENCY_WRITE)) return (await replayResponse(tenantId, IDEMPOTENCY_SCOPE, idempotency!)) as Order;
      if (error.failed.has(PROFILE_WRITE) || error.failed.has(BALANCE_WRITE)) {
        // The person is gone (404, 410), their credit no longer covers it (409
        // `credit-balance-too-low`), or another order moved their statistics first (a lost race):
        // read again and decide, same number.
        page = await readProfilePage(tenantId, customerId);
        profile = page.profile;
        accepted = accept();
        if (exceedsBalance(accepted.price, profile.creditBalanceCents ?? 0)) throw creditBalanceTooLow('applyCreditCents');
      } else if (error.failed.has('discount') && classId) {
        // The class's discount changed since this container read it: priced again, same number.
        percent = await classDiscount(tenantId, classId, { fresh: true });
        accepted = accept();
      } else throw error;
      if (attempt >= MAX_ATTEMPTS) throw concurrentUpdate();
    }
  }
}

/** The order item and the writes that go with it: the person's profile with their statistics moved (and the credit applied, with its ledger entry). */
function orderWrites(
  tenantId: string,
  profile: CustomerItem,
  input: CreateOrderBody,
  { price, shippingAddress: shippingItem }: { price: OrderPrice; shippingAddress: AddressItem | null },
  order: { orderNumber: number; at: string; ownId: string; id: string; classId: string | null },
  settings: { currency: string; timeZone: string },
  actor: Actor,
): { item: OrderItem; writes: NamedWrite[] } {
  const { currency } = settings;
  const { orderNumber, at, ownId, id, classId } = order;
  const customerId = profile.id;
  const shippingAddress: Address | null = shippingItem ? toAddress(shippingItem) : null;
  const creditApplied = price.creditAppliedCents;
  const item: OrderItem = {
    ...orderKeys.item(tenantId, customerId, ownId),
    type: 'order',
    tenantId,
    customerId,
    id,
    orderNumber,
    customerNumber: profile.customerNumber,
    customerName: `${profile.firstName} ${profile.lastName}`,
    lines: price.lines,
    subtotalCents: price.subtotalCents,
    discountPercent: price.discountPercent,
    discountCents: price.discountCents,
    creditAppliedCents: creditApplied,
    totalCents: price.totalCents,
    status: 'placed',
    statsCounted: true,
    fulfillment: input.fulfillment,
    shippingAddressId: shippingAddress?.id ?? null,
    shippingAddress,
    customerClassId: classId,
    specialInstructions: profile.specialInstructions ?? null,
    note: input.note ?? null,
    cancelledAt: null,
    cancelReason: null,
    ...firstStamp(actor, at),
    ...orderKeys.day.entry(tenantId, at, id, settings.timeZone),
    ...timelineFields(tenantId, customerId, {
      at,
      type: 'order',
      summary: placedSummary(orderNumber, formatMoney(price.totalCents, currency)),
      refId: id,
    }),
  };
  // The person's statistics move with the order (`order-stats.ts`), in the write of their profile.
  const stats = placementStatsUpdate(profile.stats, { totalCents: item.totalCents, placedAt: at });
  const writes: NamedWrite[] = [putNew('order', item)];
  if (creditApplied > 0) {
    const credit = creditWrites(
      tenantId,
      customerId,
      {
        amountCents: -creditApplied,
        reason: `Applied to order #${orderNumber}`,
        orderId: id,
        summary: `Credit applied to order #${orderNumber}: ${formatMoney(creditApplied, currency)}`,
      },
      currency,
      actor,
      at,
      stats,
    );
    writes.push(...credit.writes);
  } else {
    writes.push(fieldUpdateWrite(PROFILE_WRITE, customerKeys.profile(tenantId, customerId), stats.fields, actor, at, { add: stats.add, condition: stats.condition }));
  }
  return { item, writes };
}

const NOT_CANCELLABLE = () => new ConflictError('order-not-placed', 'Only a placed order can be cancelled; this one is already cancelled.');

/**
 * Cancels a placed order and returns its applied credit: one transaction of the status change
 * (conditioned on `status = placed`), its line on the person's timeline and, when credit was
 * applied, the balance increase with its ledger entry. The condition makes the credit come
 * back exactly once, however many cancels race; every later cancel is a 409.
 */
export async function cancelOrder(tenantId: string, orderId: string, actor: Actor, reason?: string): Promise<Order> {
  const [current, { currency }] = await Promise.all([getOrderItem(tenantId, orderId), cachedSettings(tenantId)]);
  if (current.status !== 'placed') throw NOT_CANCELLABLE();
  const at = nowIso();
  const next: OrderItem = {
    ...current,
    status: 'cancelled',
    cancelledAt: at,
    cancelReason: reason ?? null,
    ...nextStamp(current, actor, at),
  };
  const writes: NamedWrite[] = [cancellationWrite('order', current, 'placed', next.cancelReason, actor, at)];
  const ownId = current.sk.slice(orderKeys.prefix.length);
  writes.push(
    timelineEventWrite(
      orderKeys.event(tenantId, current.customerId, ownId, 'CANCELLED'),
      { tenantId, customerId: current.customerId, id: current.id, type: 'order' },
      cancelledSummary(current.orderNumber, next.cancelReason),
      actor,
      at,
    ),
  );
  if (current.creditAppliedCents > 0) {
    const credit = creditWrites(
      tenantId,
      current.customerId,
      {
        amountCents: current.creditAppliedCents,
        reason: `Returned from cancelled order #${current.orderNumber}`,
        orderId: current.id,
        summary: `Credit returned from cancelled order #${current.orderNumber}: ${formatMoney(current.creditAppliedCents, currency)}`,
      },
      currency,
      actor,
      at,
    );
    writes.push(...credit.writes);
  }
  try {
    await transactWrite(writes);
  } catch (error) {
    if (error instanceof ConditionsFailedError && error.failed.has('order')) throw NOT_CANCELLABLE();
    throw error;
  }
  return toOrder(next);
}
