import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { logger } from '../log';
import { mapLimited } from '../concurrency';
import { consumers } from './consumers';

/** A stream record as consumers see it: the item before and after, as plain objects. */
export interface StreamChange<T = Record<string, unknown>> {
  /** Unique per stream record: the key that makes a consumer's effect happen once. */
  readonly eventId: string;
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly oldItem: T | undefined;
  readonly newItem: T | undefined;
}

function image(value: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return value ? unmarshall(value as Record<string, AttributeValue>) : undefined;
}

export function toStreamChange(record: DynamoDBRecord): StreamChange {
  if (!record.eventID || !record.eventName) throw new Error('Stream record without eventID or eventName');
  return {
    eventId: record.eventID,
    eventName: record.eventName,
    oldItem: image(record.dynamodb?.OldImage),
    newItem: image(record.dynamodb?.NewImage),
  };
}

export interface StreamHandlerOptions {
  /**
   * Applies a whole batch at once, for a consumer whose effects add up whatever their order
   * (counters), or that recomputes what a batch touches from what is stored now (a person weighed
   * once for all their records). When it throws, the batch is applied record by record as
   * without it; once-per-record markers, or the recompute, keep what it did apply from counting
   * twice.
   */
  together?: (changes: StreamChange[]) => Promise<void>;
  /**
   * What is applied one record after another: the records of one item (the default), or of one
   * partition, for a consumer that writes the same item for every item of a partition (a
   * person's orders all move their one profile), so they never race each other.
   */
  inOrder?: 'item' | 'partition';
}

/**
 * Builds a stream consumer: the records of one item are applied in stream order (an item's
 * changes must not overtake each other), and the records of different items up to the
 * consumer's `itemsInParallel` at once. A record that throws is reported in
 * `batchItemFailures` with the later records of its item (not applied, so they keep their
 * order); the other items go on. Lambda retries from the lowest failed sequence number (the
 * consumers are idempotent, so records applied after it are harmless again) and, after the
 * bounded retries, sends the record to the dead-letter queue.
 */
export function streamHandler(consumer: string, apply: (change: StreamChange) => Promise<void>, options: StreamHandlerOptions = {}) {
  const definition = consumers.find((entry) => entry.name === consumer);
  if (!definition) throw new Error(`No consumer ${consumer} in the consumer table`);
  return async (event: DynamoDBStreamEvent, _context?: Context): Promise<DynamoDBBatchResponse> => {
    if (options.together) {
      try {
        await options.together(event.Records.map(toStreamChange));
        return { batchItemFailures: [] };
      } catch (error) {
        logger.warn('batch not applied together: applying it record by record', { consumer, error: error as Error });
      }
    }
    const byItem = new Map<string, DynamoDBRecord[]>();
    for (const record of event.Records) {
      const keys = record.dynamodb?.Keys;
      const key = JSON.stringify((options.inOrder === 'partition' ? keys?.pk : keys) ?? record.eventID);
      byItem.set(key, [...(byItem.get(key) ?? []), record]);
    }
    const failed: DynamoDBRecord[] = [];
    await mapLimited([...byItem.values()], definition.itemsInParallel, async (records) => {
      for (const [index, record] of records.entries()) {
        try {
          await apply(toStreamChange(record));
        } catch (error) {
          logger.error('stream record failed', { consumer, eventId: record.eventID, error: error as Error });
          failed.push(...records.slice(index));
          return;
        }
      }
    });
    return { batchItemFailures: failed.map((record) => ({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' })) };
  };
}
