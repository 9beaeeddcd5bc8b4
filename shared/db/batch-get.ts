import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { chunks } from '../concurrency';
import { ServiceBusyError } from '../errors';
import { dynamo, tableName } from './client';

/** BatchGetItem reads at most 100 keys a request. */
const KEYS_PER_REQUEST = 100;
const MAX_ROUNDS = 4;

type Key = Readonly<Record<string, string>>;

/**
 * Reads of many items, 100 keys a BatchGetItem, the requests in parallel: consistent (what a
 * write decides on), or, with `consistent: false`, at half the cost (what a list shows). Keys a
 * request leaves unprocessed (the table is throttling) are read again a bounded number of
 * times; a key never read would skip a check, so past that the service is busy (503, `Retry-After`).
 */
export async function getItems(keys: readonly Key[], options: { consistent?: boolean } = {}): Promise<Record<string, unknown>[]> {
  return (await Promise.all(chunks(keys, KEYS_PER_REQUEST).map((chunk) => getChunk(chunk, options.consistent ?? true)))).flat();
}

async function getChunk(keys: readonly Key[], consistent: boolean): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let pending: readonly Record<string, unknown>[] | undefined = keys;
  for (let round = 0; pending && pending.length > 0; round += 1) {
    if (round === MAX_ROUNDS) throw new ServiceBusyError('The table is busy; try again.');
    const result: BatchGetCommandOutput = await dynamo.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: [...pending], ConsistentRead: consistent } } }),
    );
    items.push(...(result.Responses?.[tableName] ?? []));
    pending = result.UnprocessedKeys?.[tableName]?.Keys;
  }
  return items;
}

/** The item read for `key`, if any. */
export const itemAt = <T = Record<string, unknown>>(items: readonly Record<string, unknown>[], key: { pk: string; sk: string } | undefined): T | undefined =>
  key ? (items.find((item) => item.pk === key.pk && item.sk === key.sk) as T | undefined) : undefined;
