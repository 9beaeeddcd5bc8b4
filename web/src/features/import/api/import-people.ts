import { ApiProblem, api, unwrap } from '@/lib/api-client';
import type { ImportRow } from '../lib/convert-rows';

export interface ImportBatchRequest {
  readonly rows: readonly ImportRow[];
  readonly dryRun: boolean;
  /** The file name: the change history shows "import <source>". */
  readonly source: string;
  /** Only for a real run: the same key answers the batch's first results. */
  readonly idempotencyKey?: string;
}

/** Tries of one batch before the run stops (and can be resumed). */
const ATTEMPTS = 3;

/** No answer (the network), too many requests, or the service failing: worth sending the same batch again. */
const isTransient = (error: unknown) => !(error instanceof ApiProblem) || error.status === 0 || error.status === 429 || error.status >= 500;

/**
 * One batch of at most 100 rows: a result per row (created, updated, unchanged or invalid with
 * its errors). A transient failure sends it again, after 1 s then 2 s: a dry run changes
 * nothing, and a run's batch carries its Idempotency-Key (the first results come back, nothing
 * is done twice), so a dropped connection or a busy moment does not stop a long import.
 */
export async function sendImportBatch({ rows, dryRun, source, idempotencyKey }: ImportBatchRequest) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await unwrap(
        api().POST('/v1/customers/import', {
          params: { header: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} },
          body: { rows: [...rows], dryRun, source },
        }),
      );
    } catch (error) {
      if (attempt >= ATTEMPTS || !isTransient(error) || (!dryRun && !idempotencyKey)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** (attempt - 1)));
    }
  }
}
