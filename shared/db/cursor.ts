import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { secret } from '../secrets';
import { ValidationError } from '../errors';
import { dynamo, tableName } from './client';

/**
 * The one cursor codec. A cursor is DynamoDB's `LastEvaluatedKey`, sealed with AES-256-GCM:
 * clients cannot read or forge it, and the tenant and list that produced it are bound in as
 * associated data, so a cursor moved to another tenant or another list fails to open (400).
 */
let keyPromise: Promise<Buffer> | undefined;

function cursorKey(): Promise<Buffer> {
  keyPromise ??= secret('CURSOR_SECRET').then((value) =>
    Buffer.from(hkdfSync('sha256', value, 'winery-people', 'cursor-v1', 32)),
  );
  return keyPromise;
}

function associatedData(tenantId: string, list: string): Buffer {
  return Buffer.from(`${tenantId}\n${list}`, 'utf8');
}

export async function sealCursor(
  tenantId: string,
  list: string,
  lastEvaluatedKey: Record<string, unknown> | undefined,
): Promise<string | null> {
  if (!lastEvaluatedKey) return null;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await cursorKey(), iv);
  cipher.setAAD(associatedData(tenantId, list));
  const body = Buffer.concat([cipher.update(JSON.stringify(lastEvaluatedKey), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export async function openCursor(
  tenantId: string,
  list: string,
  cursor: string | undefined,
): Promise<Record<string, unknown> | undefined> {
  if (cursor === undefined) return undefined;
  try {
    const raw = Buffer.from(cursor, 'base64url');
    if (raw.length < 29) throw new Error('short');
    const decipher = createDecipheriv('aes-256-gcm', await cursorKey(), raw.subarray(0, 12));
    decipher.setAAD(associatedData(tenantId, list));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const key: unknown = JSON.parse(text);
    if (!key || typeof key !== 'object' || Array.isArray(key)) throw new Error('not a key');
    return key as Record<string, unknown>;
  } catch {
    throw new ValidationError([{ path: 'cursor', message: 'is not a valid cursor for this list' }]);
  }
}

/**
 * The key condition of "the items of partition `pk` whose sort key starts with `prefix`", written
 * as the range from `prefix` to `prefix` with its last character raised by one (`P#` → `P$`,
 * `smith` → `smiti`): every key that starts with the prefix lies in it, and the only other key
 * that could is that top itself, which no key builder makes (keys go on after a prefix: a word
 * entry's key holds the name after the word). In DynamoDB the range and `begins_with` are the
 * same read; DynamoDB Local answers `begins_with` by reading the whole partition, so a profile
 * read under 2 000 history items was 1.5× slower than a new person's, and a search of a big
 * winery read every word of its first letter; with the range both cost what the range holds. A
 * prefix with no character above its last (U+10FFFF, or a lone surrogate) keeps `begins_with`.
 */
export function prefixCondition(pk: string, prefix: string) {
  const end = prefixEnd(prefix);
  return end === undefined
    ? { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix } }
    : { KeyConditionExpression: 'pk = :pk AND sk BETWEEN :prefix AND :prefixEnd', ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix, ':prefixEnd': end } };
}

/**
 * The key condition of "the items of partition `pk` from the first key that starts with `first`
 * to the last that starts with `last`" (two groups of a collection that sort near each other, read
 * in one Query with whatever lies between them), as a range like `prefixCondition`'s.
 */
export function spanCondition(pk: string, first: string, last: string) {
  const end = prefixEnd(last);
  if (end === undefined) throw new Error(`a key prefix with no character above its last: ${JSON.stringify(last)}`);
  return { KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :end', ExpressionAttributeValues: { ':pk': pk, ':first': first, ':end': end } };
}

/**
 * The prefix with its last code point raised by one: the smallest key above every key that starts
 * with it, in DynamoDB's order (UTF-8 bytes, which is code point order). Undefined when there is
 * no such character: the last is U+10FFFF, or a lone surrogate (not a character at all).
 */
function prefixEnd(prefix: string): string | undefined {
  const characters = [...prefix];
  const last = characters.pop()?.codePointAt(0);
  if (last === undefined || last === 0x10ffff || (last >= 0xd800 && last <= 0xdfff)) return undefined;
  // U+D800–U+DFFF are surrogates, not characters: the one after U+D7FF is U+E000.
  return characters.join('') + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1);
}

/** `?limit=&cursor=` of a list (the shared `PageQuery`). */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

/**
 * One page of a list: opens the cursor (400 when tampered with, or from another tenant or
 * list), runs the Query with `Limit`, and seals where it stopped as the next cursor. Every
 * paged list of the API goes through here; `listId` names the list (and its parent) so a
 * cursor only opens where it was made.
 */
export async function queryPage<T = Record<string, unknown>>(
  tenantId: string,
  listId: string,
  query: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  page: PageRequest,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const result = await dynamo.send(
    new QueryCommand({
      ...query,
      TableName: tableName,
      Limit: page.limit,
      ExclusiveStartKey: await openCursor(tenantId, listId, page.cursor),
    }),
  );
  return { items: (result.Items ?? []) as T[], nextCursor: await sealCursor(tenantId, listId, result.LastEvaluatedKey) };
}

/**
 * One page of the items of partition `pk` whose sort key starts with `skPrefix` (a tenant's
 * clubs or classes, one of a person's lists), in sort-key order or newest first, as the API
 * shows them.
 */
export async function prefixPage<Item, T>(
  tenantId: string,
  listId: string,
  range: { pk: string; skPrefix: string; newestFirst?: boolean; skipMoved?: boolean },
  page: PageRequest,
  toApi: (item: Item) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const condition = prefixCondition(range.pk, range.skPrefix);
  const result = await queryPage<Item>(
    tenantId,
    listId,
    {
      ...condition,
      ScanIndexForward: !range.newestFirst,
      // While an undo moves items back, the person's lists skip the stubs it leaves (deleted when it ends).
      ...(range.skipMoved
        ? { FilterExpression: '#type <> :moved', ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ':moved': 'moved' } }
        : {}),
    },
    page,
  );
  return { items: result.items.map(toApi), nextCursor: result.nextCursor };
}
