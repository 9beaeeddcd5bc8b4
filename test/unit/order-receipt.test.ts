import { describe, expect, it } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import { receiptContent, renderOrderReceipt, type ReceiptOrder } from '../../shared/commerce/order-receipt';

const order: ReceiptOrder = {
  orderNumber: 1042,
  createdAt: '2025-03-14T18:30:00.000Z',
  status: 'placed',
  customerName: 'Ada Lovelace',
  customerNumber: 1007,
  fulfillment: 'ship',
  shippingAddress: {
    id: 'a1', kind: 'shipping', firstName: 'Ada', lastName: 'Lovelace', company: null, line1: '1 Vine St', line2: null,
    city: 'Napa', region: 'CA', postalCode: '94558', country: 'US', phone: null, email: null, isDefault: true, version: 1,
  },
  lines: [{ sku: 'CAB-2019', name: 'Cabernet Sauvignon 2019', quantity: 3, unitPriceCents: 3333, lineTotalCents: 9999 }],
  subtotalCents: 9999,
  discountPercent: 12.5,
  discountCents: 1250,
  creditAppliedCents: 500,
  totalCents: 8249,
};

describe('Function: receiptContent', () => {
  it('lists subtotal, discount, credit and total in the currency', () => {
    const content = receiptContent(order, { wineryName: 'Vine & Oak', currency: 'EUR', timeZone: 'UTC' });
    expect(content.heading).toBe('Order #1042');
    expect(content.totals).toEqual([
      { label: 'Subtotal', amount: '€99.99' },
      { label: 'Discount (12.50%)', amount: '-€12.50' },
      { label: 'Credit applied', amount: '-€5.00' },
      { label: 'Total', amount: '€82.49' },
    ]);
    expect(content.lines).toEqual([{ name: 'Cabernet Sauvignon 2019', sku: 'CAB-2019', quantity: '3', unitPrice: '€33.33', amount: '€99.99' }]);
    expect(content.shipTo).toEqual(['Ada Lovelace', '1 Vine St', '94558 Napa CA', 'US']);
  });

  it('leaves out a zero discount and zero credit, and says when the order is cancelled', () => {
    const content = receiptContent(
      { ...order, status: 'cancelled', discountCents: 0, discountPercent: 0, creditAppliedCents: 0, totalCents: 9999, fulfillment: 'pickup', shippingAddress: null },
      { wineryName: 'Vine & Oak', currency: 'USD', timeZone: 'UTC' },
    );
    expect(content.totals.map((row) => row.label)).toEqual(['Subtotal', 'Total']);
    expect(content.details).toContain('Status: CANCELLED');
    expect(content.shipTo).toEqual([]);
  });
});

describe('Function: renderOrderReceipt', () => {
  it('renders a PDF that pdf-lib can read back, with its title', async () => {
    const pdf = await renderOrderReceipt(order, { wineryName: 'Vine & Oak', currency: 'USD', timeZone: 'UTC' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const read = await PDFDocument.load(pdf);
    expect(read.getPageCount()).toBe(1);
    expect(read.getTitle()).toBe('Vine & Oak - Order #1042');
  });

  it('continues on further pages for a long order, and shows characters the font lacks as ?', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => ({
      sku: `SKU-${i}`, name: `Wine ${i} 葡萄酒 🍷 with a very long name that has to be shortened to fit its column`, quantity: 1, unitPriceCents: 100, lineTotalCents: 100,
    }));
    const pdf = await renderOrderReceipt({ ...order, lines }, { wineryName: 'Château Ünïcode 酒庄', currency: 'USD', timeZone: 'UTC' });
    const read = await PDFDocument.load(pdf);
    expect(read.getPageCount()).toBeGreaterThan(3);
  });
});
