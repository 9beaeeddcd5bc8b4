import type { ApiFunctionName } from '../../shared/http/routes';

/**
 * What each function may do, declared once. The constructs turn an entry into exactly these
 * IAM statements on the one table (and, for `Query`, its indexes) plus `GetSecretValue` on the
 * named secrets. Change an entry together with the code that needs it, never ahead of it.
 */

/**
 * The DynamoDB actions a function can be granted. Item-level actions only: no wildcard, no
 * `Scan` (no request path reads a whole table), no control plane. `TransactWriteItems` and
 * `TransactGetItems` have no IAM action of their own: they need the item-level action of each
 * part (`PutItem`, `UpdateItem`, `DeleteItem`, `ConditionCheckItem`; `GetItem`).
 */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:BatchWriteItem'
  | 'dynamodb:ConditionCheckItem';

/**
 * Secrets the stack generates. The name is the one the code passes to `secret()` in
 * `shared/secrets.ts`; the function receives `<name>_ARN` and may read that one secret.
 */
export type ServiceSecretName = 'CURSOR_SECRET' | 'PORTAL_TOKEN_SECRET' | 'WEBHOOK_SECRET_KEY';

export interface FunctionAccess {
  /** DynamoDB actions on the table; `dynamodb:Query` also covers the table's indexes. */
  readonly table: readonly TableAction[];
  /** Secrets the function reads at cold start. */
  readonly secrets?: readonly ServiceSecretName[];
  /** Sends email through SES (the stack's configuration set). */
  readonly sendsEmail?: boolean;
  /**
   * Sends to the webhook delivery queues (`SendMessage` only): `first` is the queue of first
   * attempts, `every` all the stages (the sender, which queues retries).
   */
  readonly webhookQueues?: 'first' | 'every';
}

const read: readonly TableAction[] = ['dynamodb:GetItem', 'dynamodb:Query'];
const write: readonly TableAction[] = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

/**
 * API functions, one per resource group. The type makes a new group in the route table a
 * compile error until it is declared here.
 */
export const apiAccess: Readonly<Record<ApiFunctionName, FunctionAccess>> = {
  // GET /health proves the table is reachable with one GetItem; /openapi.json touches nothing.
  system: { table: ['dynamodb:GetItem'] },
  // One settings item per tenant: read it, put it (conditional on the version with If-Match).
  settings: { table: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], secrets: ['CURSOR_SECRET'] },
  // Lists are a Query of a listing partition (the table by name, gsi4 by number) and a BatchGetItem
  // of the page's profiles, with sealed cursors; a create is one TransactWriteItems (counter,
  // person, email marker, idempotency record); an email change moves the marker.
  customers: { table: [...read, ...write, 'dynamodb:BatchGetItem'], secrets: ['CURSOR_SECRET'] },
  // Profile collections: the profile page is one Query, the timeline a Query on gsi3; writes
  // check their person exists in the same transaction (ConditionCheck).
  profile: { table: [...read, ...write, 'dynamodb:ConditionCheckItem'], secrets: ['CURSOR_SECRET'] },
  // Read-only: a person's email logs (a Query; an empty first page asks for the person with another).
  emails: { table: ['dynamodb:Query'], secrets: ['CURSOR_SECRET'] },
  classes: { table: ['dynamodb:Query', ...write], secrets: ['CURSOR_SECRET'] },
  // Clubs (with their classes) and memberships; a membership write checks its person exists
  // in the same transaction (ConditionCheck); a gift reads its giver and member at once (BatchGetItem).
  clubs: { table: [...read, ...write, 'dynamodb:ConditionCheckItem', 'dynamodb:BatchGetItem'], secrets: ['CURSOR_SECRET'] },
  // The credits ledger: an entry and the balance change in one transaction, no deletes.
  credits: { table: [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem'], secrets: ['CURSOR_SECRET'] },
  // Orders and reservations are never deleted, only cancelled; each checks its person exists.
  orders: { table: [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'], secrets: ['CURSOR_SECRET'] },
  reservations: {
    table: [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
    secrets: ['CURSOR_SECRET'],
  },
  // Reads one order to render its PDF; serves /portal/me/orders/{orderId}/receipt too, verifying
  // the portal token (a projected GetItem of the profile).
  receipts: { table: ['dynamodb:GetItem'], secrets: ['PORTAL_TOKEN_SECRET'] },
  cellar: { table: [...read, ...write, 'dynamodb:ConditionCheckItem'], secrets: ['CURSOR_SECRET'] },
  // Customer login, password reset and the portal's own routes; signs and verifies portal tokens
  // (also the staff-issued ones from POST /v1/customers/{id}/portal-session); pages the person's orders and cellar.
  // My club: the clubs of one's memberships at once (BatchGetItem), and the same membership writes as staff's.
  portal: { table: [...read, ...write, 'dynamodb:ConditionCheckItem', 'dynamodb:BatchGetItem'], secrets: ['CURSOR_SECRET', 'PORTAL_TOKEN_SECRET'] },
  // Segments: one transaction per create, rule change or delete (the segment, the tenant's set,
  // the count job); the dry count Queries the fact shards (gsi4).
  segments: { table: [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], secrets: ['CURSOR_SECRET'] },
  // Merges and their undo: the two profile pages (Query), locks and words (BatchGetItem), each
  // item's move a transaction of puts (the item, its stub) conditioned on what was read, stubs
  // deleted after an undo (BatchWriteItem), class usage and idempotency records.
  merges: { table: [...read, ...write, 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'], secrets: ['CURSOR_SECRET'] },
  // Privacy export (the person's partition and timeline, Queries; one record put) and erase (the
  // lock, the profile and the email marker in one transaction; then each item scrubbed or deleted).
  privacy: { table: ['dynamodb:Query', ...write, 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'] },
  // Endpoints (sealing their signing secrets) and their delivery logs; a test or a retry is a
  // write the outbox consumer queues, so this function sends to no queue.
  webhooks: { table: [...read, ...write], secrets: ['CURSOR_SECRET', 'WEBHOOK_SECRET_KEY'] },
};

/** Stream consumers, by name in `shared/streams/consumers.ts`. */
export const consumerAccess: Readonly<Record<string, FunctionAccess>> = {
  // Appends a batch's change items (BatchWriteItem): a redelivered record writes its same item again;
  // reads whether those people were erased meanwhile (BatchGetItem: then writes their entries redacted).
  // Records the staff member seen (a conditional put).
  'change-history': { table: ['dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:BatchGetItem'] },
  // Reads what decides the person's effective class (Query, BatchGetItem) and puts the result.
  'class-assignment': { table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] },
  // Puts the people's listing entries their last image names, deletes those only earlier images had (BatchWriteItem).
  'customer-listing': { table: ['dynamodb:BatchWriteItem'] },
  // One transaction per record: a marker item (attribute_not_exists) and the counter update.
  'people-counts': { table: ['dynamodb:PutItem', 'dynamodb:UpdateItem'] },
  // Reads the person's profile page and their facts and entries (Queries), the tenant's set version (GetItem) and
  // segments; one transaction of the facts, the entries and counts that move, conditioned on the set (ConditionCheck);
  // adds to the pickers' values.
  'segment-membership': {
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  },
  // Reads the fact shards (gsi4) and a deleted segment's entries, writes moves in transactions (and, for
  // a person changed meanwhile, what the membership consumer writes), deletes entries in batches.
  'segment-counting': {
    table: [
      'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem',
      'dynamodb:ConditionCheckItem', 'dynamodb:BatchWriteItem',
    ],
  },
  // Reads the person's version and stats (and their orders' dates after a cancellation); one transaction: a marker and the profile's stats.
  'person-stats': { table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] },
  // Reads the person's profile page, their card, the people under their keys (Query), the owners of
  // their additional emails (GetItem) and the pairs already stored (BatchGetItem); puts and deletes
  // key entries (BatchWriteItem), pairs and cards; adds a pair to another's card.
  'duplicate-candidates': { table: [...read, ...write, 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'] },
  // One transaction per record: a marker item (attribute_not_exists) and the club's counter updates.
  'club-stats': { table: ['dynamodb:PutItem', 'dynamodb:UpdateItem'] },
  // Reads what an email needs, logs it before sending (once per record), sends it, records the
  // outcome; for a webhook endpoint disabled for failing, a marker of the record, then the admins' alert.
  notifications: { table: [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem'], sendsEmail: true },
  // Reads the winery's endpoints (one Query), puts each new delivery once, queues first attempts.
  'webhook-outbox': { table: ['dynamodb:Query', 'dynamodb:PutItem'], webhookQueues: 'first' },
};

/** Scheduled jobs, by name in `shared/jobs/jobs.ts`. */
export const jobAccess: Readonly<Record<string, FunctionAccess>> = {
  // Queries the day's shards of gsi2 and its drained marks; applies each membership's due steps with a
  // version-checked put, its timeline events and (at a gift's end) the club guard's delete, reading the
  // membership again after a lost race (GetItem); marks a drained day.
  'pause-expiry': { table: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'] },
  // The same due work as pause-expiry, for segments due to be weighed again (Query of the day's shards and of
  // its drained marks, a mark put): one transaction each, the due keys off and the refresh job on.
  'segment-refresh': { table: ['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem'] },
};

/** Functions fed by other AWS events (`functions/events/<name>.ts`), wired in `email.ts`. */
export const eventAccess: Readonly<Record<string, FunctionAccess>> = {
  // Sets the delivery status on the email log the event's tags name.
  // …or, when a merge moved the log, reads the stub it left and follows it.
  'ses-events': { table: ['dynamodb:UpdateItem', 'dynamodb:GetItem'] },
};

/** Functions fed by queues (`functions/queues/<name>.ts`), wired in `webhooks.ts`. */
export const queueAccess: Readonly<Record<string, FunctionAccess>> = {
  // Reads a delivery and its endpoint, claims and records attempts with conditional updates
  // (disabling an endpoint that fails for 5 days: the notifications consumer emails its admins),
  // opens the signing secrets, queues retries.
  'webhook-sender': { table: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], secrets: ['WEBHOOK_SECRET_KEY'], webhookQueues: 'every' },
};

/**
 * The access of one function. A function without a declaration fails synth, so nothing is
 * deployed with guessed (or no) permissions.
 */
export function accessOf(
  declarations: Readonly<Record<string, FunctionAccess>>,
  name: string,
  what: string,
): FunctionAccess {
  const access = declarations[name];
  if (!access) {
    throw new Error(`No IAM access is declared for ${what} "${name}": add it to infra/cdk/access.ts.`);
  }
  return access;
}
