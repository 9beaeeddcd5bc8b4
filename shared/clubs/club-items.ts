import { now } from '../clock';
import type { MembershipStatus } from './membership';
import type { Certificate } from './certificate-schemas';
import type { Membership } from './club-schemas';
import type { Stamped } from '../db/item-stamp';
import { customerPk } from '../db/keys';

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
  clubName: string;
  variantId: string | null;
  ownerId: string | null;
  status: MembershipStatus;
  shippingPreference: 'ship' | 'pickup';
  pickupLocation: string | null;
  pausedUntil: string | null;
  joinedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  gsi2pk?: string;
  gsi2sk?: string;
}

export const PAUSE_DUE_PARTITION = 'DUE#PAUSE';

export const membershipKeys = {
  membership: (tenantId: string, customerId: string, membershipId: string) => ({
    pk: customerPk(tenantId, customerId),
    sk: `P#M#${membershipId}`,
  }),
  clubGuard: (tenantId: string, customerId: string, clubId: string) => ({ pk: customerPk(tenantId, customerId), sk: `MCLUB#${clubId}` }),
};

export function toMembership(item: MembershipItem): Membership {
  return {
    id: item.id,
    clubId: item.clubId,
    variantId: item.variantId ?? null,
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

export const certificateKeys = {
  certificate: (tenantId: string, customerId: string, certificateId: string) => ({
    pk: customerPk(tenantId, customerId),
    sk: `P#CERT#${certificateId}`,
  }),
};

export function toCertificate(item: CertificateItem, at: Date = now()): Certificate {
  const expired = item.status === 'available' && item.expiresAt !== null && item.expiresAt <= at.toISOString();
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

