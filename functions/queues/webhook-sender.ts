import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../../shared/log';
import { mapLimited } from '../../shared/concurrency';
import { parseAttemptMessage } from '../../shared/webhooks/delivery-queue';
import { attemptDelivery } from '../../shared/webhooks/send-attempt';

/**
 * The delivery queues' consumer: each message is one attempt of one delivery, all of a batch at
 * once (each waits at most 10 s for its endpoint). A message that throws (the table or the
 * queue did not answer) is reported alone and comes back after the visibility timeout; after 5
 * receives it goes to the dead-letter queue, which an alarm watches. A failed attempt is not an
 * error: it is recorded and the next one queued.
 */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const failed: string[] = [];
  await mapLimited(event.Records, 10, async (record) => {
    try {
      await attemptDelivery(parseAttemptMessage(record.body));
    } catch (error) {
      logger.error('webhook attempt not processed', { messageId: record.messageId, error: error as Error });
      failed.push(record.messageId);
    }
  });
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
};
