import { ConflictError } from '../errors';

/**
 * The membership life cycle. Every change goes through `transition`, which answers the new
 * state or throws a 409 naming the illegal move; nothing else decides what may happen. The
 * values carried by a move (dates, variants) are checked by `membership-rules.ts`.
 *
 *   join ─▶ active ◀──resume── paused
 *             │  └──pause(until)──▶ │ (pause again moves the date)
 *             └──────cancel─────────┴──▶ cancelled (final)
 *   switch: active or paused, to another club; the status stays.
 */
export type MembershipStatus = 'active' | 'paused' | 'cancelled';

export interface MembershipState {
  status: MembershipStatus;
  clubId: string;
  pausedUntil: string | null;
}

export type MembershipAction =
  | { kind: 'pause'; until: string }
  | { kind: 'resume' }
  | { kind: 'switch'; clubId: string }
  | { kind: 'cancel' }
  | { kind: 'edit' };

function illegal(action: MembershipAction['kind'], status: MembershipStatus, why?: string): never {
  throw new ConflictError(
    'illegal-membership-transition',
    why ?? `A ${status} membership cannot be ${{ pause: 'paused', resume: 'resumed', switch: 'switched', cancel: 'cancelled', edit: 'edited' }[action]}.`,
  );
}

export function transition(state: MembershipState, action: MembershipAction): MembershipState {
  if (state.status === 'cancelled') illegal(action.kind, state.status);
  switch (action.kind) {
    case 'pause':
      // Whether `until` is in the future is a value out of range (a 400, see
      // `checkPauseDate`), checked before the membership is read: not a state question.
      return { ...state, status: 'paused', pausedUntil: action.until };
    case 'resume':
      if (state.status !== 'paused') illegal('resume', state.status);
      return { ...state, status: 'active', pausedUntil: null };
    case 'switch':
      if (action.clubId === state.clubId) illegal('switch', state.status, 'The membership is already in that club.');
      return { ...state, clubId: action.clubId };
    case 'cancel':
      return { ...state, status: 'cancelled', pausedUntil: null };
    case 'edit':
      return state;
  }
}

/** A membership that counts: it gives its club's class and blocks a second one in the club. */
export function isLive(status: MembershipStatus): boolean {
  return status === 'active' || status === 'paused';
}

/** Whether a paused membership is due to resume on `today` (both `YYYY-MM-DD`). */
export function isDueToResume(state: MembershipState, today: string): boolean {
  return state.status === 'paused' && state.pausedUntil !== null && state.pausedUntil <= today;
}
