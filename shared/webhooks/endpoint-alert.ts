import { logger } from '../log';
import { html } from '../email/html';
import { sendEmail } from '../email/ses-sender';
import { defaultSender, formatAddress } from '../email/templates';
import { readSettings } from '../settings/settings-repository';
import type { WebhookItem } from './webhook-repository';

/**
 * Tells a winery's admins that one of its webhook endpoints was disabled after 5 days of
 * failures. They are `settings.alertEmails`, or, when the winery set none, its reply-to
 * address (`settings.email.replyTo`); with neither, the disabling is only logged (the console
 * shows the endpoint as disabled, with the reason). Sent once: only the writer that disabled
 * the endpoint sends.
 */
export async function emailAdminsEndpointDisabled(webhook: WebhookItem, failingSince: string): Promise<void> {
  const settings = await readSettings(webhook.tenantId);
  const to = settings.alertEmails.length > 0 ? settings.alertEmails : settings.email.replyTo ? [settings.email.replyTo] : [];
  if (to.length === 0) {
    logger.warn('webhook endpoint disabled; no alert address in settings', { tenantId: webhook.tenantId, webhookId: webhook.id });
    return;
  }
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
