import type { CustomerItem } from '../people/customer-items';
import type { ProfilePage } from '../people/profile-page';
import { isLive } from '../clubs/membership';
import { clubItemsOf, type MembershipItem } from '../clubs/club-items';

/**
 * What a merge does to the two people's own records, decided from their profile pages (pure):
 * which of the survivor's empty fields take the absorbed person's values, the flags they gain,
 * the credit that moves, and which membership stays where both have one in a club. Kept in the
 * merge record, so its undo takes back exactly this and nothing added since.
 */

/** Survivor fields that take the absorbed person's value when the survivor has none. */
export const FILLABLE_FIELDS = [
  'phone',
  'birthDate',
  'partner',
  'specialInstructions',
  'externalId',
  'customerClassId',
  'defaultBillingAddressId',
  'defaultShippingAddressId',
] as const;
export type FillableField = (typeof FILLABLE_FIELDS)[number];

export interface MembershipCancellation {
  membershipId: string;
  clubId: string;
  /** The membership as it was before the merge cancelled it. */
  was: Pick<MembershipItem, 'status' | 'pausedUntil' | 'cancelledAt' | 'cancelReason'>;
}

export interface MergePlan {
  /** Survivor fields the merge filled, with the value each took. */
  filled: Partial<Record<FillableField, unknown>>;
  /** Flags only the absorbed person had. */
  addedFlags: string[];
  /** The absorbed person's credit balance, added to the survivor's. */
  creditCents: number;
  /** The customer numbers the survivor now also answers to (the absorbed one's own and theirs). */
  numbers: number[];
  /** The absorbed person's own email, added to the survivor's additional emails (null when the survivor already has it). */
  email: { id: string; address: string } | null;
  /** The survivor's memberships cancelled because the absorbed person's in the same club is older. */
  survivorCancelled: MembershipCancellation[];
  /** Clubs in which the absorbed person's membership is cancelled as it moves (the survivor's is older). */
  absorbedCancelledClubs: string[];
  /** The absorbed person's class stops being counted (the survivor keeps a class of their own). */
  releasedClassId: string | null;
  /** The survivor has a default card, so the absorbed person's default card stops being one. */
  survivorHasDefaultCard: boolean;
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

const liveByClub = (page: Pick<ProfilePage, 'attached'>) =>
  new Map(clubItemsOf(page).memberships.filter((m) => isLive(m.status)).map((m) => [m.clubId, m]));

/** Two live memberships in one club: the one that has stood longer stays. */
export function olderMembership(a: MembershipItem, b: MembershipItem): 'survivor' | 'absorbed' {
  return b.joinedAt < a.joinedAt ? 'absorbed' : 'survivor';
}

export function planMerge(survivor: ProfilePage, absorbed: ProfilePage, emailId: string): MergePlan {
  const a = survivor.profile;
  const b = absorbed.profile;
  const filled: MergePlan['filled'] = {};
  for (const field of FILLABLE_FIELDS) {
    if (isEmpty(a[field]) && !isEmpty(b[field])) filled[field] = b[field];
  }
  const known = new Set([a.email, ...survivor.emails.map((e) => e.email)].map((e) => e.toLowerCase()));
  const survivorLive = liveByClub(survivor);
  const survivorCancelled: MembershipCancellation[] = [];
  const absorbedCancelledClubs: string[] = [];
  for (const [clubId, theirs] of liveByClub(absorbed)) {
    const ours = survivorLive.get(clubId);
    if (!ours) continue;
    if (olderMembership(ours, theirs) === 'absorbed') {
      const { status, pausedUntil, cancelledAt, cancelReason } = ours;
      survivorCancelled.push({ membershipId: ours.id, clubId, was: { status, pausedUntil, cancelledAt, cancelReason } });
    } else {
      absorbedCancelledClubs.push(clubId);
    }
  }
  return {
    filled,
    addedFlags: (b.flags ?? []).filter((flag) => !(a.flags ?? []).includes(flag)),
    creditCents: b.creditBalanceCents ?? 0,
    numbers: [b.customerNumber, ...(b.mergedNumbers ?? [])],
    email: known.has(b.email.toLowerCase()) || b.email === '' ? null : { id: emailId, address: b.email },
    survivorCancelled,
    absorbedCancelledClubs,
    releasedClassId: b.customerClassId && filled.customerClassId === undefined ? b.customerClassId : null,
    survivorHasDefaultCard: survivor.cards.some((card) => card.isDefault),
  };
}

/** The survivor's fields after the merge (SET), beside the credit that is added (ADD). */
export function survivorFields(a: CustomerItem, plan: MergePlan): Record<string, unknown> {
  return {
    ...plan.filled,
    flags: [...(a.flags ?? []), ...plan.addedFlags],
    mergedNumbers: [...(a.mergedNumbers ?? []), ...plan.numbers],
  };
}

/**
 * The survivor's fields when the merge is undone: what the merge filled goes back to empty only
 * where it still holds what the merge put there (a value staff set since stays), the flags it
 * added go unless staff removed them already, and the absorbed person's numbers leave.
 */
export function survivorFieldsAfterUndo(a: CustomerItem, plan: MergePlan): { fields: Record<string, unknown>; cleared: FillableField[] } {
  const cleared = (Object.keys(plan.filled) as FillableField[]).filter((field) => a[field] === plan.filled[field]);
  const numbers = new Set(plan.numbers);
  return {
    fields: {
      ...Object.fromEntries(cleared.map((field) => [field, null])),
      flags: (a.flags ?? []).filter((flag) => !plan.addedFlags.includes(flag)),
      mergedNumbers: (a.mergedNumbers ?? []).filter((n) => !numbers.has(n)),
    },
    cleared,
  };
}

/** One step back in an item's history of moves (pushed by a merge, popped by its undo). */
export interface MoveOrigin {
  mergeId: string;
  from: string;
  /** The item's own fields as they were before the move changed them (`isDefault`, a membership's status…). */
  was: Record<string, unknown>;
  /** Made by the merge for the survivor (the absorbed person's email as an additional one): the undo deletes it. */
  dropOnUndo?: boolean;
}

/** The attributes a move writes on an item; never part of what the change history shows. */
export const MOVE_ATTRIBUTES = ['movedBy', 'mergeOrigin', 'originMergeId'] as const;

type Item = Record<string, unknown>;

/**
 * An item of `from` as it is written under `to`: its person, its timeline partition, the change
 * `changes` makes (its old values kept in the origin pushed on the item), and who moved it.
 */
export function movedForward(item: Item, move: { mergeId: string; from: string; to: string; pk: string; timeline: string }, changes: Item): Item {
  const was = Object.fromEntries(Object.keys(changes).map((field) => [field, item[field] ?? null]));
  const origin: MoveOrigin = { mergeId: move.mergeId, from: move.from, was };
  return {
    ...item,
    ...changes,
    pk: move.pk,
    ...('customerId' in item ? { customerId: move.to } : {}),
    ...(typeof item.gsi3pk === 'string' ? { gsi3pk: move.timeline } : {}),
    movedBy: move.mergeId,
    mergeOrigin: [...((item.mergeOrigin as MoveOrigin[] | undefined) ?? []), origin],
    originMergeId: move.mergeId,
  };
}

/** An item the merge moved, as it goes back to the person it came from: the origin popped, its old values restored. */
export function movedBack(item: Item, move: { mergeId: string; pk: string; timeline: string }): Item {
  const origins = [...((item.mergeOrigin as MoveOrigin[] | undefined) ?? [])];
  const origin = origins.pop();
  if (!origin || origin.mergeId !== move.mergeId) throw new Error('The item was not moved by this merge');
  const { originMergeId: _top, mergeOrigin: _stack, ...rest } = item;
  const previous = origins.at(-1);
  return {
    ...rest,
    ...origin.was,
    pk: move.pk,
    ...('customerId' in item ? { customerId: origin.from } : {}),
    ...(typeof item.gsi3pk === 'string' ? { gsi3pk: move.timeline } : {}),
    movedBy: move.mergeId,
    ...(origins.length > 0 ? { mergeOrigin: origins, originMergeId: previous!.mergeId } : {}),
  };
}
