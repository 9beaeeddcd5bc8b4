import { verifyPortalToken } from '../portal/portal-tokens';
import type { PortalCaller } from '../portal/token-claims';
import { UnauthorizedError } from '../errors';

/**
 * The request side of portal tokens: the bearer token from the `Authorization` header, verified
 * by the portal (`shared/portal/portal-tokens.ts`, which also issues them).
 */
export type PortalAuth = PortalCaller;

export async function portalAuthFromHeader(authorization: string | undefined): Promise<PortalAuth> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw new UnauthorizedError('A portal token is required.');
  return verifyPortalToken(match[1]!);
}
