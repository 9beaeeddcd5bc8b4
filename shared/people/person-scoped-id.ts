/**
 * Ids of things that live under a person (orders, reservations) but are also addressed on
 * their own (`GET /v1/orders/{orderId}`). The public id carries the person's id and a ULID of
 * its own, `<customerId>-<ulid>`, so the item's key is known from the id alone: a read by id is
 * one GetItem, strongly consistent, with no pointer item to write and keep in step. Clients
 * treat it as opaque. The tenant always comes from the token, so an id of another tenant (or a
 * made-up one) names a key that does not exist in the caller's tenant: a 404.
 */
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const SCOPED = /^([A-Za-z0-9_-]+)-([0-9A-HJKMNP-TV-Z]{26})$/;

export function personScopedId(customerId: string, ownId: string): string {
  if (!ULID.test(ownId)) throw new Error('ownId must be a ULID');
  return `${customerId}-${ownId}`;
}

/** The person and the item's own id, or `undefined` for an id this service never issued. */
export function parsePersonScopedId(id: string): { customerId: string; ownId: string } | undefined {
  const match = SCOPED.exec(id);
  return match ? { customerId: match[1]!, ownId: match[2]! } : undefined;
}
