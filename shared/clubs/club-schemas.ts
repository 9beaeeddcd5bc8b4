import { z } from '../schemas/zod';
import { Id, Instant, IsoDate, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

const Discount = /* @__PURE__ */ lazySchema(() => z.number().min(0).max(100).multipleOf(0.01));
const VariantInput = /* @__PURE__ */ lazySchema(() => z.strictObject({ id: Id.optional(), name: z.string().trim().min(1).max(100) }));

export const CreateClubBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).optional(),
  discountPercent: Discount,
  variants: z.array(VariantInput.omit({ id: true })).max(20).default([]),
}));
export type CreateClubBody = z.infer<typeof CreateClubBody>;

export const UpdateClubBody = /* @__PURE__ */ lazySchema(() => z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(2000).nullable(),
    discountPercent: Discount,
    /** The full list: variants with an `id` are kept (renamed), without one are added. */
    variants: z.array(VariantInput).max(20),
    status: z.enum(['active', 'retired']),
  })
  .partial());
export type UpdateClubBody = z.infer<typeof UpdateClubBody>;

export const Club = /* @__PURE__ */ lazySchema(() => z
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
  .meta({ id: 'Club' }));
export type Club = z.infer<typeof Club>;
export const ClubList = /* @__PURE__ */ lazySchema(() => listOf(Club).meta({ id: 'ClubList' }));
export const ClubPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ clubId: Id }));

const Note = /* @__PURE__ */ lazySchema(() => z.string().trim().min(1).max(500));
const ReasonKeyInput = /* @__PURE__ */ lazySchema(() => z.string().trim().min(1).max(40));

export const GiftInput = /* @__PURE__ */ lazySchema(() => z
  .strictObject({
    giverId: Id.meta({ description: 'The person who gives the membership (another person of the winery).' }),
    message: z.string().trim().min(1).max(500).optional(),
    endsOn: IsoDate.meta({ description: 'The day the gift ends by itself (after today, UTC): the membership is then cancelled with reason `gift-ended`.' }),
  })
  .meta({ id: 'GiftInput' }));

export const JoinClubBody = /* @__PURE__ */ lazySchema(() => z
  .strictObject({
    clubId: Id,
    variantId: Id.optional(),
    ownerId: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .optional()
      .meta({ description: 'A staff member of the winery: the caller (the default) or one that `GET /v1/staff` lists; anything else is a 400.' }),
    shippingPreference: z.enum(['ship', 'pickup']),
    pickupLocation: z.string().trim().min(1).max(200).optional(),
    gift: GiftInput.optional().meta({ description: 'A gift membership: the giver and the recipient are emailed at its start and 14 days before it ends; the giver’s timeline shows it.' }),
  })
  .refine((body) => body.shippingPreference !== 'pickup' || body.pickupLocation, {
    message: 'is required when shippingPreference is pickup',
    path: ['pickupLocation'],
  }));
export type JoinClubBody = z.infer<typeof JoinClubBody>;

export const UpdateMembershipBody = /* @__PURE__ */ lazySchema(() => z
  .strictObject({
    ownerId: z.string().trim().min(1).max(128).nullable().meta({ description: 'A staff member of the winery (the caller or one `GET /v1/staff` lists), or null.' }),
    variantId: Id,
    shippingPreference: z.enum(['ship', 'pickup']),
    pickupLocation: z.string().trim().min(1).max(200).nullable(),
  })
  .partial());
export type UpdateMembershipBody = z.infer<typeof UpdateMembershipBody>;

export const PauseBody = /* @__PURE__ */ lazySchema(() => z
  .strictObject({
    until: IsoDate.meta({ description: 'The day the membership resumes by itself: after today (UTC) and after `from`, else a 400.' }),
    from: IsoDate.optional().meta({
      description:
        'The day the pause starts (today or later, UTC). Today or absent: paused now. Later: the membership stays `active` with `scheduledPause: { from, until }` and the scheduled job pauses it on `from`.',
    }),
    reasonKey: ReasonKeyInput.optional().meta({ description: 'One of `settings.clubReasons.hold`; another key is a 400.' }),
    note: Note.optional(),
    saveOffer: z.boolean().optional().meta({ description: 'The pause was taken instead of a cancel (the cancel dialog’s save offer): counted as a save in the club’s stats.' }),
  })
  .refine((body) => !body.from || body.from < body.until, { message: 'must be after from', path: ['until'] }));
export type PauseBody = z.infer<typeof PauseBody>;

export const SwitchBody = /* @__PURE__ */ lazySchema(() => z.strictObject({ clubId: Id, variantId: Id.optional() }));

export const CancelBody = /* @__PURE__ */ lazySchema(() => z
  .strictObject({
    reasonKey: ReasonKeyInput.optional().meta({ description: 'One of `settings.clubReasons.cancel`; another key is a 400.' }),
    note: Note.optional().meta({ description: 'Free text beside the reason.' }),
    reason: z.string().trim().min(1).max(500).optional().meta({ description: 'Free text instead of a `reasonKey` (kept for clients that predate reasons); counted as `other`.' }),
  })
  .refine((body) => (body.reasonKey === undefined) !== (body.reason === undefined), {
    message: 'give a reasonKey (or, as free text, a reason), not both',
    path: ['reasonKey'],
  })
  .refine((body) => body.reason === undefined || body.note === undefined, { message: 'goes with a reasonKey', path: ['note'] }));
export type CancelBody = z.infer<typeof CancelBody>;

const Period = /* @__PURE__ */ lazySchema(() => z.object({ from: IsoDate, until: IsoDate }));

export const Gift = /* @__PURE__ */ lazySchema(() => z
  .object({
    giverId: Id,
    giverName: z.string().meta({ description: "The giver's name when the gift was given." }),
    message: z.string().nullable(),
    endsOn: IsoDate,
    reminderSentOn: IsoDate.nullable().meta({ description: 'When both people were reminded that it ends (14 days before).' }),
  })
  .meta({ id: 'Gift' }));

export const Membership = /* @__PURE__ */ lazySchema(() => z
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
    pausedFrom: IsoDate.nullable().meta({ description: 'While paused: the day the pause began.' }),
    pausedUntil: IsoDate.nullable(),
    scheduledPause: Period.nullable().meta({ description: 'A pause booked to start later: the membership is `active` until `from`, `paused` from then until `until`.' }),
    pauseReasonKey: z.string().nullable().meta({ description: 'The reason of the current or scheduled pause (a key of `settings.clubReasons.hold`).' }),
    pauseReason: z.string().nullable().meta({ description: "That reason's title when it was given." }),
    pauseNote: z.string().nullable(),
    pauseDaysThisYear: z.int().meta({ description: 'Days of pause in the current calendar year (UTC): ended, current and scheduled pauses. What `settings.clubSelfService.pause.maxDaysPerYear` limits.' }),
    joinedAt: Instant,
    cancelledAt: Instant.nullable(),
    cancelReasonKey: z.string().nullable().meta({ description: 'A key of `settings.clubReasons.cancel`, `other` for a free-text reason, or `gift-ended`.' }),
    cancelReason: z.string().nullable().meta({ description: "The reason's title when it was given (or the free text)." }),
    cancelNote: z.string().nullable(),
    gift: Gift.nullable(),
    version: z.int(),
  })
  .meta({ id: 'Membership' }));
export type Membership = z.infer<typeof Membership>;
export const MembershipList = /* @__PURE__ */ lazySchema(() => listOf(Membership).meta({ id: 'MembershipList' }));
export const MembershipPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ id: Id, membershipId: Id }));

const ReasonCount = /* @__PURE__ */ lazySchema(() => z.object({ key: z.string(), title: z.string(), count: z.int() }));

export const ClubStats = /* @__PURE__ */ lazySchema(() => z
  .object({
    clubId: Id,
    active: z.int().meta({ description: 'Active members now.' }),
    paused: z.int().meta({ description: 'Paused members now.' }),
    joinedLast30Days: z.int(),
    cancelledLast30Days: z.int(),
    cancelReasons: z.array(ReasonCount).meta({ description: 'The cancellations of the last 30 days by reason, most first (titles from the settings; a key no longer there shows as itself).' }),
    holdReasons: z.array(ReasonCount).meta({ description: 'The pauses booked in the last 30 days by reason, most first.' }),
    savedLast30Days: z.int().meta({ description: 'Pauses taken instead of a cancel (the save offer) in the last 30 days.' }),
    medianTenureDays: z.int().nullable().meta({ description: 'How long the live members have been members, in days: the median (null without members).' }),
  })
  .meta({ id: 'ClubStats', description: 'Kept from the table’s stream: may trail a change by a moment. The last 30 days are UTC days, today included.' }));
export type ClubStats = z.infer<typeof ClubStats>;

/** What a member may send from the portal (`settings.clubSelfService` decides whether it may). */
export const MyPauseBody = /* @__PURE__ */ lazySchema(() => PauseBody);
export const MyMembershipPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ membershipId: Id }));
export const UpdateMyMembershipBody = /* @__PURE__ */ lazySchema(() => UpdateMembershipBody.omit({ ownerId: true }));
export type UpdateMyMembershipBody = z.infer<typeof UpdateMyMembershipBody>;
export const CancelMyMembershipBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  reasonKey: ReasonKeyInput.meta({ description: 'One of `settings.clubReasons.cancel`.' }),
  note: Note.optional(),
}));

const Reason = /* @__PURE__ */ lazySchema(() => z.object({ key: z.string(), title: z.string() }));

export const MyClubOptions = /* @__PURE__ */ lazySchema(() => z
  .object({
    pause: z.object({
      allowed: z.boolean(),
      maxDaysPerYear: z.int(),
    }),
    changeVariant: z.boolean(),
    changeShipping: z.boolean(),
    cancel: z.boolean(),
    reasons: z.object({ cancel: z.array(Reason), hold: z.array(Reason) }),
    clubs: z
      .array(z.object({ id: Id, name: z.string(), variants: z.array(z.object({ id: Id, name: z.string() })) }))
      .meta({ description: 'The clubs of one’s live memberships, with the variants one may change to.' }),
  })
  .meta({ id: 'MyClubOptions', description: 'What the winery lets members do with their memberships (`settings.clubSelfService`), with the reasons to choose from.' }));
