import { now } from '../clock';
import { NotFoundError } from '../errors';
import { logger } from '../log';
import { outboundNetwork, publicTarget, RefusedTarget, type OutboundAnswer } from '../outbound/public-address';
import { claimAttempt, recordOutcome, type AttemptOutcome, type DeliveryItem } from './delivery-repository';
import { enqueueAttempt, enqueueRestOfWait, type AttemptMessage } from './delivery-queue';
import { ATTEMPT_TIMEOUT_MS, DISABLE_AFTER_FAILING_MS, MAX_ANSWER_BYTES, waitAfter } from './delivery-schedule';
import { signedHeaders } from './signature';
import {
  disableFailing,
  getWebhookItem,
  markFailing,
  markHealthy,
  signingSecrets,
  type WebhookItem,
} from './webhook-repository';
import { endpointPolicy } from './endpoint-policy';

export type AttemptResult = 'waiting' | 'stale' | 'succeeded' | 'retrying' | 'failed';

/**
 * One message of a delivery queue: one attempt of one delivery.
 *
 * A message whose wait is not over goes back on the queue. Otherwise the attempt is claimed
 * (a duplicate or outdated message stops here), signed with every current secret, and POSTed
 * to the endpoint's URL, which is checked again first (https, public addresses: DNS can change
 * since it was saved). A 2xx within 10 s succeeds. Anything else — another status, a timeout,
 * a refused address — is a failed attempt: the next one is queued with its wait before the
 * outcome is written (so a crash in between loses no retry), or, when the round is over, the
 * delivery is `failed`. The endpoint's answer is read up to 64 KiB and never stored or shown:
 * the log says what happened in our words.
 *
 * An endpoint failing for 5 days is disabled; the `notifications` consumer emails its winery's
 * admins from that change (`endpoint-alert.ts`).
 */
export async function attemptDelivery(message: AttemptMessage): Promise<AttemptResult> {
  if (message.waitSeconds > 0) {
    await enqueueRestOfWait(message);
    return 'waiting';
  }
  const { tenantId, webhookId, deliveryId, attempt } = message;
  const at = now();
  const claim = await claimAttempt({ tenantId, webhookId, deliveryId }, attempt, at);
  if ('stale' in claim) return 'stale';
  if ('unfinished' in claim) return scheduleNext(claim.unfinished, attempt, { ok: false, error: 'The attempt did not finish; it is tried again.' }, at);
  const delivery = claim.claimed;
  const webhook = await getWebhookItem(tenantId, webhookId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (!webhook || webhook.status !== 'enabled') {
    const reason = webhook ? 'The endpoint is disabled.' : 'The endpoint was deleted.';
    await recordOutcome(delivery, attempt, { status: 'failed', lastStatusCode: null, lastError: reason, nextAttemptAt: null }, at.toISOString());
    return 'failed';
  }

  const answer = await post(webhook, delivery, at);
  const finished = now();
  if (answer.ok) {
    await recordOutcome(delivery, attempt, { status: 'succeeded', lastStatusCode: answer.status, lastError: null, nextAttemptAt: null }, finished.toISOString());
    await markHealthy(webhook, finished.toISOString());
    return 'succeeded';
  }
  const result = await scheduleNext(delivery, attempt, answer, finished);
  logger.info('webhook attempt failed', { tenantId, webhookId, deliveryId, attempt, statusCode: answer.status, retrying: result === 'retrying' });
  await noteFailure(webhook, finished);
  return result;
}

/** A failed attempt: the next one queued with its wait (before the outcome is written), or the delivery `failed` when the round is over. */
async function scheduleNext(delivery: DeliveryItem, attempt: number, answer: Extract<PostResult, { ok: false }>, finished: Date): Promise<AttemptResult> {
  const wait = waitAfter(attempt, delivery.roundStart);
  const outcome: AttemptOutcome = {
    status: wait === undefined ? 'failed' : 'pending',
    lastStatusCode: answer.status ?? null,
    lastError: answer.error,
    nextAttemptAt: wait === undefined ? null : new Date(finished.getTime() + wait * 1000).toISOString(),
  };
  if (wait !== undefined) await enqueueAttempt({ tenantId: delivery.tenantId, webhookId: delivery.webhookId, deliveryId: delivery.id, attempt: attempt + 1 }, wait);
  await recordOutcome(delivery, attempt, outcome, finished.toISOString());
  return wait === undefined ? 'failed' : 'retrying';
}

type PostResult = { ok: true; status: number } | { ok: false; status?: number; error: string };

async function post(webhook: WebhookItem, delivery: DeliveryItem, at: Date): Promise<PostResult> {
  // Outside the try: a secret that does not open is the service's fault, not the endpoint's (it throws: the alarm tells).
  const headers = signedHeaders(delivery.eventId, at, delivery.body, await signingSecrets(webhook, at));
  let answer: OutboundAnswer;
  try {
    const target = await publicTarget(webhook.url, endpointPolicy());
    answer = await outboundNetwork.post(target, delivery.body, {
      headers: { ...headers, 'user-agent': 'WineryPeople-Webhooks/1.0' },
      timeoutMs: ATTEMPT_TIMEOUT_MS,
      maxBytes: MAX_ANSWER_BYTES,
    });
  } catch (error) {
    return { ok: false, error: describeFailure(error) };
  }
  if (answer.status >= 200 && answer.status < 300) return { ok: true, status: answer.status };
  return { ok: false, status: answer.status, error: `The endpoint answered ${answer.status}.` };
}

/** Why an attempt got no answer, in our words: never what the target said. */
function describeFailure(error: unknown): string {
  if (error instanceof RefusedTarget) {
    return error.message === 'not a public address'
      ? 'Not sent: the URL resolves to an address that is not public.'
      : 'Not sent: the URL is not https.';
  }
  const name = (error as { name?: string }).name;
  const code = (error as { code?: string }).code;
  if (name === 'TimeoutError' || name === 'AbortError') return `No answer within ${ATTEMPT_TIMEOUT_MS / 1000} s.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'The host name does not resolve.';
  if (code === 'ECONNREFUSED') return 'The connection was refused.';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'The connection was closed before an answer.';
  if (typeof code === 'string' && /CERT|SSL|TLS/.test(code)) return 'The TLS certificate was not accepted.';
  return 'The request failed before an answer.';
}

async function noteFailure(webhook: WebhookItem, at: Date): Promise<void> {
  const iso = at.toISOString();
  await markFailing(webhook, iso);
  const since = webhook.failingSince ?? iso;
  if (at.getTime() - Date.parse(since) < DISABLE_AFTER_FAILING_MS) return;
  const cutoff = new Date(at.getTime() - DISABLE_AFTER_FAILING_MS).toISOString();
  if (await disableFailing(webhook, cutoff, iso)) {
    logger.warn('webhook endpoint disabled after 5 days of failures', { tenantId: webhook.tenantId, webhookId: webhook.id });
  }
}
