import { writeOncePerRecord } from '../db/record-once';
import { logger } from '../log';
import { html } from '../email/html';
import { sendEmail } from '../email/ses-sender';
import { defaultSender, formatAddress } from '../email/templates';
import { readSettings } from '../settings/settings-repository';
import type { StreamChange } from '../streams/stream-handler';
import type { WebhookItem } from './webhook-repository';

/** The marker's consumer name: one alert per stream record of a disabling. */
const ENDPOINT_ALERT = 'endpoint-alert';

/**
 * The record of an endpoint the sender disabled after 5 days of failures (enabled → disabled,
 * reason `failing`): the only change of an endpoint its admins are emailed about. The
 * `notifications` consumer's filter passes these records (`shared/streams/consumers.ts`).
 */
export function disabledByFailures(change: StreamChange): WebhookItem | undefined {
  const before = change.oldItem;
  const after = change.newItem;
  if (after?.type !== 'webhook' || before?.type !== 'webhook') return undefined;
  if (before.status !== 'enabled' || after.status !== 'disabled' || after.disabledReason !== 'failing') return undefined;
  return after as unknown as WebhookItem;
}

/**
 * Tells a winery's admins that one of its webhook endpoints was disabled after 5 days of
 * failures. They are `settings.alertEmails`, or, when the winery set none, its reply-to
 * address (`settings.email.replyTo`); with neither, the disabling is only logged (the console
 * shows the endpoint as disabled, with the reason).
 *
 * Sent from the `notifications` consumer (which sends every email), not by the sender that
 * disabled the endpoint: the sender runs for every delivery attempt and bundles neither SES nor
 * zod. Sent once: a marker of the record is written first, so a redelivered record sends
 * nothing; SES's transient errors are retried by `sendEmail`, and an alert SES still refuses is
 * logged, not retried (the console shows the endpoint disabled either way).
 */
export async function alertEndpointDisabled(change: StreamChange): Promise<void> {
  const webhook = disabledByFailures(change);
  if (!webhook) return;
  const settings = await readSettings(webhook.tenantId);
  const to = settings.alertEmails.length > 0 ? settings.alertEmails : settings.email.replyTo ? [settings.email.replyTo] : [];
  if (to.length === 0) {
    logger.warn('webhook endpoint disabled; no alert address in settings', { tenantId: webhook.tenantId, webhookId: webhook.id });
    return;
  }
  if (!(await writeOncePerRecord(webhook.tenantId, ENDPOINT_ALERT, change.eventId, []))) return;
  const failingSince = webhook.failingSince ?? webhook.updatedAt;
  const subject = `A webhook endpoint was disabled: ${new URL(webhook.url).host}`;
  const lines = [
    `Every delivery to ${webhook.url} has failed since ${failingSince}, so we stopped sending to it.`,
    'Fix the receiving system, then enable the endpoint again in Settings → Webhooks; deliveries that failed meanwhile can be retried from its delivery log.',
  ];
  const result = await sendEmail(
    {
      from: formatAddress(settings.wineryName, settings.email.from ?? defaultSender()),
      replyTo: [],
      to,
      subject,
      text: `${lines.join('\n\n')}\n\n${settings.wineryName}\n`,
      html: html`<!doctype html><html><body>${lines.map((line) => html`<p>${line}</p>`)}<p>${settings.wineryName}</p></body></html>`.value,
    },
    // SES events name a person's email log by these tags; this email has none, so they match nothing.
    { tenantId: webhook.tenantId, customerId: 'none', logId: `webhook-disabled-${webhook.id}` },
  );
  if (result.status !== 'sent') logger.error('webhook alert email not sent', { tenantId: webhook.tenantId, webhookId: webhook.id, reason: result.reason });
}
