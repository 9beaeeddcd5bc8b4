import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { ForbiddenError, NotFoundError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { Note } from './history-schemas';
import { dynamo, tableName } from '../db/client';
import { listHistory } from './history';
import { NOTE_KIND, noteKeys } from './keys';
import { firstStamp, type Stamped } from '../db/item-stamp';
import { deleteWithActor, putNew } from '../db/item-writes';
import { assertCustomerExists, customerExists, throwIfNoCustomer } from '../people/customer-exists';
import { timelineFields } from './timeline';
import { transactWrite } from '../db/transact';

/** Notes colleagues leave on a person: on the timeline; deleted only by their author or an admin. */
export interface NoteItem extends Stamped {
  pk: string;
  sk: string;
  type: 'note';
  tenantId: string;
  customerId: string;
  id: string;
  body: string;
  author: Actor;
}

export function toNote(item: NoteItem): Note {
  return { id: item.id, body: item.body, author: item.author, createdAt: item.createdAt };
}

export function listNotes(tenantId: string, customerId: string, page: { limit: number; cursor?: string }) {
  return listHistory(tenantId, customerId, NOTE_KIND, page, toNote);
}

export async function createNote(tenantId: string, customerId: string, body: string, actor: Actor): Promise<Note> {
  const at = nowIso();
  const id = newId();
  const item: NoteItem = {
    ...noteKeys.note(tenantId, customerId, id),
    type: 'note',
    tenantId,
    customerId,
    id,
    body,
    author: actor,
    ...firstStamp(actor, at),
    ...timelineFields(tenantId, customerId, { at, type: 'note', summary: body.length > 80 ? `${body.slice(0, 79)}…` : body, refId: id }),
  };
  try {
    await transactWrite([
      putNew('note', item),
      customerExists(tenantId, customerId),
    ]);
  } catch (error) {
    throwIfNoCustomer(error);
    throw error;
  }
  return toNote(item);
}

/**
 * Deletes a note: its author may, and so may whoever `mayDeleteOthers` (an admin; the caller's
 * role is the HTTP layer's business, this module only needs the answer).
 */
export async function deleteNote(
  tenantId: string,
  customerId: string,
  noteId: string,
  actor: Actor,
  { mayDeleteOthers }: { mayDeleteOthers: boolean },
): Promise<void> {
  const key = noteKeys.note(tenantId, customerId, noteId);
  const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  const note = result.Item as NoteItem | undefined;
  if (!note) {
    await assertCustomerExists(tenantId, customerId);
    throw new NotFoundError('note');
  }
  if (note.author.id !== actor.id && !mayDeleteOthers) {
    throw new ForbiddenError('Only the author of a note or an admin may delete it.');
  }
  await deleteWithActor(key, 'note', actor, nowIso(), undefined);
}
