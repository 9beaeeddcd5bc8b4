import { describe, expect, it } from '@jest/globals';
import type { FieldError } from '../../shared/errors';
import { chooseShippingAddress, exceedsBalance, priceOrder } from '../../shared/commerce/pricing';

const threeBottles = [{ sku: 'CAB-2019', name: 'Cabernet Sauvignon 2019', quantity: 3, unitPriceCents: 3333 }];

describe('Module: pricing', () => {
  describe('Function: priceOrder', () => {
    it('prices 3 × 3333 cents with a 10 % class discount rounded half up, and applies credit', () => {
      const errors: FieldError[] = [];
      const price = priceOrder({ lines: threeBottles, applyCreditCents: 2000 }, 10, errors);
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
      const price = priceOrder({ lines: threeBottles }, 0, []);
      expect(price).toMatchObject({ discountCents: 0, creditAppliedCents: 0, totalCents: 9999 });
    });

    it('refuses credit beyond the total after discount, naming applyCreditCents, and never totals below zero', () => {
      const errors: FieldError[] = [];
      const price = priceOrder({ lines: threeBottles, applyCreditCents: 9000 }, 10, errors);
      expect(errors).toEqual([{ path: 'applyCreditCents', message: 'must be at most the total after discount (8999)' }]);
      expect(price.totalCents).toBeGreaterThanOrEqual(0);
    });

    it('takes credit up to exactly the total after discount', () => {
      const errors: FieldError[] = [];
      expect(priceOrder({ lines: threeBottles, applyCreditCents: 8999 }, 10, errors).totalCents).toBe(0);
      expect(errors).toEqual([]);
    });
  });

  describe('Function: exceedsBalance', () => {
    it('is true only when the applied credit is more than the balance', () => {
      const price = priceOrder({ lines: threeBottles, applyCreditCents: 1001 }, 0, []);
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
