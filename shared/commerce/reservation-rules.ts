import { ValidationError } from '../errors';
import { formatInTimeZone } from '../settings/local-time';

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

/**
 * The timeline's lines are read as they are written, so the start is written as the winery reads
 * it: in its time zone, with the zone named ("Sat, Jan 16, 2027, 11:00 AM PST"), never as an
 * ISO instant.
 */
export function bookedSummary(
  reservation: { experience: string; partySize: number; startsAt: string; certificateId: string | null },
  timeZone: string,
): string {
  const certificate = reservation.certificateId ? ' (certificate redeemed)' : '';
  return `Reservation: ${reservation.experience}, ${guests(reservation.partySize)}, ${formatInTimeZone(reservation.startsAt, timeZone)}${certificate}`;
}

export function cancelledSummary(
  reservation: { experience: string; startsAt: string; certificateId: string | null },
  reason: string | null,
  timeZone: string,
): string {
  const certificate = reservation.certificateId ? ' (certificate returned)' : '';
  const when = formatInTimeZone(reservation.startsAt, timeZone);
  return `Reservation cancelled: ${reservation.experience}, ${when}${certificate}${reason ? `. Reason: ${reason}` : ''}`;
}
