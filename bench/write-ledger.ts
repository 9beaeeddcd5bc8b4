import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { itemSize } from './meter';

/**
 * Every write the functions make, as DynamoDB bills it: the table write and each index write
 * derived from the item before and after (DynamoDB Local reports no per-index writes, and its
 * capacity figures for transactions are off). A middleware on the app's client, next to the
 * meter: before a write it reads the items the write touches (with a client of its own, so the
 * meter never sees these reads), after it reads them again, and derives:
 *
 * - the table: one write per item written, ⌈size / 1 KB⌉ write units of the larger of the item
 *   before and after, twice that inside a transaction; a write refused by its condition is still
 *   billed (one write, the item's size), with no index write;
 * - each global index (all project every attribute): none when the item is on it neither before
 *   nor after, or on it with the same keys and the same attributes; one when it comes, goes, or
 *   changes in place; two (a delete and a put) when its index keys move.
 *
 * Each write is recorded with its partition key (the table's `pk`, or the index's partition key)
 * and when it happened, so the bench can sum writes per event and per partition key pattern.
 */
export interface LedgerWrite {
  /** Epoch ms. */
  readonly at: number;
  /** `table` or the index name. */
  readonly target: string;
  /** The partition key value written (`pk`, or the index's partition key). */
  readonly partition: string;
  /** The item's `type` (or `?`), for the per-kind breakdown. */
  readonly kind: string;
  readonly writes: number;
  readonly units: number;
}

interface IndexKeys {
  readonly name: string;
  readonly pk: string;
  readonly sk: string;
}

type Item = Record<string, AttributeValue>;
type Key = { pk: AttributeValue; sk: AttributeValue };

const WRITE_COMMANDS = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);
const KB = 1024;
const unitsOf = (bytes: number) => Math.max(1, Math.ceil(bytes / KB));
const keyString = (key: Key) => `${key.pk.S}\u0000${key.sk.S}`;
const same = (a: AttributeValue | undefined, b: AttributeValue | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** What one write request touches: per item, its key, the new item when the request says it (a put), and whether it is transactional. */
interface Touch {
  key: Key;
  put?: Item;
  deleted?: boolean;
  transactional: boolean;
  conditionOnly?: boolean;
}

function touchesOf(command: string, input: Record<string, unknown>, table: string): Touch[] {
  const keyOf = (item: Item): Key => ({ pk: item.pk!, sk: item.sk! });
  switch (command) {
    case 'PutItemCommand':
      return [{ key: keyOf(input.Item as Item), put: input.Item as Item, transactional: false }];
    case 'UpdateItemCommand':
      return [{ key: input.Key as Key, transactional: false }];
    case 'DeleteItemCommand':
      return [{ key: input.Key as Key, deleted: true, transactional: false }];
    case 'BatchWriteItemCommand': {
      const requests = ((input.RequestItems as Record<string, unknown[]>)[table] ?? []) as {
        PutRequest?: { Item: Item };
        DeleteRequest?: { Key: Key };
      }[];
      return requests.map((request) =>
        request.PutRequest
          ? { key: keyOf(request.PutRequest.Item), put: request.PutRequest.Item, transactional: false }
          : { key: request.DeleteRequest!.Key, deleted: true, transactional: false },
      );
    }
    case 'TransactWriteItemsCommand':
      return ((input.TransactItems ?? []) as Record<string, { Item?: Item; Key?: Key }>[]).map((entry) => {
        if (entry.Put) return { key: keyOf(entry.Put.Item!), put: entry.Put.Item, transactional: true };
        if (entry.Delete) return { key: entry.Delete.Key!, deleted: true, transactional: true };
        if (entry.Update) return { key: entry.Update.Key!, transactional: true };
        return { key: entry.ConditionCheck!.Key!, transactional: true, conditionOnly: true };
      });
    default:
      return [];
  }
}

export class WriteLedger {
  private recorded: LedgerWrite[] = [];
  private readonly indexes: readonly IndexKeys[];

  constructor(
    private readonly reader: DynamoDBClient,
    private readonly tableName: string,
    indexes: readonly { name: string; partitionKey: string; sortKey: string }[],
  ) {
    this.indexes = indexes.map((index) => ({ name: index.name, pk: index.partitionKey, sk: index.sortKey }));
  }

  install(client: DynamoDBClient): this {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? '';
        if (!WRITE_COMMANDS.has(command)) return next(args);
        const touches = touchesOf(command, args.input as Record<string, unknown>, this.tableName);
        const before = await this.read(touches.map((t) => t.key));
        let failed: Set<number> | 'all' | undefined;
        try {
          const result = await next(args);
          // Items a BatchWriteItem left unprocessed were not written (the caller sends them again).
          const unprocessed = (result.output as { UnprocessedItems?: Record<string, { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Key } }[]> })
            .UnprocessedItems?.[this.tableName];
          if (unprocessed && unprocessed.length > 0) {
            const left = new Set(unprocessed.map((r) => keyString(r.PutRequest ? { pk: r.PutRequest.Item.pk!, sk: r.PutRequest.Item.sk! } : r.DeleteRequest!.Key)));
            failed = new Set(touches.flatMap((t, i) => (left.has(keyString(t.key)) ? [i] : [])));
          }
          await this.account(touches, before, failed, false);
          return result;
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException || error instanceof TransactionCanceledException) {
            await this.account(touches, before, 'all', true);
          }
          throw error;
        }
      },
      // At the build step the DocumentClient has marshalled the input: items are attribute values here.
      { step: 'build', priority: 'low', name: 'benchWriteLedger' },
    );
    return this;
  }

  /** The writes recorded since the last call. */
  take(): LedgerWrite[] {
    const taken = this.recorded;
    this.recorded = [];
    return taken;
  }

  private async read(keys: readonly Key[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    const unique = [...new Map(keys.map((key) => [keyString(key), key])).values()];
    for (let i = 0; i < unique.length; i += 100) {
      let pending: Key[] | undefined = unique.slice(i, i + 100);
      while (pending && pending.length > 0) {
        const result = await this.reader.send(new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
        for (const item of result.Responses?.[this.tableName] ?? []) found.set(keyString({ pk: item.pk!, sk: item.sk! }), item);
        pending = result.UnprocessedKeys?.[this.tableName]?.Keys as Key[] | undefined;
      }
    }
    return found;
  }

  private async account(touches: readonly Touch[], before: Map<string, Item>, failed: Set<number> | 'all' | undefined, refused: boolean): Promise<void> {
    const at = Date.now();
    // Updates change items in ways only a read tells; puts and deletes say what they leave.
    const needAfter = touches.filter((t, i) => !t.put && !t.deleted && !t.conditionOnly && failed !== 'all' && !failed?.has(i)).map((t) => t.key);
    const after = needAfter.length > 0 ? await this.read(needAfter) : new Map<string, Item>();
    touches.forEach((touch, i) => {
      const old = before.get(keyString(touch.key));
      const kind = (old ?? touch.put ?? after.get(keyString(touch.key)))?.type?.S ?? `(none at ${touch.key.sk.S?.split('#')[0]})`;
      const partition = touch.key.pk.S ?? '?';
      const factor = touch.transactional ? 2 : 1;
      if (touch.conditionOnly) {
        // A ConditionCheck in a transaction is billed as a write of the item, changes nothing.
        this.recorded.push({ at, target: 'table', partition, kind, writes: 1, units: factor * unitsOf(old ? itemSize(old) : 0) });
        return;
      }
      if (failed === 'all' || failed?.has(i)) {
        if (refused) this.recorded.push({ at, target: 'table', partition, kind, writes: 1, units: factor * unitsOf(old ? itemSize(old) : 0) });
        return;
      }
      const next = touch.deleted ? undefined : (touch.put ?? after.get(keyString(touch.key)));
      const size = Math.max(old ? itemSize(old) : 0, next ? itemSize(next) : 0);
      this.recorded.push({ at, target: 'table', partition, kind, writes: 1, units: factor * unitsOf(size) });
      for (const index of this.indexes) {
        const was = old?.[index.pk] && old[index.sk] ? old : undefined;
        const is = next?.[index.pk] && next[index.sk] ? next : undefined;
        if (!was && !is) continue;
        const push = (item: Item) =>
          this.recorded.push({ at, target: index.name, partition: item[index.pk]!.S ?? '?', kind, writes: 1, units: unitsOf(itemSize(item)) });
        if (was && is) {
          if (same(was[index.pk], is[index.pk]) && same(was[index.sk], is[index.sk])) {
            if (JSON.stringify(was) !== JSON.stringify(is)) push(is);
          } else {
            push(was);
            push(is);
          }
        } else push((is ?? was)!);
      }
    });
  }
}

/**
 * A partition key with the parts that vary from tenant to tenant and person to person replaced:
 * `T#winery-x#C#01J…` → `T#<t>#C#<id>`. What the heat table groups by.
 */
export function keyPattern(partition: string): string {
  const parts = partition.split('#');
  return parts
    .map((part, i) => {
      const before = parts[i - 1];
      if (before === 'T' && i === 1) return '<t>';
      if (/^[0-9A-HJKMNP-TV-Z]{26}$/.test(part)) return '<id>';
      if (/^\d{4}-\d{2}-\d{2}/.test(part)) return '<date>';
      if (part.includes('@')) return '<email>';
      if (before === 'EMAIL') return '<email>';
      if (before === 'IDEM') return part;
      if (before === 'FLAG' || before === 'CLASS' || before === 'CLUB') return '<key>';
      if (before === 'Q' || before === 'W') return '<term>';
      if (/^\d+$/.test(part)) return '<n>';
      if (/^[a-z0-9-]{20,}$/i.test(part) && /\d/.test(part)) return '<id>';
      return part;
    })
    .join('#');
}
