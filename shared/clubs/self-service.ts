import { NotAllowedError } from '../errors';
import type { ClubSelfService } from '../settings/settings-schemas';
import { addDays } from '../clock';
import { pauseDaysIn, type MembershipState } from './membership';

/**
 * What a member may do with their own membership in the portal: only what the winery allows
 * (`settings.clubSelfService`, all off by default). Pure: the repository reads the membership
 * and hands the change it would write; a change beyond the limits is a 403 `not-allowed` whose
 * detail says why in the member's words. Resuming (or dropping a scheduled pause) is always
 * allowed: it only brings the member back.
 */
export type SelfServiceChange =
  | { kind: 'pause'; before: MembershipState; after: MembershipState }
  | { kind: 'resume' }
  | { kind: 'edit'; variant: boolean; shipping: boolean }
  | { kind: 'cancel' };

export function assertSelfServiceAllows(policy: ClubSelfService, change: SelfServiceChange): void {
  switch (change.kind) {
    case 'resume':
      return;
    case 'cancel':
      if (!policy.cancel) throw new NotAllowedError('The winery does not let members cancel their membership online. Please contact the winery.');
      return;
    case 'edit':
      if (change.variant && !policy.changeVariant) throw new NotAllowedError('The winery does not let members change their club option online. Please contact the winery.');
      if (change.shipping && !policy.changeShipping) throw new NotAllowedError('The winery does not let members change shipping or pickup online. Please contact the winery.');
      return;
    case 'pause':
      assertPauseWithinLimit(policy.pause, change.before, change.after);
  }
}

function assertPauseWithinLimit(policy: ClubSelfService['pause'], before: MembershipState, after: MembershipState): void {
  if (!policy.allowed) throw new NotAllowedError('The winery does not let members pause their membership online. Please contact the winery.');
  for (const year of yearsOf(after)) {
    const days = pauseDaysIn(after, year);
    // Only a pause that adds days is refused: a member may always shorten one.
    if (days > policy.maxDaysPerYear && days > pauseDaysIn(before, year)) {
      const latest = latestUntil(policy.maxDaysPerYear, after);
      throw new NotAllowedError(
        `A membership can be paused at most ${policy.maxDaysPerYear} days a year; this pause would make ${days} days in ${year}.` +
          (latest ? ` Choose an end date on or before ${latest}.` : ` There are no days of pause left in ${year}.`),
      );
    }
  }
}

/** The years a membership's current and scheduled pauses touch. */
function yearsOf(state: MembershipState): number[] {
  const periods = [
    ...(state.status === 'paused' && state.pausedFrom && state.pausedUntil ? [{ from: state.pausedFrom, until: state.pausedUntil }] : []),
    ...(state.scheduledPause ? [state.scheduledPause] : []),
  ];
  const years = new Set<number>();
  for (const { from, until } of periods) {
    for (let year = Number(from.slice(0, 4)); year <= Number(addDays(until, -1).slice(0, 4)); year += 1) years.add(year);
  }
  return [...years];
}

/** The latest end of the booked (or current) pause that stays within the limit, or null when none does. */
function latestUntil(maxDaysPerYear: number, state: MembershipState): string | null {
  const scheduled = state.scheduledPause;
  const from = scheduled?.from ?? state.pausedFrom;
  const until = scheduled?.until ?? state.pausedUntil;
  if (!from || !until) return null;
  const withEnd = (end: string): MembershipState => (scheduled ? { ...state, scheduledPause: { from, until: end } } : { ...state, pausedUntil: end });
  for (let end = addDays(until, -1); end > from; end = addDays(end, -1)) {
    const candidate = withEnd(end);
    if (yearsOf(candidate).every((year) => pauseDaysIn(candidate, year) <= maxDaysPerYear)) return end;
  }
  return null;
}
