import * as z from '../schemas/zod';
import { Id, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

const Discount = /* @__PURE__ */ lazySchema(() => z.number().check(z.gte(0), z.lte(100), z.multipleOf(0.01)));

export const CreateCustomerClassBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  discountPercent: Discount,
}));
export const UpdateCustomerClassBody = /* @__PURE__ */ lazySchema(() => z.partial(CreateCustomerClassBody));
export type UpdateCustomerClassBody = z.infer<typeof UpdateCustomerClassBody>;

export const CustomerClass = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: Id,
    name: z.string(),
    discountPercent: z.number(),
    clubId: z.meta(z.nullable(z.string()), { description: "Set for a club's class; change such a class through its club." }),
    version: z.int(),
  }),
  { id: 'CustomerClass' },
));
export type CustomerClass = z.infer<typeof CustomerClass>;
export const CustomerClassList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(CustomerClass), { id: 'CustomerClassList' }));
export const CustomerClassPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ classId: Id }));
