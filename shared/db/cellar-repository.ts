import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { FeatureDisabledError, NotFoundError, PreconditionFailedError } from '../http/errors';
import { newId } from '../ids';
import type { CellarItem, CreateCellarItemBody, UpdateCellarItemBody } from '../schemas/cellar';
import type { Actor } from '../schemas/common';
import { dynamo, tableName } from './client';
import { openCursor, sealCursor } from './cursor';
import { assertCustomerExists } from './history';
import { firstStamp, type Stamped } from './item-stamp';
import { customerExists, deleteWithActor, putNew, throwIfNoCustomer } from './item-writes';
import { customerPk } from './keys';
import { cachedSettings } from './settings-repository';
import { transactWrite } from './transact';

/**
 * The person's cellar: wines the winery keeps for them. Items `CELLAR#<id>` in the person's
 * partition, outside the profile page's `P#` range (a collector's cellar can be long), so the
 * cellar is one Query of its own. Only when `settings.features.cellar` is on (403 otherwise).
 */
const PREFIX = 'CELLAR#';

export interface CellarItemRecord extends Stamped {
  pk: string;
  sk: string;
  type: 'cellar-item';
  tenantId: string;
  customerId: string;
  id: string;
  sku: string;
  name: string;
  vintage: number | null;
  quantity: number;
  location: string | null;
}

export const cellarKeys = {
  item: (tenantId: string, customerId: string, itemId: string) => ({ pk: customerPk(tenantId, customerId), sk: `${PREFIX}${itemId}` }),
};

export function toCellarItem(item: CellarItemRecord): CellarItem {
  return {
    id: item.id,
    sku: item.sku,
    name: item.name,
    vintage: item.vintage ?? null,
    quantity: item.quantity,
    location: item.location ?? null,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
  };
}

/** 403 `feature-disabled` unless the tenant turned the cellar on (settings cached a few seconds). */
export async function assertCellarEnabled(tenantId: string): Promise<void> {
  const settings = await cachedSettings(tenantId);
  if (!settings.features?.cellar) throw new FeatureDisabledError('cellar');
}

/** The person's cellar in the order items were added, paged (also for the customer portal). */
export async function listCellar(
  tenantId: string,
  customerId: string,
  page: { limit: number; cursor?: string } = { limit: 100 },
): Promise<{ items: CellarItem[]; nextCursor: string | null }> {
  const listId = `cellar\n${customerId}`;
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': customerPk(tenantId, customerId), ':prefix': PREFIX },
      Limit: page.limit,
      ExclusiveStartKey: await openCursor(tenantId, listId, page.cursor),
    }),
  );
  if ((result.Items ?? []).length === 0 && !page.cursor) await assertCustomerExists(tenantId, customerId);
  return {
    items: (result.Items ?? []).map((item) => toCellarItem(item as CellarItemRecord)),
    nextCursor: await sealCursor(tenantId, listId, result.LastEvaluatedKey),
  };
}

export async function addCellarItem(tenantId: string, customerId: string, input: CreateCellarItemBody, actor: Actor): Promise<CellarItem> {
  const id = newId();
  const item: CellarItemRecord = {
    ...cellarKeys.item(tenantId, customerId, id),
    type: 'cellar-item',
    tenantId,
    customerId,
    id,
    sku: input.sku,
    name: input.name,
    vintage: input.vintage ?? null,
    quantity: input.quantity,
    location: input.location ?? null,
    ...firstStamp(actor, nowIso()),
  };
  try {
    await transactWrite([
      putNew('cellar-item', item),
      customerExists(tenantId, customerId),
    ]);
  } catch (error) {
    throwIfNoCustomer(error);
    throw error;
  }
  return toCellarItem(item);
}

/**
 * Changes the fields given, in one conditional update (with `If-Match`, only at that version).
 * When the condition fails, the old image it saw tells 404 from 412 without another read.
 */
export async function updateCellarItem(
  tenantId: string,
  customerId: string,
  itemId: string,
  patch: UpdateCellarItemBody,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<CellarItem> {
  const key = cellarKeys.item(tenantId, customerId, itemId);
  if (Object.values(patch).every((value) => value === undefined)) {
    const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    if (!result.Item) throw new NotFoundError('cellar item');
    if (ifMatch !== undefined && ifMatch !== result.Item.version) throw new PreconditionFailedError();
    return toCellarItem(result.Item as CellarItemRecord);
  }
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':one': 1, ':at': nowIso(), ':by': actor };
  const sets = ['#version = #version + :one', 'updatedAt = :at', 'updatedBy = :by'];
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  let condition = 'attribute_exists(pk)';
  if (ifMatch !== undefined) {
    condition += ' AND #version = :expected';
    values[':expected'] = ifMatch;
  }
  try {
    const result = await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return toCellarItem(result.Attributes as CellarItemRecord);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if (!error.Item) throw new NotFoundError('cellar item');
    throw new PreconditionFailedError();
  }
}

export async function removeCellarItem(
  tenantId: string,
  customerId: string,
  itemId: string,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<void> {
  const key = cellarKeys.item(tenantId, customerId, itemId);
  const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  if (!result.Item) throw new NotFoundError('cellar item');
  await deleteWithActor(key, result.Item as CellarItemRecord, actor, nowIso(), ifMatch);
}
