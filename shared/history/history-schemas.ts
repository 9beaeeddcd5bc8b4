import { z } from '../schemas/zod';
import { Actor, Id, Instant, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

// Notes -------------------------------------------------------------------------------------
export const CreateNoteBody = /* @__PURE__ */ lazySchema(() => z.strictObject({ body: z.string().trim().min(1).max(10_000) }));
export const Note = /* @__PURE__ */ lazySchema(() => z
  .object({ id: Id, body: z.string(), author: Actor, createdAt: Instant })
  .meta({ id: 'Note' }));
export type Note = z.infer<typeof Note>;
export const NoteList = /* @__PURE__ */ lazySchema(() => listOf(Note).meta({ id: 'NoteList' }));

// Timeline and change history -----------------------------------------------------------------
export const TimelineEntry = /* @__PURE__ */ lazySchema(() => z
  .object({
    at: Instant,
    type: z.enum(['order', 'reservation', 'note', 'email', 'membership', 'credit', 'certificate']),
    summary: z.string(),
    refId: z.string(),
  })
  .meta({ id: 'TimelineEntry' }));
export const Timeline = /* @__PURE__ */ lazySchema(() => listOf(TimelineEntry).meta({ id: 'Timeline' }));

export const FieldChange = /* @__PURE__ */ lazySchema(() => z.union([
  z.object({ field: z.string(), old: z.unknown(), new: z.unknown() }),
  z.object({ field: z.string(), redacted: z.literal(true) }),
]));
export const Change = /* @__PURE__ */ lazySchema(() => z
  .object({
    id: z.string(),
    at: Instant,
    actor: Actor,
    entity: z.string(),
    entityId: z.string(),
    action: z.enum(['created', 'updated', 'deleted']),
    fields: z.array(FieldChange),
  })
  .meta({ id: 'Change' }));
export type Change = z.infer<typeof Change>;
export const ChangeList = /* @__PURE__ */ lazySchema(() => listOf(Change).meta({ id: 'ChangeList' }));
