import { describe, expect, it } from '@jest/globals';
import { receiptContent, type ReceiptOrder } from '../../shared/commerce/order-receipt';

/** Placed at 03:30 UTC on July 5: still the evening of July 4 in California. */
const order: ReceiptOrder = {
  orderNumber: 1003,
  createdAt: '2031-07-05T03:30:00.000Z',
  status: 'placed',
  customerName: 'Ada Lovelace',
  customerNumber: 1000,
  fulfillment: 'pickup',
  shippingAddress: null,
  lines: [{ sku: 'CAB', name: 'Cabernet', quantity: 1, unitPriceCents: 4500, lineTotalCents: 4500 }],
  subtotalCents: 4500,
  discountPercent: 0,
  discountCents: 0,
  creditAppliedCents: 0,
  totalCents: 4500,
};

describe('Function: receiptContent (time zone)', () => {
  it("dates the receipt in the winery's local time, with the zone", () => {
    const content = receiptContent(order, { wineryName: 'Silver Creek', currency: 'USD', timeZone: 'America/Los_Angeles' });
    expect(content.details[0]).toBe('Date: Fri, Jul 4, 2031, 8:30 PM PDT');
  });

  it('dates it in UTC for a winery on UTC', () => {
    const content = receiptContent(order, { wineryName: 'Silver Creek', currency: 'USD', timeZone: 'UTC' });
    expect(content.details[0]).toBe('Date: Sat, Jul 5, 2031, 3:30 AM UTC');
  });
});
