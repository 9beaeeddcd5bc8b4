import { createTokenStore } from '@/lib/auth/token-store';

/**
 * The member's portal session, apart from the staff console's: its own sessionStorage key, so a
 * staff member who opens a person's portal in a tab of the console's origin keeps both, and
 * neither token is ever sent where the other belongs.
 *
 * The token is decoded here only to decide what to show (whose tenant, when it ends, who opened
 * it); the API verifies it on every call.
 */
const KEY = 'winery-people.portal-token';

export interface PortalSession {
  readonly token: string;
  readonly tenantId: string;
  readonly customerId: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
  /** `staff` when a staff member opened the portal for the person ("Login" in the console). */
  readonly via: 'login' | 'staff';
  /** The staff member's name, from the token's `act` claim (RFC 8693 actor), when it has one. */
  readonly staffName: string | null;
}

function decodeClaims(token: string): Record<string, unknown> {
  const base64 = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

/** The session a portal token stands for, or undefined when it is malformed or expired. */
export function portalSessionFromToken(token: string, nowSeconds = Date.now() / 1000): PortalSession | undefined {
  try {
    const claims = decodeClaims(token);
    const { tid, sub, exp, via, act } = claims;
    if (typeof tid !== 'string' || typeof sub !== 'string' || typeof exp !== 'number' || exp <= nowSeconds) return undefined;
    const actor = typeof act === 'object' && act !== null ? (act as Record<string, unknown>) : {};
    return {
      token,
      tenantId: tid,
      customerId: sub,
      expiresAt: exp,
      via: via === 'staff' ? 'staff' : 'login',
      staffName: typeof actor.name === 'string' ? actor.name : null,
    };
  } catch {
    return undefined;
  }
}

export const portalTokenStore = createTokenStore(KEY, portalSessionFromToken, () => window.sessionStorage);
