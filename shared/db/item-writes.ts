import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError, NotFoundError, StaleVersionError } from '../errors';
import { now } from '../clock';
import type { Actor } from '../schemas/common';
import type { Stamped } from './item-stamp';
import { dynamo, tableName } from './client';
import { concurrentUpdate, withLostRaceRetry, type NamedWrite } from './transact';

/** Writes shared by every repository: versioned puts, field-level updates, and deletes that record who deleted. */
type Key = { pk: string; sk: string };

const newItemPut = (item: object) => ({
  TableName: tableName,
  Item: item as Record<string, unknown>,
  ConditionExpression: 'attribute_not_exists(pk)',
});

const versionPut = (item: object, version: number) => ({
  TableName: tableName,
  Item: item as Record<string, unknown>,
  ConditionExpression: '#version = :v',
  ExpressionAttributeNames: { '#version': 'version' },
  ExpressionAttributeValues: { ':v': version },
});

export const putNew = (name: string, item: object): NamedWrite => ({ name, write: { Put: newItemPut(item) } });

/** The table's TTL attribute (`timeToLiveAttribute` in table.ts), in epoch seconds: DynamoDB may delete the item `seconds` from now. */
export const expiresAfter = (seconds: number): { expiresAt: number } => ({ expiresAt: Math.floor(now().getTime() / 1000) + seconds });

/** Replaces an item only if it is still at the version that was read. */
export const putIfVersion = (name: string, item: object, version: number): NamedWrite => ({ name, write: { Put: versionPut(item, version) } });

/**
 * A stamped item put on its own (no transaction): its stamp says what it replaces, nothing at
 * version 1 (`firstStamp`), else the version just before it (`nextStamp`).
 */
export const stampedPut = (item: Stamped) => (item.version === 1 ? newItemPut(item) : versionPut(item, item.version - 1));

/** A condition added to a write, with its own placeholders (prefix them to keep them apart). */
export interface WriteCondition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** Parentheses only where they group (DynamoDB refuses redundant ones). */
const group = (expression: string) => (/\s(AND|OR)\s/i.test(expression) ? `(${expression})` : expression);

/** Conditions that hold together. */
export function allOf(...conditions: (WriteCondition | undefined)[]): WriteCondition | undefined {
  const present = conditions.filter((c): c is WriteCondition => c !== undefined);
  if (present.length === 0) return undefined;
  return {
    expression: present.length === 1 ? present[0]!.expression : present.map((c) => group(c.expression)).join(' AND '),
    names: Object.assign({}, ...present.map((c) => c.names)),
    values: Object.assign({}, ...present.map((c) => c.values)),
  };
}

/** The item is still at the version the client sent in `If-Match`. */
export const versionIs = (version: number): WriteCondition => ({
  expression: '#version = :ifMatch',
  names: { '#version': 'version' },
  values: { ':ifMatch': version },
});

/** An attribute still holds the value that was read (null meaning absent or null). */
export function stillEquals(attribute: string, value: unknown, tag: string): WriteCondition {
  const names = { [`#${tag}`]: attribute };
  if (value === null || value === undefined) {
    return { expression: `attribute_not_exists(#${tag}) OR attribute_type(#${tag}, :${tag}Null)`, names, values: { [`:${tag}Null`]: 'NULL' } };
  }
  return { expression: `#${tag} = :${tag}Was`, names, values: { [`:${tag}Was`]: value } };
}

/** What a stamped update does besides SET-ting its fields. */
export interface UpdateOptions {
  /** The update happens only if this holds too (beside the item existing). */
  condition?: WriteCondition;
  /** Numbers to add to (`ADD`: a missing attribute counts as 0), e.g. a balance or a usage count; a dotted name reaches into a map that is there. */
  add?: Record<string, number>;
  /** Attributes to remove. */
  remove?: readonly string[];
}

/** A field update's parts, for a writer that hands them to another to put in one update of the item. */
export interface UpdateParts {
  fields: Record<string, unknown>;
  add?: Record<string, number>;
  condition?: WriteCondition;
}

/**
 * The one stamped update: SET only `fields` (a dotted name reaches into a map, e.g.
 * `permissions.email`), bump `version`, stamp `updatedAt`/`updatedBy`; only if the item exists
 * and `options.condition` holds. It needs no read, so writes of different fields never collide.
 * Every update of a stored item goes through here (or through a put of `firstStamp`/`nextStamp`),
 * so the change history always finds who changed it.
 */
export function fieldUpdate(key: Key, fields: Record<string, unknown>, actor: Actor, at: string, options: UpdateOptions = {}) {
  const { condition, add = {}, remove = [] } = options;
  const names: Record<string, string> = { '#version': 'version', ...condition?.names };
  const values: Record<string, unknown> = { ':one': 1, ':stampAt': at, ':stampBy': actor, ...condition?.values };
  const sets = ['#version = #version + :one', 'updatedAt = :stampAt', 'updatedBy = :stampBy'];
  Object.entries(fields).forEach(([field, value], i) => {
    const path = field.split('.').map((part, j) => {
      names[`#f${i}_${j}`] = part;
      return `#f${i}_${j}`;
    });
    values[`:f${i}`] = value;
    sets.push(`${path.join('.')} = :f${i}`);
  });
  const adds = Object.entries(add).map(([field, delta], i) => {
    const path = field.split('.').map((part, j) => {
      names[`#a${i}_${j}`] = part;
      return `#a${i}_${j}`;
    });
    values[`:a${i}`] = delta;
    return `${path.join('.')} :a${i}`;
  });
  const removes = remove.map((field, i) => {
    names[`#r${i}`] = field;
    return `#r${i}`;
  });
  return {
    TableName: tableName,
    Key: key,
    UpdateExpression: [
      `SET ${sets.join(', ')}`,
      ...(adds.length > 0 ? [`ADD ${adds.join(', ')}`] : []),
      ...(removes.length > 0 ? [`REMOVE ${removes.join(', ')}`] : []),
    ].join(' '),
    ConditionExpression: condition ? `attribute_exists(pk) AND ${group(condition.expression)}` : 'attribute_exists(pk)',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * Runs a `fieldUpdate` whose condition says "not done yet" (an attempt's claim, a status only
 * one writer may set): false when the condition did not hold, because someone else already did it.
 */
export async function updateIfStill(command: ReturnType<typeof fieldUpdate>): Promise<boolean> {
  try {
    await dynamo.send(new UpdateCommand(command));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** `fieldUpdate` as one write of a transaction. */
export const fieldUpdateWrite = (
  name: string,
  key: Key,
  fields: Record<string, unknown>,
  actor: Actor,
  at: string,
  options?: UpdateOptions,
): NamedWrite => ({ name, write: { Update: fieldUpdate(key, fields, actor, at, options) } });

/**
 * The writes that leave exactly `defaultId` (or none, for null) marked default among
 * `siblings`: field-level, so they never collide with edits of other fields of those items.
 */
export function defaultSwitchWrites(
  siblings: readonly { pk: string; sk: string; id: string; isDefault: boolean }[],
  defaultId: string | null,
  actor: Actor,
  at: string,
): NamedWrite[] {
  return siblings
    .filter((item) => item.isDefault !== (item.id === defaultId))
    .map((item) => fieldUpdateWrite(`sibling:${item.id}`, { pk: item.pk, sk: item.sk }, { isDefault: item.id === defaultId }, actor, at));
}

/** The image DynamoDB returned with a failed condition (`ReturnValuesOnConditionCheckFailure: ALL_OLD`). */
function imageOf(error: ConditionalCheckFailedException): Record<string, unknown> | undefined {
  return error.Item ? unmarshall(error.Item as Parameters<typeof unmarshall>[0]) : undefined;
}

/** A rule the item must satisfy to be written, as a condition and as a test on its image. */
export interface ItemRule {
  condition: WriteCondition;
  holds: (item: Record<string, unknown>) => boolean;
  conflict: ConflictError;
}

/**
 * One field-level update of one item, answered with the item as it now is. No read first: when
 * a condition fails, the image DynamoDB returns with it tells 404 (`what`), 412 (stale
 * `If-Match`) and the 409 of the first rule it breaks apart.
 */
export async function updateFields<T = Record<string, unknown>>(
  key: Key,
  what: string,
  fields: Record<string, unknown>,
  actor: Actor,
  at: string,
  ifMatch: number | undefined,
  rules: readonly ItemRule[] = [],
  add?: Record<string, number>,
): Promise<T> {
  try {
    const condition = allOf(ifMatch === undefined ? undefined : versionIs(ifMatch), ...rules.map((r) => r.condition));
    const result = await dynamo.send(
      new UpdateCommand({
        ...fieldUpdate(key, fields, actor, at, { condition, add }),
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return result.Attributes as T;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const old = imageOf(error);
    if (!old) throw new NotFoundError(what);
    if (ifMatch !== undefined && old.version !== ifMatch) throw new StaleVersionError();
    const broken = rules.find((rule) => !rule.holds(old));
    if (broken) throw broken.conflict;
    // The image satisfies every condition, so the item changed between the check and the image.
    throw concurrentUpdate();
  }
}

/**
 * Deletes an item so that the change history can name who deleted it: first the deleter is
 * stamped on the item, then the item is deleted if nobody wrote in between. Both writes are
 * conditioned on the `rules` (e.g. "not the default", "nobody holds this class"), so a write that
 * slips between them cannot break it; such a write is a lost race, handled by the one policy.
 */
export async function deleteWithActor(
  key: Key,
  what: string,
  actor: Actor,
  at: string,
  ifMatch: number | undefined,
  rules: readonly ItemRule[] = [],
): Promise<void> {
  await withLostRaceRetry(async () => {
    const stamped = await updateFields(key, what, {}, actor, at, ifMatch, rules);
    const condition = allOf(
      { expression: '#version = :stamped', names: { '#version': 'version' }, values: { ':stamped': stamped.version } },
      ...rules.map((rule) => rule.condition),
    )!;
    await dynamo.send(
      new DeleteCommand({
        TableName: tableName,
        Key: key,
        ConditionExpression: condition.expression,
        ExpressionAttributeNames: condition.names,
        ExpressionAttributeValues: condition.values,
      }),
    );
  });
}
