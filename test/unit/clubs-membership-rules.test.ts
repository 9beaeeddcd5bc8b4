import { describe, expect, it } from '@jest/globals';
import {
  assertTakesMembers,
  checkGift,
  checkPauseDates,
  chooseReason,
  chooseVariant,
  clubNamesChanged,
  currentNames,
  membershipChangeMatters,
  namesDiffer,
  namesMayBeStale,
  shippingFields,
  type ClubFacts,
  type MembershipClassFacts,
} from '../../shared/clubs/membership-rules';

const plain: ClubFacts = { name: 'Gold', status: 'active', variants: [] };
const withVariants: ClubFacts = { name: 'Reserve', status: 'active', variants: [{ id: 'v-red', name: 'Red' }, { id: 'v-mix', name: 'Mixed' }] };
const invalid = (path: string) => expect.objectContaining({ kind: 'invalid', errors: [{ path, message: expect.any(String) }] });

describe('Function: chooseVariant', () => {
  it('answers the variant with the club and variant names to store', () => {
    expect(chooseVariant(withVariants, 'v-mix')).toEqual({ variantId: 'v-mix', clubName: 'Reserve', variantName: 'Mixed' });
    expect(chooseVariant(plain, undefined)).toEqual({ variantId: null, clubName: 'Gold', variantName: null });
  });
  it('requires a variant of a club that has them, and one of its own', () => {
    expect(() => chooseVariant(withVariants, undefined)).toThrow(invalid('variantId'));
    expect(() => chooseVariant(withVariants, 'v-other')).toThrow(invalid('variantId'));
  });
  it('refuses a variant for a club without variants', () => {
    expect(() => chooseVariant(plain, 'v-red')).toThrow(invalid('variantId'));
  });
});

describe('Function: assertTakesMembers', () => {
  it('refuses a retired club with a 409', () => {
    expect(() => assertTakesMembers({ ...plain, status: 'retired' })).toThrow(expect.objectContaining({ kind: 'conflict', slug: 'club-retired' }));
    expect(() => assertTakesMembers(plain)).not.toThrow();
  });
});

describe('Function: shippingFields', () => {
  it('needs a pickup location for pickup, and drops it for shipping', () => {
    expect(shippingFields('pickup', 'Tasting room')).toEqual({ shippingPreference: 'pickup', pickupLocation: 'Tasting room' });
    expect(() => shippingFields('pickup', null)).toThrow(invalid('pickupLocation'));
    expect(shippingFields('ship', 'Tasting room')).toEqual({ shippingPreference: 'ship', pickupLocation: null });
  });
});

describe('Function: checkPauseDates', () => {
  it('refuses an end today or in the past as a value out of range naming until', () => {
    expect(() => checkPauseDates({ until: '2029-06-01' }, '2029-06-01')).toThrow(invalid('until'));
    expect(() => checkPauseDates({ until: '2020-01-01' }, '2029-06-01')).toThrow(invalid('until'));
  });
  it('refuses a start in the past naming from', () => {
    expect(() => checkPauseDates({ from: '2029-05-31', until: '2029-07-01' }, '2029-06-01')).toThrow(invalid('from'));
  });
  it('accepts tomorrow, and a start today or later', () => {
    expect(() => checkPauseDates({ until: '2029-06-02' }, '2029-06-01')).not.toThrow();
    expect(() => checkPauseDates({ from: '2029-06-01', until: '2029-06-02' }, '2029-06-01')).not.toThrow();
    expect(() => checkPauseDates({ from: '2029-09-01', until: '2029-10-01' }, '2029-06-01')).not.toThrow();
  });
});

describe('Function: checkGift', () => {
  it('refuses an end today or before, and a gift to oneself', () => {
    expect(() => checkGift({ giverId: 'bob', endsOn: '2029-06-01' }, 'ada', '2029-06-01')).toThrow(invalid('gift.endsOn'));
    expect(() => checkGift({ giverId: 'ada', endsOn: '2030-06-01' }, 'ada', '2029-06-01')).toThrow(invalid('gift.giverId'));
    expect(() => checkGift({ giverId: 'bob', endsOn: '2030-06-01' }, 'ada', '2029-06-01')).not.toThrow();
  });
});

describe('Function: chooseReason', () => {
  it("answers the winery's reason by key, and names the field for another key", () => {
    const reasons = [{ key: 'price', title: 'Too expensive' }];
    expect(chooseReason(reasons, 'price', 'reasonKey')).toEqual({ key: 'price', title: 'Too expensive' });
    expect(() => chooseReason(reasons, 'bored', 'reasonKey')).toThrow(invalid('reasonKey'));
  });
});

describe('Names carried by a membership', () => {
  it('are the club’s current names; a variant the club dropped has none', () => {
    expect(currentNames(withVariants, 'v-red')).toEqual({ clubName: 'Reserve', variantName: 'Red' });
    expect(currentNames(withVariants, 'v-gone')).toEqual({ clubName: 'Reserve', variantName: null });
    expect(currentNames(plain, null)).toEqual({ clubName: 'Gold', variantName: null });
  });
  it('differ when either name moved (a missing variant name is null)', () => {
    expect(namesDiffer({ clubName: 'Reserve', variantName: 'Red' }, { clubName: 'Reserve', variantName: 'Red' })).toBe(false);
    expect(namesDiffer({ clubName: 'Gold' }, { clubName: 'Gold', variantName: null })).toBe(false);
    expect(namesDiffer({ clubName: 'Reserve', variantName: 'Red' }, { clubName: 'Reserve', variantName: 'Rouge' })).toBe(true);
    expect(namesDiffer({ clubName: 'Gold' }, { clubName: 'Gold Club', variantName: null })).toBe(true);
  });
  it('change with a club rename or a variant rename, not with its discount', () => {
    expect(clubNamesChanged(withVariants, { ...withVariants, name: 'Reserve Club' })).toBe(true);
    expect(clubNamesChanged(withVariants, { ...withVariants, variants: [{ id: 'v-red', name: 'Rouge' }, { id: 'v-mix', name: 'Mixed' }] })).toBe(true);
    expect(clubNamesChanged(withVariants, { ...withVariants, discountPercent: 30 } as ClubFacts)).toBe(false);
    expect(clubNamesChanged(undefined, withVariants)).toBe(false);
  });
  it('may be stale after a join, a switch or a new variant, not after a pause', () => {
    const m = { clubId: 'gold', variantId: null };
    expect(namesMayBeStale(undefined, m)).toBe(true);
    expect(namesMayBeStale(m, { ...m, clubId: 'silver' })).toBe(true);
    expect(namesMayBeStale(m, { ...m, variantId: 'v-red' })).toBe(true);
    expect(namesMayBeStale(m, m)).toBe(false);
  });
});

describe('Function: membershipChangeMatters', () => {
  const gold: MembershipClassFacts = { status: 'active', clubId: 'gold', classId: 'gold-class' };
  it('matters when a membership appears or goes', () => {
    expect(membershipChangeMatters(undefined, gold)).toBe(true);
    expect(membershipChangeMatters(gold, undefined)).toBe(true);
  });
  it('matters when its status, club or class changes', () => {
    expect(membershipChangeMatters(gold, { ...gold, status: 'cancelled' })).toBe(true);
    expect(membershipChangeMatters(gold, { ...gold, clubId: 'silver', classId: 'silver-class' })).toBe(true);
  });
  it('does not matter for a rename or an edit of other fields', () => {
    expect(membershipChangeMatters(gold, { ...gold, clubName: 'Gold Reserve' } as MembershipClassFacts)).toBe(false);
  });
});
