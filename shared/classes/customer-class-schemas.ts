import { z } from '../schemas/zod';
import { Id, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

const Discount = /* @__PURE__ */ lazySchema(() => z.number().min(0).max(100).multipleOf(0.01));

export const CreateCustomerClassBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  name: z.string().trim().min(1).max(100),
  discountPercent: Discount,
}));
export const UpdateCustomerClassBody = /* @__PURE__ */ lazySchema(() => CreateCustomerClassBody.partial());
export type UpdateCustomerClassBody = z.infer<typeof UpdateCustomerClassBody>;

export const CustomerClass = /* @__PURE__ */ lazySchema(() => z
  .object({
    id: Id,
    name: z.string(),
    discountPercent: z.number(),
    clubId: z.string().nullable().meta({ description: "Set for a club's class; change such a class through its club." }),
    version: z.int(),
  })
  .meta({ id: 'CustomerClass' }));
export type CustomerClass = z.infer<typeof CustomerClass>;
export const CustomerClassList = /* @__PURE__ */ lazySchema(() => listOf(CustomerClass).meta({ id: 'CustomerClassList' }));
export const CustomerClassPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ classId: Id }));
