import { describe, expect, it } from '@jest/globals';
import { blockingKeys, nameLikeness, pairIdOf, scorePair, type MatchFeatures } from '../../shared/duplicates/matching';

const person = (overrides: Partial<MatchFeatures>): MatchFeatures => ({
  id: 'A',
  firstName: 'Robert',
  lastName: 'Smith',
  emails: [],
  phones: [],
  postalCodes: [],
  streets: [],
  birthDate: null,
  ...overrides,
});

describe('Matching people', () => {
  it('tells the same name, an alike one (nickname, typo, accent) and a different one apart', () => {
    expect(nameLikeness({ firstName: 'Robert', lastName: 'Smith' }, { firstName: 'ROBERT', lastName: 'smith' })).toBe('same');
    expect(nameLikeness({ firstName: 'Bob', lastName: 'Smith' }, { firstName: 'Robert', lastName: 'Smith' })).toBe('alike');
    expect(nameLikeness({ firstName: 'Robert', lastName: 'Smith' }, { firstName: 'Robret', lastName: 'Smyth' })).toBe('alike');
    expect(nameLikeness({ firstName: 'José', lastName: 'Núñez' }, { firstName: 'Jose', lastName: 'Nunez' })).toBe('same');
    expect(nameLikeness({ firstName: 'Mary', lastName: 'Smith' }, { firstName: 'Robert', lastName: 'Smith' })).toBe('different');
  });

  it('scores each reason, the strongest first in weight, and adds them up without passing 1', () => {
    expect(scorePair(person({ emails: ['a@x.com'] }), person({ id: 'B', firstName: 'Zed', emails: ['A@X.com'] }))).toEqual({ reasons: ['email'], score: 0.9 });
    expect(scorePair(person({ birthDate: '1980-01-02' }), person({ id: 'B', birthDate: '1980-01-02' })).reasons).toEqual(['name-birthdate']);
    expect(scorePair(person({ postalCodes: ['94558'] }), person({ id: 'B', postalCodes: ['94558'] })).reasons).toEqual(['name-address']);
    const alike = scorePair(person({ firstName: 'Bob', streets: ['94558|1vinerd'], postalCodes: ['94558'] }), person({ id: 'B', streets: ['94558|1vinerd'], postalCodes: ['94558'] }));
    expect(alike.reasons).toEqual(['similar-name']);
    // A shared household phone between different people scores low.
    expect(scorePair(person({ phones: ['7075550100'] }), person({ id: 'B', firstName: 'Mary', phones: ['7075550100'] }))).toEqual({ reasons: ['phone'], score: 0.25 });
    const all = scorePair(
      person({ emails: ['a@x.com'], phones: ['7075550100'], postalCodes: ['94558'], birthDate: '1980-01-02' }),
      person({ id: 'B', emails: ['a@x.com'], phones: ['7075550100'], postalCodes: ['94558'], birthDate: '1980-01-02' }),
    );
    expect(all.reasons).toEqual(['email', 'name-birthdate', 'name-address', 'phone']);
    expect(all.score).toBeLessThanOrEqual(1);
    expect(all.score).toBeGreaterThan(0.99);
    // Nothing shared, nothing to say.
    expect(scorePair(person({}), person({ id: 'B' })).reasons).toEqual([]);
  });

  it('files a person under keys that only people worth comparing share', () => {
    const keys = blockingKeys(person({ emails: ['a@x.com'], phones: ['7075550100'], postalCodes: ['94558'], streets: ['94558|1vinerd'], birthDate: '1980-01-02' }));
    expect(keys).toEqual(['E#a@x.com', 'P#7075550100', 'Z#94558#SM0', 'B#1980-01-02#SM0', 'A#94558|1vinerd']);
    // Smith and Smyth sound alike: the same postal key.
    expect(blockingKeys(person({ lastName: 'Smyth', postalCodes: ['94558'] }))).toEqual(['Z#94558#SM0']);
    expect(blockingKeys(person({ emails: ['a@x.com'] }), { withEmail: false })).toEqual([]);
    expect(pairIdOf('B', 'A')).toBe(pairIdOf('A', 'B'));
  });
});
