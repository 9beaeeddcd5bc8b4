import { describe, expect, it } from '@jest/globals';
import { isDueToResume, transition, type MembershipState } from '../../shared/clubs/membership';

const active: MembershipState = { status: 'active', clubId: 'gold', pausedUntil: null };
const paused: MembershipState = { status: 'paused', clubId: 'gold', pausedUntil: '2030-01-01' };
const cancelled: MembershipState = { status: 'cancelled', clubId: 'gold', pausedUntil: null };

describe('Membership state machine', () => {
  it('pauses an active membership until a future date', () => {
    expect(transition(active, { kind: 'pause', until: '2029-07-01' })).toEqual({ ...active, status: 'paused', pausedUntil: '2029-07-01' });
  });
  it('moves the date of a paused membership', () => {
    expect(transition(paused, { kind: 'pause', until: '2031-01-01' }).pausedUntil).toBe('2031-01-01');
  });
  it('resumes only a paused membership', () => {
    expect(transition(paused, { kind: 'resume' })).toEqual({ ...paused, status: 'active', pausedUntil: null });
    expect(() => transition(active, { kind: 'resume' })).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });
  it('switches an active or paused membership to another club, keeping its status', () => {
    expect(transition(active, { kind: 'switch', clubId: 'silver' })).toEqual({ ...active, clubId: 'silver' });
    expect(transition(paused, { kind: 'switch', clubId: 'silver' }).status).toBe('paused');
    expect(() => transition(active, { kind: 'switch', clubId: 'gold' })).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });
  it('cancels an active or paused membership, clearing the pause', () => {
    expect(transition(active, { kind: 'cancel' }).status).toBe('cancelled');
    expect(transition(paused, { kind: 'cancel' })).toEqual({ ...paused, status: 'cancelled', pausedUntil: null });
  });
  it.each(['pause', 'resume', 'switch', 'cancel', 'edit'] as const)('refuses to %s a cancelled membership', (kind) => {
    const action =
      kind === 'pause' ? { kind, until: '2030-01-01' } : kind === 'switch' ? { kind, clubId: 'silver' } : { kind };
    expect(() => transition(cancelled, action)).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });
  it('is due to resume on its date, not a day early', () => {
    expect(isDueToResume(paused, '2029-12-31')).toBe(false);
    expect(isDueToResume(paused, '2030-01-01')).toBe(true);
    expect(isDueToResume(active, '2030-01-01')).toBe(false);
  });
});
