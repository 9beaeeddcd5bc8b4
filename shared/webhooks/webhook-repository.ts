import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { now, nowIso } from '../clock';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import { dynamo, tableName } from '../db/client';
import { prefixCondition, prefixPage, type PageRequest } from '../db/cursor';
import { firstStamp, systemActor, type Stamped } from '../db/item-stamp';
import { deleteWithActor, fieldUpdate, stampedPut, updateFields, updateIfStill } from '../db/item-writes';
import { withLostRaceRetry } from '../db/transact';
import { publicTarget, RefusedTarget } from '../outbound/public-address';
import { webhookKeys } from './keys';
import { newSigningSecret, openSecret, sealSecret } from './secret-sealing';
import { endpointPolicy } from './endpoint-policy';
import type { CreateWebhookBody, UpdateWebhookBody, Webhook, WebhookEventType } from './webhook-schemas';

/** At most this many endpoints per winery: every event is written once per endpoint. */
const MAX_WEBHOOKS_PER_TENANT = 20;

/**
 * A winery's webhook endpoints, under `T#<tenant>` / `WEBHOOK#<id>`. Each holds its signing
 * secrets sealed (`secret-sealing.ts`): the current one, and after a rotation the previous one
 * until it expires 24 hours later, so both sign meanwhile and the receiver can switch without
 * losing a delivery. A plain secret leaves the service only in the answer of a create or a rotation.
 */
export interface SealedSecret {
  sealed: string;
  createdAt: string;
  /** null for the current secret; set when a rotation retires it. */
  expiresAt: string | null;
}

export interface WebhookItem extends Stamped {
  pk: string;
  sk: string;
  type: 'webhook';
  tenantId: string;
  id: string;
  url: string;
  events: string[];
  description: string | null;
  status: 'enabled' | 'disabled';
  disabledReason: 'by-staff' | 'failing' | null;
  /** The first failed attempt since the last success. */
  failingSince: string | null;
  secrets: SealedSecret[];
}

/** How long a rotated-out secret keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

export function toWebhook(item: WebhookItem): Webhook {
  return {
    id: item.id,
    url: item.url,
    events: item.events,
    description: item.description ?? null,
    status: item.status,
    disabledReason: item.disabledReason ?? null,
    failingSince: item.failingSince ?? null,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
  };
}

/** Whether an endpoint takes events of this type. */
export const subscribes = (item: Pick<WebhookItem, 'events' | 'status'>, type: WebhookEventType) =>
  item.status === 'enabled' && (item.events.includes('*') || item.events.includes(type));

/** A URL (its form already checked by the schema) whose host resolves to public addresses only. */
async function checkEndpointUrl(url: string): Promise<void> {
  try {
    await publicTarget(url, endpointPolicy());
  } catch (error) {
    const message = error instanceof RefusedTarget ? 'must resolve to public addresses only' : 'has a host name that does not resolve';
    throw new ValidationError([{ path: 'url', message }]);
  }
}

export async function createWebhook(tenantId: string, body: CreateWebhookBody, actor: Actor): Promise<Webhook & { secret: string }> {
  await checkEndpointUrl(body.url);
  const existing = await dynamo.send(
    new QueryCommand({ TableName: tableName, ...prefixCondition(webhookKeys.webhooks(tenantId).pk, webhookKeys.webhooks(tenantId).skPrefix), Select: 'COUNT' }),
  );
  if ((existing.Count ?? 0) >= MAX_WEBHOOKS_PER_TENANT) {
    throw new ConflictError('too-many-webhooks', `A winery has at most ${MAX_WEBHOOKS_PER_TENANT} webhook endpoints; delete one first.`);
  }
  const at = nowIso();
  const id = newId();
  const secret = newSigningSecret();
  const item: WebhookItem = {
    ...webhookKeys.webhook(tenantId, id),
    type: 'webhook',
    tenantId,
    id,
    url: body.url,
    events: body.events,
    description: body.description || null,
    status: 'enabled',
    disabledReason: null,
    failingSince: null,
    secrets: [{ sealed: await sealSecret(tenantId, id, secret), createdAt: at, expiresAt: null }],
    ...firstStamp(actor, at),
  };
  await dynamo.send(new PutCommand(stampedPut(item)));
  return { ...toWebhook(item), secret };
}

export function listWebhooks(tenantId: string, page: PageRequest) {
  return prefixPage(tenantId, 'webhooks', webhookKeys.webhooks(tenantId), page, toWebhook);
}

export async function getWebhookItem(tenantId: string, webhookId: string): Promise<WebhookItem> {
  const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: webhookKeys.webhook(tenantId, webhookId), ConsistentRead: true }));
  if (!result.Item) throw new NotFoundError('webhook');
  return result.Item as WebhookItem;
}

export const getWebhook = async (tenantId: string, webhookId: string) => toWebhook(await getWebhookItem(tenantId, webhookId));

/** Every endpoint of a winery (at most `MAX_WEBHOOKS_PER_TENANT`): one Query. */
export async function allWebhookItems(tenantId: string): Promise<WebhookItem[]> {
  const { pk, skPrefix } = webhookKeys.webhooks(tenantId);
  const result = await dynamo.send(new QueryCommand({ TableName: tableName, ...prefixCondition(pk, skPrefix), ConsistentRead: true }));
  return (result.Items ?? []) as WebhookItem[];
}

export async function updateWebhook(
  tenantId: string,
  webhookId: string,
  body: UpdateWebhookBody,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<Webhook> {
  if (body.url !== undefined) await checkEndpointUrl(body.url);
  const fields: Record<string, unknown> = {};
  if (body.url !== undefined) fields.url = body.url;
  if (body.events !== undefined) fields.events = body.events;
  if (body.description !== undefined) fields.description = body.description || null;
  if (body.status === 'enabled') Object.assign(fields, { status: 'enabled', disabledReason: null, failingSince: null });
  if (body.status === 'disabled') Object.assign(fields, { status: 'disabled', disabledReason: 'by-staff' });
  const item = await updateFields<WebhookItem>(webhookKeys.webhook(tenantId, webhookId), 'webhook', fields, actor, nowIso(), ifMatch);
  return toWebhook(item);
}

export function deleteWebhook(tenantId: string, webhookId: string, actor: Actor, ifMatch: number | undefined): Promise<void> {
  return deleteWithActor(webhookKeys.webhook(tenantId, webhookId), 'webhook', actor, nowIso(), ifMatch);
}

/**
 * A new current secret; the one it replaces signs beside it for 24 hours (a secret already
 * retired keeps its own, earlier, end). Secrets past their end are dropped.
 */
export async function rotateSecret(tenantId: string, webhookId: string, actor: Actor): Promise<Webhook & { secret: string }> {
  const secret = newSigningSecret();
  const sealed = await sealSecret(tenantId, webhookId, secret);
  const item = await withLostRaceRetry(async () => {
    const current = await getWebhookItem(tenantId, webhookId);
    const at = now();
    const retireAt = new Date(at.getTime() + ROTATION_OVERLAP_MS).toISOString();
    const kept = current.secrets
      .filter((s) => s.expiresAt === null || Date.parse(s.expiresAt) > at.getTime())
      .map((s) => ({ ...s, expiresAt: s.expiresAt ?? retireAt }));
    const secrets = [{ sealed, createdAt: at.toISOString(), expiresAt: null }, ...kept];
    return updateFields<WebhookItem>(webhookKeys.webhook(tenantId, webhookId), 'webhook', { secrets }, actor, at.toISOString(), current.version);
  });
  return { ...toWebhook(item), secret };
}

/** The secrets that sign at `at`: the current one first, then any retired one still within its 24 hours. */
export function signingSecrets(item: WebhookItem, at: Date): Promise<string[]> {
  return Promise.all(
    item.secrets
      .filter((s) => s.expiresAt === null || Date.parse(s.expiresAt) > at.getTime())
      .map((s) => openSecret(item.tenantId, item.id, s.sealed)),
  );
}

const senderActor = systemActor('webhook-sender');


/** An attempt failed: the endpoint is failing since then, unless it already was. */
export function markFailing(item: WebhookItem, at: string): Promise<boolean> {
  if (item.failingSince) return Promise.resolve(false);
  return updateIfStill(
    fieldUpdate(webhookKeys.webhook(item.tenantId, item.id), { failingSince: at }, senderActor, at, {
      condition: { expression: 'attribute_not_exists(failingSince) OR attribute_type(failingSince, :nullType)', values: { ':nullType': 'NULL' } },
    }),
  );
}

/** An attempt succeeded: the endpoint is no longer failing (a write only when it was). */
export function markHealthy(item: WebhookItem, at: string): Promise<boolean> {
  if (!item.failingSince) return Promise.resolve(false);
  return updateIfStill(
    fieldUpdate(webhookKeys.webhook(item.tenantId, item.id), { failingSince: null }, senderActor, at, {
      condition: { expression: 'attribute_type(failingSince, :stringType)', values: { ':stringType': 'S' } },
    }),
  );
}

/**
 * Disables an endpoint that has been failing since before `failingBefore`. True only for the
 * one writer that disabled it; its stream record is what the admins are emailed about.
 */
export function disableFailing(item: WebhookItem, failingBefore: string, at: string): Promise<boolean> {
  return updateIfStill(
    fieldUpdate(webhookKeys.webhook(item.tenantId, item.id), { status: 'disabled', disabledReason: 'failing' }, senderActor, at, {
      condition: {
        expression: '#status = :enabled AND failingSince <= :before',
        names: { '#status': 'status' },
        values: { ':enabled': 'enabled', ':before': failingBefore },
      },
    }),
  );
}
