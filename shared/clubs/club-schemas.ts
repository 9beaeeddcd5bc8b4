import * as z from '../schemas/zod';
import { Id, Instant, IsoDate, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

const Discount = /* @__PURE__ */ lazySchema(() => z.number().check(z.gte(0), z.lte(100), z.multipleOf(0.01)));
const VariantInput = /* @__PURE__ */ lazySchema(() => z.strictObject({ id: z.optional(Id), name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)) }));

export const CreateClubBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  description: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
  discountPercent: Discount,
  variants: z._default(z.array(z.omit(VariantInput, { id: true })).check(z.maxLength(20)), []),
}));
export type CreateClubBody = z.infer<typeof CreateClubBody>;

export const UpdateClubBody = /* @__PURE__ */ lazySchema(() => z.partial(
  z.strictObject({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
    description: z.nullable(z.string().check(z.trim(), z.maxLength(2000))),
    discountPercent: Discount,
    /** The full list: variants with an `id` are kept (renamed), without one are added. */
    variants: z.array(VariantInput).check(z.maxLength(20)),
    status: z.enum(['active', 'retired']),
  }),
));
export type UpdateClubBody = z.infer<typeof UpdateClubBody>;

export const Club = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: Id,
    name: z.string(),
    description: z.nullable(z.string()),
    discountPercent: z.number(),
    variants: z.array(z.object({ id: Id, name: z.string() })),
    status: z.enum(['active', 'retired']),
    classId: z.meta(Id, { description: "The club's customer class; its discount follows the club's." }),
    version: z.int(),
  }),
  { id: 'Club' },
));
export type Club = z.infer<typeof Club>;
export const ClubList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(Club), { id: 'ClubList' }));
export const ClubPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ clubId: Id }));

const Note = /* @__PURE__ */ lazySchema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(500)));
const ReasonKeyInput = /* @__PURE__ */ lazySchema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(40)));

export const GiftInput = /* @__PURE__ */ lazySchema(() => z.meta(
  z.strictObject({
    giverId: z.meta(Id, { description: 'The person who gives the membership (another person of the winery).' }),
    message: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
    endsOn: z.meta(IsoDate, { description: 'The day the gift ends by itself (after today, UTC): the membership is then cancelled with reason `gift-ended`.' }),
  }),
  { id: 'GiftInput' },
));

export const JoinClubBody = /* @__PURE__ */ lazySchema(() => z
  .strictObject({
    clubId: Id,
    variantId: z.optional(Id),
    ownerId: z.meta(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))), {
      description: 'A staff member of the winery: the caller (the default) or one that `GET /v1/staff` lists; anything else is a 400.',
    }),
    shippingPreference: z.enum(['ship', 'pickup']),
    pickupLocation: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
    gift: z.meta(z.optional(GiftInput), { description: 'A gift membership: the giver and the recipient are emailed at its start and 14 days before it ends; the giver’s timeline shows it.' }),
  })
  .check(
    z.refine((body) => body.shippingPreference !== 'pickup' || body.pickupLocation, {
      message: 'is required when shippingPreference is pickup',
      path: ['pickupLocation'],
    }),
  ));
export type JoinClubBody = z.infer<typeof JoinClubBody>;

export const UpdateMembershipBody = /* @__PURE__ */ lazySchema(() => z.partial(
  z.strictObject({
    ownerId: z.meta(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))), {
      description: 'A staff member of the winery (the caller or one `GET /v1/staff` lists), or null.',
    }),
    variantId: Id,
    shippingPreference: z.enum(['ship', 'pickup']),
    pickupLocation: z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  }),
));
export type UpdateMembershipBody = z.infer<typeof UpdateMembershipBody>;

export const PauseBody = /* @__PURE__ */ lazySchema(() => z
  .strictObject({
    until: z.meta(IsoDate, { description: 'The day the membership resumes by itself: after today (UTC) and after `from`, else a 400.' }),
    from: z.meta(z.optional(IsoDate), {
      description:
        'The day the pause starts (today or later, UTC). Today or absent: paused now. Later: the membership stays `active` with `scheduledPause: { from, until }` and the scheduled job pauses it on `from`.',
    }),
    reasonKey: z.meta(z.optional(ReasonKeyInput), { description: 'One of `settings.clubReasons.hold`; another key is a 400.' }),
    note: z.optional(Note),
    saveOffer: z.meta(z.optional(z.boolean()), { description: 'The pause was taken instead of a cancel (the cancel dialog’s save offer): counted as a save in the club’s stats.' }),
  })
  .check(z.refine((body) => !body.from || body.from < body.until, { message: 'must be after from', path: ['until'] })));
export type PauseBody = z.infer<typeof PauseBody>;

export const SwitchBody = /* @__PURE__ */ lazySchema(() => z.strictObject({ clubId: Id, variantId: z.optional(Id) }));

export const CancelBody = /* @__PURE__ */ lazySchema(() => z
  .strictObject({
    reasonKey: z.meta(z.optional(ReasonKeyInput), { description: 'One of `settings.clubReasons.cancel`; another key is a 400.' }),
    note: z.meta(z.optional(Note), { description: 'Free text beside the reason.' }),
    reason: z.meta(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))), {
      description: 'Free text instead of a `reasonKey` (kept for clients that predate reasons); counted as `other`.',
    }),
  })
  .check(
    z.refine((body) => (body.reasonKey === undefined) !== (body.reason === undefined), {
      message: 'give a reasonKey (or, as free text, a reason), not both',
      path: ['reasonKey'],
    }),
    z.refine((body) => body.reason === undefined || body.note === undefined, { message: 'goes with a reasonKey', path: ['note'] }),
  ));
export type CancelBody = z.infer<typeof CancelBody>;

const Period = /* @__PURE__ */ lazySchema(() => z.object({ from: IsoDate, until: IsoDate }));

export const Gift = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    giverId: Id,
    giverName: z.meta(z.string(), { description: "The giver's name when the gift was given." }),
    message: z.nullable(z.string()),
    endsOn: IsoDate,
    reminderSentOn: z.meta(z.nullable(IsoDate), { description: 'When both people were reminded that it ends (14 days before).' }),
  }),
  { id: 'Gift' },
));

export const Membership = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: Id,
    clubId: Id,
    clubName: z.meta(z.string(), { description: "The club's name; follows a rename of the club a moment later." }),
    variantId: z.nullable(z.string()),
    variantName: z.meta(z.nullable(z.string()), { description: "The variant's name (null without a variant); follows a rename a moment later." }),
    ownerId: z.nullable(z.string()),
    status: z.enum(['active', 'paused', 'cancelled']),
    shippingPreference: z.enum(['ship', 'pickup']),
    pickupLocation: z.nullable(z.string()),
    pausedFrom: z.meta(z.nullable(IsoDate), { description: 'While paused: the day the pause began.' }),
    pausedUntil: z.nullable(IsoDate),
    scheduledPause: z.meta(z.nullable(Period), { description: 'A pause booked to start later: the membership is `active` until `from`, `paused` from then until `until`.' }),
    pauseReasonKey: z.meta(z.nullable(z.string()), { description: 'The reason of the current or scheduled pause (a key of `settings.clubReasons.hold`).' }),
    pauseReason: z.meta(z.nullable(z.string()), { description: "That reason's title when it was given." }),
    pauseNote: z.nullable(z.string()),
    pauseDaysThisYear: z.meta(z.int(), {
      description: 'Days of pause in the current calendar year (UTC): ended, current and scheduled pauses. What `settings.clubSelfService.pause.maxDaysPerYear` limits.',
    }),
    joinedAt: Instant,
    cancelledAt: z.nullable(Instant),
    cancelReasonKey: z.meta(z.nullable(z.string()), { description: 'A key of `settings.clubReasons.cancel`, `other` for a free-text reason, or `gift-ended`.' }),
    cancelReason: z.meta(z.nullable(z.string()), { description: "The reason's title when it was given (or the free text)." }),
    cancelNote: z.nullable(z.string()),
    gift: z.nullable(Gift),
    version: z.int(),
  }),
  { id: 'Membership' },
));
export type Membership = z.infer<typeof Membership>;
export const MembershipList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(Membership), { id: 'MembershipList' }));
export const MembershipPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ id: Id, membershipId: Id }));

const ReasonCount = /* @__PURE__ */ lazySchema(() => z.object({ key: z.string(), title: z.string(), count: z.int() }));

export const ClubStats = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    clubId: Id,
    active: z.meta(z.int(), { description: 'Active members now.' }),
    paused: z.meta(z.int(), { description: 'Paused members now.' }),
    joinedLast30Days: z.int(),
    cancelledLast30Days: z.int(),
    cancelReasons: z.meta(z.array(ReasonCount), {
      description: 'The cancellations of the last 30 days by reason, most first (titles from the settings; a key no longer there shows as itself).',
    }),
    holdReasons: z.meta(z.array(ReasonCount), { description: 'The pauses booked in the last 30 days by reason, most first.' }),
    savedLast30Days: z.meta(z.int(), { description: 'Pauses taken instead of a cancel (the save offer) in the last 30 days.' }),
    medianTenureDays: z.meta(z.nullable(z.int()), { description: 'How long the live members have been members, in days: the median (null without members).' }),
  }),
  { id: 'ClubStats', description: 'Kept from the table’s stream: may trail a change by a moment. The last 30 days are UTC days, today included.' },
));
export type ClubStats = z.infer<typeof ClubStats>;

/** What a member may send from the portal (`settings.clubSelfService` decides whether it may). */
export const MyPauseBody = /* @__PURE__ */ lazySchema(() => PauseBody);
export const MyMembershipPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ membershipId: Id }));
export const UpdateMyMembershipBody = /* @__PURE__ */ lazySchema(() => z.omit(UpdateMembershipBody, { ownerId: true }));
export type UpdateMyMembershipBody = z.infer<typeof UpdateMyMembershipBody>;
export const CancelMyMembershipBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  reasonKey: z.meta(ReasonKeyInput, { description: 'One of `settings.clubReasons.cancel`.' }),
  note: z.optional(Note),
}));

const Reason = /* @__PURE__ */ lazySchema(() => z.object({ key: z.string(), title: z.string() }));

export const MyClubOptions = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    pause: z.object({
      allowed: z.boolean(),
      maxDaysPerYear: z.int(),
    }),
    changeVariant: z.boolean(),
    changeShipping: z.boolean(),
    cancel: z.boolean(),
    reasons: z.object({ cancel: z.array(Reason), hold: z.array(Reason) }),
    clubs: z.meta(z.array(z.object({ id: Id, name: z.string(), variants: z.array(z.object({ id: Id, name: z.string() })) })), {
      description: 'The clubs of one’s live memberships, with the variants one may change to.',
    }),
  }),
  { id: 'MyClubOptions', description: 'What the winery lets members do with their memberships (`settings.clubSelfService`), with the reasons to choose from.' },
));
