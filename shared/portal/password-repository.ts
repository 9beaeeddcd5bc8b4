import { nowIso } from '../clock';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import { expiresAfter, putNew, updateFields } from '../db/item-writes';
import { transactWrite } from '../db/transact';
import { customerExists, throwIfNoCustomer } from '../people/customer-exists';
import { customerKeys } from '../people/keys';
import { hashPassword } from './password';
import { portalKeys } from './keys';

/**
 * A person's password, wholly here: a new person has none (`people/` writes no hash), and gets
 * one only through these writes: set by staff or by the person (hashed with `password.ts`), or
 * asked for by email (`requestPasswordReset`, turned into a one-time link by the notifications
 * consumer).
 */

/**
 * Sets a person's password: only its hash is stored; the history shows it redacted. A field-level
 * write (no read, no race). `passwordGeneration` counts the sets, so portal tokens issued
 * before a reset can be told from later ones; it is never mapped to a response.
 */
export async function setPassword(tenantId: string, customerId: string, newPassword: string, actor: Actor): Promise<void> {
  const passwordHash = await hashPassword(newPassword);
  await updateFields(customerKeys.profile(tenantId, customerId), 'customer', { passwordHash }, actor, nowIso(), undefined, [], {
    passwordGeneration: 1,
  });
}

/**
 * Asks for a password-reset email: a request item under the person, which the notifications
 * consumer turns into a one-time link (an hour) and an email.
 */
export async function requestPasswordReset(tenantId: string, customerId: string, actor: Actor): Promise<void> {
  const id = newId();
  try {
    await transactWrite([
      putNew('request', {
        ...portalKeys.resetRequest(tenantId, customerId, id),
        type: 'password-reset-request',
        tenantId,
        customerId,
        id,
        requestedBy: actor,
        createdAt: nowIso(),
        ...expiresAfter(7 * 24 * 60 * 60),
      }),
      customerExists(tenantId, customerId),
    ]);
  } catch (error) {
    throwIfNoCustomer(error);
    throw error;
  }
}

