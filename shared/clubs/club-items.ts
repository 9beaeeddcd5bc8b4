import { isoDate, now } from '../clock';
import { pauseDaysIn, type MembershipState, type MembershipStatus, type PausePeriod } from './membership';
import type { Certificate } from './certificate-schemas';
import type { Membership } from './club-schemas';
import type { Stamped } from '../db/item-stamp';
import { isExpired } from './certificate-rules';
import { storedReasonKey } from './membership-rules';

/** A gift, as stored on its membership. */
export interface GiftItem {
  giverId: string;
  giverName: string;
  /** The recipient's name when it was given (for the giver's emails). */
  recipientName: string;
  message: string | null;
  endsOn: string;
  reminderSentOn: string | null;
}

/** What is stored for memberships and certificates (part of the profile page), and what the API shows of them. */
export interface MembershipItem extends Stamped, MembershipState {
  pk: string;
  sk: string;
  type: 'membership';
  tenantId: string;
  customerId: string;
  id: string;
  clubId: string;
  /** The club's class, kept here so choosing a person's class needs no club reads. */
  classId: string;
  /**
   * The club's and the variant's names, kept here so the profile and the portal read them in
   * the same request as the membership; a rename reaches them through `class-assignment`.
   */
  clubName: string;
  variantId: string | null;
  variantName: string | null;
  ownerId: string | null;
  status: MembershipStatus;
  shippingPreference: 'ship' | 'pickup';
  pickupLocation: string | null;
  /** The current or scheduled pause's reason (key and title when given), note, when it was booked, and whether it was the save offer taken. */
  pauseReasonKey: string | null;
  pauseReason: string | null;
  pauseNote: string | null;
  pauseBookedAt: string | null;
  pauseSaved: boolean;
  joinedAt: string;
  cancelledAt: string | null;
  cancelReasonKey: string | null;
  cancelReason: string | null;
  cancelNote: string | null;
  gift: GiftItem | null;
  /** The next day the scheduled job has something to do for it (its due key's day). */
  nextDueOn: string | null;
  /**
   * When this write's own transaction also wrote the person's clubs and effective class (a join,
   * a switch, a cancel): equal to `updatedAt` means the `class-assignment` consumer has nothing
   * to recompute for it. Any later write leaves it behind its `updatedAt`.
   */
  clubsWrittenAt?: string;
  /** Set while something is due: the due index (see `keys.ts`). */
  gsi2pk?: string;
  gsi2sk?: string;
  /** Set while live: the club's live memberships (see `keys.ts`). */
  gsi4pk?: string;
  gsi4sk?: string;
}

/**
 * A membership item as read, with the fields added after it was written at their defaults
 * (memberships stored before scheduled pauses, reasons and gifts existed).
 */
export function membershipItem(stored: Record<string, unknown>): MembershipItem {
  const item = stored as unknown as Partial<MembershipItem> & MembershipItem;
  return {
    ...item,
    pausedFrom: item.pausedFrom ?? null,
    pausedUntil: item.pausedUntil ?? null,
    scheduledPause: item.scheduledPause ?? null,
    pauseLog: (item.pauseLog ?? []) as PausePeriod[],
    pauseReasonKey: item.pauseReasonKey ?? null,
    pauseReason: item.pauseReason ?? null,
    pauseNote: item.pauseNote ?? null,
    pauseBookedAt: item.pauseBookedAt ?? null,
    pauseSaved: item.pauseSaved ?? false,
    cancelReasonKey: item.cancelReasonKey ?? storedReasonKey(item.cancelReason),
    cancelReason: item.cancelReason ?? null,
    cancelNote: item.cancelNote ?? null,
    gift: item.gift ?? null,
    nextDueOn: item.nextDueOn ?? (item.status === 'paused' ? (item.pausedUntil ?? null) : null),
  };
}

/** The clubs' items on a person's profile page (`readProfilePage`'s `attached`). */
export function clubItemsOf(page: { attached: readonly { type: string }[] }) {
  return {
    memberships: page.attached.filter((item) => item.type === 'membership').map((item) => membershipItem(item as Record<string, unknown>)),
    certificates: page.attached.filter((item): item is CertificateItem => item.type === 'certificate'),
  };
}

export function toMembership(stored: MembershipItem): Membership {
  const item = membershipItem(stored as unknown as Record<string, unknown>);
  const today = isoDate();
  // A pause's reason is shown while that pause is current or booked.
  const onHold = item.status === 'paused' || (item.status === 'active' && item.scheduledPause !== null);
  return {
    id: item.id,
    clubId: item.clubId,
    clubName: item.clubName,
    variantId: item.variantId ?? null,
    variantName: item.variantName ?? null,
    ownerId: item.ownerId ?? null,
    status: item.status,
    shippingPreference: item.shippingPreference,
    pickupLocation: item.pickupLocation ?? null,
    pausedFrom: item.status === 'paused' ? item.pausedFrom : null,
    pausedUntil: item.pausedUntil,
    scheduledPause: item.scheduledPause,
    ...(onHold ? { pauseReasonKey: item.pauseReasonKey, pauseReason: item.pauseReason, pauseNote: item.pauseNote } : { pauseReasonKey: null, pauseReason: null, pauseNote: null }),
    pauseDaysThisYear: pauseDaysIn(item, Number(today.slice(0, 4))),
    joinedAt: item.joinedAt,
    cancelledAt: item.cancelledAt ?? null,
    cancelReasonKey: item.cancelReasonKey,
    cancelReason: item.cancelReason,
    cancelNote: item.cancelNote,
    gift: item.gift
      ? { giverId: item.gift.giverId, giverName: item.gift.giverName, message: item.gift.message, endsOn: item.gift.endsOn, reminderSentOn: item.gift.reminderSentOn }
      : null,
    version: item.version,
  };
}

export interface CertificateItem extends Stamped {
  pk: string;
  sk: string;
  type: 'certificate';
  tenantId: string;
  customerId: string;
  id: string;
  title: string;
  status: 'available' | 'redeemed';
  expiresAt: string | null;
  membershipId: string | null;
  redeemedAt: string | null;
}

export function toCertificate(item: CertificateItem, at: Date = now()): Certificate {
  const expired = item.status === 'available' && isExpired(item.expiresAt, at.toISOString());
  return {
    id: item.id,
    title: item.title,
    status: expired ? 'expired' : item.status,
    expiresAt: item.expiresAt ?? null,
    membershipId: item.membershipId ?? null,
    redeemedAt: item.redeemedAt ?? null,
    createdAt: item.createdAt,
    version: item.version,
  };
}

