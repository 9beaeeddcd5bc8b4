import { ApiError } from '../http/errors';

/**
 * The electronic age-verification provider configured in settings: an HTTP endpoint that takes
 * the person's identity and answers `{ status: "verified" | "failed" | "pending" }`. Each
 * attempt has a timeout; network errors, 429 and 5xx are retried a bounded number of times with
 * backoff; anything else, or running out of attempts, is a clear 502 for the caller.
 */
export interface AgeCheckRequest {
  firstName: string;
  lastName: string;
  birthDate: string;
  email: string;
  address: { line1: string | null; city: string | null; region: string | null; postalCode: string | null; country: string | null } | null;
}

export type AgeCheckStatus = 'verified' | 'failed' | 'pending';

export class AgeProviderError extends ApiError {
  constructor(detail: string) {
    super(502, 'age-verification-unavailable', 'Age verification unavailable', detail);
  }
}

export interface AgeProviderOptions {
  timeoutMs?: number;
  attempts?: number;
  backoffMs?: number;
}

export async function checkAge(endpoint: string, request: AgeCheckRequest, options: AgeProviderOptions = {}): Promise<AgeCheckStatus> {
  const { timeoutMs = 5000, attempts = 3, backoffMs = 200 } = options;
  let lastProblem = 'no attempt made';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 2)));
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      lastProblem = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'the provider could not be reached';
      continue;
    }
    if (response.status === 429 || response.status >= 500) {
      lastProblem = `the provider answered ${response.status}`;
      continue;
    }
    if (!response.ok) throw new AgeProviderError(`The age-verification provider refused the request (${response.status}).`);
    const body = (await response.json().catch(() => undefined)) as { status?: unknown } | undefined;
    if (body?.status === 'verified' || body?.status === 'failed' || body?.status === 'pending') return body.status;
    throw new AgeProviderError('The age-verification provider gave an answer we do not understand.');
  }
  throw new AgeProviderError(`The age-verification provider is unavailable: ${lastProblem}.`);
}
