import { ProviderUnavailableError } from '../errors';
import { logger } from '../log';
import { outboundNetwork, publicTarget, RefusedTarget, type OutboundAnswer } from '../outbound/public-address';

/**
 * The electronic age-verification provider configured in settings: an HTTPS endpoint that takes
 * the person's identity and answers `{ status: "verified" | "failed" | "pending" }`. Each
 * attempt has a timeout; network errors, 429 and 5xx are retried a bounded number of times with
 * backoff; anything else, or running out of attempts, is a 502 for the caller.
 *
 * The endpoint is typed in by a tenant's admin, so it is not trusted: every attempt goes through
 * `shared/outbound/public-address.ts` (HTTPS only, public addresses only, connected to the
 * address checked, no redirects). The 502 never tells what the target answered or whether it
 * exists (that would make this a port scanner); the reason is logged.
 */
export interface AgeCheckRequest {
  firstName: string;
  lastName: string;
  birthDate: string;
  email: string;
  address: { line1: string | null; city: string | null; region: string | null; postalCode: string | null; country: string | null } | null;
}

export type AgeCheckStatus = 'verified' | 'failed' | 'pending';

export class AgeProviderError extends ProviderUnavailableError {
  constructor() {
    super('age-verification-unavailable', 'Age verification unavailable', 'The age-verification provider could not be reached or gave no usable answer.');
  }
}

export interface AgeProviderOptions {
  timeoutMs?: number;
  attempts?: number;
  backoffMs?: number;
}

export async function checkAge(endpoint: string, request: AgeCheckRequest, options: AgeProviderOptions = {}): Promise<AgeCheckStatus> {
  const { timeoutMs = 5000, attempts = 3, backoffMs = 200 } = options;
  const fail = (reason: string): never => {
    logger.warn('age verification failed', { reason });
    throw new AgeProviderError();
  };
  let lastProblem = 'no attempt made';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 2)));
    let answer: OutboundAnswer;
    try {
      // Checked on every attempt, right before connecting to the address it found.
      answer = await outboundNetwork.post(await publicTarget(endpoint), JSON.stringify(request), { timeoutMs });
    } catch (error) {
      if (error instanceof RefusedTarget) fail(`endpoint refused: ${error.message}`);
      lastProblem = (error as Error).name;
      continue;
    }
    if (answer.status === 429 || answer.status >= 500) {
      lastProblem = `status ${answer.status}`;
      continue;
    }
    if (answer.status < 200 || answer.status >= 300) fail(`status ${answer.status}`);
    const status = (() => {
      try {
        return (JSON.parse(answer.text) as { status?: unknown } | null)?.status;
      } catch {
        return undefined;
      }
    })();
    if (status === 'verified' || status === 'failed' || status === 'pending') return status;
    fail('an answer without a known status');
  }
  return fail(`unavailable: ${lastProblem}`);
}
