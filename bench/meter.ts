import type { AttributeValue, ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Counts what the functions ask of DynamoDB, with two middlewares on the app's one client
 * (`dynamoClient`; the DocumentClient shares its stack):
 *
 * - initialize step: adds `ReturnConsumedCapacity: INDEXES` to every data-plane command (the SDK
 *   has no global switch), then counts the request, its HTTP attempts and the capacity units the
 *   engine reports;
 * - build step (after marshalling): estimates what AWS bills for a `TransactWriteItems` from the
 *   item sizes (2 WCU per started KB per item), because DynamoDB Local reports transactions at
 *   twice that. In capture mode it swallows `PutItem`s and hands their items to the seeder
 *   instead of sending them, so seeding writes exactly what the project's own writers build.
 */
export interface Tally {
  /** Commands sent (one per `send`). */
  requests: number;
  /** HTTP attempts, retries included. */
  attempts: number;
  commands: Record<string, number>;
  /** Capacity units as DynamoDB Local reports them (table + indexes). */
  capacity: number;
  /** Capacity with transactions re-estimated from item sizes (AWS pricing rules). */
  estimatedCapacity: number;
}

const CAPACITY_COMMANDS = new Set(
  [
    'GetItem',
    'PutItem',
    'UpdateItem',
    'DeleteItem',
    'Query',
    'Scan',
    'BatchGetItem',
    'BatchWriteItem',
    'TransactGetItems',
    'TransactWriteItems',
  ].map((name) => `${name}Command`),
);

const emptyTally = (): Tally => ({ requests: 0, attempts: 0, commands: {}, capacity: 0, estimatedCapacity: 0 });

function capacityOf(consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): number {
  const list = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed];
  return list.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
}

/** An item's size by DynamoDB's rules (names + values; containers 3 bytes + 1 per element). */
export function attributeSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return Math.ceil(value.N.replace(/[-.]/g, '').replace(/^0+/, '').length / 2) + 1;
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.M !== undefined) return 3 + itemSize(value.M) + Object.keys(value.M).length;
  if (value.L !== undefined) return 3 + value.L.reduce((sum, element) => sum + attributeSize(element) + 1, 0);
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + attributeSize({ N: n }), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + b.length, 0);
  return 0;
}

export function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + attributeSize(value), 0);
}

function transactionWcu(input: { TransactItems?: Record<string, { Item?: Record<string, AttributeValue> }>[] }): number {
  let units = 0;
  for (const entry of input.TransactItems ?? []) {
    const put = entry.Put;
    // Update, Delete and ConditionCheck: the item size is unknown here; the profile-sized
    // items this bench touches are under 1 KB, so 1 KB.
    units += 2 * (put?.Item ? Math.max(1, Math.ceil(itemSize(put.Item) / 1024)) : 1);
  }
  return units;
}

export class DynamoMeter {
  private tally = emptyTally();
  private captureSink: ((item: Record<string, AttributeValue>) => void) | undefined;

  install(client: DynamoDBClient): this {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (this.captureSink) return next(args);
        const name = context.commandName ?? 'unknown';
        const input = args.input as Record<string, unknown>;
        const withCapacity = CAPACITY_COMMANDS.has(name) ? { ...args, input: { ...input, ReturnConsumedCapacity: 'INDEXES' } } : args;
        this.tally.requests += 1;
        this.tally.commands[name] = (this.tally.commands[name] ?? 0) + 1;
        try {
          const result = await next(withCapacity);
          const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[]; $metadata?: { attempts?: number } };
          this.tally.attempts += output.$metadata?.attempts ?? 1;
          const units = capacityOf(output.ConsumedCapacity);
          this.tally.capacity += units;
          if (name !== 'TransactWriteItemsCommand') this.tally.estimatedCapacity += units;
          return result;
        } catch (error) {
          this.tally.attempts += (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
          throw error;
        }
      },
      { step: 'initialize', priority: 'high', name: 'benchMeter' },
    );
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        if (this.captureSink) {
          if (context.commandName === 'PutItemCommand' && input.Item) {
            this.captureSink(input.Item as Record<string, AttributeValue>);
            return { output: { $metadata: {} }, response: {} } as never;
          }
          throw new Error(`capture mode saw ${context.commandName}: only PutItem is expected`);
        }
        if (context.commandName === 'TransactWriteItemsCommand') this.tally.estimatedCapacity += transactionWcu(input as never);
        return next(args);
      },
      { step: 'build', priority: 'high', name: 'benchCapture' },
    );
    return this;
  }

  reset(): void {
    this.tally = emptyTally();
  }

  snapshot(): Tally {
    return { ...this.tally, commands: { ...this.tally.commands } };
  }

  /** Runs `fn` alone and returns what it asked of DynamoDB. */
  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; tally: Tally }> {
    this.reset();
    const result = await fn();
    return { result, tally: this.snapshot() };
  }

  /**
   * Runs a writer with its `PutItem`s captured instead of sent: the items it would write, in
   * DynamoDB's attribute-value form. Nothing else may use the client meanwhile.
   */
  async capture(fn: () => Promise<unknown>): Promise<Record<string, AttributeValue>[]> {
    const items: Record<string, AttributeValue>[] = [];
    this.captureSink = (item) => items.push(item);
    try {
      await fn();
    } finally {
      this.captureSink = undefined;
    }
    return items;
  }
}
