import { describe, expect, it } from '@jest/globals';
import { membershipOp, planMemberships, type LiveSegment, type PersonFacts, type StoredFacts } from '../../shared/segments/membership-plan';
import type { SegmentFacts } from '../../shared/segments/segment-rules';

const NOW = new Date('2027-06-15T12:00:00.000Z');
const facts: SegmentFacts = {
  flags: ['vip'],
  classId: null,
  clubIds: [],
  region: 'CA',
  country: 'US',
  birthMonth: 4,
  ageVerified: true,
  permissions: { email: true, sms: false, phone: false, mail: false },
  createdAt: '2027-06-01T00:00:00.000Z',
  lastOrderAt: null,
  orderCount: 0,
  lifetimeValueCents: 0,
  creditBalanceCents: 0,
};
const ada: PersonFacts = { facts, nameKey: 'lovelace\u0001ada\u00011', numberKey: '000000001000' };
const stored: StoredFacts = { ...ada, version: 3 };

/** Fifty segments, of which only `vip` and `california` hold Ada. */
const others: LiveSegment[] = Array.from({ length: 48 }, (_, i) => ({ id: `s${i}`, generation: 1, match: 'all', rules: [{ field: 'orderCount', op: 'gte', value: 10 + i }] }));
const vip: LiveSegment = { id: 'vip', generation: 1, match: 'all', rules: [{ field: 'flag', op: 'has', value: 'vip' }] };
const california: LiveSegment = { id: 'ca', generation: 2, match: 'all', rules: [{ field: 'region', op: 'in', value: ['CA'] }] };
const fifty = [...others, vip, california];

describe('Function: planMemberships', () => {
  it('writes nothing when nothing the rules read changed, whatever the number of segments', () => {
    expect(planMemberships(stored, { vip: 1, ca: 2 }, ada, fifty, NOW)).toEqual({ ops: [], factsChanged: false });
  });

  it('plans one move per segment whose membership changes, none for the 49 others', () => {
    expect(planMemberships(stored, { vip: 1, ca: 2 }, { ...ada, facts: { ...facts, flags: [] } }, fifty, NOW)).toEqual({
      ops: [{ segmentId: 'vip', entry: 'delete', countDelta: -1, held: 1 }],
      factsChanged: true,
    });
  });

  it('puts a new person in the segments that hold them', () => {
    expect(planMemberships(undefined, {}, ada, fifty, NOW)).toEqual({
      ops: [
        { segmentId: 'vip', entry: 'put', countDelta: 1, generation: 1 },
        { segmentId: 'ca', entry: 'put', countDelta: 1, generation: 2 },
      ],
      factsChanged: true,
    });
  });

  it('counts an entry of an older generation again, and drops one the new rules no longer hold without a count', () => {
    const newRules: LiveSegment = { ...vip, generation: 2, rules: [{ field: 'flag', op: 'has', value: 'trade' }] };
    expect(planMemberships(stored, { vip: 1, ca: 1 }, ada, [newRules, california], NOW).ops).toEqual([
      { segmentId: 'vip', entry: 'delete', countDelta: 0, held: 1 },
      { segmentId: 'ca', entry: 'put', countDelta: 1, generation: 2, held: 1 },
    ]);
  });

  it("moves the person's entries in the lists' order when their name changes, with no count", () => {
    expect(planMemberships(stored, { vip: 1, ca: 2 }, { ...ada, nameKey: 'byron\u0001ada\u00011' }, fifty, NOW)).toEqual({
      ops: [
        { segmentId: 'vip', entry: 'put', countDelta: 0, generation: 1, held: 1 },
        { segmentId: 'ca', entry: 'put', countDelta: 0, generation: 2, held: 2 },
      ],
      factsChanged: true,
    });
  });

  it('takes a person who is gone out of every segment, and the entry of a deleted segment without a count', () => {
    expect(planMemberships(stored, { vip: 1, ca: 2, gone: 4 }, null, fifty, NOW)).toEqual({
      ops: [
        { segmentId: 'vip', entry: 'delete', countDelta: -1, held: 1 },
        { segmentId: 'ca', entry: 'delete', countDelta: -1, held: 2 },
        { segmentId: 'gone', entry: 'delete', countDelta: 0, held: 4 },
      ],
      factsChanged: true,
    });
  });
});

describe('Function: membershipOp', () => {
  it('is what the background count writes of one person for one segment', () => {
    expect(membershipOp(vip, undefined, ada, NOW)).toEqual({ segmentId: 'vip', entry: 'put', countDelta: 1, generation: 1 });
    expect(membershipOp(vip, 1, ada, NOW)).toBeUndefined();
    expect(membershipOp(vip, 1, { ...ada, facts: { ...facts, flags: [] } }, NOW)).toEqual({ segmentId: 'vip', entry: 'delete', countDelta: -1, held: 1 });
  });
});
