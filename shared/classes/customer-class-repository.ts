import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { ConflictError, NotFoundError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { CustomerClass, UpdateCustomerClassBody } from './customer-class-schemas';
import { dynamo, tableName } from '../db/client';
import { prefixPage, type PageRequest } from '../db/cursor';
import { firstStamp, type Stamped } from '../db/item-stamp';
import { deleteWithActor, putNew, stillEquals, updateFields, type ItemRule } from '../db/item-writes';
import { classKeys } from './keys';
import { transactWrite, type NamedWrite } from '../db/transact';

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

/** The classes in the order they were created (their ids are time-ordered), a page at a time. */
export function listCustomerClasses(tenantId: string, page: PageRequest): Promise<{ items: CustomerClass[]; nextCursor: string | null }> {
  return prefixPage(tenantId, 'customer-classes', classKeys.all(tenantId), page, toCustomerClass);
}

export async function getCustomerClassItem(tenantId: string, classId: string): Promise<CustomerClassItem> {
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: classKeys.customerClass(tenantId, classId), ConsistentRead: true }),
  );
  if (!result.Item) throw new NotFoundError('customer class');
  return result.Item as CustomerClassItem;
}

/**
 * The discount a class gives, as a container saw it a moment ago: orders read it on every sale,
 * so it is cached per container for `DISCOUNT_CACHE_MS` (as settings are), and an order checks
 * it in its own transaction (`discountStillIs`), so a cached discount that changed meanwhile is
 * read again, never charged. Undefined for a class that does not exist (any more).
 */
const DISCOUNT_CACHE_MS = 10_000;
const DISCOUNT_CACHE_MAX = 2_000;
const discounts = new Map<string, { at: number; percent: number | undefined }>();

export async function classDiscount(tenantId: string, classId: string, options: { fresh?: boolean } = {}): Promise<number | undefined> {
  const key = `${tenantId}\n${classId}`;
  const hit = discounts.get(key);
  // Elapsed time on this container, not the business clock (tests move that one).
  if (!options.fresh && hit && performance.now() - hit.at < DISCOUNT_CACHE_MS) return hit.percent;
  const percent = await getCustomerClassItem(tenantId, classId).then(
    (item) => item.discountPercent,
    (error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    },
  );
  discounts.delete(key);
  discounts.set(key, { at: performance.now(), percent });
  if (discounts.size > DISCOUNT_CACHE_MAX) discounts.delete(discounts.keys().next().value!);
  return percent;
}

/** A transaction's check that the class still gives `percent` (or still does not exist), named `discount`. */
export function discountStillIs(tenantId: string, classId: string, percent: number | undefined): NamedWrite {
  return {
    name: 'discount',
    write: {
      ConditionCheck: {
        TableName: tableName,
        Key: classKeys.customerClass(tenantId, classId),
        ...(percent === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'discountPercent = :percent', ExpressionAttributeValues: { ':percent': percent } }),
      },
    },
  };
}

/** A new class item; clubs create theirs through this too, in their own transaction. */
export function newCustomerClassItem(
  tenantId: string,
  input: { name: string; discountPercent: number; clubId?: string | null },
  actor: Actor,
): CustomerClassItem {
  const id = newId();
  return {
    ...classKeys.customerClass(tenantId, id),
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

/** A club's class changes only through its club. */
const NOT_A_CLUB_CLASS: ItemRule = {
  condition: stillEquals('clubId', null, 'club'),
  holds: (item) => item.clubId === null || item.clubId === undefined,
  conflict: new ConflictError('club-class', "This is a club's class: change it through its club."),
};

/**
 * No read: one field-level update (`usageCount` moves with people's writes and is never
 * written here), conditioned on the class not being a club's.
 */
export async function updateCustomerClass(
  tenantId: string,
  classId: string,
  patch: UpdateCustomerClassBody,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<CustomerClass> {
  const fields = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const key = classKeys.customerClass(tenantId, classId);
  return toCustomerClass(await updateFields<CustomerClassItem>(key, 'customer class', fields, actor, nowIso(), ifMatch, [NOT_A_CLUB_CLASS]));
}

/**
 * A class in use cannot be deleted, however requests race: the delete is conditioned on
 * `usageCount = 0` (in both of its steps), and every assignment adds to `usageCount` in the
 * person's own transaction, conditioned on the class existing. Whichever commits first wins:
 * the assignment (the delete is a 409 `class-in-use`) or the delete (the assignment is a 400).
 */
export async function deleteCustomerClass(
  tenantId: string,
  classId: string,
  actor: Actor,
  ifMatch: number | undefined,
): Promise<void> {
  await deleteWithActor(classKeys.customerClass(tenantId, classId), 'customer class', actor, nowIso(), ifMatch, [
    NOT_A_CLUB_CLASS,
    {
      condition: { expression: 'attribute_not_exists(usageCount) OR usageCount = :unused', values: { ':unused': 0 } },
      holds: (item) => ((item.usageCount as number | undefined) ?? 0) === 0,
      conflict: new ConflictError('class-in-use', 'People hold this class; give them another class first.'),
    },
  ]);
}

/**
 * Counts a person onto (+1) or off (-1) a class inside their own transaction. Taking a class
 * that does not exist fails the transaction's condition (named `class:<id>`).
 */
export function classUsageWrite(tenantId: string, classId: string, delta: number): NamedWrite {
  return {
    name: `class:${classId}`,
    write: {
      Update: {
        TableName: tableName,
        Key: classKeys.customerClass(tenantId, classId),
        UpdateExpression: 'ADD usageCount :delta',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':delta': delta },
      },
    },
  };
}
