import type { Counts, RowOutcome } from './batches';
import type { ColumnMapping } from './import-fields';

/**
 * A run's progress, kept in localStorage by the file's hash, so that choosing the same file
 * again (another day, after closing the tab) offers to resume: the batches done are not sent
 * again, and one sent again anyway answers its first results (same Idempotency-Key).
 */
export interface ImportProgress {
  /** Hash of the file's text and the mapping: the batches' keys derive from it. */
  readonly runHash: string;
  readonly mapping: ColumnMapping;
  readonly doneBatches: readonly number[];
  readonly counts: Counts;
  /** Invalid rows only (the others are counted): what "Download invalid rows" needs. */
  readonly invalid: readonly RowOutcome[];
}

const storageKey = (fileHash: string) => `import-progress:${fileHash}`;

export function loadProgress(fileHash: string): ImportProgress | undefined {
  try {
    const stored = localStorage.getItem(storageKey(fileHash));
    return stored ? (JSON.parse(stored) as ImportProgress) : undefined;
  } catch {
    // A full or unavailable storage (private mode): no resume offered, the import still works.
    return undefined;
  }
}

export function saveProgress(fileHash: string, progress: ImportProgress): void {
  try {
    localStorage.setItem(storageKey(fileHash), JSON.stringify(progress));
  } catch {
    // As above: resuming is a convenience; a re-sent batch is harmless anyway.
  }
}

export function clearProgress(fileHash: string): void {
  localStorage.removeItem(storageKey(fileHash));
}
