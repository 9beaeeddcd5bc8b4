import { describe, expect, it } from '@jest/globals';
import { dueSteps, nextDueOn, pauseDaysIn, transition, type MembershipState } from '../../shared/clubs/membership';

const base: MembershipState = { status: 'active', clubId: 'gold', pausedFrom: null, pausedUntil: null, scheduledPause: null, pauseLog: [], gift: null };
const active = base;
const paused: MembershipState = { ...base, status: 'paused', pausedFrom: '2029-12-01', pausedUntil: '2030-01-01' };
const cancelled: MembershipState = { ...base, status: 'cancelled' };
const today = '2029-12-15';

describe('Membership state machine', () => {
  it('pauses an active membership from today until a future date', () => {
    expect(transition(active, { kind: 'pause', from: null, until: '2030-07-01' }, today)).toEqual({
      ...active,
      status: 'paused',
      pausedFrom: today,
      pausedUntil: '2030-07-01',
    });
  });
  it('books a pause that starts later: the membership stays active with a scheduled pause', () => {
    expect(transition(active, { kind: 'pause', from: '2030-03-01', until: '2030-04-01' }, today)).toEqual({
      ...active,
      scheduledPause: { from: '2030-03-01', until: '2030-04-01' },
    });
  });
  it('moves the end of a paused membership, and refuses to book a later pause on top of it', () => {
    expect(transition(paused, { kind: 'pause', from: null, until: '2031-01-01' }, today).pausedUntil).toBe('2031-01-01');
    expect(() => transition(paused, { kind: 'pause', from: '2030-03-01', until: '2030-04-01' }, today)).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });
  it('resumes a paused membership (the pause goes to the log), or drops a booked one', () => {
    expect(transition(paused, { kind: 'resume' }, today)).toEqual({
      ...paused,
      status: 'active',
      pausedFrom: null,
      pausedUntil: null,
      pauseLog: [{ from: '2029-12-01', until: today }],
    });
    const booked = { ...active, scheduledPause: { from: '2030-03-01', until: '2030-04-01' } };
    expect(transition(booked, { kind: 'resume' }, today)).toEqual(active);
    expect(() => transition(active, { kind: 'resume' }, today)).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });
  it('switches an active or paused membership to another club, keeping its status', () => {
    expect(transition(active, { kind: 'switch', clubId: 'silver' }, today)).toEqual({ ...active, clubId: 'silver' });
    expect(transition(paused, { kind: 'switch', clubId: 'silver' }, today).status).toBe('paused');
    expect(() => transition(active, { kind: 'switch', clubId: 'gold' }, today)).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });
  it('cancels an active or paused membership, clearing the pause and any booked one', () => {
    expect(transition({ ...active, scheduledPause: { from: '2030-03-01', until: '2030-04-01' } }, { kind: 'cancel' }, today)).toEqual(cancelled);
    expect(transition(paused, { kind: 'cancel' }, today)).toMatchObject({ status: 'cancelled', pausedUntil: null, scheduledPause: null });
  });
  it.each(['pause', 'resume', 'switch', 'cancel', 'edit'] as const)('refuses to %s a cancelled membership', (kind) => {
    const action = kind === 'pause' ? { kind, from: null, until: '2030-01-01' } : kind === 'switch' ? { kind, clubId: 'silver' } : { kind };
    expect(() => transition(cancelled, action, today)).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });
});

describe('Function: dueSteps (what the scheduled job does on a day)', () => {
  const booked: MembershipState = { ...active, scheduledPause: { from: '2030-03-01', until: '2030-04-01' } };

  it('starts a booked pause on its first day, not a day early', () => {
    expect(dueSteps(booked, '2030-02-28').steps).toEqual([]);
    expect(dueSteps(booked, '2030-03-01')).toEqual({
      state: { ...active, status: 'paused', pausedFrom: '2030-03-01', pausedUntil: '2030-04-01' },
      steps: ['pause-started'],
    });
  });
  it('ends a pause on its until date, logging its days', () => {
    expect(dueSteps(paused, '2029-12-31').steps).toEqual([]);
    expect(dueSteps(paused, '2030-01-01')).toEqual({
      state: { ...active, pauseLog: [{ from: '2029-12-01', until: '2030-01-01' }] },
      steps: ['pause-ended'],
    });
  });
  it('does both when a run missed the whole booked pause', () => {
    expect(dueSteps(booked, '2030-04-02').steps).toEqual(['pause-started', 'pause-ended']);
  });
  it('reminds a gift 14 days before its end, once, and ends it on its day', () => {
    const gift: MembershipState = { ...active, gift: { endsOn: '2030-06-30', reminderSentOn: null } };
    expect(dueSteps(gift, '2030-06-15').steps).toEqual([]);
    const reminded = dueSteps(gift, '2030-06-16');
    expect(reminded.steps).toEqual(['gift-reminded']);
    expect(dueSteps(reminded.state, '2030-06-20').steps).toEqual([]);
    expect(dueSteps(reminded.state, '2030-06-30')).toEqual({ state: { ...reminded.state, status: 'cancelled' }, steps: ['gift-ended'] });
  });
  it('ends a paused gift on its day, keeping the days it was paused', () => {
    const gift: MembershipState = { ...paused, pausedUntil: '2030-09-01', gift: { endsOn: '2030-06-30', reminderSentOn: '2030-06-16' } };
    expect(dueSteps(gift, '2030-06-30').state).toMatchObject({ status: 'cancelled', pauseLog: [{ from: '2029-12-01', until: '2030-06-30' }] });
  });
});

describe('Function: nextDueOn (the due key\'s day)', () => {
  it('is the earliest of what is scheduled, and nothing for a cancelled or plain active membership', () => {
    expect(nextDueOn(active)).toBeNull();
    expect(nextDueOn(paused)).toBe('2030-01-01');
    expect(nextDueOn({ ...active, scheduledPause: { from: '2030-03-01', until: '2030-04-01' } })).toBe('2030-03-01');
    expect(nextDueOn({ ...active, gift: { endsOn: '2030-06-30', reminderSentOn: null } })).toBe('2030-06-16');
    expect(nextDueOn({ ...active, gift: { endsOn: '2030-06-30', reminderSentOn: '2030-06-16' } })).toBe('2030-06-30');
    expect(nextDueOn({ ...cancelled, gift: { endsOn: '2030-06-30', reminderSentOn: null } })).toBeNull();
  });
});

describe('Function: pauseDaysIn', () => {
  it('counts ended, current and booked pauses by calendar year, split at the new year', () => {
    const state: MembershipState = {
      ...paused,
      pausedFrom: '2029-12-20',
      pausedUntil: '2030-01-10',
      pauseLog: [{ from: '2029-03-01', until: '2029-03-11' }],
      scheduledPause: null,
    };
    expect(pauseDaysIn(state, 2029)).toBe(10 + 12);
    expect(pauseDaysIn(state, 2030)).toBe(9);
    expect(pauseDaysIn({ ...active, scheduledPause: { from: '2030-03-01', until: '2030-03-31' } }, 2030)).toBe(30);
  });
});
