import { recordChange } from '../../shared/history/change-history';
import { recordStaffSeen } from '../../shared/staff/staff-directory';
import { streamHandler } from '../../shared/streams/stream-handler';

/**
 * Writes the audit log entry of every change to a person's items, and records the staff member
 * who made it in the staff directory (the same images name them; both writes are idempotent).
 */
export const handler = streamHandler('change-history', async (change) => {
  await recordChange(change);
  await recordStaffSeen(change);
});
