import { ConflictError, ValidationError, type FieldError } from '../errors';
import type { ClubReason } from '../settings/settings-schemas';

/**
 * The rules of a membership's fields, apart from its life cycle (`membership.ts`): which
 * variant, which names, where it ships, until when it pauses. Pure: the repository reads the
 * club and the clock, these decide.
 */

/** What these rules need of a club. */
export interface ClubFacts {
  name: string;
  status: 'active' | 'retired';
  variants: readonly { id: string; name: string }[];
}

/** The names a membership carries, so the profile and the portal read them with the membership. */
export interface MembershipNames {
  clubName: string;
  variantName: string | null;
}

/** A retired club takes no new members (a join or a switch into it is a 409). */
export function assertTakesMembers(club: ClubFacts): void {
  if (club.status !== 'active') throw new ConflictError('club-retired', 'This club is retired and takes no new members.');
}

/**
 * The variant a membership of `club` holds: required when the club has variants and one of
 * them, absent when it has none. Answers the variant with the names to store beside it.
 */
export function chooseVariant(club: ClubFacts, variantId: string | null | undefined): { variantId: string | null } & MembershipNames {
  if (club.variants.length === 0) {
    if (variantId) throw new ValidationError([{ path: 'variantId', message: 'this club has no variants' }]);
    return { variantId: null, clubName: club.name, variantName: null };
  }
  if (!variantId) throw new ValidationError([{ path: 'variantId', message: 'is required: the club has variants' }]);
  const variant = club.variants.find((v) => v.id === variantId);
  if (!variant) throw new ValidationError([{ path: 'variantId', message: 'is not a variant of this club' }]);
  return { variantId, clubName: club.name, variantName: variant.name };
}

/**
 * The names a membership of `club` with `variantId` should carry now (after a rename). A
 * variant the club no longer lists keeps no name rather than a stale one.
 */
export function currentNames(club: ClubFacts, variantId: string | null): MembershipNames {
  return { clubName: club.name, variantName: club.variants.find((v) => v.id === variantId)?.name ?? null };
}

/** Whether the stored names differ from what the club says now. */
export function namesDiffer(stored: Partial<MembershipNames>, current: MembershipNames): boolean {
  return stored.clubName !== current.clubName || (stored.variantName ?? null) !== current.variantName;
}

/** Shipping: a pickup needs a location; shipping keeps none. */
export function shippingFields(
  shippingPreference: 'ship' | 'pickup',
  pickupLocation: string | null | undefined,
): { shippingPreference: 'ship' | 'pickup'; pickupLocation: string | null } {
  if (shippingPreference === 'ship') return { shippingPreference, pickupLocation: null };
  if (!pickupLocation) throw new ValidationError([{ path: 'pickupLocation', message: 'is required when shippingPreference is pickup' }]);
  return { shippingPreference, pickupLocation };
}

/**
 * A pause lasts until a future date and starts today or later (`YYYY-MM-DD`, compared with
 * today's UTC date, the day the scheduled job uses). Anything else is a value out of range: a
 * 400 naming `until` or `from`, whatever the membership's state.
 */
export function checkPauseDates(pause: { from?: string | null; until: string }, today: string): void {
  const errors: FieldError[] = [];
  if (pause.until <= today) errors.push({ path: 'until', message: `must be a date after today (${today}, UTC)` });
  if (pause.from && pause.from < today) errors.push({ path: 'from', message: `must be today (${today}, UTC) or later` });
  if (errors.length > 0) throw new ValidationError(errors);
}

/** A gift ends after today, and is given by someone else. */
export function checkGift(gift: { giverId: string; endsOn: string }, recipientId: string, today: string): void {
  const errors: FieldError[] = [];
  if (gift.endsOn <= today) errors.push({ path: 'gift.endsOn', message: `must be a date after today (${today}, UTC)` });
  if (gift.giverId === recipientId) errors.push({ path: 'gift.giverId', message: 'must be another person than the member' });
  if (errors.length > 0) throw new ValidationError(errors);
}

/** A reason for a membership's end that no winery defines: the job's end of a gift. */
export const GIFT_ENDED_REASON = { key: 'gift-ended', title: 'Gift ended' } as const;
/** The key a free-text cancel reason (`{ reason }`) is counted under. */
export const FREE_TEXT_REASON_KEY = 'other';
/**
 * Ends of a membership the service itself writes, by key (`cancelReason` holds the key for the
 * merge's and the erase's): a gift's end, a merge (the person keeps their other membership in
 * that club: not a member lost), a person erased.
 */
const SYSTEM_REASONS: Readonly<Record<string, string>> = { [GIFT_ENDED_REASON.key]: GIFT_ENDED_REASON.title, merged: 'Merged into another person', erased: 'Erased on request' };
export const MERGED_REASON_KEY = 'merged';

/** The reason key of a membership stored before reasons had keys: a system end by its key, free text as `other`. */
export function storedReasonKey(cancelReason: string | null | undefined): string | null {
  if (!cancelReason) return null;
  return cancelReason in SYSTEM_REASONS ? cancelReason : FREE_TEXT_REASON_KEY;
}

/** One of the winery's reasons by its key, or a 400 naming `path`. */
export function chooseReason(reasons: readonly ClubReason[], key: string, path: string): ClubReason {
  const reason = reasons.find((r) => r.key === key);
  if (!reason) throw new ValidationError([{ path, message: `is not one of the winery's reasons (${reasons.map((r) => r.key).join(', ') || 'none defined'})` }]);
  return reason;
}

/** A reason's title for stats: the winery's current title, else the system's, else the key itself. */
export function reasonTitle(reasons: readonly ClubReason[], key: string): string {
  return reasons.find((r) => r.key === key)?.title ?? SYSTEM_REASONS[key] ?? (key === FREE_TEXT_REASON_KEY ? 'Other' : key);
}

/** Whether a club change renamed the club or one of its variants (what its memberships carry). */
export function clubNamesChanged(before: ClubFacts | undefined, after: ClubFacts | undefined): boolean {
  if (!before || !after) return false;
  const variantNames = (club: ClubFacts) => JSON.stringify(club.variants.map((v) => [v.id, v.name]).sort());
  return before.name !== after.name || variantNames(before) !== variantNames(after);
}

/** Whether a membership change may have given it names from a club read before a rename: a join, a switch or a new variant. */
export function namesMayBeStale(
  before: { clubId: string; variantId: string | null } | undefined,
  after: { clubId: string; variantId: string | null },
): boolean {
  return !before || before.clubId !== after.clubId || (before.variantId ?? null) !== (after.variantId ?? null);
}

/** What of a membership the effective class depends on. */
export interface MembershipClassFacts {
  status: 'active' | 'paused' | 'cancelled';
  clubId: string;
  classId: string;
}

/**
 * Whether a membership change could move its person's effective class or clubs: it appeared or
 * went, or its status, club or class changed. A rename (names only) or an edit of shipping or
 * owner cannot, so it costs no recomputation.
 */
export function membershipChangeMatters(before: MembershipClassFacts | undefined, after: MembershipClassFacts | undefined): boolean {
  if (!before || !after) return true;
  return before.status !== after.status || before.clubId !== after.clubId || before.classId !== after.classId;
}
