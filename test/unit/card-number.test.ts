import { describe, expect, it } from '@jest/globals';
import { containsCardNumber, passesLuhn } from '../../shared/http/card-number';

/** Writes 4111111111111111 (a test Visa number, Luhn-valid) in another script's digits. */
const inScript = (zero: number, text = '4111111111111111') =>
  text.replace(/\d/g, (digit) => String.fromCodePoint(zero + Number(digit)));

describe('Function: containsCardNumber', () => {
  describe('finds a card number however a person types or pastes it', () => {
    it.each([
      ['plain', '4111111111111111'],
      ['spaces', '4111 1111 1111 1111'],
      ['dashes', '4111-1111-1111-1111'],
      ['tabs and newlines', '4111\t1111\n1111\r\n1111'],
      ['no-break, thin and ideographic spaces', '4111\u00a01111\u20091111\u30001111'],
      ['a spaced dash', '4111 - 1111 - 1111 - 1111'],
      ['double spaces', '4111  1111  1111  1111'],
      ['dots', '4111.1111.1111.1111'],
      ['underscores', '4111_1111_1111_1111'],
      ['slashes', '4111/1111/1111/1111'],
      ['en and em dashes, a minus sign', '4111\u20131111\u20141111\u22121111'],
      ['zero-width spaces', '4111\u200b1111\u200b1111\u200b1111'],
      ['uneven groups', '41 11 11 11 11 11 11 11'],
      ['Amex layout', '3782 822463 10005'],
      ['full-width digits', '４１１１ １１１１ １１１１ １１１１'],
      ['Arabic-Indic digits', inScript(0x660)],
      ['extended Arabic-Indic digits', inScript(0x6f0)],
      ['Devanagari digits', inScript(0x966)],
      ['mathematical bold digits', inScript(0x1d7ce)],
      ['followed by an expiry', '4111 1111 1111 1111 12/30'],
      ['followed by an expiry without a slash', '4111-1111-1111-1111 0130'],
      ['followed by an expiry and a CVV', '4111111111111111 12/30 123'],
      ['with the CVV glued on', '4111111111111111123'],
      ['with the expiry glued on', '41111111111111111230'],
      ['after an expiry', '12/30 4111 1111 1111 1111'],
      ['inside a sentence', 'card:4111111111111111, thanks!'],
      ['glued to letters', 'visa4111111111111111exp'],
      ['13 digits, the shortest card number (a Visa test number)', '4222222222222'],
      ['in an id of letters and digits', '01JD5Z4111111111111111XY'],
    ])('%s: %j', (_layout, text) => {
      expect(containsCardNumber(text)).toBe(true);
    });
  });

  describe('does not take other numbers for one', () => {
    it.each([
      ['a 16-digit number that fails Luhn', 'order ref 4111111111111112'],
      ['an ISO date', '2024-01-02'],
      ['an instant', '2024-01-02T10:00:00.000Z'],
      ['a phone number', '+1 (707) 555-1234'],
      ['two phone numbers', '707-555-1234 / 707-555-9876'],
      ['a ULID', '01JD5Z7W8K2Q3R4S5T6V7W8X9Y'],
      ['a UUID', '550e8400-e29b-41d4-a716-446655440000'],
      ['an amount', '1,234,567.89'],
      ['a processor token', 'pm_1Nabc4111'],
      ['12 digits that pass Luhn', '422222222222'],
    ])('%s: %j', (_what, text) => {
      expect(containsCardNumber(text)).toBe(false);
    });

    it('checks the stretches a card number is typed in, not every window of a long run', () => {
      // Both runs hold a Luhn-valid 14–16 digit window (70755512347075, 0192020202120222), but
      // not where a card number would start and end.
      expect(containsCardNumber('707-555-1234 / 707-555-9876')).toBe(false);
      expect(containsCardNumber('vintages 2019 2020 2021 2022 2023')).toBe(false);
    });
  });

  it('reads a 64 KiB text of digits quickly', () => {
    const started = performance.now();
    for (const text of ['4'.repeat(65_536), '٤'.repeat(65_536), '1 '.repeat(32_768)]) containsCardNumber(text);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('Function: passesLuhn', () => {
  it('accepts test card numbers and refuses a changed digit', () => {
    expect(['4111111111111111', '5555555555554444', '378282246310005'].map(passesLuhn)).toEqual([true, true, true]);
    expect(passesLuhn('4111111111111112')).toBe(false);
  });
});
