import { getOrderItem } from './order-repository';
import { cachedSettings } from '../settings/settings-repository';
import { renderOrderReceipt } from './order-receipt';

/**
 * The receipt of an order in the caller's tenant: the stored order (which keeps the person's
 * name as it was when they ordered) and the winery's name and currency, read together.
 */
export async function orderReceiptPdf(tenantId: string, orderId: string): Promise<{ pdf: Buffer; filename: string }> {
  const [order, settings] = await Promise.all([getOrderItem(tenantId, orderId), cachedSettings(tenantId)]);
  const pdf = await renderOrderReceipt(order, { wineryName: settings.wineryName, currency: settings.currency });
  return { pdf, filename: `receipt-${order.orderNumber}.pdf` };
}
