import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { parsePersonScopedId, personScopedId } from '../people/person-scoped-id';
import { ConflictError, NotFoundError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { CreateReservationBody, Reservation } from './reservation-schemas';
import { CERTIFICATE_REDEMPTION, certificateRedemptionWrite, redemptionFailure } from '../clubs/certificate-repository';
import { dynamo, tableName } from '../db/client';
import { queryPage } from '../db/cursor';
import { historyKeys, listHistory } from '../history/history';
import { IDEMPOTENCY_WRITE, idempotencyWrite, replayResponse, type IdempotencyRequest } from '../db/idempotency';
import { firstStamp, type Stamped } from '../db/item-stamp';
import { customerExists, putNew, throwIfNoCustomer } from '../db/item-writes';
import { dayKeys } from '../db/keys';
import { timelineFields, type TimelineEntry } from '../history/timeline';
import { ConditionsFailedError, transactWrite, type NamedWrite } from '../db/transact';

/**
 * Reservations (tastings, tours), as seen from the person: the item `H#RESERVATION#<ulid>` in
 * their partition (history one Query, newest first; on their timeline), with the public id
 * `<customerId>-<ulid>` so a read or a cancel by id needs no pointer (`person-scoped-id.ts`).
 * Booking is one transaction: the reservation, a check that the person exists, the redemption
 * of the certificate when one is given (so a certificate books once), and the idempotency
 * record. The reservation is also on the tenant's list of its day (gsi4, by start time): the
 * front desk's "today" is one Query. Days are UTC dates until a winery time zone setting exists.
 */
export const RESERVATION_KIND = 'RESERVATION';
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

function reservationKey(tenantId: string, reservationId: string) {
  const parsed = parsePersonScopedId(reservationId);
  if (!parsed) throw new NotFoundError('reservation');
  return historyKeys.item(tenantId, parsed.customerId, RESERVATION_KIND, parsed.ownId);
}

export async function getReservation(tenantId: string, reservationId: string): Promise<Reservation> {
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: reservationKey(tenantId, reservationId), ConsistentRead: true }),
  );
  if (!result.Item) throw new NotFoundError('reservation');
  return toReservation(result.Item as ReservationItem);
}

/** `GET /v1/reservations?date=`: the tenant's reservations starting on that (UTC) day, by start time, cancelled ones too. */
export async function listReservationsOfDay(
  tenantId: string,
  query: { date: string; limit: number; cursor?: string },
): Promise<{ items: Reservation[]; nextCursor: string | null }> {
  const page = await queryPage<ReservationItem>(
    tenantId,
    `reservations-of-day\n${query.date}`,
    {
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :day',
      ExpressionAttributeValues: { ':day': dayKeys.partition(tenantId, RESERVATION_KIND, query.date) },
    },
    query,
  );
  return { items: page.items.map(toReservation), nextCursor: page.nextCursor };
}

/** The person's reservations, newest booking first (also for the customer portal). */
export function listReservations(tenantId: string, customerId: string, page: { limit: number; cursor?: string }) {
  return listHistory(tenantId, customerId, RESERVATION_KIND, page, (item) => toReservation(item as unknown as ReservationItem));
}

export async function bookReservation(
  tenantId: string,
  input: CreateReservationBody,
  actor: Actor,
  idempotency?: IdempotencyRequest,
): Promise<Reservation> {
  const { customerId } = input;
  const at = nowIso();
  const ownId = newId();
  const id = personScopedId(customerId, ownId);
  const party = `${input.partySize} ${input.partySize === 1 ? 'guest' : 'guests'}`;
  // One spelling of the instant, so the day list sorts by time whatever precision was sent.
  const startsAt = new Date(input.startsAt).toISOString();
  const item: ReservationItem = {
    ...historyKeys.item(tenantId, customerId, RESERVATION_KIND, ownId),
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
    ...dayKeys.entry(tenantId, RESERVATION_KIND, startsAt.slice(0, 10), startsAt, id),
    ...timelineFields(tenantId, customerId, {
      at,
      type: 'reservation',
      summary: `Reservation: ${input.experience}, ${party}, ${input.startsAt}${input.certificateId ? ' (certificate redeemed)' : ''}`,
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

/**
 * Cancels a booked reservation: one conditional update (`status = booked`). When it fails,
 * the old image the condition saw tells "no such reservation" (404) from "already cancelled"
 * (409) without another read.
 */
export async function cancelReservation(tenantId: string, reservationId: string, actor: Actor, reason?: string): Promise<Reservation> {
  const at = nowIso();
  try {
    const result = await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: reservationKey(tenantId, reservationId),
        UpdateExpression:
          'SET #status = :cancelled, cancelledAt = :at, cancelReason = :reason, #version = #version + :one, updatedAt = :at, updatedBy = :by',
        ConditionExpression: '#status = :booked',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: { ':cancelled': 'cancelled', ':booked': 'booked', ':at': at, ':reason': reason ?? null, ':one': 1, ':by': actor },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return toReservation(result.Attributes as ReservationItem);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if (!error.Item) throw new NotFoundError('reservation');
    throw new ConflictError('reservation-not-booked', 'Only a booked reservation can be cancelled; this one is already cancelled.');
  }
}
