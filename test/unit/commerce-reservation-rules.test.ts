import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '../../shared/errors';
import { bookableStart, bookedSummary, cancelledSummary } from '../../shared/commerce/reservation-rules';

const now = new Date('2030-06-01T12:00:00.000Z');

describe('Module: reservation-rules', () => {
  describe('Function: bookableStart', () => {
    it('takes a start in the future, in one spelling', () => {
      expect(bookableStart('2030-06-01T12:00:00.001Z', now)).toBe('2030-06-01T12:00:00.001Z');
      expect(bookableStart('2030-06-01T12:30:00Z', now)).toBe('2030-06-01T12:30:00.000Z');
    });

    it('refuses a start in the past or right now, naming startsAt', () => {
      for (const startsAt of ['2030-06-01T11:59:59.999Z', '2030-06-01T12:00:00.000Z', '2019-01-01T00:00:00Z']) {
        let refused: unknown;
        try {
          bookableStart(startsAt, now);
        } catch (error) {
          refused = error;
        }
        expect(refused).toBeInstanceOf(ValidationError);
        expect((refused as ValidationError).errors).toEqual([{ path: 'startsAt', message: 'must be in the future' }]);
      }
    });
  });

  describe('Timeline lines', () => {
    const reservation = { experience: 'Reserve tasting', partySize: 4, startsAt: '2030-06-02T17:00:00.000Z', certificateId: null };

    it('say what was booked and what was cancelled, and when a certificate went with it, the start in the winery’s zone', () => {
      const LA = 'America/Los_Angeles';
      expect(bookedSummary(reservation, LA)).toBe('Reservation: Reserve tasting, 4 guests, Sun, Jun 2, 2030, 10:00 AM PDT');
      expect(bookedSummary({ ...reservation, partySize: 1, certificateId: 'c1' }, LA)).toBe(
        'Reservation: Reserve tasting, 1 guest, Sun, Jun 2, 2030, 10:00 AM PDT (certificate redeemed)',
      );
      expect(cancelledSummary(reservation, null, LA)).toBe('Reservation cancelled: Reserve tasting, Sun, Jun 2, 2030, 10:00 AM PDT');
      expect(cancelledSummary({ ...reservation, certificateId: 'c1' }, 'Flight delayed', 'Europe/Paris')).toBe(
        'Reservation cancelled: Reserve tasting, Sun, Jun 2, 2030, 7:00 PM GMT+2 (certificate returned). Reason: Flight delayed',
      );
    });

    it('never carry an ISO instant', () => {
      for (const line of [bookedSummary(reservation, 'UTC'), cancelledSummary(reservation, 'Moved', 'Asia/Tokyo')]) {
        expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      }
    });
  });
});
