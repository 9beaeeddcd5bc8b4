import { describe, expect, it } from '@jest/globals';
import { ageOn, assertOldEnough } from '../../shared/people/age';
import { ConflictError } from '../../shared/errors';

const day = new Date('2026-06-15T12:00:00Z');

describe('Function: ageOn', () => {
  it('counts whole years, a birthday counting from its own day', () => {
    expect(ageOn('2005-06-15', day)).toBe(21);
    expect(ageOn('2005-06-16', day)).toBe(20);
    expect(ageOn('2005-07-01', day)).toBe(20);
    expect(ageOn('2005-05-31', day)).toBe(21);
  });

  it('makes a person born on 29 February a year older on 1 March of a common year', () => {
    expect(ageOn('2004-02-29', new Date('2025-02-28T00:00:00Z'))).toBe(20);
    expect(ageOn('2004-02-29', new Date('2025-03-01T00:00:00Z'))).toBe(21);
  });
});

describe('Function: assertOldEnough', () => {
  it('passes someone of the minimum age on the very day', () => {
    expect(() => assertOldEnough('2005-06-15', 21, day)).not.toThrow();
  });

  it('refuses someone a day short of it, and someone without a birth date, as conflicts', () => {
    expect(() => assertOldEnough('2005-06-16', 21, day)).toThrow(ConflictError);
    expect(() => assertOldEnough('2005-06-16', 21, day)).toThrow(/younger than 21/);
    expect(() => assertOldEnough(null, 21, day)).toThrow(/birth date/);
  });
});
