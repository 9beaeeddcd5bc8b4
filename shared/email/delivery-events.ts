import * as z from '../schemas/zod';
import type { DeliveryOutcome } from './email-log-repository';
import { lazySchema } from '../schemas/lazy-schema';

/**
 * SES event publishing (a configuration set's SNS destination) sends one JSON message per
 * event. The tags set at send time come back in `mail.tags` (each a list of values), so the
 * event names its tenant, person and log: no lookup by message id across tenants.
 * Identity notifications (`notificationType` instead of `eventType`) have the same shape.
 */
const Tags = /* @__PURE__ */ lazySchema(() => z.record(z.string(), z.array(z.string())));

const Recipient = /* @__PURE__ */ lazySchema(() => z.object({ emailAddress: z.string(), diagnosticCode: z.optional(z.string()) }));

const SesEventMessage = /* @__PURE__ */ lazySchema(() => z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  mail: z.object({ messageId: z.string().check(z.minLength(1)), tags: z.optional(Tags) }),
  bounce: z.optional(z.object({
    bounceType: z.optional(z.string()),
    bounceSubType: z.optional(z.string()),
    bouncedRecipients: z.optional(z.array(Recipient)),
  })),
  complaint: z.optional(z.object({ complaintFeedbackType: z.optional(z.string()), complainedRecipients: z.optional(z.array(Recipient)) })),
  reject: z.optional(z.object({ reason: z.optional(z.string()) })),
}));

export interface SesDeliveryEvent {
  tenantId: string;
  customerId: string;
  logId: string;
  outcome: DeliveryOutcome;
}

export type ParsedSesEvent = { ok: true; event: SesDeliveryEvent } | { ok: false; reason: string };

/** Parses one SNS message body. Events that do not change a log (Send, Open, …) are `ok: false`. */
export function parseSesEvent(message: string): ParsedSesEvent {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = SesEventMessage.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'not an SES event' };
  const event = parsed.data;
  const type = event.eventType ?? event.notificationType;
  const tag = (name: string) => event.mail.tags?.[name]?.[0];
  const tenantId = tag('tenantId');
  const customerId = tag('customerId');
  const logId = tag('logId');
  if (!tenantId || !customerId || !logId) return { ok: false, reason: `${type ?? 'event'} without our tags` };
  const messageId = event.mail.messageId;

  let outcome: DeliveryOutcome;
  switch (type) {
    case 'Delivery':
      outcome = { status: 'delivered', messageId };
      break;
    case 'Bounce': {
      const b = event.bounce;
      const who = recipients(b?.bouncedRecipients);
      const kind = `${b?.bounceType ?? 'Unknown'} bounce${b?.bounceSubType ? ` (${b.bounceSubType})` : ''}`;
      outcome = { status: 'bounced', messageId, detail: who ? `${kind}: ${who}` : kind };
      break;
    }
    case 'Complaint': {
      const c = event.complaint;
      const who = recipients(c?.complainedRecipients);
      outcome = {
        status: 'complained',
        messageId,
        detail: `Marked as spam${c?.complaintFeedbackType ? ` (${c.complaintFeedbackType})` : ''}${who ? `: ${who}` : ''}`,
      };
      break;
    }
    case 'Reject':
      outcome = { status: 'failed', messageId, detail: `Rejected by SES: ${event.reject?.reason ?? 'no reason given'}` };
      break;
    default:
      return { ok: false, reason: `${type ?? 'untyped'} events do not change a log` };
  }
  return { ok: true, event: { tenantId, customerId, logId, outcome } };
}

function recipients(list: { emailAddress: string; diagnosticCode?: string }[] | undefined): string {
  return (list ?? [])
    .map((r) => (r.diagnosticCode ? `${r.emailAddress} (${r.diagnosticCode})` : r.emailAddress))
    .join(', ');
}
