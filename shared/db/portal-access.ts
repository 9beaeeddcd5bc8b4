import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { verifyPassword } from '../domain/password';
import { NotFoundError, TooManyRequestsError, UnauthorizedError, ValidationError } from '../http/errors';
import { issuePortalToken } from '../http/portal-auth';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import { dynamo, tableName } from './client';
import type { CustomerItem } from './customer-items';
import { requestPasswordReset, setPassword } from './customer-repository';
import { historyKeys } from './history';
import { customerExists, putNew, throwIfNoCustomer } from './item-writes';
import { customerKeys } from './keys';
import { WINDOW_MS, clearFailures, isLockedOut, recordFailure } from './login-attempts';
import { PasswordTokenError, consumePasswordToken } from './password-tokens';
import { transactWrite } from './transact';

/**
 * How people get into their portal: by email and password, through a one-time reset link, or
 * when staff open it for them (recorded in the change history).
 */
const LOGIN_TTL_SECONDS = 60 * 60;
const STAFF_SESSION_TTL_SECONDS = 15 * 60;
const BAD_CREDENTIALS = new UnauthorizedError('The email or password is not right.');

async function personByEmail(tenantId: string, email: string): Promise<CustomerItem | undefined> {
  const marker = await dynamo.send(new GetCommand({ TableName: tableName, Key: customerKeys.emailMarker(tenantId, email) }));
  const customerId = marker.Item?.customerId as string | undefined;
  if (!customerId) return undefined;
  const profile = await dynamo.send(new GetCommand({ TableName: tableName, Key: customerKeys.profile(tenantId, customerId) }));
  return profile.Item as CustomerItem | undefined;
}

/** 401 without saying which part was wrong; 429 once an email has failed 5 times in 15 minutes. */
export async function logIn(tenantId: string, email: string, password: string) {
  if (await isLockedOut(tenantId, email)) {
    throw new TooManyRequestsError('Too many failed logins for this email. Try again in 15 minutes or reset the password.', WINDOW_MS / 1000);
  }
  const person = await personByEmail(tenantId, email);
  // verifyPassword spends the same time whether or not the person exists.
  const ok = await verifyPassword(password, person?.passwordHash);
  if (!ok || !person) {
    await recordFailure(tenantId, email);
    throw BAD_CREDENTIALS;
  }
  await clearFailures(tenantId, email);
  return issuePortalToken(tenantId, person.id, `${person.firstName} ${person.lastName}`, LOGIN_TTL_SECONDS, 'login');
}

/** Always accepted (202), so the answer never tells whether an email has an account. */
export async function requestReset(tenantId: string, email: string): Promise<void> {
  const person = await personByEmail(tenantId, email);
  if (person) await requestPasswordReset(tenantId, person.id, { kind: 'customer', id: person.id, name: null });
}

export async function confirmReset(tenantId: string, token: string, newPassword: string): Promise<void> {
  let customerId: string;
  try {
    customerId = await consumePasswordToken(tenantId, token);
  } catch (error) {
    if (error instanceof PasswordTokenError) throw new ValidationError([{ path: 'token', message: error.message }]);
    throw error;
  }
  await setPassword(tenantId, customerId, newPassword, { kind: 'customer', id: customerId, name: null });
}

export async function changeOwnPassword(tenantId: string, customerId: string, current: string, next: string, actor: Actor): Promise<void> {
  const profile = await dynamo.send(new GetCommand({ TableName: tableName, Key: customerKeys.profile(tenantId, customerId) }));
  const item = profile.Item as CustomerItem | undefined;
  if (!item) throw new NotFoundError('customer');
  if (!(await verifyPassword(current, item.passwordHash))) {
    throw new ValidationError([{ path: 'currentPassword', message: 'is not your current password' }]);
  }
  await setPassword(tenantId, customerId, next, actor);
}

/** Staff open a person's portal: a short token, and a session item the change history records. */
export async function openPortalSession(tenantId: string, customerId: string, actor: Actor) {
  const id = newId();
  const at = nowIso();
  const issued = await issuePortalToken(tenantId, customerId, null, STAFF_SESSION_TTL_SECONDS, 'staff');
  try {
    await transactWrite([
      putNew('session', {
        ...historyKeys.item(tenantId, customerId, 'PSESSION', id),
        type: 'portal-session',
        tenantId,
        customerId,
        id,
        sessionExpiresAt: issued.expiresAt,
        version: 1,
        createdAt: at,
        updatedAt: at,
        updatedBy: actor,
        expiresAt: Math.floor(Date.parse(issued.expiresAt) / 1000) + 30 * 24 * 60 * 60,
      }),
      customerExists(tenantId, customerId),
    ]);
  } catch (error) {
    throwIfNoCustomer(error);
    throw error;
  }
  return issued;
}
