/**
 * The builders every aggregate's keys start from. Each aggregate declares its own keys once, in
 * its folder (`people/keys.ts`, `classes/keys.ts`, `clubs/keys.ts`, `commerce/keys.ts`,
 * `history/keys.ts`, `portal/keys.ts`, `settings/keys.ts`, `staff/keys.ts`, `email/keys.ts`), always from
 * `tenantPk`/`customerPk` here, so every key starts with the tenant (the one exception: the
 * due index and its progress, see `clubs/keys.ts` and `dueStateKeys`). A person is one item collection under
 * `T#<tenant>#C#<id>`: the profile page `P#…` (one Query), history `H#<kind>#…` (one Query per
 * list), listing entries `L#<label>`, cellar `CELLAR#…`, the one-live-membership guard `MCLUB#…`.
 * Here stay only what the core itself writes: sequence counters, idempotency records and
 * stream-record markers.
 */
export const tenantPk = (tenantId: string) => `T#${tenantId}`;
export const customerPk = (tenantId: string, customerId: string) => `T#${tenantId}#C#${customerId}`;

export const tenantKeys = {
  counter: (tenantId: string, name: string) => ({ pk: tenantPk(tenantId), sk: `COUNTER#${name}` }),
  idempotency: (tenantId: string, scope: string, key: string) => ({
    pk: `T#${tenantId}#IDEM#${scope}`,
    sk: key,
  }),
};

/**
 * Marks a stream record as already applied by one consumer (at-least-once delivery). A marker is
 * written for every record a consumer applies, so they are spread over `DEDUP_SHARDS` partitions
 * by the event id: one partition takes 1 000 writes a second, and an import's backlog drained
 * fast would pass that on one key. Markers are only ever read by their own key.
 */
export const DEDUP_SHARDS = 8;

export const dedupKeys = {
  record: (tenantId: string, consumer: string, eventId: string) => ({
    pk: `T#${tenantId}#DEDUP#${consumer}#${shardOf(eventId, DEDUP_SHARDS)}`,
    sk: eventId,
  }),
};

/** FNV-1a, 32 bits: a stable, well-spread hash of a text (write sharding, due shards). */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A stable spread of ids over `shards` buckets. */
export function shardOf(id: string, shards: number): number {
  return stableHash(id) % shards;
}

/**
 * The progress of a due-work queue (`due-work.ts`): a mark per day that has been drained. Like
 * the due index itself, it belongs to no tenant: the scheduled job works across all of them.
 */
export const dueStateKeys = {
  partition: (queue: string) => `DUE#STATE#${queue}`,
  drained: (queue: string, day: string) => ({ pk: dueStateKeys.partition(queue), sk: day }),
};
