import { nowIso } from '../clock';
import type { Change } from './history-schemas';
import { getItems } from '../db/batch-get';
import { batchWrite } from '../db/batch-write';
import { listHistory } from './history';
import { CHANGE_KIND, changeKeys } from './keys';
import { changeEntryOf, type ChangeEntry } from './change-entry';
import { needsRedaction, redactChange } from './change-redaction';
import { customerKeys } from '../people/keys';
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
  await batchWrite(entries.map((entry) => ({ PutRequest: { Item: changeItem(entry, entry) } })));
  await redactIfErased(entries);
}

function changeItem({ tenantId, customerId, id }: ChangeEntry, change: Change) {
  const { tenantId: _tenant, customerId: _customer, ...publicChange } = change as ChangeEntry;
  return { ...changeKeys.entry(tenantId, customerId, id), type: 'change', tenantId, customerId, change: publicChange };
}

/**
 * Written first, checked after: an erase redacts the history it finds once the profile is
 * erased, so an entry written before that check is redacted by the erase, and one written after
 * it sees the erased profile here. Either way no entry keeps a former name, email or phone.
 */
async function redactIfErased(entries: readonly ChangeEntry[]): Promise<void> {
  const sensitive = entries.filter((entry) => needsRedaction(entry));
  if (sensitive.length === 0) return;
  const people = [...new Map(sensitive.map((entry) => [`${entry.tenantId}\n${entry.customerId}`, entry])).values()];
  const profiles = await getItems(people.map((entry) => customerKeys.profile(entry.tenantId, entry.customerId)));
  const erased = new Set(profiles.filter((profile) => profile.erasedAt).map((profile) => `${String(profile.tenantId)}\n${String(profile.id)}`));
  const redacted = sensitive.filter((entry) => erased.has(`${entry.tenantId}\n${entry.customerId}`));
  await batchWrite(redacted.map((entry) => ({ PutRequest: { Item: changeItem(entry, { ...entry, ...redactChange(entry) }) } })));
}

export function listChanges(tenantId: string, customerId: string, page: { limit: number; cursor?: string }) {
  return listHistory(tenantId, customerId, CHANGE_KIND, page, (item: { change: Change }) => item.change);
}
