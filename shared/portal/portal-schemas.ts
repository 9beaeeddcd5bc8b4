import * as z from '../schemas/zod';
import { Email, Id, Instant, TenantId } from '../schemas/common';
import { UpdateCustomerBody } from '../people/customer-schemas';
import { lazySchema } from '../schemas/lazy-schema';

export const TenantPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ tenantId: TenantId }));
export const LoginBody = /* @__PURE__ */ lazySchema(() => z.strictObject({ email: Email, password: z.string().check(z.minLength(1), z.maxLength(200)) }));
export const PortalToken = /* @__PURE__ */ lazySchema(() => z.meta(z.object({ token: z.string(), expiresAt: Instant }), { id: 'PortalToken' }));
export const ResetRequestBody = /* @__PURE__ */ lazySchema(() => z.strictObject({ email: Email }));
export const ResetConfirmBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  newPassword: z.string().check(z.minLength(10), z.maxLength(200)),
}));
/** What people may change about themselves in the portal. */
export const UpdateMeBody = /* @__PURE__ */ lazySchema(() => z.pick(UpdateCustomerBody, { phone: true, permissions: true }));
/** Staff set a person's password, or (without one) have a reset link emailed. */
export const SetPasswordBody = /* @__PURE__ */ lazySchema(() => z.strictObject({ newPassword: z.optional(z.string().check(z.minLength(10), z.maxLength(200))) }));
export const ChangePasswordBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(200)),
  newPassword: z.string().check(z.minLength(10), z.maxLength(200)),
}));
/** What the portal's pages show of the winery before anyone signs in. */
export const PortalBranding = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    wineryName: z.string(),
    currency: z.string(),
    timeZone: z.meta(z.string(), { description: "The winery's IANA time zone: the portal shows dates and times in it." }),
  }),
  { id: 'PortalBranding', description: "The winery's public name, its currency (ISO 4217) and its time zone, from its settings." },
));
export type PortalBranding = z.infer<typeof PortalBranding>;
export const MyAddressPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ addressId: Id }));
