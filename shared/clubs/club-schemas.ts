import { z } from '../schemas/zod';
import { Id, Instant, IsoDate, listOf } from '../schemas/common';

const Discount = z.number().min(0).max(100).multipleOf(0.01);
const VariantInput = z.strictObject({ id: Id.optional(), name: z.string().trim().min(1).max(100) });

export const CreateClubBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).optional(),
  discountPercent: Discount,
  variants: z.array(VariantInput.omit({ id: true })).max(20).default([]),
});
export type CreateClubBody = z.infer<typeof CreateClubBody>;

export const UpdateClubBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(2000).nullable(),
    discountPercent: Discount,
    /** The full list: variants with an `id` are kept (renamed), without one are added. */
    variants: z.array(VariantInput).max(20),
    status: z.enum(['active', 'retired']),
  })
  .partial();
export type UpdateClubBody = z.infer<typeof UpdateClubBody>;

export const Club = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    discountPercent: z.number(),
    variants: z.array(z.object({ id: Id, name: z.string() })),
    status: z.enum(['active', 'retired']),
    classId: Id.meta({ description: "The club's customer class; its discount follows the club's." }),
    version: z.int(),
  })
  .meta({ id: 'Club' });
export type Club = z.infer<typeof Club>;
export const ClubList = listOf(Club).meta({ id: 'ClubList' });
export const ClubPath = z.strictObject({ clubId: Id });

export const JoinClubBody = z
  .strictObject({
    clubId: Id,
    variantId: Id.optional(),
    ownerId: z.string().trim().min(1).max(128).optional(),
    shippingPreference: z.enum(['ship', 'pickup']),
    pickupLocation: z.string().trim().min(1).max(200).optional(),
  })
  .refine((body) => body.shippingPreference !== 'pickup' || body.pickupLocation, {
    message: 'is required when shippingPreference is pickup',
    path: ['pickupLocation'],
  });
export type JoinClubBody = z.infer<typeof JoinClubBody>;

export const UpdateMembershipBody = z
  .strictObject({
    ownerId: z.string().trim().min(1).max(128).nullable(),
    variantId: Id,
    shippingPreference: z.enum(['ship', 'pickup']),
    pickupLocation: z.string().trim().min(1).max(200).nullable(),
  })
  .partial();
export type UpdateMembershipBody = z.infer<typeof UpdateMembershipBody>;

export const PauseBody = z.strictObject({
  until: IsoDate.meta({ description: 'The date the membership resumes by itself: after today (UTC), else a 400.' }),
});
export const SwitchBody = z.strictObject({ clubId: Id, variantId: Id.optional() });
export const CancelBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const Membership = z
  .object({
    id: Id,
    clubId: Id,
    clubName: z.string().meta({ description: "The club's name; follows a rename of the club a moment later." }),
    variantId: z.string().nullable(),
    variantName: z.string().nullable().meta({ description: "The variant's name (null without a variant); follows a rename a moment later." }),
    ownerId: z.string().nullable(),
    status: z.enum(['active', 'paused', 'cancelled']),
    shippingPreference: z.enum(['ship', 'pickup']),
    pickupLocation: z.string().nullable(),
    pausedUntil: IsoDate.nullable(),
    joinedAt: Instant,
    cancelledAt: Instant.nullable(),
    cancelReason: z.string().nullable(),
    version: z.int(),
  })
  .meta({ id: 'Membership' });
export type Membership = z.infer<typeof Membership>;
export const MembershipList = listOf(Membership).meta({ id: 'MembershipList' });
export const MembershipPath = z.strictObject({ id: Id, membershipId: Id });
