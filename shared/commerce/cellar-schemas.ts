import * as z from '../schemas/zod';
import { Id, Instant, listOf } from '../schemas/common';
import { now } from '../clock';
import { lazySchema } from '../schemas/lazy-schema';

/** Next year's vintage at the latest (a wine can be reserved before it is bottled); fixed when the module loads. */
const maxVintage = now().getUTCFullYear() + 1;

const CellarFields = /* @__PURE__ */ lazySchema(() => ({
  sku: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  vintage: z.int().check(z.gte(1800), z.lte(maxVintage)),
  quantity: z.int().check(z.gte(0), z.lte(100_000)),
  location: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
}));

export const CreateCellarItemBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  sku: CellarFields.sku,
  name: CellarFields.name,
  vintage: z.optional(CellarFields.vintage),
  quantity: CellarFields.quantity,
  location: z.optional(CellarFields.location),
}));
export type CreateCellarItemBody = z.infer<typeof CreateCellarItemBody>;

export const UpdateCellarItemBody = /* @__PURE__ */ lazySchema(() => z.partial(z.strictObject({
  sku: CellarFields.sku,
  name: CellarFields.name,
  vintage: z.nullable(CellarFields.vintage),
  quantity: CellarFields.quantity,
  location: z.nullable(CellarFields.location),
})));
export type UpdateCellarItemBody = z.infer<typeof UpdateCellarItemBody>;

export const CellarItem = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: Id,
    sku: z.string(),
    name: z.string(),
    vintage: z.nullable(z.int()),
    quantity: z.int(),
    location: z.nullable(z.string()),
    createdAt: Instant,
    updatedAt: Instant,
    version: z.int(),
  }),
  { id: 'CellarItem', description: "A wine the winery keeps in the person's cellar (stored on their behalf)." },
));
export type CellarItem = z.infer<typeof CellarItem>;
export const CellarList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(CellarItem), { id: 'CellarList' }));

export const CellarItemPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ id: Id, itemId: Id }));
