import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { SignJWT, jwtVerify } from 'jose';
import { now } from '../clock';
import { dynamo, tableName } from '../db/client';
import { customerKeys } from '../people/keys';
import { UnauthorizedError } from '../errors';
import { secret } from '../secrets';
import { PortalTokenClaims, actorOf, generationOf, type PortalCaller } from './token-claims';

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
const ISSUER = 'winery-people/portal';
const AUDIENCE = 'portal';
let keyPromise: Promise<Uint8Array> | undefined;
const key = () => (keyPromise ??= secret('PORTAL_TOKEN_SECRET').then((value) => new TextEncoder().encode(value)));

export async function issuePortalToken(claims: PortalTokenClaims, ttlSeconds: number): Promise<{ token: string; expiresAt: string }> {
  const { sub, ...rest } = PortalTokenClaims.parse(claims);
  const issuedAt = Math.floor(now().getTime() / 1000);
  const expires = issuedAt + ttlSeconds;
  const token = await new SignJWT(rest)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expires)
    .sign(await key());
  return { token, expiresAt: new Date(expires * 1000).toISOString() };
}

const INVALID = new UnauthorizedError('The portal token is not valid.');

/**
 * The caller a raw portal token stands for: a good signature, unexpired, well-formed claims,
 * and a person whose password has not changed since it was issued; otherwise a 401.
 */
export async function verifyPortalToken(token: string): Promise<PortalCaller> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, await key(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: now() }));
  } catch {
    throw INVALID;
  }
  const claims = PortalTokenClaims.safeParse(payload);
  if (!claims.success) throw INVALID;
  const { tid, sub, pwg } = claims.data;
  const person = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: customerKeys.profile(tid, sub),
      ProjectionExpression: 'pk, passwordGeneration, firstName, lastName',
      ConsistentRead: true,
    }),
  );
  // A deleted person, or a password set since the token was issued.
  if (!person.Item || generationOf(person.Item) !== pwg) throw INVALID;
  return { tenantId: tid, customerId: sub, actor: actorOf(claims.data, person.Item as { firstName: string; lastName: string }) };
}
