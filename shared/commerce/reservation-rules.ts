import { ValidationError } from '../errors';

/**
 * Reservation rules, pure: when one may be booked, and the lines the person's timeline shows.
 */

/**
 * The instant a booking starts, in one spelling (so the day list sorts by time whatever
 * precision was sent); a start that is not after `now` is refused, naming `startsAt`.
 */
export function bookableStart(startsAt: string, now: Date): string {
  const start = new Date(startsAt);
  if (start.getTime() <= now.getTime()) {
    throw new ValidationError([{ path: 'startsAt', message: 'must be in the future' }]);
  }
  return start.toISOString();
}

const guests = (partySize: number) => `${partySize} ${partySize === 1 ? 'guest' : 'guests'}`;

export function bookedSummary(reservation: { experience: string; partySize: number; startsAt: string; certificateId: string | null }): string {
  const certificate = reservation.certificateId ? ' (certificate redeemed)' : '';
  return `Reservation: ${reservation.experience}, ${guests(reservation.partySize)}, ${reservation.startsAt}${certificate}`;
}

export function cancelledSummary(
  reservation: { experience: string; startsAt: string; certificateId: string | null },
  reason: string | null,
): string {
  const certificate = reservation.certificateId ? ' (certificate returned)' : '';
  return `Reservation cancelled: ${reservation.experience}, ${reservation.startsAt}${certificate}${reason ? `. Reason: ${reason}` : ''}`;
}
