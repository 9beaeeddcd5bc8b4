import * as z from '../schemas/zod';
import { Id, Instant, IsoDate, PageQuery, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

/** Reservation ids are opaque; they are longer than other ids (see `person-scoped-id.ts`). */
export const ReservationId = /* @__PURE__ */ lazySchema(() => z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^[A-Za-z0-9_-]+$/, 'must be a reservation id')));

export const CreateReservationBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  customerId: Id,
  experience: z.meta(z.string().check(z.trim(), z.minLength(1), z.maxLength(200)), { description: 'What is booked, e.g. "Reserve tasting".' }),
  startsAt: Instant,
  partySize: z.int().check(z.gte(1), z.lte(500)),
  certificateId: z.meta(z.optional(Id), { description: "One of the person's certificates, redeemed in the same transaction that books." }),
  note: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
}));
export type CreateReservationBody = z.infer<typeof CreateReservationBody>;

export const Reservation = /* @__PURE__ */ lazySchema(() => z.meta(
  z.object({
    id: ReservationId,
    customerId: Id,
    experience: z.string(),
    startsAt: Instant,
    partySize: z.int(),
    certificateId: z.nullable(z.string()),
    note: z.nullable(z.string()),
    status: z.enum(['booked', 'cancelled']),
    createdAt: Instant,
    cancelledAt: z.nullable(Instant),
    cancelReason: z.nullable(z.string()),
    updatedAt: Instant,
    version: z.int(),
  }),
  { id: 'Reservation' },
));
export type Reservation = z.infer<typeof Reservation>;
export const ReservationList = /* @__PURE__ */ lazySchema(() => z.meta(listOf(Reservation), { id: 'ReservationList' }));

export const ReservationPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ reservationId: ReservationId }));
export const CancelReservationBody = /* @__PURE__ */ lazySchema(() => z.strictObject({ reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))) }));
export type CancelReservationBody = z.infer<typeof CancelReservationBody>;

/** `?date=`: the day a reservation starts, the winery's day in its time zone. */
export const ReservationsOfDayQuery = /* @__PURE__ */ lazySchema(() => z.extend(PageQuery, {
  date: z.meta(IsoDate, { description: "The day the reservations start (YYYY-MM-DD): the winery's day, in `settings.timeZone`." }),
}));
