import { PageQuery } from '../../schemas/common';
import { CustomerPath } from '../../people/customer-schemas';
import {
  CancelReservationBody,
  CreateReservationBody,
  Reservation,
  ReservationList,
  ReservationPath,
  ReservationsOfDayQuery,
} from '../../commerce/reservation-schemas';
import { staff, type RouteSpec } from '../route-spec';

const tag = 'Reservations';

export const reservationRoutes = {
  createReservation: {
    method: 'POST', path: '/v1/reservations', fn: 'reservations', tag, access: staff('staff'), status: 201,
    summary: 'Book an experience for a person, starting in the future (400 naming startsAt otherwise); a given certificate is redeemed in the same transaction (409 when it cannot be).',
    body: CreateReservationBody, response: Reservation, idempotent: true,
    problems: { 404: 'No person `customerId` in your tenant, or no certificate `certificateId` of theirs.' },
  },
  listReservationsOfDay: {
    method: 'GET', path: '/v1/reservations', fn: 'reservations', tag, access: staff('viewer'), status: 200,
    summary: "The tenant's reservations starting on a day (the front desk's today), by start time; cancelled ones too, with their status. Days are the winery's, in `settings.timeZone`.",
    query: ReservationsOfDayQuery, response: ReservationList,
  },
  getReservation: {
    method: 'GET', path: '/v1/reservations/{reservationId}', fn: 'reservations', tag, access: staff('viewer'), status: 200,
    summary: 'A reservation.', params: ReservationPath, response: Reservation,
  },
  cancelReservation: {
    method: 'POST', path: '/v1/reservations/{reservationId}/cancel', fn: 'reservations', tag, access: staff('staff'), status: 200,
    summary: "Cancel a booked reservation (409 when already cancelled): its certificate is given back (available again, unless expired) in the same transaction, and the person's timeline shows the cancellation.",
    params: ReservationPath, body: CancelReservationBody, bodyOptional: true, response: Reservation,
  },
  listCustomerReservations: {
    method: 'GET', path: '/v1/customers/{id}/reservations', fn: 'reservations', tag, access: staff('viewer'), status: 200,
    summary: "The person's reservations, newest booking first.", params: CustomerPath, query: PageQuery, response: ReservationList,
  },
} as const satisfies Record<string, RouteSpec>;
