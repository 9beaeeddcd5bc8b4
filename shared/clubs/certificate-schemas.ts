import { z } from '../schemas/zod';
import { Id, Instant, IsoDate, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

export const CreateCertificateBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  title: z.string().trim().min(1).max(200),
  expiresAt: z
    .union([IsoDate, Instant])
    .optional()
    .meta({
      description:
        "An instant, or a date (YYYY-MM-DD): valid through the end of that day in the winery's time zone (settings.timeZone), answered as that day's last instant in UTC.",
    }),
  membershipId: Id.optional(),
}));
export type CreateCertificateBody = z.infer<typeof CreateCertificateBody>;

export const Certificate = /* @__PURE__ */ lazySchema(() => z
  .object({
    id: Id,
    title: z.string(),
    status: z.enum(['available', 'redeemed', 'expired']),
    expiresAt: Instant.nullable(),
    membershipId: z.string().nullable(),
    redeemedAt: Instant.nullable(),
    createdAt: Instant,
    version: z.int(),
  })
  .meta({ id: 'Certificate', description: 'A reservation certificate (e.g. a complimentary tasting), redeemable once.' }));
export type Certificate = z.infer<typeof Certificate>;
export const CertificateList = /* @__PURE__ */ lazySchema(() => listOf(Certificate).meta({ id: 'CertificateList' }));
export const CertificatePath = /* @__PURE__ */ lazySchema(() => z.strictObject({ id: Id, certificateId: Id }));
