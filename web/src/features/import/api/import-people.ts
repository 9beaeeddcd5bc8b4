import { api, unwrap } from '@/lib/api-client';
import type { ImportRow } from '../lib/convert-rows';

export interface ImportBatchRequest {
  readonly rows: readonly ImportRow[];
  readonly dryRun: boolean;
  /** The file name: the change history shows "import <source>". */
  readonly source: string;
  /** Only for a real run: the same key answers the batch's first results. */
  readonly idempotencyKey?: string;
}

/** One batch of at most 100 rows: a result per row (created, updated, unchanged or invalid with its errors). */
export function sendImportBatch({ rows, dryRun, source, idempotencyKey }: ImportBatchRequest) {
  return unwrap(
    api().POST('/v1/customers/import', {
      params: { header: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} },
      body: { rows: [...rows], dryRun, source },
    }),
  );
}
