import { describe, expect, it } from '@jest/globals';
import { discountCents, formatMoney, lineTotalCents, minorUnitDigits, subtotalCents } from '../../shared/commerce/money';

describe('Module: money', () => {
  describe('Function: subtotalCents', () => {
    it('adds 3 × 3333 cents to exactly 9999', () => {
      expect(lineTotalCents(3, 3333)).toBe(9999);
      expect(subtotalCents([{ quantity: 3, unitPriceCents: 3333 }])).toBe(9999);
    });

    it('stays exact where floats would not (0.1 + 0.2)', () => {
      expect(subtotalCents([{ quantity: 1, unitPriceCents: 10 }, { quantity: 1, unitPriceCents: 20 }])).toBe(30);
      expect(subtotalCents(Array.from({ length: 100 }, () => ({ quantity: 10_000, unitPriceCents: 100_000_000 })))).toBe(100_000_000_000_000);
    });

    it('refuses a sum beyond the safe integers instead of rounding it', () => {
      expect(() => subtotalCents([{ quantity: 2, unitPriceCents: Number.MAX_SAFE_INTEGER }])).toThrow(RangeError);
    });
  });

  describe('Function: discountCents', () => {
    it('rounds half up to the cent', () => {
      expect(discountCents(9999, 10)).toBe(1000); // 999.9
      expect(discountCents(9999, 12.5)).toBe(1250); // 1249.875
      expect(discountCents(5, 10)).toBe(1); // exactly half a cent
      expect(discountCents(4, 10)).toBe(0); // 0.4
      expect(discountCents(9999, 33.33)).toBe(3333); // 3332.6667
    });

    it('reads two-decimal percents exactly despite their float representation', () => {
      // 0.29 * 100 is 28.999999999999996 as a float: taken as 29 basis points.
      expect(discountCents(1_000_000, 0.29)).toBe(2900);
      expect(discountCents(1_000_000, 0)).toBe(0);
      expect(discountCents(1_000_000, 100)).toBe(1_000_000);
    });

    it('refuses a percent out of range or a fractional amount', () => {
      expect(() => discountCents(100, 101)).toThrow(RangeError);
      expect(() => discountCents(100.5, 10)).toThrow(RangeError);
    });
  });

  describe('Function: formatMoney', () => {
    it('formats minor units in the currency, with its own number of decimals', () => {
      expect(formatMoney(8999, 'USD')).toBe('$89.99');
      expect(formatMoney(5, 'USD')).toBe('$0.05');
      expect(formatMoney(-1480, 'USD')).toBe('-$14.80');
      expect(formatMoney(123_456, 'EUR')).toBe('€1,234.56');
      expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
      expect(formatMoney(1_234_567, 'BHD')).toBe('BHD\u00a01,234.567');
      expect(minorUnitDigits('JPY')).toBe(0);
    });

    it('is exact for amounts a float division would blur', () => {
      expect(formatMoney(900_719_925_474_099, 'USD')).toBe('$9,007,199,254,740.99');
    });
  });
});
