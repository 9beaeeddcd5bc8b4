import * as z from '../schemas/zod';
import { Id, Instant, IsoDate, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

export const CreateCertificateBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  expiresAt: z.meta(z.optional(z.union([IsoDate, Instant])), {
    description:
      "An instant, or a date (YYYY-MM-DD): valid through the end of that day in the winery's time zone (settings.timeZone), answered as that day's last instant in UTC.",
  }),
  membershipId: z.optional(Id),
}));
export type CreateCertificateBody = z.infer<typeof CreateCertificateBody>;

export const Certificate = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: Id,
    title: z.string(),
    status: z.enum(['available', 'redeemed', 'expired']),
    expiresAt: z.nullable(Instant),
    membershipId: z.nullable(z.string()),
    redeemedAt: z.nullable(Instant),
    createdAt: Instant,
    version: z.int(),
  }),
  { id: 'Certificate', description: 'A reservation certificate (e.g. a complimentary tasting), redeemable once.' },
));
export type Certificate = z.infer<typeof Certificate>;
export const CertificateList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(Certificate), { id: 'CertificateList' }));
export const CertificatePath = /* @__PURE__ */ lazySchema(() => z.strictObject({ id: Id, certificateId: Id }));
