import { customerPk } from '../db/keys';

/**
 * Every key of the merge aggregate, declared once. Under the survivor (`T#<tenant>#C#<id>`):
 *
 *   MERGE#<ulid>   a merge of another person into this one: the job record of the merge and of
 *                  its undo (state, what was moved and changed, the absorbed person as they were)
 *   LOCK           one long operation on the person at a time (a merge, its undo, an erase),
 *                  written with `attribute_not_exists` in both people's partitions
 *
 * A merge's public id is `<survivorId>-<ulid>` (like an order's), so `POST /v1/merges/{id}/undo`
 * finds the record by its key. What the absorbed person leaves under their own id is the people
 * aggregate's (`customerKeys.mergedInto`, `P#MERGED`).
 */
export const MERGE_PREFIX = 'MERGE#';

export const mergeKeys = {
  record: (tenantId: string, survivorId: string, ownId: string) => ({ pk: customerPk(tenantId, survivorId), sk: `${MERGE_PREFIX}${ownId}` }),
  lock: (tenantId: string, customerId: string) => ({ pk: customerPk(tenantId, customerId), sk: 'LOCK' }),
};
