import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../http/errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { CustomerClass, UpdateCustomerClassBody } from '../schemas/customer-class';
import { dynamo, tableName } from './client';
import { firstStamp, nextStamp, type Stamped } from './item-stamp';
import { deleteWithActor, putNew } from './item-writes';
import { tenantKeys, tenantPk } from './keys';
import { transactWrite, type NamedWrite } from './transact';

/**
 * Customer classes (discount tiers) under `T#<tenant>` / `CLASS#<id>`. Each class counts the
 * people who hold it (`usageCount`), changed in the same transaction that gives or takes the
 * class, so "a class in use cannot be deleted" holds even under concurrent writes.
 */
export interface CustomerClassItem extends Stamped {
  pk: string;
  sk: string;
  type: 'customer-class';
  tenantId: string;
  id: string;
  name: string;
  discountPercent: number;
  clubId: string | null;
  usageCount: number;
}

export function toCustomerClass(item: CustomerClassItem): CustomerClass {
  return { id: item.id, name: item.name, discountPercent: item.discountPercent, clubId: item.clubId ?? null, version: item.version };
}

export async function listCustomerClasses(tenantId: string): Promise<{ items: CustomerClass[]; nextCursor: null }> {
  // A winery has a handful of classes: the list is bounded and answered whole.
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':prefix': 'CLASS#' },
    }),
  );
  const items = (result.Items ?? []).map((item) => toCustomerClass(item as CustomerClassItem));
  return { items: items.sort((a, b) => a.name.localeCompare(b.name)), nextCursor: null };
}

export async function getCustomerClassItem(tenantId: string, classId: string): Promise<CustomerClassItem> {
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: tenantKeys.customerClass(tenantId, classId), ConsistentRead: true }),
  );
  if (!result.Item) throw new NotFoundError('customer class');
  return result.Item as CustomerClassItem;
}

/** A new class item; clubs create theirs through this too, in their own transaction. */
export function newCustomerClassItem(
  tenantId: string,
  input: { name: string; discountPercent: number; clubId?: string | null },
  actor: Actor,
): CustomerClassItem {
  const id = newId();
  return {
    ...tenantKeys.customerClass(tenantId, id),
    type: 'customer-class',
    tenantId,
    id,
    name: input.name,
    discountPercent: input.discountPercent,
    clubId: input.clubId ?? null,
    usageCount: 0,
    ...firstStamp(actor, nowIso()),
  };
}

export async function createCustomerClass(
  tenantId: string,
  input: { name: string; discountPercent: number },
  actor: Actor,
): Promise<CustomerClass> {
  const item = newCustomerClassItem(tenantId, input, actor);
  await transactWrite([putNew('class', item)]);
  return toCustomerClass(item);
}

const CLUB_CLASS = new ConflictError('club-class', "This is a club's class: change it through its club.");

export async function updateCustomerClass(
  tenantId: string,
  classId: string,
  patch: UpdateCustomerClassBody,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<CustomerClass> {
  const current = await getCustomerClassItem(tenantId, classId);
  if (current.clubId) throw CLUB_CLASS;
  if (ifMatch !== undefined && ifMatch !== current.version) throw new PreconditionFailedError();
  const next: CustomerClassItem = { ...current, ...patch, ...nextStamp(current, actor, nowIso()) };
  // An update, not a put: `usageCount` moves with people's writes and must not be overwritten.
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: tenantKeys.customerClass(tenantId, classId),
        UpdateExpression: 'SET #name = :name, discountPercent = :discount, #version = :next, updatedAt = :at, updatedBy = :by',
        ConditionExpression: '#version = :v',
        ExpressionAttributeNames: { '#name': 'name', '#version': 'version' },
        ExpressionAttributeValues: {
          ':name': next.name,
          ':discount': next.discountPercent,
          ':next': next.version,
          ':at': next.updatedAt,
          ':by': actor,
          ':v': current.version,
        },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new PreconditionFailedError();
    throw error;
  }
  return toCustomerClass(next);
}

export async function deleteCustomerClass(
  tenantId: string,
  classId: string,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<void> {
  const current = await getCustomerClassItem(tenantId, classId);
  if (current.clubId) throw CLUB_CLASS;
  const inUse = new ConflictError('class-in-use', 'People hold this class; give them another class first.');
  if ((current.usageCount ?? 0) > 0) throw inUse;
  await deleteWithActor(tenantKeys.customerClass(tenantId, classId), current, actor, nowIso(), ifMatch, {
    expression: 'usageCount = :zero',
    values: { ':zero': 0 },
    conflict: inUse,
  });
}

/**
 * Counts a person onto (+1) or off (-1) a class inside their own transaction. Taking a class
 * that does not exist fails the transaction's condition (named `class:<id>`).
 */
export function classUsageWrite(tenantId: string, classId: string, delta: 1 | -1): NamedWrite {
  return {
    name: `class:${classId}`,
    write: {
      Update: {
        TableName: tableName,
        Key: tenantKeys.customerClass(tenantId, classId),
        UpdateExpression: 'ADD usageCount :delta',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':delta': delta },
      },
    },
  };
}
