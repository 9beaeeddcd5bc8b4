import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { Certificate, CreateCertificateBody } from './certificate-schemas';
import { dynamo, tableName } from '../db/client';
import { assertCustomerExists } from '../people/customer-exists';
import { firstStamp } from '../db/item-stamp';
import { fieldUpdateWrite, putNew } from '../db/item-writes';
import { customerExists, throwIfNoCustomer } from '../people/customer-exists';
import { clubItemsOf, toCertificate, type CertificateItem } from './club-items';
import { expiryInstant } from './certificate-rules';
import { cachedSettings } from '../settings/settings-repository';
import { certificateKeys, membershipKeys } from './keys';
import { readProfilePage } from '../people/profile-page';
import { timelineFields } from '../history/timeline';
import { ConditionsFailedError, transactWrite, type NamedWrite } from '../db/transact';

/**
 * Reservation certificates: issued to a person (often by their club), shown in their portal,
 * redeemed once — by staff, or by a reservation in the same transaction that books it.
 */
export async function listCertificates(tenantId: string, customerId: string) {
  const page = await readProfilePage(tenantId, customerId);
  const items = clubItemsOf(page).certificates.map((item) => toCertificate(item));
  return { items, nextCursor: null };
}

export async function issueCertificate(
  tenantId: string,
  customerId: string,
  input: CreateCertificateBody,
  actor: Actor,
): Promise<Certificate> {
  // A date expires at the end of the winery's day; only then are the settings read.
  const expiresAt = input.expiresAt ? expiryInstant(input.expiresAt, (await cachedSettings(tenantId)).timeZone) : null;
  const at = nowIso();
  const id = newId();
  const item: CertificateItem = {
    ...certificateKeys.certificate(tenantId, customerId, id),
    type: 'certificate',
    tenantId,
    customerId,
    id,
    title: input.title,
    status: 'available',
    expiresAt,
    membershipId: input.membershipId ?? null,
    redeemedAt: null,
    ...firstStamp(actor, at),
    ...timelineFields(tenantId, customerId, { at, type: 'certificate', summary: `Certificate issued: ${input.title}`, refId: id }),
  };
  const writes = [putNew('certificate', item), customerExists(tenantId, customerId)];
  // The membership must be this person's own: its key lies in their item collection, so
  // another person's, another tenant's or a made-up id does not exist there.
  if (item.membershipId) writes.push(membershipCheck(tenantId, customerId, item.membershipId));
  try {
    await transactWrite(writes);
  } catch (error) {
    throwIfNoCustomer(error);
    if (error instanceof ConditionsFailedError && error.failed.has(MEMBERSHIP_CHECK)) {
      throw new ValidationError([{ path: 'membershipId', message: 'is not a membership of this person' }]);
    }
    throw error;
  }
  return toCertificate(item);
}

const MEMBERSHIP_CHECK = 'membership';

const membershipCheck = (tenantId: string, customerId: string, membershipId: string): NamedWrite => ({
  name: MEMBERSHIP_CHECK,
  write: {
    ConditionCheck: {
      TableName: tableName,
      Key: membershipKeys.membership(tenantId, customerId, membershipId),
      ConditionExpression: 'attribute_exists(pk)',
    },
  },
});

/** The name of the write in a transaction, to tell its failure apart. */
export const CERTIFICATE_REDEMPTION = 'certificate';

/**
 * The write that redeems a certificate: only while it is available and not expired. Put it in
 * the transaction of whatever uses the certificate (a reservation), so both happen or neither.
 */
export function certificateRedemptionWrite(tenantId: string, customerId: string, certificateId: string, actor: Actor, at: string): NamedWrite {
  return fieldUpdateWrite(CERTIFICATE_REDEMPTION, certificateKeys.certificate(tenantId, customerId, certificateId), { status: 'redeemed', redeemedAt: at }, actor, at, {
    condition: {
      expression: '#status = :available AND (attribute_not_exists(expiresAt) OR expiresAt = :null OR expiresAt > :redeemAt)',
      names: { '#status': 'status' },
      values: { ':available': 'available', ':null': null, ':redeemAt': at },
    },
  });
}

/** Why a redemption failed: 404 for no such certificate, else 409 (already redeemed or expired). */
export async function redemptionFailure(tenantId: string, customerId: string, certificateId: string): Promise<Error> {
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: certificateKeys.certificate(tenantId, customerId, certificateId), ConsistentRead: true }),
  );
  const item = result.Item as CertificateItem | undefined;
  if (!item) return new NotFoundError('certificate');
  const status = toCertificate(item).status;
  return new ConflictError(`certificate-${status}`, `This certificate is ${status} and cannot be redeemed.`);
}

export async function redeemCertificate(tenantId: string, customerId: string, certificateId: string, actor: Actor): Promise<Certificate> {
  try {
    await transactWrite([certificateRedemptionWrite(tenantId, customerId, certificateId, actor, nowIso())]);
  } catch (error) {
    if (error instanceof ConditionsFailedError) {
      await assertCustomerExists(tenantId, customerId);
      throw await redemptionFailure(tenantId, customerId, certificateId);
    }
    throw error;
  }
  const result = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: certificateKeys.certificate(tenantId, customerId, certificateId), ConsistentRead: true }),
  );
  return toCertificate(result.Item as CertificateItem);
}
