import * as z from '../schemas/zod';
import { Actor, Id, Instant, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

// Notes -------------------------------------------------------------------------------------
export const CreateNoteBody = /* @__PURE__ */ lazySchema(() => z.strictObject({ body: z.string().check(z.trim(), z.minLength(1), z.maxLength(10_000)) }));
export const Note = /* @__PURE__ */ lazySchema(() => z.meta(z.object({ id: Id, body: z.string(), author: Actor, createdAt: Instant }), { id: 'Note' }));
export type Note = z.infer<typeof Note>;
export const NoteList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(Note), { id: 'NoteList' }));

// Timeline and change history -----------------------------------------------------------------
export const TimelineEntry = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    at: Instant,
    type: z.enum(['order', 'reservation', 'note', 'email', 'membership', 'credit', 'certificate']),
    summary: z.string(),
    refId: z.string(),
  }),
  { id: 'TimelineEntry' },
));
export const Timeline = /* @__PURE__ */ lazySchema(() => z.meta(listOf(TimelineEntry), { id: 'Timeline' }));

export const FieldChange = /* @__PURE__ */ lazySchema(() => z.union([
  z.object({ field: z.string(), old: z.unknown(), new: z.unknown() }),
  z.object({ field: z.string(), redacted: z.literal(true) }),
]));
export const Change = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: z.string(),
    at: Instant,
    actor: Actor,
    entity: z.string(),
    entityId: z.string(),
    action: z.enum(['created', 'updated', 'deleted']),
    fields: z.array(FieldChange),
  }),
  { id: 'Change' },
));
export type Change = z.infer<typeof Change>;
export const ChangeList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(Change), { id: 'ChangeList' }));
