import { z } from '../schemas/zod';
import { PageQuery, listOf } from '../schemas/common';
import { CustomerListItem } from '../people/customer-schemas';
import { lazySchema } from '../schemas/lazy-schema';

export const DuplicatePair = /* @__PURE__ */ lazySchema(() => z
  .object({
    id: z.string(),
    people: z.array(CustomerListItem).length(2),
    reasons: z.array(z.enum(['email', 'phone', 'name-address', 'name-birthdate', 'similar-name'])),
    score: z.number().min(0).max(1),
  })
  .meta({ id: 'DuplicatePair' }));
export type DuplicatePair = z.infer<typeof DuplicatePair>;

export const DuplicateList = /* @__PURE__ */ lazySchema(() => listOf(DuplicatePair).meta({ id: 'DuplicateList' }));
export const DuplicatesQuery = /* @__PURE__ */ lazySchema(() => PageQuery);
export const PairPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ pairId: z.string().min(3).max(130).regex(/^[A-Za-z0-9_]+-[A-Za-z0-9_]+$/, 'must be a pair id') }));
