import { describe, expect, it } from '@jest/globals';
import { chooseEffectiveClass } from '../../shared/clubs/class-choice';
import { isDueToResume, transition, type MembershipState } from '../../shared/clubs/membership';

const active: MembershipState = { status: 'active', clubId: 'gold', pausedUntil: null };
const paused: MembershipState = { status: 'paused', clubId: 'gold', pausedUntil: '2030-01-01' };
const cancelled: MembershipState = { status: 'cancelled', clubId: 'gold', pausedUntil: null };
const today = '2029-06-01';

describe('Membership state machine', () => {
  it('pauses an active membership until a future date', () => {
    expect(transition(active, { kind: 'pause', until: '2029-07-01', today })).toEqual({ ...active, status: 'paused', pausedUntil: '2029-07-01' });
  });
  it('moves the date of a paused membership', () => {
    expect(transition(paused, { kind: 'pause', until: '2031-01-01', today }).pausedUntil).toBe('2031-01-01');
  });
  it('refuses a pause date today or in the past', () => {
    expect(() => transition(active, { kind: 'pause', until: today, today })).toThrow(/future date/);
    expect(() => transition(active, { kind: 'pause', until: '2020-01-01', today })).toThrow(/future date/);
  });
  it('resumes only a paused membership', () => {
    expect(transition(paused, { kind: 'resume' })).toEqual({ ...paused, status: 'active', pausedUntil: null });
    expect(() => transition(active, { kind: 'resume' })).toThrow(expect.objectContaining({ status: 409 }));
  });
  it('switches an active or paused membership to another club, keeping its status', () => {
    expect(transition(active, { kind: 'switch', clubId: 'silver' })).toEqual({ ...active, clubId: 'silver' });
    expect(transition(paused, { kind: 'switch', clubId: 'silver' }).status).toBe('paused');
    expect(() => transition(active, { kind: 'switch', clubId: 'gold' })).toThrow(expect.objectContaining({ status: 409 }));
  });
  it('cancels an active or paused membership, clearing the pause', () => {
    expect(transition(active, { kind: 'cancel' }).status).toBe('cancelled');
    expect(transition(paused, { kind: 'cancel' })).toEqual({ ...paused, status: 'cancelled', pausedUntil: null });
  });
  it.each(['pause', 'resume', 'switch', 'cancel', 'edit'] as const)('refuses to %s a cancelled membership', (kind) => {
    const action =
      kind === 'pause' ? { kind, until: '2030-01-01', today } : kind === 'switch' ? { kind, clubId: 'silver' } : { kind };
    expect(() => transition(cancelled, action)).toThrow(expect.objectContaining({ status: 409 }));
  });
  it('is due to resume on its date, not a day early', () => {
    expect(isDueToResume(paused, '2029-12-31')).toBe(false);
    expect(isDueToResume(paused, '2030-01-01')).toBe(true);
    expect(isDueToResume(active, '2030-01-01')).toBe(false);
  });
});

describe('Effective class', () => {
  it('takes the highest discount, the own class on a tie, none when there is nothing', () => {
    expect(chooseEffectiveClass(null, [])).toBeNull();
    expect(chooseEffectiveClass({ id: 'own', discountPercent: 10 }, [])).toBe('own');
    expect(chooseEffectiveClass({ id: 'own', discountPercent: 10 }, [{ id: 'club', discountPercent: 15 }])).toBe('club');
    expect(chooseEffectiveClass({ id: 'own', discountPercent: 20 }, [{ id: 'club', discountPercent: 15 }])).toBe('own');
    expect(chooseEffectiveClass({ id: 'own', discountPercent: 15 }, [{ id: 'club', discountPercent: 15 }])).toBe('own');
    expect(chooseEffectiveClass(null, [{ id: 'b', discountPercent: 5 }, { id: 'a', discountPercent: 5 }])).toBe('a');
  });
});
