import { customerPk, shardOf, tenantPk } from '../db/keys';

/** The buckets of `emailsHeld`: many, so that a winery's few additional emails mark few of them. */
export const HELD_EMAIL_BUCKETS = 65_536;

/**
 * Every key of the duplicates aggregate, declared once:
 *
 *   T#<tenant>#DUPKEY#<key>, sk <customerId>   who is filed under a blocking key (`matching.ts`),
 *                                              with what the pair scores need of them
 *   T#<tenant>#DUPS, sk <pairId>               a possible duplicate pair (or a dismissed one, kept
 *                                              so it never comes back); a suggested pair is also
 *                                              on gsi4 under the same partition, sorted by score
 *   T#<tenant>#C#<id>, sk D#CARD               the person's card: their keys and the pairs they
 *                                              are in, so a change knows what it replaces
 *   T#<tenant>#DUPHELD#<bucket>, sk HELD        some additional email hashing to the bucket was
 *                                              filed: an own email whose bucket is unmarked is
 *                                              held by nobody, and is not looked up (the bucket
 *                                              is a number, not the email: nothing to erase)
 */
export const duplicateKeys = {
  keyEntry: (tenantId: string, key: string, customerId: string) => ({ pk: `${tenantPk(tenantId)}#DUPKEY#${key}`, sk: customerId }),
  keyPartition: (tenantId: string, key: string) => `${tenantPk(tenantId)}#DUPKEY#${key}`,
  pair: (tenantId: string, pairId: string) => ({ pk: `${tenantPk(tenantId)}#DUPS`, sk: pairId }),
  pairsPartition: (tenantId: string) => `${tenantPk(tenantId)}#DUPS`,
  /** gsi4: a suggested pair, likeliest first when read backwards. */
  suggested: (tenantId: string, pairId: string, score: number) => ({ gsi4pk: `${tenantPk(tenantId)}#DUPS`, gsi4sk: `${score.toFixed(3)}#${pairId}` }),
  card: (tenantId: string, customerId: string) => ({ pk: customerPk(tenantId, customerId), sk: 'D#CARD' }),
  emailsHeld: (tenantId: string, email: string) => ({
    pk: `${tenantPk(tenantId)}#DUPHELD#${shardOf(email.toLowerCase(), HELD_EMAIL_BUCKETS)}`,
    sk: 'HELD',
  }),
};
