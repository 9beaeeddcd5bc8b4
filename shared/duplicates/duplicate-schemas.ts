import * as z from '../schemas/zod';
import { PageQuery, listOf } from '../schemas/common';
import { CustomerListItem } from '../people/customer-schemas';
import { lazySchema } from '../schemas/lazy-schema';

export const DuplicatePair = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: z.string(),
    people: z.array(CustomerListItem).check(z.length(2)),
    reasons: z.array(z.enum(['email', 'phone', 'name-address', 'name-birthdate', 'similar-name'])),
    score: z.number().check(z.gte(0), z.lte(1)),
  }),
  { id: 'DuplicatePair' },
));
export type DuplicatePair = z.infer<typeof DuplicatePair>;

export const DuplicateList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(DuplicatePair), { id: 'DuplicateList' }));
export const DuplicatesQuery = /* @__PURE__ */ lazySchema(() => PageQuery);
export const PairPath = /* @__PURE__ */ lazySchema(() => z.strictObject({
  pairId: z.string().check(z.minLength(3), z.maxLength(130), z.regex(/^[A-Za-z0-9_]+-[A-Za-z0-9_]+$/, 'must be a pair id')),
}));
