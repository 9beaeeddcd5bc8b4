import { describe, expect, it } from '@jest/globals';
import { expiryInstant, isExpired } from '../../shared/clubs/certificate-rules';

describe('Function: expiryInstant', () => {
  it('reads a date as valid through that day: its last instant, in the winery’s time zone', () => {
    expect(expiryInstant('2030-05-31', 'UTC')).toBe('2030-05-31T23:59:59.999Z');
    expect(expiryInstant('2030-05-31', 'America/Los_Angeles')).toBe('2030-06-01T06:59:59.999Z');
    expect(expiryInstant('2030-12-31', 'America/Los_Angeles')).toBe('2031-01-01T07:59:59.999Z');
    expect(expiryInstant('2030-05-31', 'Australia/Adelaide')).toBe('2030-05-31T14:29:59.999Z');
  });
  it('ends the day right across a daylight-saving change', () => {
    // Clocks go back on 2030-11-03 in Los Angeles: that day lasts 25 hours and ends at UTC-8.
    expect(expiryInstant('2030-11-03', 'America/Los_Angeles')).toBe('2030-11-04T07:59:59.999Z');
    // Clocks go forward on 2030-03-10: the day before ends at UTC-8, that day at UTC-7.
    expect(expiryInstant('2030-03-09', 'America/Los_Angeles')).toBe('2030-03-10T07:59:59.999Z');
    expect(expiryInstant('2030-03-10', 'America/Los_Angeles')).toBe('2030-03-11T06:59:59.999Z');
  });
  it('keeps an instant, written with milliseconds so it compares as time', () => {
    expect(expiryInstant('2030-05-31T12:00:00Z', 'America/Los_Angeles')).toBe('2030-05-31T12:00:00.000Z');
    expect(expiryInstant('2030-05-31T12:00:00.5Z', 'UTC')).toBe('2030-05-31T12:00:00.500Z');
  });
});

describe('Function: isExpired', () => {
  const endOfDay = expiryInstant('2030-05-31', 'UTC');
  it('is valid all through the date it was given, and expired the next day', () => {
    expect(isExpired(endOfDay, '2030-05-31T00:00:00.000Z')).toBe(false);
    expect(isExpired(endOfDay, '2030-05-31T23:59:59.998Z')).toBe(false);
    expect(isExpired(endOfDay, '2030-06-01T00:00:00.000Z')).toBe(true);
  });
  it('never expires without a date', () => {
    expect(isExpired(null, '2999-01-01T00:00:00.000Z')).toBe(false);
  });
});
