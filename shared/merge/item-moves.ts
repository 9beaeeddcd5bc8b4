import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { deleteKeys } from '../db/batch-write';
import { tableName } from '../db/client';
import { queryPages } from '../db/query-pages';
import { expiresAfter } from '../db/item-writes';
import { isLostRace, transactWrite, type NamedWrite } from '../db/transact';
import { chunks, mapLimited } from '../concurrency';

/**
 * Moving a person's items to another person, a few dozen at a time, so that no item is ever on
 * both people or on neither: each item moves in a transaction that puts it under its new person
 * and, in the same transaction, replaces it under the old one with a stub (`type: moved`,
 * `movedTo`). A move needs no cursor: what is left to move is what the source partition still
 * holds, so a move sent again after a crash (kill -9 between any two transactions) reads what
 * is left and goes on. Each transaction is conditioned on the item still being as read (its
 * version, or its type for items without one) and on the target key being free (or a stub), so
 * two runners of the same move, or a write racing it, cost a retry and never a copy.
 *
 * Why a stub rather than a delete: the stream record of a delete carries only the old item, so
 * consumers could not tell a move from a deletion (the change history would say "deleted" for
 * every note and address moved). A stub's record says `moved`, and consumers skip it; the
 * stub also forwards a read by id (an order's id names the person it was placed for) until the
 * table's TTL removes it.
 */
export const MOVED_TYPE = 'moved';
/** Stubs are kept past the 30 days a merge can be undone, then DynamoDB's TTL deletes them. */
const STUB_TTL_SECONDS = 31 * 24 * 60 * 60;
/** Items per transaction: a put and a stub each, and room for the writes an item brings along. */
const ITEMS_PER_TRANSACTION = 40;
const TRANSACTIONS_IN_FLIGHT = 3;
const PAGE_SIZE = 480;
/** Passes over what is left; each pass moves everything that no race took from it. */
const MAX_PASSES = 8;

type Item = Record<string, unknown> & { pk: string; sk: string };

/** What happens to one item of the source. */
export type ItemFate =
  /** Written under the target as `item`, with `along` in the same transaction. */
  | { kind: 'move'; item: Record<string, unknown>; along?: NamedWrite[] }
  /** Deleted without a stub (made by the operation itself and taken back by it). */
  | { kind: 'drop' }
  /** Left where it is. */
  | { kind: 'stay' };

export interface PartitionMove {
  /** The partition items leave. */
  sourcePk: string;
  /** Narrows the Query (e.g. a filter on what one merge brought). */
  query?: Pick<QueryCommandInput, 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;
  /** The stub left behind names where the item went. */
  stub: { tenantId: string; movedTo: string; mergeId: string };
  fate: (item: Item) => ItemFate;
  /** Stops between transactions when this says so (a request's time budget); the move is then unfinished. */
  shouldStop?: () => boolean;
}

/** Moves every item `fate` moves. @returns whether it finished (false when `shouldStop` stopped it). */
export async function moveItems(move: PartitionMove): Promise<boolean> {
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    let moved = 0;
    let raced = 0;
    const pages = queryPages<Item>({
      KeyConditionExpression: 'pk = :sourcePk',
      ...move.query,
      ExpressionAttributeValues: { ':sourcePk': move.sourcePk, ...move.query?.ExpressionAttributeValues },
      ConsistentRead: true,
      // A page at a time, so a request's budget is checked often (and a page is never the whole 1 MB).
      Limit: PAGE_SIZE,
    });
    for await (const page of pages) {
      const work = page
        .filter((item) => item.type !== MOVED_TYPE)
        .map((item) => ({ item, fate: move.fate(item) }))
        .filter((entry) => entry.fate.kind !== 'stay');
      await mapLimited(chunks(work, ITEMS_PER_TRANSACTION), TRANSACTIONS_IN_FLIGHT, async (chunk) => {
        if (move.shouldStop?.()) return;
        try {
          await transactWrite(chunk.flatMap(({ item, fate }) => writesOf(item, fate, move)));
          moved += chunk.length;
        } catch (error) {
          // Someone wrote one of these items meanwhile (or another runner moved it): the next pass reads it again.
          if (!isLostRace(error) && !isConcurrentUpdate(error)) throw error;
          raced += chunk.length;
        }
      });
      if (move.shouldStop?.()) return false;
    }
    if (moved === 0 && raced === 0) return true;
  }
  throw new Error(`Items of ${move.sourcePk} kept changing while they were moved`);
}

function isConcurrentUpdate(error: unknown): boolean {
  return (error as { slug?: string })?.slug === 'concurrent-update';
}

/** The item as read, still there: its version when it has one, else its type. */
function stillAsRead(item: Item): { ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> } {
  return typeof item.version === 'number'
    ? { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': item.version } }
    : { ConditionExpression: '#type = :type', ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ':type': item.type } };
}

function writesOf(item: Item, fate: ItemFate, move: PartitionMove): NamedWrite[] {
  const key = { pk: item.pk, sk: item.sk };
  if (fate.kind === 'drop') return [{ name: `drop:${item.sk}`, write: { Delete: { TableName: tableName, Key: key, ...stillAsRead(item) } } }];
  if (fate.kind !== 'move') return [];
  return [
    {
      name: `to:${item.sk}`,
      write: {
        Put: {
          TableName: tableName,
          Item: fate.item,
          ConditionExpression: 'attribute_not_exists(pk) OR #type = :moved',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':moved': MOVED_TYPE },
        },
      },
    },
    { name: `from:${item.sk}`, write: { Put: { TableName: tableName, Item: stubOf(key, move.stub), ...stillAsRead(item) } } },
    ...(fate.along ?? []),
  ];
}

export function stubOf(key: { pk: string; sk: string }, stub: PartitionMove['stub']): Record<string, unknown> {
  return { ...key, type: MOVED_TYPE, tenantId: stub.tenantId, movedTo: stub.movedTo, mergeId: stub.mergeId, ...expiresAfter(STUB_TTL_SECONDS) };
}

/**
 * Deletes the stubs one operation left in a partition that stays in use (an undo's, in the
 * survivor's), so the survivor's lists never meet them. A stub's own deletion is of type
 * `moved`, which no consumer listens to.
 */
export async function deleteStubs(pk: string, mergeId: string): Promise<void> {
  const pages = queryPages<{ pk: string; sk: string }>({
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: '#type = :moved AND mergeId = :mergeId',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':pk': pk, ':moved': MOVED_TYPE, ':mergeId': mergeId },
    ProjectionExpression: 'pk, sk',
    ConsistentRead: true,
  });
  for await (const keys of pages) await deleteKeys(keys);
}
