import { describe, expect, it } from '@jest/globals';
import { NO_ORDERS, statsAfterOrderChange, statsOfOrders } from '../../shared/people/person-stats';

const placed = (totalCents: number, placedAt: string) => ({ totalCents, placedAt });
const JAN = '2027-01-10T10:00:00.000Z';
const FEB = '2027-02-10T10:00:00.000Z';
const MAR = '2027-03-10T10:00:00.000Z';

describe('Function: statsAfterOrderChange', () => {
  it('counts a placed order, adds its total and sets both dates on a first order', () => {
    expect(statsAfterOrderChange(NO_ORDERS, null, placed(4500, FEB))).toEqual({
      stats: { orderCount: 1, lifetimeValueCents: 4500, firstOrderAt: FEB, lastOrderAt: FEB },
      datesFromOrders: false,
    });
  });

  it('moves the first or the last date only outwards, whatever order the records arrive in', () => {
    const stats = { orderCount: 1, lifetimeValueCents: 4500, firstOrderAt: FEB, lastOrderAt: FEB };
    expect(statsAfterOrderChange(stats, null, placed(100, JAN)).stats).toEqual({ orderCount: 2, lifetimeValueCents: 4600, firstOrderAt: JAN, lastOrderAt: FEB });
    expect(statsAfterOrderChange(stats, null, placed(100, MAR)).stats).toEqual({ orderCount: 2, lifetimeValueCents: 4600, firstOrderAt: FEB, lastOrderAt: MAR });
  });

  it('takes a cancelled order back, and asks for the dates from the other orders when it held one', () => {
    const stats = { orderCount: 3, lifetimeValueCents: 7000, firstOrderAt: JAN, lastOrderAt: MAR };
    expect(statsAfterOrderChange(stats, placed(2000, FEB), null)).toEqual({
      stats: { orderCount: 2, lifetimeValueCents: 5000, firstOrderAt: JAN, lastOrderAt: MAR },
      datesFromOrders: false,
    });
    expect(statsAfterOrderChange(stats, placed(3000, MAR), null).datesFromOrders).toBe(true);
    expect(statsAfterOrderChange(stats, placed(1000, JAN), null).datesFromOrders).toBe(true);
  });

  it('leaves no dates once no order counts', () => {
    const stats = { orderCount: 1, lifetimeValueCents: 4500, firstOrderAt: FEB, lastOrderAt: FEB };
    expect(statsAfterOrderChange(stats, placed(4500, FEB), null)).toEqual({ stats: NO_ORDERS, datesFromOrders: false });
  });
});

describe('Function: statsOfOrders', () => {
  it('counts and sums the orders, finds the first and the last in any order, and is no orders for none', () => {
    expect(statsOfOrders([placed(200, FEB), placed(300, MAR), placed(100, JAN)])).toEqual({ orderCount: 3, lifetimeValueCents: 600, firstOrderAt: JAN, lastOrderAt: MAR });
    expect(statsOfOrders([])).toEqual(NO_ORDERS);
  });
});
