import { createHash } from 'node:crypto';
import type { Actor } from '../schemas/common';
import type { Change } from './history-schemas';
import type { StreamChange } from '../streams/stream-handler';
import { diffFields } from './change-diff';
import { parsePersonScopedId } from '../people/person-scoped-id';

/**
 * What one stream record of a person's item means for the change history (pure: no I/O, no
 * clock). The entry's id is the time of the change and a hash of the record id, so a
 * redelivered record gives the same id (and the write of it, `attribute_not_exists`, nothing).
 */
const ACTIONS = { INSERT: 'created', MODIFY: 'updated', REMOVE: 'deleted' } as const;
const SYSTEM: Actor = { kind: 'system', id: 'system', name: null };
const ACTOR_KINDS: readonly string[] = ['staff', 'customer', 'system'];

export type ChangeEntry = Change & { tenantId: string; customerId: string };

/**
 * Who did it, as the write stamped it in `updatedBy`: the name is kept exactly as given (a
 * staff member's token name, a member's own name). A stamp without an id is still someone's
 * doing: a customer's is the person whose item it is; anyone else's is `unknown` rather than
 * lost. Only a missing or unreadable stamp falls back to the system.
 */
export function actorOf(updatedBy: unknown, customerId: string): Actor {
  if (!updatedBy || typeof updatedBy !== 'object') return SYSTEM;
  const { kind, id, name, via } = updatedBy as Record<string, unknown>;
  if (typeof kind !== 'string' || !ACTOR_KINDS.includes(kind)) return SYSTEM;
  return {
    kind: kind as Actor['kind'],
    id: typeof id === 'string' && id !== '' ? id : kind === 'customer' ? customerId : 'unknown',
    name: typeof name === 'string' ? name : null,
    ...(typeof via === 'string' ? { via } : {}),
  };
}

/**
 * The entry for a change, or undefined when there is none to record: an item that belongs to
 * no person, or a stamp-only update (e.g. recording who is about to delete).
 * @param fallbackAt when the item carries no `updatedAt` (every write stamps one).
 */
export function changeEntryOf(change: StreamChange, fallbackAt: string): ChangeEntry | undefined {
  const merge = mergeEntryOf(change);
  if (merge !== 'not-a-merge') return merge;
  const item = change.newItem ?? change.oldItem;
  if (!item) return undefined;
  const tenantId = item.tenantId as string | undefined;
  const customerId = (item.type === 'customer' ? item.id : item.customerId) as string | undefined;
  if (!tenantId || !customerId) return undefined;
  const fields = diffFields(change.oldItem, change.newItem);
  if (change.eventName === 'MODIFY' && fields.length === 0) return undefined;
  const at = (item.updatedAt as string | undefined) ?? fallbackAt;
  return {
    id: `${at}~${createHash('sha256').update(change.eventId).digest('base64url').slice(0, 16)}`,
    at,
    actor: actorOf(item.updatedBy, customerId),
    entity: item.type as string,
    entityId: item.id as string,
    action: ACTIONS[change.eventName],
    fields,
    tenantId,
    customerId,
  };
}

/**
 * What a merge's records mean for the history. An item moved from one person to the other
 * (its copy, carrying `movedBy`, and the stub left behind) is not a change of it: it is
 * recorded once, as the merge, on each person. The absorbed person's profile only ever goes
 * away in a merge, and the word it leaves (`merged-customer`) says into whom; a merge undone
 * puts the profile back (carrying `movedBy`): "merged into" goes back to none.
 */
function mergeEntryOf(change: StreamChange): ChangeEntry | undefined | 'not-a-merge' {
  const { newItem, oldItem, eventName } = change;
  if (newItem?.type === 'moved') return undefined;
  if (eventName === 'REMOVE' && oldItem?.type === 'customer') return undefined;
  if (eventName === 'INSERT' && newItem?.type === 'merged-customer') {
    return mergeField(change, newItem, newItem.customerId as string, null, newItem.mergedInto);
  }
  if (eventName === 'REMOVE' && oldItem?.type === 'merged-customer') return undefined;
  if (eventName === 'INSERT' && typeof newItem?.movedBy === 'string') {
    // A merge's id names its survivor (`<survivorId>-<ulid>`).
    const survivor = parsePersonScopedId(newItem.movedBy)?.customerId ?? null;
    return newItem.type === 'customer' ? mergeField(change, newItem, newItem.id as string, survivor, null) : undefined;
  }
  return 'not-a-merge';
}

function mergeField(change: StreamChange, item: Record<string, unknown>, customerId: string, old: unknown, now: unknown): ChangeEntry | undefined {
  const tenantId = item.tenantId as string | undefined;
  if (!tenantId || !customerId) return undefined;
  const at = (item.updatedAt as string | undefined) ?? (item.createdAt as string);
  return {
    id: `${at}~${createHash('sha256').update(change.eventId).digest('base64url').slice(0, 16)}`,
    at,
    actor: actorOf(item.updatedBy, customerId),
    entity: 'customer',
    entityId: customerId,
    action: 'updated',
    fields: [{ field: 'mergedInto', old, new: now }],
    tenantId,
    customerId,
  };
}
