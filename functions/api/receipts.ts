import { orderReceiptPdf, ownOrderReceiptPdf } from '../../shared/commerce/receipt-service';
import { apiHandler, Reply } from '../../shared/http/api-handler';
import { portalAuthFromHeader } from '../../shared/http/portal-auth';
import { orderRoutes } from '../../shared/http/routes/orders';

/** Its own function so that pdf-lib stays out of the orders function's bundle. */
const pdfReply = (receipt: { pdf: Buffer; filename: string }) =>
  new Reply(200, receipt.pdf, {
    'content-type': 'application/pdf',
    'content-disposition': `inline; filename="${receipt.filename}"`,
    'cache-control': 'private, no-store',
  });

export const handler = apiHandler(
  orderRoutes,
  'receipts',
  {
    getOrderReceipt: async ({ auth, params }) => pdfReply(await orderReceiptPdf(auth.tenantId, params.orderId)),
    getMyOrderReceipt: async ({ auth, params }) => pdfReply(await ownOrderReceiptPdf(auth.tenantId, auth.customerId, params.orderId)),
  },
  { verifyPortalToken: portalAuthFromHeader },
);
