import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { optionalEnv } from '../config';
import { logger } from '../log';
import type { ComposedEmail } from './templates';

/**
 * Sends through Amazon SES (API v2). Locally `SES_ENDPOINT` points the client at
 * aws-ses-v2-local; in AWS it is unset. The client is created once per container, on the first
 * send (so a function that never sends never builds it).
 *
 * Retries: the SDK's own retries are off (`maxAttempts: 1`) so that there is one policy, this
 * one. Throttling and server-side or network failures are transient: retried here with
 * exponential backoff and full jitter, a bounded number of times; if they persist the caller
 * reports the stream record and Lambda retries it later. Everything else SES answers is
 * permanent for this message (content rejected, sender not verified, account suspended or
 * paused, bad request, daily quota): retrying within the stream's bounded retries would not
 * change the answer and would hold up the shard, so it ends as `failed` with the reason, for
 * staff to see.
 */
let client: SESv2Client | undefined;

function sesClient(): SESv2Client {
  if (!client) {
    const endpoint = optionalEnv('SES_ENDPOINT');
    client = new SESv2Client({
      endpoint,
      region: optionalEnv('AWS_REGION') ?? 'us-east-1',
      maxAttempts: 1,
      ...(endpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    });
  }
  return client;
}

/** Error names SES (or the SDK) uses for "slow down" and "try again". */
const TRANSIENT_ERRORS = new Set([
  'TooManyRequestsException',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'InternalServiceErrorException',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Network-level failures (no answer from SES at all) are transient too. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export function isTransientSesError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (TRANSIENT_ERRORS.has(error.name)) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status !== undefined) return status === 429 || status >= 500;
  const code = (error as { code?: string }).code;
  return code !== undefined && NETWORK_CODES.has(code);
}

export interface SendPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_SEND_POLICY: SendPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2_000 };

/** Tags that come back on every SES event, so an event finds its log without a cross-tenant lookup. */
export interface EmailTags {
  tenantId: string;
  customerId: string;
  logId: string;
}

export type SendResult =
  | { readonly status: 'sent'; readonly messageId: string }
  | { readonly status: 'failed'; readonly transient: boolean; readonly reason: string };

export async function sendEmail(
  email: ComposedEmail & { to: readonly string[] },
  tags: EmailTags,
  policy: SendPolicy = DEFAULT_SEND_POLICY,
): Promise<SendResult> {
  const configurationSet = optionalEnv('SES_CONFIGURATION_SET');
  const command = new SendEmailCommand({
    FromEmailAddress: email.from,
    Destination: { ToAddresses: [...email.to] },
    ...(email.replyTo.length > 0 ? { ReplyToAddresses: email.replyTo } : {}),
    Content: {
      Simple: {
        Subject: { Data: email.subject, Charset: 'UTF-8' },
        Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
      },
    },
    EmailTags: [
      { Name: 'tenantId', Value: tags.tenantId },
      { Name: 'customerId', Value: tags.customerId },
      { Name: 'logId', Value: tags.logId },
    ],
    ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
  });

  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await sesClient().send(command);
      if (!result.MessageId) return { status: 'failed', transient: true, reason: 'SES answered without a message id' };
      return { status: 'sent', messageId: result.MessageId };
    } catch (error) {
      const transient = isTransientSesError(error);
      const reason = describe(error);
      logger.warn('SES send failed', { logId: tags.logId, attempt, transient, errorName: (error as Error).name });
      if (!transient || attempt >= policy.maxAttempts) return { status: 'failed', transient, reason };
      await sleep(backoff(attempt, policy));
    }
  }
}

/** Full jitter: a random delay up to base * 2^(attempt-1), capped. */
function backoff(attempt: number, policy: SendPolicy): number {
  return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'Unknown error';
  const text = error.message && error.message !== error.name ? `${error.name}: ${error.message}` : error.name;
  return text.slice(0, 500);
}
