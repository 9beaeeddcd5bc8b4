import { readProfilePage, type ProfilePage } from '../people/profile-page';
import { emailLogId, markEmailFailed, markEmailSent, releaseEmailLog, startEmailLog } from './email-log-repository';
import { issuePasswordToken } from '../portal/password-tokens';
import { cachedSettings } from '../settings/settings-repository';
import { NotFoundError } from '../errors';
import { logger } from '../log';
import type { StreamChange } from '../streams/stream-handler';
import { categoryOf, decideEmails, planRecipients, type EmailIntent } from './decide';
import { sendEmail, type SendPolicy } from './ses-sender';
import { composeEmail, passwordLink, subjectOf, type TemplateContext } from './templates';

/** SES kept failing with a transient error: the stream record is reported and retried later. */
export class EmailDeferredError extends Error {
  constructor(logId: string, reason: string) {
    super(`Email ${logId} deferred: ${reason}`);
    this.name = 'EmailDeferredError';
  }
}

export type NotifyOutcome = 'none' | 'skipped' | 'already-handled' | 'sent' | 'failed';

/**
 * Turns one stream record into its emails (at most one per person): decide, read the person's
 * profile page (one Query: the profile and their additional emails), log the email as `sending`
 * under an id derived from the record (or claim its log, released `queued` after a throttled
 * try), and only then issue a password token, render and send. A redelivered record finds its
 * log already started and sends nothing.
 *
 * A permanent SES refusal ends `failed` and returns normally (retrying would not help); a
 * transient one that outlasts the sender's retries releases the log and throws, so the
 * record is reported and retried.
 */
export async function notify(change: StreamChange, policy?: SendPolicy): Promise<NotifyOutcome> {
  let outcome: NotifyOutcome = 'none';
  // One record may mean emails to two people (a gift's member and giver): each its own log.
  for (const intent of decideEmails(change)) outcome = await notifyOne(change, intent, policy);
  return outcome;
}

async function notifyOne(change: StreamChange, intent: EmailIntent, policy: SendPolicy | undefined): Promise<NotifyOutcome> {
  const { tenantId, customerId, template } = intent;

  let page: ProfilePage;
  try {
    page = await readProfilePage(tenantId, customerId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    logger.info('no email: the person no longer exists', { tenantId, customerId, template });
    return 'skipped';
  }
  // A password link goes to the account's own address only: anyone who gets it can take the account.
  const additional = intent.passwordToken
    ? []
    : page.emails.map((item) => item.email);
  const plan = planRecipients(categoryOf(template), page.profile, additional);
  if (!plan.send) {
    logger.info('no email', { tenantId, customerId, template, reason: plan.reason });
    return 'skipped';
  }

  const settings = await cachedSettings(tenantId);
  const context: TemplateContext = {
    wineryName: settings.wineryName,
    firstName: page.profile.firstName,
    currency: settings.currency,
    timeZone: settings.timeZone,
  };
  const logId = emailLogId(change.eventId, template, intent.changedAt);
  const log = { tenantId, customerId, id: logId, template, subject: subject(intent, context), to: plan.to };
  if (!(await startEmailLog(log))) {
    logger.info('email already handled', { tenantId, customerId, logId });
    return 'already-handled';
  }

  // The token is issued only by the claimant, so a replay never mints a second valid link.
  if (intent.passwordToken) {
    const token = await issuePasswordToken(tenantId, customerId, intent.passwordToken);
    context.link = passwordLink(tenantId, intent.passwordToken, token);
  }
  const email = compose(intent, settings, context);
  const result = await sendEmail({ ...email, to: plan.to }, { tenantId, customerId, logId }, policy);

  if (result.status === 'sent') {
    await markEmailSent(tenantId, customerId, logId, result.messageId, log);
    logger.info('email sent', { tenantId, customerId, logId, template });
    return 'sent';
  }
  if (!result.transient) {
    await markEmailFailed(tenantId, customerId, logId, result.reason, log);
    logger.warn('email failed for good', { tenantId, customerId, logId, template });
    return 'failed';
  }
  await releaseEmailLog(tenantId, customerId, logId, result.reason);
  throw new EmailDeferredError(logId, result.reason);
}

// The union of intents is narrowed per template inside the template table; here it is one call.
function subject(intent: EmailIntent, context: TemplateContext): string {
  return subjectOf(intent.template, context, intent.data as never);
}

function compose(intent: EmailIntent, settings: Parameters<typeof composeEmail>[1], context: TemplateContext) {
  return composeEmail(intent.template, settings, context, intent.data as never);
}
