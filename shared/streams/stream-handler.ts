import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { logger } from '../log';

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

/**
 * Builds a stream consumer: each record is applied in order (one item's changes must not
 * overtake each other); a record that throws is reported in `batchItemFailures` and the rest
 * of the batch goes on, so Lambda retries from it and, after the bounded retries, sends it to
 * the dead-letter queue.
 */
export function streamHandler(consumer: string, apply: (change: StreamChange) => Promise<void>) {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  return async (event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> =>
    processPartialResponse(
      event,
      async (record: DynamoDBRecord) => {
        try {
          await apply(toStreamChange(record));
        } catch (error) {
          logger.error('stream record failed', { consumer, eventId: record.eventID, error: error as Error });
          throw error;
        }
      },
      processor,
      { context: context as Context, processInParallel: false, throwOnFullBatchFailure: false },
    );
}
