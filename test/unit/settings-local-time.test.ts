import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TIME_ZONE, formatDate, formatInTimeZone, isTimeZone, localDate } from '../../shared/settings/local-time';

describe('Module: settings/local-time', () => {
  describe('Method: formatInTimeZone', () => {
    it("shows an instant in the winery's zone with its abbreviation", () => {
      expect(formatInTimeZone('2026-12-05T22:00:00.000Z', 'America/Los_Angeles')).toBe('Sat, Dec 5, 2026, 2:00 PM PST');
      expect(formatInTimeZone(new Date('2026-12-05T22:00:00.000Z'), 'America/New_York')).toBe('Sat, Dec 5, 2026, 5:00 PM EST');
    });

    it('follows daylight saving time', () => {
      expect(formatInTimeZone('2026-07-04T19:30:00.000Z', 'America/Los_Angeles')).toBe('Sat, Jul 4, 2026, 12:30 PM PDT');
    });

    it('writes plain spaces (no narrow no-break space before PM)', () => {
      expect(formatInTimeZone('2026-12-05T22:00:00.000Z', 'UTC')).not.toMatch(/[\u202f\u00a0]/);
    });

    it('refuses something that is not an instant', () => {
      expect(() => formatInTimeZone('next tuesday', 'UTC')).toThrow(RangeError);
    });
  });

  describe('Method: localDate', () => {
    it('gives the calendar date the instant falls on in the zone, not in UTC', () => {
      expect(localDate('2026-12-06T03:00:00.000Z', 'America/Los_Angeles')).toBe('2026-12-05');
      expect(localDate('2026-12-05T23:30:00.000Z', 'Europe/Paris')).toBe('2026-12-06');
      expect(localDate('2026-12-05T23:30:00.000Z', 'UTC')).toBe('2026-12-05');
    });
  });

  describe('Method: formatDate', () => {
    it('writes a calendar date as itself, whatever the zone of the machine', () => {
      expect(formatDate('2026-12-05')).toBe('Sat, Dec 5, 2026');
      expect(formatDate('2099-01-01')).toBe('Thu, Jan 1, 2099');
    });
  });

  describe('Method: isTimeZone', () => {
    it('accepts IANA names and UTC', () => {
      for (const zone of ['America/Los_Angeles', 'Europe/Paris', 'America/Argentina/Mendoza', 'UTC', DEFAULT_TIME_ZONE]) {
        expect(isTimeZone(zone)).toBe(true);
      }
    });

    it('refuses unknown names, offsets, legacy abbreviations and odd spellings', () => {
      for (const zone of ['Mars/Olympus_Mons', '+01:00', 'EST', 'PST8PDT', 'america/los_angeles', '', 'Europe/Paris\n']) {
        expect(isTimeZone(zone)).toBe(false);
      }
    });
  });
});
