import { notify } from '../../shared/email/notify';
import { streamHandler } from '../../shared/streams/stream-handler';
import { alertEndpointDisabled } from '../../shared/webhooks/endpoint-alert';

/**
 * Sends the emails the table's changes mean (welcome, password reset, club, order,
 * reservation), each logged once and sent once, and the admins' alert when a webhook endpoint
 * was disabled after 5 days of failures. A record SES keeps throttling is reported and
 * retried; a permanent SES refusal is logged as `failed` and not retried.
 */
export const handler = streamHandler('notifications', async (change) => {
  await notify(change);
  await alertEndpointDisabled(change);
});
