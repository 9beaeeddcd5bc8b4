import * as z from '../schemas/zod';
import { Instant, PageQuery, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

/** A staff member the service has seen write (e.g. the choices of a membership's owner). */
export const StaffMember = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: z.meta(z.string(), { description: "The staff user's id (the token's `sub`): what `ownerId` and `updatedBy.id` hold." }),
    name: z.meta(z.string(), { description: 'The name of their latest write (their id when the token had no name).' }),
    lastSeenAt: z.meta(Instant, { description: 'When a write of theirs was last recorded; refreshed at most once a day.' }),
  }),
  { id: 'StaffMember' },
));
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(StaffMember), { id: 'StaffList' }));
export const ListStaffQuery = /* @__PURE__ */ lazySchema(() => PageQuery);
