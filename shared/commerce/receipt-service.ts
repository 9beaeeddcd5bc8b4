import { getOrderItem, getOrderItemOfCustomer } from './order-repository';
import type { OrderItem } from './order-items';
import { cachedSettings } from '../settings/settings-repository';
import { renderOrderReceipt } from './order-receipt';

/**
 * The receipt of an order: the stored order (which keeps the person's name as it was when they
 * ordered) and the winery's name, currency and time zone, read together.
 */
async function receiptOf(tenantId: string, order: Promise<OrderItem>): Promise<{ pdf: Buffer; filename: string }> {
  const [item, settings] = await Promise.all([order, cachedSettings(tenantId)]);
  const pdf = await renderOrderReceipt(item, { wineryName: settings.wineryName, currency: settings.currency, timeZone: settings.timeZone });
  return { pdf, filename: `receipt-${item.orderNumber}.pdf` };
}

/** Staff: any order of the caller's tenant. */
export function orderReceiptPdf(tenantId: string, orderId: string) {
  return receiptOf(tenantId, getOrderItem(tenantId, orderId));
}

/** The member portal: only the person's own order (another person's is a 404). */
export function ownOrderReceiptPdf(tenantId: string, customerId: string, orderId: string) {
  return receiptOf(tenantId, getOrderItemOfCustomer(tenantId, customerId, orderId));
}
