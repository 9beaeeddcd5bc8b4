import { describe, expect, it } from '@jest/globals';
import { assertSelfServiceAllows } from '../../shared/clubs/self-service';
import { transition, type MembershipState } from '../../shared/clubs/membership';
import { DEFAULT_CLUB_SELF_SERVICE, type ClubSelfService } from '../../shared/settings/settings-schemas';

const active: MembershipState = { status: 'active', clubId: 'gold', pausedFrom: null, pausedUntil: null, scheduledPause: null, pauseLog: [], gift: null };
const open: ClubSelfService = { pause: { allowed: true, maxDaysPerYear: 60 }, changeVariant: true, changeShipping: true, cancel: true };
const notAllowed = (detail: RegExp) => expect.objectContaining({ kind: 'forbidden', slug: 'not-allowed', detail: expect.stringMatching(detail) });
const today = '2030-03-01';
const pause = (state: MembershipState, from: string | null, until: string) => ({ kind: 'pause' as const, before: state, after: transition(state, { kind: 'pause', from, until }, today) });

describe('Function: assertSelfServiceAllows', () => {
  it('allows nothing but resuming by default', () => {
    const closed = DEFAULT_CLUB_SELF_SERVICE;
    expect(() => assertSelfServiceAllows(closed, pause(active, null, '2030-03-10'))).toThrow(notAllowed(/pause/));
    expect(() => assertSelfServiceAllows(closed, { kind: 'cancel' })).toThrow(notAllowed(/cancel/));
    expect(() => assertSelfServiceAllows(closed, { kind: 'edit', variant: true, shipping: false })).toThrow(notAllowed(/option/));
    expect(() => assertSelfServiceAllows(closed, { kind: 'edit', variant: false, shipping: true })).toThrow(notAllowed(/shipping/));
    expect(() => assertSelfServiceAllows(closed, { kind: 'resume' })).not.toThrow();
  });

  it('allows a pause within the days a year, and refuses one beyond with the latest end that fits', () => {
    expect(() => assertSelfServiceAllows(open, pause(active, null, '2030-04-30'))).not.toThrow(); // 60 days
    expect(() => assertSelfServiceAllows(open, pause(active, null, '2030-05-01'))).toThrow(
      notAllowed(/at most 60 days a year; this pause would make 61 days in 2030\. Choose an end date on or before 2030-04-30/),
    );
  });

  it('counts the pauses already taken that year, and a booked one', () => {
    const used: MembershipState = { ...active, pauseLog: [{ from: '2030-01-10', until: '2030-02-19' }] }; // 40 days
    expect(() => assertSelfServiceAllows(open, pause(used, '2030-06-01', '2030-06-21'))).not.toThrow(); // 20 more
    expect(() => assertSelfServiceAllows(open, pause(used, '2030-06-01', '2030-06-22'))).toThrow(notAllowed(/61 days in 2030.*2030-06-21/));
  });

  it('counts a pause across the new year in each of its years', () => {
    const december: MembershipState = { ...active, pauseLog: [{ from: '2030-01-01', until: '2030-02-25' }] }; // 55 days of 2030
    expect(() => assertSelfServiceAllows(open, pause(december, '2030-12-25', '2031-02-01'))).toThrow(notAllowed(/62 days in 2030/));
    expect(() => assertSelfServiceAllows(open, pause(active, '2030-12-25', '2031-02-01'))).not.toThrow();
  });

  it('lets a member shorten a pause that staff made longer than the limit', () => {
    const long = transition(active, { kind: 'pause', from: null, until: '2030-08-01' }, today); // 153 days, by staff
    expect(() => assertSelfServiceAllows(open, pause(long, null, '2030-07-01'))).not.toThrow();
  });
});
