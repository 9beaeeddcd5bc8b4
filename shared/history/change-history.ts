import { nowIso } from '../clock';
import type { Change } from './history-schemas';
import { batchWrite } from '../db/batch-write';
import { listHistory } from './history';
import { CHANGE_KIND, changeKeys } from './keys';
import { changeEntryOf } from './change-entry';
import type { StreamChange } from '../streams/stream-handler';

/**
 * The audit log of a person, written from the table's stream: one entry per insert, update or
 * delete of the person's items (see `change-entry.ts`), with the actor read from the item's
 * `updatedBy`. An entry's id and content are derived from its stream record, so a redelivered
 * record writes the same entry again, not a second one: the entries of a whole batch go in
 * BatchWriteItem requests, with no condition to check.
 */
export async function recordChanges(changes: readonly StreamChange[]): Promise<void> {
  const at = nowIso();
  const entries = changes.map((change) => changeEntryOf(change, at)).filter((entry) => entry !== undefined);
  // One entry per record; two records of one item at the same instant hash apart (their event ids differ).
  await batchWrite(
    entries.map(({ tenantId, customerId, ...publicEntry }) => ({
      PutRequest: { Item: { ...changeKeys.entry(tenantId, customerId, publicEntry.id), type: 'change', tenantId, customerId, change: publicEntry } },
    })),
  );
}

export function listChanges(tenantId: string, customerId: string, page: { limit: number; cursor?: string }) {
  return listHistory(tenantId, customerId, CHANGE_KIND, page, (item: { change: Change }) => item.change);
}
