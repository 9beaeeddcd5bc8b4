import { PageQuery } from '../../schemas/common';
import {
  CreateWebhookBody,
  DeliveryList,
  DeliveryPath,
  UpdateWebhookBody,
  Webhook,
  WebhookList,
  WebhookPath,
  WebhookWithSecret,
} from '../../webhooks/webhook-schemas';
import { staff, type RouteSpec } from '../route-spec';

export const webhookRoutes = {
  listWebhooks: {
    method: 'GET', path: '/v1/webhooks', fn: 'webhooks', tag: 'Webhooks', access: staff('admin'), status: 200,
    summary: "The winery's webhook endpoints, oldest first.",
    query: PageQuery, response: WebhookList,
  },
  createWebhook: {
    method: 'POST', path: '/v1/webhooks', fn: 'webhooks', tag: 'Webhooks', access: staff('admin'), status: 201,
    summary: 'Add an endpoint; the answer holds its signing secret, shown this once.',
    body: CreateWebhookBody, response: WebhookWithSecret,
  },
  getWebhook: {
    method: 'GET', path: '/v1/webhooks/{webhookId}', fn: 'webhooks', tag: 'Webhooks', access: staff('admin'), status: 200,
    summary: 'One endpoint (never its secret).',
    params: WebhookPath, response: Webhook,
  },
  updateWebhook: {
    method: 'PATCH', path: '/v1/webhooks/{webhookId}', fn: 'webhooks', tag: 'Webhooks', access: staff('admin'), status: 200,
    summary: 'Change the URL, the events or the description; disable or enable the endpoint.',
    params: WebhookPath, body: UpdateWebhookBody, response: Webhook, conditional: true,
  },
  deleteWebhook: {
    method: 'DELETE', path: '/v1/webhooks/{webhookId}', fn: 'webhooks', tag: 'Webhooks', access: staff('admin'), status: 204,
    summary: 'Remove an endpoint; nothing more is sent to it.',
    params: WebhookPath, conditional: true,
  },
  rotateWebhookSecret: {
    method: 'POST', path: '/v1/webhooks/{webhookId}/rotate-secret', fn: 'webhooks', tag: 'Webhooks', access: staff('admin'), status: 200,
    summary: 'A new signing secret, shown this once; the previous one keeps signing beside it for 24 hours.',
    params: WebhookPath, response: WebhookWithSecret,
  },
  testWebhook: {
    method: 'POST', path: '/v1/webhooks/{webhookId}/test', fn: 'webhooks', tag: 'Webhooks', access: staff('admin'), status: 202,
    summary: 'Send a `ping` event now; it shows in the delivery log like any other. 409 while the endpoint is disabled.',
    params: WebhookPath,
  },
  listWebhookDeliveries: {
    method: 'GET', path: '/v1/webhooks/{webhookId}/deliveries', fn: 'webhooks', tag: 'Webhooks', access: staff('admin'), status: 200,
    summary: "The endpoint's deliveries, newest first (kept 30 days).",
    params: WebhookPath, query: PageQuery, response: DeliveryList,
  },
  retryWebhookDelivery: {
    method: 'POST', path: '/v1/webhooks/{webhookId}/deliveries/{deliveryId}/retry', fn: 'webhooks', tag: 'Webhooks', access: staff('admin'), status: 202,
    summary: 'Send a delivery again now (the same event id), with a new round of retries if it fails. 409 while the endpoint is disabled.',
    params: DeliveryPath,
  },
} as const satisfies Record<string, RouteSpec>;
