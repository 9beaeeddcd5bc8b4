import { apiHandler } from '../../shared/http/api-handler';
import { webhookRoutes } from '../../shared/http/routes/webhooks';
import { listDeliveries, requestRetry, sendPing } from '../../shared/webhooks/delivery-repository';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  rotateSecret,
  updateWebhook,
} from '../../shared/webhooks/webhook-repository';

export const handler = apiHandler(webhookRoutes, 'webhooks', {
  listWebhooks: ({ auth, query }) => listWebhooks(auth.tenantId, query),
  createWebhook: ({ auth, body }) => createWebhook(auth.tenantId, body, auth.actor),
  getWebhook: ({ auth, params }) => getWebhook(auth.tenantId, params.webhookId),
  updateWebhook: ({ auth, params, body, ifMatch }) => updateWebhook(auth.tenantId, params.webhookId, body, auth.actor, ifMatch),
  deleteWebhook: ({ auth, params, ifMatch }) => deleteWebhook(auth.tenantId, params.webhookId, auth.actor, ifMatch),
  rotateWebhookSecret: ({ auth, params }) => rotateSecret(auth.tenantId, params.webhookId, auth.actor),
  testWebhook: ({ auth, params }) => sendPing(auth.tenantId, params.webhookId, auth.actor),
  listWebhookDeliveries: ({ auth, params, query }) => listDeliveries(auth.tenantId, params.webhookId, query),
  retryWebhookDelivery: ({ auth, params }) => requestRetry(auth.tenantId, params.webhookId, params.deliveryId, auth.actor),
});
