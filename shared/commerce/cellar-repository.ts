import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { FeatureDisabledError, NotFoundError } from '../errors';
import { newId } from '../ids';
import type { CellarItem, CreateCellarItemBody, UpdateCellarItemBody } from './cellar-schemas';
import type { Actor } from '../schemas/common';
import { dynamo, tableName } from '../db/client';
import type { PageRequest } from '../db/cursor';
import { firstStamp, type Stamped } from '../db/item-stamp';
import { deleteWithActor, putNew, updateFields } from '../db/item-writes';
import { customerExists, throwIfNoCustomer } from '../people/customer-exists';
import { cellarKeys } from './keys';
import { listOfPerson } from '../history/history';
import { cachedSettings } from '../settings/settings-repository';
import { checkIfMatch, transactWrite } from '../db/transact';

/**
 * The person's cellar: wines the winery keeps for them. Items `CELLAR#<id>` in the person's
 * partition (`keys.ts`), outside the profile page's `P#` range (a collector's cellar can be long), so the
 * cellar is one Query of its own. Only when `settings.features.cellar` is on (403 otherwise).
 */
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
  page: PageRequest = { limit: 100 },
): Promise<{ items: CellarItem[]; nextCursor: string | null }> {
  return listOfPerson(tenantId, customerId, { listId: 'cellar', prefix: cellarKeys.prefix, newestFirst: false }, page, toCellarItem);
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
    checkIfMatch(ifMatch, result.Item.version as number);
    return toCellarItem(result.Item as CellarItemRecord);
  }
  const fields = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  return toCellarItem(await updateFields<CellarItemRecord>(key, 'cellar item', fields, actor, nowIso(), ifMatch));
}

export async function removeCellarItem(
  tenantId: string,
  customerId: string,
  itemId: string,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<void> {
  await deleteWithActor(cellarKeys.item(tenantId, customerId, itemId), 'cellar item', actor, nowIso(), ifMatch);
}
