import {
  bookReservation,
  cancelReservation,
  getReservation,
  listReservations,
  listReservationsOfDay,
} from '../../shared/commerce/reservation-repository';
import { apiHandler } from '../../shared/http/api-handler';
import { reservationRoutes } from '../../shared/http/routes/reservations';

export const handler = apiHandler(reservationRoutes, 'reservations', {
  createReservation: ({ auth, body, idempotency }) => bookReservation(auth.tenantId, body, auth.actor, idempotency),
  listReservationsOfDay: ({ auth, query }) => listReservationsOfDay(auth.tenantId, query),
  getReservation: ({ auth, params }) => getReservation(auth.tenantId, params.reservationId),
  cancelReservation: ({ auth, params, body }) => cancelReservation(auth.tenantId, params.reservationId, auth.actor, body?.reason),
  listCustomerReservations: ({ auth, params, query }) => listReservations(auth.tenantId, params.id, query),
});
