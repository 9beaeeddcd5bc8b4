import { recordChanges } from '../../shared/history/change-history';
import { recordStaffSeen } from '../../shared/staff/staff-directory';
import { streamHandler, type StreamChange } from '../../shared/streams/stream-handler';

/** The audit log entries of the changes, and who made them in the staff directory (both idempotent). */
async function record(changes: readonly StreamChange[]): Promise<void> {
  await recordChanges(changes);
  for (const change of changes) await recordStaffSeen(change);
}

/**
 * Writes the audit log entry of every change to a person's items, a batch's entries together,
 * and records the staff member who made it in the staff directory (the same images name them).
 */
export const handler = streamHandler('change-history', (change) => record([change]), { together: record });
