/** The signed-in staff member, read from the token's claims (the API reads the same claims). */
export type StaffRole = 'admin' | 'staff' | 'viewer';

export interface Session {
  /** The Bearer token for the API: the local token, or Cognito's ID token. */
  readonly token: string;
  readonly tenantId: string;
  readonly name: string;
  readonly sub: string;
  readonly role: StaffRole;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

const ROLES: readonly StaffRole[] = ['admin', 'staff', 'viewer'];

function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

/**
 * The session a token stands for, or undefined when it is malformed or expired. The token is not
 * verified here: the API verifies it on every call; this only decides what to show.
 */
export function sessionFromToken(token: string, nowSeconds = Date.now() / 1000): Session | undefined {
  try {
    const claims = decodeSegment(token.split('.')[1] ?? '') as Record<string, unknown>;
    const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]) : [];
    // The strongest group wins, as the API decides.
    const role = ROLES.find((r) => groups.includes(r));
    const tenantId = claims['custom:tenantId'];
    const exp = claims.exp;
    if (!role || typeof tenantId !== 'string' || typeof exp !== 'number' || exp <= nowSeconds) return undefined;
    const sub = typeof claims.sub === 'string' ? claims.sub : '';
    const name = typeof claims.name === 'string' ? claims.name : typeof claims.email === 'string' ? claims.email : sub;
    return { token, tenantId, name, sub, role, expiresAt: exp };
  } catch {
    return undefined;
  }
}

export const canWrite = (session: Session) => session.role !== 'viewer';
export const isAdmin = (session: Session) => session.role === 'admin';
