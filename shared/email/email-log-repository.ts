import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { derivedId } from '../ids';
import type { EmailLog, EmailStatus } from './email-schemas';
import type { Actor } from '../schemas/common';
import { dynamo, tableName } from '../db/client';
import { listHistory } from '../history/history';
import { EMAIL_LOG_KIND, emailLogKeys } from './keys';
import { firstStamp, systemActor, type Stamped } from '../db/item-stamp';
import { fieldUpdate } from '../db/item-writes';
import { timelineFields } from '../history/timeline';

/**
 * Email logs: one per email sent (one recipient set), under the person at `H#EMAIL#<id>`, on
 * their timeline once SES has answered. The log is written before the email is sent, and only
 * the writer that creates it as `sending` (or moves it from `queued` to `sending`) sends, so a
 * stream record delivered twice sends once.
 *
 *   (none) ──start──▶ sending ──▶ sent ──SES events──▶ delivered ─▶ bounced ─▶ complained
 *   queued ──claim──▶    │  └──▶ failed (SES refused it for good)
 *     ▲                  │
 *     └──release─────────┘ (SES kept throttling: the record is retried, the next delivery claims it)
 *
 * The log joins the timeline (gsi3) with `sent` or `failed`, not before: every write of an item
 * on an index writes the index too, and a log in flight for a second is no event of the
 * person's yet. A log started and then lost (a crash mid-send) stays `sending`, off the timeline.
 *
 * Events never move a log back: each status has a rank and an event only raises it (a message
 * to two recipients can be delivered to one and bounce at the other; the worse outcome shows).
 * A crash between SES accepting and `sent` being written leaves `sending`: that email is not
 * sent again (a duplicate is worse than a log that says "sending").
 */
export interface EmailLogItem extends Stamped {
  pk: string;
  sk: string;
  type: 'email-log';
  tenantId: string;
  customerId: string;
  id: string;
  template: string;
  subject: string;
  to: string[];
  status: EmailStatus;
  messageId?: string;
  error?: string;
}

/**
 * The log id of the email a stream record means: the same record always gives the same id
 * (`derivedId`: the change's time, then a hash of the record's event id and the template),
 * which is what makes a replay find the log instead of sending again.
 */
export function emailLogId(eventId: string, template: string, changedAt: string | undefined): string {
  return derivedId(changedAt, eventId, template);
}

/** What the notifications consumer knows of an email before its log exists. */
export type NewEmailLog = Pick<EmailLogItem, 'tenantId' | 'customerId' | 'id' | 'template' | 'subject' | 'to'>;

const notificationsActor = systemActor('notifications');

/**
 * Writes the log as `sending` unless it exists, or else claims it if it waits `queued` (released
 * after SES throttled). @returns true for the one caller that may now send the email.
 */
export async function startEmailLog(log: NewEmailLog): Promise<boolean> {
  return (await createSendingLog(log)) || claimEmailLog(log.tenantId, log.customerId, log.id);
}

/** Writes the log as `sending` unless it exists. @returns false when it already existed. */
async function createSendingLog(log: NewEmailLog): Promise<boolean> {
  const at = nowIso();
  const item: EmailLogItem = {
    ...emailLogKeys.log(log.tenantId, log.customerId, log.id),
    type: 'email-log',
    tenantId: log.tenantId,
    customerId: log.customerId,
    id: log.id,
    template: log.template,
    subject: log.subject,
    to: log.to,
    status: 'sending',
    ...firstStamp(notificationsActor, at),
  };
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

interface Transition {
  from: readonly EmailStatus[];
  to: EmailStatus;
  set?: Partial<Record<'messageId' | 'error', string>> & Partial<ReturnType<typeof timelineFields>>;
  remove?: readonly ('messageId' | 'error')[];
  /** Only when the log has no message id yet or this one (an event must be about this message). */
  messageId?: string;
  actor: Actor;
}

/** One conditional update of the status. @returns false when the log was not in a `from` state (or is missing). */
async function transition(tenantId: string, customerId: string, logId: string, t: Transition): Promise<boolean> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {};
  const from = t.from.map((status, i) => {
    values[`:from${i}`] = status;
    return `:from${i}`;
  });
  // An erased person's log takes no more news (a bounce's detail names the address).
  let expression = `#status IN (${from.join(', ')}) AND attribute_not_exists(erasedAt)`;
  if (t.messageId !== undefined) {
    names['#messageId'] = 'messageId';
    values[':eventMessageId'] = t.messageId;
    expression += ' AND (attribute_not_exists(#messageId) OR #messageId = :eventMessageId)';
  }
  const key = emailLogKeys.log(tenantId, customerId, logId);
  try {
    await dynamo.send(
      new UpdateCommand(fieldUpdate(key, { status: t.to, ...t.set }, t.actor, nowIso(), { condition: { expression, names, values }, remove: t.remove })),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** queued → sending. Only the caller that gets `true` may send the email. */
function claimEmailLog(tenantId: string, customerId: string, logId: string): Promise<boolean> {
  return transition(tenantId, customerId, logId, { from: ['queued'], to: 'sending', actor: notificationsActor });
}

/** What puts a log on the person's timeline: when SES answered, and the subject. */
type TimelineOf = { subject: string };
const onTimeline = (tenantId: string, customerId: string, logId: string, log: TimelineOf) =>
  timelineFields(tenantId, customerId, { at: nowIso(), type: 'email', summary: log.subject, refId: logId });

/**
 * sending → sent, and onto the timeline. When a delivery event got there first (it moved the
 * status on and set the message id), the log joins the timeline all the same.
 */
export async function markEmailSent(tenantId: string, customerId: string, logId: string, messageId: string, log: TimelineOf): Promise<boolean> {
  const timeline = onTimeline(tenantId, customerId, logId, log);
  const sent = await transition(tenantId, customerId, logId, {
    from: ['sending'],
    to: 'sent',
    set: { messageId, ...timeline },
    remove: ['error'],
    actor: notificationsActor,
  });
  if (!sent) await joinTimeline(tenantId, customerId, logId, timeline);
  return sent;
}

/** sending → failed, with SES's reason, onto the timeline. */
export function markEmailFailed(tenantId: string, customerId: string, logId: string, reason: string, log: TimelineOf): Promise<boolean> {
  return transition(tenantId, customerId, logId, {
    from: ['sending'],
    to: 'failed',
    set: { error: reason, ...onTimeline(tenantId, customerId, logId, log) },
    actor: notificationsActor,
  });
}

/** The timeline fields on a log that has none yet (nothing when it has them, or is gone). */
async function joinTimeline(tenantId: string, customerId: string, logId: string, timeline: ReturnType<typeof timelineFields>): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand(
        fieldUpdate(emailLogKeys.log(tenantId, customerId, logId), timeline, notificationsActor, nowIso(), {
          condition: { expression: 'attribute_not_exists(#onTimeline)', names: { '#onTimeline': 'gsi3pk' } },
        }),
      ),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** sending → queued: SES kept throttling; the retried stream record claims it again. */
export function releaseEmailLog(tenantId: string, customerId: string, logId: string, reason: string): Promise<boolean> {
  return transition(tenantId, customerId, logId, { from: ['sending'], to: 'queued', set: { error: reason }, actor: notificationsActor });
}

/** What SES reported about a sent message. */
export interface DeliveryOutcome {
  status: 'delivered' | 'bounced' | 'complained' | 'failed';
  messageId: string;
  /** For bounces, complaints and rejects: what happened, for staff. */
  detail?: string;
}

/** From which statuses an event may move a log: only upwards, never out of `failed`. */
const EVENT_MAY_LEAVE: Record<DeliveryOutcome['status'], readonly EmailStatus[]> = {
  delivered: ['sending', 'sent'],
  bounced: ['sending', 'sent', 'delivered'],
  complained: ['sending', 'sent', 'delivered', 'bounced'],
  failed: ['sending', 'sent'],
};

/**
 * Applies an SES event to its log. An event may arrive before `sent` was written (the log is
 * still `sending`): it sets the message id itself. A duplicate or out-of-order event, or one
 * for a log that does not exist, changes nothing. @returns whether the log changed.
 */
export async function applyDeliveryOutcome(
  tenantId: string,
  customerId: string,
  logId: string,
  outcome: DeliveryOutcome,
): Promise<boolean> {
  // The event names the person the email went to; a merge since may have moved the log (a stub
  // left behind names where to), a few merges at most.
  let person = customerId;
  for (let hop = 0; hop < 8; hop += 1) {
    const applied = await transition(tenantId, person, logId, {
      from: EVENT_MAY_LEAVE[outcome.status],
      to: outcome.status,
      set: { messageId: outcome.messageId, ...(outcome.detail ? { error: outcome.detail.slice(0, 500) } : {}) },
      messageId: outcome.messageId,
      actor: systemActor('ses-events'),
    });
    if (applied) return true;
    const stored = await dynamo.send(new GetCommand({ TableName: tableName, Key: emailLogKeys.log(tenantId, person, logId), ConsistentRead: true }));
    if (stored.Item?.type !== 'moved') return false;
    person = stored.Item.movedTo as string;
  }
  return false;
}

export async function getEmailLog(tenantId: string, customerId: string, logId: string): Promise<EmailLog | undefined> {
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: emailLogKeys.log(tenantId, customerId, logId), ConsistentRead: true }),
  );
  return result.Item ? toEmailLog(result.Item as EmailLogItem) : undefined;
}

/** A person's email logs, newest first: one Query on `H#EMAIL#`. 404 for an unknown person. */
export function listEmailLogs(tenantId: string, customerId: string, page: { limit: number; cursor?: string }) {
  return listHistory(tenantId, customerId, EMAIL_LOG_KIND, page, toEmailLog);
}

export function toEmailLog(log: EmailLogItem): EmailLog {
  return {
    id: log.id,
    template: log.template,
    subject: log.subject,
    to: log.to,
    status: log.status,
    messageId: log.messageId ?? null,
    error: log.error ?? null,
    createdAt: log.createdAt,
    updatedAt: log.updatedAt,
  };
}
