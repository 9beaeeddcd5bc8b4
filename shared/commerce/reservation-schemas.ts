import { z } from '../schemas/zod';
import { Id, Instant, IsoDate, PageQuery, listOf } from '../schemas/common';
import { lazySchema } from '../schemas/lazy-schema';

/** Reservation ids are opaque; they are longer than other ids (see `person-scoped-id.ts`). */
export const ReservationId = /* @__PURE__ */ lazySchema(() => z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/, 'must be a reservation id'));

export const CreateReservationBody = /* @__PURE__ */ lazySchema(() => z.strictObject({
  customerId: Id,
  experience: z.string().trim().min(1).max(200).meta({ description: 'What is booked, e.g. "Reserve tasting".' }),
  startsAt: Instant,
  partySize: z.int().min(1).max(500),
  certificateId: Id.optional().meta({ description: "One of the person's certificates, redeemed in the same transaction that books." }),
  note: z.string().trim().max(2000).optional(),
}));
export type CreateReservationBody = z.infer<typeof CreateReservationBody>;

export const Reservation = /* @__PURE__ */ lazySchema(() => z
  .object({
    id: ReservationId,
    customerId: Id,
    experience: z.string(),
    startsAt: Instant,
    partySize: z.int(),
    certificateId: z.string().nullable(),
    note: z.string().nullable(),
    status: z.enum(['booked', 'cancelled']),
    createdAt: Instant,
    cancelledAt: Instant.nullable(),
    cancelReason: z.string().nullable(),
    updatedAt: Instant,
    version: z.int(),
  })
  .meta({ id: 'Reservation' }));
export type Reservation = z.infer<typeof Reservation>;
export const ReservationList = /* @__PURE__ */ lazySchema(() => listOf(Reservation).meta({ id: 'ReservationList' }));

export const ReservationPath = /* @__PURE__ */ lazySchema(() => z.strictObject({ reservationId: ReservationId }));
export const CancelReservationBody = /* @__PURE__ */ lazySchema(() => z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }));
export type CancelReservationBody = z.infer<typeof CancelReservationBody>;

/** `?date=`: the day a reservation starts, the winery's day in its time zone. */
export const ReservationsOfDayQuery = /* @__PURE__ */ lazySchema(() => PageQuery.extend({
  date: IsoDate.meta({ description: "The day the reservations start (YYYY-MM-DD): the winery's day, in `settings.timeZone`." }),
}));
