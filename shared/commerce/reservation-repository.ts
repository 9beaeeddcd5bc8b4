import { now, nowIso } from '../clock';
import { personScopedId } from '../people/person-scoped-id';
import { ConflictError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { CreateReservationBody, Reservation } from './reservation-schemas';
import { CERTIFICATE_REDEMPTION, certificateRedemptionWrite, redemptionFailure } from '../clubs/certificate-repository';
import { certificateKeys } from '../clubs/keys';
import { IDEMPOTENCY_WRITE, idempotencyWrite, replayResponse, type IdempotencyRequest } from '../db/idempotency';
import { firstStamp, nextStamp, type Stamped } from '../db/item-stamp';
import { fieldUpdateWrite, putNew } from '../db/item-writes';
import { customerExists, throwIfNoCustomer } from '../people/customer-exists';
import { reservationKeys } from './keys';
import { getScopedItem, listScopedOfDay, listScopedOfPerson, type PersonScopedKind } from './person-scoped-reader';
import type { PageRequest } from '../db/cursor';
import { bookableStart, bookedSummary, cancelledSummary } from './reservation-rules';
import { cancellationWrite, timelineEventWrite } from './timeline-event';
import { timelineFields, type TimelineEntry } from '../history/timeline';
import { ConditionsFailedError, transactWrite, type NamedWrite } from '../db/transact';
import { cachedSettings } from '../settings/settings-repository';

/**
 * Reservations (tastings, tours), as seen from the person: the item `H#RESERVATION#<ulid>` in
 * their partition (`keys.ts`; history one Query, newest first; on their timeline), with the
 * public id `<customerId>-<ulid>` so a read or a cancel by id needs no pointer
 * (`person-scoped-id.ts`). Booking (only for a start in the future) is one transaction: the
 * reservation, a check that the person exists, the redemption of the certificate when one is
 * given (so a certificate books once), and the idempotency record. Cancelling is one
 * transaction too: the status change, its timeline line, and the certificate given back.
 * The reservation is also on the tenant's list of its day (gsi4, by start time): the front
 * desk's "today" is one Query. Days, and the times on the timeline, are the winery's, in its
 * time zone (the settings, cached per container).
 */
const IDEMPOTENCY_SCOPE = 'reservations';

export interface ReservationItem extends Stamped {
  pk: string;
  sk: string;
  type: 'reservation';
  tenantId: string;
  customerId: string;
  id: string;
  experience: string;
  startsAt: string;
  partySize: number;
  certificateId: string | null;
  note: string | null;
  status: 'booked' | 'cancelled';
  cancelledAt: string | null;
  cancelReason: string | null;
  timeline: TimelineEntry;
  gsi4pk: string;
  gsi4sk: string;
}

export function toReservation(item: ReservationItem): Reservation {
  return {
    id: item.id,
    customerId: item.customerId,
    experience: item.experience,
    startsAt: item.startsAt,
    partySize: item.partySize,
    certificateId: item.certificateId ?? null,
    note: item.note ?? null,
    status: item.status,
    createdAt: item.createdAt,
    cancelledAt: item.cancelledAt ?? null,
    cancelReason: item.cancelReason ?? null,
    updatedAt: item.updatedAt,
    version: item.version,
  };
}

const RESERVATIONS: PersonScopedKind<ReservationItem, Reservation> = {
  what: 'reservation',
  keys: reservationKeys,
  listIds: { ofPerson: 'reservations', ofDay: 'reservations-of-day' },
  dayNewestFirst: false,
  toApi: toReservation,
};

export const getReservation = async (tenantId: string, reservationId: string) => toReservation(await getScopedItem(RESERVATIONS, tenantId, reservationId));
/** `GET /v1/reservations?date=`: the tenant's reservations starting on that day (the winery's), by start time, cancelled ones too. */
export const listReservationsOfDay = (tenantId: string, query: PageRequest & { date: string }) => listScopedOfDay(RESERVATIONS, tenantId, query);
/** The person's reservations, newest booking first (also for the member portal). */
export const listReservations = (tenantId: string, customerId: string, page: PageRequest) =>
  listScopedOfPerson(RESERVATIONS, tenantId, customerId, page);

export async function bookReservation(
  tenantId: string,
  input: CreateReservationBody,
  actor: Actor,
  idempotency?: IdempotencyRequest,
): Promise<Reservation> {
  const { customerId } = input;
  const startsAt = bookableStart(input.startsAt, now());
  const { timeZone } = await cachedSettings(tenantId);
  const at = nowIso();
  const ownId = newId();
  const id = personScopedId(customerId, ownId);
  const item: ReservationItem = {
    ...reservationKeys.item(tenantId, customerId, ownId),
    type: 'reservation',
    tenantId,
    customerId,
    id,
    experience: input.experience,
    startsAt: input.startsAt,
    partySize: input.partySize,
    certificateId: input.certificateId ?? null,
    note: input.note ?? null,
    status: 'booked',
    cancelledAt: null,
    cancelReason: null,
    ...firstStamp(actor, at),
    ...reservationKeys.day.entry(tenantId, startsAt, id, timeZone),
    ...timelineFields(tenantId, customerId, {
      at,
      type: 'reservation',
      summary: bookedSummary({ ...input, certificateId: input.certificateId ?? null }, timeZone),
      refId: id,
    }),
  };
  const reservation = toReservation(item);
  const writes: NamedWrite[] = [
    putNew('reservation', item),
    customerExists(tenantId, customerId),
  ];
  if (input.certificateId) writes.push(certificateRedemptionWrite(tenantId, customerId, input.certificateId, actor, at));
  if (idempotency) writes.push(idempotencyWrite(tenantId, IDEMPOTENCY_SCOPE, idempotency, reservation));
  try {
    await transactWrite(writes);
  } catch (error) {
    if (!(error instanceof ConditionsFailedError)) throw error;
    if (error.failed.has(IDEMPOTENCY_WRITE)) return (await replayResponse(tenantId, IDEMPOTENCY_SCOPE, idempotency!)) as Reservation;
    throwIfNoCustomer(error);
    if (input.certificateId && error.failed.has(CERTIFICATE_REDEMPTION)) {
      throw await redemptionFailure(tenantId, customerId, input.certificateId);
    }
    throw error;
  }
  return reservation;
}

const NOT_BOOKED = () => new ConflictError('reservation-not-booked', 'Only a booked reservation can be cancelled; this one is already cancelled.');

/**
 * Gives a reservation's certificate back: `available` again, stamped for the change history.
 * An expired certificate shows as `expired` (its status is derived from `expiresAt` when read),
 * so giving it back never makes it usable past its date.
 */
function certificateReturnWrite(tenantId: string, customerId: string, certificateId: string, actor: Actor, at: string): NamedWrite {
  return fieldUpdateWrite('certificate', certificateKeys.certificate(tenantId, customerId, certificateId), { status: 'available', redeemedAt: null }, actor, at);
}

/**
 * Cancels a booked reservation: one transaction of the status change (conditioned on
 * `status = booked`, so racing cancels give the certificate back once and every later cancel
 * is a 409), its line on the person's timeline, and the certificate given back.
 */
export async function cancelReservation(tenantId: string, reservationId: string, actor: Actor, reason?: string): Promise<Reservation> {
  const [current, { timeZone }] = await Promise.all([getScopedItem(RESERVATIONS, tenantId, reservationId), cachedSettings(tenantId)]);
  if (current.status !== 'booked') throw NOT_BOOKED();
  const at = nowIso();
  const next: ReservationItem = {
    ...current,
    status: 'cancelled',
    cancelledAt: at,
    cancelReason: reason ?? null,
    ...nextStamp(current, actor, at),
  };
  const { customerId, certificateId } = current;
  const writes: NamedWrite[] = [
    cancellationWrite('reservation', current, 'booked', next.cancelReason, actor, at),
    timelineEventWrite(
      reservationKeys.event(tenantId, customerId, current.sk.slice(reservationKeys.prefix.length), 'CANCELLED'),
      { tenantId, customerId, id: current.id, type: 'reservation' },
      cancelledSummary(current, next.cancelReason, timeZone),
      actor,
      at,
    ),
  ];
  if (certificateId) writes.push(certificateReturnWrite(tenantId, customerId, certificateId, actor, at));
  try {
    await transactWrite(writes);
  } catch (error) {
    if (error instanceof ConditionsFailedError && error.failed.has('reservation')) throw NOT_BOOKED();
    throw error;
  }
  return toReservation(next);
}
