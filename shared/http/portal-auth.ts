import { SignJWT, jwtVerify } from 'jose';
import { now } from '../clock';
import { secret } from '../secrets';
import type { Actor } from '../schemas/common';
import { UnauthorizedError } from './errors';

/**
 * Portal tokens: issued by this service (login, or staff opening a person's portal), signed
 * with a key of its own (HS256, `PORTAL_TOKEN_SECRET`), so a staff token never passes here and
 * a portal token never passes API Gateway's staff authorizer. A token names one tenant and one
 * person: every `/portal/me` route reads only that person's data.
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

export async function issuePortalToken(
  tenantId: string,
  customerId: string,
  name: string | null,
  ttlSeconds: number,
  via: 'login' | 'staff',
): Promise<{ token: string; expiresAt: string }> {
  const issuedAt = Math.floor(now().getTime() / 1000);
  const expires = issuedAt + ttlSeconds;
  const token = await new SignJWT({ tid: tenantId, name, via })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(customerId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expires)
    .sign(await key());
  return { token, expiresAt: new Date(expires * 1000).toISOString() };
}

export async function verifyPortalToken(authorization: string | undefined): Promise<PortalAuth> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw new UnauthorizedError('A portal token is required.');
  try {
    const { payload } = await jwtVerify(match[1]!, await key(), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now(),
    });
    if (typeof payload.tid !== 'string' || typeof payload.sub !== 'string') throw new Error('incomplete token');
    const name = typeof payload.name === 'string' ? payload.name : null;
    return { tenantId: payload.tid, customerId: payload.sub, actor: { kind: 'customer', id: payload.sub, name } };
  } catch {
    throw new UnauthorizedError('The portal token is not valid.');
  }
}
