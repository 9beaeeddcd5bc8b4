import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, StaleVersionError } from '../errors';
import { dynamo } from './client';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One write of a transaction, named so a failed condition can be told apart from the others. */
export interface NamedWrite {
  readonly name: string;
  readonly write: TransactItem;
}

/** One or more conditions of the transaction did not hold; nothing was written. */
export class ConditionsFailedError extends Error {
  constructor(readonly failed: ReadonlySet<string>) {
    super(`Transaction conditions failed: ${[...failed].join(', ')}`);
    this.name = 'ConditionsFailedError';
  }
}

/**
 * The one lost-race policy. Its pieces live here (`withLostRaceRetry`, `checkIfMatch`,
 * `transactWrite`); `updateFields` and `deleteWithActor` (`item-writes.ts`) apply the same
 * policy to a single item without a read, by telling 404, 412 and 409 apart from the image
 * DynamoDB returns with a failed condition. Repositories never decide a lost race otherwise:
 *
 * - A write without `If-Match` either needs no read (a field-level update conditioned on its
 *   invariants) or reads, decides and writes conditioned on what it read. When a condition
 *   fails because someone wrote in between, `withLostRaceRetry` reads and decides again; after
 *   its attempts the answer is 409 `concurrent-update` (nothing was written, try again).
 * - With `If-Match`, the attempt checks the version it reads against it: a version that moved
 *   is a 412, and only then. A failed condition on another item (a sibling, the profile) is
 *   retried like any lost race, because the client's copy may still be current.
 * - Never a 500: a failed condition that a repository did not turn into a domain error
 *   (duplicate email, class in use, ...) is a lost race by definition.
 *
 * A `TransactionConflict` (another transaction in flight on the same items) is retried by
 * `transactWrite` itself, with the same write, and ends in the same 409.
 */
const MAX_ATTEMPTS = 5;
const MAX_CONFLICT_RETRIES = 6;

export function concurrentUpdate(): ConflictError {
  return new ConflictError('concurrent-update', 'Other requests kept changing the same records; nothing was written. Try again.');
}

/** A condition of a write did not hold: the signature of a lost race once domain rules are ruled out. */
export function isLostRace(error: unknown): boolean {
  return error instanceof ConditionsFailedError || error instanceof ConditionalCheckFailedException;
}

/** The version the client sent in `If-Match` against the one just read: 412 when it moved. */
export function checkIfMatch(ifMatch: number | undefined, version: number): void {
  if (ifMatch !== undefined && ifMatch !== version) throw new StaleVersionError();
}

const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 10 * 2 ** Math.min(attempt, 4)));

/**
 * Runs `attempt` (read, decide, write) until its write goes through. A lost race makes it run
 * again (it reads again, and checks `If-Match` again against what it reads); after the last
 * attempt a lost race is a 409 `concurrent-update`.
 */
export async function withLostRaceRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isLostRace(error)) throw error;
      if (n >= MAX_ATTEMPTS) throw concurrentUpdate();
      await backoff(n);
    }
  }
}

/**
 * Writes all or nothing. A condition that fails becomes `ConditionsFailedError` naming the
 * writes whose conditions failed; a conflict with another transaction in flight is retried
 * with jittered backoff (DynamoDB leaves that to the caller), and one that outlasts the
 * retries is a 409 `concurrent-update`: nothing was written, the client may try again.
 */
export async function transactWrite(writes: readonly NamedWrite[], token?: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await dynamo.send(
        new TransactWriteCommand({ TransactItems: writes.map((w) => w.write), ClientRequestToken: token }),
      );
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = new Set<string>();
      reasons.forEach((reason, index) => {
        if (reason.Code === 'ConditionalCheckFailed') failed.add(writes[index]?.name ?? `#${index}`);
      });
      if (failed.size > 0) throw new ConditionsFailedError(failed);
      if (!reasons.some((reason) => reason.Code === 'TransactionConflict')) throw error;
      if (attempt >= MAX_CONFLICT_RETRIES) throw concurrentUpdate();
      await backoff(attempt);
    }
  }
}
