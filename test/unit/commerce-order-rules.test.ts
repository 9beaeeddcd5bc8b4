import { describe, expect, it } from '@jest/globals';
import { ConflictError, ValidationError } from '../../shared/errors';
import { acceptOrder, cancelledSummary, orderPolicy, placedSummary, type Buyer } from '../../shared/commerce/order-rules';
import type { CreateOrderBody } from '../../shared/commerce/order-schemas';

const home = { id: 'home', kind: 'shipping' as const };
const adult: Buyer<typeof home> = { discountPercent: 0, defaultShippingAddressId: 'home', addresses: [home], needsAgeVerification: false };
const unverified = { ...adult, needsAgeVerification: true };
const order: CreateOrderBody = {
  customerId: '01J00000000000000000000000',
  lines: [{ sku: 'CAB', name: 'Cabernet', quantity: 1, unitPriceCents: 4500 }],
  fulfillment: 'ship',
};

/** The error `act` throws (the test fails when it throws none). */
function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('Module: order-rules', () => {
  describe('Function: orderPolicy', () => {
    it('requires a verified adult unless the winery turned it off, also when settings predate the field', () => {
      expect(orderPolicy({ ageVerification: { requiredForOrders: true } })).toMatchObject({ adultsOnly: true, maxOrderCents: 10_000_000 });
      expect(orderPolicy({ ageVerification: {} })).toMatchObject({ adultsOnly: true, maxOrderCents: 10_000_000 });
      expect(orderPolicy({})).toMatchObject({ adultsOnly: true, maxOrderCents: 10_000_000 });
      expect(orderPolicy({ ageVerification: { requiredForOrders: false } })).toMatchObject({ adultsOnly: false, maxOrderCents: 10_000_000 });
    });

    it('limits an order to the winery\'s maxOrderCents, $100 000 when settings predate the field', () => {
      expect(orderPolicy({}).maxOrderCents).toBe(10_000_000);
      expect(orderPolicy({ limits: { maxOrderCents: 50_000 } }).maxOrderCents).toBe(50_000);
    });
  });

  describe('Function: acceptOrder', () => {
    it('accepts a verified adult, with the price and where it ships', () => {
      const accepted = acceptOrder(order, adult, { adultsOnly: true, maxOrderCents: 10_000_000 });
      expect(accepted.price.totalCents).toBe(4500);
      expect(accepted.shippingAddress).toBe(home);
    });

    it('refuses a person whose age is not verified with 409 age-verification-required when the winery requires it', () => {
      const refused = thrown(() => acceptOrder(order, unverified, { adultsOnly: true, maxOrderCents: 10_000_000 }));
      expect(refused).toBeInstanceOf(ConflictError);
      expect(refused).toMatchObject({ kind: 'conflict', slug: 'age-verification-required' });
    });

    it('accepts the unverified person when the winery does not require verification', () => {
      expect(acceptOrder(order, unverified, { adultsOnly: false, maxOrderCents: 10_000_000 }).price.totalCents).toBe(4500);
    });

    it('names every bad field first, in one 400, before the age', () => {
      const bad = { ...order, fulfillment: 'pickup' as const, shippingAddressId: 'home', applyCreditCents: 5000 };
      const refused = thrown(() => acceptOrder(bad, unverified, { adultsOnly: true, maxOrderCents: 10_000_000 }));
      expect(refused).toBeInstanceOf(ValidationError);
      expect((refused as ValidationError).errors?.map((e) => e.path).sort()).toEqual(['applyCreditCents', 'shippingAddressId']);
    });
  });

  describe('Timeline lines', () => {
    it('say what happened to the order', () => {
      expect(placedSummary(1003, '$45.00')).toBe('Order #1003 placed: $45.00');
      expect(cancelledSummary(1003, null)).toBe('Order #1003 cancelled');
      expect(cancelledSummary(1003, 'Changed mind')).toBe('Order #1003 cancelled: Changed mind');
    });
  });
});
