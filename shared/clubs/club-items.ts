import { now } from '../clock';
import type { MembershipStatus } from './membership';
import type { Certificate } from './certificate-schemas';
import type { Membership } from './club-schemas';
import type { Stamped } from '../db/item-stamp';
import { isExpired } from './certificate-rules';

/** What is stored for memberships and certificates (part of the profile page), and what the API shows of them. */
export interface MembershipItem extends Stamped {
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
  pausedUntil: string | null;
  joinedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** Set while paused: the pause-expiry due index (see `keys.ts`). */
  gsi2pk?: string;
  gsi2sk?: string;
  /** Set while live: the club's live memberships (see `keys.ts`). */
  gsi4pk?: string;
  gsi4sk?: string;
}

/** The clubs' items on a person's profile page (`readProfilePage`'s `attached`). */
export function clubItemsOf(page: { attached: readonly { type: string }[] }) {
  return {
    memberships: page.attached.filter((item): item is MembershipItem => item.type === 'membership'),
    certificates: page.attached.filter((item): item is CertificateItem => item.type === 'certificate'),
  };
}

export function toMembership(item: MembershipItem): Membership {
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
    pausedUntil: item.pausedUntil ?? null,
    joinedAt: item.joinedAt,
    cancelledAt: item.cancelledAt ?? null,
    cancelReason: item.cancelReason ?? null,
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

