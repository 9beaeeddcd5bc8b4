import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../http/errors';
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

const MAX_CONFLICT_RETRIES = 6;

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
      if (attempt >= MAX_CONFLICT_RETRIES) {
        throw new ConflictError('concurrent-update', 'Other requests are changing the same records; nothing was written. Try again.');
      }
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20 * 2 ** Math.min(attempt, 4)));
    }
  }
}
