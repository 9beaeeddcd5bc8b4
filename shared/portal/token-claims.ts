import { TenantId, type Actor } from '../schemas/common';
import * as z from '../schemas/zod';
import { lazySchema } from '../schemas/lazy-schema';

/**
 * What a portal token says, and whose doing a request with it is (pure: no I/O).
 *
 * A staff session's token names the staff member in an `act` claim (RFC 8693's actor), so
 * whatever is changed through it is recorded as that staff member's doing, not the person's.
 */
export const PortalTokenClaims = /* @__PURE__ */ lazySchema(() => z.object({
  /** The tenant. */
  tid: TenantId,
  /** The person. */
  sub: z.string().check(z.minLength(1)),
  via: z.enum(['login', 'staff']),
  pwg: z.int().check(z.gte(0)),
  act: z.optional(z.object({ sub: z.string().check(z.minLength(1)), name: z.nullable(z.string()) })),
})
  // A staff session without its staff member would be recorded as the person's own doing.
  .check(z.refine((claims) => (claims.via === 'staff') === (claims.act !== undefined))));
export type PortalTokenClaims = z.infer<typeof PortalTokenClaims>;

/** Who a verified portal token lets in, and who their changes are recorded as. */
export interface PortalCaller {
  readonly tenantId: string;
  readonly customerId: string;
  readonly actor: Actor;
}

/** The person's `passwordGeneration`: counted up by every password set, reset or change; none yet is 0. */
export const generationOf = (person: { passwordGeneration?: number } | undefined) => person?.passwordGeneration ?? 0;

/** The person as the change history names them: by their current name. */
export const memberActor = (person: { id: string; firstName: string; lastName: string }): Actor => ({
  kind: 'customer',
  id: person.id,
  name: `${person.firstName} ${person.lastName}`,
});

/** Whose doing a request with these claims is: the staff member who opened the session, or the person. */
export function actorOf(claims: PortalTokenClaims, person: { firstName: string; lastName: string }): Actor {
  if (claims.act) return { kind: 'staff', id: claims.act.sub, name: claims.act.name };
  return memberActor({ id: claims.sub, ...person });
}

