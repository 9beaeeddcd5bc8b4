import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { ForbiddenError, NotFoundError } from '../errors';
import type { StaffAuth } from '../http/auth';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { Note } from '../people/profile-schemas';
import { dynamo, tableName } from '../db/client';
import { assertCustomerExists, historyKeys, listHistory } from './history';
import { firstStamp, type Stamped } from '../db/item-stamp';
import { customerExists, deleteWithActor, putNew, throwIfNoCustomer } from '../db/item-writes';
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
  return listHistory(tenantId, customerId, 'NOTE', page, (item) => toNote(item as unknown as NoteItem));
}

export async function createNote(tenantId: string, customerId: string, body: string, actor: Actor): Promise<Note> {
  const at = nowIso();
  const id = newId();
  const item: NoteItem = {
    ...historyKeys.item(tenantId, customerId, 'NOTE', id),
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

export async function deleteNote(tenantId: string, customerId: string, noteId: string, auth: StaffAuth): Promise<void> {
  const key = historyKeys.item(tenantId, customerId, 'NOTE', noteId);
  const result = await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  const note = result.Item as NoteItem | undefined;
  if (!note) {
    await assertCustomerExists(tenantId, customerId);
    throw new NotFoundError('note');
  }
  if (note.author.id !== auth.actor.id && auth.role !== 'admin') {
    throw new ForbiddenError('Only the author of a note or an admin may delete it.');
  }
  await deleteWithActor(key, 'note', auth.actor, nowIso(), undefined);
}
