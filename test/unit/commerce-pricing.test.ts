import { describe, expect, it } from '@jest/globals';
import type { FieldError } from '../../shared/errors';
import { chooseShippingAddress, exceedsBalance, priceOrder } from '../../shared/commerce/pricing';

/** The default `settings.limits.maxOrderCents`: $100 000. */
const LIMIT = 10_000_000;

const threeBottles = [{ sku: 'CAB-2019', name: 'Cabernet Sauvignon 2019', quantity: 3, unitPriceCents: 3333 }];

describe('Module: pricing', () => {
  describe('Function: priceOrder', () => {
    it('prices 3 × 3333 cents with a 10 % class discount rounded half up, and applies credit', () => {
      const errors: FieldError[] = [];
      const price = priceOrder({ lines: threeBottles, applyCreditCents: 2000 }, 10, LIMIT, errors);
      expect(errors).toEqual([]);
      expect(price).toEqual({
        lines: [{ ...threeBottles[0], lineTotalCents: 9999 }],
        subtotalCents: 9999,
        discountPercent: 10,
        discountCents: 1000,
        creditAppliedCents: 2000,
        totalCents: 6999,
      });
    });

    it('gives no discount without a class and applies no credit unless asked', () => {
      const price = priceOrder({ lines: threeBottles }, 0, LIMIT, []);
      expect(price).toMatchObject({ discountCents: 0, creditAppliedCents: 0, totalCents: 9999 });
    });

    it('refuses credit beyond the total after discount, naming applyCreditCents, and never totals below zero', () => {
      const errors: FieldError[] = [];
      const price = priceOrder({ lines: threeBottles, applyCreditCents: 9000 }, 10, LIMIT, errors);
      expect(errors).toEqual([{ path: 'applyCreditCents', message: 'must be at most the total after discount (8999)' }]);
      expect(price.totalCents).toBeGreaterThanOrEqual(0);
    });

    it('refuses an order worth more than the winery\'s limit after discount, naming lines, whatever credit pays for it', () => {
      const errors: FieldError[] = [];
      // The attack: 2 lines × 9 999 × $1 000 000.
      const huge = Array.from({ length: 2 }, (_, i) => ({ sku: `X${i}`, name: 'Rare', quantity: 9_999, unitPriceCents: 100_000_000 }));
      priceOrder({ lines: huge, applyCreditCents: 1_999_800_000_000 }, 0, LIMIT, errors);
      expect(errors).toEqual([{ path: 'lines', message: expect.stringContaining('at most 10000000') }]);
    });

    it('takes an order worth exactly the limit after discount, and one whose discount brings it down to it', () => {
      const atLimit = [{ sku: 'A', name: 'Case', quantity: 100, unitPriceCents: 100_000 }];
      const errors: FieldError[] = [];
      expect(priceOrder({ lines: atLimit }, 0, LIMIT, errors).totalCents).toBe(LIMIT);
      const over = [{ sku: 'A', name: 'Case', quantity: 100, unitPriceCents: 110_000 }];
      expect(priceOrder({ lines: over }, 10, LIMIT, errors).totalCents).toBe(9_900_000);
      expect(errors).toEqual([]);
      priceOrder({ lines: over }, 0, LIMIT, errors);
      expect(errors.map((error) => error.path)).toEqual(['lines']);
    });

    it('takes credit up to exactly the total after discount', () => {
      const errors: FieldError[] = [];
      expect(priceOrder({ lines: threeBottles, applyCreditCents: 8999 }, 10, LIMIT, errors).totalCents).toBe(0);
      expect(errors).toEqual([]);
    });
  });

  describe('Function: exceedsBalance', () => {
    it('is true only when the applied credit is more than the balance', () => {
      const price = priceOrder({ lines: threeBottles, applyCreditCents: 1001 }, 0, LIMIT, []);
      expect(exceedsBalance(price, 1000)).toBe(true);
      expect(exceedsBalance(price, 1001)).toBe(false);
    });
  });

  describe('Function: chooseShippingAddress', () => {
    const home = { id: 'home', kind: 'shipping' as const };
    const office = { id: 'office', kind: 'shipping' as const };
    const billing = { id: 'billing', kind: 'billing' as const };
    const person = { defaultShippingAddressId: 'home', addresses: [home, office, billing] };

    it('ships to the default shipping address, or to the one asked for', () => {
      expect(chooseShippingAddress({ fulfillment: 'ship' }, person, [])).toBe(home);
      expect(chooseShippingAddress({ fulfillment: 'ship', shippingAddressId: 'office' }, person, [])).toBe(office);
    });

    it('takes no address for pickup, and refuses one given', () => {
      expect(chooseShippingAddress({ fulfillment: 'pickup' }, person, [])).toBeNull();
      const errors: FieldError[] = [];
      chooseShippingAddress({ fulfillment: 'pickup', shippingAddressId: 'home' }, person, errors);
      expect(errors).toEqual([{ path: 'shippingAddressId', message: 'is only for fulfillment ship' }]);
    });

    it('refuses a billing address, an unknown one, and shipping with no default', () => {
      const errors: FieldError[] = [];
      chooseShippingAddress({ fulfillment: 'ship', shippingAddressId: 'billing' }, person, errors);
      chooseShippingAddress({ fulfillment: 'ship', shippingAddressId: 'someone-elses' }, person, errors);
      chooseShippingAddress({ fulfillment: 'ship' }, { defaultShippingAddressId: null, addresses: [billing] }, errors);
      expect(errors.map((e) => e.message)).toEqual([
        'is not a shipping address of this person',
        'is not a shipping address of this person',
        'is required: the person has no default shipping address',
      ]);
    });
  });
});
