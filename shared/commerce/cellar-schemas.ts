import { z } from '../schemas/zod';
import { Id, Instant, listOf } from '../schemas/common';
import { now } from '../clock';
import { lazySchema } from '../schemas/lazy-schema';

/** Next year's vintage at the latest (a wine can be reserved before it is bottled); fixed when the module loads. */
const maxVintage = now().getUTCFullYear() + 1;

const CellarFields = /* @__PURE__ */ lazySchema(() => ({
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  vintage: z.int().min(1800).max(maxVintage),
  quantity: z.int().min(0).max(100_000),
  location: z.string().trim().min(1).max(200),
}));

export const CreateCellarItemBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  sku: CellarFields.sku,
  name: CellarFields.name,
  vintage: CellarFields.vintage.optional(),
  quantity: CellarFields.quantity,
  location: CellarFields.location.optional(),
}));
export type CreateCellarItemBody = z.infer<typeof CreateCellarItemBody>;

export const UpdateCellarItemBody = /* @__PURE__ */ lazySchema(() => z
  .strictObject({
    sku: CellarFields.sku,
    name: CellarFields.name,
    vintage: CellarFields.vintage.nullable(),
    quantity: CellarFields.quantity,
    location: CellarFields.location.nullable(),
  })
  .partial());
export type UpdateCellarItemBody = z.infer<typeof UpdateCellarItemBody>;

export const CellarItem = /* @__PURE__ */ lazySchema(() => z
  .object({
    id: Id,
    sku: z.string(),
    name: z.string(),
    vintage: z.int().nullable(),
    quantity: z.int(),
    location: z.string().nullable(),
    createdAt: Instant,
    updatedAt: Instant,
    version: z.int(),
  })
  .meta({ id: 'CellarItem', description: "A wine the winery keeps in the person's cellar (stored on their behalf)." }));
export type CellarItem = z.infer<typeof CellarItem>;
export const CellarList = /* @__PURE__ */ lazySchema(() => listOf(CellarItem).meta({ id: 'CellarList' }));

export const CellarItemPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ id: Id, itemId: Id }));
