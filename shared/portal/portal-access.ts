import { setTimeout as sleep } from 'node:timers/promises';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nowIso } from '../clock';
import { verifyPassword } from './password';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../errors';
import { issuePortalToken } from './portal-tokens';
import { generationOf, memberActor } from './token-claims';
import { newId } from '../ids';
import type { Actor } from '../schemas/common';
import { dynamo, tableName } from '../db/client';
import type { CustomerItem } from '../people/customer-items';
import { requestPasswordReset, setPassword } from './password-repository';
import { portalKeys } from './keys';
import { putNew } from '../db/item-writes';
import { firstStamp } from '../db/item-stamp';
import { customerExists, throwIfNoCustomer } from '../people/customer-exists';
import { customerKeys } from '../people/keys';
import {
  LOGIN_PER_CLIENT,
  LOGIN_PER_EMAIL,
  PASSWORD_CHANGE_PER_PERSON,
  RESET_PER_EMAIL,
  forgiveAttempt,
  requireAttempt,
  takeAttempt,
  type Attempt,
} from './login-attempts';
import { PasswordTokenError, consumePasswordToken } from './password-tokens';
import { transactWrite } from '../db/transact';

/**
 * How people get into their portal: by email and password, through a one-time reset link, or
 * when staff open it for them (recorded in the change history).
 *
 * Nothing a stranger sends may tell whether an email has an account: a known and an unknown
 * email get the same answer after the same DynamoDB requests (an unknown email is looked up as
 * a person id that cannot exist) and the same password hashing.
 */
const LOGIN_TTL_SECONDS = 60 * 60;
const STAFF_SESSION_TTL_SECONDS = 15 * 60;
const BAD_CREDENTIALS = new UnauthorizedError('The email or password is not right.');
/** Ids are ULIDs, so this person never exists; reading or writing for it costs what a real one does. */
const NOBODY = 'nobody';

async function customerIdByEmail(tenantId: string, email: string): Promise<string> {
  const marker = await dynamo.send(new GetCommand({ TableName: tableName, Key: customerKeys.emailMarker(tenantId, email) }));
  return (marker.Item?.customerId as string | undefined) ?? NOBODY;
}

/** The stored profile, with the password generation that `setPassword` counts up. */
type StoredPerson = CustomerItem & { passwordGeneration?: number };

async function readPerson(tenantId: string, customerId: string): Promise<StoredPerson | undefined> {
  const profile = await dynamo.send(new GetCommand({ TableName: tableName, Key: customerKeys.profile(tenantId, customerId), ConsistentRead: true }));
  return profile.Item as StoredPerson | undefined;
}

/**
 * Checks a password with the attempts already counted: a wrong one keeps them, a right one
 * takes them back (only failures use the budget), and a check the container was too busy to
 * make (429) was no guess, so it takes them back too. `client` is who asks, for the container's
 * fair admission of checks (`password.ts`).
 */
async function checkCounted(password: string, passwordHash: string | undefined, client: string, attempts: Attempt[]): Promise<boolean> {
  let ok: boolean;
  try {
    ok = await verifyPassword(password, passwordHash, client);
  } catch (error) {
    await Promise.all(attempts.map(forgiveAttempt));
    throw error;
  }
  if (ok) await Promise.all(attempts.map(forgiveAttempt));
  return ok;
}

/**
 * 401 without saying which part was wrong. Before any hashing the attempt is counted, for the
 * email and for the client address, each in one conditional update that refuses (429, with the
 * seconds left in the window) once the limit is reached, so concurrent guesses cannot slip
 * between a check and a count.
 */
export async function logIn(tenantId: string, email: string, password: string, clientAddress: string) {
  const attempts = [
    await requireAttempt(tenantId, LOGIN_PER_CLIENT, clientAddress),
    await requireAttempt(tenantId, LOGIN_PER_EMAIL, email),
  ];
  const person = await readPerson(tenantId, await customerIdByEmail(tenantId, email));
  if (!(await checkCounted(password, person?.passwordHash, clientAddress, attempts)) || !person) throw BAD_CREDENTIALS;
  return issuePortalToken({ tid: tenantId, sub: person.id, via: 'login', pwg: generationOf(person) }, LOGIN_TTL_SECONDS);
}

/**
 * How long after it arrives a reset request is answered, whatever it did meanwhile. Its work
 * differs by what a stranger must not learn: an email over its budget costs one DynamoDB
 * update, one within it three requests, and a known email's transaction commits where an
 * unknown one's is cancelled. Timed over many requests, those differences told which emails
 * have an account; answering at a fixed time after arrival, well above what the work takes
 * (tens of milliseconds in AWS), leaves nothing to time. Nobody waits for a reset email in a
 * hurry, and a reset costs no password hashing, so the wait holds nothing scarce.
 */
export const RESET_ANSWER_MS = 250;

/**
 * Always accepted (202), so the answer never tells whether an email has an account, and always
 * after RESET_ANSWER_MS, so neither does its timing. At most RESET_PER_EMAIL requests an hour
 * send anything, known email or not; an unknown email makes the same reset-request transaction
 * as a known one, for a person who does not exist, which its own condition cancels.
 */
export async function requestReset(tenantId: string, email: string): Promise<void> {
  const answerAt = performance.now() + RESET_ANSWER_MS;
  try {
    if (!(await takeAttempt(tenantId, RESET_PER_EMAIL, email)).allowed) return;
    const customerId = await customerIdByEmail(tenantId, email);
    try {
      await requestPasswordReset(tenantId, customerId, { kind: 'customer', id: customerId, name: null });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  } finally {
    // Elapsed time on this container, not the business clock (tests move that one).
    await sleep(Math.max(0, answerAt - performance.now()));
  }
}

/** The person who followed the link sets the password, and the change history names them. */
export async function confirmReset(tenantId: string, token: string, newPassword: string): Promise<void> {
  let customerId: string;
  try {
    customerId = await consumePasswordToken(tenantId, token);
  } catch (error) {
    if (error instanceof PasswordTokenError) throw new ValidationError([{ path: 'token', message: error.message }]);
    throw error;
  }
  const person = await readPerson(tenantId, customerId);
  if (!person) throw new NotFoundError('customer');
  await setPassword(tenantId, customerId, newPassword, memberActor(person));
}

/**
 * The current password is a guess like a login's: counted per person first, with the same 429.
 * Only the member may: staff viewing as them ("Login", a token naming the staff member) set
 * passwords through `/v1`, where it is their own audited act, never as the member (403).
 */
export async function changeOwnPassword(tenantId: string, customerId: string, current: string, next: string, actor: Actor): Promise<void> {
  if (actor.kind !== 'customer') throw new ForbiddenError('Staff viewing as a member cannot change their password here; set it from the console.');
  const attempt = await requireAttempt(tenantId, PASSWORD_CHANGE_PER_PERSON, customerId);
  const item = await readPerson(tenantId, customerId);
  if (!item) throw new NotFoundError('customer');
  if (!(await checkCounted(current, item.passwordHash, `person:${customerId}`, [attempt]))) {
    throw new ValidationError([{ path: 'currentPassword', message: 'is not your current password' }]);
  }
  await setPassword(tenantId, customerId, next, actor);
}

/**
 * Staff open a person's portal: a short token, and a session item the change history records.
 * The token carries the password's generation like a login's, so a password change ends it,
 * and names the staff member (`act`), so what they change through it is recorded as theirs.
 */
export async function openPortalSession(tenantId: string, customerId: string, actor: Actor) {
  const person = await readPerson(tenantId, customerId);
  if (!person) throw new NotFoundError('customer');
  const id = newId();
  const at = nowIso();
  const issued = await issuePortalToken(
    { tid: tenantId, sub: customerId, via: 'staff', pwg: generationOf(person), act: { sub: actor.id, name: actor.name } },
    STAFF_SESSION_TTL_SECONDS,
  );
  try {
    await transactWrite([
      putNew('session', {
        ...portalKeys.staffSession(tenantId, customerId, id),
        type: 'portal-session',
        tenantId,
        customerId,
        id,
        sessionExpiresAt: issued.expiresAt,
        ...firstStamp(actor, at),
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
