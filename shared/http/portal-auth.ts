import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { SignJWT, jwtVerify } from 'jose';
import { now } from '../clock';
import { dynamo, tableName } from '../db/client';
import { customerKeys } from '../db/keys';
import { secret } from '../secrets';
import type { Actor } from '../schemas/common';
import { UnauthorizedError } from '../errors';

/**
 * Portal tokens: issued by this service (login, or staff opening a person's portal), signed
 * with a key of its own (HS256, `PORTAL_TOKEN_SECRET`), so a staff token never passes here and
 * a portal token never passes API Gateway's staff authorizer. A token names one tenant and one
 * person: every `/portal/me` route reads only that person's data.
 *
 * A token also carries the generation of the person's password (`pwg`), and each request
 * compares it with the current one (one consistent GetItem of the profile, projected), so
 * setting, resetting or changing the password ends every older token, a staff session
 * included: whoever stole a token or a session loses it when the person changes the password.
 */
export interface PortalAuth {
  readonly tenantId: string;
  readonly customerId: string;
  readonly actor: Actor;
}

const ISSUER = 'winery-people/portal';
const AUDIENCE = 'portal';
let keyPromise: Promise<Uint8Array> | undefined;
const key = () => (keyPromise ??= secret('PORTAL_TOKEN_SECRET').then((value) => new TextEncoder().encode(value)));

/** The person's `passwordGeneration`: counted up by every password set, reset or change; none yet is 0. */
export const generationOf = (person: { passwordGeneration?: number } | undefined) => person?.passwordGeneration ?? 0;

export async function issuePortalToken(
  tenantId: string,
  customerId: string,
  passwordGeneration: number,
  name: string | null,
  ttlSeconds: number,
  via: 'login' | 'staff',
): Promise<{ token: string; expiresAt: string }> {
  const issuedAt = Math.floor(now().getTime() / 1000);
  const expires = issuedAt + ttlSeconds;
  const token = await new SignJWT({ tid: tenantId, name, via, pwg: passwordGeneration })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(customerId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expires)
    .sign(await key());
  return { token, expiresAt: new Date(expires * 1000).toISOString() };
}

const INVALID = new UnauthorizedError('The portal token is not valid.');

export async function verifyPortalToken(authorization: string | undefined): Promise<PortalAuth> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw new UnauthorizedError('A portal token is required.');
  let payload;
  try {
    ({ payload } = await jwtVerify(match[1]!, await key(), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now(),
    }));
  } catch {
    throw INVALID;
  }
  const { tid, sub, pwg } = payload;
  if (typeof tid !== 'string' || typeof sub !== 'string' || typeof pwg !== 'number') throw INVALID;
  const person = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: customerKeys.profile(tid, sub),
      ProjectionExpression: 'pk, passwordGeneration',
      ConsistentRead: true,
    }),
  );
  // A deleted person, or a password set since the token was issued.
  if (!person.Item || generationOf(person.Item) !== pwg) throw INVALID;
  const name = typeof payload.name === 'string' ? payload.name : null;
  return { tenantId: tid, customerId: sub, actor: { kind: 'customer', id: sub, name } };
}
