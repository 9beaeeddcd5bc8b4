import { tenantPk } from '../db/keys';

/**
 * Every key of the webhooks aggregate, declared once.
 *
 * Under the tenant (`T#<tenant>`):
 *   WEBHOOK#<id>            an endpoint (subscription): URL, events, sealed signing secrets, status
 *
 * Under the endpoint (`T#<tenant>#WEBHOOK#<id>`):
 *   D#<deliveryId>          one event's delivery to it: the body, attempts, status; newest first
 *                           (delivery ids sort by the event's time)
 */
const WEBHOOK_PREFIX = 'WEBHOOK#';
const DELIVERY_PREFIX = 'D#';

export const webhookKeys = {
  webhook: (tenantId: string, webhookId: string) => ({ pk: tenantPk(tenantId), sk: `${WEBHOOK_PREFIX}${webhookId}` }),
  webhooks: (tenantId: string) => ({ pk: tenantPk(tenantId), skPrefix: WEBHOOK_PREFIX }),
  delivery: (tenantId: string, webhookId: string, deliveryId: string) => ({
    pk: deliveriesPk(tenantId, webhookId),
    sk: `${DELIVERY_PREFIX}${deliveryId}`,
  }),
  deliveries: (tenantId: string, webhookId: string) => ({ pk: deliveriesPk(tenantId, webhookId), skPrefix: DELIVERY_PREFIX }),
};

const deliveriesPk = (tenantId: string, webhookId: string) => `${tenantPk(tenantId)}#WEBHOOK#${webhookId}`;
