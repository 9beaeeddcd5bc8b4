import { now, nowIso } from '../clock';
import { assertOldEnough } from './age';
import { ConflictError } from '../errors';
import type { Actor } from '../schemas/common';
import type { Customer } from './customer-schemas';
import type { Settings } from '../settings/settings-schemas';
import { updateProfile } from './customer-repository';
import { readProfilePage } from './profile-page';
import { toCustomer, type AgeVerificationRecord } from './customer-items';
import type { AgeVerificationBody } from './profile-schemas';
import { checkAge } from './age-provider';

/**
 * Age verification: `manual` means staff checked an ID (verified at once, with who, when and
 * their note); `electronic` asks the provider configured in settings, and records when it was
 * asked (`checkedAt`) whatever it answers. A `pending` answer is followed up by asking again
 * (the same request): each ask replaces the record. Either needs a birth date at least the
 * minimum age ago, and vouches for that birth date only: a change of it resets the record.
 */
export async function verifyCustomerAge(
  tenantId: string,
  customerId: string,
  { method, note }: AgeVerificationBody,
  settings: Settings['ageVerification'],
  actor: Actor,
): Promise<Customer> {
  const { profile, addresses } = await readProfilePage(tenantId, customerId);
  const birthDate = profile.birthDate;
  assertOldEnough(birthDate, settings.minimumAge, now());
  let record: AgeVerificationRecord;
  if (method === 'manual') {
    const at = nowIso();
    record = { status: 'verified', method, verifiedAt: at, verifiedBy: actor, note: note ?? null, checkedAt: at };
  } else {
    if (settings.provider !== 'http' || !settings.endpoint) {
      throw new ConflictError('no-age-provider', 'No electronic age-verification provider is configured in settings.');
    }
    const billing = addresses.find((a) => a.id === profile.defaultBillingAddressId) ?? null;
    const checkedAt = nowIso();
    const status = await checkAge(settings.endpoint, {
      firstName: profile.firstName,
      lastName: profile.lastName,
      birthDate: birthDate!,
      email: profile.email,
      address: billing && { line1: billing.line1, city: billing.city, region: billing.region, postalCode: billing.postalCode, country: billing.country },
    });
    const verified = status === 'verified';
    record = { status, method, verifiedAt: verified ? nowIso() : null, verifiedBy: verified ? actor : null, note: note ?? null, checkedAt };
  }
  const written = await updateProfile(tenantId, customerId, actor, (current) => {
    // The check vouched for the birth date it was given; one changed meanwhile is not verified.
    if (current.birthDate !== birthDate) {
      throw new ConflictError('birth-date-changed', 'The birth date changed while the age was being checked; check again.');
    }
    return { ageVerification: record };
  });
  return toCustomer(written);
}
