import * as z from '../schemas/zod';
import { Actor, Id, Instant } from '../schemas/common';
import { Customer } from '../people/customer-schemas';
import { lazySchema } from '../schemas/lazy-schema';

export const MergeBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  absorbedId: z.meta(Id, { description: 'The person who is merged into the one in the path, and then answers 410.' }),
}));
export type MergeBody = z.infer<typeof MergeBody>;

export const MergeResult = /* @__PURE__ */ lazySchema(() => z.meta(
  z.extend(Customer, {
    mergedNumbers: z.meta(z.array(z.int()), { description: 'The customer numbers of everyone merged into this person; each finds them in search.' }),
  }),
  { id: 'MergedCustomer' },
));
export type MergeResult = z.infer<typeof MergeResult>;

/** A merge still running (a very large person): send the same request again to go on. */
export const MergeInProgress = /* @__PURE__ */ lazySchema(() => z.meta(z.object({ mergeId: z.string(), state: z.string() }), { id: 'MergeInProgress' }));

export const Merge = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: z.string(),
    absorbedId: z.string(),
    absorbedNumber: z.int(),
    absorbedName: z.string(),
    at: Instant,
    by: Actor,
    state: z.enum(['merging', 'done', 'undoing', 'undone']),
    undoneAt: z.nullable(Instant),
    undoableUntil: z.meta(z.nullable(Instant), { description: 'Until when `POST /v1/merges/{id}/undo` works; null once undone or when no longer possible.' }),
  }),
  { id: 'Merge' },
));
export type Merge = z.infer<typeof Merge>;

export const MergeList = /* @__PURE__ */ lazySchema(() => z.meta(z.object({ items: z.array(Merge) }), { id: 'MergeList' }));

export const MergePath = /* @__PURE__ */ lazySchema(() => z.strictObject({ mergeId: Id }));

export const UndoResult = /* @__PURE__ */ lazySchema(() => z.meta(z.object({ survivorId: z.string(), restoredId: z.string() }), { id: 'MergeUndone' }));
