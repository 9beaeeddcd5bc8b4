import { TenantId, type Actor } from '../schemas/common';
import type { Role } from './routes';
import { ForbiddenError, UnauthorizedError } from '../errors';

/**
 * Who is calling, from the verified token only. In AWS, API Gateway's JWT authorizer has
 * verified the Cognito token and puts its claims in `requestContext.authorizer.jwt.claims`;
 * the local gateway verifies its own tokens and puts them in the same place.
 */
export interface StaffAuth {
  readonly tenantId: string;
  readonly role: Role;
  readonly actor: Actor;
}

const rank: Record<Role, number> = { viewer: 0, staff: 1, admin: 2 };

/**
 * API Gateway passes array claims as a string such as `[admin staff]`; a JSON array or a
 * plain string are accepted too.
 */
export function parseGroups(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  const text = claim.trim();
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1).trim() : text;
  // Parsed as JSON only when it is quoted like JSON: API Gateway's `[admin staff]` is not, and a
  // JSON.parse that throws on it cost every staff request 30 µs, more than the rest of its auth.
  if (inner !== text && inner.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON after all: read as words
    }
  }
  return inner.split(/[\s,]+/).filter(Boolean);
}

/** The highest role among the groups, or none. */
export function roleFromGroups(groups: string[]): Role | undefined {
  let best: Role | undefined;
  for (const group of groups) {
    if (group === 'admin' || group === 'staff' || group === 'viewer') {
      if (best === undefined || rank[group] > rank[best]) best = group;
    }
  }
  return best;
}

/**
 * The caller from the verified claims. A claim of the wrong type or shape is a 401, never read
 * as something else: the tenant id becomes part of every key, so only a well-formed one
 * ({@link TenantId}) is a tenant, and `sub` and `name` are stamped on every write as the actor.
 */
export function staffAuthFromClaims(claims: Record<string, unknown> | undefined): StaffAuth {
  const tenant = TenantId.safeParse(claims?.['custom:tenantId']);
  const sub = claims?.sub;
  const name = claims?.name ?? null;
  if (!tenant.success) throw new UnauthorizedError('The token carries no valid tenant.');
  if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError('The token carries no subject.');
  if (name !== null && typeof name !== 'string') throw new UnauthorizedError('The token carries an invalid name.');
  const role = roleFromGroups(parseGroups(claims?.['cognito:groups']));
  if (!role) throw new ForbiddenError('The token carries none of the groups admin, staff or viewer.');
  return { tenantId: tenant.data, role, actor: { kind: 'staff', id: sub, name } };
}

export function requireRole(auth: StaffAuth, needed: Role): void {
  if (rank[auth.role] < rank[needed]) {
    throw new ForbiddenError(`This needs the ${needed} role; you have ${auth.role}.`);
  }
}
