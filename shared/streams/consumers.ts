/**
 * The consumer table: every function that reads the table's stream, with the filter that wakes
 * it. CDK turns each entry into an event source mapping (FilterCriteria, partial batch
 * responses, bisect on error, bounded retries, an on-failure queue); the local poller applies
 * the same filters to DynamoDB Local's stream and honours `batchItemFailures` the same way.
 *
 * Filters use Lambda's event filtering syntax on the DynamoDB stream record. The local poller
 * implements the subset used here (exact values; `infra/local/stream-filter.ts` refuses the rest); an
 * event matches when any one filter matches (OR), and every key in a filter must match (AND).
 */
export interface ConsumerDefinition {
  /** `functions/streams/<name>.ts` exports `handler`. */
  readonly name: string;
  readonly description: string;
  readonly filters: readonly Record<string, unknown>[];
  readonly batchSize: number;
  /**
   * Records of different items applied at once (each item's records stay in stream order). More
   * than 1 only where the effects of different items never meet on one item (the dashboard
   * counters do: they stay one at a time), so a big import's backlog drains that much faster.
   */
  readonly itemsInParallel: number;
  /** Retries of a failing record before it goes to the dead-letter queue. */
  readonly maxRetries: number;
}

/** Matches a record whose new or old image is an item of one of these types. */
export function itemTypes(...types: string[]): Record<string, unknown>[] {
  return [
    { dynamodb: { NewImage: { type: { S: types } } } },
    { dynamodb: { OldImage: { type: { S: types } } } },
  ];
}

export const consumers: readonly ConsumerDefinition[] = [
  {
    name: 'change-history',
    description:
      "Writes the audit log: who changed which field of a person's items, old and new values, secrets redacted; " +
      'records the staff member who did it in the staff directory.',
    filters: itemTypes('customer', 'address', 'card', 'customer-email', 'note', 'membership', 'certificate', 'cellar-item', 'portal-session', 'merged-customer', 'privacy-export'),
    batchSize: 100,
    itemsInParallel: 8,
    maxRetries: 5,
  },
  {
    name: 'class-assignment',
    description: "Recomputes a person's effective class and clubs from their live memberships and own class (and everyone's a class's new discount may move), " +
      "and copies a club's new names onto its live memberships.",
    filters: itemTypes('membership', 'customer', 'club', 'customer-class'),
    batchSize: 50,
    itemsInParallel: 1,
    maxRetries: 5,
  },
  {
    name: 'customer-listing',
    description:
      'Keeps the people listing entries (everyone, flags, classes, clubs, search words) in step with each profile, ' +
      'a batch at once; a change of no label and no search word writes nothing.',
    filters: itemTypes('customer'),
    batchSize: 100,
    itemsInParallel: 4,
    maxRetries: 5,
  },
  {
    name: 'people-counts',
    description: 'Keeps the dashboard counts (people, club members) per tenant and per filter (flag, class, club).',
    filters: itemTypes('customer'),
    batchSize: 100,
    itemsInParallel: 1,
    maxRetries: 5,
  },
  {
    name: 'person-stats',
    description:
      "Moves each person's order statistics (placed orders, lifetime value, first and last order) where an order's own " +
      'transaction did not: a cancelled order is taken back, a merged one moves to the other person.',
    filters: itemTypes('order'),
    batchSize: 100,
    itemsInParallel: 4,
    maxRetries: 5,
  },
  {
    name: 'segment-membership',
    description:
      "Weighs a changed person against the tenant's segments and writes only what moved: the person's facts, and the entry " +
      'and count of each segment they enter or leave.',
    filters: itemTypes('customer', 'address'),
    batchSize: 50,
    itemsInParallel: 4,
    maxRetries: 5,
  },
  {
    name: 'segment-counting',
    description: "Runs a segment's background count (new rules), daily refresh or removal, a step at a time, each step waking the next.",
    filters: [{ dynamodb: { NewImage: { type: { S: ['segment-count'] }, status: { S: ['running'] } } } }],
    batchSize: 10,
    itemsInParallel: 2,
    maxRetries: 5,
  },
  {
    name: 'duplicate-candidates',
    description:
      'Files each person under blocking keys (emails, phones, postal code and name sound, birth date, street) and ' +
      'scores the people who share one: the possible duplicates, likeliest first.',
    filters: itemTypes('customer', 'address', 'customer-email'),
    batchSize: 50,
    itemsInParallel: 2,
    maxRetries: 5,
  },
  {
    name: 'club-stats',
    description: "Keeps each club's stats: members by status, joins, cancellations and holds by reason, saves, and join days for the median tenure.",
    filters: itemTypes('membership'),
    batchSize: 100,
    // Records of different memberships meet on their club's counters: one at a time.
    itemsInParallel: 1,
    maxRetries: 5,
  },
  {
    name: 'notifications',
    description:
      "Sends the emails changes mean (welcome, password reset, club, order, reservation), logged and sent once each, and the admins' alert when a webhook endpoint is disabled for failing.",
    filters: [
      { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['customer'] }, sendWelcomeEmail: { BOOL: [true] } } } },
      { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['password-reset-request', 'order', 'reservation'] } } } },
      { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { type: { S: ['membership'] } } } },
      {
        eventName: ['MODIFY'],
        dynamodb: { OldImage: { status: { S: ['enabled'] } }, NewImage: { type: { S: ['webhook'] }, status: { S: ['disabled'] }, disabledReason: { S: ['failing'] } } },
      },
    ],
    batchSize: 10,
    itemsInParallel: 1,
    maxRetries: 3,
  },
  {
    name: 'webhook-outbox',
    description:
      "Turns changes of people, memberships, orders, reservations and bounced emails into webhook deliveries (one per event and endpoint) and queues their attempts.",
    filters: [
      ...itemTypes('customer', 'merged-customer', 'membership', 'order', 'reservation'),
      { dynamodb: { NewImage: { type: { S: ['email-log'] }, status: { S: ['bounced'] } } } },
      { dynamodb: { NewImage: { type: { S: ['webhook-delivery'] }, status: { S: ['pending'] } } } },
    ],
    batchSize: 50,
    itemsInParallel: 8,
    maxRetries: 5,
  },
];
