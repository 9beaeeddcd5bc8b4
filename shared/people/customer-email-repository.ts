import { nowIso } from '../clock';
import { ConflictError } from '../errors';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import type { CustomerEmail } from './profile-schemas';
import { readProfilePage } from './profile-page';
import { toCustomerEmail, type CustomerEmailItem } from './customer-items';
import { customerKeys } from './keys';
import { firstStamp } from '../db/item-stamp';
import { deleteWithActor, putNew } from '../db/item-writes';
import { transactWrite } from '../db/transact';

export async function listCustomerEmails(tenantId: string, customerId: string) {
  const { emails } = await readProfilePage(tenantId, customerId);
  return { items: emails.map(toCustomerEmail), nextCursor: null };
}

export async function addCustomerEmail(
  tenantId: string,
  customerId: string,
  input: { email: string; label?: string },
  actor: Actor,
): Promise<CustomerEmail> {
  const { profile, emails } = await readProfilePage(tenantId, customerId);
  const wanted = input.email.toLowerCase();
  if (profile.email.toLowerCase() === wanted || emails.some((e) => e.email.toLowerCase() === wanted)) {
    throw new ConflictError('duplicate-email', 'This person already receives email at this address.', [
      { path: 'email', message: 'is already one of this person’s addresses' },
    ]);
  }
  const id = newId();
  const item: CustomerEmailItem = {
    ...customerKeys.email(tenantId, customerId, id),
    type: 'customer-email',
    tenantId,
    customerId,
    id,
    email: input.email,
    label: input.label ?? null,
    ...firstStamp(actor, nowIso()),
  };
  await transactWrite([putNew('email', item)]);
  return toCustomerEmail(item);
}

export async function removeCustomerEmail(tenantId: string, customerId: string, emailId: string, actor: Actor) {
  await deleteWithActor(customerKeys.email(tenantId, customerId, emailId), 'email', actor, nowIso(), undefined);
}
