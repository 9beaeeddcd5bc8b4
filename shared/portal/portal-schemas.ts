import { z } from '../schemas/zod';
import { Email, Instant, TenantId } from '../schemas/common';
import { UpdateCustomerBody } from '../people/customer-schemas';

export const TenantPath = z.strictObject({ tenantId: TenantId });
export const LoginBody = z.strictObject({ email: Email, password: z.string().min(1).max(200) });
export const PortalToken = z.object({ token: z.string(), expiresAt: Instant }).meta({ id: 'PortalToken' });
export const ResetRequestBody = z.strictObject({ email: Email });
export const ResetConfirmBody = z.strictObject({ token: z.string().min(1).max(200), newPassword: z.string().min(10).max(200) });
/** What people may change about themselves in the portal. */
export const UpdateMeBody = UpdateCustomerBody.pick({ phone: true, permissions: true });
export const ChangePasswordBody = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(10).max(200) });
