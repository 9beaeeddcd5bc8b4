import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { nowIso } from '../clock';
import { ConflictError, NotFoundError } from '../errors';
import { derivedId, newId } from '../ids';
import type { Actor } from '../schemas/common';
import { dynamo, tableName } from '../db/client';
import { prefixPage, type PageRequest } from '../db/cursor';
import { firstStamp, systemActor, type Stamped } from '../db/item-stamp';
import { expiresAfter, fieldUpdate, stampedPut, updateFields, updateIfStill } from '../db/item-writes';
import { withLostRaceRetry } from '../db/transact';
import { webhookKeys } from './keys';
import { getWebhookItem, type WebhookItem } from './webhook-repository';
import type { Delivery, WebhookEvent, WebhookEventType } from './webhook-schemas';

/**
 * One event's delivery to one endpoint, under the endpoint (`T#<tenant>#WEBHOOK#<id>` /
 * `D#<id>`), newest first. Its id is derived from the event's and the endpoint's ids, and it is
 * written only if absent: however often the stream delivers the record, an event is delivered
 * to an endpoint once. It keeps the exact body that is signed, so every attempt sends the same
 * bytes with the same `webhook-id`. Logs are kept 30 days (the table's TTL).
 *
 *   pending ──attempt──▶ succeeded
 *     │ ▲ └── failed attempt, more to come: pending, nextAttemptAt
 *     │ └──── retry by hand (a new round of retries)
 *     └──▶ failed (the round's attempts ran out, or the endpoint is disabled)
 *
 * Each attempt is claimed first (`attempts` moves from n-1 to n, conditionally), so two copies
 * of one queue message, or a message overtaken by a retry by hand, send once.
 */
export interface DeliveryItem extends Stamped {
  pk: string;
  sk: string;
  type: 'webhook-delivery';
  tenantId: string;
  webhookId: string;
  id: string;
  eventId: string;
  eventType: WebhookEventType;
  /** The JSON body, as signed and sent. */
  body: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  /** The attempt count when the current round of retries began (a retry by hand starts a round). */
  roundStart: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  /** Claimed and not yet recorded: an attempt in flight (or abandoned by a sender that stopped). */
  outcomePending?: boolean;
  /** Set by a retry by hand: the outbox consumer sees it change and queues the attempt. */
  retryRequestedAt: string | null;
  expiresAt: number;
}

const LOG_DAYS = 30;
const outboxActor = systemActor('webhook-outbox');

export function toDelivery(item: DeliveryItem): Delivery {
  return {
    id: item.id,
    eventId: item.eventId,
    eventType: item.eventType,
    status: item.status,
    attempts: item.attempts,
    lastStatusCode: item.lastStatusCode ?? null,
    lastError: item.lastError ?? null,
    nextAttemptAt: item.nextAttemptAt ?? null,
    createdAt: item.createdAt,
  };
}

/**
 * Records that an event is to be delivered to an endpoint, unless it already is.
 * @returns false when the delivery existed (a redelivered stream record).
 */
export async function createDelivery(webhook: Pick<WebhookItem, 'tenantId' | 'id'>, event: WebhookEvent, actor: Actor = outboxActor): Promise<boolean> {
  const at = nowIso();
  const id = derivedId(event.createdAt, event.id, webhook.id);
  const item: DeliveryItem = {
    ...webhookKeys.delivery(webhook.tenantId, webhook.id, id),
    type: 'webhook-delivery',
    tenantId: webhook.tenantId,
    webhookId: webhook.id,
    id,
    eventId: event.id,
    eventType: event.type,
    body: JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.data }),
    status: 'pending',
    attempts: 0,
    roundStart: 0,
    lastStatusCode: null,
    lastError: null,
    lastAttemptAt: null,
    nextAttemptAt: at,
    retryRequestedAt: null,
    ...expiresAfter(LOG_DAYS * 24 * 60 * 60),
    ...firstStamp(actor, at),
  };
  try {
    await dynamo.send(new PutCommand(stampedPut(item)));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** A `ping` to an endpoint, delivered like any event (the outbox queues it). 409 while the endpoint is disabled. */
export async function sendPing(tenantId: string, webhookId: string, actor: Actor): Promise<void> {
  const webhook = await getWebhookItem(tenantId, webhookId);
  if (webhook.status !== 'enabled') throw new ConflictError('webhook-disabled', 'The endpoint is disabled: enable it before testing it.');
  const at = nowIso();
  await createDelivery(webhook, { id: newId(), type: 'ping', createdAt: at, data: { webhookId, url: webhook.url } }, actor);
}

/** An endpoint's deliveries, newest first. 404 for an endpoint of no one's (or another winery's). */
export async function listDeliveries(tenantId: string, webhookId: string, page: PageRequest) {
  await getWebhookItem(tenantId, webhookId);
  return prefixPage(tenantId, `webhook-deliveries#${webhookId}`, { ...webhookKeys.deliveries(tenantId, webhookId), newestFirst: true }, page, toDelivery);
}

export async function getDeliveryItem(tenantId: string, webhookId: string, deliveryId: string): Promise<DeliveryItem | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: webhookKeys.delivery(tenantId, webhookId, deliveryId), ConsistentRead: true }),
  );
  return result.Item as DeliveryItem | undefined;
}

/**
 * A retry by hand (of a failed, succeeded or waiting delivery): pending again, with a new round
 * of retries; the outbox consumer queues the attempt. 409 while the endpoint is disabled.
 */
export async function requestRetry(tenantId: string, webhookId: string, deliveryId: string, actor: Actor): Promise<void> {
  const webhook = await getWebhookItem(tenantId, webhookId);
  if (webhook.status !== 'enabled') throw new ConflictError('webhook-disabled', 'The endpoint is disabled: enable it before retrying its deliveries.');
  await withLostRaceRetry(async () => {
    const item = await getDeliveryItem(tenantId, webhookId, deliveryId);
    if (!item) throw new NotFoundError('delivery');
    const at = nowIso();
    await updateFields(
      webhookKeys.delivery(tenantId, webhookId, deliveryId),
      'delivery',
      { status: 'pending', nextAttemptAt: at, retryRequestedAt: at, roundStart: item.attempts },
      actor,
      at,
      item.version,
    );
  });
}

const senderActor = systemActor('webhook-sender');


/** What a claim found: the delivery, now this attempt's; or why the message has nothing to do. */
export type Claim =
  | { readonly claimed: DeliveryItem }
  /** An earlier receive of this very message claimed the attempt and stopped before recording it. */
  | { readonly unfinished: DeliveryItem }
  | { readonly stale: true };

/** A claimed attempt with no outcome after this long was abandoned (the sender's timeout is 15 s; SQS shows the message again after 90 s). */
const ABANDONED_AFTER_MS = 60_000;

/**
 * Takes attempt `attempt` of a pending delivery, with no read before. When the condition fails,
 * the image DynamoDB returns tells a duplicate or outdated message (stale) from this message come
 * back after a receive that claimed the attempt and died before recording it (unfinished: the
 * caller records it as failed and queues the next, so no delivery waits forever).
 */
export async function claimAttempt(
  key: { tenantId: string; webhookId: string; deliveryId: string },
  attempt: number,
  at: Date,
): Promise<Claim> {
  const iso = at.toISOString();
  try {
    const result = await dynamo.send(
      new UpdateCommand({
        ...fieldUpdate(webhookKeys.delivery(key.tenantId, key.webhookId, key.deliveryId), { attempts: attempt, lastAttemptAt: iso, outcomePending: true }, senderActor, iso, {
          condition: {
            expression: '#status = :pending AND attempts = :before',
            names: { '#status': 'status' },
            values: { ':pending': 'pending', ':before': attempt - 1 },
          },
        }),
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { claimed: result.Attributes as DeliveryItem };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const old = error.Item ? (unmarshall(error.Item as Parameters<typeof unmarshall>[0]) as DeliveryItem) : undefined;
    const abandoned =
      old?.status === 'pending' &&
      old.attempts === attempt &&
      old.outcomePending === true &&
      at.getTime() - Date.parse(old.lastAttemptAt ?? '') > ABANDONED_AFTER_MS;
    return abandoned ? { unfinished: old } : { stale: true };
  }
}

export interface AttemptOutcome {
  status: DeliveryItem['status'];
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
}

/** What attempt `attempt` came to; written only while no later attempt was claimed. */
export function recordOutcome(item: DeliveryItem, attempt: number, outcome: AttemptOutcome, at: string): Promise<boolean> {
  return updateIfStill(
    fieldUpdate({ pk: item.pk, sk: item.sk }, { ...outcome, outcomePending: false }, senderActor, at, {
      condition: { expression: 'attempts = :attempt', values: { ':attempt': attempt } },
    }),
  );
}
