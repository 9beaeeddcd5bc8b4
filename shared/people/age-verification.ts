import { now, nowIso } from '../clock';
import { assertOldEnough } from './age';
import { ConflictError } from '../errors';
import type { Actor } from '../schemas/common';
import type { Customer } from './customer-schemas';
import type { Settings } from '../settings/settings-schemas';
import { updateProfile } from './customer-repository';
import { readProfilePage } from './profile-page';
import { toCustomer, type AgeVerificationRecord } from './customer-items';
import { checkAge } from './age-provider';

/**
 * Age verification: `manual` means staff checked an ID (verified at once, with who and when);
 * `electronic` asks the provider configured in settings. Either needs a birth date at least
 * the minimum age ago.
 */
export async function verifyCustomerAge(
  tenantId: string,
  customerId: string,
  method: 'manual' | 'electronic',
  settings: Settings['ageVerification'],
  actor: Actor,
): Promise<Customer> {
  const { profile, addresses } = await readProfilePage(tenantId, customerId);
  assertOldEnough(profile.birthDate, settings.minimumAge, now());
  let record: AgeVerificationRecord;
  if (method === 'manual') {
    record = { status: 'verified', method, verifiedAt: nowIso(), verifiedBy: actor };
  } else {
    if (settings.provider !== 'http' || !settings.endpoint) {
      throw new ConflictError('no-age-provider', 'No electronic age-verification provider is configured in settings.');
    }
    const billing = addresses.find((a) => a.id === profile.defaultBillingAddressId) ?? null;
    const status = await checkAge(settings.endpoint, {
      firstName: profile.firstName,
      lastName: profile.lastName,
      birthDate: profile.birthDate!,
      email: profile.email,
      address: billing && { line1: billing.line1, city: billing.city, region: billing.region, postalCode: billing.postalCode, country: billing.country },
    });
    record = { status, method, verifiedAt: status === 'verified' ? nowIso() : null, verifiedBy: status === 'verified' ? actor : null };
  }
  return toCustomer(await updateProfile(tenantId, customerId, actor, () => ({ ageVerification: record })));
}
