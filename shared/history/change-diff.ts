import type * as z from '../schemas/zod';
import type { FieldChange as FieldChangeSchema } from './history-schemas';

/**
 * Turns an item's old and new images into the change history's field list. Bookkeeping
 * attributes are left out; secrets appear only as `{ field, redacted: true }`.
 */
export type FieldChange = z.infer<typeof FieldChangeSchema>;

/** Stored attributes that are secrets, and the name the history shows for each. */
const SECRET_FIELDS: Record<string, string> = { passwordHash: 'password', token: 'token' };

/** Keys, indexes, stamps and derived copies: never part of what changed. */
const IGNORED_FIELDS = new Set([
  'pk', 'sk', 'type', 'tenantId', 'customerId', 'id', 'version', 'createdAt', 'updatedAt', 'updatedBy',
  'timeline', 'expiresAt', 'sendWelcomeEmail',
  // Order statistics, kept from the orders, which the timeline already shows; and an order's
  // mark that it moved them itself.
  'stats', 'statsCounted',
  // Moves with passwordHash, which already shows as `{ field: 'password', redacted: true }`.
  'passwordGeneration',
  // Where a merge moved the item from (`merge/merge-plan.ts`): bookkeeping of the move, not a change.
  'movedBy', 'mergeOrigin', 'originMergeId',
  // A membership's scheduling bookkeeping: derived from its dates and reasons, which do show; and
  // its mark that its write moved its person's clubs itself.
  'nextDueOn', 'pauseLog', 'pauseBookedAt', 'pauseSaved', 'clubsWrittenAt',
  ...Array.from({ length: 5 }, (_, i) => [`gsi${i + 1}pk`, `gsi${i + 1}sk`]).flat(),
]);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value ?? null;
}

export function diffFields(oldItem: Record<string, unknown> | undefined, newItem: Record<string, unknown> | undefined): FieldChange[] {
  const names = new Set([...Object.keys(oldItem ?? {}), ...Object.keys(newItem ?? {})]);
  const changes: FieldChange[] = [];
  for (const name of [...names].sort()) {
    if (IGNORED_FIELDS.has(name)) continue;
    const before = oldItem?.[name] ?? null;
    const after = newItem?.[name] ?? null;
    if (same(before, after)) continue;
    const secret = SECRET_FIELDS[name];
    changes.push(secret ? { field: secret, redacted: true } : { field: name, old: before, new: after });
  }
  return changes;
}
