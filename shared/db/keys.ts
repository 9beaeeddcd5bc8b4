/**
 * The key layout, and the builders every module shares. Each entity module declares its own
 * sort-key builder beside its item type (`cardKeys`, `membershipKeys`, `historyKeys`, …), always
 * from `customerPk`/`tenantPk` here. Every key starts with the tenant (the one exception: the
 * pause-expiry due index, see `club-items.ts`). A person is one item collection under
 * `T#<tenant>#C#<id>`:
 *
 *   P#PROFILE            the person            ┐
 *   P#A#<id>             addresses             │ `P#…`: the bounded items of the profile page,
 *   P#CARD#<id>          cards                 │ read together by one Query
 *   P#EMAIL#<id>         additional emails     │
 *   P#M#<id>             memberships           │
 *   P#CERT#<id>          certificates          ┘
 *   H#<kind>#<id>        history (notes, changes, email logs, credits, orders, …), one prefix per list
 *   L#<label>            the person's entries in the people listings (search prefixes, flags, …)
 *   CELLAR#<id>          cellar items (not on the profile page: `GET …/cellar`)
 *   MCLUB#<clubId>       guard: one live membership per club
 *
 * Orders and reservations are `H#ORDER#…`/`H#RESERVATION#…` items whose ids are
 * `<customerId>-<ulid>`, so `GET /v1/orders/{id}` finds the item from the id alone.
 * Tenant-level items live under `T#<tenant>` (settings, classes, clubs, counters `COUNTS` and
 * `COUNTS#<label>`, the staff directory `STAFF#<id>`); markers with
 * their own partitions: emails `T#<tenant>#EMAIL#…`, idempotency records, login failures,
 * password tokens, stream-record markers.
 */
export const tenantPk = (tenantId: string) => `T#${tenantId}`;
export const customerPk = (tenantId: string, customerId: string) => `T#${tenantId}#C#${customerId}`;

export const PROFILE_PAGE_PREFIX = 'P#';

export const customerKeys = {
  profile: (tenantId: string, customerId: string) => ({ pk: customerPk(tenantId, customerId), sk: 'P#PROFILE' }),
  address: (tenantId: string, customerId: string, addressId: string) => ({
    pk: customerPk(tenantId, customerId),
    sk: `P#A#${addressId}`,
  }),
  /** Marks an email as taken in a tenant: written in the same transaction as the person. */
  emailMarker: (tenantId: string, email: string) => ({ pk: `T#${tenantId}#EMAIL#${email.toLowerCase()}`, sk: 'EMAIL' }),
  listingEntry: (tenantId: string, customerId: string, label: string) => ({
    pk: customerPk(tenantId, customerId),
    sk: `L#${label}`,
  }),
};

/**
 * The people listings: one partition per label, the same on gsi1 (sorted by name) and gsi4
 * (sorted by customer number).
 */
export const listingKeys = {
  partition: (tenantId: string, label: string) => `T#${tenantId}#L#${label}`,
};

/**
 * The tenant's day lists on gsi4 (the front desk's "today"): a sparse entry written with the
 * reservation or order, in a partition per kind and UTC day (`YYYY-MM-DD`), sorted by instant.
 */
export const dayKeys = {
  entry: (tenantId: string, kind: 'RESERVATION' | 'ORDER', day: string, at: string, id: string) => ({
    gsi4pk: dayKeys.partition(tenantId, kind, day),
    gsi4sk: `${at}#${id}`,
  }),
  partition: (tenantId: string, kind: 'RESERVATION' | 'ORDER', day: string) => `T#${tenantId}#DAY#${kind}#${day}`,
};

/** The staff directory: `STAFF#<id>` under the tenant, listed on gsi4 by name. */
export const staffKeys = {
  member: (tenantId: string, staffId: string) => ({ pk: tenantPk(tenantId), sk: `STAFF#${staffId}` }),
  partition: (tenantId: string) => `T#${tenantId}#STAFF`,
};

export const tenantKeys = {
  settings: (tenantId: string) => ({ pk: tenantPk(tenantId), sk: 'SETTINGS' }),
  counter: (tenantId: string, name: string) => ({ pk: tenantPk(tenantId), sk: `COUNTER#${name}` }),
  /** The counts of one people listing label; `ALL` keeps the key the tenant totals always had. */
  counts: (tenantId: string, label = 'ALL') => ({ pk: tenantPk(tenantId), sk: label === 'ALL' ? 'COUNTS' : `COUNTS#${label}` }),
  customerClass: (tenantId: string, classId: string) => ({ pk: tenantPk(tenantId), sk: `CLASS#${classId}` }),
  idempotency: (tenantId: string, scope: string, key: string) => ({
    pk: `T#${tenantId}#IDEM#${scope}`,
    sk: key,
  }),
};

/** Marks a stream record as already applied by one consumer (at-least-once delivery). */
export const dedupKeys = {
  record: (tenantId: string, consumer: string, eventId: string) => ({
    pk: `T#${tenantId}#DEDUP#${consumer}`,
    sk: eventId,
  }),
};
