import type { FieldError, ImportRow, PreparedRow } from './convert-rows';

/**
 * The import's batches (the API takes at most 100 rows a request) and the run over them.
 * Pure, no DOM: the unit tests import it.
 */
export const BATCH_SIZE = 100;

export type RowStatus = 'created' | 'updated' | 'unchanged' | 'invalid';

export interface Batch {
  /** The prepared rows (their file indexes) in the batch's order: a result's `row` indexes this. */
  readonly indexes: readonly number[];
  readonly rows: readonly ImportRow[];
}

export interface RowOutcome {
  readonly index: number;
  readonly status: RowStatus;
  readonly errors: readonly FieldError[];
}

/** The rows that can be sent, 100 at a time, in file order. */
export function toBatches(prepared: readonly PreparedRow[]): Batch[] {
  const sendable = prepared.filter((row) => row.errors.length === 0);
  const batches: Batch[] = [];
  for (let start = 0; start < sendable.length; start += BATCH_SIZE) {
    const slice = sendable.slice(start, start + BATCH_SIZE);
    batches.push({ indexes: slice.map((row) => row.index), rows: slice.map((row) => row.row) });
  }
  return batches;
}

/** The results of one batch as outcomes of the file's rows. */
export function batchOutcomes(batch: Batch, results: readonly { row: number; status: RowStatus; errors?: readonly FieldError[] }[]): RowOutcome[] {
  return results.map((result) => ({ index: batch.indexes[result.row] ?? -1, status: result.status, errors: result.errors ?? [] }));
}

/** Rows found invalid before sending, as outcomes. */
export function localOutcomes(prepared: readonly PreparedRow[]): RowOutcome[] {
  return prepared.filter((row) => row.errors.length > 0).map((row) => ({ index: row.index, status: 'invalid', errors: row.errors }));
}

export type Counts = Record<RowStatus, number>;

export function countOutcomes(outcomes: readonly RowOutcome[]): Counts {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0, invalid: 0 };
  for (const outcome of outcomes) counts[outcome.status] += 1;
  return counts;
}

/** Hex of SHA-256 (Web Crypto: the browser's, and Node's in the tests). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The batch's `Idempotency-Key`: the same file with the same mapping gives the same keys, so a
 * batch sent again (a retry, a resumed import) answers its first results and changes nothing twice.
 * Written in letters only: the API refuses a key that holds a card-number-like run of digits.
 */
export function batchKey(runHash: string, batchIndex: number): string {
  const letters = runHash.slice(0, 40).replace(/[0-9]/g, (digit) => 'ghijklmnop'[Number(digit)]!);
  return `import-${letters}-b${batchIndex}`;
}

/**
 * Sends `pending` batches, at most `concurrency` at a time, in order; stops starting new ones
 * once `stopped()` says so (the ones in flight finish). A failed batch stops the run and is
 * thrown once the others in flight are done.
 */
export async function runBatches(
  pending: readonly number[],
  concurrency: number,
  send: (batchIndex: number) => Promise<void>,
  stopped: () => boolean,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < pending.length && failure === undefined && !stopped()) {
      const batchIndex = pending[next++]!;
      try {
        await send(batchIndex);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, worker));
  if (failure !== undefined) throw failure;
}
