import { describe, expect, it } from '@jest/globals';
import { formatDate, formatDateTime, formatDayOf, formatTime, todayIn, wallTimeToInstant, withInstantsIn, zoneName } from '../../web/src/lib/datetime';
import { describeFields, type Names } from '../../web/src/features/changes/lib/describe-change';
import { friendlyMessage } from '../../web/src/lib/field-errors';

describe('web date/time: the winery’s zone, whatever the browser’s', () => {
  it('reads a typed wall-clock time in the winery’s zone, across daylight saving', () => {
    expect(wallTimeToInstant('2027-01-16T11:00', 'America/Los_Angeles')).toBe('2027-01-16T19:00:00.000Z');
    expect(wallTimeToInstant('2027-07-16T11:00', 'America/Los_Angeles')).toBe('2027-07-16T18:00:00.000Z');
    expect(wallTimeToInstant('2027-01-16T11:00', 'America/New_York')).toBe('2027-01-16T16:00:00.000Z');
    expect(wallTimeToInstant('not a time', 'UTC')).toBeUndefined();
  });

  it('shows an instant in the winery’s zone and names the zone', () => {
    expect(formatTime('2027-01-16T19:00:00.000Z', 'America/Los_Angeles')).toBe('11:00 AM PT');
    expect(formatDateTime('2027-01-16T19:00:00.000Z', 'America/Los_Angeles')).toBe('Jan 16, 2027, 11:00 AM PT');
    expect(zoneName('UTC')).toBe('UTC');
  });

  it('shows a certificate valid through June 30 as June 30, and a calendar date unshifted', () => {
    expect(formatDayOf('2027-07-01T06:59:59.999Z', 'America/Los_Angeles')).toBe('Jun 30, 2027');
    expect(formatDate('2027-06-30')).toBe('Jun 30, 2027');
    expect(todayIn('Pacific/Kiritimati', new Date('2027-01-16T12:00:00Z'))).toBe('2027-01-17');
  });

  it('rewrites the instants inside server-written text', () => {
    expect(withInstantsIn('Reservation: Tasting, 2 guests, 2027-01-16T14:00:00.000Z', 'America/Los_Angeles')).toBe('Reservation: Tasting, 2 guests, Jan 16, 2027, 6:00 AM PT');
  });
});

describe('web change history in words', () => {
  const names: Names = {
    zone: 'America/Los_Angeles',
    currency: 'USD',
    club: (id) => ({ C1: 'Reserve Club' })[id],
    variant: () => undefined,
    customerClass: (id) => ({ K1: 'Retail', K2: 'Reserve Club' })[id],
    staff: (id) => ({ S1: 'Dana Admin' })[id],
    flag: (key) => ({ vip: 'VIP' })[key],
    address: () => '1 Vineyard Rd, Napa',
    membership: () => 'Reserve Club membership',
  };

  it('shows money as money, ids as names, permissions and secrets in words', () => {
    const lines = describeFields(
      'updated',
      [
        { field: 'creditBalanceCents', old: 0, new: 2500 },
        { field: 'clubIds', old: [], new: ['C1'] },
        { field: 'effectiveClassId', old: 'K1', new: 'K2' },
        { field: 'permissions', old: { email: false, sms: false, phone: false, mail: false }, new: { email: true, sms: true, phone: false, mail: false } },
        { field: 'password', redacted: true },
        { field: 'flags', old: [], new: ['vip'] },
        { field: 'joinedAt', old: null, new: '2027-01-16T19:00:00.000Z' },
      ],
      names,
    );
    expect(lines).toEqual([
      { label: 'Credit', text: '$0.00 → $25.00' },
      { label: 'Clubs', text: 'none → Reserve Club' },
      { label: 'Class in effect', text: 'Retail → Reserve Club' },
      { label: 'Contact permissions', text: 'none → Email, SMS' },
      { label: 'Password', text: 'changed' },
      { label: 'Flags', text: 'none → VIP' },
      { label: 'Joined', text: 'none → Jan 16, 2027, 11:00 AM PT' },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/\d{4}-\d{2}-\d{2}T|C1|K1/);
  });
});

describe('web field messages', () => {
  it('says what to do instead of the schema’s words', () => {
    expect(friendlyMessage('billingAddress.lastName', 'Too small: expected string to have >=1 characters')).toBe('Enter a last name');
    expect(friendlyMessage('billingAddress.firstName', 'Invalid input: expected string, received undefined')).toBe('Enter a first name');
    expect(friendlyMessage('body', 'Too big: expected string to have <=10000 characters')).toBe('Use at most 10,000 characters');
  });
});
