import { describe, expect, it } from '@jest/globals';
import { cellarKeys, creditKeys, orderKeys, reservationKeys } from '../../shared/commerce/keys';

describe('Module: commerce keys', () => {
  it("keeps every item in the person's partition, under its list's prefix", () => {
    for (const keys of [orderKeys, reservationKeys, creditKeys, cellarKeys]) {
      const key = keys.item('t1', 'c1', 'x1');
      expect(key.pk).toBe('T#t1#C#c1');
      expect(key.sk.startsWith(keys.prefix)).toBe(true);
      expect(key.sk.startsWith('P#')).toBe(false); // never read with the profile page
    }
  });

  it('keeps timeline events out of the order and reservation lists', () => {
    expect(orderKeys.event('t1', 'c1', 'x1', 'CANCELLED').sk.startsWith(orderKeys.prefix)).toBe(false);
    expect(reservationKeys.event('t1', 'c1', 'x1', 'CANCELLED').sk.startsWith(reservationKeys.prefix)).toBe(false);
  });

  it("puts day entries in the tenant's partition of the winery's day, sorted by instant", () => {
    // 10:15 PM on July 4 in California is already July 5 in UTC.
    expect(orderKeys.day.entry('t1', '2031-07-05T05:15:00.000Z', 'c1-x1', 'America/Los_Angeles')).toEqual({
      gsi4pk: 'T#t1#DAY#ORDER#2031-07-04',
      gsi4sk: '2031-07-05T05:15:00.000Z#c1-x1',
    });
    // 00:30 on July 5 in Auckland is still July 4 in UTC.
    expect(reservationKeys.day.entry('t1', '2031-07-04T12:30:00.000Z', 'c1-x2', 'Pacific/Auckland').gsi4pk).toBe('T#t1#DAY#RESERVATION#2031-07-05');
    expect(orderKeys.day.entry('t1', '2031-07-04T22:15:00.000Z', 'c1-x1', 'UTC').gsi4pk).toBe('T#t1#DAY#ORDER#2031-07-04');
    expect(reservationKeys.day.partition('t1', '2031-07-04')).toBe('T#t1#DAY#RESERVATION#2031-07-04');
  });
});
