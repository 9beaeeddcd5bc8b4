import { describe, expect, it } from '@jest/globals';
import { factsOf, ruleHolds, segmentHolds, type SegmentFacts } from '../../shared/segments/segment-rules';
import { SegmentRule, type SegmentRule as Rule } from '../../shared/segments/segment-schemas';
import type { CustomerItem } from '../../shared/people/customer-items';

const NOW = new Date('2027-06-15T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000).toISOString();

const person: SegmentFacts = {
  flags: ['vip'],
  classId: 'friends',
  clubIds: ['reserve'],
  region: 'California',
  country: 'US',
  birthMonth: 4,
  ageVerified: true,
  permissions: { email: true, sms: false, phone: false, mail: true },
  createdAt: daysAgo(10),
  lastOrderAt: daysAgo(100),
  orderCount: 3,
  lifetimeValueCents: 15_000,
  creditBalanceCents: 2_500,
};
const newcomer: SegmentFacts = {
  ...person,
  flags: [],
  classId: null,
  clubIds: [],
  region: null,
  country: null,
  birthMonth: null,
  ageVerified: false,
  permissions: { email: false, sms: false, phone: false, mail: false },
  createdAt: daysAgo(400),
  lastOrderAt: null,
  orderCount: 0,
  lifetimeValueCents: 0,
  creditBalanceCents: 0,
};

/** Each field with each of its operators: the rule, whether it holds for `person`, and for `newcomer`. */
const cases: [Rule, boolean, boolean][] = [
  [{ field: 'flag', op: 'has', value: 'vip' }, true, false],
  [{ field: 'flag', op: 'hasNot', value: 'vip' }, false, true],
  [{ field: 'classId', op: 'is', value: 'friends' }, true, false],
  [{ field: 'classId', op: 'isNot', value: 'friends' }, false, true],
  [{ field: 'clubId', op: 'memberOf', value: 'reserve' }, true, false],
  [{ field: 'clubId', op: 'notMemberOf', value: 'reserve' }, false, true],
  [{ field: 'region', op: 'in', value: ['oregon', 'CALIFORNIA'] }, true, false],
  [{ field: 'country', op: 'in', value: ['US'] }, true, false],
  [{ field: 'birthMonth', op: 'in', value: [3, 4] }, true, false],
  [{ field: 'ageVerified', op: 'is', value: true }, true, false],
  [{ field: 'ageVerified', op: 'is', value: false }, false, true],
  [{ field: 'permissions.email', op: 'is', value: true }, true, false],
  [{ field: 'permissions.sms', op: 'is', value: false }, true, true],
  [{ field: 'permissions.phone', op: 'is', value: true }, false, false],
  [{ field: 'permissions.mail', op: 'is', value: true }, true, false],
  [{ field: 'createdAt', op: 'withinDays', value: 30 }, true, false],
  [{ field: 'createdAt', op: 'notWithinDays', value: 30 }, false, true],
  [{ field: 'lastOrderAt', op: 'withinDays', value: 90 }, false, false],
  [{ field: 'lastOrderAt', op: 'withinDays', value: 365 }, true, false],
  // Never ordered: not within any window, so `notWithinDays` holds.
  [{ field: 'lastOrderAt', op: 'notWithinDays', value: 90 }, true, true],
  [{ field: 'orderCount', op: 'gte', value: 3 }, true, false],
  [{ field: 'orderCount', op: 'lte', value: 0 }, false, true],
  [{ field: 'lifetimeValueCents', op: 'gte', value: 10_000 }, true, false],
  [{ field: 'lifetimeValueCents', op: 'lte', value: 14_999 }, false, true],
  [{ field: 'creditBalanceCents', op: 'gte', value: 2_500 }, true, false],
  [{ field: 'creditBalanceCents', op: 'lte', value: 0 }, false, true],
];

describe('Function: ruleHolds', () => {
  it.each(cases)('%j holds for the member: %s, for the newcomer: %s', (rule, forPerson, forNewcomer) => {
    expect(SegmentRule.parse(rule)).toEqual(rule);
    expect(ruleHolds(rule, person, NOW)).toBe(forPerson);
    expect(ruleHolds(rule, newcomer, NOW)).toBe(forNewcomer);
  });

  it('covers every field of the schema', () => {
    const fields = new Set(cases.map(([rule]) => rule.field));
    expect([...fields].sort()).toEqual(
      ['ageVerified', 'birthMonth', 'classId', 'clubId', 'country', 'createdAt', 'creditBalanceCents', 'flag', 'lastOrderAt', 'lifetimeValueCents', 'orderCount', 'permissions.email', 'permissions.mail', 'permissions.phone', 'permissions.sms', 'region'].sort(),
    );
  });

  it('counts a day window back from the instant it is weighed at, to the millisecond', () => {
    const rule: Rule = { field: 'lastOrderAt', op: 'withinDays', value: 100 };
    expect(ruleHolds(rule, person, NOW)).toBe(true);
    expect(ruleHolds(rule, person, new Date(NOW.getTime() + 1))).toBe(false);
  });
});

describe('Function: segmentHolds', () => {
  const vip: Rule = { field: 'flag', op: 'has', value: 'vip' };
  const ordered: Rule = { field: 'orderCount', op: 'gte', value: 5 };
  it('needs every rule with all, one with any', () => {
    expect(segmentHolds({ match: 'all', rules: [vip, ordered] }, person, NOW)).toBe(false);
    expect(segmentHolds({ match: 'any', rules: [vip, ordered] }, person, NOW)).toBe(true);
    expect(segmentHolds({ match: 'any', rules: [vip, ordered] }, newcomer, NOW)).toBe(false);
  });
});

describe('Schema: SegmentRule', () => {
  it('names an unknown field, and an operator the field does not take', () => {
    const unknownField = SegmentRule.safeParse({ field: 'colour', op: 'is', value: 'red' });
    expect(unknownField.error?.issues).toEqual([expect.objectContaining({ path: ['field'], message: expect.stringMatching(/^"colour" is not a field of segments: flag, classId, /) })]);
    const unknownOp = SegmentRule.safeParse({ field: 'flag', op: 'is', value: 'vip' });
    expect(unknownOp.error?.issues).toEqual([expect.objectContaining({ path: ['op'], message: '"is" is not an operator of flag: has or hasNot' })]);
  });

  it('checks the value against the field', () => {
    expect(SegmentRule.safeParse({ field: 'birthMonth', op: 'in', value: [13] }).success).toBe(false);
    expect(SegmentRule.safeParse({ field: 'lastOrderAt', op: 'withinDays', value: 0 }).success).toBe(false);
    expect(SegmentRule.safeParse({ field: 'country', op: 'in', value: ['us'] }).data).toEqual({ field: 'country', op: 'in', value: ['US'] });
  });
});

describe('Function: factsOf', () => {
  it("reads the rules' facts from a profile and its default billing address", () => {
    const profile = {
      flags: ['vip'],
      effectiveClassId: 'friends',
      clubIds: ['b', 'a'],
      birthDate: '1980-04-02',
      ageVerification: { status: 'verified' },
      permissions: { email: true, sms: false, phone: false, mail: true },
      createdAt: daysAgo(10),
      creditBalanceCents: 2_500,
      stats: { orderCount: 3, lifetimeValueCents: 15_000, firstOrderAt: daysAgo(300), lastOrderAt: daysAgo(100) },
    } as unknown as CustomerItem;
    expect(factsOf(profile, { region: ' California ', country: 'US' })).toEqual({ ...person, clubIds: ['a', 'b'] });
    expect(factsOf({ ...profile, stats: undefined, birthDate: null }, undefined)).toMatchObject({ region: null, country: null, birthMonth: null, orderCount: 0, lastOrderAt: null });
  });
});
