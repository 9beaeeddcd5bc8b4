import { historyKeys } from '../history/keys';

/**
 * Every key of the email aggregate, declared once. An email log is a history item of the person
 * it went to (`H#EMAIL#<id>`), so `GET …/email-logs` is one Query on that prefix. The log is
 * also what makes a send happen once (see `email-log-repository.ts`): there is no other marker.
 */
export const EMAIL_LOG_KIND = 'EMAIL';

export const emailLogKeys = {
  log: (tenantId: string, customerId: string, logId: string) => historyKeys.item(tenantId, customerId, EMAIL_LOG_KIND, logId),
};
