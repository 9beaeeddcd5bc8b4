import type { SNSEvent } from 'aws-lambda';
import { applyDeliveryOutcome } from '../../shared/email/email-log-repository';
import { parseSesEvent } from '../../shared/email/delivery-events';
import { logger } from '../../shared/log';

/**
 * SES delivery, bounce and complaint events (configuration set → SNS) update the email log the
 * event's tags name. Events that change nothing (other types, duplicates, out of order) are
 * skipped; a DynamoDB failure throws, so Lambda's asynchronous retries try again.
 */
export const handler = async (event: SNSEvent): Promise<void> => {
  for (const record of event.Records) {
    const parsed = parseSesEvent(record.Sns.Message);
    if (!parsed.ok) {
      logger.info('SES event skipped', { messageId: record.Sns.MessageId, reason: parsed.reason });
      continue;
    }
    const { tenantId, customerId, logId, outcome } = parsed.event;
    const changed = await applyDeliveryOutcome(tenantId, customerId, logId, outcome);
    logger.info('SES event', { tenantId, logId, status: outcome.status, changed });
  }
};
