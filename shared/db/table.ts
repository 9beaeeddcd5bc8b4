/**
 * The one table, described once. CDK builds the real table from this and the local stack
 * creates the DynamoDB Local table from it, so infrastructure and code cannot drift.
 *
 * Every key of every item and index starts with the tenant (`T#<tenant>`), see `keys.ts`.
 */
export interface IndexDefinition {
  /** Index name, e.g. `gsi1`. */
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** What each index is for, so a reader of the CDK template knows why it exists. */
  readonly purpose: string;
}

export interface TableDefinition {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly globalIndexes: readonly IndexDefinition[];
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes the item after it. */
  readonly timeToLiveAttribute: string;
  readonly streamView: 'NEW_AND_OLD_IMAGES';
}

export const tableDefinition: TableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalIndexes: [
    {
      name: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
      purpose:
        'free: it held the people listings by name until they moved into the table (shared/people/people-listing.ts); ' +
        'kept rather than dropped and added again, for the next list that needs an order of its own',
    },
    {
      name: 'gsi2',
      partitionKey: 'gsi2pk',
      sortKey: 'gsi2sk',
      purpose:
        'sparse: work due on a date across tenants, DUE#<day>#<shard> (memberships by their next due day: a booked pause, a pause end, a gift reminder or end), and DUE#SEGMENT#<day>#<shard> (segments whose rules count days, by the day they are weighed again), for the scheduled due work',
    },
    {
      name: 'gsi3',
      partitionKey: 'gsi3pk',
      sortKey: 'gsi3sk',
      purpose: "sparse: each person's timeline, newest first (notes, emails, orders, reservations, credits, memberships, certificates)",
    },
    {
      // One index for the tenant's other list orders, told apart by partition prefix: DynamoDB
      // adds one index per table update, and each of these lists is small per partition.
      name: 'gsi4',
      partitionKey: 'gsi4pk',
      sortKey: 'gsi4sk',
      purpose:
        'sparse: tenant lists in their own order: people listings (everyone and each filter) by customer number (also newest), ' +
        'staff directory by name, reservations of a day by start time, orders of a day by time placed',
    },
  ],
  timeToLiveAttribute: 'expiresAt',
  streamView: 'NEW_AND_OLD_IMAGES',
};

/** All key attributes are strings. */
export function keyAttributeNames(definition: TableDefinition = tableDefinition): string[] {
  const names = [definition.partitionKey, definition.sortKey];
  for (const index of definition.globalIndexes) names.push(index.partitionKey, index.sortKey);
  return names;
}
