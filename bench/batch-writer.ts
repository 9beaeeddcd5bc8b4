import { BatchWriteItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Seeding writes: BatchWriteItem, 25 items a request, many requests in flight, unprocessed
 * items retried with backoff. Uses the seeding client, never the app's metered one.
 */
export class BatchWriter {
  private pending: Record<string, AttributeValue>[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;
  written = 0;
  requests = 0;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly concurrency: number,
  ) {}

  /** Queues items; resolves once there is room for more (back-pressure). */
  async put(items: readonly Record<string, AttributeValue>[]): Promise<void> {
    for (const item of items) {
      this.pending.push(item);
      if (this.pending.length === 25) await this.send(this.pending.splice(0, 25));
    }
  }

  /** Sends what is queued and waits for every request in flight. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) await this.send(this.pending.splice(0, 25));
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
  }

  private async send(batch: Record<string, AttributeValue>[]): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    const request = this.write(batch)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
  }

  private async write(batch: Record<string, AttributeValue>[]): Promise<void> {
    let items = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; items.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 10 * 2 ** attempt)));
      if (attempt > 12) throw new Error(`BatchWriteItem kept leaving ${items.length} items unprocessed`);
      this.requests += 1;
      const result = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: items } }));
      const left = result.UnprocessedItems?.[this.tableName] ?? [];
      this.written += items.length - left.length;
      items = left as typeof items;
    }
  }
}
