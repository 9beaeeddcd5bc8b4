import { describe, expect, it } from '@jest/globals';
import { effectiveClassId } from '../../shared/classes/class-choice';

describe('Function: effectiveClassId', () => {
  it('is null for a person with no class and no live club', () => {
    expect(effectiveClassId(null, [])).toBeNull();
  });
  it("is the person's own class when they are in no club", () => {
    expect(effectiveClassId({ id: 'own', discountPercent: 10 }, [])).toBe('own');
  });
  it("gives a club's class when it has a bigger discount than the person's own", () => {
    expect(effectiveClassId({ id: 'own', discountPercent: 10 }, [{ id: 'club', discountPercent: 15 }])).toBe('club');
  });
  it("keeps the person's own class when it is better, and on a tie", () => {
    expect(effectiveClassId({ id: 'own', discountPercent: 20 }, [{ id: 'club', discountPercent: 15 }])).toBe('own');
    expect(effectiveClassId({ id: 'own', discountPercent: 15 }, [{ id: 'club', discountPercent: 15 }])).toBe('own');
  });
  it('takes the biggest of several clubs, whatever order they come in', () => {
    const clubs = [{ id: 'small', discountPercent: 5 }, { id: 'big', discountPercent: 25 }, { id: 'mid', discountPercent: 12 }];
    expect(effectiveClassId(null, clubs)).toBe('big');
    expect(effectiveClassId(null, [...clubs].reverse())).toBe('big');
  });
  it('breaks a tie between clubs by the lower id, so replays agree', () => {
    expect(effectiveClassId(null, [{ id: 'b', discountPercent: 5 }, { id: 'a', discountPercent: 5 }])).toBe('a');
    expect(effectiveClassId(null, [{ id: 'a', discountPercent: 5 }, { id: 'b', discountPercent: 5 }])).toBe('a');
  });
});
