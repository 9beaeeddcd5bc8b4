/**
 * Memory and timeout of each kind of function (the folders of `functions/`), as plain numbers:
 * `infra/cdk/functions.ts` deploys them and the local runtime (`infra/local/lambda-runtime.ts`)
 * holds each call to the same timeout, without importing aws-cdk-lib.
 *
 * API functions get 1024 MB because Lambda's CPU grows with memory and the customers function
 * hashes passwords with scrypt (N=2^17, r=8: 128 MiB and CPU-bound per hash); at 1024 MB a hash
 * stays around a few hundred milliseconds. The API timeout stays well under API Gateway's 30 s so
 * a slow call fails as a clean 5xx; stream batches and jobs get more.
 */
export type FunctionKind = 'api' | 'streams' | 'jobs' | 'events' | 'queues';

export interface FunctionSize {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
}

export const functionSizing: Readonly<Record<FunctionKind, FunctionSize>> = {
  api: { memoryMb: 1024, timeoutSeconds: 10 },
  streams: { memoryMb: 512, timeoutSeconds: 60 },
  jobs: { memoryMb: 512, timeoutSeconds: 300 },
  events: { memoryMb: 512, timeoutSeconds: 30 },
  // The webhook sender waits at most 10 s for an endpoint (its attempts of a batch run side by
  // side); 5 s more to record the outcome and queue the next attempt.
  queues: { memoryMb: 512, timeoutSeconds: 15 },
};
