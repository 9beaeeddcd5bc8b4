import { orderReceiptPdf } from '../../shared/commerce/receipt-service';
import { apiHandler, Reply } from '../../shared/http/api-handler';
import { orderRoutes } from '../../shared/http/routes/orders';

/** Its own function so that pdf-lib stays out of the orders function's bundle. */
export const handler = apiHandler(orderRoutes, 'receipts', {
  getOrderReceipt: async ({ auth, params }) => {
    const receipt = await orderReceiptPdf(auth.tenantId, params.orderId);
    return new Reply(200, receipt.pdf, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${receipt.filename}"`,
      'cache-control': 'private, no-store',
    });
  },
});
