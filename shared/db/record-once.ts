import { expiresAfter, putNew } from './item-writes';
import { dedupKeys } from './keys';
import { ConditionsFailedError, transactWrite, type NamedWrite } from './transact';

const MARKER_TTL_SECONDS = 7 * 24 * 60 * 60;

/**
 * Applies a consumer's writes at most once per stream record: a marker keyed by the record's
 * event id goes in the same transaction, with `attribute_not_exists`. A redelivered record
 * finds the marker and changes nothing. Markers expire after a week (past the stream's 24 h).
 *
 * @returns false when the record had already been applied.
 */
export async function writeOncePerRecord(
  tenantId: string,
  consumer: string,
  eventId: string,
  writes: readonly NamedWrite[],
): Promise<boolean> {
  try {
    await transactWrite([recordMarker(tenantId, consumer, eventId), ...writes]);
    return true;
  } catch (error) {
    if (error instanceof ConditionsFailedError && error.failed.has('marker')) return false;
    throw error;
  }
}

/** The marker that a record was applied, for a transaction of one's own (named `marker`) or of many records. */
export function recordMarker(tenantId: string, consumer: string, eventId: string, name = 'marker'): NamedWrite {
  return putNew(name, { ...dedupKeys.record(tenantId, consumer, eventId), type: 'stream-marker', ...expiresAfter(MARKER_TTL_SECONDS) });
}
