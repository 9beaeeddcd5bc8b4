import { customerPk } from '../db/keys';

/**
 * Every key of the history aggregate, declared once. A person's history lists live in their
 * item collection `T#<tenant>#C#<id>`, outside the profile page's `P#` range, each under its own
 * prefix so that a list is one Query, newest first, however long the other lists grow:
 *
 *   H#NOTE#<ulid>        a note
 *   H#CHANGE#<at>~<hash> a change history entry (id derived from the stream record)
 *   H#<kind>#<id>        other aggregates' lists (`H#EMAIL#`, `H#ORDER#`, …) use `historyKeys.item`
 *
 * The timeline is index gsi3: partition `T#<tenant>#C#<id>#TL`, sorted by `<at>#<refId>`.
 */
export const historyKeys = {
  item: (tenantId: string, customerId: string, kind: string, id: string) => ({
    pk: customerPk(tenantId, customerId),
    sk: `${historyKeys.prefix(kind)}${id}`,
  }),
  /** What every item of the list `kind` begins with (`begins_with(sk, …)`). */
  prefix: (kind: string) => `H#${kind}#`,
};

export const NOTE_KIND = 'NOTE';
export const CHANGE_KIND = 'CHANGE';

export const noteKeys = {
  note: (tenantId: string, customerId: string, noteId: string) => historyKeys.item(tenantId, customerId, NOTE_KIND, noteId),
};

export const changeKeys = {
  entry: (tenantId: string, customerId: string, entryId: string) => historyKeys.item(tenantId, customerId, CHANGE_KIND, entryId),
};

export const timelineKeys = {
  partition: (tenantId: string, customerId: string) => `${customerPk(tenantId, customerId)}#TL`,
  /** The index fields that put an item on its person's timeline. */
  entry: (tenantId: string, customerId: string, at: string, refId: string) => ({
    gsi3pk: timelineKeys.partition(tenantId, customerId),
    gsi3sk: `${at}#${refId}`,
  }),
};
