import { addDays } from '../clock';
import { ConflictError } from '../errors';

/**
 * The membership life cycle. Every change goes through `transition` (a person's request) or
 * `dueSteps` (the scheduled job), which answer the new state or throw a 409 naming the illegal
 * move; nothing else decides what may happen. The values carried by a move (dates, variants,
 * reasons) are checked by `membership-rules.ts`. Dates are `YYYY-MM-DD` (UTC days: the day the
 * scheduled job uses); a pause runs from `pausedFrom` (inclusive) to `pausedUntil` (the day it
 * resumes).
 *
 *   join ─▶ active ◀──resume / its until── paused
 *             │  │──pause(until)─────────────▶ │ (pause again moves the date)
 *             │  └─pause(from, until)─▶ active with scheduledPause ──its from──▶ paused
 *             │                          (resume drops the scheduled pause)
 *             └──────cancel (or a gift's end)──┴──▶ cancelled (final)
 *   switch: active or paused, to another club; the status and any scheduled pause stay.
 */
export type MembershipStatus = 'active' | 'paused' | 'cancelled';

/** A pause that has ended (or was cut short): what counts against the days a year a member may pause. */
export interface PausePeriod {
  from: string;
  until: string;
}

export interface MembershipState {
  status: MembershipStatus;
  clubId: string;
  /** The day the current pause began (while paused). */
  pausedFrom: string | null;
  pausedUntil: string | null;
  /** A pause booked to start later: the membership stays active until `from`. */
  scheduledPause: PausePeriod | null;
  /** Pauses that have ended, this year's and last year's (older ones are dropped). */
  pauseLog: PausePeriod[];
  /** A gift membership ends by itself on `endsOn`; both people hear of it 14 days before. */
  gift: { endsOn: string; reminderSentOn: string | null } | null;
}

export type MembershipAction =
  | { kind: 'pause'; from: string | null; until: string }
  | { kind: 'resume' }
  | { kind: 'switch'; clubId: string }
  | { kind: 'cancel' }
  | { kind: 'edit' };

/** Days before a gift's end that both people are reminded. */
export const GIFT_REMINDER_DAYS = 14;

function illegal(action: MembershipAction['kind'], status: MembershipStatus, why?: string): never {
  throw new ConflictError(
    'illegal-membership-transition',
    why ?? `A ${status} membership cannot be ${{ pause: 'paused', resume: 'resumed', switch: 'switched', cancel: 'cancelled', edit: 'edited' }[action]}.`,
  );
}

/** The state after `action`, on `today`; a 409 when the membership's state does not allow it. */
export function transition<S extends MembershipState>(state: S, action: MembershipAction, today: string): S {
  if (state.status === 'cancelled') illegal(action.kind, state.status);
  switch (action.kind) {
    case 'pause':
      // Whether the dates are in the future is a value out of range (a 400, see
      // `checkPauseDates`), checked before the membership is read: not a state question.
      if (action.from !== null && action.from > today) {
        if (state.status === 'paused') {
          illegal('pause', state.status, 'A paused membership cannot book another pause to start later: move the end of this one, or resume it first.');
        }
        return { ...state, scheduledPause: { from: action.from, until: action.until } };
      }
      if (state.status === 'paused') return { ...state, pausedUntil: action.until };
      return { ...state, status: 'paused', pausedFrom: today, pausedUntil: action.until, scheduledPause: null };
    case 'resume':
      if (state.status === 'paused') return endPause(state, today);
      // An active membership with a pause booked for later: resuming drops the booking.
      if (state.scheduledPause) return { ...state, scheduledPause: null };
      return illegal('resume', state.status);
    case 'switch':
      if (action.clubId === state.clubId) illegal('switch', state.status, 'The membership is already in that club.');
      return { ...state, clubId: action.clubId };
    case 'cancel':
      return { ...endPause(state, today), status: 'cancelled', scheduledPause: null };
    case 'edit':
      return state;
  }
}

/** An ended pause goes to the log (for the days-a-year count); the membership is active again. */
function endPause<S extends MembershipState>(state: S, day: string): S {
  if (state.status !== 'paused') return state;
  const until = state.pausedUntil && state.pausedUntil < day ? state.pausedUntil : day;
  const from = state.pausedFrom ?? until;
  const log = from < until ? [...state.pauseLog, { from, until }] : state.pauseLog;
  return { ...state, status: 'active', pausedFrom: null, pausedUntil: null, pauseLog: keepRecent(log, day) };
}

/** The log keeps this year's and last year's pauses: all a days-a-year count needs. */
function keepRecent(log: PausePeriod[], today: string): PausePeriod[] {
  const lastYear = `${Number(today.slice(0, 4)) - 1}-01-01`;
  return log.filter((period) => period.until > lastYear);
}

/** A membership that counts: it gives its club's class and blocks a second one in the club. */
export function isLive(status: MembershipStatus): boolean {
  return status === 'active' || status === 'paused';
}

/** What the scheduled job did to a membership on a day. */
export type DueStep = 'pause-started' | 'pause-ended' | 'gift-reminded' | 'gift-ended';

/** The day a gift's reminder is due. */
export const giftReminderDay = (endsOn: string) => addDays(endsOn, -GIFT_REMINDER_DAYS);

/**
 * The steps whose day has come by `today`, in the order they happen, and the state after them:
 * a scheduled pause starts on its `from`, a pause ends on its `until`, a gift's reminder goes
 * 14 days before its end, and a gift ends (cancelled) on `endsOn`. A job that was down for days
 * applies what it missed at once; an ended gift skips what would have come after.
 */
export function dueSteps<S extends MembershipState>(state: S, today: string): { state: S; steps: DueStep[] } {
  let next = state;
  const steps: DueStep[] = [];
  if (!isLive(next.status)) return { state: next, steps };
  if (next.gift && next.gift.endsOn <= today) {
    next = { ...endPause(next, next.gift.endsOn), status: 'cancelled', scheduledPause: null };
    return { state: next, steps: ['gift-ended'] };
  }
  if (next.status === 'active' && next.scheduledPause && next.scheduledPause.from <= today) {
    const { from, until } = next.scheduledPause;
    next = { ...next, status: 'paused', pausedFrom: from, pausedUntil: until, scheduledPause: null };
    steps.push('pause-started');
  }
  if (next.status === 'paused' && next.pausedUntil !== null && next.pausedUntil <= today) {
    next = endPause(next, next.pausedUntil);
    steps.push('pause-ended');
  }
  if (next.gift && next.gift.reminderSentOn === null && giftReminderDay(next.gift.endsOn) <= today) {
    next = { ...next, gift: { ...next.gift, reminderSentOn: today } };
    steps.push('gift-reminded');
  }
  return { state: next, steps };
}

/** The next day something is due for this membership (its due key's day), or null when nothing is. */
export function nextDueOn(state: MembershipState): string | null {
  if (!isLive(state.status)) return null;
  const days = [
    state.status === 'active' ? state.scheduledPause?.from : undefined,
    state.status === 'paused' ? (state.pausedUntil ?? undefined) : undefined,
    state.gift && state.gift.reminderSentOn === null ? giftReminderDay(state.gift.endsOn) : undefined,
    state.gift?.endsOn,
  ].filter((day): day is string => day !== undefined);
  return days.length > 0 ? days.sort()[0]! : null;
}

/**
 * Days of pause in calendar year `year` (UTC): the ended pauses, the current one to its end and
 * a scheduled one. What a member's `settings.clubSelfService.pause.maxDaysPerYear` limits.
 */
export function pauseDaysIn(state: MembershipState, year: number): number {
  const periods = [
    ...state.pauseLog,
    ...(state.status === 'paused' && state.pausedFrom && state.pausedUntil ? [{ from: state.pausedFrom, until: state.pausedUntil }] : []),
    ...(state.scheduledPause ? [state.scheduledPause] : []),
  ];
  const start = `${year}-01-01`;
  const end = `${year + 1}-01-01`;
  return periods.reduce((days, period) => {
    const from = period.from > start ? period.from : start;
    const until = period.until < end ? period.until : end;
    return days + Math.max(0, daysBetween(from, until));
  }, 0);
}

/** Whole days from `from` to `until` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, until: string): number {
  return Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
