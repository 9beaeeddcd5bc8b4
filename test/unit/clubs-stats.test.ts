import { describe, expect, it } from '@jest/globals';
import { medianTenureDays, statsDelta } from '../../shared/clubs/club-stats';
import { membershipItem, type MembershipItem } from '../../shared/clubs/club-items';

const at = '2030-05-10T09:00:00.000Z';
const member = (overrides: Partial<MembershipItem> = {}): MembershipItem =>
  membershipItem({ type: 'membership', tenantId: 't', customerId: 'c', id: 'm', clubId: 'gold', status: 'active', joinedAt: '2029-01-15T10:00:00.000Z', updatedAt: at, version: 1, ...overrides });

describe('Function: statsDelta', () => {
  it('counts a join under its join day, as an active member and as joined that day: one item', () => {
    expect(statsDelta(undefined, member({ joinedAt: at }))).toEqual([{ clubId: 'gold', sk: 'JOINED#2030-05-10', add: { active: 1, joined: 1 } }]);
  });

  it('moves a pause between the statuses and counts a new hold, its reason and a save', () => {
    const paused = member({ status: 'paused', pauseBookedAt: at, pauseReasonKey: 'travel', pauseSaved: true, version: 2 });
    expect(statsDelta(member(), paused)).toEqual([
      { clubId: 'gold', sk: 'JOINED#2029-01-15', add: { active: -1, paused: 1 } },
      { clubId: 'gold', sk: 'DAY#2030-05-10', add: { holds: 1, 'hold:travel': 1, saved: 1 } },
    ]);
    // Moving the same pause's date is not a new hold.
    expect(statsDelta(paused, { ...paused, pausedUntil: '2030-09-01' })).toEqual([]);
  });

  it('counts a cancellation by its reason, and a free-text one as other', () => {
    const cancelled = member({ status: 'cancelled', cancelReasonKey: 'price' });
    expect(statsDelta(member(), cancelled)).toEqual([
      { clubId: 'gold', sk: 'JOINED#2029-01-15', add: { active: -1 } },
      { clubId: 'gold', sk: 'DAY#2030-05-10', add: { cancelled: 1, 'cancel:price': 1 } },
    ]);
    expect(statsDelta(member(), member({ status: 'cancelled', cancelReason: 'Moving to Mars' }))[1]!.add).toEqual({ cancelled: 1, 'cancel:other': 1 });
  });

  it('moves a switched membership from one club to the other, with its join day', () => {
    expect(statsDelta(member(), member({ clubId: 'silver' }))).toEqual([
      { clubId: 'gold', sk: 'JOINED#2029-01-15', add: { active: -1 } },
      { clubId: 'silver', sk: 'JOINED#2029-01-15', add: { active: 1 } },
    ]);
  });

  it('counts no join for a membership a merge moved, and no loss for a merge’s cancel', () => {
    const moved = { ...member({ joinedAt: '2029-01-15T10:00:00.000Z' }), movedBy: 'merge-1' } as MembershipItem;
    expect(statsDelta(undefined, moved)).toEqual([{ clubId: 'gold', sk: 'JOINED#2029-01-15', add: { active: 1 } }]);
    expect(statsDelta(member(), member({ status: 'cancelled', cancelReason: 'merged' }))).toEqual([{ clubId: 'gold', sk: 'JOINED#2029-01-15', add: { active: -1 } }]);
    expect(statsDelta(member(), member({ status: 'cancelled', cancelReason: 'erased' }))[1]!.add).toEqual({ cancelled: 1, 'cancel:erased': 1 });
  });

  it('moves nothing for a change of what the stats do not count', () => {
    expect(statsDelta(member(), member({ shippingPreference: 'pickup', version: 2 }))).toEqual([]);
  });
});

describe('Function: medianTenureDays', () => {
  it('is the middle member’s days since joining, null without members', () => {
    expect(medianTenureDays([], '2030-05-10')).toBeNull();
    expect(medianTenureDays([{ day: '2030-05-01', members: 1 }, { day: '2029-05-10', members: 2 }], '2030-05-10')).toBe(365);
    expect(medianTenureDays([{ day: '2030-05-01', members: 2 }, { day: '2029-05-10', members: 2 }], '2030-05-10')).toBe(365);
    expect(medianTenureDays([{ day: '2030-05-01', members: 3 }, { day: '2029-05-10', members: 2 }], '2030-05-10')).toBe(9);
  });
});
