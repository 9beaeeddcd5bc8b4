import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** What DynamoDB calls "too fast", past the SDK's own retries. */
const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'ThrottlingError']);

/** DynamoDB said "too fast" (a request, or a part of a transaction). */
export function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (THROTTLING.has(error.name)) return true;
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ThrottlingError' || reason.Code === 'ProvisionedThroughputExceeded')
  );
}

const THROTTLE_ATTEMPTS = 8;
const THROTTLE_BASE_MS = 50;
const THROTTLE_CAP_MS = 5_000;

/**
 * Runs `attempt` again while DynamoDB throttles it, waiting a random time up to an exponentially
 * growing bound ("full jitter", 50 ms doubling to 5 s), at most 8 attempts; other errors and the
 * last throttle are thrown.
 */
export async function withThrottleRetry<T>(attempt: () => Promise<T>, onRetry: () => void): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isThrottling(error) || n >= THROTTLE_ATTEMPTS) throw error;
      onRetry();
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(THROTTLE_CAP_MS, THROTTLE_BASE_MS * 2 ** n)));
    }
  }
}
